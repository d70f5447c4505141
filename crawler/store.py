"""The one SQLite store: records, works, watermarks, editions — every write a transaction.

Records are upserted on (source, source_id); which work a new record joins is decided by
:mod:`crawler.dedup` from candidate works found through the ``work_keys`` index, never by rescanning.
A source's watermark is written in the same transaction as the records it covers, so a crash can lose
neither the records nor the place to resume from.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from osteodigest.crawler import dedup
from osteodigest.crawler.errors import OsteoDigestError, StoreDamagedError, StoreError, WriteError
from osteodigest.crawler.files import create_private_file, private_folder, tighten
from osteodigest.crawler.migrations import MIGRATIONS
from osteodigest.crawler.models import FetchResult, Record, Tags, Work

log = logging.getLogger("osteodigest.store")

#: The largest integer SQLite stores; a larger id (``/editions/99999999999999999999``) names nothing.
SQLITE_MAX_INTEGER = 2**63 - 1
#: Primary result codes that mean the file itself is damaged, which no retry can mend.
_DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
#: Primary result codes of a write the disk may have refused.
_DISK_CODES = (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN)
#: Free bytes below which a failed write is put down to a full disk (SQLite grows files a page at a time).
_NEARLY_FULL = 1 << 20


def utcnow() -> str:
    """Timestamps are ISO-8601 UTC with microseconds, so they sort as text."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass
class SaveSummary:
    records: int = 0
    new_records: int = 0
    new_works: int = 0
    changed_work_ids: set[int] = field(default_factory=set)


def store_failure(exc: sqlite3.Error, path: Path | str, doing: str) -> OsteoDigestError:
    """What an SQLite error means for the caller: a damaged file (exit 1: restore a backup) or a store
    that is busy, full or read-only for now (StoreError, exit 75). ``doing`` starts the message."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGE_CODES:
        return StoreDamagedError(path, str(exc))
    return StoreError(f"{doing}: {exc}{_disk_note(Path(path), code)}")


def _disk_note(path: Path, code: int | None) -> str:
    """Why an I/O error happened, when the file system says so: SQLite reports a full disk met while
    mapping its shared memory only as "disk I/O error", which sends an operator looking for a bad disk."""
    if code is None or code & 0xFF not in _DISK_CODES:
        return ""
    try:
        disk = os.statvfs(path.parent)
    except OSError:
        return ""
    if disk.f_flag & os.ST_RDONLY:
        return " (its file system is read-only)"
    if disk.f_bavail * disk.f_frsize < _NEARLY_FULL:
        return " (the disk holding it is full)"
    return ""


class Store:
    """A connection to the store; use as a context manager or call :meth:`close`.

    The database file is created private (0600, in a 0700 folder when the folder is new); SQLite gives
    its ``-wal`` and ``-shm`` files the database file's mode. A store left readable by others by an
    earlier version is tightened on open.
    """

    def __init__(self, path: str | Path, *, timeout: float = 10.0) -> None:
        self.path = Path(path)
        try:
            private_folder(self.path.parent)
            if not create_private_file(self.path):
                self._tighten()
        except WriteError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc.cause} ({exc.path})") from None
        try:
            self.conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise store_failure(exc, self.path, f"cannot open store {self.path}") from None
        try:
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.Error as exc:
            self.conn.close()
            raise store_failure(exc, self.path, f"cannot open store {self.path}") from None
        except OsteoDigestError:
            self.conn.close()
            raise

    def _tighten(self) -> None:
        for file in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            if tighten(file):
                log.warning("%s was readable by other users: now 0600 (it holds readers' addresses)", file)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; any failure rolls everything back and surfaces as StoreError."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_failure(exc, self.path, f"store {self.path} is busy or unwritable") from None
        try:
            yield self.conn
        except BaseException as exc:
            # SQLite rolls back by itself on some errors (SQLITE_FULL, SQLITE_IOERR); a second ROLLBACK
            # would raise "no transaction is active" and hide the real cause.
            self._rollback()
            if isinstance(exc, sqlite3.Error):
                raise store_failure(
                    exc, self.path, f"store {self.path}: write failed, nothing kept"
                ) from None
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise store_failure(
                    exc, self.path, f"store {self.path}: commit failed, nothing kept"
                ) from None

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the cause being reported matters more
                self.conn.execute("ROLLBACK")

    def check_integrity(self) -> None:
        """Raise StoreDamagedError unless SQLite's ``quick_check`` finds every page sound.

        It reads the whole file (seconds for a large store), so only ``status`` asks for it; every other
        command learns of damage from the first query that touches a bad page.
        """
        try:
            problems = [r[0] for r in self.conn.execute("PRAGMA quick_check")]
        except sqlite3.Error as exc:
            raise store_failure(exc, self.path, f"cannot check the store {self.path}") from None
        if problems != ["ok"]:
            first = " ".join(" ".join(problems).split())[:300]  # one line: the report spans several
            raise StoreDamagedError(self.path, f"integrity check failed: {first}")

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.conn.execute("SELECT name FROM migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction() as conn:
                # executescript would COMMIT our transaction; run statement by statement instead.
                for statement in _split_sql(sql):
                    conn.execute(statement)
                conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, utcnow()))

    # ----------------------------------------------------------------- source state / watermarks
    def get_state(self, source: str, key: str) -> dict[str, Any]:
        row = self.conn.execute(
            "SELECT state FROM source_state WHERE source = ? AND key = ?", (source, key)
        ).fetchone()
        return json.loads(row[0]) if row else {}

    def _put_state(self, source: str, key: str, state: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO source_state VALUES (?, ?, ?, ?) ON CONFLICT (source, key) "
            "DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            (source, key, json.dumps(state, sort_keys=True), utcnow()),
        )

    def has_identifier(self, id_type: str, value: str) -> bool:
        """Whether any stored record carries this DOI, PMID or PMCID (used to skip refetching)."""
        if id_type not in ("doi", "pmid", "pmcid"):
            raise ValueError(f"unknown identifier type {id_type!r}")
        return (
            self.conn.execute(f"SELECT 1 FROM records WHERE {id_type} = ? LIMIT 1", (value,)).fetchone()
            is not None
        )

    # ----------------------------------------------------------------- saving fetched records
    def save_fetch(self, result: FetchResult, started_at: str | None = None) -> SaveSummary:
        """Store a source's records and, only if it succeeded, its new state — in one transaction.

        A failed fetch still stores the records that arrived before the failure (they are real), but its
        watermark stays where it was so the next run fetches the rest.
        """
        with self.transaction():
            summary = self._save_records(result.records)
            if result.ok and result.state:
                self._put_state(result.source, result.topic, result.state)
            self._log_fetch(result, summary, started_at or utcnow())
        return summary

    def save_records(self, records: Iterable[Record]) -> SaveSummary:
        with self.transaction():
            return self._save_records(records)

    def _log_fetch(self, result: FetchResult, summary: SaveSummary, started_at: str) -> None:
        self.conn.execute(
            "INSERT INTO fetch_log (source, topic, started_at, finished_at, ok, error, records, new_works,"
            " requests, set_aside, crashed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                result.source,
                result.topic,
                started_at,
                utcnow(),
                int(result.ok),
                result.error,
                summary.records,
                summary.new_works,
                result.requests,
                len(result.set_aside),
                int(result.crashed),
            ),
        )

    def _save_records(self, records: Iterable[Record]) -> SaveSummary:
        summary = SaveSummary()
        now = utcnow()
        for record in records:
            summary.records += 1
            row = self.conn.execute(
                "SELECT id, work_id, data FROM records WHERE source = ? AND source_id = ?",
                (record.source, record.source_id),
            ).fetchone()
            data = json.dumps(record.to_dict(), sort_keys=True, ensure_ascii=False)
            if row is not None:
                work_id = row["work_id"]
                if row["data"] != data:
                    merged = _merge_topics(Record.from_dict(json.loads(row["data"])), record)
                    self.conn.execute(
                        "UPDATE records SET data = ?, kind = ?, doi = ?, pmid = ?, pmcid = ?, updated_at = ?"
                        " WHERE id = ?",
                        (
                            json.dumps(merged.to_dict(), sort_keys=True, ensure_ascii=False),
                            merged.kind,
                            merged.doi,
                            merged.pmid,
                            merged.pmcid,
                            now,
                            row["id"],
                        ),
                    )
                    self._index(work_id, merged)
                    self._refresh_work(work_id, now)
                    summary.changed_work_ids.add(work_id)
                continue
            summary.new_records += 1
            work_id, created = self._place(record, now)
            self.conn.execute(
                "INSERT INTO records (source, source_id, work_id, kind, doi, pmid, pmcid, data, fetched_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.source,
                    record.source_id,
                    work_id,
                    record.kind,
                    record.doi,
                    record.pmid,
                    record.pmcid,
                    data,
                    now,
                    now,
                ),
            )
            self._index(work_id, record)
            self._refresh_work(work_id, now)
            summary.new_works += int(created)
            summary.changed_work_ids.add(work_id)
        return summary

    def _place(self, record: Record, now: str) -> tuple[int, bool]:
        """Find the work a new record belongs to (or create one) and record typed links and flags.

        Versions (a preprint and its journal article) share one work; a notice (erratum, retraction)
        gets a work of its own, linked to its article, which is flagged so the next edition can say so.
        """
        decision = dedup.decide(record, self._candidates(dedup.match_keys(record)))
        joins = decision.action in ("join", "preprint") and decision.work_id is not None
        if joins:
            work_id = decision.work_id
        else:
            work_id = self.conn.execute(
                "INSERT INTO works (first_seen, updated_at) VALUES (?, ?)", (now, now)
            ).lastrowid
            assert work_id is not None
        links = list(decision.links)
        if decision.action == "notice" and decision.work_id is not None and decision.relation:
            links.append((decision.relation, decision.work_id))
        for link_type, target in links:
            self.conn.execute(
                "INSERT OR IGNORE INTO work_links VALUES (?, ?, ?, ?)", (work_id, target, link_type, now)
            )
        # A notice flags the article it concerns; any other decision flags the work the record is in,
        # including a new one (a record marked retracted, or whose erratum is already stored).
        flagged = work_id
        if decision.action == "notice" and decision.work_id is not None:
            flagged = decision.work_id
        for flag in decision.flags:
            self._flag(flagged, flag, now)
        return work_id, not joins

    def _candidates(self, keys: Sequence[str]) -> list[tuple[int, list[Record]]]:
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        # A key shared by more works than a dedup block holds ("ay:wang|2021") says nothing on its own
        # and would make every new record re-read hundreds of works (the batch path, likewise, only
        # compares such a block's members within a title window); title and citation keys still count.
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT work_id FROM work_keys WHERE key IN (SELECT key FROM work_keys WHERE key IN"
                f" ({marks}) GROUP BY key HAVING COUNT(*) <= ?)",
                [*keys, dedup.MAX_BLOCK],
            )
        ]
        return [(work_id, self._records_of(work_id)) for work_id in ids]

    def _records_of(self, work_id: int) -> list[Record]:
        return [
            Record.from_dict(json.loads(r[0]))
            for r in self.conn.execute("SELECT data FROM records WHERE work_id = ? ORDER BY id", (work_id,))
        ]

    def _index(self, work_id: int, record: Record) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO work_keys (key, work_id) VALUES (?, ?)",
            [(key, work_id) for key in dedup.match_keys(record)],
        )

    def _flag(self, work_id: int, flag: str, now: str) -> None:
        row = self.conn.execute("SELECT flags FROM works WHERE id = ?", (work_id,)).fetchone()
        flags = json.loads(row[0]) if row else []
        if flag not in flags:
            flags.append(flag)
            self.conn.execute(
                "UPDATE works SET flags = ?, changed_at = ? WHERE id = ?", (json.dumps(flags), now, work_id)
            )

    def _refresh_work(self, work_id: int, now: str) -> None:
        topics: set[str] = set()
        for record in self._records_of(work_id):
            topics.update(record.topics)
        self.conn.execute(
            "UPDATE works SET topics = ?, updated_at = ? WHERE id = ?",
            (json.dumps(sorted(topics)), now, work_id),
        )

    # ----------------------------------------------------------------- tags
    def set_tags(self, tags_by_work: dict[int, Tags]) -> None:
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE works SET tags = ? WHERE id = ?",
                [(json.dumps(t.to_dict(), sort_keys=True), wid) for wid, t in tags_by_work.items()],
            )

    # ----------------------------------------------------------------- reading works
    def get_work(self, work_id: int) -> Work | None:
        works = self.get_works([work_id])
        return works[0] if works else None

    def get_works(self, work_ids: Sequence[int]) -> list[Work]:
        """Works in the order asked for, each with all its records."""
        result = []
        for start in range(0, len(work_ids), 500):
            chunk = list(work_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = {
                r["id"]: r for r in self.conn.execute(f"SELECT * FROM works WHERE id IN ({marks})", chunk)
            }
            records: dict[int, list[Record]] = {}
            for r in self.conn.execute(
                f"SELECT work_id, data FROM records WHERE work_id IN ({marks}) ORDER BY id", chunk
            ):
                records.setdefault(r[0], []).append(Record.from_dict(json.loads(r[1])))
            result.extend(_work(rows[i], records.get(i, [])) for i in chunk if i in rows)
        return result

    def work_ids(
        self, *, first_seen_after: str | None = None, until: str | None = None, untagged: bool = False
    ) -> list[int]:
        sql, args = "SELECT id FROM works WHERE 1", []
        if untagged:  # stored, but the tag step failed for them: tagged again by the next run
            sql += " AND tags IS NULL"
        if first_seen_after:
            sql += " AND first_seen > ?"
            args.append(first_seen_after)
        if until:
            sql += " AND first_seen <= ?"
            args.append(until)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY id", args)]

    def iter_works(self, batch: int = 500) -> Iterator[Work]:
        ids = self.work_ids()
        for start in range(0, len(ids), batch):
            yield from self.get_works(ids[start : start + batch])

    def links_from(self, work_id: int) -> list[tuple[int, str]]:
        return [
            (r[0], r[1])
            for r in self.conn.execute("SELECT to_work, type FROM work_links WHERE from_work = ?", (work_id,))
        ]

    # ----------------------------------------------------------------- runs
    def start_run(self, command: str, sources: Sequence[str], wait: float = 1.0) -> int:
        """Record that a fetch or backfill process starts; see :meth:`finish_run`.

        Waits at most ``wait`` seconds for the write lock (not the store's usual time-out): the caller
        goes on without the record rather than stall its fetch behind another writer.
        """
        timeout = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        self.conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        try:
            with self.transaction() as conn:
                run_id = conn.execute(
                    "INSERT INTO runs (command, sources, pid, host, started_at) VALUES (?, ?, ?, ?, ?)",
                    (command, json.dumps(list(sources)), os.getpid(), socket.gethostname(), utcnow()),
                ).lastrowid
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
        assert run_id is not None
        return run_id

    def finish_run(self, run_id: int, outcome: str) -> None:
        """Record how a run ended (``ok``, ``partial``, ``aborted: why``). A run never marked finished
        whose process is gone was killed or crashed: ``status`` says so."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at = ?, outcome = ? WHERE id = ?", (utcnow(), outcome, run_id)
            )

    # ----------------------------------------------------------------- editions
    def last_edition(self, frequency: str) -> sqlite3.Row | None:
        return self.conn.execute(
            "SELECT * FROM editions WHERE frequency = ? ORDER BY id DESC LIMIT 1", (frequency,)
        ).fetchone()

    def create_edition(
        self,
        frequency: str,
        title: str,
        planner: Callable[[list[Work], list[Work]], Sequence[tuple[str, Sequence[int]]]],
        before_commit: Callable[[int], None] | None = None,
    ) -> int:
        """Record an edition of every work first seen since the previous edition of this frequency.

        Selection runs inside the write transaction, with ``period_end`` taken there too, so a work stored
        concurrently lands either in this edition or in the next, never in neither. ``planner`` gets the
        new works and the earlier works whose status changed since, and returns (section, work ids).
        ``before_commit(edition_id)`` runs inside the transaction once the edition's rows are written
        (on this connection it reads them like committed ones); if it raises, the edition is not
        recorded and its works stay new for the next one.
        """
        with self.transaction() as conn:
            previous = self.last_edition(frequency)
            since = previous["period_end"] if previous else None
            now = utcnow()
            new_works = self.get_works(self.work_ids(first_seen_after=since, until=now))
            changed: list[Work] = []
            if since:
                changed = self.get_works(
                    [
                        r[0]
                        for r in conn.execute(
                            "SELECT id FROM works WHERE changed_at > ? AND first_seen <= ? ORDER BY id",
                            (since, since),
                        )
                    ]
                )
            sections = planner(new_works, changed)
            edition_id = conn.execute(
                "INSERT INTO editions (frequency, created_at, period_start, period_end, title)"
                " VALUES (?, ?, ?, ?, ?)",
                (frequency, now, since, now, title),
            ).lastrowid
            position = 0
            for section, ids in sections:
                for work_id in ids:
                    conn.execute(
                        "INSERT OR IGNORE INTO edition_items VALUES (?, ?, ?, ?)",
                        (edition_id, work_id, position, section),
                    )
                    position += 1
            assert edition_id is not None
            if before_commit is not None:
                before_commit(edition_id)
        return edition_id

    def edition_items(self, edition_id: int) -> list[tuple[int, str]]:
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT work_id, section FROM edition_items WHERE edition_id = ? ORDER BY position",
                (edition_id,),
            )
        ]

    def get_edition(self, edition_id: int) -> sqlite3.Row | None:
        if not 0 < edition_id <= SQLITE_MAX_INTEGER:  # SQLite cannot even be asked about it
            return None
        return self.conn.execute("SELECT * FROM editions WHERE id = ?", (edition_id,)).fetchone()

    def list_editions(self, *, limit: int = 50, offset: int = 0) -> list[sqlite3.Row]:
        """Editions newest first, each with its item count (``items``), for the archive and the feed."""
        return self.conn.execute(
            "SELECT e.*, (SELECT COUNT(*) FROM edition_items i WHERE i.edition_id = e.id) AS items"
            " FROM editions e ORDER BY e.id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()

    def count_editions(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM editions").fetchone()[0]

    # ----------------------------------------------------------------- status
    def counts(self) -> dict[str, int]:
        return {
            table: self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("works", "records", "editions")
        }


def _work(row: sqlite3.Row, records: list[Record]) -> Work:
    return Work(
        id=row["id"],
        records=tuple(records),
        first_seen=row["first_seen"],
        topics=tuple(json.loads(row["topics"])),
        tags=Tags.from_dict(json.loads(row["tags"]) if row["tags"] else None),
        flags=tuple(json.loads(row["flags"])),
        changed_at=row["changed_at"],
    )


def _merge_topics(old: Record, new: Record) -> Record:
    """A record fetched again for another topic keeps the topics it was already found for."""
    topics = tuple(dict.fromkeys(old.topics + new.topics))
    if topics == new.topics:
        return new
    data = new.to_dict()
    data["topics"] = list(topics)
    return Record.from_dict(data)


def _split_sql(sql: str) -> list[str]:
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
