"""A replaying JSON API on pytest-httpserver: real recorded replies chosen per request, faults on demand.

The four JSON services (Europe PMC, Crossref, bioRxiv, ClinicalTrials.gov) differ only in how a request
picks its reply (a cursor, a page token, a path offset), so one small replayer serves them all: a test
gives a function from the request to a reply body (bytes copied from ``../shared/fixtures``, or derived
from them inside the test), and may queue faults — an error status with headers (429 + Retry-After,
503), an HTML page, malformed or truncated bytes — that are served instead of the next replies.
Every request is logged with its path and query parameters so tests can assert the documented ones.
"""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from osteodigest.crawler.clock import Clock
from osteodigest.crawler.sources.base import FetchContext
from osteodigest.crawler.topics import Topic
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.emulators.faults import Fault as BaseFault
from tests.fetching import fetch_context

Reply = bytes | tuple[bytes, dict[str, str]]


@dataclass
class Fault(BaseFault):
    #: Serve this body with status 200 instead of the healthy reply (an HTML page, malformed JSON).
    replace_with: bytes | None = None


@dataclass
class Call:
    path: str
    args: dict[str, str]


class JsonReplay:
    """Serve ``reply(request)`` on every path matching ``path_pattern`` below ``prefix``."""

    def __init__(
        self,
        server: HTTPServer,
        prefix: str,
        reply: Callable[[Request], Reply],
        path_pattern: str = ".*",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.reply = reply
        self.headers = {"Content-Type": "application/json;charset=UTF-8", **(headers or {})}
        #: Faults served instead of the next replies, in order.
        self.faults: deque[Fault] = deque()
        #: Faults served instead of the reply to the Nth request (1-based), whatever came before.
        self.faults_at: dict[int, Fault] = {}
        self.calls: list[Call] = []
        #: Why a reply could not be built (a shared fixture absent), if that happened in the server thread.
        self.skipped: str | None = None
        self._lock = threading.Lock()
        server.expect_request(re.compile("^" + re.escape(prefix) + path_pattern + "$")).respond_with_handler(
            self._handle
        )
        self.base_url = server.url_for(prefix)

    def _handle(self, request: Request) -> Response:
        with self._lock:
            self.calls.append(Call(request.path, request.args.to_dict()))
            fault = self.faults_at.pop(len(self.calls), None)
            if fault is None and self.faults:
                fault = self.faults.popleft()
        if fault and fault.truncate_to is None and fault.replace_with is None:
            return fault.error_reply()
        if fault and fault.replace_with is not None:
            content_type = (
                "text/html" if fault.replace_with.lstrip()[:1] == b"<" else self.headers["Content-Type"]
            )
            return Response(fault.replace_with, status=200, content_type=content_type)
        try:
            reply = self.reply(request)
        except pytest.skip.Exception as skip:
            # A reply that reads an absent fixture here, in the server's thread, must not take the
            # session-wide server down with it (pytest's Skipped is a BaseException, which the server
            # loop does not catch): answer 500 naming the cause. Reply functions load their fixtures
            # before the test makes requests, so the test itself skips; this only limits the damage.
            self.skipped = str(skip)
            return Response(f"fixture absent: {skip}".encode(), status=500, content_type="text/plain")
        body, extra = reply if isinstance(reply, tuple) else (reply, {})
        if fault:
            body = fault.cut(body)
        return Response(body, status=200, headers={**self.headers, **extra})


RATE_HEADERS = ("x-rate-limit-limit", "x-rate-limit-interval")


def recorded_headers(meta_file: Path, keep: tuple[str, ...] = RATE_HEADERS) -> dict[str, str]:
    """Response headers from a fixture's ``.meta.json`` sidecar (the recorded reply's own)."""
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    headers = meta.get("response_headers", {})
    return {name: values[0] for name, values in headers.items() if name in keep and values}


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def source_context(
    name: str,
    base_url: str,
    topics: list[Topic] | None = None,
    state: dict[str, dict[str, Any]] | None = None,
    clock: Clock | None = None,
    **config: Any,
) -> FetchContext:
    """A FetchContext for source ``name`` pointed at ``base_url``, as the runner would build it (its waits
    on ``clock``, a fake one unless given: see :func:`tests.fetching.fetch_context`)."""
    return fetch_context(
        name, {"base_url": base_url, "rate_limit": 1000.0, **config}, topics=topics, state=state, clock=clock
    )
