"""The queries an edition and every fetch run on ``works``, timed on a store of a million works.

Run from the repository root::

    python benchmarks/store_queries.py               # 1,000,000 works
    python benchmarks/store_queries.py --works 200000

Data: synthetic ``works`` rows (no records: these queries read ``works`` alone), first seen one a
second; 1% were flagged by a later notice (``changed_at`` set), 0.1% were never tagged. The store is
made by ``Store`` (every migration applied) and filled with plain INSERTs, which is the quick way to a
large table and changes nothing about how it is queried.

Printed: the median of 20 calls of each query through the store (``store.works.changed_ids`` for the
edition's status changes, ``store.works.untagged_ids`` after every fetch), with its query plan, and
the same queries as they were before migration 0005 (``ORDER BY id`` and no partial indexes), for
comparison. Nothing is tuned on these figures; they only show whether a query reads the whole table.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from osteodigest.crawler.store import Store

TAGS = (
    '{"study_type": "cohort", "evidence_level": 3, "flags": [], "topics": [], "key_numbers": {}, "why": {}}'
)


def _fill(store: Store, count: int) -> str:
    """``count`` works, a second apart; returns the time of a previous edition near the end."""
    start = datetime(2020, 1, 1, tzinfo=UTC)

    def rows():
        for i in range(count):
            seen = (start + timedelta(seconds=i)).isoformat(timespec="microseconds")
            changed = (start + timedelta(seconds=i + count)).isoformat(timespec="microseconds")
            yield (seen, seen, changed if i % 100 == 7 else None, None if i % 1000 == 3 else TAGS)

    with store.transaction():
        store.conn.executemany(
            "INSERT INTO works (first_seen, updated_at, changed_at, tags) VALUES (?, ?, ?, ?)", rows()
        )
    return (start + timedelta(seconds=count + count // 2)).isoformat(timespec="microseconds")


def _median_ms(call: Callable[[], object], repeat: int = 20) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def _plan(conn: sqlite3.Connection, sql: str, args: tuple) -> str:
    return "; ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", args))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "store.sqlite3") as store:
        started = time.perf_counter()
        since = _fill(store, args.works)
        print(f"{args.works:,} works stored in {time.perf_counter() - started:.0f} s")
        changed_sql = "SELECT id FROM works WHERE changed_at > ? AND first_seen <= ? ORDER BY +id"
        untagged_sql = "SELECT id FROM works WHERE tags IS NULL ORDER BY id"
        now_changed, ids = _median_ms(lambda: store.works.changed_ids(since))
        now_untagged, untagged = _median_ms(store.works.untagged_ids)
        print(f"changed works (status changes of an edition): {now_changed:.2f} ms for {len(ids)} works")
        print(f"  plan: {_plan(store.conn, changed_sql, (since, since))}")
        print(f"untagged works (after every fetch): {now_untagged:.2f} ms for {len(untagged)} works")
        print(f"  plan: {_plan(store.conn, untagged_sql, ())}")

        # As before migration 0005: no partial indexes, the changed works sorted by the rowid walk (on a
        # connection of its own, which has no statement prepared while the indexes existed).
        store.conn.execute("DROP INDEX works_changed")
        store.conn.execute("DROP INDEX works_untagged")
        old_changed_sql = changed_sql.replace("+id", "id")
        with contextlib.closing(sqlite3.connect(store.path)) as old:
            before_changed, _ = _median_ms(lambda: old.execute(old_changed_sql, (since, since)).fetchall())
            before_untagged, _ = _median_ms(lambda: old.execute(untagged_sql).fetchall())
            old_plans = _plan(old, old_changed_sql, (since, since)), _plan(old, untagged_sql, ())
        print(f"before 0005: changed works {before_changed:.1f} ms ({old_plans[0]}),")
        print(f"             untagged works {before_untagged:.1f} ms ({old_plans[1]})")


if __name__ == "__main__":
    main()
