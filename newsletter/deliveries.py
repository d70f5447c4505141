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

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid
from typing import Any

from osteodigest.crawler.store import DeliveryStatus, Store, SubscriberStatus

#: Longest wait between retries of a temporary failure.
MAX_BACKOFF = timedelta(days=1)

#: Why a claim found at the start of a run is ``unknown`` now.
INTERRUPTED = (
    "the sender stopped after claiming this message and before recording whether the server accepted it"
)


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
        deliveries = self.store.deliveries
        with self.store.transaction():
            claimed = deliveries.claimed()
            deliveries.mark_claimed_unknown(iso_time(now), INTERRUPTED)
        return [
            Interrupted(c.edition_id, c.subscriber_id, c.email, c.message_id, c.claimed_at) for c in claimed
        ]

    def due_subscriber_ids(
        self, edition_id: int, frequency: str, now: datetime, resend_unknown: bool = False
    ) -> list[int]:
        """Active readers of ``frequency`` with nothing recorded for this edition, or a retry now due.

        A hint for the sending loop only: the claim re-checks everything in its own transaction.
        """
        retry = (
            (DeliveryStatus.FAILED_TEMP, DeliveryStatus.UNKNOWN)
            if resend_unknown
            else (DeliveryStatus.FAILED_TEMP,)
        )
        return self.store.deliveries.due_subscriber_ids(edition_id, frequency, iso_time(now), retry)

    def retries_due(self, now: datetime, resend_unknown: bool = False) -> list[tuple[int, int]]:
        """(edition id, subscriber id) of the deliveries whose retry is due (and, with
        ``resend_unknown``, those of unknown outcome), oldest edition first."""
        retry = (
            (DeliveryStatus.FAILED_TEMP, DeliveryStatus.UNKNOWN)
            if resend_unknown
            else (DeliveryStatus.FAILED_TEMP,)
        )
        return self.store.deliveries.retries_due(iso_time(now), retry)

    def claim(
        self,
        edition_id: int,
        subscriber_id: int,
        now: datetime,
        resend_unknown: bool = False,
        *,
        owed_after: str | None = None,
    ) -> Claim | None:
        """Take the right to send this edition to this reader, or None when it is not ours to send.

        ``owed_after`` (the edition's ``created_at``) moves the reader's owed editions on past this one
        with a first claim (see :meth:`crawler.store.subscribers.Deliveries.insert_claim`)."""
        stamp = iso_time(now)
        deliveries = self.store.deliveries
        with self.store.transaction():
            subscriber = self.store.subscribers.get(subscriber_id)
            if subscriber is None or subscriber.status != SubscriberStatus.ACTIVE:
                return None
            row = deliveries.get(edition_id, subscriber_id)
            if row is None:
                message_id = make_msgid(idstring=f"e{edition_id}.s{subscriber_id}", domain=self.msgid_domain)
                deliveries.insert_claim(edition_id, subscriber_id, message_id, self.run_id, stamp, owed_after)
                return Claim(edition_id, subscriber_id, message_id, 1)
            retry = row.status == DeliveryStatus.FAILED_TEMP and (row.next_attempt_at or "") <= stamp
            if not (retry or (resend_unknown and row.status == DeliveryStatus.UNKNOWN)):
                return None
            attempt = row.attempts + 1
            deliveries.reclaim(edition_id, subscriber_id, attempt, self.run_id, stamp)
            assert row.message_id is not None  # fixed at the first claim
            return Claim(edition_id, subscriber_id, row.message_id, attempt)

    def _record(self, claim: Claim, status: DeliveryStatus, now: datetime, **outcome: Any) -> None:
        self.store.deliveries.record(
            claim.edition_id, claim.subscriber_id, self.run_id, status, iso_time(now), **outcome
        )

    def sent(self, claim: Claim, now: datetime) -> None:
        self._record(claim, DeliveryStatus.SENT, now, sent_at=iso_time(now))

    def unknown(self, claim: Claim, now: datetime, detail: str) -> None:
        """The server had the whole message but its answer was lost: as after a crash, not resent
        unless the operator asks (``--resend-unknown``), and then with the same Message-ID."""
        self._record(claim, DeliveryStatus.UNKNOWN, now, error=detail)

    def release(self, claim: Claim, now: datetime, detail: str) -> None:
        """Give a claim back when the message certainly never left because of a fault of ours (an
        outbox that cannot be written): due again at once, the attempt not counted against
        ``smtp.max_attempts`` (a disk full for a week must not turn into a permanent failure)."""
        self._record(claim, DeliveryStatus.FAILED_TEMP, now, error=detail, give_back_attempt=True)

    def skipped(self, claim: Claim, now: datetime, reason: str) -> None:
        self._record(claim, DeliveryStatus.SKIPPED, now, error=reason)

    def failed(
        self, claim: Claim, now: datetime, detail: str, *, permanent: bool, backoff: float, max_attempts: int
    ) -> DeliveryStatus:
        """Record a failure; returns the new status (a temporary failure becomes permanent at the limit)."""
        if not permanent and claim.attempt >= max_attempts:
            permanent = True
            detail = f"gave up after {claim.attempt} attempts; last: {detail}"
        if permanent:
            self._record(claim, DeliveryStatus.FAILED_PERM, now, error=detail)
            return DeliveryStatus.FAILED_PERM
        wait = min(timedelta(seconds=backoff * 2 ** (claim.attempt - 1)), MAX_BACKOFF)
        self._record(
            claim, DeliveryStatus.FAILED_TEMP, now, error=detail, next_attempt_at=iso_time(now + wait)
        )
        return DeliveryStatus.FAILED_TEMP
