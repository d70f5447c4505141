"""One configured HTTP session for every source: polite, patient, and honest about failure.

Politeness is enforced here rather than in each source so that no source can forget it: a User-Agent with
a contact address, a timeout on every request, per-host rate limits, urllib3 retries that honour
``Retry-After``, conditional GET helpers and robots.txt. Sources see only ``PoliteSession.get/post`` and
``request_checked``, which turns every transport failure into a one-line :class:`SourceError`.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from osteodigest.crawler import __version__
from osteodigest.crawler.errors import SourceError
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.util.retry import Retry


class CappedRetry(Retry):
    """urllib3 Retry that refuses to sleep for an unreasonably long ``Retry-After``.

    Waiting an hour inside a cron job helps nobody: the source fails now, keeps its watermark, and is
    retried on the next run.
    """

    max_retry_after: float = 300.0

    def increment(
        self, method: str | None = None, url: str | None = None, *args: Any, **kwargs: Any
    ) -> Retry:
        response = kwargs.get("response") or (args[0] if args else None)
        if response is not None and self.respect_retry_after_header:
            retry_after = self.get_retry_after(response)
            if retry_after is not None and retry_after > self.max_retry_after:
                # Exhausting the retries makes urllib3 hand back the 429/503 itself (raise_on_status=False).
                raise MaxRetryError(kwargs.get("_pool"), url or "", ResponseError("Retry-After too long"))
        return super().increment(method, url, *args, **kwargs)

    def new(self, **kw: Any) -> CappedRetry:
        new = super().new(**kw)
        new.max_retry_after = self.max_retry_after
        return new


class RateLimiter:
    """Minimum spacing between requests to the same host, and one request per host at a time, for every
    thread using the session."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._last: dict[str, float] = {}
        self._interval: dict[str, float] = {}
        self._hosts: dict[str, threading.RLock] = {}

    def set_rate(self, host: str, per_second: float) -> None:
        with self._lock:
            interval = 1.0 / per_second if per_second > 0 else 0.0
            self._interval[host] = max(interval, self._interval.get(host, 0.0))
            # A stricter limit learnt mid-run (robots.txt Crawl-delay) also spaces the very next request.
            if host in self._last:
                self._next[host] = max(self._next.get(host, 0.0), self._last[host] + self._interval[host])

    def interval(self, host: str) -> float:
        """Seconds kept between two requests to ``host``."""
        with self._lock:
            return self._interval.get(host, 0.0)

    def hold(self, host: str) -> threading.RLock:
        """The lock a request to ``host`` holds while it is in flight (re-entrant, for redirects)."""
        with self._lock:
            return self._hosts.setdefault(host, threading.RLock())

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self._interval.get(host, 0.0)
            self._last[host] = start
        delay = start - now
        if delay > 0:
            time.sleep(delay)


class PoliteSession(requests.Session):
    """A requests Session with a default timeout, per-host rate limits and a request counter."""

    def __init__(self, timeout: float, limiter: RateLimiter) -> None:
        super().__init__()
        self.timeout = timeout
        self.limiter = limiter
        self.request_count = 0

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, *args, **kwargs)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        host = urlsplit(request.url or "").netloc.lower()
        with self.limiter.hold(host):
            self.limiter.wait(host)
            self.request_count += 1
            return super().send(request, **kwargs)

    def set_rate(self, url: str, per_second: float) -> None:
        """Limit requests to the host of ``url`` (the strictest limit asked for wins)."""
        self.limiter.set_rate(urlsplit(url).netloc.lower(), per_second)


def make_session(http: Mapping[str, Any], contact_email: str) -> PoliteSession:
    """Build the session every source uses, from the ``[http]`` settings."""
    session = PoliteSession(timeout=float(http["timeout"]), limiter=RateLimiter())
    session.headers["User-Agent"] = http["user_agent"].format(version=__version__, contact=contact_email)
    retry = CappedRetry(
        total=int(http["retries"]),
        connect=int(http["retries"]),
        read=int(http["retries"]),
        status=int(http["retries"]),
        status_forcelist=tuple(http["retry_statuses"]),
        allowed_methods=frozenset({"GET", "HEAD", "POST"}),
        backoff_factor=float(http["backoff_factor"]),
        backoff_max=60.0,
        respect_retry_after_header=True,
        raise_on_status=False,
        raise_on_redirect=True,
    )
    retry.max_retry_after = float(http["max_retry_after"])
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.max_redirects = 10
    return session


def request_checked(
    session: requests.Session, method: str, url: str, *, ok_statuses: tuple[int, ...] = (), **kwargs: Any
) -> requests.Response:
    """Send a request and return a 2xx (or an allowed) response, or raise a one-line SourceError."""
    try:
        response = session.request(method, url, **kwargs)
    except requests.RequestException as exc:
        raise SourceError(describe_exception(exc, url)) from None
    if response.status_code >= 400 and response.status_code not in ok_statuses:
        raise SourceError(describe_status(response))
    return response


def describe_status(response: requests.Response) -> str:
    """'HTTP 503 Service Unavailable from host', with Retry-After when the server sent one."""
    host = urlsplit(response.url).netloc
    reason = f" {response.reason}" if response.reason else ""
    message = f"HTTP {response.status_code}{reason} from {host}"
    retry_after = response.headers.get("Retry-After")
    if retry_after:
        message += f" (Retry-After: {retry_after})"
    return message


def describe_exception(exc: BaseException, url: str) -> str:
    """Turn requests/urllib3 exceptions into a short cause a maintainer can act on."""
    host = urlsplit(url).netloc
    if isinstance(exc, requests.exceptions.RetryError):
        inner = getattr(exc.args[0], "reason", None) if exc.args else None
        return f"gave up after retries on {host}: {inner or exc}"
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return f"too many redirects from {host} (redirect loop?)"
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"cannot connect to {host}: connection timed out"
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return f"read timed out waiting for {host}"
    if isinstance(exc, requests.exceptions.ConnectionError):
        text = str(exc)
        if "Max retries exceeded" in text and "Read timed out" in text:
            return f"read timed out waiting for {host}"
        if "RemoteDisconnected" in text or "Connection reset" in text or "ProtocolError" in text:
            return f"connection to {host} was reset or closed before a full reply"
        return f"cannot connect to {host}"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return f"reply from {host} was cut off mid-transfer"
    return f"request to {host} failed: {type(exc).__name__}"


def conditional_headers(state: Mapping[str, Any]) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from a stored ETag / Last-Modified, so unchanged feeds cost 304."""
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = str(state["etag"])
    if state.get("last_modified"):
        headers["If-Modified-Since"] = str(state["last_modified"])
    return headers


def validators_from(response: requests.Response) -> dict[str, str]:
    """The ETag / Last-Modified of a reply, to be stored with the records it carried."""
    state = {}
    if response.headers.get("ETag"):
        state["etag"] = response.headers["ETag"]
    if response.headers.get("Last-Modified"):
        state["last_modified"] = response.headers["Last-Modified"]
    return state


class RobotsCache:
    """robots.txt per host, fetched once with the same polite session and obeyed.

    A robots.txt that cannot be fetched (404, 410) allows everything, as the standard says; a 5xx or a
    network failure disallows the host for this run, to be safe. ``Crawl-delay`` and ``Request-rate``
    become the host's rate limit on the session.
    """

    def __init__(self, session: PoliteSession) -> None:
        self.session = session
        self._parsers: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def _parser(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._parsers:
            parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
            try:
                response = self.session.get(origin + "/robots.txt")
            except requests.RequestException:
                self._parsers[origin] = None
                return None
            if response.status_code >= 500:
                self._parsers[origin] = None
                return None
            if response.status_code >= 400:
                parser.allow_all = True
            else:
                parser.parse(response.text.splitlines())
            parser.modified()
            self._parsers[origin] = parser
            delay = parser.crawl_delay(self.agent)
            if delay:
                self.session.set_rate(origin, 1.0 / float(delay))
            rate = parser.request_rate(self.agent)
            if rate and rate.requests and rate.seconds:
                self.session.set_rate(origin, rate.requests / rate.seconds)
        return self._parsers[origin]

    @property
    def agent(self) -> str:
        return str(self.session.headers.get("User-Agent", "*"))

    def allowed(self, url: str) -> bool:
        parser = self._parser(url)
        return parser is not None and parser.can_fetch(self.agent, url)

    def check(self, url: str) -> bool | None:
        """True/False as robots.txt says, or None when robots.txt itself could not be read (5xx, network)."""
        parser = self._parser(url)
        return None if parser is None else parser.can_fetch(self.agent, url)
