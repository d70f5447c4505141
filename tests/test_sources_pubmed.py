"""The PubMed client against a local E-utilities emulator replaying real recorded replies."""

from __future__ import annotations

import math
import re

import pytest
from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.sources import pubmed
from osteodigest.crawler.sources.base import FetchContext

from tests.clocks import FakeClock
from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator, Fault
from tests.fetching import fetch_context


@pytest.fixture
def emulator(httpserver):
    emu = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    emu.base_url = emu.install(httpserver)
    return emu


def context(base_url: str, known=lambda t, v: False, state=None, clock=None, **config) -> FetchContext:
    return fetch_context("pubmed", {"base_url": base_url, **config}, state=state, is_known=known, clock=clock)


def test_parse_esearch_real_reply_with_history():
    result = pubmed.parse_esearch(fixture_path("pubmed", "esearch", "biopython_esearch2.xml").read_bytes())
    assert result.count == 42249
    assert len(result.ids) == 100 and result.ids[0] == "41297076"
    assert result.webenv == "MCID_6927d6e7fee3e90f880ec190" and result.query_key == "1"


def test_parse_esearch_zero_hits_reports_phrase_not_found():
    result = pubmed.parse_esearch(fixture_path("pubmed", "esearch", "biopython_esearch8.xml").read_bytes())
    assert result.count == 0 and result.ids == []
    assert result.warnings == ["PhraseNotFound: abcXYZ"]


def test_parse_esearch_error_and_garbage():
    with pytest.raises(ParseError, match="esearch error: Invalid db name"):
        pubmed.parse_esearch(
            b"<eSearchResult><ERROR>Invalid db name specified: pubmd</ERROR></eSearchResult>"
        )
    with pytest.raises(ParseError, match="not valid XML"):
        pubmed.parse_esearch(b"<html><body>Bad Gateway")


def test_two_overlapping_topics_cost_t_esearch_plus_ceil_n_over_200_efetch(httpserver):
    emu = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    ids = list(emu.articles)
    emu.topic_ids = {"Osteonecrosis": ids[:180], "Osteoporosis": ids[100:]}
    base = emu.install(httpserver)
    results = pubmed.fetch(context(base))
    assert len(emu.calls("esearch")) == 2
    assert len(emu.calls("efetch")) == math.ceil(len(ids) / 200)
    fetched = [i for call in emu.calls("efetch") for i in call["id"].split(",")]
    assert sorted(fetched) == sorted(ids), "every PMID fetched exactly once"
    records = {r.pmid: r for res in results for r in res.records}
    assert len(records) == len(ids)
    assert set(records[ids[150]].topics) == {"osteonecrosis", "osteoporosis"}
    assert records[ids[0]].topics == ("osteonecrosis",)
    assert all(res.ok and res.state == {"until": "2026-11-21"} for res in results)


def test_request_parameters_follow_the_eutilities_documentation(emulator, monkeypatch):
    monkeypatch.setenv("NCBI_API_KEY", "secret-key-123")
    state = {"osteoporosis": {"until": "2026-11-01"}}
    pubmed.fetch(context(emulator.base_url, state=state))
    first_run, search = emulator.calls("esearch")  # topics in shipped order: osteonecrosis, osteoporosis
    assert "femur head necrosis" in first_run["term"].lower() and "romosozumab" in search["term"].lower()
    assert search["db"] == "pubmed" and search["datetype"] == "edat" and search["usehistory"] == "y"
    assert (search["mindate"], search["maxdate"]) == ("2026/10/25", "2026/11/21"), "watermark minus 7 days"
    assert search["tool"] == "osteodigest" and search["email"] == "tests@example.org"
    assert search["api_key"] == "secret-key-123"
    assert first_run["mindate"] == "2026/10/22", "first run reaches initial_days back"
    fetch = emulator.calls("efetch")[0]
    assert fetch["db"] == "pubmed" and fetch["retmode"] == "xml" and len(fetch["id"].split(",")) <= 200


def test_known_pmids_are_not_fetched_again(emulator):
    ids = list(emulator.articles)
    known = set(ids[:250])
    results = pubmed.fetch(context(emulator.base_url, known=lambda t, v: v in known))
    assert len(emulator.calls("efetch")) == 1
    assert sorted(r.pmid for res in results for r in res.records) == sorted(ids[250:])


def test_the_rate_limit_spaces_every_request_and_an_api_key_raises_it(emulator, monkeypatch):
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    clock = FakeClock()
    pubmed.fetch(context(emulator.base_url, clock=clock))
    requests = len(emulator.calls("esearch")) + len(emulator.calls("efetch"))
    assert clock.sleeps == [pytest.approx(1 / 3)] * (requests - 1), "3 requests/s without a key"
    monkeypatch.setenv("NCBI_API_KEY", "k" * 36)
    keyed = FakeClock()
    pubmed.fetch(context(emulator.base_url, clock=keyed))
    assert keyed.sleeps == [pytest.approx(1 / 10)] * (requests - 1), "10 requests/s with one"


def test_429_with_retry_after_and_500_are_retried(emulator):
    emulator.faults["esearch"].append(Fault(429, {"Retry-After": "1"}, b"Too Many Requests"))
    emulator.faults["efetch"].append(Fault(500, {}, b"<html>Internal Server Error</html>"))
    clock = FakeClock()
    fast = {"rate_limit": 1000.0, "rate_limit_with_key": 1000.0}
    results = pubmed.fetch(context(emulator.base_url, clock=clock, **fast))
    # The 1 ms spacing of the (fast) rate limit aside: a rate of 0 is refused as "no limit at all".
    waits = [s for s in clock.sleeps if s > 0.002]
    assert waits == [1.0], "Retry-After: 1 honoured; a first 500 is retried at once (urllib3's rule)"
    assert all(r.ok for r in results), [r.error for r in results]
    assert len({r.pmid for res in results for r in res.records}) == 262
    assert len(emulator.calls("esearch")) == 3 and len(emulator.calls("efetch")) == 3


def test_retry_after_beyond_the_cap_fails_fast_with_a_clear_message(emulator):
    emulator.faults["esearch"].extend([Fault(429, {"Retry-After": "7200"}, b"slow down")] * 2)
    results = pubmed.fetch(context(emulator.base_url))
    errors = [r.error for r in results if r.error]
    assert errors and "HTTP 429" in errors[0] and "Retry-After: 7200" in errors[0]
    assert all(not r.state for r in results if r.error)


def test_truncated_efetch_keeps_complete_records_and_the_raw_reply(emulator):
    emulator.faults["efetch"].append(Fault(truncate_to=60_000))
    results = pubmed.fetch(context(emulator.base_url, batch_size=200))
    assert all(r.error and "efetch" in r.error for r in results)
    assert all(not r.state for r in results), "watermark must not advance"
    kept = [rec for res in results for rec in res.records]
    assert 0 < len(kept) < 262
    assert any(res.raw_failed for res in results)


def test_windows_over_9999_hits_are_split(httpserver):
    template = fixture_path("pubmed", "esearch", "biopython_esearch2.xml").read_bytes()
    seen = []

    def esearch(request):
        lo, hi = request.form["mindate"], request.form["maxdate"]
        seen.append((lo, hi))
        count = 15000 if lo == "2026/10/22" and hi == "2026/11/21" else 1
        body = re.sub(rb"<Count>\d+</Count>", b"<Count>%d</Count>" % count, template)
        ident = f"{len(seen)}".encode()
        body = re.sub(rb"<IdList>.*?</IdList>", b"<IdList><Id>" + ident + b"</Id></IdList>", body, flags=re.S)
        from werkzeug import Response

        return Response(body, content_type="text/xml")

    httpserver.expect_request("/eutils/esearch.fcgi").respond_with_handler(esearch)
    httpserver.expect_request("/eutils/efetch.fcgi").respond_with_data(
        b"<PubmedArticleSet></PubmedArticleSet>", content_type="text/xml"
    )
    ctx = context(httpserver.url_for("/eutils/"))
    ctx.topics = ctx.topics[:1]
    pubmed.fetch(ctx)
    assert seen[0] == ("2026/10/22", "2026/11/21")
    assert ("2026/10/22", "2026/11/06") in seen and ("2026/11/07", "2026/11/21") in seen
