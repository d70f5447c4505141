"""The source registry: every source declares itself here, once.

A source is one module with ``fetch(ctx) -> list[FetchResult]`` (see :mod:`crawler.sources.base`) and one
:class:`SourceSpec` registered below: its name (the ``[sources.NAME]`` table), the module, the label a
reader is shown, its settings and their defaults (which double as their schema, as every default in
:mod:`crawler.settings` does), whether it asks a service for date windows (``backfill``), its rank when
records of one work are merged, and the topics-file key holding its query per topic. Everything that
used to list the sources by hand — settings, the runner, the backfill, the merge rank, status order, the
topics file's keys, the digest's labels — reads this registry instead, so adding a source is its module
plus one :func:`register` call (the spirit of a Scrapy spider declaring its own ``name`` and
``custom_settings``).

The built-in sources are registered through the same :func:`register` a plug-in (or a test's toy
source) calls, as Datasette registers its built-ins through its plug-in hooks: nothing below treats
them specially. This module imports no source module and nothing of the project, so the data model and
the settings can read it cheaply; a source's module is imported only when it is fetched.
"""

from __future__ import annotations

import copy
import importlib
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from osteodigest.crawler.models import FetchResult
    from osteodigest.crawler.sources.base import FetchContext

#: What a source module provides.
Fetch = Callable[["FetchContext"], "Iterable[FetchResult]"]

#: How often the scheduler fetches a source unless its declaration or the config says otherwise.
DEFAULT_SCHEDULE = "0 */6 * * *"


@dataclass(frozen=True)
class ListOfTables:
    """A setting that is a list of tables (``[[sources.rss.feeds]]``): each table's keys with their
    defaults (the schema of one item), and the keys an item must give.

    ``shipped`` names a file of the package's data folder whose ``[[KEY]]`` tables are the list's
    default (the journal feeds): a user's items are added to those by name (or URL), an item naming a
    shipped one changes only the keys it sets (``enabled = false`` turns it off), and the source's
    ``replace_shipped = true`` starts from an empty list instead.
    """

    item: Mapping[str, Any]
    required: tuple[str, ...] = ()
    shipped: str = ""

    def shipped_items(self, key: str) -> list[dict[str, Any]]:
        """The shipped items, each with every key of :attr:`item` (empty without a shipped file)."""
        if not self.shipped:
            return []
        raw = resources.files("osteodigest.crawler.data").joinpath(self.shipped).read_text(encoding="utf-8")
        items = []
        for entry in tomllib.loads(raw).get(key, []):
            unknown = set(entry) - set(self.item)
            if unknown:  # the package's own data: a mistake there is a bug, not a user's error
                raise ValueError(f"{self.shipped}: unknown key {sorted(unknown)[0]!r} in [[{key}]]")
            items.append({**copy.deepcopy(dict(self.item)), **entry})
        return items


@dataclass(frozen=True)
class SourceSpec:
    """Everything the rest of the code needs to know about one source, declared in one place."""

    #: The ``[sources.NAME]`` table, the ``--source NAME`` option and :attr:`Record.source`.
    name: str
    #: Dotted path of the module whose ``fetch(ctx)`` fetches it; imported only when it is fetched.
    module: str
    #: What a reader is shown ("Found in PubMed, Crossref").
    label: str
    #: The source's own settings and their defaults, beyond the common ones (see :meth:`defaults`).
    settings: Mapping[str, Any] = field(default_factory=dict)
    #: Settings that are lists of tables, by key (``feeds`` of ``[[sources.rss.feeds]]``); empty lists
    #: by default.
    lists: Mapping[str, ListOfTables] = field(default_factory=dict)
    #: Allowed values of enumerated settings, by key below the source (``pages.kind``).
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Inclusive bounds of numeric settings, by key: the page size a service documents as its largest,
    #: a rate its operator publishes. A value outside them is refused when the config loads, with one
    #: line naming the key, instead of being clamped silently or crashing (a zero step) mid-fetch.
    #: Every source's ``rate_limit`` (and PubMed's ``rate_limit_with_key``) must also be above 0: 0 would
    #: mean no limit at all.
    bounds: Mapping[str, tuple[float | None, float | None]] = field(default_factory=dict)
    #: Common settings: on in the built-in defaults, the service's address, requests per second, the
    #: scheduler's cron expression.
    enabled: bool = False
    base_url: str = ""
    rate_limit: float = 1.0
    schedule: str = DEFAULT_SCHEDULE
    #: Asks a service for a date range: ``backfill`` can walk its history, and it has ``lookback_days``
    #: (re-ask this many days before the watermark, for late indexing) and ``initial_days`` (how far the
    #: first run reaches).
    windowed: bool = False
    #: Which record the reader sees when several sources describe one work: the highest rank (a journal
    #: version before a preprint comes first whatever the source, see :attr:`Work.primary`).
    rank: int = 0
    #: The topics-file key holding this source's query for each topic (``europepmc_query``), "" for a
    #: source that is not searched per topic (feeds, pages, preprint servers filter with the matcher).
    topic_query: str = ""
    #: Every main topic must give :attr:`topic_query` (PubMed's, the source enabled out of the box).
    query_required: bool = False

    def defaults(self) -> dict[str, Any]:
        """The ``[sources.NAME]`` table with every key at its default: the common keys, the windowed
        ones, the source's own, and its lists (the shipped items, or empty), with ``replace_shipped``
        when a list has shipped items."""
        table: dict[str, Any] = {
            "enabled": self.enabled,
            "base_url": self.base_url,
            "rate_limit": self.rate_limit,
            "schedule": self.schedule,
        }
        if self.windowed:
            table |= {"lookback_days": 7, "initial_days": 30}
        table |= copy.deepcopy(dict(self.settings))
        if any(lst.shipped for lst in self.lists.values()):
            table["replace_shipped"] = False
        table |= {key: lst.shipped_items(key) for key, lst in self.lists.items()}
        return table

    def fetcher(self) -> Fetch:
        """The module's ``stream`` function when it has one (its records reach the store batch by batch),
        else its ``fetch`` (importing the module, and what it needs, now)."""
        module = importlib.import_module(self.module)
        fetch: Fetch = getattr(module, "stream", None) or module.fetch
        return fetch


_SOURCES: dict[str, SourceSpec] = {}


def register(spec: SourceSpec) -> SourceSpec:
    """Add a source; a name already taken is a programming error (two sources would share settings,
    watermarks and stored records)."""
    if spec.name in _SOURCES:
        raise ValueError(f"a source named {spec.name!r} is already registered")
    if not spec.name.isidentifier():
        raise ValueError(f"source name {spec.name!r} must be a plain word (it names a config table)")
    _SOURCES[spec.name] = spec
    return spec


def unregister(name: str) -> None:
    """Remove a source registered earlier (a plug-in unloaded, a test's toy source)."""
    _SOURCES.pop(name, None)


def sources() -> tuple[SourceSpec, ...]:
    """Every registered source, in registration order (the order ``status`` and ``fetch`` use)."""
    return tuple(_SOURCES.values())


def names() -> tuple[str, ...]:
    return tuple(_SOURCES)


def find(name: str) -> SourceSpec | None:
    """The source called ``name``, or None."""
    return _SOURCES.get(name)


def get(name: str) -> SourceSpec:
    """The source called ``name``; a KeyError for a name no one registered (check with :func:`find`)."""
    try:
        return _SOURCES[name]
    except KeyError:
        raise KeyError(f"no source named {name!r} is registered") from None


def rank(name: str) -> int:
    """The merge rank of a source (0 for one no longer registered, whose records a store may still hold)."""
    spec = _SOURCES.get(name)
    return spec.rank if spec else 0


def label(name: str) -> str:
    """What a reader is shown for a source (its name, for one no longer registered)."""
    spec = _SOURCES.get(name)
    return spec.label if spec else name


def topic_query_keys() -> tuple[str, ...]:
    """The topics-file keys the registered sources read their per-topic queries from."""
    return tuple(dict.fromkeys(s.topic_query for s in _SOURCES.values() if s.topic_query))


# ---------------------------------------------------------------------------------------------- built-ins
# One register() call per source; the order is the order of `status` and of a run.

register(
    SourceSpec(
        "pubmed",
        "osteodigest.crawler.sources.pubmed",
        "PubMed",
        enabled=True,
        base_url="https://eutils.ncbi.nlm.nih.gov/entrez/eutils/",
        # Requests per second; NCBI allows 3 without an API key and 10 with one.
        rate_limit=3.0,
        settings={
            "tool": "osteodigest",
            "batch_size": 200,
            "rate_limit_with_key": 10.0,
            # Records stored before NLM indexed them (no MeSH, no publication types yet) asked for again
            # after each run's searches: at most this many per run (one efetch POST; 0: never), stored
            # within the last recheck_window_days days, the longest unchecked first, each once a day.
            "recheck_batch": 200,
            "recheck_window_days": 60,
        },
        # efetch returns at most 10,000 records a request (E-utilities' retmax); NCBI's rate limits apply
        # at its own address only (config_check.OPERATOR_RATES), not to a mirror or a test server.
        bounds={"batch_size": (1, 10_000), "recheck_batch": (0, 10_000)},
        windowed=True,
        rank=6,
        topic_query="pubmed_query",
        query_required=True,
    )
)
register(
    SourceSpec(
        "europepmc",
        "osteodigest.crawler.sources.europepmc",
        "Europe PMC",
        base_url="https://www.ebi.ac.uk/europepmc/webservices/rest/",
        rate_limit=5.0,
        settings={"page_size": 1000},
        bounds={"page_size": (1, 1000)},  # Europe PMC's pageSize: at most 1000
        windowed=True,
        rank=5,
        topic_query="europepmc_query",
    )
)
register(
    SourceSpec(
        "crossref",
        "osteodigest.crawler.sources.crossref",
        "Crossref",
        base_url="https://api.crossref.org/",
        rate_limit=5.0,
        settings={
            "rows": 1000,
            # Work types asked for (Crossref's `type:` filter; several are OR-ed).
            "types": ["journal-article"],
            # Fields asked for (`select`, comma-separated); empty asks for everything, reference lists too.
            "select": (
                "DOI,title,subtitle,abstract,author,container-title,short-container-title,ISSN,volume,issue,"
                "page,article-number,published-print,published-online,issued,created,posted,type,relation,"
                "update-to,updated-by,URL"
            ),
            # Crossref ranks by relevance and matches any word; keep only items the topic's terms match.
            "match_topics": True,
            "max_pages": 5,
        },
        bounds={"rows": (1, 1000), "max_pages": (1, None)},  # Crossref's rows: at most 1000
        windowed=True,
        rank=4,
        topic_query="crossref_query",
    )
)
register(
    SourceSpec(
        "biorxiv",
        "osteodigest.crawler.sources.biorxiv",
        "bioRxiv/medRxiv",
        base_url="https://api.biorxiv.org/",
        rate_limit=2.0,
        # max_pages: a guard against a server that never returns an empty page, not a budget.
        settings={"servers": ["medrxiv", "biorxiv"], "max_pages": 1000},
        bounds={"max_pages": (1, None)},
        windowed=True,
        rank=1,
    )
)
register(
    SourceSpec(
        "rss",
        "osteodigest.crawler.sources.rss",
        "journal feed",
        rate_limit=1.0,
        lists={
            "feeds": ListOfTables(
                {"url": "", "name": "", "match_topics": True, "enabled": True},
                required=("url",),
                shipped="feeds.toml",
            )
        },
        rank=2,
    )
)
register(
    SourceSpec(
        "scrape",
        "osteodigest.crawler.sources.scrape",
        "journal page",
        rate_limit=0.5,
        schedule="0 */12 * * *",
        settings={"max_pages": 50},
        bounds={"max_pages": (1, None)},
        lists={
            "pages": ListOfTables(
                {
                    "url": "",
                    "name": "",
                    "kind": "article",
                    "link_selector": "",
                    "match_topics": True,
                    "enabled": True,
                },
                required=("url",),
            )
        },
        choices={"pages.kind": ("article", "listing")},
        rank=3,
    )
)
register(
    SourceSpec(
        "clinicaltrials",
        "osteodigest.crawler.sources.clinicaltrials",
        "ClinicalTrials.gov",
        base_url="https://clinicaltrials.gov/api/v2/",
        rate_limit=2.0,
        settings={
            "page_size": 100,
            # Study fields asked for (API v2 `fields`, comma-separated); empty asks for whole studies.
            "fields": (
                "NCTId,BriefTitle,OfficialTitle,Acronym,OverallStatus,Phase,StudyType,EnrollmentCount,"
                "EnrollmentType,Condition,Keyword,InterventionName,InterventionType,LeadSponsorName,"
                "BriefSummary,StartDate,PrimaryCompletionDate,CompletionDate,StudyFirstPostDate,"
                "LastUpdatePostDate,HasResults"
            ),
        },
        bounds={"page_size": (1, 1000)},  # API v2's pageSize: at most 1000
        windowed=True,
        topic_query="clinicaltrials_condition",
    )
)
