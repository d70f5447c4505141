"""The exit statuses of every ``osteodigest`` command: the numbers the README's "Exit status" table
promises, defined once so that the CLI, the scheduler and the file commands (``dedup``, ``tag``) cannot
drift apart, and the one mapping from a deliberate failure to its status.

Why these numbers: cron and systemd act on them. 75 is ``EX_TEMPFAIL`` from ``sysexits.h`` ("try
again later"): a systemd unit lists it in ``SuccessExitStatus`` and a wrapper may simply retry, so it is
kept for faults that go away by themselves (a lock held by another run, a full disk, a busy store). A
damaged store never goes away by itself, so it is 1, whatever else it shares with a store fault.
"""

from __future__ import annotations

from osteodigest.crawler.errors import (
    ConfigError,
    LockedError,
    OsteoDigestError,
    StoreDamagedError,
    StoreError,
    WriteError,
)

#: All well.
EXIT_OK = 0
#: Partial failure: some source or delivery failed (the rest was done), or the store is damaged.
EXIT_PARTIAL = 1
#: Usage or configuration error, including an output path (``-o``) that cannot be written.
EXIT_USAGE = 2
#: Temporary failure worth retrying from cron: a held job lock, a locked store, a full or read-only disk.
EXIT_TEMPFAIL = 75
#: Interrupted (Ctrl-C); what was stored stays stored (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 130

#: Every status a command can end with (the README's table lists exactly these).
ALL_STATUSES = (EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_TEMPFAIL, EXIT_INTERRUPTED)


def status_for(exc: OsteoDigestError) -> int:
    """The exit status of a deliberate failure that ended a command or a scheduled job."""
    if isinstance(exc, ConfigError):
        return EXIT_USAGE
    if isinstance(exc, StoreDamagedError):
        return EXIT_PARTIAL
    if isinstance(exc, LockedError | StoreError | WriteError):
        return EXIT_TEMPFAIL
    return EXIT_PARTIAL
