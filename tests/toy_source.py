"""A toy source, to show what adding a source takes: this module and one ``register`` call.

It asks a JSON service (``GET {base_url}items.json?per_page=N``) for a list of ``{"id", "title",
"abstract", "doi"}`` objects and keeps those the relevance stage names a candidate topic for, as the
feed and page sources do (what a stored work is about is decided once, on the work, by the runner).
``per_page`` is the source's own setting, declared with its default in its :class:`SourceSpec` (see
tests/test_registry.py), so the settings validate it like any other key.
"""

from __future__ import annotations

from dataclasses import replace

from osteodigest.crawler.http import request_checked
from osteodigest.crawler.models import FetchResult, Record
from osteodigest.crawler.sources.base import FetchContext


def fetch(ctx: FetchContext) -> list[FetchResult]:
    result = FetchResult(source=ctx.name, topic="items")
    ctx.session.set_rate(ctx.base_url, float(ctx.config["rate_limit"]))
    before = ctx.session.request_count
    reply = request_checked(
        ctx.session, "GET", ctx.base_root + "items.json", params={"per_page": ctx.config["per_page"]}
    )
    for item in reply.json():
        record = Record(
            source=ctx.name,
            source_id=str(item["id"]),
            title=item["title"],
            abstract=item["abstract"],
            doi=item.get("doi"),
        )
        if topics := ctx.relevance.candidates(record):
            result.records.append(replace(record, topics=topics))
    result.requests = ctx.session.request_count - before
    result.state = {"until": ctx.today.isoformat()}
    return [result]
