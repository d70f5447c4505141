"""One module per source. Fetching opens sockets; parsing takes bytes and never does.

Each module named in :data:`SOURCE_MODULES` provides ``fetch(ctx: FetchContext) -> list[FetchResult]``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

#: Source name (as in ``[sources.NAME]``) -> module implementing it.
SOURCE_MODULES: dict[str, str] = {
    "pubmed": "osteodigest.crawler.sources.pubmed",
    "europepmc": "osteodigest.crawler.sources.europepmc",
    "crossref": "osteodigest.crawler.sources.crossref",
    "biorxiv": "osteodigest.crawler.sources.biorxiv",
    "clinicaltrials": "osteodigest.crawler.sources.clinicaltrials",
    "rss": "osteodigest.crawler.sources.rss",
    "scrape": "osteodigest.crawler.sources.scrape",
}


def source_module(name: str) -> ModuleType | None:
    """The module implementing ``name``, or None when that source is not available yet."""
    path = SOURCE_MODULES.get(name)
    return importlib.import_module(path) if path else None


def fetcher(name: str) -> Callable[..., list] | None:
    module = source_module(name)
    return getattr(module, "fetch", None) if module else None
