"""ClinicalTrials.gov API v2: trial Records from real study documents, and pageToken paging over a socket."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest
from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.sources import clinicaltrials
from werkzeug import Request

from tests.clocks import FakeClock
from tests.conftest import fixture_path
from tests.emulators.jsonapi import Fault, JsonReplay, dumps, source_context

FIRST = "biomcp_ctgov_search_phelan_limit5_20260811.json"
NEXT = "biomcp_ctgov_search_phelan_next_20260811.json"


def study_files() -> list[str]:
    return sorted(p.name for p in fixture_path("clinicaltrials").glob("aact_study_*.json"))


def listed(name: str) -> dict:
    return json.loads(fixture_path("clinicaltrials", "list", name).read_bytes())


def last_page() -> bytes:
    """Derived from the real second page: the same reply without ``nextPageToken``, which is how the
    registry marks the last page (as its real one-page replies show), cut to two studies."""
    page = listed(NEXT)
    page.pop("nextPageToken")
    page["studies"] = page["studies"][:2]
    return dumps(page)


def by_token() -> Callable[[Request], bytes]:
    """A reply per ``pageToken``: the real page 1, the real page 2, then the derived last page.

    The pages are read here, in the test's thread, so an absent fixture skips the test; read inside
    the reply, the skip would be raised in the server's thread instead."""
    first = fixture_path("clinicaltrials", "list", FIRST).read_bytes()
    second = fixture_path("clinicaltrials", "list", NEXT).read_bytes()
    first_token, second_token = json.loads(first)["nextPageToken"], json.loads(second)["nextPageToken"]
    last = last_page()

    def reply(request: Request) -> bytes:
        token = request.args.get("pageToken")
        if token is None:
            return first
        if token == first_token:
            return second
        assert token == second_token, token
        return last

    return reply


@pytest.fixture
def registry(httpserver):
    return JsonReplay(httpserver, "/api/v2/", by_token(), "studies")


def test_full_study_documents_become_trial_records():
    records = {}
    for name in study_files():
        (record,) = clinicaltrials.parse_studies(fixture_path("clinicaltrials", name).read_bytes()).records
        records[record.source_id] = record
    assert len(records) == 10
    trial = records["NCT02552212"]
    assert trial.kind == "trial" and trial.url == "https://clinicaltrials.gov/study/NCT02552212"
    assert trial.extra["nct_id"] == "NCT02552212" and trial.extra["phase"] == "Phase 3"
    assert trial.extra["status"] == "Completed" and trial.extra["enrollment"] == 317
    assert trial.published == trial.extra["first_posted"] == "2015-09-17"
    assert trial.entered == trial.extra["last_update"]
    withdrawn = records["NCT00973089"]
    assert withdrawn.extra["status"] == "Withdrawn" and withdrawn.extra["phase"] == "Not applicable"
    assert withdrawn.extra["conditions"] == ["Caries, Dental"]
    assert withdrawn.extra["interventions"] == ["Incomplete caries removal in primary teeth"]
    assert withdrawn.extra["sponsor"] == "Hadassah Medical Organization"
    assert withdrawn.title == "Alternative Treatment of Deep Carious Lesions Based on Biological Evidences"
    assert "Clinical Trial Registration" in withdrawn.publication_types
    assert records["NCT06171568"].extra["status"] == "Not yet recruiting"


def test_list_reply_with_a_fields_subset():
    page = clinicaltrials.parse_studies(fixture_path("clinicaltrials", "list", FIRST).read_bytes())
    assert page.size == 5 and page.total == 21 and page.next_token == listed(FIRST)["nextPageToken"]
    first = page.records[0]
    assert first.source_id == "NCT02710084" and first.extra["phase"] == "Phase 2"
    assert first.extra["interventions"] == ["Oxytocin", "Saline"] and first.extra["enrollment"] == 18
    assert first.abstract.startswith("This is a pilot study examining")
    combined = clinicaltrials.parse_studies(
        fixture_path(
            "clinicaltrials", "list", "biomcp_ctgov_search_keytruda_limit3_20260811.json"
        ).read_bytes()
    )
    assert combined.records[0].extra["phase"] == "Phase 1/Phase 2"


def test_status_and_phase_labels():
    assert clinicaltrials.readable_status("ACTIVE_NOT_RECRUITING") == "Active, not recruiting"
    assert clinicaltrials.readable_status("RECRUITING") == "Recruiting"
    assert clinicaltrials.readable_phase(["EARLY_PHASE1"]) == "Early Phase 1"
    assert clinicaltrials.readable_phase([]) is None


def test_page_token_paging_and_documented_parameters(registry):
    state = {"osteoporosis": {"until": "2026-11-01"}}
    results = clinicaltrials.fetch(source_context("clinicaltrials", registry.base_url, state=state))
    tokens = [c.args.get("pageToken") for c in registry.calls]
    assert tokens == [None, listed(FIRST)["nextPageToken"], listed(NEXT)["nextPageToken"]] * 2
    first, osteoporosis = registry.calls[0].args, registry.calls[3].args
    assert (
        first["query.cond"]
        == "osteonecrosis OR avascular necrosis OR osteonecrosis of the jaw OR bone marrow edema"
    )
    assert first["filter.advanced"] == "AREA[LastUpdatePostDate]RANGE[2026-10-22,MAX]", (
        "first run: initial_days"
    )
    assert osteoporosis["filter.advanced"] == "AREA[LastUpdatePostDate]RANGE[2026-10-25,MAX]"
    assert first["pageSize"] == "100" and first["format"] == "json"
    assert {"NCTId", "OverallStatus", "Phase", "LastUpdatePostDate"} <= set(first["fields"].split(","))
    assert all(r.ok and r.state == {"until": "2026-11-21"} for r in results)
    assert [len(r.records) for r in results] == [12, 12]
    assert {r.topics for r in results[1].records} == {("osteoporosis",)}
    assert all(r.kind == "trial" for r in results[0].records)


def test_429_with_retry_after_and_503_are_retried(registry):
    registry.faults.extend([Fault(429, {"Retry-After": "1"}, b"Too Many Requests"), Fault(503, {}, b"")])
    clock = FakeClock()
    ctx = source_context("clinicaltrials", registry.base_url, clock=clock, rate_limit=1000.0)
    ctx.topics = ctx.topics[:1]
    (result,) = clinicaltrials.fetch(ctx)
    assert result.ok, result.error
    assert len(registry.calls) == 5 and len(result.records) == 12
    # The 1 ms spacing of the (fast) rate limit aside: a rate of 0 is refused as "no limit at all".
    waits = [s for s in clock.sleeps if s > 0.002]
    assert waits == [1.0, 0.1], "Retry-After: 1 honoured, then the back-off (0.05 s doubled)"


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        # A real publisher page standing in for the HTML a proxy serves where JSON was expected.
        (
            lambda: Fault(
                replace_with=fixture_path("html", "papis_APS_RevModPhys.94.045004.html").read_bytes()
            ),
            "an HTML page",
        ),
        (lambda: Fault(truncate_to=2000), "truncated JSON"),
        # Derived from the real second page: a quote knocked out of it.
        (
            lambda: Fault(
                replace_with=fixture_path("clinicaltrials", "list", NEXT).read_bytes().replace(b'"s', b"s", 1)
            ),
            "malformed JSON",
        ),
    ],
)
def test_a_bad_second_page_keeps_page_one_and_the_watermark(registry, fault, cause):
    registry.faults_at[2] = fault()
    failed, other = clinicaltrials.fetch(source_context("clinicaltrials", registry.base_url))
    assert failed.error.startswith(f"studies for topic osteonecrosis: ClinicalTrials.gov studies: {cause}")
    assert "\n" not in failed.error and failed.raw_failed
    assert failed.state == {} and len(failed.records) == 5
    assert other.ok and other.state == {"until": "2026-11-21"}


def test_a_400_is_a_one_line_error(httpserver):
    # The registry answers a bad query with 400 (its plain-text reason is not needed here).
    httpserver.expect_request("/api/v2/studies").respond_with_data(b"", status=400, content_type="text/plain")
    ctx = source_context("clinicaltrials", httpserver.url_for("/api/v2/"))
    ctx.topics = ctx.topics[:1]
    (result,) = clinicaltrials.fetch(ctx)
    assert (
        result.error
        == "studies for topic osteonecrosis: HTTP 400 BAD REQUEST from " + ctx.base_url.split("/")[2]
    )
    assert result.state == {}


def test_a_repeated_page_token_is_a_loop_not_an_endless_run(httpserver):
    page = fixture_path("clinicaltrials", "list", FIRST).read_bytes()
    service = JsonReplay(httpserver, "/api/v2/", lambda request: page, "studies")
    ctx = source_context("clinicaltrials", service.base_url)
    ctx.topics = ctx.topics[:1]
    (result,) = clinicaltrials.fetch(ctx)
    assert len(service.calls) == 2 and "paging loop" in result.error and result.state == {}


def test_topic_without_a_condition_asks_nothing(httpserver):
    # Never asked (no fixture needed): any request at all fails the assertion below.
    registry = JsonReplay(httpserver, "/api/v2/", lambda request: b"", "studies")
    ctx = source_context("clinicaltrials", registry.base_url)
    ctx.topics = [replace(ctx.topics[0], queries={})]
    (result,) = clinicaltrials.fetch(ctx)
    assert registry.calls == [] and result.ok and "no clinicaltrials_condition" in result.warnings[0]


def test_a_reply_without_studies_is_a_parse_error():
    with pytest.raises(ParseError, match="no 'studies' list"):
        clinicaltrials.parse_studies(b'{"totalCount": 0}')
