"""A source's FetchContext as the runner builds it, for tests that call a source's ``fetch`` directly.

Every source test needs one: the source's settings (defaults plus the test's overrides), a session that
retries quickly, the default topics, a fixed "today", and each key's stored state — from a dict, or from
a real store when a test fetches twice to see conditional GETs and watermarks at work. Building it in
one place keeps every source test looking at its source the way the runner does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

from osteodigest.crawler import registry
from osteodigest.crawler.clock import Clock
from osteodigest.crawler.http import make_session
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.settings import DEFAULTS, settings_from_dict
from osteodigest.crawler.sources.base import FetchContext
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import Topic, load_topics, main_topics

from tests.clocks import FakeClock

TODAY = date(2026, 11, 21)
CONTACT = "tests@example.org"


def fast_http(backoff: float = 0.05) -> dict[str, Any]:
    """The production HTTP policy with a short back-off and time-out, so fault tests do not wait."""
    return {**DEFAULTS["http"], "backoff_factor": backoff, "timeout": 5.0}


def fetch_context(
    name: str,
    config: dict[str, Any],
    *,
    topics: list[Topic] | None = None,
    state: dict[str, dict[str, Any]] | None = None,
    store: Store | None = None,
    is_known: Callable[[str, str], bool] = lambda id_type, value: False,
    backoff: float = 0.05,
    clock: Clock | None = None,
) -> FetchContext:
    """The context of source ``name`` with ``config`` over its defaults; state from ``store`` when given.

    Its session waits on ``clock``, a :class:`~tests.clocks.FakeClock` unless given: rate limits,
    back-off and Retry-After are asked for (a test may look at ``ctx.session.limiter.clock.sleeps``) but
    cost no real time.
    """
    settings = settings_from_dict({"sources": {name: config}})
    # As SourceRunner gives them: the main topics to search, and a stage over every topic.
    decided = load_topics() if topics is None else topics
    topics = main_topics(decided) if topics is None else topics
    get_state = (
        (lambda key: store.ops.get_state(name, key))
        if store is not None
        else (lambda key: (state or {}).get(key, {}))
    )
    return FetchContext(
        name=name,
        session=make_session(fast_http(backoff), CONTACT, clock or FakeClock()),
        config=settings.source(name),
        topics=topics,
        relevance=_stage(tuple(decided)),
        today=TODAY,
        get_state=get_state,
        is_known=is_known,
        contact_email=CONTACT,
        query_key=registry.get(name).topic_query,
    )


@functools.cache
def _stage(topics: tuple[Topic, ...]) -> RelevanceStage:
    """The relevance stage over the shipped topics (sub-topics too, as the runner builds it), or over a
    test's own topics; compiled once per set of topics."""
    return RelevanceStage(topics)


def fetch_and_save(ctx: FetchContext, store: Store) -> list:
    """One fetch, saved the way the runner saves it (state only with a successful result)."""
    results = registry.get(ctx.name).fetcher()(ctx)
    for result in results:
        store.save_fetch(result)
    return results
