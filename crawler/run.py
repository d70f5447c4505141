"""The fetch job: every enabled source, failures isolated, watermarks advanced only with their data.

Order of the per-record steps is one list (:data:`RECORD_STEPS`), in the spirit of Scrapy's item
pipelines; storing (with deduplication) and tagging follow in that order for every source.
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from osteodigest.crawler import tagging
from osteodigest.crawler.errors import OsteoDigestError
from osteodigest.crawler.http import PoliteSession, make_session
from osteodigest.crawler.models import FetchResult, Record
from osteodigest.crawler.normalize import normalize_record
from osteodigest.crawler.settings import SOURCE_NAMES, Settings
from osteodigest.crawler.sources import fetcher
from osteodigest.crawler.sources.base import FetchContext, Window
from osteodigest.crawler.store import Store, utcnow
from osteodigest.crawler.topics import Topic, TopicMatcher, load_topics, main_topics

log = logging.getLogger("osteodigest.run")

#: Raw replies kept for a failed parse are capped so a hostile or runaway reply cannot fill the disk.
RAW_FAILED_CAP = 5 * 1024 * 1024

#: Steps every fetched record passes through, in order, before it is stored.
RECORD_STEPS: list[Callable[[Record], Record]] = [normalize_record]


@dataclass
class SourceReport:
    source: str
    ok: bool = True
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    records: int = 0
    new_works: int = 0
    requests: int = 0


@dataclass
class RunReport:
    sources: list[SourceReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.sources)

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if not s.ok]

    @property
    def nothing_fetched(self) -> bool:
        """Every source failed and stored nothing: such a run cannot tell readers "nothing new"."""
        return bool(self.sources) and all(not s.ok and s.records == 0 for s in self.sources)


def load_topics_for(settings: Settings) -> list[Topic]:
    """The main topics of this configuration: searched by the sources, listed in editions, subscribable.

    Sub-topics (a topic with a ``parent``) are left out: they have no searches of their own and are decided
    by the relevance stage (``osteodigest tag`` shows them) from the records their parent's searches bring.
    """
    topics_file = settings.data["general"]["topics_file"]
    return main_topics(load_topics(settings.resolve(topics_file) if topics_file else None))


def run_fetch(
    settings: Settings, store: Store, only: Iterable[str] | None = None, today: date | None = None
) -> RunReport:
    """Fetch every enabled source (or those in ``only``), store and tag what arrived."""
    runner = SourceRunner.open(settings, store)
    names = list(only) if only else settings.enabled_sources
    report = RunReport()
    try:
        for name in names:
            report.sources.append(_run_source(name, runner, today or datetime.now(UTC).date()))
    finally:
        runner.close()
    return report


@dataclass
class SourceRunner:
    """What every source of one run shares (one polite session, the topics), so the live fetch and the
    backfill call a source, and survive its failure, in exactly the same way."""

    settings: Settings
    store: Store
    session: PoliteSession
    topics: list[Topic]
    matcher: TopicMatcher
    #: Where a source's unexpected failure is logged (the backfill logs under its own name).
    logger: logging.Logger = log

    @classmethod
    def open(cls, settings: Settings, store: Store, logger: logging.Logger = log) -> SourceRunner:
        topics = load_topics_for(settings)
        matcher = TopicMatcher(topics)
        session = make_session(settings.data["http"], settings.contact_email)
        return cls(settings, store, session, topics, matcher, logger)

    def close(self) -> None:
        self.session.close()

    def fetch(
        self, name: str, fetch: Callable[..., list], today: date, window: Window | None = None
    ) -> list[FetchResult]:
        """Call one source's ``fetch`` (for ``window`` instead of its watermarks when given).

        Never raises for the source: a failure becomes a result carrying the error (and the raw reply
        when the source kept one), so one broken source or window does not stop the others.
        """
        ctx = FetchContext(
            name=name,
            session=self.session,
            config=self.settings.source(name),
            topics=self.topics,
            matcher=self.matcher,
            today=today,
            get_state=lambda key: self.store.get_state(name, key),
            is_known=self.store.has_identifier,
            contact_email=self.settings.contact_email,
            window_override=window,
        )
        try:
            return fetch(ctx)
        except OsteoDigestError as exc:
            return [FetchResult(source=name, topic="*", error=str(exc), raw_failed=getattr(exc, "raw", None))]
        except Exception as exc:  # a bug in one source must not stop the others
            self.logger.exception("%s: unexpected failure", name)
            return [FetchResult(source=name, topic="*", error=f"unexpected {type(exc).__name__}: {exc}")]


def _run_source(name: str, runner: SourceRunner, today: date) -> SourceReport:
    """Fetch one source, then store, tag and report each of its results; never raises for the source."""
    source_report = SourceReport(source=name)
    fetch = fetcher(name) if name in SOURCE_NAMES else None
    if fetch is None:
        source_report.ok = False
        source_report.errors.append(f"unknown source (known: {', '.join(SOURCE_NAMES)})")
        return source_report
    store = runner.store
    started = utcnow()
    results = runner.fetch(name, fetch, today)
    for result in results:
        result.records = [prepare_record(r) for r in result.records]
        try:
            summary = store.save_fetch(result, started_at=started)
        except OsteoDigestError as exc:
            source_report.ok = False
            source_report.errors.append(str(exc))
            continue
        tag_works(store, summary.changed_work_ids)
        source_report.records += summary.records
        source_report.new_works += summary.new_works
        source_report.requests += result.requests
        source_report.warnings.extend(result.warnings)
        if result.error:
            source_report.ok = False
            source_report.errors.append(result.error)
            if result.raw_failed:
                kept = keep_raw_reply(runner.settings.data_dir, name, result.raw_failed, result.error)
                source_report.errors[-1] += f" (raw reply kept in {kept})"
    return source_report


def prepare_record(record: Record) -> Record:
    """Pass a fetched record through :data:`RECORD_STEPS`, in order, before it is stored."""
    for step in RECORD_STEPS:
        record = step(record)
    return record


def tag_works(store: Store, work_ids: set[int]) -> None:
    """(Re-)tag the works whose records changed, from all their records."""
    if not work_ids:
        return
    works = store.get_works(sorted(work_ids))
    store.set_tags({work.id: tagging.tag_records(work.records) for work in works})


def retag_all(store: Store) -> int:
    """Re-tag every stored work (after a tagger upgrade); returns how many were tagged."""
    ids = store.work_ids()
    for start in range(0, len(ids), 500):
        tag_works(store, set(ids[start : start + 500]))
    return len(ids)


def keep_raw_reply(data_dir: Path, source: str, raw: bytes, error: str) -> Path:
    """Save a reply that failed to parse (gzip, capped) with its error, for a parser fix to replay."""
    folder = data_dir / "failed"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = re.sub(r"[^0-9]", "", utcnow())[:20]
    path = folder / f"{source}-{stamp}.raw.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(raw[:RAW_FAILED_CAP])
    path.with_suffix(".error.txt").write_text(
        f"{error}\noriginal size: {len(raw)} bytes{' (truncated)' if len(raw) > RAW_FAILED_CAP else ''}\n",
        encoding="utf-8",
    )
    return path
