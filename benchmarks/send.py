"""Render and deliver one edition of up to 200 real works to 1,000 readers with varied preferences over SMTP.

Run from the repository root::

    python benchmarks/send.py                   # 200 works, 1,000 readers
    python benchmarks/send.py --readers 200     # a quicker run
    python benchmarks/send.py --trace-memory    # plus the Python heap peak

Data: the first 200 records of ``../shared/fixtures/pubmed/bone_topic_subset.xml`` (read in place) that
the relevance stage finds about a topic (only those reach an edition; the fixture holds fewer), tagged and
assessed as a fetch does them. Readers get seeded random preferences: topics, muted study
types, a minimum evidence level, an item cap. The mail server is aiosmtpd on 127.0.0.1 in a child
process (as a real MTA would be another process), accepting everything.

The timed part is exactly ``osteodigest send``: load the edition once, then per reader filter, render
(Jinja2 + css-inline), sign two links, claim the delivery row, send over the one connection, record.
Prints messages/s and peak memory (the sending process's max RSS; ``--trace-memory`` adds the
Python heap peak from a second, tracemalloc-slowed run).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

from osteodigest.crawler.normalize import normalize_record
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.run import tag_works
from osteodigest.crawler.settings import settings_from_dict
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import load_topics, main_topics
from osteodigest.newsletter.edition import make_edition
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber, make_preferences

ROOT = Path(__file__).resolve().parents[1]

FIXTURE = ROOT.parent / "shared" / "fixtures" / "pubmed" / "bone_topic_subset.xml"
TYPES = ("animal", "in_vitro", "case_report", "narrative_review", "commentary", "bioinformatics")


def _serve(ready, stop, counter) -> None:
    """Child process: an accepting aiosmtpd server; reports its port, counts messages until told to stop."""
    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            with counter.get_lock():
                counter.value += 1
            return "250 2.0.0 Ok"

    class PortZero(Controller):
        def _trigger_server(self):
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    controller = PortZero(Sink(), hostname="127.0.0.1", port=0)
    controller.start()
    ready.put(controller.port)
    stop.wait()
    controller.stop()


def build(tmp: Path, works: int, readers: int, port: int, seed: int):
    settings = settings_from_dict(
        {
            "general": {"database": "bench.sqlite3", "outbox": "outbox", "data_dir": "data"},
            "web": {"base_url": "https://digest.example.org"},
            "smtp": {"host": "127.0.0.1", "port": port, "security": "none", "from": "Digest <d@example.org>"},
        },
        base_dir=tmp,
    )
    stage = RelevanceStage(load_topics())
    topics = main_topics(stage.topics)
    records = []
    for record in parse_medline(FIXTURE.read_bytes()):
        record = replace(normalize_record(record), topics=("osteoporosis",))  # the search's candidate
        if any(d.is_about for d in stage.assess(record).values()):
            records.append(record)
        if len(records) == works:
            break
    rng = random.Random(seed)
    with Store(settings.database_path) as store:
        store.works.save(records)
        all_works = list(store.works.iter_all())
        tag_works(store, [w.id for w in all_works], stage)
        for i in range(readers):
            prefs = make_preferences(
                topics=rng.choice(
                    [None, None, "osteoporosis", "osteonecrosis", "osteonecrosis,osteoporosis"]
                ),
                exclude_types=",".join(rng.sample(TYPES, rng.randint(0, 3))) or None,
                min_evidence=rng.choice([None, None, None, 2, 3, 4]),
                max_items=rng.choice([None, None, 10, 40]),
            )
            add_subscriber(store, f"reader{i:05d}@example.org", prefs)
        edition_id = make_edition(settings, store, topics, "weekly")
    return settings, topics, edition_id, len(all_works)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--works", type=int, default=200)
    parser.add_argument("--readers", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--trace-memory", action="store_true", help="also a tracemalloc run for the Python heap peak (slow)"
    )
    args = parser.parse_args()
    if not FIXTURE.exists():
        print(f"fixture {FIXTURE} is absent; nothing to measure", file=sys.stderr)
        return 2
    ctx = mp.get_context("spawn")
    ready, stop, counter = ctx.Queue(), ctx.Event(), ctx.Value("i", 0)
    server = ctx.Process(target=_serve, args=(ready, stop, counter), daemon=True)
    server.start()
    port = ready.get(timeout=60)
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings, topics, edition_id, works = build(
                Path(folder), args.works, args.readers, port, args.seed
            )
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            elapsed, cpu, report = _run(settings, topics, edition_id)
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            heap_peak = None
            if args.trace_memory:
                tracemalloc.start()
                _run(settings, topics, edition_id)
                heap_peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
    finally:
        stop.set()
        server.join(timeout=30)
    print(f"edition {edition_id}: {works} works; {args.readers} readers with varied preferences")
    print(
        f"sent {report.sent}, skipped {report.skipped} (nothing matched), failed "
        f"{len(report.failed_temp) + len(report.failed_perm)}; the server accepted {counter.value} in all; "
        f"{report.connections} SMTP connection(s)"
    )
    print(f"send: {elapsed:.2f} s, {report.sent / elapsed:.1f} messages/s")
    # On a shared machine the wall clock includes other people's work; CPU time is the sender's own.
    load = os.getloadavg()[0]
    print(
        f"sender CPU: {cpu:.2f} s, {report.sent / cpu:.1f} messages per CPU-second (load average {load:.1f})"
    )
    print(
        f"peak memory: {rss_after:.0f} MB max RSS of the sending process ({rss_before:.0f} MB before sending)"
    )
    if heap_peak is not None:
        print(f"Python heap peak during a send run (tracemalloc): {heap_peak / 2**20:.1f} MB")
    return 0


def _run(settings, topics, edition_id):
    """One timed ``send`` of the edition to every reader (earlier deliveries of it forgotten first)."""
    with Store(settings.database_path) as store:
        with store.transaction():
            store.conn.execute("DELETE FROM deliveries WHERE edition_id = ?", (edition_id,))
        started, cpu = time.perf_counter(), time.process_time()
        report = send_editions(settings, store, topics, build=False)
        return time.perf_counter() - started, time.process_time() - cpu, report


if __name__ == "__main__":
    sys.exit(main())
