"""Europe PMC: the parser on real core replies, and the cursor-paged client over a real local socket."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest
from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.sources import europepmc
from werkzeug import Request

from tests.clocks import FakeClock
from tests.conftest import fixture_path
from tests.emulators.jsonapi import Fault, JsonReplay, dumps, source_context

CORE = "pyeuropepmc_search_cancer_core.json"
FIRST_CURSOR = "AoIIP4ZawSg1MzEyODI1MA=="


def core_reply() -> dict:
    return json.loads(fixture_path("europepmc", CORE).read_bytes())


def last_page(asked_cursor: str, core: bytes | None = None) -> bytes:
    """Derived from the real core reply: a short final page whose nextCursorMark echoes the cursor it was
    asked with, which is how Europe PMC marks the end of a cursor walk."""
    reply = core_reply() if core is None else json.loads(core)
    reply["resultList"]["result"] = reply["resultList"]["result"][20:]
    reply["nextCursorMark"] = asked_cursor
    reply.pop("nextPageUrl", None)
    return dumps(reply)


def two_page_service() -> Callable[[Request], bytes]:
    """A reply per ``cursorMark``: the real core reply, then the last page derived from it.

    The reply is read here, in the test's thread, so an absent fixture skips the test; read inside
    the reply, the skip would be raised in the server's thread instead."""
    core = fixture_path("europepmc", CORE).read_bytes()

    def reply(request: Request) -> bytes:
        cursor = request.args.get("cursorMark")
        return core if cursor == "*" else last_page(cursor, core)

    return reply


@pytest.fixture
def service(httpserver):
    return JsonReplay(httpserver, "/europepmc/webservices/rest/", two_page_service(), "search")


def records_of(results):
    return [record for result in results for record in result.records]


def test_parse_core_reply_keeps_ids_abstract_types_and_notices():
    page = europepmc.parse_search(fixture_path("europepmc", CORE).read_bytes())
    assert page.size == 25 and len(page.records) == 25 and page.hit_count == 5059039
    assert page.next_cursor == FIRST_CURSOR
    by_pmid = {r.pmid: r for r in page.records}
    erratum = by_pmid["39709208"]
    assert erratum.kind == "erratum" and erratum.pmcid == "PMC12124214"
    assert erratum.relations == (europepmc.Relation("corrects", "pmid", "39293462"),)
    article = by_pmid["40468710"]
    assert article.source_id == "MED:40468710" and article.doi == "10.1111/bjhp.12807"
    assert [label for label, _ in article.abstract_sections] == [
        "Objective",
        "Design",
        "Methods",
        "Results",
        "Conclusions",
    ]
    assert (
        article.abstract.startswith("Objective: This study investigated") and "<h4>" not in article.abstract
    )
    assert article.authors[:2] == ("Al-Abbadey M", "Tomescu-Stachie S")
    assert article.journal == "British journal of health psychology" and article.issn == (
        "1359-107X",
        "2044-8287",
    )
    assert (article.volume, article.issue, article.pages) == ("30", "3", "e12807")
    assert (article.published, article.entered) == ("2025-09-01", "2025-06-11")
    assert "Humans" in article.mesh and "Psychological Flexibility" in article.keywords
    review = next(r for r in page.records if "Systematic Review" in r.publication_types)
    assert review.kind == "article" and "review-article" in review.publication_types


def test_preprint_source_becomes_a_preprint_record():
    # Derived from a real core result: the same object as Europe PMC files a preprint (SRC:PPR).
    item = core_reply()["resultList"]["result"][2]
    item.update(source="PPR", id="PPR123456")
    for key in ("pmid", "pmcid"):
        item.pop(key, None)
    record = europepmc.parse_result(item)
    assert record.kind == "preprint" and record.source_id == "PPR:PPR123456" and record.pmid is None
    assert record.url == "https://europepmc.org/article/PPR/PPR123456"


def test_zero_hit_reply_has_no_records_and_no_cursor():
    page = europepmc.parse_search(
        fixture_path("europepmc", "pyeuropepmc_search_no_results.json").read_bytes()
    )
    assert page.records == [] and page.next_cursor is None and page.hit_count == 0


def test_cursor_paging_stops_when_the_cursor_comes_back_unchanged(service):
    state = {"osteoporosis": {"until": "2026-11-01"}}
    results = europepmc.fetch(source_context("europepmc", service.base_url, state=state))
    assert [c.args["cursorMark"] for c in service.calls] == ["*", FIRST_CURSOR] * 2
    first, second = service.calls[0].args, service.calls[2].args
    assert first["query"].startswith('((TITLE_ABS:"osteonecrosis"')
    assert first["query"].endswith("AND FIRST_IDATE:[2026-10-22 TO 2026-11-21]"), "first run: initial_days"
    assert second["query"].endswith("AND FIRST_IDATE:[2026-10-25 TO 2026-11-21]"), "watermark minus lookback"
    assert (first["resultType"], first["format"], first["pageSize"]) == ("core", "json", "1000")
    assert all(r.ok and r.state == {"until": "2026-11-21"} for r in results)
    assert [len(r.records) for r in results] == [30, 30]
    assert {r.topics for r in results[1].records} == {("osteoporosis",)}


def test_paging_stops_when_the_cursor_is_missing(httpserver):
    replies = iter(
        [
            fixture_path("europepmc", CORE).read_bytes(),
            fixture_path("europepmc", "pyeuropepmc_search_no_results.json").read_bytes(),
        ]
    )
    service = JsonReplay(httpserver, "/rest/", lambda request: next(replies), "search")
    ctx = source_context("europepmc", service.base_url, page_size=1000)
    ctx.topics = ctx.topics[:1]
    (result,) = europepmc.fetch(ctx)
    assert len(service.calls) == 2 and result.ok and len(result.records) == 25
    assert service.calls[0].args["pageSize"] == "1000", "the page size configured"


def test_429_with_retry_after_and_503_are_retried(service):
    service.faults.extend([Fault(429, {"Retry-After": "1"}, b"Too Many Requests"), Fault(503)])
    clock = FakeClock()
    results = europepmc.fetch(source_context("europepmc", service.base_url, clock=clock, rate_limit=1000.0))
    assert all(r.ok for r in results), [r.error for r in results]
    assert len(service.calls) == 6 and len(records_of(results)) == 60
    # The 1 ms spacing of the (fast) rate limit aside: a rate of 0 is refused as "no limit at all".
    waits = [s for s in clock.sleeps if s > 0.002]
    assert waits == [1.0, 0.1], "Retry-After: 1 honoured, then the back-off (0.05 s doubled)"


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        # A real publisher page (HAL) standing in for the HTML a proxy serves where JSON was expected.
        (
            lambda: Fault(replace_with=fixture_path("html", "papis_HAL_HAL_jpa_00235190.html").read_bytes()),
            "an HTML page",
        ),
        (lambda: Fault(truncate_to=4000), "truncated JSON"),
        # Derived from the real reply: one separator of it made invalid.
        (
            lambda: Fault(replace_with=last_page("x").replace(b'"hitCount": ', b'"hitCount"; ', 1)),
            "malformed JSON at line 1",
        ),
    ],
)
def test_a_bad_second_page_keeps_page_one_and_the_watermark(service, fault, cause):
    service.faults_at[2] = fault()
    results = europepmc.fetch(source_context("europepmc", service.base_url))
    failed, other = results
    assert failed.error.startswith("search for topic osteonecrosis: Europe PMC search: " + cause)
    assert "\n" not in failed.error
    assert failed.state == {}, "watermark must not advance"
    assert len(failed.records) == 25, "page one is kept"
    assert failed.raw_failed
    assert other.ok and other.state == {"until": "2026-11-21"}, "the next topic is unaffected"


def test_topic_without_a_query_asks_nothing(httpserver):
    # Never asked (no fixture needed): any request at all fails the assertion below.
    service = JsonReplay(httpserver, "/rest/", lambda request: b"", "search")
    ctx = source_context("europepmc", service.base_url)
    ctx.topics = [replace(ctx.topics[0], queries={})]
    (result,) = europepmc.fetch(ctx)
    assert service.calls == [] and result.ok and "no europepmc_query" in result.warnings[0]


def test_parse_errors_name_the_cause():
    with pytest.raises(ParseError, match="no resultList"):
        europepmc.parse_search(b'{"version": "6.9", "hitCount": 0}')
    with pytest.raises(ParseError, match="empty reply"):
        europepmc.parse_search(b"")


def test_the_runner_isolates_a_failing_europepmc_from_the_other_api_sources(httpserver, tmp_path):
    from osteodigest.crawler.run import run_fetch
    from osteodigest.crawler.settings import settings_from_dict
    from osteodigest.crawler.store import Store

    from tests.fetching import TODAY
    from tests.test_sources_biorxiv import DetailsServer
    from tests.test_sources_clinicaltrials import by_token
    from tests.test_sources_crossref import three_pages

    # Europe PMC answers every search with a real publisher's HTML page instead of JSON.
    html = fixture_path("html", "papis_HAL_HAL_jpa_00235190.html").read_bytes()
    epmc = JsonReplay(httpserver, "/epmc/", lambda request: html, "search")
    pages = three_pages() * 2
    crossref_api = JsonReplay(httpserver, "/crossref/", lambda request: pages.pop(0), "works")
    ctgov = JsonReplay(httpserver, "/ctgov/", by_token(), "studies")
    details = DetailsServer(httpserver)
    settings = settings_from_dict(
        {
            "general": {"data_dir": str(tmp_path / "data")},
            "http": {"backoff_factor": 0.05, "timeout": 5.0},
            "sources": {
                "pubmed": {"enabled": False},
                "europepmc": {"enabled": True, "base_url": epmc.base_url, "rate_limit": 1000.0},
                "crossref": {
                    "enabled": True,
                    "base_url": crossref_api.base_url,
                    "rate_limit": 1000.0,
                    "rows": 20,
                    "match_topics": False,
                },
                "biorxiv": {"enabled": True, "base_url": details.service.base_url, "rate_limit": 1000.0},
                "clinicaltrials": {"enabled": True, "base_url": ctgov.base_url, "rate_limit": 1000.0},
            },
        }
    )
    with Store(tmp_path / "s.sqlite3") as store:
        report = run_fetch(settings, store, today=TODAY)
        assert [s.source for s in report.failed] == ["europepmc"]
        (failed,) = report.failed
        assert len(failed.errors) == 2 and all("where JSON was expected" in e for e in failed.errors)
        assert all("\n" not in e for e in failed.errors)
        assert store.ops.get_state("europepmc", "osteonecrosis") == {}
        for source, key in [
            ("crossref", "osteoporosis"),
            ("clinicaltrials", "osteonecrosis"),
            ("biorxiv", "medrxiv"),
        ]:
            assert store.ops.get_state(source, key) == {"until": TODAY.isoformat()}, source
        sources = {source for work in store.works.iter_all() for source in work.sources}
        assert sources == {"crossref", "clinicaltrials"}
    assert len(epmc.calls) == 2 and len(ctgov.calls) == 6
