"""Issue 3's "Done when": every source at once, through the real ``osteodigest`` command.

All seven sources are pointed at one local server replaying real recorded replies from
../shared/fixtures: the E-utilities emulator (PubMed efetch records), Europe PMC core JSON, Crossref
work lists, medRxiv/bioRxiv records in the details API's envelope, ClinicalTrials.gov list pages, two
publisher feeds with ETags, and publisher article pages (one alone, two behind a listing) with a
robots.txt. Replies a test needs and the folder lacks are derived inside the tests and say so.

Topics: the two shipped topics plus a test topic whose terms some of the real preprints carry, because
the bioRxiv source filters locally and none of the recorded preprints is about bone. The feeds and pages
are configured with ``match_topics = false`` for the same reason (their journals are not about bone);
Europe PMC, Crossref (``match_topics = false``) and ClinicalTrials.gov keep what the topic query returns.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import feedparser
import pytest
from werkzeug import Request, Response

from tests.clocks import main
from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator
from tests.emulators.eutils import Fault as EUtilsFault
from tests.emulators.jsonapi import Fault, JsonReplay, dumps, recorded_headers
from tests.test_sources_clinicaltrials import by_token
from tests.test_sources_europepmc import two_page_service

SOURCES = ("pubmed", "europepmc", "crossref", "biorxiv", "rss", "scrape", "clinicaltrials")
TEST_TOPIC = """
[topics.neurology]
label = "Neurology (test topic: terms the recorded preprints carry)"
pubmed_query = "parkinson"
europepmc_query = 'TITLE_ABS:"parkinson"'
crossref_query = "parkinson"
clinicaltrials_condition = "parkinson"
terms = ["Parkinson disease", "multiple sclerosis", "methotrexate", "yeast"]
"""
FEEDS = {
    "/feeds/taxon.xml": "wiley_feed_19968175_taxon_2021-12-21.xml",
    "/feeds/search.xml": "pubmed_rss_search_newspecies_2021-12-14.xml",
}
PAGES = {
    "/pages/aps.html": "papis_APS_RevModPhys.94.045004.html",
    "/pages/springer.html": "papis_SpringerLink_BF02727953.html",
    "/pages/hal.html": "papis_HAL_HAL_jpa_00235190.html",
}


# --------------------------------------------------------------------------------------------- services
# Each factory reads its fixtures when called, in the test's thread, so an absent fixture skips the test;
# read inside the reply, the skip would be raised in the server's thread instead. Europe PMC and
# ClinicalTrials.gov replay the same pages as their own tests (two_page_service, by_token).
def crossref_reply() -> Callable[[Request], bytes]:
    """The real cursor reply (20 works, fewer than the rows asked for: the last page)."""
    body = fixture_path("crossref", "habanero_works_list_cursor_widget.json").read_bytes()
    return lambda request: body


def biorxiv_reply() -> Callable[[Request], bytes]:
    """Real preprint records in the details API's documented envelope (the fixtures were saved without
    it), ten per page from the cursor in the path; past the end, ``no posts found``."""
    files = {
        "medrxiv": "es-journals_medrxiv_2019-01-01_2019-06-25.records.json",
        "biorxiv": "es-journals_biorxiv_2013-01-01_2013-11-07.records.json",
    }
    records = {
        server: json.loads(fixture_path("biorxiv", name).read_bytes()) for server, name in files.items()
    }

    def reply(request: Request) -> bytes:
        _, _, server, start, end, cursor = request.path.strip("/").split("/")
        items = records[server]
        page = items[int(cursor) : int(cursor) + 10]
        if not page:
            return dumps({"messages": [{"status": "no posts found"}], "collection": []})
        message = {
            "status": "ok",
            "interval": f"{start}:{end}",
            "cursor": int(cursor),
            "count": len(page),
            "count_new_papers": str(len(page)),
            "total": str(len(items)),
        }
        return dumps({"messages": [message], "collection": page})

    return reply


@dataclass
class Site:
    """Feeds with ETags (a conditional GET is answered 304) and article pages, each optionally slow."""

    bodies: dict[str, bytes]
    slow: set[str] = field(default_factory=set)
    delay: float = 0.0
    log: list[tuple[str, int]] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        body = self.bodies[request.path]
        etag = f'"{len(body)}"'
        if request.path in self.slow:
            time.sleep(self.delay)  # longer than the client's time-out: a read time-out
        if request.headers.get("If-None-Match") == etag:
            self.log.append((request.path, 304))
            return Response(status=304, headers={"ETag": etag})
        self.log.append((request.path, 200))
        kind = "application/rss+xml" if request.path.startswith("/feeds/") else "text/html; charset=utf-8"
        return Response(body, content_type=kind, headers={"ETag": etag})


@dataclass
class World:
    config: Path
    db: Path
    pubmed: EUtilsEmulator
    services: dict[str, JsonReplay]
    site: Site


@pytest.fixture
def world(httpserver, tmp_path, monkeypatch) -> World:
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    monkeypatch.delenv("OSTEODIGEST_CONFIG", raising=False)
    pubmed = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    pubmed_base = pubmed.install(httpserver)
    crossref_headers = recorded_headers(
        fixture_path("crossref", "habanero_works_list_cursor_widget.json.meta.json")
    )
    services = {
        "europepmc": JsonReplay(httpserver, "/europepmc/webservices/rest/", two_page_service(), "search"),
        "crossref": JsonReplay(httpserver, "/crossref/", crossref_reply(), "works", crossref_headers),
        "biorxiv": JsonReplay(httpserver, "/biorxiv/", biorxiv_reply(), r"details/\w+/[\d-]+/[\d-]+/\d+"),
        "clinicaltrials": JsonReplay(httpserver, "/ctgov/api/v2/", by_token(), "studies"),
    }
    bodies = {path: fixture_path("rss", name).read_bytes() for path, name in FEEDS.items()}
    bodies |= {path: fixture_path("html", name).read_bytes() for path, name in PAGES.items()}
    # Derived: a journal's table-of-contents page listing two of the real article pages.
    bodies["/pages/toc.html"] = (
        b"<html><body><nav><a href='/about'>About</a></nav><ul class='toc'>"
        b"<li><a href='/pages/springer.html'>On the theory of identical particles</a></li>"
        b"<li><a href='hal.html'>Deplacement de Knight dans les alliages</a></li></ul></body></html>"
    )
    site = Site(bodies)
    for path in bodies:
        httpserver.expect_request(path).respond_with_handler(site)
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )

    shipped = resources.files("osteodigest.crawler.data").joinpath("topics.toml").read_text(encoding="utf-8")
    (tmp_path / "topics.toml").write_text(shipped + TEST_TOPIC, encoding="utf-8")
    url = httpserver.url_for
    fast = "rate_limit = 1000.0\n"
    config = tmp_path / "osteodigest.toml"
    config.write_text(
        f"""
[general]
database = "osteodigest.sqlite3"
topics_file = "topics.toml"

[http]
timeout = 2.0
retries = 1
backoff_factor = 0.01

[sources.pubmed]
base_url = "{pubmed_base}"
rate_limit = 1000.0
rate_limit_with_key = 1000.0

[sources.europepmc]
enabled = true
base_url = "{services["europepmc"].base_url}"
{fast}
[sources.crossref]
enabled = true
base_url = "{services["crossref"].base_url}"
match_topics = false
{fast}
[sources.biorxiv]
enabled = true
base_url = "{services["biorxiv"].base_url}"
{fast}
[sources.clinicaltrials]
enabled = true
base_url = "{services["clinicaltrials"].base_url}"
{fast}
[sources.rss]
enabled = true
replace_shipped = true
{fast}
[[sources.rss.feeds]]
url = "{url("/feeds/taxon.xml")}"
name = "TAXON"
match_topics = false

[[sources.rss.feeds]]
url = "{url("/feeds/search.xml")}"
name = "PubMed search"
match_topics = false

[sources.scrape]
enabled = true
base_url = "{url("/pages/")}"
{fast}
[[sources.scrape.pages]]
url = "aps.html"
name = "APS article"
match_topics = false

[[sources.scrape.pages]]
url = "toc.html"
name = "Journal TOC"
kind = "listing"
link_selector = "ul.toc a"
match_topics = false
""",
        encoding="utf-8",
    )
    return World(config, tmp_path / "osteodigest.sqlite3", pubmed, services, site)


# --------------------------------------------------------------------------------------------- helpers
def export(world: World, capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["--config", str(world.config), "export", "--format", "jsonl"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def sources_stored(world: World) -> set[str]:
    with closing(sqlite3.connect(world.db)) as conn:
        return {row[0] for row in conn.execute("SELECT DISTINCT source FROM records")}


def record_count(world: World) -> int:
    with closing(sqlite3.connect(world.db)) as conn:
        return conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]


def states(world: World) -> dict[str, dict[str, dict]]:
    with closing(sqlite3.connect(world.db)) as conn:
        rows = conn.execute("SELECT source, key, state FROM source_state").fetchall()
    found: dict[str, dict[str, dict]] = {}
    for source, key, state in rows:
        found.setdefault(source, {})[key] = json.loads(state)
    return found


def advanced(state_by_key: dict[str, dict], today: str) -> bool:
    """Every key of a source carries this run's watermark (``until`` or ``checked`` = today)."""
    return bool(state_by_key) and all(
        today in (s.get("until"), s.get("checked")) for s in state_by_key.values()
    )


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def source_lines(stderr: str) -> list[str]:
    """The run's one-line error reports: ``source: cause``."""
    return [line for line in stderr.splitlines() if line.split(":", 1)[0] in SOURCES]


# --------------------------------------------------------------------------------------------- tests
def test_one_run_stores_all_seven_sources_and_a_second_run_adds_nothing(world, capsys, monkeypatch):
    assert main(["--config", str(world.config), "run"]) == 0, capsys.readouterr().err
    stderr = capsys.readouterr().err
    assert source_lines(stderr) == [], stderr
    assert sources_stored(world) == set(SOURCES)

    works = export(world, capsys)
    seen = {source for work in works for source in work["sources"]}
    assert seen == set(SOURCES), "export shows each record's sources"
    assert all(work["sources"] == sorted({r["source"] for r in work["records"]}) for work in works)
    by_source = {s: sum(s in w["sources"] for w in works) for s in SOURCES}
    assert by_source["pubmed"] == 262 and by_source["scrape"] == 3 and by_source["rss"] == 66 + 15
    # Ten distinct trials: the derived last page repeats two studies of page 2, stored once.
    assert by_source["clinicaltrials"] == 10 and by_source["crossref"] == 20 and by_source["europepmc"] == 25
    assert by_source["biorxiv"] > 0

    watermarks = states(world)
    assert all(advanced(watermarks[s], today()) for s in SOURCES), watermarks
    assert {k: v["etag"] for k, v in watermarks["rss"].items()}, "feeds keep their ETags"

    # Second run against unchanged replies: feeds answer 304 and are not parsed; nothing new is stored.
    count = record_count(world)
    parses: list[int] = []
    original = feedparser.parse
    monkeypatch.setattr(feedparser, "parse", lambda *a, **k: parses.append(1) or original(*a, **k))
    world.site.log.clear()
    assert main(["--config", str(world.config), "run"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert parses == [], "a feed answered 304 is not parsed"
    assert sorted(world.site.log) == [
        ("/feeds/search.xml", 304),
        ("/feeds/taxon.xml", 304),
        ("/pages/aps.html", 304),
        ("/pages/toc.html", 304),
    ], "unchanged pages cost a 304 each, and the listing's articles are not fetched again"
    assert record_count(world) == count, "a second run adds nothing"
    assert export(world, capsys) == works, "and changes nothing: the 304 feeds keep their records"


@dataclass(frozen=True)
class Breakage:
    source: str
    expected: str  # in every error line of the failing source


def break_pubmed_with_truncated_xml(world: World) -> None:
    world.pubmed.faults["efetch"].extend(EUtilsFault(truncate_to=60_000) for _ in range(10))


def break_europepmc_with_malformed_json(world: World) -> None:
    # Derived: the real core reply with the comma after its "version" member dropped.
    core = fixture_path("europepmc", "pyeuropepmc_search_cancer_core.json").read_bytes()
    bad = re.sub(rb',(\s*"hitCount")', rb"\1", core, count=1)
    assert bad != core
    world.services["europepmc"].faults.extend(Fault(replace_with=bad) for _ in range(20))


def break_crossref_with_an_html_error_page(world: World) -> None:
    page = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>"
    world.services["crossref"].faults.extend(Fault(replace_with=page) for _ in range(20))


def break_biorxiv_with_429(world: World) -> None:
    world.services["biorxiv"].faults.extend(
        Fault(429, {"Retry-After": "1"}, b"rate limited") for _ in range(20)
    )


def break_clinicaltrials_with_503(world: World) -> None:
    world.services["clinicaltrials"].faults.extend(Fault(503, {}, b"Service Unavailable") for _ in range(20))


def break_scrape_with_a_read_time_out(world: World) -> None:
    world.site.slow.add("/pages/aps.html")
    world.site.delay = 2.5  # the [http] time-out is 2 s


BREAKAGES = {
    "truncated-xml": (break_pubmed_with_truncated_xml, Breakage("pubmed", "efetch")),
    "malformed-json": (break_europepmc_with_malformed_json, Breakage("europepmc", "malformed JSON")),
    "html-instead-of-json": (break_crossref_with_an_html_error_page, Breakage("crossref", "HTML")),
    "429-retry-after": (break_biorxiv_with_429, Breakage("biorxiv", "Retry-After: 1")),
    "503": (break_clinicaltrials_with_503, Breakage("clinicaltrials", "503")),
    "read-time-out": (break_scrape_with_a_read_time_out, Breakage("scrape", "read timed out")),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_one_broken_source_is_reported_in_one_line_and_the_others_are_stored(world, capsys, name):
    breaks, breakage = BREAKAGES[name]
    breaks(world)
    assert main(["--config", str(world.config), "run"]) == 1, "a partial failure exits 1"
    lines = source_lines(capsys.readouterr().err)
    assert lines, "the failure is reported"
    assert all(line.startswith(f"{breakage.source}: ") for line in lines), lines
    assert all(breakage.expected in line for line in lines), lines

    others = [s for s in SOURCES if s != breakage.source]
    assert set(others) <= sources_stored(world), "the other sources' records are stored"
    with closing(sqlite3.connect(world.db)) as db:
        assert db.execute("SELECT count(*) FROM editions").fetchone() == (1,), "what arrived makes an edition"
    watermarks = states(world)
    assert all(advanced(watermarks.get(s, {}), today()) for s in others), watermarks
    failed = watermarks.get(breakage.source, {})
    if breakage.source == "scrape":
        # Only the slow page failed: its key keeps no watermark, the healthy listing's advances.
        assert set(failed) == {jsonapi_url(world, "/pages/toc.html")}
    else:
        assert failed == {}, "the failing source's watermark does not advance"


def jsonapi_url(world: World, path: str) -> str:
    base = re.search(r'base_url = "(http://[^/]+)/pages/"', world.config.read_text(encoding="utf-8"))
    assert base
    return base.group(1) + path
