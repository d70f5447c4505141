"""Single-instance locks, one per kind of job, held with ``flock`` on a file next to the database.

Cron starts a command whether or not the previous one has finished; a second ``run`` must not fetch and
publish alongside the first. ``flock`` is released by the kernel when the holder dies, however it dies,
so a crash never leaves a stale lock behind (unlike a pid file). The lock is taken without waiting: a
busy lock raises :class:`LockedError` at once, which the CLI turns into exit status 75 ("try again").

Locks are per *job* rather than per command name so that overlapping commands exclude each other:
``run`` takes the ``fetch`` and ``digest`` locks, so a cron ``fetch`` started during a ``run`` also
stops with 75, while ``status`` (read-only) never waits for anything. The scheduler daemon holds a
``schedule`` lock of its own and takes each job's lock only while that job runs.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from osteodigest.crawler.errors import LockedError, WriteError
from osteodigest.crawler.files import cause

#: The jobs each command excludes; a command not listed here takes no lock.
COMMAND_LOCKS: dict[str, tuple[str, ...]] = {
    "run": ("fetch", "digest"),
    "fetch": ("fetch",),
    "digest": ("digest",),
    "send": ("send",),
    "backfill": ("backfill",),
    # Fetches and backfills assess the works they change; a retag assesses them all.
    "retag": ("fetch", "backfill"),
    "mailbox": ("mailbox",),
}


def lock_path(database: Path, name: str) -> Path:
    """``osteodigest.sqlite3.fetch.lock`` beside ``osteodigest.sqlite3``: one store, one set of locks."""
    return database.with_name(f"{database.name}.{name}.lock")


@contextlib.contextmanager
def job_lock(database: Path, name: str, command: str | None = None) -> Iterator[Path]:
    """Hold the ``name`` lock of the store at ``database`` for the duration of the block.

    The holder writes its pid, command and start time into the file, so the refusal a second instance
    prints can say who holds the lock.
    """
    path = lock_path(database, name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WriteError(path, cause(exc)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            what = command or name
            raise LockedError(
                f"{what} not started: the {name} lock is held{holder}; nothing was done ({path})"
            ) from None
        started = datetime.now(UTC).isoformat(timespec="seconds")
        # Naming the holder is a courtesy to whoever is refused: a full disk must not cost the lock (the
        # flock holds either way), and the job itself will say what the full disk stops.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"pid {os.getpid()}, osteodigest {command or name}, since {started}\n".encode())
        try:
            yield path
        finally:
            # Emptying the file before unlocking keeps a stale description from outliving the holder.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def locks(database: Path, names: Iterable[str], command: str | None = None) -> Iterator[None]:
    """Hold several job locks, taken in a fixed order so two commands cannot deadlock on each other."""
    with contextlib.ExitStack() as stack:
        for name in sorted(set(names)):
            stack.enter_context(job_lock(database, name, command))
        yield


def command_lock(database: Path, command: str) -> contextlib.AbstractContextManager[None]:
    """The locks a CLI command takes (none for read-only commands)."""
    return locks(database, COMMAND_LOCKS.get(command, ()), command)


def _read_holder(fd: int) -> str:
    """Who holds the lock, as its holder wrote it.

    The holder writes just after taking the lock, so a refusal in that instant can find the file still
    empty: look again a few times (at most ~0.1 s) before giving up on naming the holder.
    """
    text = ""
    for _ in range(10):
        try:
            text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        except OSError:
            return ""
        if text:
            break
        time.sleep(0.01)
    return f" ({text})" if text else ""
