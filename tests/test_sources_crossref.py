"""Crossref /works: the parser on real recorded replies, and the cursor-paged client over a real socket."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.models import Relation
from osteodigest.crawler.sources import crossref
from osteodigest.crawler.topics import Topic

from tests.clocks import FakeClock
from tests.conftest import fixture_path
from tests.emulators.jsonapi import Fault, JsonReplay, dumps, recorded_headers, source_context

WIDGET = "habanero_works_list_cursor_widget.json"
ECOLOGY = "habanero_works_list_query_ecology_author_boettiger.json"
PONE = "habanero_work_single_10.1371_journal.pone.0033693.json"

WIDGETS = Topic(
    name="widgets",
    label="Widgets",
    queries={"pubmed_query": "widget", "crossref_query": "widget"},
    terms=("widget",),
)


def reply(name: str) -> dict:
    return json.loads(fixture_path("crossref", name).read_bytes())


def headers(name: str) -> dict[str, str]:
    return recorded_headers(fixture_path("crossref", name + ".meta.json"))


def three_pages() -> list[bytes]:
    """Page 1 is the real cursor reply. Page 2 is derived from another real work list, given the same
    ``next-cursor`` (Crossref's cursor is a scroll id that often does not change). Page 3 is the real
    cursor reply emptied of items: how Crossref answers past the end."""
    first = reply(WIDGET)
    cursor = first["message"]["next-cursor"]
    second = reply(ECOLOGY)
    second["message"]["next-cursor"] = cursor
    last = reply(WIDGET)
    last["message"]["items"] = []
    return [dumps(first), dumps(second), dumps(last)]


def serve(httpserver, pages: list[bytes], meta: str = WIDGET) -> JsonReplay:
    remaining = iter(pages)
    return JsonReplay(httpserver, "/crossref/", lambda request: next(remaining), "works", headers(meta))


def test_single_works_keep_jats_abstract_authors_journal_and_corrections():
    (jor,) = crossref.parse_works(
        fixture_path("crossref", "habanero_work_single_10.1002_jor.1100150407.json").read_bytes()
    ).records
    assert jor.abstract.startswith("Twenty‐two beagles were divided") and "jats:" not in jor.abstract
    assert not jor.abstract.startswith("Abstract")
    assert jor.authors[:2] == ("Lieber RL", "Jacks TM")
    assert (jor.journal, jor.issn, jor.volume, jor.issue, jor.pages) == (
        "Journal of Orthopaedic Research",
        ("0736-0266", "1554-527X"),
        "15",
        "4",
        "519-527",
    )
    assert (jor.published, jor.entered, jor.kind) == ("1997-07", "2005-02-24", "article")
    (pone,) = crossref.parse_works(fixture_path("crossref", PONE).read_bytes()).records
    assert pone.relations == (
        Relation("corrected_by", "doi", "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"),
    )
    assert (
        pone.kind == "article" and pone.pages == "e33693" and pone.extra["crossref_type"] == "journal-article"
    )


def test_preprint_relations_are_kept():
    records = {r.doi: r for r in crossref.parse_works(fixture_path("crossref", ECOLOGY).read_bytes()).records}
    assert records["10.1002/ece3.2314"].relations == (Relation("has_preprint", "doi", "10.1101/014852"),)
    # Derived from the real work: the preprint's side of the same link, as bioRxiv deposits it.
    item = reply(ECOLOGY)["message"]["items"][0]
    item.update(
        type="posted-content", relation={"is-preprint-of": [{"id-type": "doi", "id": "10.1002/ECE3.2314"}]}
    )
    preprint = crossref.parse_work(item)
    assert preprint.kind == "preprint" and preprint.relations == (
        Relation("preprint_of", "doi", "10.1002/ece3.2314"),
    )


@pytest.mark.parametrize(
    ("update_type", "kind", "relation"),
    [
        ("correction", "erratum", "corrects"),
        ("retraction", "retraction", "retracts"),
        ("expression_of_concern", "expression_of_concern", "concern_for"),
    ],
)
def test_update_to_makes_the_record_a_notice(update_type, kind, relation):
    # Derived from the real correction link of pone.0033693: the notice's own record points back to the
    # article with update-to.
    work = reply(PONE)["message"]
    updated_by = work.pop("updated-by")[0]
    notice = dict(
        work, DOI=updated_by["DOI"], **{"update-to": [dict(updated_by, DOI=work["DOI"], type=update_type)]}
    )
    record = crossref.parse_work(notice)
    assert record.kind == kind
    assert record.relations == (Relation(relation, "doi", "10.1371/journal.pone.0033693"),)


def test_failed_and_odd_replies_raise_one_line_parse_errors():
    with pytest.raises(
        ParseError, match="Crossref refused the request: This route does not support field query"
    ):
        crossref.parse_works(fixture_path("crossref", "habanero_work_400_error.json").read_bytes())
    with pytest.raises(ParseError, match="expected a JSON object"):
        crossref.parse_works(b"[]")
    with pytest.raises(ParseError, match="no status"):
        crossref.parse_works(fixture_path("europepmc", "pyeuropepmc_search_no_results.json").read_bytes())
    with pytest.raises(ParseError, match="no items"):
        crossref.parse_works(b'{"status": "ok", "message-type": "work-list", "message": {}}')


def test_rate_from_recorded_headers():
    assert crossref.rate_from_headers(headers(WIDGET)) == 5.0
    assert crossref.rate_from_headers({"x-rate-limit-limit": "50", "x-rate-limit-interval": "1m"}) == 50 / 60
    assert crossref.rate_from_headers({"x-rate-limit-limit": "5"}) is None


def test_cursor_paging_parameters_and_end_of_results(httpserver):
    service = serve(httpserver, three_pages())
    ctx = source_context("crossref", service.base_url, rows=20, match_topics=False)
    ctx.topics = ctx.topics[:1]
    (result,) = crossref.fetch(ctx)
    assert result.ok and result.state == {"until": "2026-11-21"}
    cursor = reply(WIDGET)["message"]["next-cursor"]
    assert [c.args["cursor"] for c in service.calls] == ["*", cursor, cursor]
    params = service.calls[0].args
    assert params["query.bibliographic"] == ctx.topics[0].query("crossref_query")
    assert (
        params["filter"] == "from-created-date:2026-10-22,until-created-date:2026-11-21,type:journal-article"
    )
    assert params["rows"] == "20" and params["mailto"] == "tests@example.org"
    assert {"abstract", "relation", "update-to"} <= set(params["select"].split(","))
    assert len(result.records) == 40 and {r.topics for r in result.records} == {("osteonecrosis",)}


def test_a_short_page_is_the_last(httpserver):
    service = serve(httpserver, [fixture_path("crossref", WIDGET).read_bytes()])
    ctx = source_context("crossref", service.base_url, rows=1000, match_topics=False)
    ctx.topics = ctx.topics[:1]
    (result,) = crossref.fetch(ctx)
    assert len(service.calls) == 1 and service.calls[0].args["rows"] == "1000"
    assert result.ok and len(result.records) == 20


def test_the_announced_rate_limit_is_obeyed(httpserver):
    service = serve(httpserver, three_pages())
    clock = FakeClock()
    ctx = source_context("crossref", service.base_url, clock=clock, rows=20, match_topics=False)
    ctx.topics = ctx.topics[:1]
    crossref.fetch(ctx)
    host = service.base_url.split("/")[2]
    assert ctx.session.limiter.interval(host) == pytest.approx(1 / 5), "x-rate-limit-limit 5 per 1s"
    assert len(service.calls) == 3
    assert clock.sleeps == [pytest.approx(0.2)] * 2, "each page after the first waits for the announced rate"


def test_items_off_topic_are_dropped_and_paging_stops_at_an_off_topic_page(httpserver):
    # Page 1 derived from two real lists: ten widget works and ten ecology works; page 2 the ecology list.
    mixed = reply(WIDGET)
    mixed["message"]["items"] = mixed["message"]["items"][:10] + reply(ECOLOGY)["message"]["items"][:10]
    off_topic = reply(ECOLOGY)
    off_topic["message"]["next-cursor"] = mixed["message"]["next-cursor"]
    service = serve(httpserver, [dumps(mixed), dumps(off_topic), dumps(mixed)])
    ctx = source_context("crossref", service.base_url, rows=20, topics=[WIDGETS])
    (result,) = crossref.fetch(ctx)
    assert len(service.calls) == 2, "the ranking only gets worse after a page with nothing on topic"
    assert len(result.records) == 10 and all("widget" in r.title.lower() for r in result.records)
    assert result.ok and result.records[0].topics == ("widgets",)


def test_max_pages_stops_with_a_warning(httpserver):
    service = serve(httpserver, three_pages())
    ctx = source_context("crossref", service.base_url, rows=20, match_topics=False, max_pages=1)
    ctx.topics = ctx.topics[:1]
    (result,) = crossref.fetch(ctx)
    assert len(service.calls) == 1 and result.ok
    assert "stopped after 1 pages of 454 results" in result.warnings[0]


def test_429_with_retry_after_and_503_are_retried(httpserver):
    service = serve(httpserver, three_pages())
    service.faults.extend([Fault(429, {"Retry-After": "1"}, b"Too Many Requests"), Fault(503, {}, b"")])
    clock = FakeClock()
    ctx = source_context("crossref", service.base_url, clock=clock, rows=20, match_topics=False)
    ctx.topics = ctx.topics[:1]
    (result,) = crossref.fetch(ctx)
    assert result.ok, result.error
    assert len(service.calls) == 5 and len(result.records) == 40
    # Retry-After: 1 honoured, then the back-off (0.05 s doubled); the second page is sent 1.1 s after the
    # first request, past the announced 0.2 s, and the third waits 0.2 s after it.
    assert clock.sleeps == [1.0, 0.1, pytest.approx(0.2)]


def test_a_400_reports_crossrefs_reason(httpserver):
    httpserver.expect_request("/crossref/works").respond_with_data(
        fixture_path("crossref", "habanero_work_400_error.json").read_bytes(),
        status=400,
        content_type="application/json;charset=utf-8",
    )
    ctx = source_context("crossref", httpserver.url_for("/crossref/"))
    ctx.topics = ctx.topics[:1]
    (result,) = crossref.fetch(ctx)
    assert result.error.startswith("works query for topic osteonecrosis: HTTP 400 BAD REQUEST from localhost")
    assert result.error.endswith(
        "Crossref refused the request: This route does not support field query parameters"
    )
    assert result.state == {}


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        # A real publisher page standing in for the HTML a proxy serves where JSON was expected.
        (
            lambda: Fault(replace_with=fixture_path("html", "papis_NBER_w33843.html").read_bytes()),
            "an HTML page",
        ),
        (lambda: Fault(truncate_to=10_000), "truncated JSON"),
        # Derived from the real reply: the recorded bytes with one comma knocked out.
        (
            lambda: Fault(
                replace_with=fixture_path("crossref", ECOLOGY).read_bytes().replace(b'",', b'"', 1)
            ),
            "malformed JSON",
        ),
    ],
)
def test_a_bad_second_page_keeps_page_one_and_the_watermark(httpserver, fault, cause):
    service = serve(httpserver, three_pages())
    service.faults_at[2] = fault()
    ctx = source_context("crossref", service.base_url, rows=20, match_topics=False)
    ctx.topics = ctx.topics[:1]
    (result,) = crossref.fetch(ctx)
    assert result.error.startswith(f"works query for topic osteonecrosis: Crossref works: {cause}")
    assert "\n" not in result.error and result.raw_failed
    assert result.state == {} and len(result.records) == 20


def test_topic_without_a_query_asks_nothing(httpserver):
    service = serve(httpserver, three_pages())
    ctx = source_context("crossref", service.base_url)
    ctx.topics = [replace(ctx.topics[0], queries={})]
    (result,) = crossref.fetch(ctx)
    assert service.calls == [] and result.ok and "no crossref_query" in result.warnings[0]
