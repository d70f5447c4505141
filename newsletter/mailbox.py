"""``osteodigest mailbox``: read the list's own mailbox over IMAP, act on bounces and unsubscribe
requests, and move every message it read aside.

The mailbox (``[mailbox]``) is where two kinds of mail for the list arrive: bounce reports (delivery
status notifications and the many non-standard reports real servers send; Mailman's detectors in
``flufl.bounce`` read them) addressed to a digest's envelope sender, and the ``mailto:`` of
``List-Unsubscribe`` (subject "unsubscribe"), which some mail apps use instead of the one-click link.

- A bounce counts against the reader it is about (:mod:`newsletter.bounces`): with VERP, the reader
  whose signed envelope sender the report was delivered to — whatever address the report names; without
  VERP, the subscriber whose address the report names.
- An unsubscribe request unsubscribes exactly the reader it comes from, and only when it names the list
  (addressed to the list's mailbox, subject "unsubscribe"), its From address is a subscriber's, and no
  ``Authentication-Results`` our server added says the sender failed DMARC: a request cannot name a
  third party, and a From forged by someone else is at worst their own problem to cause.
- Everything handled moves to ``handled_folder``; what nothing could be done about (a reply, a request
  from an unknown sender, a report about nobody we know) to ``unhandled_folder``, for a person to read.
  A message moves only after what it said is stored, so a run cut short reads it again, and the store's
  report keys make a second reading change nothing.

Connections use TLS (``security = "ssl"`` or ``"starttls"``); plain IMAP is refused except to a
loopback address (a local test server, or a tunnel). The password comes only from
``$OSTEODIGEST_MAILBOX_PASSWORD``.
"""

from __future__ import annotations

import contextlib
import email
import enum
import hashlib
import imaplib
import ipaddress
import logging
import re
import socket
import ssl
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from email.message import Message
from email.utils import getaddresses

from flufl.bounce import all_failures
from osteodigest.crawler.errors import ConfigError, OsteoDigestError
from osteodigest.crawler.settings import MAILBOX_PASSWORD_ENV, Settings
from osteodigest.crawler.store import BounceKind, Store, Subscriber, SubscriberStatus
from osteodigest.newsletter.bounces import Verp, record_bounce
from osteodigest.newsletter.mail import address_of
from osteodigest.newsletter.subscribers import InvalidInput, find_subscriber, unsubscribe

log = logging.getLogger("osteodigest.mailbox")

#: Headers an MTA writes with the address a message was delivered to (the envelope recipient).
_RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To")
_UNSUBSCRIBE_SUBJECT = re.compile(r"^\s*(?:(?:re|fwd?|aw|sv)\s*:\s*)*unsubscribe\s*$", re.IGNORECASE)
_DMARC_FAIL = re.compile(r"\bdmarc\s*=\s*fail\b", re.IGNORECASE)


class MailboxError(OsteoDigestError):
    """The mailbox could not be reached, logged into or read (one line: where and why)."""


class Verdict(enum.StrEnum):
    BOUNCE = "bounce"
    UNSUBSCRIBED = "unsubscribed"
    #: Read and understood, but nothing was to be done (a report about a reader who is gone, a second
    #: request from a reader who had already left).
    NOTHING_TO_DO = "nothing to do"
    UNHANDLED = "unhandled"


@dataclass
class MailboxReport:
    bounces: int = 0
    #: Addresses this run set ``bouncing``.
    now_bouncing: list[str] = field(default_factory=list)
    unsubscribed: list[str] = field(default_factory=list)
    nothing_to_do: int = 0
    #: (subject, why) of each message moved to the unhandled folder.
    unhandled: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.bounces} bounce report{'s' if self.bounces != 1 else ''} counted"
            f" ({len(self.now_bouncing)} reader(s) now bouncing), {len(self.unsubscribed)} unsubscribed,"
            f" {self.nothing_to_do} needing nothing, {len(self.unhandled)} left for a person"
        )


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    why: str = ""
    email: str = ""
    now_bouncing: bool = False


# ------------------------------------------------------------------------------------------ reading
def read_mailbox(settings: Settings, store: Store) -> MailboxReport:
    """Process every message in the mailbox folder; MailboxError when the server cannot be used."""
    cfg = settings.section("mailbox")
    if not cfg["host"]:
        raise ConfigError("no [mailbox] host configured: there is no mailbox to read")
    if not cfg["address"]:
        raise ConfigError("[mailbox] address is required: the address the list's mail is sent from")
    report = MailboxReport()
    imap = _connect(cfg)
    where = f"mailbox {cfg['username']}@{cfg['host']}"
    try:
        for folder in (cfg["handled_folder"], cfg["unhandled_folder"]):
            _ensure_folder(imap, folder)
        status, _ = imap.select(_quote(cfg["folder"]))
        if status != "OK":
            raise MailboxError(f"{where}: cannot open folder {cfg['folder']!r}")
        status, data = imap.uid("SEARCH", "ALL")
        if status != "OK":
            raise MailboxError(f"{where}: search failed")
        handler = _Handler(settings, store)
        for uid in (data[0] or b"").decode("ascii").split():
            raw = _fetch(imap, uid)
            if raw is None:
                continue
            outcome = handler.handle(raw)
            _account(report, outcome, raw)
            target = (
                cfg["unhandled_folder"] if outcome.verdict is Verdict.UNHANDLED else cfg["handled_folder"]
            )
            _move(imap, uid, target)
        imap.expunge()
    except (imaplib.IMAP4.error, OSError) as exc:
        raise MailboxError(f"{where}: {exc}") from None
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            imap.logout()
    return report


def _connect(cfg: dict) -> imaplib.IMAP4:
    host, port, security = cfg["host"], int(cfg["port"]), cfg["security"]
    timeout = float(cfg["timeout"])
    where = f"mailbox {host}:{port}"
    if security == "none" and not _loopback(host):
        raise ConfigError(
            f'[mailbox] security = "none" sends the password in clear: only allowed to a loopback'
            f" address, not {host!r} (use ssl or starttls)"
        )
    password = Settings.secret(MAILBOX_PASSWORD_ENV)
    try:
        if security == "ssl":
            imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                host, port, ssl_context=ssl.create_default_context(), timeout=timeout
            )
        else:
            imap = imaplib.IMAP4(host, port, timeout=timeout)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(f"{where}: cannot connect ({exc})") from None
    try:
        if security == "starttls":
            imap.starttls(ssl.create_default_context())
        imap.login(cfg["username"], password or "")
    except (OSError, imaplib.IMAP4.error) as exc:
        imap.shutdown()
        doing = (
            "login as {!r} refused".format(cfg["username"]) if isinstance(exc, imaplib.IMAP4.error) else "TLS"
        )
        raise MailboxError(f"{where}: {doing} ({exc})") from None
    return imap


def _loopback(host: str) -> bool:
    try:
        return all(ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(host, None))
    except (OSError, ValueError):
        return False


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ensure_folder(imap: imaplib.IMAP4, folder: str) -> None:
    status, data = imap.list('""', _quote(folder))
    if status == "OK" and data and data[0] is not None:
        return
    status, data = imap.create(_quote(folder))
    if status != "OK":
        raise MailboxError(f"cannot create folder {folder!r}: {data!r}")


def _fetch(imap: imaplib.IMAP4, uid: str) -> bytes | None:
    status, parts = imap.uid("FETCH", uid, "(BODY.PEEK[])")
    if status != "OK":
        return None
    for part in parts or []:
        if isinstance(part, tuple):
            return part[1]
    return None


def _move(imap: imaplib.IMAP4, uid: str, folder: str) -> None:
    """MOVE (RFC 6851) where offered, else COPY then flag \\Deleted (expunged at the end)."""
    if "MOVE" in imap.capabilities:
        status, data = imap.uid("MOVE", uid, _quote(folder))
    else:
        status, data = imap.uid("COPY", uid, _quote(folder))
        if status == "OK":
            status, data = imap.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)")
    if status != "OK":
        raise MailboxError(f"cannot move message {uid} to {folder!r}: {data!r}")


def _account(report: MailboxReport, outcome: Outcome, raw: bytes) -> None:
    if outcome.verdict is Verdict.BOUNCE:
        report.bounces += 1
        if outcome.now_bouncing:
            report.now_bouncing.append(outcome.email)
    elif outcome.verdict is Verdict.UNSUBSCRIBED:
        report.unsubscribed.append(outcome.email)
    elif outcome.verdict is Verdict.NOTHING_TO_DO:
        report.nothing_to_do += 1
    else:
        subject = str(email.message_from_bytes(raw).get("Subject", ""))[:80]
        report.unhandled.append((subject, outcome.why))
    log.info("mailbox: %s %s %s", outcome.verdict, outcome.email, outcome.why)


# ------------------------------------------------------------------------------------------ deciding
class _Handler:
    """What one message means for the list, and doing it."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        cfg = settings.section("mailbox")
        self.address = address_of(cfg["address"]).lower()
        self.verp = Verp.for_settings(settings)

    def handle(self, raw: bytes) -> Outcome:
        message = email.message_from_bytes(raw)
        key = _report_key(message, raw)
        try:
            temporary, permanent = all_failures(message)
        except Exception as exc:  # a detector meeting a malformed report: a person reads it instead
            return Outcome(Verdict.UNHANDLED, f"unreadable as a bounce report ({type(exc).__name__}: {exc})")
        if temporary or permanent or message.get_content_type() == "multipart/report":
            return self._bounce(message, key, temporary, permanent)
        if _UNSUBSCRIBE_SUBJECT.match(str(message.get("Subject", ""))):
            return self._unsubscribe(message)
        return Outcome(Verdict.UNHANDLED, "neither a bounce report nor an unsubscribe request")

    def _bounce(
        self, message: Message, key: str, temporary: AbstractSet[bytes], permanent: AbstractSet[bytes]
    ) -> Outcome:
        named = {a.decode("utf-8", "replace").lower() for a in (*temporary, *permanent)}
        if not named:
            return Outcome(Verdict.UNHANDLED, "a report that names no failed address")
        reader = self._reader_of_report(message, named)
        if reader is None:
            return Outcome(Verdict.UNHANDLED, f"a report about {', '.join(sorted(named))}: no such reader")
        if reader.status not in (SubscriberStatus.ACTIVE, SubscriberStatus.BOUNCING):
            return Outcome(
                Verdict.NOTHING_TO_DO, f"a report about a reader who is {reader.status}", reader.email
            )
        result = record_bounce(
            self.settings,
            self.store,
            reader.id,
            kind=BounceKind.REPORT,
            permanent=bool(permanent),
            detail=_detail(message, named, bool(permanent)),
            source_key=key,
        )
        return Outcome(Verdict.BOUNCE, "", reader.email, result.now_bouncing)

    def _reader_of_report(self, message: Message, named: set[str]) -> Subscriber | None:
        if self.verp is not None:
            for recipient in _recipients(message, (*_RECIPIENT_HEADERS, "To")):
                found = self.verp.reader_of(recipient)
                if found is not None:
                    return self.store.subscribers.get(found[0])
            return None  # with VERP, a report not sent to a signed sender is about nobody we mailed
        for address in sorted(named):
            reader = _find(self.store, address)
            if reader is not None:
                return reader
        return None

    def _unsubscribe(self, message: Message) -> Outcome:
        to_us = any(
            address_of(r).lower() == self.address
            for r in _recipients(message, (*_RECIPIENT_HEADERS, "To", "Cc"))
        )
        if not to_us:
            return Outcome(Verdict.UNHANDLED, f"an unsubscribe request not addressed to {self.address}")
        for result in message.get_all("Authentication-Results", []):
            if _DMARC_FAIL.search(str(result)):
                return Outcome(Verdict.UNHANDLED, "an unsubscribe request whose sender failed DMARC")
        senders = getaddresses(message.get_all("From", []))
        if len(senders) != 1 or not senders[0][1]:
            return Outcome(Verdict.UNHANDLED, "an unsubscribe request without one From address")
        reader = _find(self.store, senders[0][1])
        if reader is None:
            return Outcome(
                Verdict.UNHANDLED, f"an unsubscribe request from {senders[0][1]}: not a subscriber"
            )
        if reader.status == SubscriberStatus.UNSUBSCRIBED:
            return Outcome(Verdict.NOTHING_TO_DO, "already unsubscribed", reader.email)
        unsubscribe(self.store, reader.id)
        return Outcome(Verdict.UNSUBSCRIBED, "", reader.email)


def _find(store: Store, address: str) -> Subscriber | None:
    try:
        return find_subscriber(store, address)
    except InvalidInput:  # not an address at all
        return None


def _recipients(message: Message, headers: tuple[str, ...]) -> list[str]:
    values = [str(v) for name in headers for v in message.get_all(name, [])]
    return [address for _, address in getaddresses(values) if address]


def _report_key(message: Message, raw: bytes) -> str:
    """The report's own Message-ID, else a digest of its bytes: the same report read twice is one."""
    message_id = str(message.get("Message-ID", "")).strip()
    if message_id:
        return f"report:{message_id}"
    return f"report-sha256:{hashlib.sha256(raw).hexdigest()}"


def _detail(message: Message, named: set[str], permanent: bool) -> str:
    what = "failed" if permanent else "delayed"
    subject = " ".join(str(message.get("Subject", "")).split())[:120]
    return f"report: delivery to {', '.join(sorted(named))} {what} ({subject})"
