"""Readers and what was sent to them: the only module that runs SQL on ``subscribers`` and
``deliveries``.

Rows of ``subscribers`` are never reused (AUTOINCREMENT): a signed token names a subscriber id, and an
old token must never reach whoever might get a recycled id. An unsubscribed row is kept (the suppression
list) unless purged. A delivery row per (edition, subscriber) is claimed before its message leaves and
never deleted but with its reader, so a second or concurrent send cannot deliver it again; the rules for
its states are :mod:`newsletter.deliveries`'s, which calls the methods here inside one transaction per
transition.
"""

from __future__ import annotations

import enum
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from osteodigest.crawler.store.database import Database, Migration

#: The tables this module owns.
TABLES = ("subscribers", "deliveries", "bounces")

MIGRATION_0008: Migration = (
    "0008_owed_editions_and_bounces",
    """
    -- Which editions a reader is owed: those of their frequency made at or after owed_since (and the
    -- one current when it was set). Set when a reader joins, comes back or changes frequency, and moved
    -- on as their deliveries are claimed, so a send looks at a few recent editions, not at all of them.
    -- Readers already here are owed what they were owed before: the current edition, then new ones.
    ALTER TABLE subscribers ADD COLUMN owed_since TEXT;
    UPDATE subscribers SET owed_since = strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000+00:00';
    -- Bounces count against a reader only after this moment (set when a maintainer reactivates them).
    ALTER TABLE subscribers ADD COLUMN bounces_since TEXT;

    -- Permanent failures (a 5xx at RCPT, a delivery status notification saying "failed") and temporary
    -- ones, per reader. source_key names what reported it (a delivery, a report's Message-ID), so a
    -- report read twice (a mailbox run interrupted before it moved the message aside) counts once.
    CREATE TABLE bounces (
        id INTEGER PRIMARY KEY,
        subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
        received_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        permanent INTEGER NOT NULL,
        detail TEXT NOT NULL,
        source_key TEXT NOT NULL UNIQUE
    );
    CREATE INDEX bounces_subscriber ON bounces(subscriber_id, received_at);
    """,
)


class SubscriberStatus(enum.StrEnum):
    ACTIVE = "active"
    #: Signed up on the web, awaiting the click on the emailed link (double opt-in).
    PENDING = "pending"
    #: Kept (without preferences) as the suppression list, so an import can never silently re-add it.
    UNSUBSCRIBED = "unsubscribed"
    #: Their address bounced too often (see :mod:`newsletter.bounces`): not mailed until a maintainer
    #: reactivates them; their preferences are kept.
    BOUNCING = "bouncing"


class BounceKind(enum.StrEnum):
    #: The mail server refused the recipient or the message with a 5xx while we sent it.
    SMTP = "smtp"
    #: A delivery status notification (or another bounce report) read from the list's mailbox.
    REPORT = "report"


class DeliveryStatus(enum.StrEnum):
    CLAIMED = "claimed"
    SENT = "sent"
    #: A 4xx reply or a connection lost before the whole message: retried after a back-off.
    FAILED_TEMP = "failed_temp"
    FAILED_PERM = "failed_perm"
    #: Nobody knows whether it left (the sender died after claiming, or the server never answered).
    UNKNOWN = "unknown"
    #: Nothing in the edition for this reader.
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Preferences:
    """What one reader wants. Empty tuples mean "everything"; ``None`` means "no limit"/"the default"."""

    frequency: str = "weekly"
    #: Topic names (``osteonecrosis``) or the tagger's sub-topics; an item matches if it has any.
    topics: tuple[str, ...] = ()
    #: Only these study types (``rct``, ``meta_analysis`` …), when given.
    include_types: tuple[str, ...] = ()
    #: Never these study types (e.g. ``animal``, ``in_vitro``).
    exclude_types: tuple[str, ...] = ()
    #: Keep items of this CEBM level or better (1 is best); ungraded items are dropped, except
    #: guidelines, trial registrations and status changes, which have no design level by nature.
    min_evidence: int | None = None
    #: Items shown in full; None: ``digest.max_items``.
    max_items: int | None = None

    @property
    def is_default(self) -> bool:
        return not (self.topics or self.include_types or self.exclude_types or self.min_evidence is not None)


@dataclass(frozen=True)
class Subscriber:
    id: int
    email: str
    status: SubscriberStatus
    prefs: Preferences
    created_at: str
    updated_at: str
    unsubscribed_at: str | None = None
    #: Editions of their frequency made at or after this moment are owed to them (see the migration).
    owed_since: str | None = None
    #: Bounces before this moment no longer count (a maintainer reactivated them then).
    bounces_since: str | None = None


@dataclass(frozen=True)
class Bounce:
    subscriber_id: int
    received_at: str
    kind: BounceKind
    permanent: bool
    detail: str
    source_key: str


#: ``added``, ``updated`` (same address, new preferences), ``resubscribed``, or ``refused`` (the address
#: unsubscribed and may come back only with ``resubscribe``; nothing was written).
UpsertAction = Literal["added", "updated", "resubscribed", "refused"]


@dataclass(frozen=True)
class Upsert:
    subscriber: Subscriber
    action: UpsertAction


@dataclass(frozen=True)
class Delivery:
    edition_id: int
    subscriber_id: int
    status: DeliveryStatus
    message_id: str | None
    attempts: int
    claimed_by: str | None
    claimed_at: str | None
    next_attempt_at: str | None
    sent_at: str | None
    error: str | None
    updated_at: str


@dataclass(frozen=True)
class ClaimedDelivery:
    """A ``claimed`` row with its reader's address (what an interrupted sender leaves behind)."""

    edition_id: int
    subscriber_id: int
    email: str
    message_id: str
    claimed_at: str


def email_key(address: str) -> str:
    """The unique key of an address: addresses are compared case-insensitively."""
    return address.casefold()


class Subscribers:
    """Readers, their status and their preferences."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, subscriber_id: int) -> Subscriber | None:
        row = self._db.conn.execute("SELECT * FROM subscribers WHERE id = ?", (subscriber_id,)).fetchone()
        return _subscriber(row) if row else None

    def find(self, address: str) -> Subscriber | None:
        """The reader with this (normalized) address, whatever its case."""
        row = self._db.conn.execute(
            "SELECT * FROM subscribers WHERE email_key = ?", (email_key(address),)
        ).fetchone()
        return _subscriber(row) if row else None

    def every(self, status: SubscriberStatus | str | None = None) -> list[Subscriber]:
        """Every reader (of one status, when given), oldest first."""
        sql = "SELECT * FROM subscribers"
        args: list[str] = []
        if status:
            sql += " WHERE status = ?"
            args.append(status)
        return [_subscriber(r) for r in self._db.conn.execute(sql + " ORDER BY id", args)]

    def count_by_status(self) -> dict[SubscriberStatus, int]:
        """Readers per status (``status`` shows how many are bouncing)."""
        return {
            SubscriberStatus(r[0]): r[1]
            for r in self._db.conn.execute("SELECT status, COUNT(*) FROM subscribers GROUP BY status")
        }

    def active(self, frequency: str | None = None) -> list[Subscriber]:
        sql = "SELECT * FROM subscribers WHERE status = ?"
        args: list[str] = [SubscriberStatus.ACTIVE]
        if frequency:
            sql += " AND frequency = ?"
            args.append(frequency)
        return [_subscriber(r) for r in self._db.conn.execute(sql + " ORDER BY id", args)]

    def upsert(
        self, address: str, prefs: Preferences, *, status: SubscriberStatus, resubscribe: bool
    ) -> Upsert:
        """Add a reader, or set the preferences of one already there (bringing back one who
        unsubscribed only with ``resubscribe``); ``address`` is already normalized."""
        key = email_key(address)
        now = self._db.stamp()
        conn = self._db.conn
        with self._db.transaction():
            row = conn.execute("SELECT * FROM subscribers WHERE email_key = ?", (key,)).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO subscribers (email, email_key, status, frequency, topics, include_types,"
                    " exclude_types, min_evidence, max_items, created_at, updated_at, owed_since)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (address, key, status, *_prefs_columns(prefs), now, now, now),
                )
                action: UpsertAction = "added"
            elif row["status"] == SubscriberStatus.UNSUBSCRIBED and not resubscribe:
                return Upsert(_subscriber(row), "refused")
            else:
                unsubscribed = row["status"] == SubscriberStatus.UNSUBSCRIBED
                action = "resubscribed" if unsubscribed else "updated"
                # Coming back, or to another frequency: owed that frequency's editions from now on.
                restart = unsubscribed or row["frequency"] != prefs.frequency
                conn.execute(
                    "UPDATE subscribers SET email = ?, status = ?, frequency = ?, topics = ?,"
                    " include_types = ?, exclude_types = ?, min_evidence = ?, max_items = ?, updated_at = ?,"
                    " unsubscribed_at = NULL, owed_since = ? WHERE id = ?",
                    (
                        address,
                        status if unsubscribed else row["status"],
                        *_prefs_columns(prefs),
                        now,
                        now if restart else row["owed_since"],
                        row["id"],
                    ),
                )
            stored = conn.execute("SELECT * FROM subscribers WHERE email_key = ?", (key,)).fetchone()
        return Upsert(_subscriber(stored), action)

    def add_if_new(
        self, address: str, prefs: Preferences, status: SubscriberStatus
    ) -> tuple[Subscriber, bool]:
        """Add the address unless it is known, and return the stored reader and whether it was added.

        Known and new addresses run the same statements (an INSERT that does nothing on conflict, then
        a SELECT), so the time a web sign-up takes does not tell a visitor whether the address was known.
        """
        key = email_key(address)
        now = self._db.stamp()
        conn = self._db.conn
        with self._db.transaction():
            cursor = conn.execute(
                "INSERT INTO subscribers (email, email_key, status, frequency, topics, include_types,"
                " exclude_types, min_evidence, max_items, created_at, updated_at, owed_since)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email_key) DO NOTHING",
                (address, key, status, *_prefs_columns(prefs), now, now, now),
            )
            row = conn.execute("SELECT * FROM subscribers WHERE email_key = ?", (key,)).fetchone()
        return _subscriber(row), cursor.rowcount == 1

    def activate(self, subscriber_id: int) -> None:
        """Make a pending, returning or bouncing reader active: owed editions from now on (the current
        one included), their earlier bounces no longer counted."""
        now = self._db.stamp()
        with self._db.transaction():
            self._db.conn.execute(
                "UPDATE subscribers SET status = ?, unsubscribed_at = NULL, updated_at = ?, owed_since = ?,"
                " bounces_since = ? WHERE id = ?",
                (SubscriberStatus.ACTIVE, now, now, now, subscriber_id),
            )

    def set_preferences(self, subscriber_id: int, prefs: Preferences) -> bool:
        """False when there is no such reader. A new frequency owes its editions from now on."""
        now = self._db.stamp()
        with self._db.transaction():
            return (
                self._db.conn.execute(
                    "UPDATE subscribers SET owed_since = CASE WHEN frequency = ? THEN owed_since ELSE ? END,"
                    " frequency = ?, topics = ?, include_types = ?, exclude_types = ?, min_evidence = ?,"
                    " max_items = ?, updated_at = ? WHERE id = ?",
                    (prefs.frequency, now, *_prefs_columns(prefs), now, subscriber_id),
                ).rowcount
                > 0
            )

    def mark_bouncing(self, subscriber_id: int) -> bool:
        """An active reader whose address bounces too often stops being mailed; True when it changed."""
        with self._db.transaction():
            return (
                self._db.conn.execute(
                    "UPDATE subscribers SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                    (SubscriberStatus.BOUNCING, self._db.stamp(), subscriber_id, SubscriberStatus.ACTIVE),
                ).rowcount
                > 0
            )

    def add_bounce(self, bounce: Bounce) -> bool:
        """Record a bounce; False when the same report (``source_key``) was recorded already."""
        with self._db.transaction():
            return (
                self._db.conn.execute(
                    "INSERT INTO bounces (subscriber_id, received_at, kind, permanent, detail, source_key)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING",
                    (
                        bounce.subscriber_id,
                        bounce.received_at,
                        bounce.kind,
                        int(bounce.permanent),
                        bounce.detail,
                        bounce.source_key,
                    ),
                ).rowcount
                > 0
            )

    def bounce_days(self, subscriber_id: int, since: str) -> int:
        """Calendar days (UTC) after ``since`` with a permanent bounce of this reader, counting only
        those after their ``bounces_since``: a burst of reports about one day's mail counts once."""
        return self._db.conn.execute(
            "SELECT COUNT(DISTINCT substr(b.received_at, 1, 10)) FROM bounces b JOIN subscribers s"
            " ON s.id = b.subscriber_id WHERE b.subscriber_id = ? AND b.permanent = 1 AND b.received_at > ?"
            " AND b.received_at > COALESCE(s.bounces_since, '')",
            (subscriber_id, since),
        ).fetchone()[0]

    def bounces(self, subscriber_id: int, limit: int = 10) -> list[Bounce]:
        """The reader's latest bounces, newest first (``subscribers list`` and ``status`` show why)."""
        return [
            Bounce(
                subscriber_id=r["subscriber_id"],
                received_at=r["received_at"],
                kind=BounceKind(r["kind"]),
                permanent=bool(r["permanent"]),
                detail=r["detail"],
                source_key=r["source_key"],
            )
            for r in self._db.conn.execute(
                "SELECT * FROM bounces WHERE subscriber_id = ? ORDER BY received_at DESC, id DESC LIMIT ?",
                (subscriber_id, limit),
            )
        ]

    def unsubscribe(self, subscriber_id: int) -> bool:
        """True when the status changed (so twice is fine); stamps ``unsubscribed_at``."""
        now = self._db.stamp()
        with self._db.transaction():
            return (
                self._db.conn.execute(
                    "UPDATE subscribers SET status = ?, unsubscribed_at = ?, updated_at = ?"
                    " WHERE id = ? AND status != ?",
                    (SubscriberStatus.UNSUBSCRIBED, now, now, subscriber_id, SubscriberStatus.UNSUBSCRIBED),
                ).rowcount
                > 0
            )

    def purge(self, subscriber_id: int) -> None:
        """Erase a reader and their delivery history (an erasure request)."""
        with self._db.transaction():
            self._db.conn.execute("DELETE FROM deliveries WHERE subscriber_id = ?", (subscriber_id,))
            self._db.conn.execute("DELETE FROM subscribers WHERE id = ?", (subscriber_id,))


class Deliveries:
    """One row per (edition, subscriber): the ledger that makes every message leave at most once."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, edition_id: int, subscriber_id: int) -> Delivery | None:
        row = self._db.conn.execute(
            "SELECT * FROM deliveries WHERE edition_id = ? AND subscriber_id = ?", (edition_id, subscriber_id)
        ).fetchone()
        return Delivery(**{**dict(row), "status": DeliveryStatus(row["status"])}) if row else None

    def counts(self, edition_id: int | None = None) -> dict[DeliveryStatus, int]:
        """Rows by status, of one edition or of all."""
        sql, args = "SELECT status, COUNT(*) FROM deliveries", []
        if edition_id is not None:
            sql += " WHERE edition_id = ?"
            args.append(edition_id)
        return {DeliveryStatus(r[0]): r[1] for r in self._db.conn.execute(sql + " GROUP BY status", args)}

    def claimed(self) -> list[ClaimedDelivery]:
        """Every ``claimed`` row with its reader's address, by edition then reader."""
        return [
            ClaimedDelivery(*tuple(r))
            for r in self._db.conn.execute(
                "SELECT d.edition_id, d.subscriber_id, s.email, d.message_id, d.claimed_at FROM deliveries d"
                " JOIN subscribers s ON s.id = d.subscriber_id WHERE d.status = ?"
                " ORDER BY d.edition_id, d.subscriber_id",
                (DeliveryStatus.CLAIMED,),
            )
        ]

    def mark_claimed_unknown(self, stamp: str, error: str) -> None:
        """Every ``claimed`` row becomes ``unknown`` (its sender is gone; see newsletter.deliveries)."""
        with self._db.transaction():
            self._db.conn.execute(
                "UPDATE deliveries SET status = ?, updated_at = ?, error = ? WHERE status = ?",
                (DeliveryStatus.UNKNOWN, stamp, error, DeliveryStatus.CLAIMED),
            )

    def due_subscriber_ids(
        self, edition_id: int, frequency: str, stamp: str, retry: tuple[DeliveryStatus, ...]
    ) -> list[int]:
        """Active readers of ``frequency`` with no row for this edition, or whose row is in one of the
        ``retry`` states and due by ``stamp``."""
        marks = ",".join("?" * len(retry))
        return [
            r[0]
            for r in self._db.conn.execute(
                "SELECT s.id FROM subscribers s LEFT JOIN deliveries d"
                " ON d.edition_id = ? AND d.subscriber_id = s.id"
                " WHERE s.status = ? AND s.frequency = ?"
                f" AND (d.status IS NULL OR (d.status IN ({marks}) AND COALESCE(d.next_attempt_at, '') <= ?))"
                " ORDER BY s.id",
                (edition_id, SubscriberStatus.ACTIVE, frequency, *retry, stamp),
            )
        ]

    def retries_due(self, stamp: str, retry: tuple[DeliveryStatus, ...]) -> list[tuple[int, int]]:
        """(edition id, subscriber id) of every row in one of the ``retry`` states due by ``stamp``,
        oldest edition first: what a send owes besides the editions readers have not had yet."""
        marks = ",".join("?" * len(retry))
        return [
            (r[0], r[1])
            for r in self._db.conn.execute(
                f"SELECT edition_id, subscriber_id FROM deliveries WHERE status IN ({marks})"
                " AND COALESCE(next_attempt_at, '') <= ? ORDER BY edition_id, subscriber_id",
                (*retry, stamp),
            )
        ]

    def received(self, subscriber_id: int, edition_ids: Sequence[int]) -> set[int]:
        """Which of these editions were sent to the reader (so a status change reaches those who saw
        the item it is about)."""
        if not edition_ids:
            return set()
        marks = ",".join("?" * len(edition_ids))
        return {
            r[0]
            for r in self._db.conn.execute(
                f"SELECT edition_id FROM deliveries WHERE subscriber_id = ? AND edition_id IN ({marks})"
                " AND status = ?",
                (subscriber_id, *edition_ids, DeliveryStatus.SENT),
            )
        }

    def settled_subscriber_ids(self, edition_id: int) -> set[int]:
        """Readers whose delivery of this edition is recorded and not waiting for a retry."""
        return {
            r[0]
            for r in self._db.conn.execute(
                "SELECT subscriber_id FROM deliveries WHERE edition_id = ? AND status != ?",
                (edition_id, DeliveryStatus.FAILED_TEMP),
            )
        }

    def insert_claim(
        self,
        edition_id: int,
        subscriber_id: int,
        message_id: str,
        claimed_by: str,
        stamp: str,
        owed_after: str | None = None,
    ) -> None:
        """Claim a first delivery. ``owed_after`` (the edition's ``created_at``) moves the reader's
        ``owed_since`` past this edition: from now on its row, not the list of owed editions, says
        what becomes of it (sent, retried …), and the next send looks only at later editions."""
        with self._db.transaction():
            self._db.conn.execute(
                "INSERT INTO deliveries (edition_id, subscriber_id, status, message_id, attempts,"
                " claimed_by, claimed_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                (edition_id, subscriber_id, DeliveryStatus.CLAIMED, message_id, claimed_by, stamp, stamp),
            )
            if owed_after is not None:
                self._db.conn.execute(
                    "UPDATE subscribers SET owed_since = ? WHERE id = ? AND COALESCE(owed_since, '') <= ?",
                    (owed_after, subscriber_id, owed_after),
                )

    def reclaim(self, edition_id: int, subscriber_id: int, attempt: int, claimed_by: str, stamp: str) -> None:
        with self._db.transaction():
            self._db.conn.execute(
                "UPDATE deliveries SET status = ?, attempts = ?, claimed_by = ?, claimed_at = ?,"
                " updated_at = ? WHERE edition_id = ? AND subscriber_id = ?",
                (DeliveryStatus.CLAIMED, attempt, claimed_by, stamp, stamp, edition_id, subscriber_id),
            )

    def record(
        self,
        edition_id: int,
        subscriber_id: int,
        claimed_by: str,
        status: DeliveryStatus,
        stamp: str,
        *,
        error: str | None = None,
        sent_at: str | None = None,
        next_attempt_at: str | None = None,
        give_back_attempt: bool = False,
    ) -> None:
        """Record the outcome of a claim this run holds (``claimed_by``); a row another run has claimed
        since is left alone. ``give_back_attempt`` does not count this attempt (the message certainly
        never left, through a fault of ours)."""
        with self._db.transaction():
            self._db.conn.execute(
                "UPDATE deliveries SET status = ?, attempts = attempts - ?, error = ?, sent_at = ?,"
                " next_attempt_at = ?, updated_at = ? WHERE edition_id = ? AND subscriber_id = ?"
                " AND claimed_by = ?",
                (
                    status,
                    int(give_back_attempt),
                    error,
                    sent_at,
                    next_attempt_at,
                    stamp,
                    edition_id,
                    subscriber_id,
                    claimed_by,
                ),
            )


def _subscriber(row: sqlite3.Row) -> Subscriber:
    return Subscriber(
        id=row["id"],
        email=row["email"],
        status=SubscriberStatus(row["status"]),
        prefs=Preferences(
            frequency=row["frequency"],
            topics=tuple(json.loads(row["topics"])),
            include_types=tuple(json.loads(row["include_types"])),
            exclude_types=tuple(json.loads(row["exclude_types"])),
            min_evidence=row["min_evidence"],
            max_items=row["max_items"],
        ),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        unsubscribed_at=row["unsubscribed_at"],
        owed_since=row["owed_since"],
        bounces_since=row["bounces_since"],
    )


def _prefs_columns(prefs: Preferences) -> tuple[Any, ...]:
    return (
        prefs.frequency,
        json.dumps(list(prefs.topics)),
        json.dumps(list(prefs.include_types)),
        json.dumps(list(prefs.exclude_types)),
        prefs.min_evidence,
        prefs.max_items,
    )
