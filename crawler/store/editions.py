"""Editions: the only module that runs SQL on ``editions`` and ``edition_items``.

An edition of a frequency covers the works first seen in its window (``period_start`` to
``period_end``), and the earlier works whose status changed in it; which works those are, the works
owner says (:meth:`.works.Works.edition_candidates`), so an edition and its preview can never disagree.
Where a window starts, and whether an edition is due at all, is the caller's rule
(:mod:`newsletter.edition`), asked inside the write transaction so that two commands can never make
the same period's edition twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from osteodigest.crawler.models import Work
from osteodigest.crawler.store.database import SQLITE_MAX_INTEGER, Database, Migration, iso_stamp
from osteodigest.crawler.store.works import Works

#: The tables this module owns.
TABLES = ("editions", "edition_items")

MIGRATION_0009: Migration = (
    "0009_editions_by_time",
    """
    -- The editions of a frequency made since a moment (those a reader is owed), and the works an
    -- edition lists looked up by work (who saw a work that has since changed).
    CREATE INDEX editions_frequency_created ON editions(frequency, created_at);
    CREATE INDEX edition_items_work ON edition_items(work_id);
    """,
)

#: ``planner(new_works, changed_works)`` -> [(section, work ids)], in the order the edition lists them.
Planner = Callable[[list[Work], list[Work]], Sequence[tuple[str, Sequence[int]]]]
#: ``window(previous edition of the frequency, now)`` -> where the new edition starts (its
#: ``period_start``), or None when no edition of the frequency is due now.
Window = Callable[["Edition | None", datetime], str | None]


@dataclass(frozen=True)
class Edition:
    id: int
    frequency: str
    created_at: str
    #: The previous edition's ``period_end`` (None for the first edition of a frequency).
    period_start: str | None
    period_end: str
    title: str
    #: How many works it lists, when the query counted them (:meth:`Editions.newest`).
    items: int | None = None


class Editions:
    """Recorded editions and the works each lists, by section and position."""

    def __init__(self, db: Database, works: Works) -> None:
        self._db = db
        self._works = works

    def create(
        self,
        frequency: str,
        title: str,
        planner: Planner,
        window: Window,
        before_commit: Callable[[int], None] | None = None,
    ) -> int | None:
        """Record an edition of every work first seen in its window; None when ``window`` says none is
        due.

        The window is asked, and the works selected, inside the write transaction, with ``period_end``
        (now) taken there too: a work stored concurrently lands either in this edition or in the next,
        never in neither, and a second command asking at the same moment finds this edition made.
        ``planner`` gets the new works and the earlier works whose status changed since, and returns
        (section, work ids). ``before_commit(edition_id)`` runs inside the transaction once the
        edition's rows are written (on this connection it reads them like committed ones); if it
        raises, the edition is not recorded and its works stay new for the next one.
        """
        conn = self._db.conn
        with self._db.transaction():
            moment = self._db.now()
            since = window(self.last(frequency), moment)
            if since is None:
                return None
            now = iso_stamp(moment)
            sections = planner(*self._works.edition_candidates(since, now))
            edition_id = conn.execute(
                "INSERT INTO editions (frequency, created_at, period_start, period_end, title)"
                " VALUES (?, ?, ?, ?, ?)",
                (frequency, now, since, now, title),
            ).lastrowid
            assert edition_id is not None
            position = 0
            for section, ids in sections:
                for work_id in ids:
                    conn.execute(
                        "INSERT OR IGNORE INTO edition_items VALUES (?, ?, ?, ?)",
                        (edition_id, work_id, position, section),
                    )
                    position += 1
            if before_commit is not None:
                before_commit(edition_id)
        return edition_id

    def last(self, frequency: str) -> Edition | None:
        """The newest edition of ``frequency``."""
        row = self._db.conn.execute(
            "SELECT * FROM editions WHERE frequency = ? ORDER BY id DESC LIMIT 1", (frequency,)
        ).fetchone()
        return _edition(row) if row else None

    def since(self, frequency: str, moment: str) -> list[Edition]:
        """Editions of ``frequency`` made at or after ``moment``, and the newest one made before it,
        oldest first: the editions a reader owed from ``moment`` may be due."""
        conn = self._db.conn
        before = conn.execute(
            "SELECT * FROM editions WHERE frequency = ? AND created_at < ? ORDER BY created_at DESC LIMIT 1",
            (frequency, moment),
        ).fetchone()
        after = conn.execute(
            "SELECT * FROM editions WHERE frequency = ? AND created_at >= ? ORDER BY created_at",
            (frequency, moment),
        ).fetchall()
        return [_edition(r) for r in ([before] if before else []) + after]

    def listing(self, work_ids: Sequence[int]) -> dict[int, set[int]]:
        """For each of these works, the editions that list it."""
        found: dict[int, set[int]] = {}
        for start in range(0, len(work_ids), 500):
            chunk = list(work_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for r in self._db.conn.execute(
                f"SELECT work_id, edition_id FROM edition_items WHERE work_id IN ({marks})", chunk
            ):
                found.setdefault(r[0], set()).add(r[1])
        return found

    def get(self, edition_id: int) -> Edition | None:
        if not 0 < edition_id <= SQLITE_MAX_INTEGER:  # SQLite cannot even be asked about it
            return None
        row = self._db.conn.execute("SELECT * FROM editions WHERE id = ?", (edition_id,)).fetchone()
        return _edition(row) if row else None

    def items(self, edition_id: int) -> list[tuple[int, str]]:
        """(work id, section) of every work the edition lists, in its order."""
        return [
            (r[0], r[1])
            for r in self._db.conn.execute(
                "SELECT work_id, section FROM edition_items WHERE edition_id = ? ORDER BY position",
                (edition_id,),
            )
        ]

    def newest(self, *, limit: int = 50, offset: int = 0) -> list[Edition]:
        """Editions newest first, each with its item count, for the archive, the feed and ``status``."""
        return [
            _edition(r)
            for r in self._db.conn.execute(
                "SELECT e.*, (SELECT COUNT(*) FROM edition_items i WHERE i.edition_id = e.id) AS items"
                " FROM editions e ORDER BY e.id DESC LIMIT ? OFFSET ?",
                (limit, offset),
            )
        ]

    def count(self) -> int:
        return self._db.conn.execute("SELECT COUNT(*) FROM editions").fetchone()[0]

    def count_by_frequency(self) -> dict[str, int]:
        return {
            r[0]: r[1]
            for r in self._db.conn.execute("SELECT frequency, COUNT(*) FROM editions GROUP BY frequency")
        }


def _edition(row: sqlite3.Row) -> Edition:
    return Edition(
        id=row["id"],
        frequency=row["frequency"],
        created_at=row["created_at"],
        period_start=row["period_start"],
        period_end=row["period_end"],
        title=row["title"],
        items=row["items"] if "items" in row.keys() else None,  # noqa: SIM118 (an sqlite3.Row)
    )
