"""What keeps the subscriber pages safe: response headers, signed form tokens, rate limits.

There are no cookies and no sessions. A form proves it came from our own page with a signed, short-lived
token bound to the subscriber it was issued for (so a token lifted from one subscriber's page is useless
on another's), which is what a CSRF token is for, without server-side state.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from itsdangerous import BadData, URLSafeTimedSerializer

#: No scripts at all, styles only from our own stylesheet, no framing, forms only to ourselves.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Token-bearing URLs must never leak to the publishers' sites an edition links to.
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class FormTokens:
    """Signed, timestamped per-form tokens: ``issue(purpose, bound_to)`` and ``check`` with the same pair."""

    def __init__(self, secret: str | bytes, max_age: int = 3600) -> None:
        self._secret = secret
        self.max_age = max_age

    def _serializer(self, purpose: str) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self._secret, salt=f"osteodigest.web.form.{purpose}")

    def issue(self, purpose: str, bound_to: str) -> str:
        return self._serializer(purpose).dumps(bound_to)

    def check(self, token: str | None, purpose: str, bound_to: str) -> bool:
        if not token:
            return False
        try:
            value = self._serializer(purpose).loads(token, max_age=self.max_age)
        except BadData:
            return False
        return isinstance(value, str) and hmac.compare_digest(value, bound_to)


class RateLimiter:
    """At most ``limit`` hits per key in a sliding ``window`` (seconds), in memory.

    Memory is per process: behind several worker processes each enforces the limit on its own, which
    still bounds abuse by the number of workers. Keys are hashed, so addresses are not held in the clear,
    and the table is capped (oldest keys dropped first) so a flood of distinct keys cannot exhaust memory.
    """

    def __init__(
        self,
        limit: int,
        window: float = 3600.0,
        *,
        max_keys: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def hit(self, key: str) -> bool:
        """Count one attempt; False when the key is over its limit (the attempt is then not counted)."""
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        now = self._clock()
        with self._lock:
            hits = self._hits.pop(digest, None) or deque()
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            allowed = len(hits) < self.limit
            if allowed:
                hits.append(now)
            self._hits[digest] = hits
            while len(self._hits) > self.max_keys:
                self._hits.popitem(last=False)
            return allowed
