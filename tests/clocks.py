"""A clock for tests of politeness: time passes only when the code asks to wait, and every wait asked for
is kept, so a test asserts the waits (the spacing of a rate limit, a Retry-After, a back-off) instead
of sleeping through them on real time."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from osteodigest.newsletter import cli


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


def main(argv: Sequence[str], clock: FakeClock | None = None) -> int:
    """The ``osteodigest`` command in this process (:func:`osteodigest.newsletter.cli.main`), its waits
    for politeness (rate limits, back-off, Retry-After) kept on a fake clock: ``clock``, or a new one.

    The operations tests run whole commands against local emulators that share one host, where every
    source's rate limit (and Crossref's announced one) would space every request on real time; what those
    waits are is asserted by the tests of politeness, which pass a clock of their own.
    """
    return cli.main(list(argv), clock=clock if clock is not None else FakeClock())
