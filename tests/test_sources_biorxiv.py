"""medRxiv/bioRxiv details API: envelope parsing, offset paging, local topic filtering, version collapse."""

from __future__ import annotations

import json

import pytest
from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.models import Relation
from osteodigest.crawler.sources import biorxiv
from osteodigest.crawler.topics import Topic

from tests.clocks import FakeClock
from tests.conftest import fixture_path
from tests.emulators.jsonapi import Fault, JsonReplay, dumps, source_context

FILES = {
    "medrxiv": "es-journals_medrxiv_2019-01-01_2019-06-25.records.json",
    "biorxiv": "es-journals_biorxiv_2013-01-01_2013-11-07.records.json",
}
#: Topics whose terms some of the real preprints carry (the shipped bone topics match none of them).
TOPICS = [
    Topic(name="movement", label="Movement", terms=("Parkinson disease", "multiple sclerosis")),
    Topic(name="rheumatology", label="Rheumatology", terms=("methotrexate", "SLE")),
    Topic(name="genetics", label="Genetics", terms=("yeast",)),
]
#: The page size this emulated server chooses: neither 30 nor 100, so a client assuming either would skip.
PAGE = 7


def preprints(server: str) -> list[dict]:
    return json.loads(fixture_path("biorxiv", FILES[server]).read_bytes())


def envelope(collection: list[dict], cursor: int, total: int, interval: str) -> bytes:
    """The details API's documented envelope around real records (the fixtures were saved without it).
    An exhausted window answers ``status: "no posts found"`` with an empty collection."""
    if not collection:
        return dumps({"messages": [{"status": "no posts found"}], "collection": []})
    message = {
        "status": "ok",
        "interval": interval,
        "cursor": cursor,
        "count": len(collection),
        "count_new_papers": str(len(collection)),
        "total": str(total),
    }
    return dumps({"messages": [message], "collection": collection})


class DetailsServer:
    def __init__(self, httpserver, records: dict[str, list[dict]] | None = None) -> None:
        self.records = records or {server: preprints(server) for server in FILES}
        self.service = JsonReplay(httpserver, "/api/", self.reply, r"details/\w+/[\d-]+/[\d-]+/\d+")

    def reply(self, request) -> bytes:
        _, _, server, start, end, cursor = request.path.strip("/").split("/")
        items = self.records[server]
        cursor = int(cursor)
        return envelope(items[cursor : cursor + PAGE], cursor, len(items), f"{start}:{end}")

    def cursors(self, server: str) -> list[int]:
        return [int(c.path.rsplit("/", 1)[1]) for c in self.service.calls if f"/details/{server}/" in c.path]


@pytest.fixture
def details(httpserver):
    return DetailsServer(httpserver)


def context(details: DetailsServer, topics=TOPICS, **kw):
    return source_context("biorxiv", details.service.base_url, topics=topics, **kw)


def test_parse_envelope_and_its_absence():
    items = preprints("medrxiv")
    page = biorxiv.parse_details(envelope(items, 0, len(items), "2019-01-01:2019-06-25"))
    assert page.status == "ok" and page.total == 18 and len(page.collection) == 18
    empty = biorxiv.parse_details(envelope([], 18, 18, ""))
    assert empty.collection == []
    with pytest.raises(ParseError, match="expected a JSON object, got list"):
        biorxiv.parse_details(fixture_path("biorxiv", FILES["medrxiv"]).read_bytes())
    with pytest.raises(ParseError, match="the API says 'Error: interval not valid'"):
        biorxiv.parse_details(b'{"messages": [{"status": "Error: interval not valid"}], "collection": []}')


def test_parse_preprint_keeps_published_doi_and_version():
    items = {i["doi"]: i for i in preprints("medrxiv")}
    record = biorxiv.parse_preprint(items["10.1101/19000265"], "medrxiv")
    assert record.kind == "preprint" and record.source_id == record.doi == "10.1101/19000265"
    assert record.relations == (Relation("preprint_of", "doi", "10.1016/j.gaitpost.2019.10.029"),)
    assert record.url == "https://www.medrxiv.org/content/10.1101/19000265v1"
    assert record.journal == "medRxiv" and record.published == "2019-06-25"
    assert (
        record.extra["published_doi"] == "10.1016/j.gaitpost.2019.10.029" and record.extra["version"] == "1"
    )
    unpublished = biorxiv.parse_preprint(items["10.1101/19000166"], "medrxiv")
    assert unpublished.relations == () and "published_doi" not in unpublished.extra


def test_authors_in_both_formats_the_servers_use():
    assert biorxiv.parse_authors("Daniel Costa; Nuria Bonet; Robert Castelo")[:2] == ("Costa D", "Bonet N")
    assert biorxiv.parse_authors("Sahu, P. K.; van Dam, J.; COVID-19 Genomics UK Consortium") == (
        "Sahu PK",
        "van Dam J",
        "COVID-19 Genomics UK Consortium",
    )


def test_offset_paging_by_records_returned_filtering_and_watermarks(details):
    state = {"medrxiv": {"until": "2026-11-01"}}
    results = biorxiv.fetch(context(details, state=state))
    assert details.cursors("medrxiv") == [0, 7, 14, 18]
    assert details.cursors("biorxiv") == [0, 7, 8]
    paths = [c.path for c in details.service.calls]
    assert paths[0] == "/api/details/medrxiv/2026-10-25/2026-11-21/0", "watermark minus lookback"
    assert paths[4] == "/api/details/biorxiv/2026-10-22/2026-11-21/0", "first run: initial_days"
    medrxiv, bio = results
    assert (medrxiv.topic, bio.topic) == ("medrxiv", "biorxiv")
    assert all(r.ok and r.state == {"until": "2026-11-21"} for r in results)
    found = {r.doi: r.topics for r in medrxiv.records}
    assert found == {
        "10.1101/19000919": ("rheumatology",),
        "10.1101/19000265": ("movement",),
        "10.1101/19000166": ("movement",),
        "10.1101/19000356": ("rheumatology",),
    }
    assert [r.doi for r in bio.records] == ["10.1101/000067"]


def test_shipped_bone_topics_reject_every_fixture_preprint(details):
    ctx = source_context("biorxiv", details.service.base_url)
    results = biorxiv.fetch(ctx)
    assert all(r.ok for r in results) and [r.records for r in results] == [[], []]


def test_versions_collapse_to_the_latest(httpserver):
    records = {server: preprints(server) for server in FILES}
    # Derived: a second version of a real preprint, posted later and listed on a later page, and
    # (listed after it) the first version again, as a window spanning both postings returns them.
    original = next(i for i in records["medrxiv"] if i["doi"] == "10.1101/19000265")
    revised = dict(original, version="2", date="2019-07-02", title=original["title"] + " (revised)")
    records["medrxiv"] += [revised, dict(original)]
    details = DetailsServer(httpserver, records)
    medrxiv, _ = biorxiv.fetch(context(details))
    (record,) = [r for r in medrxiv.records if r.doi == "10.1101/19000265"]
    assert record.extra["version"] == "2" and record.title.endswith("(revised)")
    assert record.published == "2019-07-02"
    assert details.cursors("medrxiv") == [0, 7, 14, 20]


def test_429_with_retry_after_and_503_are_retried(details):
    details.service.faults.extend([Fault(429, {"Retry-After": "1"}, b"slow down"), Fault(503, {}, b"")])
    clock = FakeClock()
    results = biorxiv.fetch(context(details, clock=clock, rate_limit=1000.0))
    assert all(r.ok for r in results), [r.error for r in results]
    assert sum(len(r.records) for r in results) == 5 and len(details.service.calls) == 9
    # The 1 ms spacing of the (fast) rate limit aside: a rate of 0 is refused as "no limit at all".
    waits = [s for s in clock.sleeps if s > 0.002]
    assert waits == [1.0, 0.1], "Retry-After: 1 honoured, then the back-off (0.05 s doubled)"


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        # A real publisher page standing in for the HTML a proxy serves where JSON was expected.
        (
            lambda: Fault(replace_with=fixture_path("html", "papis_IOPScience_ab007b.html").read_bytes()),
            "an HTML page",
        ),
        (lambda: Fault(truncate_to=3000), "truncated JSON"),
        # Derived from a real page: its envelope with the closing bracket of the collection dropped.
        (
            lambda: Fault(replace_with=envelope(preprints("medrxiv")[7:14], 7, 18, "x").replace(b"]}", b"}")),
            "malformed JSON",
        ),
    ],
)
def test_a_bad_page_fails_that_server_only_and_keeps_what_arrived(details, fault, cause):
    details.service.faults_at[2] = fault()
    medrxiv, bio = biorxiv.fetch(context(details))
    assert medrxiv.error.startswith(f"medrxiv: bioRxiv details: {cause}") and "\n" not in medrxiv.error
    assert medrxiv.state == {} and medrxiv.raw_failed
    assert [r.doi for r in medrxiv.records] == ["10.1101/19000919"], "page one's on-topic preprint is kept"
    assert bio.ok and bio.state == {"until": "2026-11-21"} and len(bio.records) == 1


def test_a_server_that_never_runs_dry_is_stopped(httpserver):
    page = envelope(preprints("biorxiv")[:PAGE], 0, 8, "x")
    service = JsonReplay(httpserver, "/api/", lambda request: page, r"details/.*")
    ctx = source_context("biorxiv", service.base_url, topics=TOPICS, servers=["biorxiv"], max_pages=3)
    (result,) = biorxiv.fetch(ctx)
    assert len(service.calls) == 3 and "no empty page after 3 pages" in result.error
    assert result.state == {}


def test_a_medrxiv_abstract_with_its_headings_glued_to_the_text_is_read_in_sections():
    """The details API gives a structured abstract with its headings glued to the text they head
    ("BackgroundClinical trial recruitment …"): its sections are read back, so the takeaway is the
    conclusion, not the abstract's last words with a heading inside."""
    from osteodigest.crawler.tagging import tag_records

    structured = 0
    for item in preprints("medrxiv"):
        record = biorxiv.parse_preprint(item, "medrxiv")
        sections = record.labelled_sections()
        if record.abstract.startswith(("Background", "Objective", "Introduction", "BACKGROUND")):
            structured += 1
            assert len(sections) >= 3, record.abstract[:80]
            assert not any(text.startswith(label) for label, text in sections if label)
    assert structured >= 10
    item = next(i for i in preprints("medrxiv") if i["abstract"].startswith("BackgroundClinical trial"))
    record = biorxiv.parse_preprint(item, "medrxiv")
    assert [label for label, _ in record.labelled_sections()] == [
        "Background",
        "Methods",
        "Results",
        "Conclusions",
    ]
    assert tag_records([record]).takeaway.startswith("This is the first study to examine patient perceptions")
