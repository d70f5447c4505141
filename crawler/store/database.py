"""The SQLite file itself: opened private, one connection, one transaction helper, named migrations.

Nothing here knows a table of the project: the owners (:mod:`.works`, :mod:`.editions`,
:mod:`.subscribers`, :mod:`.ops`) run every statement on their tables through the connection and the
transaction helper of this :class:`Database`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from osteodigest.crawler.errors import OsteoDigestError, StoreDamagedError, StoreError, WriteError
from osteodigest.crawler.files import create_private_file, private_folder, tighten

log = logging.getLogger("osteodigest.store")

#: The largest integer SQLite stores; a larger id (``/editions/99999999999999999999``) names nothing.
SQLITE_MAX_INTEGER = 2**63 - 1
#: Primary result codes that mean the file itself is damaged, which no retry can mend.
_DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
#: Primary result codes of a write the disk may have refused.
_DISK_CODES = (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN)
#: Free bytes below which a failed write is put down to a full disk (SQLite grows files a page at a time).
_NEARLY_FULL = 1 << 20

#: A named migration: (name, SQL script). Stores record the names they applied.
Migration = tuple[str, str]


#: What the store asks for the time (UTC): the system's clock unless a caller hands in another.
WallClock = Callable[[], datetime]


def system_time() -> datetime:
    return datetime.now(UTC)


def utcnow() -> str:
    """Timestamps are ISO-8601 UTC with microseconds, so they sort as text."""
    return iso_stamp(system_time())


def iso_stamp(moment: datetime) -> str:
    """A moment as the store writes it: ISO-8601 in UTC with microseconds (sorts as text)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


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


class Database:
    """One connection to the store file, its transactions and its migrations.

    The database file is created private (0600, in a 0700 folder when the folder is new); SQLite gives
    its ``-wal`` and ``-shm`` files the database file's mode. A store left readable by others by an
    earlier version is tightened on open.
    """

    def __init__(
        self,
        path: str | Path,
        migrations: Sequence[Migration],
        *,
        timeout: float = 10.0,
        clock: WallClock = system_time,
    ) -> None:
        self.path = Path(path)
        #: The time the owners stamp rows with (first seen, edition made, reader joined …): a test that
        #: simulates weeks of editions hands in its own clock instead of waiting for them.
        self.clock = clock
        #: Savepoints open inside the outer transaction (see :meth:`transaction`).
        self._depth = 0
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
            self._migrate(migrations)
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

    def close(self) -> None:
        self.conn.close()

    def now(self) -> datetime:
        """The store's time (UTC, aware)."""
        return self.clock().astimezone(UTC)

    def stamp(self) -> str:
        """The store's time as rows record it (:func:`iso_stamp`)."""
        return iso_stamp(self.clock())

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT; any failure rolls everything back and surfaces as StoreError.

        Inside a transaction a nested ``transaction()`` is a savepoint: the owners' write methods each
        hold one, so a caller may combine several of them into one transaction, and a write that fails
        half-way inside it never leaves half its rows behind even if the caller catches the error.
        """
        if self._depth or self.conn.in_transaction:
            with self._savepoint():
                yield
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise store_failure(exc, self.path, f"store {self.path} is busy or unwritable") from None
        self._depth = 1
        try:
            yield
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
        finally:
            self._depth = 0

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        name = f"sp{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):  # gone already when SQLite rolled everything back
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            if isinstance(exc, sqlite3.Error):
                raise store_failure(
                    exc, self.path, f"store {self.path}: write failed, nothing kept"
                ) from None
            raise
        else:
            self.conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the cause being reported matters more
                self.conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def busy_timeout(self, seconds: float) -> Iterator[None]:
        """Wait at most ``seconds`` for the write lock inside the block (not the store's usual time-out)."""
        previous = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        self.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(previous)}")

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

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        """Apply, in order, each migration this file has not recorded, each in its own transaction."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.conn.execute("SELECT name FROM migrations")}
        for name, sql in migrations:
            if name in done:
                continue
            with self.transaction():
                # executescript would COMMIT our transaction; run statement by statement instead.
                for statement in split_sql(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO migrations VALUES (?, ?)", (name, utcnow()))


def backup_database(path: Path, target: Path) -> None:
    """Copy the store at ``path`` to ``target`` with SQLite's online backup API: a consistent snapshot,
    taken while other processes (a running fetch, ``osteodigest web``) keep reading and writing.

    The store is opened as it is, without applying migrations, so the version about to be replaced can
    be backed up by the new one before its first real command upgrades the file. The copy is written
    beside ``target`` and renamed onto it when complete, private like the store (it holds readers'
    addresses), so a backup cut short never leaves a file that looks whole.
    """
    if not path.is_file():
        raise StoreError(f"no store at {path} to back up")
    temporary = target.with_name(f".{target.name}.partial")
    try:
        temporary.unlink(missing_ok=True)
        create_private_file(temporary)
    except OSError as exc:
        raise WriteError(target, exc.strerror or str(exc)) from None
    try:
        source = sqlite3.connect(str(path), timeout=10.0)
    except sqlite3.Error as exc:
        temporary.unlink(missing_ok=True)
        raise store_failure(exc, path, f"cannot open store {path}") from None
    copy = sqlite3.connect(str(temporary))
    try:
        source.backup(copy, pages=1024)
        # One file, no -wal beside it: the copy can be moved, or opened read-only, as it is.
        copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        copy.close()
        temporary.unlink(missing_ok=True)
        raise store_failure(exc, path, f"cannot back up the store {path}") from None
    finally:
        source.close()
    copy.close()
    try:
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise WriteError(target, exc.strerror or str(exc)) from None


def split_sql(sql: str) -> list[str]:
    """A migration script as its statements (comment lines dropped)."""
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
