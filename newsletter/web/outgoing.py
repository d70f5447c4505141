"""Mail the web sends (sign-up confirmations) leaves from a worker thread, never from the request.

Why: ``/subscribe`` must answer in the same time whatever the address's state, and an SMTP conversation
takes as long as the server likes (greylisting, a slow TLS handshake, a recipient check that answers
faster for mailboxes it knows), so a request that waited for it would tell a visitor something. The
request renders its message and queues it; one worker thread per process hands the queue to the
configured transport, message by message. A message still queued when the process stops is lost: the
visitor can simply ask again, and nothing else depends on it.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("osteodigest.web")

#: Messages waiting at most; sign-ups are rate-limited, so more means the mail server is long gone.
CAPACITY = 1000
#: Seconds the process waits at exit for queued messages to leave.
EXIT_GRACE = 10.0


@dataclass(frozen=True)
class Outgoing:
    """One rendered message: recipient, the bytes as sent, and a file name for the outbox transport."""

    to: str
    data: bytes
    key: str


class MailQueue:
    """A FIFO of :class:`Outgoing` messages and the thread that delivers them with ``deliver``."""

    def __init__(self, deliver: Callable[[Outgoing], object], capacity: int = CAPACITY) -> None:
        self._deliver = deliver
        self._capacity = capacity
        self._waiting: deque[Outgoing] = deque()
        self._unfinished = 0
        self._condition = threading.Condition()
        self._worker: threading.Thread | None = None

    def submit(self, message: Outgoing) -> bool:
        """Queue ``message`` and return at once; False (logged) when the queue is full."""
        with self._condition:
            if self._unfinished >= self._capacity:
                log.warning("sign-up mail not queued: %d messages are still waiting", self._unfinished)
                return False
            self._waiting.append(message)
            self._unfinished += 1
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="osteodigest-web-mail", daemon=True)
                self._worker.start()
                atexit.register(self.drain, EXIT_GRACE)
            self._condition.notify_all()
        return True

    def drain(self, timeout: float = 30.0) -> bool:
        """Wait until every queued message has been handed to the transport; False on time-out."""
        with self._condition:
            return self._condition.wait_for(lambda: self._unfinished == 0, timeout)

    def _work(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: bool(self._waiting))
                message = self._waiting.popleft()
            try:
                self._deliver(message)
            except Exception:  # one bad message must not stop the worker
                log.exception("sign-up mail failed unexpectedly")
            finally:
                with self._condition:
                    self._unfinished -= 1
                    self._condition.notify_all()
