"""A clock for tests of politeness: time passes only when the code asks to wait, and every wait asked for
is kept, so a test asserts the waits (the spacing of a rate limit, a Retry-After, a back-off) instead
of sleeping through them on real time."""

from __future__ import annotations

import threading


class FakeClock:
    """:class:`osteodigest.crawler.clock.Clock` whose ``sleep`` records the wait and moves time on at once.

    Requests themselves take no time on it, so a rate limit asks for its full spacing before every
    request but the first to a host: exactly what a test wants to see.
    """

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []
        self._lock = threading.Lock()  # a session is shared by threads (scrape, the one-at-a-time test)

    def monotonic(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            if seconds > 0:
                self.sleeps.append(seconds)
                self.now += seconds

    @property
    def slept(self) -> float:
        """All the waiting asked for, in seconds."""
        return sum(self.sleeps)
