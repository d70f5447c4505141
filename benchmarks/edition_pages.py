"""How big a huge first edition's web pages and Atom feed are, and how long a page takes to serve; and
what a first monthly reader's edition costs on a store a year old.

Run from the repository root::

    python benchmarks/edition_pages.py                 # 20,000 works, as a first edition can hold
    python benchmarks/edition_pages.py --works 5000    # a quicker run
    python benchmarks/edition_pages.py --first-reader        # 100,000 works over a year, a new reader
    python benchmarks/edition_pages.py --first-reader 20000  # the same on a smaller store

Data: the records of ``../shared/fixtures/pubmed/bone_topic_subset.xml`` (read in place) that the
relevance stage finds about a topic (only those reach an edition), copied with new identifiers until there
are ``--works`` works (titles and abstracts as PubMed gave them), tagged and assessed as a fetch does them,
all in one edition. Nothing is tuned on these figures; they check the page budget of
``newsletter.pages`` (a page is cut at an estimated 1.5 MB; the line is 2 MB) and the feed's item bound.

Prints the number of pages, the largest page in bytes, the time to serve the first page (which loads the
edition) and the median and slowest of the others (the loaded edition is kept a few minutes), through the
WSGI app (Flask's test client, no network), and the feed's size and time.

``--first-reader N`` (issue 16: a first monthly reader on a 100,000-work store once got a 100,990-item,
159 MB edition that took 91 s and 2.33 GB): N works first seen over the year before now, about a topic,
tagged and assessed; a monthly reader subscribes, and ``osteodigest preview --subscriber`` then
``osteodigest send`` (no SMTP host: the message goes to the outbox) run as the commands a user types, each
in a process of its own. Printed per command: items, subject, message size, wall and CPU time (the CPU
time says more on a shared machine) and the process's peak resident memory (``ru_maxrss``, interpreter
and imports included). The store is filled the quick way: the shared records about a topic are saved,
tagged and assessed through the store once, and each of the N works is a copy of one of them (new
identifiers, its tags and decisions) written with plain INSERTs, no blocking keys (only new records read
those). The configured ``[digest] frequency`` is monthly too, so ``send`` makes the one edition the
reader is owed and no other. Nothing is tuned on these figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default
from pathlib import Path

from osteodigest.crawler.models import Record
from osteodigest.crawler.normalize import normalize_record
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.run import tag_works
from osteodigest.crawler.settings import settings_from_dict
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import load_topics, main_topics
from osteodigest.newsletter.edition import make_edition
from osteodigest.newsletter.web import create_app

FIXTURE = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "pubmed" / "bone_topic_subset.xml"


_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _words(n: int) -> str:
    """'three one four' for 314: a prefix that makes every copied title unlike the others."""
    return " ".join(_DIGITS[int(d)] for d in str(n))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--works", type=int, default=20_000)
    parser.add_argument(
        "--first-reader",
        type=int,
        nargs="?",
        const=100_000,
        metavar="WORKS",
        help="instead: a new monthly reader's first edition on a store of WORKS works over a year",
    )
    args = parser.parse_args()
    if not FIXTURE.exists():
        print(
            f"fixture {FIXTURE} is absent (run with ../shared/fixtures beside the checkout)", file=sys.stderr
        )
        return 2
    stage = RelevanceStage(load_topics())
    base = _about_records(stage)
    if args.first_reader:
        return first_reader(args.first_reader, base, stage)
    topics = main_topics(stage.topics)
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings_from_dict(
            {
                "general": {"database": "store.sqlite3", "data_dir": "data"},
                "web": {"base_url": "https://x.org"},
            },
            base_dir=Path(tmp),
        )
        # Each copy its own work: new identifiers, and a title and authors the deduplicator cannot match.
        records = [
            replace(
                r,
                source_id=f"{n}-{r.source_id}",
                pmid=str(10_000_000 + n),
                doi=None,
                pmcid=None,
                title=f"{_words(n)}: {r.title}",
                authors=(f"Copy{_words(n).replace(' ', '')} A",),
            )
            for n, r in enumerate(base[i % len(base)] for i in range(args.works))
        ]
        with Store(settings.database_path) as store:
            store.works.save(records)
            works = store.counts().get("works")
            tag_works(store, store.works.ids(), stage)
            edition_id = make_edition(settings, store, topics)
        client = create_app(settings).test_client()
        sizes, times, page = [], [], 1
        while True:
            started = time.perf_counter()
            response = client.get(f"/editions/{edition_id}?page={page}")
            times.append(time.perf_counter() - started)
            if response.status_code == 404:
                times.pop()
                break
            sizes.append(len(response.data))
            page += 1
        started = time.perf_counter()
        feed = client.get("/feed.xml")
        feed_time = time.perf_counter() - started
    print(
        f"edition of {works} works (the {len(base)} shared PubMed records about a topic, repeated),"
        " page budget 1.5 MB estimated"
    )
    print(f"pages: {len(sizes)}; largest {max(sizes):,} bytes; smallest {min(sizes):,} bytes")
    print(f"serve page 1 (loads and keeps the edition): {times[0]:.2f} s")
    rest = times[1:] or times
    median, slowest = statistics.median(rest), max(rest)
    print(f"serve the next pages (edition kept): median {median:.2f} s, slowest {slowest:.2f} s")
    print(f"feed.xml: {len(feed.data):,} bytes in {feed_time:.2f} s")
    return 0


def _about_records(stage: RelevanceStage) -> list[Record]:
    """The shared PubMed records the relevance stage finds about a topic: only those reach an edition."""
    base = [
        replace(normalize_record(r), topics=("osteoporosis",)) for r in parse_medline(FIXTURE.read_bytes())
    ]
    return [r for r in base if any(d.is_about for d in stage.assess(r).values())]


READER = "first.monthly@example.org"
CONFIG = """
[general]
database = "store.sqlite3"
outbox = "outbox"
data_dir = "data"
[digest]
frequency = "monthly"
[web]
base_url = "https://x.org"
"""


def first_reader(total: int, base: list[Record], stage: RelevanceStage) -> int:
    """A store of ``total`` works over the year before now, then a new monthly reader's first edition."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = folder / "osteodigest.toml"
        config.write_text(CONFIG, encoding="utf-8")
        started = time.perf_counter()
        assessed = _assessed(folder / "template.sqlite3", base, stage)
        end = datetime.now(UTC) - timedelta(minutes=1)
        begin = end - timedelta(days=365)
        with Store(folder / "store.sqlite3") as store, store.transaction():
            store.conn.executemany(
                "INSERT INTO works (id, first_seen, updated_at, topics, tags, relevance, assessed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                _work_rows(total, base, assessed, begin, end),
            )
            store.conn.executemany(
                "INSERT INTO records (source, source_id, work_id, kind, doi, pmid, pmcid, data, fetched_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _record_rows(total, base, begin, end),
            )
        print(
            f"{total:,} works about a topic, first seen from {begin:%Y-%m-%d} to {end:%Y-%m-%d} (copies of"
            f" the {len(base)} shared PubMed records about a topic), stored in"
            f" {time.perf_counter() - started:.0f} s"
        )
        _command(config, ["subscribers", "add", READER, "--frequency", "monthly"])
        preview = _command(config, ["preview", "--subscriber", READER])
        print(f"preview --subscriber: {preview.line}")
        print(f"  {preview.seconds:.1f} s wall ({preview.cpu:.1f} s CPU), peak RSS {preview.peak_mb:.0f} MB")
        sent = _command(config, ["send"])
        # The outbox holds the edition's files (stem.html/.txt/.eml) and the reader's message (.eml alone).
        eml = sorted((folder / "outbox").rglob("*.eml"))
        messages = [
            m for m in eml if not m.name.startswith("preview-") and not m.with_suffix(".html").exists()
        ]
        print(f"send (to the outbox): {sent.line}")
        for m in messages:
            subject = message_from_bytes(m.read_bytes(), policy=default)["Subject"]
            print(f"  message {m.name}: {m.stat().st_size:,} bytes, subject {subject!r}")
        print(f"  {sent.seconds:.1f} s wall ({sent.cpu:.1f} s CPU), peak RSS {sent.peak_mb:.0f} MB")
    return 0


def _assessed(path: Path, base: list[Record], stage: RelevanceStage) -> dict[str, tuple[str, str, str]]:
    """Each base record's stored (topics, tags, relevance), as a fetch writes them: saved, tagged and
    assessed through a real store."""
    with Store(path) as store:
        store.works.save(base)
        tag_works(store, store.works.ids(), stage)
        rows = store.conn.execute(
            "SELECT r.source_id, w.topics, w.tags, w.relevance"
            " FROM records r JOIN works w ON w.id = r.work_id"
        ).fetchall()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def _moment(n: int, total: int, begin: datetime, end: datetime) -> str:
    return (begin + (end - begin) * (n / max(1, total - 1))).isoformat(timespec="microseconds")


def _work_rows(total, base, assessed, begin, end):
    for n in range(total):
        topics, tags, relevance = assessed[base[n % len(base)].source_id]
        seen = _moment(n, total, begin, end)
        yield (n + 1, seen, seen, topics, tags, relevance, seen)


def _record_rows(total, base, begin, end):
    for n in range(total):
        r = base[n % len(base)]
        copy = replace(r, source_id=f"{n}-{r.source_id}", pmid=str(10_000_000 + n), doi=None, pmcid=None)
        seen = _moment(n, total, begin, end)
        data = json.dumps(copy.to_dict(), sort_keys=True, ensure_ascii=False)
        yield (copy.source, copy.source_id, n + 1, copy.kind, None, copy.pmid, None, data, seen, seen)


class _Ran:
    def __init__(self, line: str, seconds: float, cpu: float, peak_mb: float) -> None:
        self.line, self.seconds, self.cpu, self.peak_mb = line, seconds, cpu, peak_mb


#: Runs the CLI and reports the process's own peak resident set (KiB on Linux) on its last stderr line.
_CHILD = (
    "import resource, sys\n"
    "from osteodigest.newsletter.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "used = resource.getrusage(resource.RUSAGE_SELF)\n"
    "print('maxrss', used.ru_maxrss, used.ru_utime + used.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _command(config: Path, argv: list[str]) -> _Ran:
    """One ``osteodigest`` command in a process of its own: its output, wall time and peak memory."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "--config", str(config), *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    lines = done.stderr.strip().splitlines()
    if done.returncode != 0 or not lines or not lines[-1].startswith("maxrss"):
        raise SystemExit(f"osteodigest {' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    _, peak_kib, cpu = lines[-1].split()
    return _Ran(" / ".join(done.stdout.strip().splitlines()), seconds, float(cpu), int(peak_kib) / 1024)


if __name__ == "__main__":
    sys.exit(main())
