"""Bounces: which reader a failure belongs to, and when a reader stops being mailed.

A failure is counted against a reader when the mail server refuses their address for good while we
send (a 5xx at RCPT) or when a delivery status notification (or another bounce report, as Mailman's
detectors in ``flufl.bounce`` recognise them, read by :mod:`newsletter.mailbox`) says a message to
them failed. A reader whose mail failed on ``bounces.threshold`` different days within
``bounces.window_days`` is set ``bouncing``: no edition is claimed for them any more, their preferences
are kept, and ``subscribers reactivate`` (a maintainer who fixed the cause) makes them active again
with a clean count. Counting days, not reports, is Mailman's rule too: one bad afternoon of a mail
server, or a report that arrives twice, costs a reader one day, not their subscription. Temporary
failures ("delayed") are recorded but never counted.

Which reader. With ``[mailbox] verp`` each message leaves with its own envelope sender,
``LOCAL+b<reader>e<edition>.<mac>@DOMAIN`` (VERP), so a report about it arrives addressed to that
address, whatever address the report names (mail forwarded from the subscribed address to one that
fails names the second). The mac (HMAC of the secret key, 10 base32 characters, lower case because
some servers lower-case local parts) keeps anyone who knows a reader's id from bouncing them out.
Without VERP, a report counts against the reader whose subscribed address it names.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from osteodigest.crawler.settings import Settings
from osteodigest.crawler.store import Bounce, BounceKind, Store, SubscriberStatus, iso_stamp
from osteodigest.newsletter.mail import address_of
from osteodigest.newsletter.tokens import secret_key

_MAC_CHARS = 10
_VERP = re.compile(
    r"^(?P<local>[^@]+)\+b(?P<reader>\d+)e(?P<edition>\d+)\.(?P<mac>[a-z2-7]+)@(?P<domain>.+)$"
)


@dataclass(frozen=True)
class Verp:
    """The signed envelope senders of one list address (``[mailbox] address``)."""

    address: str
    key: bytes

    @classmethod
    def for_settings(cls, settings: Settings) -> Verp | None:
        """None when no mailbox is configured or VERP is off: messages then leave with one sender."""
        mailbox = settings.section("mailbox")
        if not (mailbox["host"] and mailbox["address"] and mailbox["verp"]):
            return None
        return cls(address_of(mailbox["address"]).lower(), secret_key(settings).encode("utf-8"))

    def _mac(self, reader: int, edition: int) -> str:
        digest = hmac.new(self.key, f"bounce:{reader}:{edition}".encode(), hashlib.sha256).digest()
        return base64.b32encode(digest).decode("ascii").lower()[:_MAC_CHARS]

    def sender(self, reader: int, edition: int) -> str:
        """The envelope sender of edition ``edition`` to reader ``reader``."""
        local, domain = self.address.rsplit("@", 1)
        return f"{local}+b{reader}e{edition}.{self._mac(reader, edition)}@{domain}"

    def reader_of(self, recipient: str) -> tuple[int, int] | None:
        """(reader id, edition id) of a report delivered to ``recipient``, when it is one of our signed
        senders; None for anything else (a forged or mangled address included)."""
        match = _VERP.match(address_of(recipient).strip().lower())
        if match is None or f"{match['local']}@{match['domain']}" != self.address:
            return None
        reader, edition = int(match["reader"]), int(match["edition"])
        if not hmac.compare_digest(match["mac"], self._mac(reader, edition)):
            return None
        return reader, edition


@dataclass(frozen=True)
class BounceResult:
    #: False when the same report (or delivery) was counted already.
    recorded: bool
    #: Days with a permanent failure within the window, after this one.
    days: int
    #: Whether this bounce made the reader ``bouncing``.
    now_bouncing: bool


def record_bounce(
    settings: Settings,
    store: Store,
    subscriber_id: int,
    *,
    kind: BounceKind,
    permanent: bool,
    detail: str,
    source_key: str,
    now: datetime | None = None,
) -> BounceResult:
    """Record one failure of a reader's mail and set them ``bouncing`` when it tips the count; one
    transaction, so two mailbox runs cannot both miss the threshold."""
    policy = settings.section("bounces")
    moment = now or store.now()
    stamp = iso_stamp(moment)
    bounce = Bounce(subscriber_id, stamp, kind, permanent, " ".join(detail.split())[:500], source_key)
    with store.transaction():
        recorded = store.subscribers.add_bounce(bounce)
        window = iso_stamp(moment - timedelta(days=int(policy["window_days"])))
        days = store.subscribers.bounce_days(subscriber_id, window)
        bouncing = recorded and permanent and days >= int(policy["threshold"])
        changed = bouncing and store.subscribers.mark_bouncing(subscriber_id)
    return BounceResult(recorded, days, changed)


def reactivate(store: Store, subscriber_id: int) -> bool:
    """A maintainer fixed the cause: a ``bouncing`` reader is mailed again, their count starting
    afresh; False when the reader is not bouncing (an unsubscribe is the reader's to undo)."""
    with store.transaction():
        subscriber = store.subscribers.get(subscriber_id)
        if subscriber is None or subscriber.status != SubscriberStatus.BOUNCING:
            return False
        store.subscribers.activate(subscriber_id)
    return True
