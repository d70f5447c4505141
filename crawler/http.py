"""One configured HTTP session for every source: polite, patient, bounded, and honest about failure.

Politeness is enforced here rather than in each source so that no source can forget it: a User-Agent with
a contact address, a timeout on every request, per-host rate limits, urllib3 retries that honour
``Retry-After``, conditional GET helpers and robots.txt. Sources see only ``PoliteSession.get/post`` and
``request_checked``, which turns every transport failure into a one-line :class:`SourceError`.

Bounds are enforced here for the same reason. A socket time-out only bounds the wait for the *next*
byte, so a server sending one byte every two seconds could hold a run for hours: every attempt of a
request therefore has a deadline (``http.deadline``), after which its socket is shut down and the request
fails without retrying. A reply larger than ``http.max_reply_bytes`` is refused, by its Content-Length
before its body is read and by counting while it streams (decompressed bytes, so a gzip bomb is refused
too). A robots.txt asking for more than ``http.max_crawl_delay`` seconds between requests is not obeyed
by sleeping: that host is skipped for the run, with a warning (see :class:`RobotsCache`).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import urllib.robotparser
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self, cast
from urllib.parse import urlsplit

import requests
from osteodigest.crawler import __version__
from osteodigest.crawler.clock import SYSTEM_CLOCK, Clock
from osteodigest.crawler.errors import SourceError
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import ConnectionPool, HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    ResponseError,
)
from urllib3.poolmanager import PoolManager
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

#: Per thread: the deadline (seconds) of the request being sent, and the connection of its latest attempt.
_request = threading.local()


class DeadlineExceeded(requests.exceptions.Timeout):
    """An attempt of a request took longer than ``http.deadline`` in all (a slow or trickling reply)."""


class ReplyTooLarge(requests.exceptions.RequestException):
    """A reply larger than ``http.max_reply_bytes``: refused, and not read any further."""


class HostUnreachable(requests.exceptions.ConnectionError):
    """A host whose name does not resolve, or that refused the connection: not retried, and not asked
    again this run (offline, every request of every source would otherwise wait out its back-off)."""


def _unreachable(error: BaseException | None) -> bool:
    """A failure that retrying within seconds cannot mend: no DNS answer, or a port nobody listens on
    (unlike a dropped connection or a time-out, which a busy server may well not repeat)."""
    if isinstance(error, NameResolutionError):
        return True
    return isinstance(error, NewConnectionError) and isinstance(error.__cause__, ConnectionRefusedError)


@dataclass(frozen=True)
class Unreachable:
    """A host found unreachable in this run: its name did not resolve, or it refused the connection."""

    host: str
    refused: bool

    @property
    def name(self) -> str:
        return self.host if self.refused else urlsplit(f"//{self.host}").hostname or self.host

    def __str__(self) -> str:
        return f"{self.verb} {self.name}: {self.why} (not asked again this run)"

    @property
    def verb(self) -> str:
        return "cannot connect to" if self.refused else "cannot resolve"

    @property
    def why(self) -> str:
        return "connection refused" if self.refused else "no such name, or no network"


#: Hosts named in one line about several unreachable ones; the rest are counted.
MAX_HOSTS_NAMED = 5


def describe_unreachable(hosts: list[Unreachable]) -> str:
    """Several unreachable hosts in one line, grouped by cause: "cannot resolve a.org, b.org: no such
    name, or no network (none asked again this run)"."""
    parts = []
    for refused in (False, True):
        group = [h for h in hosts if h.refused == refused]
        if not group:
            continue
        names = ", ".join(h.name for h in group[:MAX_HOSTS_NAMED])
        if len(group) > MAX_HOSTS_NAMED:
            names += f" and {len(group) - MAX_HOSTS_NAMED} more"
        parts.append(f"{group[0].verb} {names}: {group[0].why}")
    return "; ".join(parts) + " (none asked again this run)"


class _DeadlineConnection(HTTPConnection):
    """urllib3's connection, also mixed into its HTTPS one: each attempt (a request sent on the
    connection, or a new connection's set-up) arms a timer that shuts the socket down when the deadline
    passes.

    A shut-down socket makes the blocked read in hand return at once, whatever the server trickles; the
    attempt is marked, so :class:`CappedRetry` does not retry it and :class:`PoliteSession` reports it as
    :class:`DeadlineExceeded` (even a body without a length, which the shutdown would otherwise end as
    if complete). The socket is remembered when the attempt uses it, because http.client hands it over
    to the response (and forgets it) when the server says ``Connection: close``. A timer that fires after
    its attempt finished only shuts an idle pooled socket, which urllib3 notices and replaces; the next
    attempt on the connection cancels the old timer first. (A TLS handshake itself is bounded only by
    the socket time-out: the socket being wrapped is not the one the timer could reach.)
    """

    deadline_hit = False
    _timer: threading.Timer | None = None
    _armed_by_connect = False
    _watched: socket.socket | None = None

    def _new_conn(self) -> socket.socket:
        if self._timer is None or not self._timer.is_alive():
            self._arm()
            self._armed_by_connect = True
        self._watched = super()._new_conn()
        return self._watched

    def request(self, *args: Any, **kwargs: Any) -> None:
        if self._armed_by_connect:
            self._armed_by_connect = False
        else:
            self._arm()
        if self.sock is not None:
            self._watched = self.sock
        super().request(*args, **kwargs)

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        if self.sock is not None:
            self._watched = self.sock
        return super().getresponse(*args, **kwargs)

    def _arm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.deadline_hit = False
        _request.attempt = self
        seconds = getattr(_request, "deadline", None)
        if seconds:
            self._timer = threading.Timer(seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()

    def _expire(self) -> None:
        self.deadline_hit = True
        sock = self._watched
        if sock is not None:
            with contextlib.suppress(OSError):
                # socket.socket's own shutdown, also for an SSLSocket: it ends the blocked read in the
                # other thread without touching the TLS state that thread is using.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _BoundedHTTPConnection(_DeadlineConnection):
    pass


class _BoundedHTTPSConnection(_DeadlineConnection, HTTPSConnection):
    pass


class _BoundedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _BoundedHTTPConnection


class _BoundedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _BoundedHTTPSConnection


def _deadline_hit() -> bool:
    attempt = getattr(_request, "attempt", None)
    return bool(attempt is not None and attempt.deadline_hit)


class BoundedAdapter(HTTPAdapter):
    """requests' adapter with deadline-aware connections and a cap on the size of a reply."""

    def __init__(self, max_retries: Retry, max_reply_bytes: int) -> None:
        self.max_reply_bytes = max_reply_bytes
        super().__init__(max_retries=max_retries)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        _bounded(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        return _bounded(super().proxy_manager_for(proxy, **proxy_kwargs))

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, stream: bool = False, **kwargs: Any
    ) -> requests.Response:
        response = super().send(request, stream=True, **kwargs)
        host = urlsplit(request.url or "").netloc
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.max_reply_bytes:
            response.close()
            raise ReplyTooLarge(
                f"reply from {host} refused: {int(length):,} bytes announced, more than"
                f" http.max_reply_bytes ({self.max_reply_bytes:,})"
            )
        if not stream:
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > self.max_reply_bytes:
                    response.close()
                    raise ReplyTooLarge(
                        f"reply from {host} refused: more than http.max_reply_bytes"
                        f" ({self.max_reply_bytes:,} bytes) once decompressed; stopped reading"
                    )
            # What Response.content would have read itself, had it not been counted on the way.
            response._content = bytes(body)
        return response


def _bounded(manager: PoolManager) -> PoolManager:
    manager.pool_classes_by_scheme = {"http": _BoundedHTTPPool, "https": _BoundedHTTPSPool}
    return manager


class CappedRetry(Retry):
    """urllib3 Retry that refuses to sleep for an unreasonably long ``Retry-After``, and waits on a
    :class:`~crawler.clock.Clock`.

    Waiting an hour inside a cron job helps nobody: the source fails now, keeps its watermark, and is
    retried on the next run.
    """

    max_retry_after: float = 300.0
    clock: Clock = SYSTEM_CLOCK
    #: The session's counters: each retry is counted by its cause (``retry: HTTP 503``), each reply
    #: that was retried by its status (``reply: 503``), so nothing urllib3 does unseen goes untold.
    stats: Counter[str] | None = None

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        # urllib3 itself passes a pool of None on to MaxRetryError (it only keeps it), as we do here.
        pool = cast(ConnectionPool, _pool)
        if _deadline_hit():
            # A server that could not answer within the deadline is not asked again this run.
            raise MaxRetryError(pool, url or "", ResponseError("deadline passed"))
        if _unreachable(error):
            raise MaxRetryError(pool, url or "", error)
        if response is not None and self.respect_retry_after_header:
            retry_after = self.get_retry_after(response)
            if retry_after is not None and retry_after > self.max_retry_after:
                # Exhausting the retries makes urllib3 hand back the 429/503 itself (raise_on_status=False).
                raise MaxRetryError(pool, url or "", ResponseError("Retry-After too long"))
        new = super().increment(method, url, response, error, _pool, _stacktrace)
        if self.stats is not None:
            if response is not None:
                self.stats[f"reply: {response.status}"] += 1
            self.stats[f"retry: {retry_cause(response, error)}"] += 1
        return new

    def wait_before_retry(self, response: BaseHTTPResponse | None = None) -> float:
        """Seconds to wait before the next attempt, as urllib3 decides them: the server's ``Retry-After``
        when it sent one (and Retry-After is honoured), else the exponential back-off."""
        if self.respect_retry_after_header and response:
            retry_after = self.get_retry_after(response)
            if retry_after:
                return retry_after
        return self.get_backoff_time()

    def sleep(self, response: BaseHTTPResponse | None = None) -> None:
        """urllib3's wait between attempts, asked of :attr:`clock` (urllib3 sleeps on ``time`` itself)."""
        wait = self.wait_before_retry(response)
        if wait > 0:
            self.clock.sleep(wait)

    def new(self, **kw: Any) -> Self:
        new = super().new(**kw)
        new.max_retry_after = self.max_retry_after
        new.clock = self.clock
        new.stats = self.stats
        return new


def retry_cause(response: BaseHTTPResponse | None, error: Exception | None) -> str:
    """Why an attempt was retried, in a few words that group well (``HTTP 503``, ``read timed out``)."""
    if response is not None:
        return f"HTTP {response.status}"
    if isinstance(error, ReadTimeoutError):
        return "read timed out"
    if isinstance(error, ConnectTimeoutError):
        return "connect timed out"
    if isinstance(error, ProtocolError):
        return "connection dropped"
    if isinstance(error, NewConnectionError):
        return "cannot connect"
    return type(error).__name__ if error else "unknown"


class RateLimiter:
    """Minimum spacing between requests to the same host, and one request per host at a time, for every
    thread using the session; the spacing is kept on ``clock``."""

    def __init__(self, clock: Clock = SYSTEM_CLOCK) -> None:
        self.clock = clock
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
        """Wait until the next request to ``host`` may start (a request that may start now costs none)."""
        with self._lock:
            now = self.clock.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self._interval.get(host, 0.0)
            self._last[host] = start
        delay = start - now
        if delay > 0:
            self.clock.sleep(delay)


class PoliteSession(requests.Session):
    """A requests Session with a default timeout, a deadline per attempt, per-host rate limits and a
    request counter."""

    def __init__(
        self,
        timeout: float,
        limiter: RateLimiter,
        deadline: float | None = None,
        max_crawl_delay: float | None = None,
    ) -> None:
        super().__init__()
        self.timeout = timeout
        self.limiter = limiter
        self.deadline = deadline
        #: robots.txt delays longer than this are not obeyed by waiting (see RobotsCache).
        self.max_crawl_delay = max_crawl_delay
        self.request_count = 0
        #: Hosts found unreachable this run (no DNS answer, connection refused), by host.
        self.unreachable: dict[str, Unreachable] = {}
        #: Requests, retries by cause and replies by status, since the session was made (the runner
        #: takes the difference around each source).
        self.stats: Counter[str] = Counter()

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, *args, **kwargs)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        host = urlsplit(request.url or "").netloc.lower()
        if host in self.unreachable:
            raise HostUnreachable(str(self.unreachable[host]), request=request)
        with self.limiter.hold(host):
            self.limiter.wait(host)
            self.request_count += 1
            self.stats["requests"] += 1
            _request.deadline, _request.attempt = self.deadline, None
            try:
                response = super().send(request, **kwargs)
            except requests.RequestException as exc:
                if _deadline_hit():
                    raise self._late(host) from exc
                reason = getattr(exc.args[0], "reason", None) if exc.args else None
                if isinstance(exc, requests.exceptions.ConnectionError) and _unreachable(reason):
                    assert reason is not None
                    self.unreachable[host] = Unreachable(
                        host, refused=not isinstance(reason, NameResolutionError)
                    )
                    raise HostUnreachable(str(self.unreachable[host]), request=request) from exc
                raise
            if _deadline_hit():  # a reply without a length, "complete" only because it was cut
                response.close()
                raise self._late(host)
            self.stats[f"reply: {response.status_code}"] += 1
            return response

    def _late(self, host: str) -> DeadlineExceeded:
        return DeadlineExceeded(f"no complete reply from {host} within http.deadline ({self.deadline:g} s)")

    def set_rate(self, url: str, per_second: float) -> None:
        """Limit requests to the host of ``url`` (the strictest limit asked for wins)."""
        self.limiter.set_rate(urlsplit(url).netloc.lower(), per_second)


def make_session(http: Mapping[str, Any], contact_email: str, clock: Clock = SYSTEM_CLOCK) -> PoliteSession:
    """Build the session every source uses, from the ``[http]`` settings; its rate limits and the waits
    before retries are kept on ``clock``."""
    session = PoliteSession(
        timeout=float(http["timeout"]),
        limiter=RateLimiter(clock),
        deadline=float(http["deadline"]),
        max_crawl_delay=float(http["max_crawl_delay"]),
    )
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
    retry.clock = clock
    retry.stats = session.stats
    adapter = BoundedAdapter(max_retries=retry, max_reply_bytes=int(http["max_reply_bytes"]))
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
    if isinstance(exc, DeadlineExceeded | ReplyTooLarge | HostUnreachable):
        return str(exc)
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
    become the host's rate limit on the session, up to the session's ``max_crawl_delay``: a host asking
    for longer (``Crawl-delay: 86400`` would put the run to sleep for a day) is not crawled this run, and
    :meth:`excessive_delay` says so.
    """

    def __init__(self, session: PoliteSession) -> None:
        self.session = session
        self._parsers: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._too_slow: dict[str, float] = {}

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
                parser.parse([])  # no robots.txt: everything allowed (what RobotFileParser.read does)
            else:
                parser.parse(response.text.splitlines())
            parser.modified()
            self._parsers[origin] = parser
            delay = float(parser.crawl_delay(self.agent) or 0)
            rate = parser.request_rate(self.agent)
            if rate and rate.requests and rate.seconds:
                delay = max(delay, rate.seconds / rate.requests)
            cap = self.session.max_crawl_delay
            if cap is not None and delay > cap:
                self._too_slow[origin] = delay
            elif delay:
                self.session.set_rate(origin, 1.0 / delay)
        return self._parsers[origin]

    def excessive_delay(self, url: str) -> float | None:
        """The seconds between requests the host's robots.txt asks for, when more than the session will
        wait (``http.max_crawl_delay``); None when the host may be crawled (or robots.txt is unread)."""
        parts = urlsplit(url)
        return self._too_slow.get(f"{parts.scheme}://{parts.netloc}")

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
