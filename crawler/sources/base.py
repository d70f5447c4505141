"""What every source receives and returns.

A source is a module with ``fetch(ctx: FetchContext) -> list[FetchResult]``: one result per watermark key
(a topic for query-based services, a feed or page URL for feeds and scraped pages). A source that can hand
records on while it still fetches also has ``stream(ctx)``, yielding partial results (a batch of one key's
records) before each key's last result; the runner uses it, so records reach the store as they arrive,
and ``fetch`` is then :func:`collect` over it. The context carries
the polite session, the source's settings, the topics, the relevance stage, the stored state per key and
a way to ask whether an identifier is already stored — enough for a source to be economical without
touching the store.

What a record is about is decided once, on the stored work, by the relevance stage the runner applies to
every record of every source. A source whose service hands it much that is off topic (a journal's whole
feed, a preprint server's day, a relevance-ranked search) may drop items before they are stored, and then
asks the same stage: :meth:`RelevanceStage.candidates` names the topics whose terms occur in a record at
all; a record with none is clearly off topic.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Protocol

from osteodigest.crawler.errors import SourceError
from osteodigest.crawler.http import PoliteSession
from osteodigest.crawler.models import FetchResult, Record, SetAside
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.sources.guard import describe_error
from osteodigest.crawler.topics import Topic

log = logging.getLogger("osteodigest.sources")


@dataclass(frozen=True)
class Window:
    """An inclusive date window [start, end] of entry/creation dates to ask a service for."""

    start: date
    end: date

    def split(self) -> tuple[Window, Window]:
        middle = self.start + timedelta(days=(self.end - self.start).days // 2)
        return Window(self.start, middle), Window(middle + timedelta(days=1), self.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class FetchContext:
    name: str
    session: PoliteSession
    config: dict[str, Any]
    #: The main topics (the ones a service is asked about).
    topics: list[Topic]
    #: The run's relevance stage; a source dropping off-topic items asks its ``candidates``.
    relevance: RelevanceStage
    today: date
    get_state: Callable[[str], dict[str, Any]]
    #: ``is_known("pmid", "123")`` — whether the store already holds a record with that identifier.
    is_known: Callable[[str, str], bool] = lambda id_type, value: False
    #: ``awaiting_indexing(stored_since, checked_before, limit)`` — ids of this source's stored records
    #: NLM had not indexed yet, stored since the first ISO date and last checked before the second, at
    #: most ``limit``, the longest unchecked first (see :data:`crawler.models.AWAITING_INDEXING`).
    awaiting_indexing: Callable[[str, str, int], list[str]] = lambda stored_since, checked_before, limit: []
    contact_email: str = "osteodigest@example.org"
    warnings: list[str] = field(default_factory=list)
    #: An explicit window for every key (a backfill); the stored watermarks are then neither read nor
    #: meant to be moved (the backfill stores records without the state a source returns).
    window_override: Window | None = None
    #: The topics-file key holding this source's query per topic (its registry entry's ``topic_query``;
    #: "" for a source that is not searched per topic), so a source never looks itself up.
    query_key: str = ""

    @property
    def base_url(self) -> str:
        return self.config["base_url"]

    @property
    def base_root(self) -> str:
        """The base URL ending in "/": ``urljoin`` then appends an endpoint instead of replacing the last
        path segment of a base such as ``…/europepmc/webservices/rest``."""
        base = self.base_url
        return base if base.endswith("/") else base + "/"

    def query(self, topic: Topic) -> str:
        """This source's query for ``topic``, on one line ("" when the topic has none for it)."""
        return topic.query(self.query_key)

    def window(self, key: str) -> Window:
        """From the stored watermark minus the lookback (late-indexed records), to today.

        The first run reaches ``initial_days`` back. The watermark stored afterwards is ``today``.
        A backfill sets :attr:`window_override` instead.
        """
        if self.window_override is not None:
            return self.window_override
        state = self.get_state(key)
        lookback = timedelta(days=int(self.config.get("lookback_days", 7)))
        if state.get("until"):
            start = date.fromisoformat(state["until"]) - lookback
        else:
            start = self.today - timedelta(days=int(self.config.get("initial_days", 30)))
        return Window(min(start, self.today), self.today)


def collect(results: Iterable[FetchResult]) -> list[FetchResult]:
    """One result per key from a stream: each key's partial batches folded into its last result, in the
    order the last results came (a key whose last result never came keeps its batches, as a result)."""
    pending: dict[str, FetchResult] = {}
    done: list[FetchResult] = []
    for result in results:
        if result.partial:
            held = pending.setdefault(result.topic, FetchResult(result.source, result.topic))
            held.records.extend(result.records)
            held.set_aside.extend(result.set_aside)
            held.warnings.extend(result.warnings)
            continue
        earlier = pending.pop(result.topic, None)
        if earlier is not None:
            result.records[:0] = earlier.records
            result.set_aside[:0] = earlier.set_aside
            result.warnings[:0] = earlier.warnings
        done.append(result)
    return done + list(pending.values())


class _Page(Protocol):
    records: list[Record]
    warnings: list[str]
    set_aside: list[SetAside]


class PagedClient(Protocol):
    """A service client that pages through one query's answers over a window, counting its requests."""

    requests: int

    def pages(self, query: str, window: Window) -> Iterable[_Page]: ...


def fail_unexpectedly(result: FetchResult, label: str, exc: BaseException, raw: bytes | None = None) -> None:
    """Record an unexpected exception met while fetching one key (a feed, a page, a topic) as that key's
    failure, a crash, so the source's other keys still go on; ``raw`` is kept for a fix to replay."""
    result.error = f"{label}: unexpected failure: {describe_error(exc)}"
    result.crashed = True
    result.raw_failed = raw
    log.debug("%s: %s", result.source, result.error, exc_info=exc)


def stream_topic_queries(
    ctx: FetchContext,
    client: PagedClient,
    what: str,
    pages: Callable[[Topic, Window], Iterable[_Page]] | None = None,
) -> Iterator[FetchResult]:
    """Every page of each topic's query for this source (:meth:`FetchContext.query`) over its window:
    each page's records as a partial result as it arrives, then the topic's last result.

    Services asked once per topic (Europe PMC, Crossref, ClinicalTrials.gov) share these rules, so they
    live once: a topic without a query for the service is a warning and its watermark still moves
    (nothing was missed); a failed page keeps the records already read but leaves the watermark where it
    was, so the next run asks again. ``what`` names the request in an error ("search for topic …").
    ``pages`` replaces ``client.pages`` for a service that decides per topic what to keep and when to
    stop (Crossref's relevance-ordered results).
    """
    today = ctx.today.isoformat()
    for topic in ctx.topics:
        result = FetchResult(source=ctx.name, topic=topic.name)
        query = ctx.query(topic)
        if not query:
            result.warnings.append(f"topic {topic.name} has no {ctx.query_key}; nothing asked")
            result.state = {"until": today}
            yield result
            continue
        before = client.requests
        try:
            window = ctx.window(topic.name)
            for page in pages(topic, window) if pages else client.pages(query, window):
                result.warnings.extend(page.warnings)
                yield FetchResult(
                    source=ctx.name,
                    topic=topic.name,
                    records=[replace(r, topics=(topic.name,)) for r in page.records],
                    set_aside=list(page.set_aside),
                    partial=True,
                )
        except SourceError as exc:
            result.error = f"{what} for topic {topic.name}: {exc}"
            result.raw_failed = exc.raw
        except Exception as exc:  # one topic's surprise must not cost the others
            fail_unexpectedly(result, f"{what} for topic {topic.name}", exc)
        else:
            result.state = {"until": today}
        result.requests = client.requests - before
        yield result
