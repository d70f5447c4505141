"""One base exception for everything the project raises on purpose.

Inside a stage, problems are exceptions; at a run boundary they become data (``FetchResult.error``),
so one failing source never stops the others.
"""

from __future__ import annotations


class OsteoDigestError(Exception):
    """Base class: every deliberate failure of the tool."""


class ConfigError(OsteoDigestError):
    """A bad configuration file, key or value; the CLI exits with status 2."""


class SourceError(OsteoDigestError):
    """A source could not be fetched or parsed; the message names the cause in one line.

    ``raw`` keeps the reply that could not be parsed, so it can be saved for a parser fix to replay.
    """

    def __init__(self, message: str, raw: bytes | None = None) -> None:
        super().__init__(message)
        self.raw = raw


class ParseError(SourceError):
    """A reply arrived but could not be understood (truncated XML, malformed JSON, an HTML error page)."""


class InputError(OsteoDigestError):
    """A file given to a command (``dedup``, ``tag``) that cannot be read as any supported format."""


class StoreError(OsteoDigestError):
    """The SQLite store refused a write (locked, full disk, read-only); nothing partial was kept."""


class StoreDamagedError(OsteoDigestError):
    """The store file is not a database, or its pages are corrupt (exit status 1, never 75).

    Kept apart from :class:`StoreError` on purpose: retrying cannot repair it, restoring a backup can, so
    cron must not be told "try again later". The message is the one line the README promises.
    """

    def __init__(self, path: object, cause: str) -> None:
        super().__init__(f"the store is damaged: restore it from a backup ({path}: {cause})")
        self.path = path
        self.cause = cause


class WriteError(OsteoDigestError):
    """A file or folder the tool keeps (outbox, data folder) could not be written: a full disk, a
    read-only or missing folder. Nothing half-written was left; the CLI exits 75 (retry once fixed)."""

    def __init__(self, path: object, cause: str) -> None:
        super().__init__(f"cannot write {path}: {cause}")
        self.path = path
        self.cause = cause


class LockedError(OsteoDigestError):
    """Another instance of the same command is running; the CLI exits with status 75."""
