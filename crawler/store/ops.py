"""Operations: the only module that runs SQL on ``source_state`` (watermarks), ``fetch_log``, ``runs``,
``alerts`` and ``backfill_windows``.

These tables say how fetching went rather than what was found: where each source resumes, what each
fetch of a topic returned, which processes started and ended, which incidents are open, and which
backfill windows are done. ``status`` reads them all; a source's watermark is written by
:meth:`Store.save_fetch` in the transaction that stores its records.
"""

from __future__ import annotations

import enum
import json
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from osteodigest.crawler.models import FetchResult
from osteodigest.crawler.store.database import Database, Migration, utcnow

#: The tables this module owns.
TABLES = ("source_state", "fetch_log", "runs", "alerts", "backfill_windows")


class AlertKind(enum.StrEnum):
    """Why a source is flagged (one open incident per source and kind)."""

    FAILURES = "failures"
    QUIET = "quiet"
    CRASHED = "crashed"
    SET_ASIDE = "set_aside"
    UNFINISHED = "unfinished"


class RunOutcome(enum.StrEnum):
    """How a fetch or backfill process ended; an abort is stored as ``aborted: why``."""

    OK = "ok"
    PARTIAL = "partial"
    ABORTED = "aborted"

    @staticmethod
    def aborted(why: str) -> str:
        return f"{RunOutcome.ABORTED}: {why}"


@dataclass
class SourceRun:
    """One run of a source: the ``fetch_log`` rows sharing its ``started_at`` (one per topic or feed)."""

    started_at: str
    finished_at: str
    ok: bool
    records: int
    new_works: int
    errors: list[str] = field(default_factory=list)
    #: Records set aside (kept under data/failed/) and whether the failure was an unexpected exception.
    set_aside: int = 0
    crashed: bool = False
    #: What the run did, added up over its rows (see crawler.stats); empty for runs logged before.
    stats: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RunRecord:
    """A row of ``runs``: one fetch or backfill process."""

    command: str
    pid: int
    host: str
    started_at: str
    finished_at: str | None
    outcome: str | None

    @property
    def aborted(self) -> bool:
        return (self.outcome or "").startswith(RunOutcome.ABORTED)


@dataclass(frozen=True)
class Alert:
    """An open incident."""

    id: int
    source: str
    kind: AlertKind
    message: str
    opened_at: str
    notified_at: str | None


def _summed(rows: list[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for row in rows:
        for name, value in row.items():
            total[name] = total.get(name, 0) + int(value)
    return total


#: Per source and run, what it did, as data: requests, retries by cause, replies by status, items read,
#: set aside as off-topic, duplicates, new works (crawler.stats), one JSON object per fetch_log row.
MIGRATION_0010: Migration = (
    "0010_fetch_log_stats",
    """
    ALTER TABLE fetch_log ADD COLUMN stats TEXT NOT NULL DEFAULT '{}';
    """,
)


class Operations:
    """Watermarks, the fetch log, run records, alerts and backfill windows."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ----------------------------------------------------------------- watermarks
    def get_state(self, source: str, key: str) -> dict[str, Any]:
        row = self._db.conn.execute(
            "SELECT state FROM source_state WHERE source = ? AND key = ?", (source, key)
        ).fetchone()
        return json.loads(row[0]) if row else {}

    def put_state(self, source: str, key: str, state: dict[str, Any]) -> None:
        with self._db.transaction():
            self._db.conn.execute(
                "INSERT INTO source_state VALUES (?, ?, ?, ?) ON CONFLICT (source, key) "
                "DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                (source, key, json.dumps(state, sort_keys=True), utcnow()),
            )

    def watermarks(self, source: str) -> dict[str, dict[str, Any]]:
        """Every key's state of ``source`` (topic, feed URL …), by key."""
        return {
            r[0]: json.loads(r[1])
            for r in self._db.conn.execute(
                "SELECT key, state FROM source_state WHERE source = ? ORDER BY key", (source,)
            )
        }

    # ----------------------------------------------------------------- fetch log
    def log_fetch(
        self,
        result: FetchResult,
        records: int,
        new_works: int,
        started_at: str,
        counts: dict[str, int] | None = None,
    ) -> None:
        """One row of the fetch log; ``counts`` are what the fetch and storing counted (crawler.stats)."""
        with self._db.transaction():
            self._db.conn.execute(
                "INSERT INTO fetch_log (source, topic, started_at, finished_at, ok, error, records,"
                " new_works, requests, set_aside, crashed, stats)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    result.source,
                    result.topic,
                    started_at,
                    utcnow(),
                    int(result.ok),
                    result.error,
                    records,
                    new_works,
                    result.requests,
                    len(result.set_aside),
                    int(result.crashed),
                    json.dumps(counts if counts is not None else result.counts, sort_keys=True),
                ),
            )

    def logged_sources(self) -> list[str]:
        """Every source the fetch log has seen."""
        return [r[0] for r in self._db.conn.execute("SELECT DISTINCT source FROM fetch_log")]

    def source_runs(self, source: str) -> list[SourceRun]:
        """Every run of ``source``, newest first."""
        runs = []
        for row in self._db.conn.execute(
            "SELECT started_at, MAX(finished_at), MIN(ok), SUM(records), SUM(new_works),"
            " json_group_array(error), SUM(set_aside), MAX(crashed), json_group_array(json(stats))"
            " FROM fetch_log WHERE source = ?"
            " GROUP BY started_at ORDER BY started_at DESC",
            (source,),
        ):
            errors = list(dict.fromkeys(e for e in json.loads(row[5]) if e))
            runs.append(
                SourceRun(
                    row[0],
                    row[1],
                    bool(row[2]),
                    int(row[3] or 0),
                    int(row[4] or 0),
                    errors,
                    int(row[6] or 0),
                    bool(row[7]),
                    _summed(json.loads(row[8])),
                )
            )
        return runs

    def last_fetch_started(self, source: str) -> str | None:
        return self._db.conn.execute(
            "SELECT MAX(started_at) FROM fetch_log WHERE source = ?", (source,)
        ).fetchone()[0]

    # ----------------------------------------------------------------- runs
    def start_run(self, command: str, sources: Sequence[str], wait: float = 1.0) -> int:
        """Record that a fetch or backfill process starts; see :meth:`finish_run`.

        Waits at most ``wait`` seconds for the write lock (not the store's usual time-out): the caller
        goes on without the record rather than stall its fetch behind another writer.
        """
        with self._db.busy_timeout(wait), self._db.transaction():
            run_id = self._db.conn.execute(
                "INSERT INTO runs (command, sources, pid, host, started_at) VALUES (?, ?, ?, ?, ?)",
                (command, json.dumps(list(sources)), os.getpid(), socket.gethostname(), utcnow()),
            ).lastrowid
        assert run_id is not None
        return run_id

    def finish_run(self, run_id: int, outcome: str) -> None:
        """Record how a run ended (a :class:`RunOutcome`, or ``aborted: why``). A run never marked
        finished whose process is gone was killed or crashed: ``status`` says so."""
        with self._db.transaction():
            self._db.conn.execute(
                "UPDATE runs SET finished_at = ?, outcome = ? WHERE id = ?", (utcnow(), outcome, run_id)
            )

    def recent_runs(self, source: str, limit: int) -> list[RunRecord]:
        """The latest ``limit`` recorded runs that fetched ``source``, newest first."""
        return [
            RunRecord(r["command"], int(r["pid"]), r["host"], r["started_at"], r["finished_at"], r["outcome"])
            for r in self._db.conn.execute(
                "SELECT r.command, r.pid, r.host, r.started_at, r.finished_at, r.outcome"
                " FROM runs r, json_each(r.sources) s WHERE s.value = ? ORDER BY r.id DESC LIMIT ?",
                (source, limit),
            )
        ]

    # ----------------------------------------------------------------- alerts
    def open_alerts(self, *, unnotified: bool = False) -> list[Alert]:
        """Open incidents (only those nobody was told of yet, with ``unnotified``), oldest first."""
        sql = "SELECT id, source, kind, message, opened_at, notified_at FROM alerts WHERE closed_at IS NULL"
        if unnotified:
            sql += " AND notified_at IS NULL"
        return [
            Alert(r[0], r[1], AlertKind(r[2]), r[3], r[4], r[5])
            for r in self._db.conn.execute(sql + " ORDER BY id")
        ]

    def open_alert(self, source: str, kind: AlertKind, message: str, now: str) -> bool:
        """Open an incident unless one of this source and kind is open; True when it was opened."""
        with self._db.transaction():
            return (
                self._db.conn.execute(
                    "INSERT OR IGNORE INTO alerts (source, kind, message, opened_at) VALUES (?, ?, ?, ?)",
                    (source, kind, message, now),
                ).rowcount
                > 0
            )

    def close_alert(self, alert_id: int, now: str) -> None:
        with self._db.transaction():
            self._db.conn.execute("UPDATE alerts SET closed_at = ? WHERE id = ?", (now, alert_id))

    def mark_notified(self, alert_ids: Sequence[int], now: str) -> None:
        with self._db.transaction():
            self._db.conn.executemany(
                "UPDATE alerts SET notified_at = ? WHERE id = ?", [(now, alert_id) for alert_id in alert_ids]
            )

    def notified_since(self, source: str, kind: AlertKind, since: str) -> bool:
        """Whether maintainers were told of an incident of this source and kind at ``since`` or later."""
        return (
            self._db.conn.execute(
                "SELECT 1 FROM alerts WHERE source = ? AND kind = ? AND notified_at >= ?",
                (source, kind, since),
            ).fetchone()
            is not None
        )

    # ----------------------------------------------------------------- backfill windows
    def completed_windows(self, source: str) -> list[tuple[str, str]]:
        """(first day, last day) of every window a backfill of ``source`` stored completely."""
        return [
            (r[0], r[1])
            for r in self._db.conn.execute(
                "SELECT window_start, window_end FROM backfill_windows WHERE source = ?", (source,)
            )
        ]

    def complete_window(self, source: str, start: str, end: str, records: int) -> None:
        with self._db.transaction():
            self._db.conn.execute(
                "INSERT OR REPLACE INTO backfill_windows VALUES (?, ?, ?, ?, ?)",
                (source, start, end, records, utcnow()),
            )

    def backfill_totals(self, source: str) -> tuple[int, int]:
        """(windows done, records they stored) for ``source``."""
        row = self._db.conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(records), 0) FROM backfill_windows WHERE source = ?", (source,)
        ).fetchone()
        return int(row[0]), int(row[1])
