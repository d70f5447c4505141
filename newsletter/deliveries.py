"""The delivery ledger: one row per (edition, subscriber), claimed before a message leaves.

States::

    (no row) ──claim──▶ claimed ──server accepted──▶ sent
                           │──4xx / connection lost before the whole message──▶ failed_temp ──due──▶ claimed …
                           │──5xx, or too many attempts──▶ failed_perm
                           │──whole message sent, no answer (time-out, drop)──▶ unknown
                           │──the outbox cannot be written (nothing left)──▶ failed_temp, due at once
                           └──sender died before recording──▶ unknown   (not resent automatically)
    (no row) ──nothing for this reader──▶ skipped

Every transition is one ``BEGIN IMMEDIATE`` transaction, so two senders can never both claim a row.
A claim also re-reads the subscriber's status in that transaction: an unsubscribe committed before the
claim wins, always.

The crash window. Between the server's "250 accepted" and our ``sent`` update a crash leaves the row
``claimed``; nothing tells us whether the message left. Resending would risk a duplicate, so the next
run (which holds the send lock, so no live sender owns a ``claimed`` row) marks such rows ``unknown``
and reports them with their Message-ID; ``send --resend-unknown`` resends them after the operator has
looked, and always with the same Message-ID, so a receiver that did get the first copy can drop the
second. Temporary failures are retried with that same Message-ID too.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid

from osteodigest.crawler.store import Store

#: Longest wait between retries of a temporary failure.
MAX_BACKOFF = timedelta(days=1)


@dataclass(frozen=True)
class Claim:
    edition_id: int
    subscriber_id: int
    message_id: str
    attempt: int


@dataclass(frozen=True)
class Interrupted:
    """A delivery whose outcome nobody knows (now ``unknown``): its sender stopped between claiming and
    recording, or the server took the whole message and never answered."""

    edition_id: int
    subscriber_id: int
    email: str
    message_id: str
    claimed_at: str
    #: Why the outcome is unknown, as the operator reads it.
    cause: str = "was interrupted after claiming"


def iso_time(moment: datetime) -> str:
    """Ledger timestamps: ISO-8601 with microseconds, so they sort as text."""
    return moment.isoformat(timespec="microseconds")


class Ledger:
    """Claims and outcomes for one sending run (``run_id`` marks the rows this run claimed)."""

    def __init__(self, store: Store, run_id: str, msgid_domain: str) -> None:
        self.store = store
        self.run_id = run_id
        self.msgid_domain = msgid_domain

    def mark_interrupted(self, now: datetime) -> list[Interrupted]:
        """Turn every ``claimed`` row into ``unknown``; only call while holding the send lock."""
        with self.store.transaction() as conn:
            rows = conn.execute(
                "SELECT d.edition_id, d.subscriber_id, s.email, d.message_id, d.claimed_at FROM deliveries d"
                " JOIN subscribers s ON s.id = d.subscriber_id WHERE d.status = 'claimed'"
                " ORDER BY d.edition_id, d.subscriber_id"
            ).fetchall()
            conn.execute(
                "UPDATE deliveries SET status = 'unknown', updated_at = ?, error = 'the sender stopped after"
                " claiming this message and before recording whether the server accepted it'"
                " WHERE status = 'claimed'",
                (iso_time(now),),
            )
        return [Interrupted(*tuple(r)) for r in rows]

    def due_subscriber_ids(
        self, edition_id: int, frequency: str, now: datetime, resend_unknown: bool = False
    ) -> list[int]:
        """Active readers of ``frequency`` with nothing recorded for this edition, or a retry now due.

        A hint for the sending loop only: the claim re-checks everything in its own transaction.
        """
        statuses = "('failed_temp', 'unknown')" if resend_unknown else "('failed_temp')"
        rows = self.store.conn.execute(
            "SELECT s.id FROM subscribers s LEFT JOIN deliveries d"
            " ON d.edition_id = ? AND d.subscriber_id = s.id"
            " WHERE s.status = 'active' AND s.frequency = ?"
            f" AND (d.status IS NULL OR (d.status IN {statuses} AND COALESCE(d.next_attempt_at, '') <= ?))"
            " ORDER BY s.id",
            (edition_id, frequency, iso_time(now)),
        )
        return [r[0] for r in rows]

    def claim(
        self, edition_id: int, subscriber_id: int, now: datetime, resend_unknown: bool = False
    ) -> Claim | None:
        """Take the right to send this edition to this reader, or None when it is not ours to send."""
        stamp = iso_time(now)
        with self.store.transaction() as conn:
            subscriber = conn.execute(
                "SELECT status FROM subscribers WHERE id = ?", (subscriber_id,)
            ).fetchone()
            if subscriber is None or subscriber["status"] != "active":
                return None
            row = conn.execute(
                "SELECT status, message_id, attempts, next_attempt_at FROM deliveries"
                " WHERE edition_id = ? AND subscriber_id = ?",
                (edition_id, subscriber_id),
            ).fetchone()
            if row is None:
                message_id = make_msgid(idstring=f"e{edition_id}.s{subscriber_id}", domain=self.msgid_domain)
                conn.execute(
                    "INSERT INTO deliveries (edition_id, subscriber_id, status, message_id, attempts,"
                    " claimed_by, claimed_at, updated_at) VALUES (?, ?, 'claimed', ?, 1, ?, ?, ?)",
                    (edition_id, subscriber_id, message_id, self.run_id, stamp, stamp),
                )
                return Claim(edition_id, subscriber_id, message_id, 1)
            retry = row["status"] == "failed_temp" and (row["next_attempt_at"] or "") <= stamp
            if not (retry or (resend_unknown and row["status"] == "unknown")):
                return None
            attempt = row["attempts"] + 1
            conn.execute(
                "UPDATE deliveries SET status = 'claimed', attempts = ?, claimed_by = ?, claimed_at = ?,"
                " updated_at = ? WHERE edition_id = ? AND subscriber_id = ?",
                (attempt, self.run_id, stamp, stamp, edition_id, subscriber_id),
            )
            return Claim(edition_id, subscriber_id, row["message_id"], attempt)

    def _finish(self, claim: Claim, sql: str, args: tuple) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                f"UPDATE deliveries SET {sql} WHERE edition_id = ? AND subscriber_id = ? AND claimed_by = ?",
                (*args, claim.edition_id, claim.subscriber_id, self.run_id),
            )

    def sent(self, claim: Claim, now: datetime) -> None:
        stamp = iso_time(now)
        self._finish(
            claim,
            "status = 'sent', sent_at = ?, error = NULL, next_attempt_at = NULL, updated_at = ?",
            (stamp, stamp),
        )

    def unknown(self, claim: Claim, now: datetime, detail: str) -> None:
        """The server had the whole message but its answer was lost: as after a crash, not resent
        unless the operator asks (``--resend-unknown``), and then with the same Message-ID."""
        self._finish(
            claim,
            "status = 'unknown', error = ?, next_attempt_at = NULL, updated_at = ?",
            (detail, iso_time(now)),
        )

    def release(self, claim: Claim, now: datetime, detail: str) -> None:
        """Give a claim back when the message certainly never left because of a fault of ours (an
        outbox that cannot be written): due again at once, the attempt not counted against
        ``smtp.max_attempts`` (a disk full for a week must not turn into a permanent failure)."""
        self._finish(
            claim,
            "status = 'failed_temp', attempts = attempts - 1, error = ?, next_attempt_at = NULL,"
            " updated_at = ?",
            (detail, iso_time(now)),
        )

    def skipped(self, claim: Claim, now: datetime, reason: str) -> None:
        self._finish(claim, "status = 'skipped', error = ?, updated_at = ?", (reason, iso_time(now)))

    def failed(
        self, claim: Claim, now: datetime, detail: str, *, permanent: bool, backoff: float, max_attempts: int
    ) -> str:
        """Record a failure; returns the new status (a temporary failure becomes permanent at the limit)."""
        if not permanent and claim.attempt >= max_attempts:
            permanent = True
            detail = f"gave up after {claim.attempt} attempts; last: {detail}"
        if permanent:
            self._finish(
                claim,
                "status = 'failed_perm', error = ?, next_attempt_at = NULL, updated_at = ?",
                (detail, iso_time(now)),
            )
            return "failed_perm"
        wait = min(timedelta(seconds=backoff * 2 ** (claim.attempt - 1)), MAX_BACKOFF)
        self._finish(
            claim,
            "status = 'failed_temp', error = ?, next_attempt_at = ?, updated_at = ?",
            (detail, iso_time(now + wait), iso_time(now)),
        )
        return "failed_temp"


def delivery_counts(store: Store, edition_id: int | None = None) -> dict[str, int]:
    """Rows by status (for reports and ``status`` views)."""
    sql, args = "SELECT status, COUNT(*) FROM deliveries", []
    if edition_id is not None:
        sql += " WHERE edition_id = ?"
        args.append(edition_id)
    return {r[0]: r[1] for r in store.conn.execute(sql + " GROUP BY status", args)}


def get_delivery(store: Store, edition_id: int, subscriber_id: int) -> sqlite3.Row | None:
    return store.conn.execute(
        "SELECT * FROM deliveries WHERE edition_id = ? AND subscriber_id = ?", (edition_id, subscriber_id)
    ).fetchone()
