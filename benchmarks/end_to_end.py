"""A first ``osteodigest run`` of a whole NLM update file against a local E-utilities server, measured
against the rate-limit floor; and the peak memory of ``tag`` and ``dedup`` on the same file.

Run from the repository root: ``python benchmarks/end_to_end.py``. The server (in this process, on a
thread) serves ``../shared/fixtures/pubmed/bulk/pubmed21n1298.xml.gz`` (20,788 records) the way NCBI
documents E-utilities: ``esearch`` honours ``mindate``/``maxdate`` on the Entrez date (``datetype=edat``),
``retstart``/``retmax`` and ``usehistory`` (a WebEnv and query_key), and ``efetch`` answers an ``id`` list
(GET or POST) or a history's ``WebEnv``/``query_key`` page by ``retstart``/``retmax``. Every term matches
every record, so each topic's search finds the whole file. The config reaches back to the oldest Entrez
date in the file, so the first run asks for all of it; PubMed's own rate limit (3 requests/s) applies.

The server runs in a process of its own (this script with ``--serve``), so that this one stays small:
Linux carries a parent's resident size into the peak (``ru_maxrss``) of a child it starts, and a parent
holding the served file would set a floor under every figure. Each ``osteodigest`` command runs as its
own process (the installed console script): its wall time, CPU time (user + system) and peak resident
memory (``ru_maxrss`` of that child alone) are printed, and for a run that started the assessing worker
that worker's own peak (as the run logs it: its high-water mark, which ``ru_maxrss`` is not, see
:func:`crawler.assessing.own_peak_mb`) and the sum of both peaks — an upper bound on what the run held at
once, as the two need not coincide — against the 200 MB bound; the run's
as a ratio to the floor measured in the same run, the floor being requests made / rate (the time the
rate limit alone asks for). The per-stage times are the ones the run logs itself (``-v``: "stage
times"). Nothing here is trained or tuned.

The third case (``--skip-backfill`` leaves it out) is ``osteodigest backfill`` of the whole file into an
empty store of its own, in :data:`BACKFILL_WINDOW_DAYS`-day windows: its wall, CPU and peak memory are
printed like a run's.

The second case (``--skip-large`` leaves it out) is a daily run against a big store: the first run's
store is grown to 100,000 works — its 20,783 works, fetched, deduplicated and assessed by that run, and
SQL copies of them (tags and relevance too) under PMIDs and DOIs of their own, so each title, author-year
and journal key is shared by about five works, as in a store holding near-duplicates; all first seen 14
days back, editions dropped — and a run then fetches 1,000 new records: every ~20th record of the file
under a fresh PMID and DOI, entered today (each topic's search finds them all). Its figures are printed
like the first run's, and against the 10 s bar.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
BULK = ROOT.parent / "shared" / "fixtures" / "pubmed" / "bulk" / "pubmed21n1298.xml.gz"
RATE = 3.0


@dataclass
class Corpus:
    """The file's records as served: PMID → the article's XML, its Entrez date, and the file's header."""

    header: bytes
    articles: dict[str, bytes] = field(default_factory=dict)
    entry_dates: dict[str, date] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path, fresh: int = 0) -> Corpus:
        """The file's records; or (``fresh``) that many of them made new: every ``len // fresh``-th
        record under a PMID and DOI no stored record has, entered in PubMed today."""
        with gzip.open(path, "rb") as fh:
            head = fh.read(4096)
        corpus = cls(head[: head.index(b"<PubmedArticleSet")])
        parser_args = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": True}
        step = max(1, FILE_RECORDS // fresh) if fresh else 1
        with gzip.open(path, "rb") as fh:
            for index, (_, el) in enumerate(etree.iterparse(fh, tag="PubmedArticle", **parser_args)):
                if fresh and (index % step or len(corpus.articles) >= fresh):
                    el.clear()
                    continue
                if fresh:
                    renew(el, len(corpus.articles))
                pmid = el.findtext("MedlineCitation/PMID") or ""
                corpus.articles[pmid] = etree.tostring(el, encoding="utf-8")
                entrez = el.find("PubmedData/History/PubMedPubDate[@PubStatus='entrez']")
                if entrez is not None:
                    corpus.entry_dates[pmid] = date(
                        int(entrez.findtext("Year") or 1),
                        int(entrez.findtext("Month") or 1),
                        int(entrez.findtext("Day") or 1),
                    )
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
        return corpus


#: Records in the bulk file (an estimate is enough: it spaces the fresh records out over the file).
FILE_RECORDS = 20_788
#: The fresh records' PMIDs start here, above any PMID in the file or the grown store.
FRESH_PMID = 990_000_000


def renew(article: etree._Element, index: int) -> None:
    """Give a served record a PMID and DOI of its own and today's Entrez date: a new record, whose title,
    authors and journal are still those of a stored work (so dedup compares it with that work's copies)."""
    pmid = str(FRESH_PMID + index)
    for el in article.iterfind("MedlineCitation/PMID"):
        el.text = pmid
    for el in article.iterfind(".//ArticleId[@IdType='pubmed']"):
        el.text = pmid
    for el in [*article.iterfind(".//ArticleId[@IdType='doi']"), *article.iterfind(".//ELocationID")]:
        el.text = f"10.5555/osteodigest.fresh.{index}"
    today = date.today()
    for el in article.iterfind("PubmedData/History/PubMedPubDate[@PubStatus='entrez']"):
        for name, value in (("Year", today.year), ("Month", today.month), ("Day", today.day)):
            part = el.find(name)
            if part is not None:
                part.text = str(value)


class EUtilities:
    """esearch and efetch over a :class:`Corpus`, counting requests per endpoint."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.history: dict[str, list[str]] = {}
        self.requests: dict[str, int] = {"esearch": 0, "efetch": 0}
        self.lock = threading.Lock()

    def esearch(self, params: dict[str, str]) -> bytes:
        ids = sorted(self.corpus.articles, key=int, reverse=True)  # PubMed's default: newest first
        if params.get("mindate") and params.get("maxdate"):
            lo, hi = (date(*map(int, params[k].split("/"))) for k in ("mindate", "maxdate"))
            ids = [i for i in ids if i in self.corpus.entry_dates and lo <= self.corpus.entry_dates[i] <= hi]
        start, size = int(params.get("retstart", 0)), int(params.get("retmax", 20))
        page = ids[start : start + min(size, 9999)]
        history = b""
        if params.get("usehistory") == "y":
            with self.lock:
                webenv = f"MCID_{len(self.history) + 1}"
                self.history[webenv] = ids
            history = b"<QueryKey>1</QueryKey><WebEnv>%s</WebEnv>" % webenv.encode()
        return (
            b'<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch'
            b' 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n'
            b"<eSearchResult><Count>%d</Count><RetMax>%d</RetMax><RetStart>%d</RetStart>%s<IdList>\n%s"
            b"</IdList><TranslationSet/><QueryTranslation/></eSearchResult>\n"
            % (len(ids), len(page), start, history, b"".join(b"<Id>%s</Id>\n" % i.encode() for i in page))
        )

    def efetch(self, params: dict[str, str]) -> bytes:
        if params.get("id"):
            ids = [i for i in params["id"].split(",") if i]
        else:
            start, size = int(params.get("retstart", 0)), int(params.get("retmax", 20))
            ids = self.history.get(params.get("WebEnv", ""), [])[start : start + min(size, 10000)]
        parts = [self.corpus.articles[i] for i in ids if i in self.corpus.articles]
        return self.corpus.header + b"<PubmedArticleSet>\n" + b"\n".join(parts) + b"\n</PubmedArticleSet>\n"

    def serve(self) -> ThreadingHTTPServer:
        eutils = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self, body_params: str) -> None:
                url = urlsplit(self.path)
                params = {k: v[-1] for k, v in parse_qs(url.query).items()}
                params.update({k: v[-1] for k, v in parse_qs(body_params).items()})
                endpoint = url.path.rsplit("/", 1)[-1].removesuffix(".fcgi")
                if endpoint == "requests":  # for the benchmark: how many requests of each endpoint
                    body = json.dumps(eutils.requests).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if endpoint not in eutils.requests:
                    self.send_error(404)
                    return
                with eutils.lock:
                    eutils.requests[endpoint] += 1
                body = eutils.esearch(params) if endpoint == "esearch" else eutils.efetch(params)
                self.send_response(200)
                self.send_header("Content-Type", "text/xml; charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._answer("")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._answer(self.rfile.read(length).decode("utf-8"))

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server


@dataclass
class Measured:
    status: int
    wall: float
    cpu: float
    peak_mb: float
    stderr: str


def measure(args: list[str], cwd: Path) -> Measured:
    """One ``osteodigest`` process: exit status, wall and CPU seconds, peak RSS (MB), its stderr."""
    command = shutil.which("osteodigest") or "osteodigest"
    errors = cwd / "stderr.txt"
    start = time.perf_counter()
    with open(errors, "w+", encoding="utf-8") as err:
        child = subprocess.Popen([command, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read()
    return Measured(
        os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text
    )


def write_config(folder: Path, base_url: str, oldest: date) -> Path:
    config = folder / "config.toml"
    config.write_text(
        f"""[general]
database = "store.sqlite3"
outbox = "outbox"
data_dir = "data"
contact_email = "bench@example.org"

[sources.pubmed]
enabled = true
base_url = "{base_url}"
initial_days = {(date.today() - oldest).days + 1}
""",
        encoding="utf-8",
    )
    return config


def serve(bulk: Path, fresh: int = 0) -> None:
    """The ``--serve`` process: read the file, serve it, print the base URL and the oldest Entrez date."""
    corpus = Corpus.read(bulk, fresh)
    server = EUtilities(corpus).serve()
    base = f"http://127.0.0.1:{server.server_address[1]}/entrez/eutils/"
    print(base, min(corpus.entry_dates.values()).isoformat(), len(corpus.articles), flush=True)
    sys.stdin.read()  # until the benchmark closes our stdin
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulk", type=Path, default=BULK, help="an NLM PubmedArticleSet file (.xml.gz)")
    parser.add_argument("--skip-commands", action="store_true", help="only the run, not tag and dedup")
    parser.add_argument("--skip-large", action="store_true", help="not the 100,000-work store case")
    parser.add_argument("--skip-backfill", action="store_true", help="not the backfill of the whole file")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--fresh", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--grow", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.bulk.exists():
        sys.exit(f"{args.bulk} is absent: the shared fixtures are needed")
    if args.serve:
        serve(args.bulk, args.fresh)
        return
    if args.grow:
        print(grow_store(args.grow, LARGE_STORE))
        return
    print(f"reading {args.bulk.name} ...", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with served(args.bulk) as (base, oldest):
            config = write_config(folder, base, oldest)
            run = measure(["--config", str(config), "-v", "run"], folder)
            with urlopen(base + "requests.fcgi") as reply:
                report("osteodigest run (empty store)", run, json.loads(reply.read()))
        if not args.skip_large:
            large_store(args.bulk, folder)
        if not args.skip_commands:
            commands(args.bulk, folder)
        if not args.skip_backfill:
            backfill_case(args.bulk, folder / "backfill")


@contextlib.contextmanager
def served(bulk: Path, fresh: int = 0) -> Iterator[tuple[str, date]]:
    """The ``--serve`` process for ``bulk``: its base URL and the oldest Entrez date it serves."""
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--bulk", str(bulk), "--fresh", str(fresh)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    try:
        base, oldest, count = server.stdout.readline().split()
        print(f"{count} records served at {base} (by a process of its own)")
        yield base, date.fromisoformat(oldest)
    finally:
        server.stdin.close()
        server.wait(timeout=60)


#: Works in the store of the second case, and the new records its run fetches.
LARGE_STORE = 100_000
NEW_RECORDS = 1_000


def large_store(bulk: Path, folder: Path) -> None:
    """The second case: the first run's store grown to :data:`LARGE_STORE` works, then a run fetching
    :data:`NEW_RECORDS` new records (each topic's search finds them all, as in the first case)."""
    started = time.perf_counter()
    # In a process of its own: a parent's resident size would be carried into the run's peak (see above).
    grown = subprocess.run(
        [sys.executable, __file__, "--grow", str(folder / "store.sqlite3")],
        check=True,
        capture_output=True,
        text=True,
    )
    works = int(grown.stdout)
    print(
        f"\nthe store grown to {works} works in {time.perf_counter() - started:.0f} s: the first run's works"
        " (fetched, deduplicated and assessed by it) and copies of them under other PMIDs and DOIs (so the"
        " title, author and journal keys are each shared by ~5 works), all first seen 14 days ago;"
        f" then {NEW_RECORDS} new records: file records under PMIDs and DOIs of their own, entered today"
    )
    with served(bulk, NEW_RECORDS) as (base, _oldest):
        config = write_config(folder, base, date.today())
        run = measure(["--config", str(config), "-v", "run"], folder)
        with urlopen(base + "requests.fcgi") as reply:
            report(
                f"osteodigest run (store of {works} works, {NEW_RECORDS} new records)",
                run,
                json.loads(reply.read()),
            )
    print(f"  wall against the 10 s bar: {run.wall / 10:.2f} x; CPU against it: {run.cpu / 10:.2f} x")


def grow_store(path: Path, target: int) -> int:
    """Copy the stored works (with their records, keys, tags and relevance) under new ids until the store
    holds ``target`` works; each copy's records get a PMID and DOI of their own (and their ``doi:``/
    ``pmid:`` keys with them). Every work is dated 14 days back and the editions are dropped, so the next
    run's edition is due and covers only what that run brings. Plain SQL: the fixture, not the code under
    test (the run that follows is)."""
    conn = sqlite3.connect(path)
    with conn:
        back = (datetime.now(UTC) - timedelta(days=14)).isoformat()
        conn.execute(
            "UPDATE works SET first_seen = ?, updated_at = ?, assessed_at = ?,"
            " changed_at = CASE WHEN changed_at IS NULL THEN NULL ELSE ? END",
            (back, back, back, back),
        )
        conn.execute("DELETE FROM edition_items")
        conn.execute("DELETE FROM editions")
        originals = [row[0] for row in conn.execute("SELECT id FROM works ORDER BY id")]
        top = max(originals)
        count = len(originals)
        copy = 0
        while count < target:
            copy += 1
            chunk = originals[: target - count]
            shift = copy * (top + 1)
            conn.execute(
                "INSERT INTO works (id, first_seen, updated_at, changed_at, flags, topics, tags, relevance,"
                " assessed_at) SELECT id + ?, first_seen, updated_at, changed_at, flags, topics, tags,"
                " relevance, assessed_at FROM works WHERE id <= ?",
                (shift, chunk[-1]),
            )
            rows = conn.execute(
                "SELECT work_id, kind, doi, pmid, data, fetched_at, updated_at, source, source_id"
                " FROM records WHERE work_id <= ?",
                (chunk[-1],),
            ).fetchall()
            conn.executemany(
                "INSERT INTO records (work_id, kind, doi, pmid, pmcid, data, fetched_at, updated_at, source,"
                " source_id) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)",
                [copied_record(row, copy, shift) for row in rows],
            )
            conn.execute(
                "INSERT INTO work_keys (key, work_id) SELECT key, work_id + ? FROM work_keys"
                " WHERE work_id <= ? AND key NOT LIKE 'doi:%' AND key NOT LIKE 'pmid:%'",
                (shift, chunk[-1]),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO work_keys (key, work_id) VALUES (?, ?)",
                [
                    (f"{kind}:{value}", row[0] + shift)
                    for row in rows
                    for kind, value in copied_ids(row, copy)
                ],
            )
            count += len(chunk)
    # Into the database file, as a store long in use would be: the run must not pay for our writes.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    total = conn.execute("SELECT COUNT(*) FROM works").fetchone()[0]
    conn.close()
    return total


def copied_ids(row: tuple, copy: int) -> list[tuple[str, str]]:
    """The copy's PMID and DOI (the original's, made distinct), for its keys."""
    ids = []
    if row[3]:
        ids.append(("pmid", str(int(row[3]) + copy * 100_000_000)))
    if row[2]:
        ids.append(("doi", f"{row[2]}.copy{copy}"))
    return ids


def copied_record(row: tuple, copy: int, shift: int) -> tuple:
    work_id, kind, _doi, _pmid, data, fetched, updated, source, source_id = row
    record = json.loads(data)
    ids = dict(copied_ids(row, copy))
    record["pmid"], record["doi"], record["pmcid"] = ids.get("pmid"), ids.get("doi"), None
    record["source_id"] = ids.get("pmid") or f"{source_id}.copy{copy}"
    return (
        work_id + shift,
        kind,
        ids.get("doi"),
        ids.get("pmid"),
        json.dumps(record, sort_keys=True, ensure_ascii=False),
        fetched,
        updated,
        source,
        record["source_id"],
    )


def report(title: str, run: Measured, counts: dict[str, int]) -> None:
    requests = sum(counts.values())
    floor = requests / RATE
    stored = re.search(r"pubmed: (\d+) records, (\d+) already stored, (\d+) new works", run.stderr)
    print(f"\n{title}, exit {run.status}")
    if stored:
        print(f"  records               {stored[1]} ({stored[2]} already stored, {stored[3]} new works)")
    print(f"  requests              {requests} ({counts['esearch']} esearch, {counts['efetch']} efetch)")
    print(f"  rate-limit floor      {floor:6.1f} s  (requests / {RATE:g} per s)")
    print(f"  wall                  {run.wall:6.1f} s  = {run.wall / floor:.2f} x floor")
    print(f"  CPU (user+system)     {run.cpu:6.1f} s  = {run.cpu / floor:.2f} x floor")
    print(f"  peak RSS              {run.peak_mb:6.0f} MB = {run.peak_mb / 200:.2f} x the 200 MB bound")
    worker = re.search(r"its peak (\d+) MB", run.stderr)
    if worker:
        # Both peaks added up: an upper bound on what the run held at once (they need not coincide).
        both = run.peak_mb + int(worker[1])
        print(
            f"  + assessing worker    {int(worker[1]):6d} MB (its own high-water mark)\n"
            f"  sum of both peaks     {both:6.0f} MB = {both / 200:.2f} x the 200 MB bound (an upper bound:"
            " the two peaks need not coincide)"
        )
    for line in run.stderr.splitlines():
        if "stage times" in line or "edition" in line:
            print(f"  {line.removeprefix('INFO: ')}")
    if run.status not in (0, 1):
        print(run.stderr[-2000:])


#: The backfill case's window: the file's Entrez dates run from 1993 to 2021, so about nine windows,
#: the last holding nearly every record (what a backfill's memory must survive).
BACKFILL_WINDOW_DAYS = 1200


def backfill_case(bulk: Path, folder: Path) -> None:
    """The third case: ``osteodigest backfill`` of the whole file on an empty store, in date windows, its
    peak memory against the 200 MB bound (issue 20 bounds a backfill's as a run's)."""
    folder.mkdir()
    with served(bulk) as (base, oldest):
        config = write_config(folder, base, oldest)
        since, until = oldest.isoformat(), date.today().isoformat()
        window = str(BACKFILL_WINDOW_DAYS)
        run = measure(
            [
                "--config",
                str(config),
                "-v",
                "backfill",
                "--since",
                since,
                "--until",
                until,
                "--window-days",
                window,
            ],
            folder,
        )
        with urlopen(base + "requests.fcgi") as reply:
            report(
                f"osteodigest backfill --since {since} --window-days {window} (empty store)",
                run,
                json.loads(reply.read()),
            )
    with contextlib.closing(sqlite3.connect(folder / "store.sqlite3")) as conn:
        works = conn.execute("SELECT COUNT(*) FROM works").fetchone()[0]
    print(f"  works stored          {works}")


def commands(bulk: Path, folder: Path) -> None:
    print("\ncommands on the same file (peak RSS against the 200 MB bound)")
    for name, command in (
        ("tag", ["tag", str(bulk)]),
        ("dedup", ["dedup", str(bulk), "-o", str(folder / "clusters.csv")]),
    ):
        result = measure(command, folder)
        print(
            f"  {name:6} exit {result.status}  wall {result.wall:6.1f} s  CPU {result.cpu:6.1f} s  "
            f"peak {result.peak_mb:5.0f} MB = {result.peak_mb / 200:.2f} x bound"
        )


if __name__ == "__main__":
    main()
