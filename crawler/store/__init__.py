"""The one SQLite store: open it with :class:`Store`; each family of tables has one owner:

- ``store.works`` (:mod:`.works`): works, records, work_keys, work_links;
- ``store.editions`` (:mod:`.editions`): editions, edition_items;
- ``store.subscribers`` and ``store.deliveries`` (:mod:`.subscribers`): subscribers, deliveries, bounces;
- ``store.ops`` (:mod:`.ops`): source_state (watermarks), fetch_log, runs, alerts, backfill_windows;
- ``store.headlines`` (:mod:`.headlines`): headlines (plain-language headlines by model).

Each owner is the only code that runs SQL on its tables (tests/test_import_rules.py checks it).
Every write is a transaction (:meth:`Store.transaction`; an owner's write inside one is a savepoint of
it), and every row crosses the boundary as a typed record (:class:`Work`, :class:`Edition`,
:class:`Subscriber`, :class:`Delivery`, :class:`Alert` …), never as an ``sqlite3.Row``. A source's
watermark is written in the same transaction as the records it covers (:meth:`Store.save_fetch`), and so
are the tags and relevance of the works they change, so a crash can lose neither the records nor the
place to resume from, nor leave a work untagged. Migrations: :mod:`.migrations`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from osteodigest.crawler.models import FetchResult
from osteodigest.crawler.store.database import (
    SQLITE_MAX_INTEGER,
    Database,
    WallClock,
    backup_database,
    iso_stamp,
    store_failure,
    system_time,
    utcnow,
)
from osteodigest.crawler.store.editions import Edition, Editions
from osteodigest.crawler.store.headlines import CachedHeadline, Headlines, HeadlineStatus
from osteodigest.crawler.store.migrations import MIGRATIONS
from osteodigest.crawler.store.ops import Alert, AlertKind, Operations, RunOutcome, RunRecord, SourceRun
from osteodigest.crawler.store.subscribers import (
    Bounce,
    BounceKind,
    ClaimedDelivery,
    Deliveries,
    Delivery,
    DeliveryStatus,
    Preferences,
    Subscriber,
    Subscribers,
    SubscriberStatus,
    Upsert,
)
from osteodigest.crawler.store.works import PUBLISHED_AS, SaveSummary, Works

__all__ = [
    "PUBLISHED_AS",
    "SQLITE_MAX_INTEGER",
    "Alert",
    "AlertKind",
    "Assess",
    "Bounce",
    "BounceKind",
    "CachedHeadline",
    "ClaimedDelivery",
    "Delivery",
    "DeliveryStatus",
    "Edition",
    "HeadlineStatus",
    "Preferences",
    "RunOutcome",
    "RunRecord",
    "SaveSummary",
    "SourceRun",
    "Store",
    "Subscriber",
    "SubscriberStatus",
    "Upsert",
    "WallClock",
    "backup_database",
    "iso_stamp",
    "store_failure",
    "system_time",
    "utcnow",
]


#: What :meth:`Store.save_fetch` calls with the works a save changed, inside its transaction.
Assess = Callable[[set[int]], None]


class Store(Database):
    """A connection to the store; use as a context manager or call :meth:`close`.

    The owners are attributes: ``store.works``, ``store.editions``, ``store.subscribers``,
    ``store.deliveries``, ``store.ops``, ``store.headlines``. The store itself only opens the file
    (private, migrated), holds the transaction helper, and does what spans owners.
    """

    def __init__(self, path: str | Path, *, timeout: float = 10.0, clock: WallClock = system_time) -> None:
        super().__init__(path, MIGRATIONS, timeout=timeout, clock=clock)
        self.works = Works(self)
        self.editions = Editions(self, self.works)
        self.subscribers = Subscribers(self)
        self.deliveries = Deliveries(self)
        self.ops = Operations(self)
        self.headlines = Headlines(self)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save_fetch(
        self,
        result: FetchResult,
        started_at: str | None = None,
        before: SaveSummary | None = None,
        assess: Assess | None = None,
    ) -> SaveSummary:
        """Store a source's records, what they change and, only if it succeeded, its new state — in one
        transaction.

        ``assess`` is handed the works the records changed (new ones, and those a record of which is now
        another version) inside the same transaction, so what is concluded about a work (its tags and
        relevance) is written with the records it was concluded from: a run killed half-way leaves
        neither records without their tags nor tags of records no longer stored. A failed fetch still
        stores the records that arrived before the failure (they are real), but its watermark stays
        where it was so the next run fetches the rest. A partial result (a batch, more to come for its
        topic) stores its records only; the topic's last result then writes the state and the fetch log,
        whose counts include the batches stored ``before`` it. A recheck (``result.rechecked``) stamps
        when each record it asked about was checked, and logs what it asked and what came back changed
        rather than records found.
        """
        with self.transaction():
            summary = self.works.save(result.records)
            if result.rechecked:
                self.works.mark_checked(result.source, result.rechecked)
            if assess is not None and summary.changed_work_ids:
                assess(summary.changed_work_ids)
            if result.partial:
                return summary
            if result.ok and result.state:
                self.ops.put_state(result.source, result.topic, result.state)
            total = summary.plus(before) if before else summary
            if result.rechecked is not None:
                counts = {**result.counts, "set_aside": len(result.set_aside)}
                self.ops.log_fetch(result, 0, 0, started_at or utcnow(), counts)
                return summary
            counts = {**result.counts, **total.counts(len(result.set_aside))}
            self.ops.log_fetch(result, total.records, total.new_works, started_at or utcnow(), counts)
        return summary

    def counts(self) -> dict[str, int]:
        """Rows of the big tables, for ``status``."""
        return {
            "works": self.works.count(),
            "records": self.works.count_records(),
            "editions": self.editions.count(),
        }
