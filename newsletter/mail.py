"""Email messages, and the two ways they leave: an SMTP connection or the outbox folder.

A message is ``multipart/alternative`` with the plain-text part first and the HTML part last (clients
show the last part they understand), with ``Message-ID`` and ``Date`` set by the caller so that the id
recorded when a delivery is claimed is the one the receiver sees. Messages are serialised with lines of
up to 998 characters for headers (RFC 5322's limit) so that a long ``List-Unsubscribe`` URL is never
folded into RFC 2047 encoded words, which would break one-click unsubscribe; bodies stay
quoted-printable with 76-character lines.

Transports never raise for a refused or failed message: they return an :class:`Outcome` saying whether
it was accepted, failed for now (4xx, a connection lost before the server had the whole message: try
again later), for good (5xx), or whether its fate is unknown (the server had it all but never
answered), so the sender can record every message's fate. Only problems with the whole run (cannot
connect, bad login) raise, before any message is claimed.
"""

from __future__ import annotations

import binascii
import contextlib
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email import policy
from email.header import Header
from email.message import EmailMessage, Message
from email.mime.multipart import MIMEMultipart
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import Any, Protocol

from osteodigest.crawler.errors import ConfigError, OsteoDigestError, WriteError
from osteodigest.crawler.files import private_folder, write_atomic, write_files
from osteodigest.crawler.settings import SMTP_PASSWORD_ENV, Settings
from osteodigest.newsletter.render import Rendered

#: Serialisation policy: CRLF, and headers folded only past 998 characters (see the module docstring).
WIRE_POLICY = policy.SMTP.clone(max_line_length=998)
#: The same for the messages built here, which use the light ``compat32`` model (see build_message).
_WIRE_COMPAT = policy.compat32.clone(linesep="\r\n", max_line_length=998)


class TransportError(OsteoDigestError):
    """The mail server cannot be reached or refused the session; nothing was sent (worth retrying)."""


def build_message(
    rendered: Rendered,
    *,
    sender: str,
    to: str,
    headers: dict[str, str] | None = None,
    msgid_domain: str | None = None,
    message_id: str | None = None,
    date: str | None = None,
) -> Message:
    """``multipart/alternative``: the text part first, the HTML part last, both UTF-8 quoted-printable.

    Built on the stdlib's ``compat32`` message model with bodies encoded by ``binascii.b2a_qp`` (C): the
    modern ``EmailMessage`` content manager encodes in pure Python and parses every header it is given,
    which made it the slowest step of a send run. Non-ASCII header text is RFC 2047 encoded here.
    """
    message = MIMEMultipart("alternative")
    message["Subject"] = _header_text(rendered.subject)
    message["From"] = _address_header(sender)
    message["To"] = _address_header(to)
    message["Date"] = date or formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = message_id or make_msgid(domain=msgid_domain or domain_of(sender))
    for name, value in (headers or {}).items():
        message[name] = _header_text(value)
    message.attach(_text_part(rendered.text, "plain"))
    message.attach(_text_part(rendered.html, "html"))
    return message


def _text_part(text: str, subtype: str) -> Message:
    part = Message()
    part["Content-Type"] = f'text/{subtype}; charset="utf-8"'
    part["Content-Transfer-Encoding"] = "quoted-printable"
    body = text.replace("\r\n", "\n").encode("utf-8")
    part.set_payload(binascii.b2a_qp(body, istext=True).decode("ascii"))
    return part


def _header_text(value: str) -> str:
    return value if value.isascii() else Header(value, "utf-8").encode()


def _address_header(value: str) -> str:
    if value.isascii():
        return value
    name, address = parseaddr(value)
    return formataddr((name, address), charset="utf-8")


def to_bytes(message: Message) -> bytes:
    """The message as sent: CRLF line ends; a long List-Unsubscribe is never folded into encoded words."""
    if isinstance(message, EmailMessage):
        return message.as_bytes(policy=WIRE_POLICY)
    return message.as_bytes(policy=_WIRE_COMPAT)


def address_of(sender: str) -> str:
    """The bare address of ``"Name <addr>"`` (the SMTP envelope sender)."""
    return parseaddr(sender)[1] or sender.strip()


def domain_of(address: str) -> str:
    bare = address_of(address)
    return bare.rsplit("@", 1)[-1] if "@" in bare else "osteodigest.localhost"


def list_headers(unsubscribe_url: str, mailto: str | None, list_id: str | None = None) -> dict[str, str]:
    """RFC 2369 / RFC 8058 headers: the HTTPS one-click link, and a mailto only when ``mailto`` names a
    mailbox that ``osteodigest mailbox`` reads (a mailto nobody reads would leave its sender subscribed)."""
    links = f"<{unsubscribe_url}>"
    if mailto:
        links += f", <mailto:{address_of(mailto)}?subject=unsubscribe>"
    headers = {"List-Unsubscribe": links, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    if list_id:
        headers["List-Id"] = list_id
    return headers


def write_edition_files(outbox: Path, stem: str, rendered: Rendered, message: Message) -> list[Path]:
    """``stem.html`` and ``stem.txt`` (the whole edition) and a ready ``stem.eml`` in the outbox: all
    three whole and private (0600), or none; raises WriteError naming the file that could not be."""
    return write_files(
        [
            (outbox / f"{stem}.html", rendered.html.encode("utf-8")),
            (outbox / f"{stem}.txt", rendered.text.encode("utf-8")),
            (outbox / f"{stem}.eml", to_bytes(message)),
        ]
    )


# ------------------------------------------------------------------------------------------ transports
@dataclass
class Outcome:
    """What became of one message.

    ``sent``; ``temp`` (refused for now with a 4xx, or the connection failed before the server had the
    whole message: retry later); ``perm`` (5xx: do not retry); or ``unknown``: the whole message reached
    the server but its answer never came back (a time-out or a dropped connection after the final
    ``.``), so it may well have been delivered. An unknown message is never retried automatically: a
    copy too many is the failure a reader notices, so the operator decides (``send --resend-unknown``).
    """

    status: str
    detail: str = ""
    code: int | None = None
    #: The whole run should stop, for good (the server refuses our sender, not this recipient).
    fatal: bool = False
    #: The whole run should stop, for now: the fault is on our side (the outbox cannot be written), the
    #: message certainly did not leave, and the next run can simply try again.
    halt: bool = False
    #: The server refused the recipient's address itself (at RCPT), not the message: a bounce.
    at_recipient: bool = False

    @property
    def ok(self) -> bool:
        return self.status == "sent"


def classify(code: int | None, message: bytes | str | None, what: str) -> Outcome:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else (message or "")
    detail = f"{what}: {code} {' '.join(text.split())}".strip()
    if code is not None and 500 <= code < 600:
        return Outcome("perm", detail, code)
    return Outcome("temp", detail, code)


class Transport(Protocol):
    """Where messages leave: an SMTP server (:class:`SmtpTransport`) or the outbox folder
    (:class:`OutboxTransport`); a test may hand ``send_editions`` anything of this shape.

    ``open`` raises (TransportError, or ConfigError for a refused login) before any message is claimed;
    ``send`` never raises for a message, it returns its :class:`Outcome`.
    """

    #: Connections opened so far (one for a whole run unless the server dropped it; 0 for a folder).
    connections: int

    @property
    def describe(self) -> str:
        """Where messages go, for reports ("smtp://host:587 (starttls)", "outbox …")."""
        ...

    def open(self) -> None: ...

    def send(self, sender: str, recipient: str, data: bytes, key: str = "") -> Outcome: ...

    def close(self) -> None:
        """End the session politely (SMTP QUIT)."""
        ...

    def abort(self) -> None:
        """End it now, without waiting for anything (the run was interrupted)."""
        ...


def transport_for(settings: Settings) -> Transport:
    """The configured transport, chosen in this one place for digests, alerts and sign-up mail: SMTP
    when ``[smtp] host`` is set (password from ``OSTEODIGEST_SMTP_PASSWORD``), else the outbox folder."""
    smtp = settings.section("smtp")
    if smtp["host"]:
        return SmtpTransport(smtp, Settings.secret(SMTP_PASSWORD_ENV))
    return OutboxTransport(settings.outbox_path)


def send_one(settings: Settings, to: str, data: bytes, key: str) -> Outcome:
    """One message on a connection of its own (an alert, a sign-up mail), from ``smtp.from``: opened,
    sent, closed. A server that cannot be reached raises TransportError, as it does for a run."""
    transport = transport_for(settings)
    transport.open()
    try:
        return transport.send(address_of(settings.section("smtp")["from"]), to, data, key=key)
    finally:
        transport.close()


class SmtpTransport:
    """One SMTP connection reused for many messages, reopened after the server drops it."""

    def __init__(self, config: dict[str, Any], password: str | None) -> None:
        self.host = config["host"]
        self.port = int(config["port"])
        self.security = config["security"]
        self.username = config["username"]
        self.timeout = float(config["timeout"])
        self.password = password
        if self.username and not password:
            raise ConfigError("smtp.username is set but OSTEODIGEST_SMTP_PASSWORD is not")
        self._smtp: smtplib.SMTP | None = None
        #: How many connections were opened (one for a whole run unless the server dropped us).
        self.connections = 0

    @property
    def describe(self) -> str:
        return f"smtp://{self.host}:{self.port} ({self.security})"

    def open(self) -> None:
        """Connect (if not connected), negotiate TLS and log in; raises TransportError or ConfigError."""
        if self._smtp is not None:
            return
        context = ssl.create_default_context()
        try:
            if self.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=self.timeout, context=context
                )
            else:
                smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            try:
                smtp.ehlo()
                if self.security == "starttls":
                    smtp.starttls(context=context)
                    smtp.ehlo()
                if self.username:
                    smtp.login(self.username, self.password or "")
            except BaseException:
                _quietly_close(smtp)
                raise
        except smtplib.SMTPAuthenticationError as exc:
            raise ConfigError(f"{self.describe}: login refused ({exc.smtp_code})") from None
        except smtplib.SMTPNotSupportedError as exc:
            raise ConfigError(f"{self.describe}: {exc}; check smtp.security") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise TransportError(f"cannot connect to {self.describe}: {_describe(exc)}") from None
        self._smtp = smtp
        self.connections += 1

    def send(self, sender: str, recipient: str, data: bytes, key: str = "") -> Outcome:
        """MAIL, RCPT and DATA step by step (not ``sendmail``), to know whether a failure came before or
        after the server had the whole message: before, it is a temporary failure; after, ``unknown``."""
        if self._smtp is None:
            try:
                self.open()
            except TransportError as exc:
                return Outcome("temp", str(exc))
        smtp = self._smtp
        assert smtp is not None
        handed_over = False
        try:
            code, reply = smtp.mail(sender)
            if code != 250:
                outcome = classify(code, reply, "sender refused")
                outcome.fatal = outcome.status == "perm"
                return self._refused(outcome)
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                outcome = classify(code, reply, "recipient refused")
                outcome.at_recipient = True
                return self._refused(outcome)
            smtp.putcmd("data")
            code, reply = smtp.getreply()
            if code != 354:
                return self._refused(classify(code, reply, "message refused"))
            smtp.send(_dot_stuffed(data))
            # Past this point the server holds the message, final dot included: it may deliver it
            # whether or not its answer reaches us.
            handed_over = True
            code, reply = smtp.getreply()
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            if handed_over:
                return Outcome(
                    "unknown", f"the server had the whole message but did not answer: {_describe(exc)}"
                )
            return Outcome("temp", f"connection lost: {_describe(exc)}")
        if code != 250:
            return self._after(classify(code, reply, "message refused"))
        return Outcome("sent")

    def _refused(self, outcome: Outcome) -> Outcome:
        """A refusal before the message: reset the SMTP transaction so the connection serves the next."""
        if outcome.code != 421 and self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.rset()
        return self._after(outcome)

    def _after(self, outcome: Outcome) -> Outcome:
        """A 421 (or a closed socket) means the server ended the session: reconnect for the next one."""
        if outcome.code == 421 or self._smtp is None or self._smtp.sock is None:
            self._drop()
        return outcome

    def _drop(self) -> None:
        if self._smtp is not None:
            _quietly_close(self._smtp)
        self._smtp = None

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self._drop()

    def abort(self) -> None:
        self._drop()


class OutboxTransport:
    """No SMTP server configured: each message becomes ``<outbox>/<key>.eml``, written whole and
    private (0600: it holds the reader's working unsubscribe and preferences links)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.connections = 0

    @property
    def describe(self) -> str:
        return f"outbox {self.folder}"

    def open(self) -> None:
        try:
            private_folder(self.folder)
        except WriteError as exc:
            raise TransportError(f"cannot create the outbox: {exc}") from None

    def send(self, sender: str, recipient: str, data: bytes, key: str = "") -> Outcome:
        path = self.folder / f"{key or 'message'}.eml"
        try:
            write_atomic(path, data)
        except WriteError as exc:
            return Outcome("temp", str(exc), halt=True)
        return Outcome("sent", str(path))

    def close(self) -> None:
        return None

    def abort(self) -> None:
        return None


def _dot_stuffed(data: bytes) -> bytes:
    """The DATA payload as RFC 5321 wants it: a leading dot doubled on every line, then CRLF . CRLF."""
    body = re.sub(rb"(?m)^\.", b"..", data)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body + b".\r\n"


def _quietly_close(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError):
        smtp.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())
