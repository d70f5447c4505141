"""Fetch history in date windows, resumably, without touching the live watermarks.

A new installation (or a new topic) wants the last year or two, not only the last 30 days. Asking a
service for two years at once is fragile — one failure loses all of it — so the span is cut into windows
(7 days by default) fetched oldest first. Each window's records are stored as they arrive; once every key
(topic) of a window succeeded, the window is recorded in ``backfill_windows``. An interrupted backfill,
started again, skips the windows already covered and refetches at most the one it was in: storing is an
idempotent upsert and the PubMed client skips PMIDs already stored, so a repeated window costs only its
searches and duplicates nothing.

The source's own state (its watermark) is never written here: the live ``fetch`` keeps its place.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from osteodigest.crawler import registry
from osteodigest.crawler.clock import SYSTEM_CLOCK, Clock
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.registry import Fetch
from osteodigest.crawler.run import SourceRunner
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.sources.base import Window
from osteodigest.crawler.store import RunOutcome, Store
from tqdm import tqdm

log = logging.getLogger("osteodigest.backfill")


@dataclass
class SourceBackfill:
    source: str
    windows: int = 0
    already_done: int = 0
    fetched: int = 0
    records: int = 0
    new_works: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class BackfillReport:
    sources: list[SourceBackfill] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.sources)


def plan_windows(since: date, until: date, days: int) -> list[Window]:
    """Consecutive windows of ``days`` days from ``since`` to ``until`` (inclusive), oldest first."""
    if days < 1:
        raise ConfigError("backfill windows must be at least one day long")
    windows, start = [], since
    while start <= until:
        end = min(start + timedelta(days=days - 1), until)
        windows.append(Window(start, end))
        start = end + timedelta(days=1)
    return windows


def covered_days(store: Store, source: str) -> set[date]:
    """Days inside windows already completed, so a different window size still resumes correctly."""
    days: set[date] = set()
    for start, end in store.ops.completed_windows(source):
        day, last = date.fromisoformat(start), date.fromisoformat(end)
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return days


def backfill_sources(settings: Settings, only: Iterable[str] | None) -> list[str]:
    """The sources named (or every enabled one that asks a service for a date range: the registry's
    windowed sources; feeds and scraped pages have no history to ask for)."""
    names = list(only) if only else [n for n in settings.enabled_sources if _windowed(n)]
    for name in names:
        if registry.find(name) is None or name not in settings.data["sources"]:
            raise ConfigError(f"unknown source '{name}'")
        if not _windowed(name):
            raise ConfigError(f"source '{name}' has no date windows to backfill (feeds and pages do not)")
    return names


def _windowed(name: str) -> bool:
    spec = registry.find(name)
    return spec is not None and spec.windowed


def backfill(
    settings: Settings,
    store: Store,
    since: date,
    until: date | None = None,
    sources: Iterable[str] | None = None,
    window_days: int = 7,
    progress: bool | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> BackfillReport:
    """Fetch [since, until] window by window for each source; resumable, watermarks untouched.

    ``progress`` shows a tqdm bar on stderr (windows, records, records/s); None means "when stderr is a
    terminal", so cron logs stay clean. A source stops at its first failed window (the cause is
    reported, the raw reply kept) so a dead service is not hammered once per window; run the same
    command again to resume from that window.
    """
    today = datetime.now(UTC).date()
    until = min(until or today, today)
    if since > until:
        raise ConfigError(f"--since {since} is after --until {until}")
    names = backfill_sources(settings, sources)
    plans = {name: plan_windows(since, until, window_days) for name in names}
    done = {name: covered_days(store, name) for name in names}
    todo = {name: [w for w in windows if not _covered(w, done[name])] for name, windows in plans.items()}
    total = sum(len(w) for w in plans.values())
    report = BackfillReport()
    runner = SourceRunner.open(settings, store, log, clock)
    bar = tqdm(
        total=total,
        initial=total - sum(len(w) for w in todo.values()),
        unit="window",
        file=sys.stderr,
        disable=not sys.stderr.isatty() if progress is None else not progress,
        dynamic_ncols=True,
    )
    started = clock.monotonic()
    records = 0
    try:
        with runner.recorded("backfill", names, lambda: RunOutcome.OK if report.ok else RunOutcome.PARTIAL):
            for name in names:
                source_report = SourceBackfill(
                    source=name, windows=len(plans[name]), already_done=len(plans[name]) - len(todo[name])
                )
                report.sources.append(source_report)
                fetch = registry.get(name).fetcher()  # backfill_sources checked the name
                for window in todo[name]:
                    bar.set_description(f"{name} {window.start}…{window.end}")
                    error = _fetch_window(runner, name, fetch, today, window, source_report)
                    records = sum(s.records for s in report.sources)
                    elapsed = max(clock.monotonic() - started, 1e-9)
                    bar.set_postfix(records=records, rate=f"{records / elapsed:.1f} rec/s", refresh=False)
                    bar.update(1)
                    if error:
                        source_report.errors.append(
                            f"window {window.start}…{window.end}: {error}; "
                            "run the same backfill again to resume"
                        )
                        break
    finally:
        bar.close()
        runner.close()
    return report


def _covered(window: Window, days: set[date]) -> bool:
    return all(window.start + timedelta(days=i) in days for i in range(window.days))


def _fetch_window(
    runner: SourceRunner,
    name: str,
    fetch: Fetch,
    today: date,
    window: Window,
    report: SourceBackfill,
) -> str | None:
    """Fetch, store and tag one window; mark it done only when every key succeeded.

    Records are stored without the state the source returns, so the live watermarks stay put. They are
    stored (and tagged) as each batch arrives, while the source fetches the next on its own thread, so a
    window of any size holds only a few replies in memory.
    """
    store = runner.store
    errors: list[str] = []
    raw: bytes | None = None
    records = 0
    for result in runner.results(name, fetch, today, window=window):
        runner.prepare(result)
        # Set-aside records are reported (and make the exit status 1) but do not fail the window: they
        # are kept under data/failed/, and fetching the window again would only set them aside again.
        report.errors.extend(runner.keep_set_aside(result))
        # Records that arrived are real even when another key failed: keep them (idempotently), with
        # the tags of the works they changed, in one transaction.
        with store.transaction():
            summary = store.works.save(result.records)
            tag_failure = runner.tag(name, summary.changed_work_ids)
        records += summary.records
        report.records += summary.records
        report.new_works += summary.new_works
        if result.error:
            errors.append(result.error)
            raw = raw or result.raw_failed
        if tag_failure:
            errors.append(tag_failure[0])
    report.fetched += 1
    if errors:
        message = "; ".join(dict.fromkeys(errors))
        if raw:
            message += f" ({runner.keep_reply(name, raw, message)})"
        return message
    store.ops.complete_window(name, window.start.isoformat(), window.end.isoformat(), records)
    return None
