"""Time as the politeness rules see it: a small :class:`Clock` (``monotonic()``, ``sleep()``), real by
default.

Every wait politeness asks for — the spacing between two requests to one host, the back-off before a
retry, a server's ``Retry-After`` — is asked of a Clock instead of the ``time`` module, so that a test can
hand in a clock of its own and assert the waits that were asked for instead of sleeping through them, and
so that what the code waits for is visible in its signatures. Socket time-outs and the per-request
deadline stay on real time: they bound what a real server does.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (only differences mean anything)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` (a no-op for zero or less)."""
        ...


class SystemClock:
    """The real clock: :func:`time.monotonic` and :func:`time.sleep`."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


#: The clock used unless a caller hands in another.
SYSTEM_CLOCK: Clock = SystemClock()
