"""A real SMTP server on 127.0.0.1 (aiosmtpd in a thread) that records what it accepts and can misbehave.

``fault(attempt, envelope)`` is asked once the whole message has arrived (``attempt`` counts DATA
commands from 0) and may answer ``None`` (accept), an SMTP reply such as ``"451 4.3.0 try later"``
(refuse), ``"drop"`` (close the connection without a reply, as a crashed or overloaded server does), or
``"slow:SECONDS"`` (keep the message, as a server that delivers it does, but answer only after SECONDS:
past the client's time-out, the answer is lost). ``rcpt_fault(address)`` is asked at each RCPT TO and
may answer a reply or ``"drop"`` likewise, before any message is sent. While ``hold`` is an unset
``threading.Event`` the server takes no message at all (DATA waits for it to be set). Only accepted
messages are recorded, as a receiving mailbox would see them.
"""

from __future__ import annotations

import asyncio
import email
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    peer: Any

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class SmtpSink:
    """The aiosmtpd handler: records accepted messages and every connection's peer."""

    fault: Callable[[int, Any], str | None] | None = None
    rcpt_fault: Callable[[str], str | None] | None = None
    hold: threading.Event | None = None
    #: Set when the first message has arrived whole (DATA received, reply not yet given).
    data_arrived: threading.Event = field(default_factory=threading.Event)
    received: list[Received] = field(default_factory=list)
    attempts: int = 0
    peers: set = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        answer = self.rcpt_fault(address) if self.rcpt_fault else None
        if answer == "drop":
            server.transport.close()
            return "421 4.4.2 connection dropped"
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope) -> str:
        self.data_arrived.set()
        if self.hold is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.hold.wait, 60)
        with self.lock:
            attempt = self.attempts
            self.attempts += 1
            self.peers.add(session.peer)
        answer = self.fault(attempt, envelope) if self.fault else None
        if answer == "drop":
            server.transport.close()
            return "421 4.4.2 connection dropped"
        if answer and not answer.startswith("slow:"):
            return answer
        with self.lock:
            self.received.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    bytes(envelope.original_content),
                    session.peer,
                )
            )
        if answer:
            await asyncio.sleep(float(answer.removeprefix("slow:")))
        return "250 2.0.0 Ok: queued"

    @property
    def connections(self) -> int:
        return len(self.peers)

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.rcpt_tos]

    def by_recipient(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.received:
            for rcpt in r.rcpt_tos:
                counts[rcpt] = counts.get(rcpt, 0) + 1
        return counts


class _Controller(Controller):
    """Binds port 0 and learns the real port before the readiness probe connects."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SmtpServer:
    """``with SmtpServer() as server:`` — ``server.port``, ``server.sink``; stopped on exit."""

    def __init__(
        self,
        fault: Callable[[int, Any], str | None] | None = None,
        *,
        rcpt_fault: Callable[[str], str | None] | None = None,
        hold: threading.Event | None = None,
    ) -> None:
        self.sink = SmtpSink(fault=fault, rcpt_fault=rcpt_fault, hold=hold)
        self._controller = _Controller(self.sink, hostname="127.0.0.1", port=0)

    @property
    def port(self) -> int:
        return self._controller.port

    def __enter__(self) -> SmtpServer:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()
