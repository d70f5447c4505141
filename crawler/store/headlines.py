"""Plain-language headlines: the only module that runs SQL on ``headlines``.

One row per (work, model). An accepted headline is shown with its work wherever the same model is
configured; a refused one is kept with the reason, so that work is not asked again by that model (a
new model asks afresh). Endpoint failures (429, time-outs) are never stored, so a later pass over the
same works may ask them again (see :mod:`newsletter.headlines`).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from osteodigest.crawler.store.database import Database, Migration, utcnow

#: The tables this module owns.
TABLES = ("headlines",)

#: SQLite's default limit on ``?`` parameters is 999 on old builds; stay under it.
_CHUNK = 900
#: Longest model reply kept (the reply is stored to show why a headline was refused).
_MAX_REPLY = 2000

MIGRATION_0006: Migration = (
    "0006_headlines",
    """
        -- Plain-language headlines from the optional language-model endpoint, one row per (work, model):
        -- accepted ones are shown, refused ones (an invented number, a drug or body part not in the
        -- abstract, too long, empty) are kept with the reason so the same work is not asked again.
        -- Failures of the endpoint itself (429, time-out) are not stored: a later pass may ask again.
        CREATE TABLE headlines (
            work_id INTEGER NOT NULL REFERENCES works(id),
            model TEXT NOT NULL,
            status TEXT NOT NULL,
            headline TEXT,
            reply TEXT,
            reason TEXT,
            created_at TEXT NOT NULL,
            PRIMARY KEY (work_id, model)
        );
        """,
)


class HeadlineStatus(enum.StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"


@dataclass(frozen=True)
class CachedHeadline:
    work_id: int
    model: str
    status: HeadlineStatus
    headline: str | None
    reply: str | None
    reason: str | None


class Headlines:
    """The answers of each headline model, by work."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def accepted(self, work_ids: Sequence[int], model: str) -> dict[int, str]:
        """Work id -> accepted headline of ``model``, for those of ``work_ids`` that have one."""
        found: dict[int, str] = {}
        for chunk in _chunks(work_ids):
            marks = ",".join("?" * len(chunk))
            rows = self._db.conn.execute(
                "SELECT work_id, headline FROM headlines"
                f" WHERE model = ? AND status = ? AND work_id IN ({marks})",
                (model, HeadlineStatus.ACCEPTED, *chunk),
            )
            found.update({row[0]: row[1] for row in rows})
        return found

    def answered(self, work_ids: Sequence[int], model: str) -> set[int]:
        """Those of ``work_ids`` that ``model`` already answered (accepted or refused): not asked again."""
        done: set[int] = set()
        for chunk in _chunks(work_ids):
            marks = ",".join("?" * len(chunk))
            rows = self._db.conn.execute(
                f"SELECT work_id FROM headlines WHERE model = ? AND work_id IN ({marks})", (model, *chunk)
            )
            done.update(row[0] for row in rows)
        return done

    def save(self, work_id: int, model: str, *, headline: str | None, reply: str, reason: str | None) -> None:
        """Record the model's answer: accepted when ``headline`` is given, else refused for ``reason``."""
        status = HeadlineStatus.ACCEPTED if headline else HeadlineStatus.REFUSED
        with self._db.transaction():
            self._db.conn.execute(
                "INSERT OR REPLACE INTO headlines (work_id, model, status, headline, reply, reason,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (work_id, model, status, headline, reply[:_MAX_REPLY], reason, utcnow()),
            )

    def cached(self, model: str | None = None) -> list[CachedHeadline]:
        """Every stored answer (of ``model``, when given), in work order: what was accepted and refused."""
        sql = "SELECT work_id, model, status, headline, reply, reason FROM headlines"
        args: tuple[str, ...] = ()
        if model is not None:
            sql, args = sql + " WHERE model = ?", (model,)
        return [
            CachedHeadline(r[0], r[1], HeadlineStatus(r[2]), r[3], r[4], r[5])
            for r in self._db.conn.execute(sql + " ORDER BY work_id, model", args)
        ]


def _chunks(work_ids: Sequence[int]) -> list[list[int]]:
    return [list(work_ids[start : start + _CHUNK]) for start in range(0, len(work_ids), _CHUNK)]
