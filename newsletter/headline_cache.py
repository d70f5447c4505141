"""The ``headlines`` table (migration ``0006_headlines``): the only module that reads or writes it.

One row per (work, model). An accepted headline is shown with its work wherever the same model is
configured; a refused one is kept with the reason, so that work is not asked again by that model (a
new model asks afresh). Endpoint failures (429, time-outs) are never stored, so a later pass over the
same works may ask them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from osteodigest.crawler.store import Store, utcnow

ACCEPTED = "accepted"
REFUSED = "refused"
#: SQLite's default limit on ``?`` parameters is 999 on old builds; stay under it.
_CHUNK = 900


@dataclass(frozen=True)
class CachedHeadline:
    work_id: int
    model: str
    status: str
    headline: str | None
    reply: str | None
    reason: str | None


def accepted_headlines(store: Store, work_ids: Sequence[int], model: str) -> dict[int, str]:
    """Work id -> accepted headline of ``model``, for those of ``work_ids`` that have one."""
    found: dict[int, str] = {}
    for start in range(0, len(work_ids), _CHUNK):
        chunk = list(work_ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            "SELECT work_id, headline FROM headlines"
            f" WHERE model = ? AND status = ? AND work_id IN ({marks})",
            (model, ACCEPTED, *chunk),
        )
        found.update({row[0]: row[1] for row in rows})
    return found


def answered(store: Store, work_ids: Sequence[int], model: str) -> set[int]:
    """Those of ``work_ids`` that ``model`` already answered (accepted or refused): not asked again."""
    done: set[int] = set()
    for start in range(0, len(work_ids), _CHUNK):
        chunk = list(work_ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            f"SELECT work_id FROM headlines WHERE model = ? AND work_id IN ({marks})", (model, *chunk)
        )
        done.update(row[0] for row in rows)
    return done


def save_headline(
    store: Store,
    work_id: int,
    model: str,
    *,
    headline: str | None,
    reply: str,
    reason: str | None,
) -> None:
    """Record the model's answer: accepted when ``headline`` is given, else refused for ``reason``."""
    status = ACCEPTED if headline else REFUSED
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO headlines (work_id, model, status, headline, reply, reason, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (work_id, model, status, headline, reply[:2000], reason, utcnow()),
        )


def cached(store: Store, model: str | None = None) -> list[CachedHeadline]:
    """Every stored answer (of ``model``, when given), in work order: what was accepted and refused."""
    sql = "SELECT work_id, model, status, headline, reply, reason FROM headlines"
    args: tuple[str, ...] = ()
    if model is not None:
        sql, args = sql + " WHERE model = ?", (model,)
    return [CachedHeadline(*row) for row in store.conn.execute(sql + " ORDER BY work_id, model", args)]
