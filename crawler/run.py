"""The fetch job: every enabled source, failures isolated, watermarks advanced only with their data.

Order of the per-record steps is one list (:data:`RECORD_STEPS`), in the spirit of Scrapy's item
pipelines; storing (with deduplication) and assessing follow in that order for every source. Assessing a
changed work is one step over all its records: the tagger's tags and the relevance stage's decisions
(which topics it is about, with the worded reason), stored together with the work. A source that drops
clearly off-topic items before storing them (feeds, pages, preprint servers, Crossref's ranked results)
asks the same stage, handed to it in its context (:meth:`RelevanceStage.candidates`). The steps of every
result a source hands on are one list (:data:`STAGES`: prepare, then store with deduplication and assess
in one transaction, so that no work is ever stored untagged or with tags of records it no longer has),
each a function, so a new step is one more entry. A source is fetched on a thread of its own
(:mod:`crawler.pipeline`) while this one runs the stages over its previous reply, so the CPU work fits
into the waits the rate limit asks for; only this thread writes to the store.

Containment, from the inside out, so that nothing one source or one record does can stop the others or
the edition: a record that cannot be read, checked, normalized or stored is *set aside* (its raw form kept
under ``data/failed/``, one stderr line naming it, counted in ``status``) and the rest of its reply is
stored; an unexpected exception in a source's fetch, save or tag step fails that source alone, recorded
as a crash (``status`` flags it and the monitor alerts) with its traceback kept beside the set-aside
records; and every run is recorded when it starts and when it ends, so a run that was killed shows too.
"""

from __future__ import annotations

import contextlib
import logging
import resource
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial

from osteodigest.crawler import registry, stats
from osteodigest.crawler.assessing import Assessment, AssessWorker, assess, waited
from osteodigest.crawler.clock import SYSTEM_CLOCK, Clock
from osteodigest.crawler.errors import OsteoDigestError
from osteodigest.crawler.exits import EXIT_OK, EXIT_PARTIAL
from osteodigest.crawler.failed import keep_crash, keep_raw_reply, keep_record
from osteodigest.crawler.http import PoliteSession, Unreachable, describe_unreachable, make_session
from osteodigest.crawler.models import FetchResult, Record, SetAside, Work
from osteodigest.crawler.normalize import normalize_record
from osteodigest.crawler.pipeline import pipelined
from osteodigest.crawler.registry import Fetch
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.sources.base import FetchContext, Window
from osteodigest.crawler.sources.guard import check_record, contain, describe_error, record_raw
from osteodigest.crawler.store import Assess, RunOutcome, SaveSummary, Store, utcnow
from osteodigest.crawler.topics import Topic, load_topics, main_topics

log = logging.getLogger("osteodigest.run")

#: Steps every fetched record passes through, in order, before it is stored. The check comes first, so
#: a field of the wrong type is reported as such rather than as whatever a later step trips over.
RECORD_STEPS: list[Callable[[Record], Record]] = [check_record, normalize_record]

#: Set-aside records named on stderr, one a line, per source and run; the rest are counted in one more.
MAX_SET_ASIDE_LINES = 10
#: Works read, assessed and written back at a time when catching up (untagged or unassessed works).
ASSESS_BATCH = 500
#: A reply of at least this many records is assessed ahead by the worker process (:mod:`crawler.assessing`);
#: a smaller one here, as starting a worker (a fresh interpreter importing the tagger) costs about a second.
WORKER_MIN_RECORDS = 100


@dataclass
class SourceReport:
    source: str
    ok: bool = True
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    records: int = 0
    new_works: int = 0
    requests: int = 0
    #: One line per record set aside (at most MAX_SET_ASIDE_LINES), and how many there were in all.
    set_aside: list[str] = field(default_factory=list)
    set_aside_count: int = 0
    #: What the source did, by name (see :mod:`crawler.stats`): shown by ``-v``, stored for ``status``.
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def problems(self) -> list[str]:
        """What stderr must say about this source: its errors, then the records it set aside."""
        lines = self.errors + self.set_aside
        if self.set_aside_count > len(self.set_aside):
            lines.append(f"{self.set_aside_count - len(self.set_aside)} more records set aside")
        return lines


@dataclass
class RunReport:
    sources: list[SourceReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No source failed and no record was set aside (either is a partial failure, exit status 1)."""
        return all(s.ok and not s.set_aside_count for s in self.sources)

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if not s.ok]

    @property
    def nothing_fetched(self) -> bool:
        """Every source failed and stored nothing: such a run cannot tell readers "nothing new"."""
        return bool(self.sources) and all(not s.ok and s.records == 0 for s in self.sources)

    @property
    def exit_status(self) -> int:
        """0 all well, 1 a source failed or a record was set aside (the rest was stored)."""
        return EXIT_OK if self.ok else EXIT_PARTIAL


def log_fetch_report(report: RunReport, logger: logging.Logger) -> list[str]:
    """Log each source's warnings and counts, and return its problems as ``source: cause`` lines.

    The fetch report is written here once for ``fetch``, ``run`` and the scheduler's fetch jobs; each
    says the problems its own way (the CLI prints them on stderr, one a line, as the README promises;
    the scheduler logs them as errors and keeps them with the job's outcome).
    """
    problems: list[str] = []
    for source in report.sources:
        problems.extend(f"{source.source}: {problem}" for problem in source.problems)
        for warning in source.warnings:
            logger.warning("%s: %s", source.source, warning)
        logger.info("%s: %s", source.source, stats.describe(source.counts))
    return problems


def all_topics_for(settings: Settings) -> list[Topic]:
    """Every enabled topic of this configuration, sub-topics included: what the relevance stage decides
    and a reader may subscribe to."""
    topics_file = settings.data["general"]["topics_file"]
    return load_topics(settings.resolve(topics_file) if topics_file else None)


def load_topics_for(settings: Settings) -> list[Topic]:
    """The main topics of this configuration: searched by the sources, and each a section of an edition.

    Sub-topics (a topic with a ``parent``) are left out: they have no searches of their own and are decided
    by the relevance stage from the records their parent's searches bring (see :func:`all_topics_for`).
    """
    return main_topics(all_topics_for(settings))


def relevance_stage_for(settings: Settings) -> RelevanceStage:
    """The one relevance stage of this configuration (all its topics, compiled once)."""
    return RelevanceStage(all_topics_for(settings))


def run_fetch(
    settings: Settings,
    store: Store,
    only: Iterable[str] | None = None,
    today: date | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> RunReport:
    """Fetch every enabled source (or those in ``only``), store and tag what arrived; the waits that
    politeness asks for (rate limits, back-off, Retry-After) are kept on ``clock``."""
    runner = SourceRunner.open(settings, store, clock=clock)
    names = list(only) if only else settings.enabled_sources
    report = RunReport()
    try:
        with runner.recorded("fetch", names, lambda: RunOutcome.OK if report.ok else RunOutcome.PARTIAL):
            for name in names:
                report.sources.append(_run_source(name, runner, today or datetime.now(UTC).date()))
            runner.assess_pending()
        runner.finish_worker()
    finally:
        runner.close()
    worker = ""
    if runner.used_worker:
        peak = f"its peak {runner.worker_peak_mb:.0f} MB" if runner.worker_peak_mb else "its peak unknown"
        worker = f" (assessed ahead by the worker: {runner.assessed_ahead} works; {peak})"
    log.info(
        "stage times: %s; peak memory so far %.0f MB%s",
        runner.times.describe(),
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        worker,
    )
    return report


@dataclass
class StageTimes:
    """Seconds spent per stage in one run (for the log and the end-to-end benchmark): the fetch on its
    thread (waits included), each stage here, and this thread idle waiting for a reply; each in real
    time and in CPU time of the thread that ran it (on a loaded machine only the latter says what a stage
    costs)."""

    seconds: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, seconds: float, cpu: float = 0.0) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
        self.cpu[stage] = self.cpu.get(stage, 0.0) + cpu

    def describe(self) -> str:
        return ", ".join(
            f"{stage} {seconds:.1f} s" + (f" (CPU {cpu:.1f} s)" if (cpu := self.cpu[stage]) >= 0.05 else "")
            for stage, seconds in self.seconds.items()
        )


@dataclass
class SourceRunner:
    """What every source of one run shares (one polite session, the topics, the relevance stage), so the
    live fetch and the backfill call a source, and survive its failure, in exactly the same way."""

    settings: Settings
    store: Store
    session: PoliteSession
    #: The main topics, which the sources search.
    topics: list[Topic]
    #: The relevance stage over every topic (sub-topics too), compiled once per run.
    relevance: RelevanceStage
    #: Where a source's unexpected failure is logged (the backfill logs under its own name).
    logger: logging.Logger = log
    times: StageTimes = field(default_factory=StageTimes)
    #: The worker process assessing big replies' records ahead (started for the first one).
    worker: AssessWorker | None = None
    #: A worker was started in this run, and how many works took its assessment.
    used_worker: bool = False
    assessed_ahead: int = 0
    #: The worker's own peak resident memory (MB), asked as it is let go; 0 when it could not say.
    worker_peak_mb: float = 0.0

    @classmethod
    def open(
        cls, settings: Settings, store: Store, logger: logging.Logger = log, clock: Clock = SYSTEM_CLOCK
    ) -> SourceRunner:
        every = all_topics_for(settings)
        session = make_session(settings.data["http"], settings.contact_email, clock)
        return cls(settings, store, session, main_topics(every), RelevanceStage(every), logger)

    def close(self) -> None:
        """End the run's session and worker (left by an exception, after the reply in hand only)."""
        self.session.close()
        self._drop_worker()

    @contextlib.contextmanager
    def recorded(self, command: str, sources: list[str], outcome: Callable[[], str]) -> Iterator[None]:
        """Record the run in the store as it starts and as it ends (``outcome()``, or ``aborted: why``).

        A run whose end is never recorded was killed or crashed outright; ``status`` reports it. Recording
        is best effort: a store too busy or full to take the row must not stop the fetch itself (whose
        own writes then say what is wrong).
        """
        run_id = None
        try:
            run_id = self.store.ops.start_run(command, sources)
        except OsteoDigestError as exc:
            self.logger.info("run not recorded: %s", exc)
        ending = None
        try:
            yield
        except BaseException as exc:
            ending = RunOutcome.aborted(describe_error(exc) if str(exc) else type(exc).__name__)
            raise
        finally:
            if run_id is not None:
                with contextlib.suppress(OsteoDigestError):
                    self.store.ops.finish_run(run_id, ending or outcome())

    def results(
        self, name: str, fetch: Fetch, today: date, window: Window | None = None
    ) -> Iterator[FetchResult]:
        """:meth:`fetch` on a thread of its own, its results handed on as they come (a few at most
        waiting), so the caller stores one reply while the next is fetched."""
        waited = time.perf_counter()
        for result in pipelined(lambda: self.fetch(name, fetch, today, window), name=f"fetch {name}"):
            self.times.add("waiting for replies", time.perf_counter() - waited)
            yield result
            waited = time.perf_counter()

    def fetch(
        self, name: str, fetch: Fetch, today: date, window: Window | None = None
    ) -> Iterator[FetchResult]:
        """Call one source's ``fetch`` (for ``window`` instead of its watermarks when given).

        Never raises for the source: a failure becomes a result carrying the error (and the raw reply
        when the source kept one), so one broken source or window does not stop the others. It may run
        on another thread than the store's (:meth:`results`), so it reads the store through a
        connection of its own and never writes.
        """
        started, started_cpu = time.perf_counter(), time.thread_time()
        try:
            with Store(self.store.path) as reader:
                ctx = FetchContext(
                    name=name,
                    session=self.session,
                    config=self.settings.source(name),
                    topics=self.topics,
                    relevance=self.relevance,
                    today=today,
                    get_state=lambda key: reader.ops.get_state(name, key),
                    is_known=reader.works.has_identifier,
                    awaiting_indexing=partial(reader.works.awaiting_indexing, name),
                    contact_email=self.settings.contact_email,
                    window_override=window,
                    query_key=spec.topic_query if (spec := registry.find(name)) else "",
                )
                yield from fetch(ctx)
        except OsteoDigestError as exc:
            yield FetchResult(source=name, topic="*", error=str(exc), raw_failed=getattr(exc, "raw", None))
        except Exception as exc:  # a bug in one source must not stop the others
            yield FetchResult(source=name, topic="*", error=self.crash(name, "fetching", exc), crashed=True)
        finally:
            self.times.add(
                "fetch (own thread)", time.perf_counter() - started, time.thread_time() - started_cpu
            )

    # ----------------------------------------------------------------- per record
    def prepare(self, result: FetchResult) -> None:
        """Pass each record through :data:`RECORD_STEPS`; one that fails is moved to ``set_aside``."""
        kept = []
        for record in result.records:
            outcome = contain(
                result.source,
                f"record {record.source_id}",
                partial(record_raw, record),
                partial(prepare_record, record),
            )
            if isinstance(outcome, SetAside):
                result.set_aside.append(outcome)
            elif outcome is not None:
                kept.append(outcome)
        result.records = kept

    def keep_set_aside(self, result: FetchResult, report: SourceReport | None = None) -> list[str]:
        """Keep each set-aside record under ``data/failed/``; returns one line per record, and counts them
        (and keeps the first lines) in ``report`` when given."""
        lines = []
        for item in result.set_aside:
            try:
                path = keep_record(self.settings.data_dir, result.source, item.what, item.raw, item.error)
                kept = f"kept in {path}"
            except OSError as exc:
                kept = f"could not be kept: {exc.strerror or exc}"
            line = f"{item.what} set aside: {item.error} ({kept})"
            lines.append(line)
            if report is not None:
                report.set_aside_count += 1
                if len(report.set_aside) < MAX_SET_ASIDE_LINES:
                    report.set_aside.append(line)
        return lines

    # ----------------------------------------------------------------- per source
    def store_result(self, result: FetchResult, started: str, report: SourceReport, tally: KeyTally) -> None:
        """Pass one result of a source through :data:`STAGES`, adding what happened to ``report``.

        Never raises for the source: the store refusing a write (locked, full) fails this result; an
        unexpected exception in storing or assessing (tags, relevance) fails it too, recorded as a crash
        in ``fetch_log``.
        ``tally`` carries what the source's earlier batches of each topic left.
        """
        batch = Batch(result, started, report, tally)
        for stage_name, stage in STAGES:
            began, began_cpu = time.perf_counter(), time.thread_time()
            stage(self, batch)
            self.times.add(stage_name, time.perf_counter() - began, time.thread_time() - began_cpu)
            if batch.failed:
                return

    def _store_stage(self, batch: Batch) -> None:
        """Store the batch's records (and, with a topic's last result, its state and log row)."""
        result, report, tally = batch.result, batch.report, batch.tally
        name = result.source
        if result.topic in tally.failed:
            # A batch of this topic was not stored: its watermark must stay where it was.
            result.state = {}
        if not result.partial:
            # The topic's earlier batches' set-aside records: counted in its log row, kept and named now.
            result.set_aside[:0] = tally.set_aside.pop(result.topic, [])
        try:
            assessor = self.assessor(name, batch.tag_failures, batch.ahead)
            summary = self._save(result, batch.started, tally.stored.get(result.topic), assessor)
        except OsteoDigestError as exc:  # the store refused (locked, full, a constraint)
            summary, error, crashed = None, str(exc), False
        except Exception as exc:
            summary, error, crashed = None, self.crash(name, "storing", exc), True
        if result.partial and summary is not None:
            tally.set_aside.setdefault(result.topic, []).extend(result.set_aside)
            result.set_aside = []
        self.keep_set_aside(result, report)
        if summary is None:
            report.ok = False
            if error not in report.errors:  # the same refusal for every later batch: said once
                report.errors.append(error)
            # A record found for several topics goes with one of them: none of their watermarks may move.
            tally.failed.add(result.topic)
            tally.failed.update(topic for record in result.records for topic in record.topics)
            self._log_failure(result, batch.started, error, crashed)
            batch.failed = True
            return
        batch.summary = summary
        self._report_assessment(batch)
        recheck = result.rechecked is not None  # records stored before, asked again: none of them found
        if not recheck:
            report.records += summary.records
            report.new_works += summary.new_works
        if result.partial:
            tally.stored[result.topic] = tally.stored.get(result.topic, SaveSummary()).plus(summary)
            return
        earlier = tally.stored.pop(result.topic, None)  # logged with this result: the topic is done
        total = summary.plus(earlier) if earlier else summary
        report.requests += result.requests
        report.counts.update(result.counts)
        report.counts.update(
            {"set_aside": len(result.set_aside)} if recheck else total.counts(len(result.set_aside))
        )
        report.warnings.extend(result.warnings)
        if result.error:
            report.ok = False
            report.errors.append(result.error)
            if result.raw_failed:
                kept = self.keep_reply(name, result.raw_failed, result.error)
                report.errors[-1] += f" ({kept})"

    def _report_assessment(self, batch: Batch) -> None:
        """Say what assessing the stored batch's works (in its transaction) could not do: a failure fails
        the source, the records stay stored, and the works it left unassessed are assessed by a later
        run."""
        for failure in batch.tag_failures:
            batch.report.ok = False
            batch.report.errors.append(failure[0])
            self._log_failure(FetchResult(batch.result.source, batch.result.topic), batch.started, *failure)

    def _save(
        self,
        result: FetchResult,
        started: str,
        before: SaveSummary | None = None,
        assess: Assess | None = None,
    ) -> SaveSummary:
        """``store.save_fetch``, the changed works assessed in its transaction; after an unexpected
        exception (a record meeting a bug in storing or deduplication, which rolled everything back),
        each record is tried alone and undone, those that fail are set aside, and the rest stored with
        the source's state as usual."""
        try:
            return self.store.save_fetch(result, started_at=started, before=before, assess=assess)
        except OsteoDigestError:
            raise
        except Exception:
            self.logger.debug("%s: storing failed, trying record by record", result.source, exc_info=True)
        kept = []
        for record in result.records:
            try:
                with self.store.transaction():
                    self.store.works.save([record])
                    raise _Undo  # a trial: the batch is stored below, in one transaction with its tags
            except _Undo:
                kept.append(record)
            except OsteoDigestError:
                raise
            except Exception as exc:
                result.set_aside.append(
                    SetAside(
                        result.source, f"record {record.source_id}", describe_error(exc), record_raw(record)
                    )
                )
        result.records = kept
        return self.store.save_fetch(result, started_at=started, before=before, assess=assess)

    def assessor(
        self, name: str, failures: list[tuple[str, bool]], ahead: AssessedAhead | None = None
    ) -> Assess:
        """What :meth:`Store.save_fetch` calls with the works a save changed: :meth:`tag` them, inside
        the save's transaction, adding a failure (one line, and whether it was a crash) to ``failures``;
        a work whose only record the worker assessed ``ahead`` takes that assessment."""

        def assess_changed(work_ids: set[int]) -> None:
            began, began_cpu = time.perf_counter(), time.thread_time()
            try:
                failure = self.tag(name, work_ids, self._known(name, ahead) if ahead else None)
            finally:
                self.times.add("assess", time.perf_counter() - began, time.thread_time() - began_cpu)
            if failure:
                failures.append(failure)

        return assess_changed

    def _assess_ahead(self, batch: Batch) -> None:
        """Hand a big reply's prepared records to the worker, which assesses each as a one-record work
        while this thread deduplicates and stores them (see :mod:`crawler.assessing`)."""
        records = batch.result.records
        if len(records) < WORKER_MIN_RECORDS:
            return
        if self.worker is None and self.used_worker:
            return
        try:
            if self.worker is None:
                self.used_worker = True
                self.worker = AssessWorker(self.relevance.topics)  # starts its process
            batch.ahead = AssessedAhead(records, self.worker.submit(records))
        except Exception as exc:  # no process could be started (a limit, no memory): assess here
            self.logger.info("%s: no assessing worker (%s); assessing here", batch.result.source, exc)
            self._drop_worker()

    def _known(self, name: str, ahead: AssessedAhead) -> Callable[[Work], Assessment | None]:
        """The worker's assessment of a work, when the work is exactly one record the worker assessed."""
        try:
            found = waited(ahead.future)
        except Exception as exc:  # the worker died (killed, out of memory) or failed: assess here
            self.logger.info(
                "%s: the assessing worker failed (%s); assessing here", name, describe_error(exc)
            )
            self._drop_worker()
            found = []
        by_key = {
            (record.source, record.source_id): (record, assessment)
            for record, assessment in zip(ahead.records, found, strict=False)
            if assessment is not None
        }

        def known(work: Work) -> Assessment | None:
            if len(work.records) != 1:
                return None
            record = work.records[0]
            hit = by_key.get((record.source, record.source_id))
            if hit is None or hit[0] != record:  # not the record as stored: assess the work here
                return None
            self.assessed_ahead += 1
            return hit[1]

        return known

    def finish_worker(self) -> None:
        """Let the worker end and wait for it (its CPU then counts among this process's children's),
        having asked for its peak memory (its own: see :func:`crawler.assessing.own_peak_mb`)."""
        if self.worker is not None:
            with contextlib.suppress(Exception):  # a figure for the log: never a reason to fail the run
                self.worker_peak_mb = self.worker.peak_mb()
            self.worker.close()
            self.worker = None

    def _drop_worker(self) -> None:
        """Stop the worker (the run ends, or it died): anything else is assessed here."""
        if self.worker is not None:
            with contextlib.suppress(Exception):
                self.worker.close(cancel=True)
            self.worker = None

    def tag(
        self, name: str, work_ids: set[int], known: Callable[[Work], Assessment | None] | None = None
    ) -> tuple[str, bool] | None:
        """Tag the works whose records changed and decide their relevance, in the transaction that
        stored the records (see :meth:`Store.save_fetch`); a failure of the tagger is returned (one line,
        and whether it was an unexpected exception), and the works it concerns are left unassessed for
        a later run, never with conclusions drawn from records no longer stored. The store refusing the
        writes raises: the save they belong to is refused with them, and fetched again by the next run."""
        try:
            failures = tag_works(self.store, work_ids, self.relevance, known)
        except OsteoDigestError:
            raise
        except Exception as exc:
            self.store.works.mark_unassessed(work_ids)
            return self.crash(name, "tagging", exc), True
        if not failures:
            return None
        work_id, error = failures[0]
        return (
            f"tagging failed for {len(failures)} works, first work {work_id}: {error}"
            " (they stay untagged, and in no edition, until a run tags them)",
            True,
        )

    def assess_pending(self) -> None:
        """Assess the works an earlier step left untagged or unassessed; what still fails is logged."""
        try:
            failures = assess_pending(self.store, self.relevance)
        except Exception as exc:
            self.logger.warning("untagged works could not be tagged: %s", describe_error(exc))
            return
        if failures:
            self.logger.warning(
                "%d stored works could not be tagged, first work %d: %s", len(failures), *failures[0]
            )

    def keep_reply(self, name: str, raw: bytes, error: str) -> str:
        """Keep a reply that could not be parsed; says where (or why it could not be kept)."""
        try:
            return f"raw reply kept in {keep_raw_reply(self.settings.data_dir, name, raw, error)}"
        except OSError as exc:
            return f"raw reply could not be kept: {exc.strerror or exc}"

    def crash(self, name: str, step: str, exc: BaseException) -> str:
        """One line for an unexpected exception in a source's ``step``, its traceback kept for a bug report
        (a traceback on stderr would bury the one line saying which source and what happened)."""
        line = f"unexpected failure while {step}: {describe_error(exc)}"
        self.logger.debug("%s: %s", name, line, exc_info=exc)
        try:
            kept = keep_crash(self.settings.data_dir, name, traceback.format_exc())
        except OSError:
            return line
        return f"{line} (traceback kept in {kept})"

    def _log_failure(self, result: FetchResult, started: str, error: str, crashed: bool) -> None:
        """Record a failure of storing or tagging in ``fetch_log`` (nothing else), so ``status`` shows the
        source as failed (and crashed, for an unexpected exception); best effort, as the store may be
        what failed."""
        failure = FetchResult(
            result.source, result.topic, error=error, requests=result.requests, crashed=crashed
        )
        failure.set_aside = list(result.set_aside)
        try:
            self.store.save_fetch(failure, started_at=started)
        except Exception as exc:
            self.logger.info("%s: failure not recorded: %s", result.source, describe_error(exc))


def _run_source(name: str, runner: SourceRunner, today: date) -> SourceReport:
    """Fetch one source, then store, tag and report each of its results; never raises for the source."""
    report = SourceReport(source=name)
    spec = registry.find(name)
    if spec is None:
        report.ok = False
        report.errors.append(f"unknown source (known: {', '.join(registry.names())})")
        return report
    started = utcnow()
    tally = KeyTally()
    before = Counter(runner.session.stats)
    held: FetchResult | None = None  # the latest last-of-its-topic result, stored when the next comes
    for result in runner.results(name, spec.fetcher(), today):
        if result.partial:
            runner.store_result(result, started, report, tally)
            continue
        if held is not None:
            runner.store_result(held, started, report, tally)
        held = result
    if held is not None:
        # The source's stream has ended (its fetch thread with it): the session's requests, retries and
        # replies for this source are all counted now, and go with the last result, which logs them.
        held.counts.update(runner.session.stats - before)
        runner.store_result(held, started, report, tally)
    for topic, items in tally.set_aside.items():  # a topic whose last result never came (a crash)
        runner.keep_set_aside(FetchResult(name, topic, set_aside=items), report)
    report.errors = one_line_when_unreachable(report.errors, runner.session.unreachable.values())
    return report


def one_line_when_unreachable(errors: list[str], hosts: Iterable[Unreachable]) -> list[str]:
    """A source whose every error is an unreachable host says so in one line, each host once: offline,
    a source of nine feeds (or five topics) would otherwise say "cannot resolve" nine times."""
    found = [host for host in hosts if any(str(host) in error for error in errors)]
    if len(errors) < 2 or not found or not all(any(str(h) in error for h in found) for error in errors):
        return errors
    # The first error as it was (what was being asked), then the other unreachable hosts, grouped.
    others = [host for host in found if str(host) not in errors[0]]
    return [f"{errors[0]}; also {describe_unreachable(others)}" if others else errors[0]]


@dataclass
class KeyTally:
    """What a source's batches left per topic (key) so far: the counts and set-aside records its last
    result logs, and the topics one of whose batches could not be stored (their watermark stays)."""

    stored: dict[str, SaveSummary] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    #: Records the stored batches set aside, kept and counted with their topic's last result.
    set_aside: dict[str, list[SetAside]] = field(default_factory=dict)


@dataclass
class Batch:
    """One result of a source on its way through :data:`STAGES`, and what the stages learnt of it."""

    result: FetchResult
    started: str
    report: SourceReport
    tally: KeyTally
    summary: SaveSummary | None = None
    #: What assessing the stored works could not do (one line each, and whether it was a crash).
    tag_failures: list[tuple[str, bool]] = field(default_factory=list)
    #: The batch's records as handed to the worker, and its assessments of them, to come.
    ahead: AssessedAhead | None = None
    #: A stage failed the batch (reported already): the later stages leave it.
    failed: bool = False


@dataclass
class AssessedAhead:
    """A reply's prepared records and the worker's assessment of each as a one-record work."""

    records: list[Record]
    future: Future[list[Assessment | None]]


class _Undo(Exception):
    """Raised inside a trial save to roll it back (see :meth:`SourceRunner._save`)."""


Stage = Callable[[SourceRunner, Batch], None]

#: What happens to each result a source hands on, in order; a stage sets ``batch.failed`` to stop it.
STAGES: list[tuple[str, Stage]] = [
    ("prepare", lambda runner, batch: runner.prepare(batch.result)),
    ("hand to the worker", SourceRunner._assess_ahead),
    # Storing assesses (tags, relevance) the works it changed in its own transaction ("assess" times
    # that part), so no work is ever stored without them or with those of records no longer stored.
    ("store", SourceRunner._store_stage),
]


def prepare_record(record: Record) -> Record:
    """Pass a fetched record through :data:`RECORD_STEPS`, in order, before it is stored."""
    for step in RECORD_STEPS:
        record = step(record)
    return record


def tag_works(
    store: Store,
    work_ids: Iterable[int],
    stage: RelevanceStage,
    known: Callable[[Work], Assessment | None] | None = None,
) -> list[tuple[int, str]]:
    """(Re-)assess the works whose records changed: tags and relevance, from all their records, stored
    together in one transaction. ``known`` gives a work's assessment made already (the worker's), or
    None.

    Returns (work id, error) for each work that failed: those are left unassessed (about nothing, and
    assessed again by the next run) rather than with what was concluded from records since replaced, and
    the others are assessed all the same.
    """
    ids = sorted(set(work_ids))
    failures: list[tuple[int, str]] = []
    for start in range(0, len(ids), ASSESS_BATCH):
        tags, decisions = {}, {}
        failed = []
        for work in store.works.get_many(ids[start : start + ASSESS_BATCH]):
            try:
                tags[work.id], decisions[work.id] = (known and known(work)) or assess(work, stage)
            except Exception as exc:  # one work the tagger cannot handle must not leave the others untagged
                failures.append((work.id, describe_error(exc)))
                failed.append(work.id)
        with store.transaction():
            store.works.set_tags(tags)
            store.works.set_relevance(decisions)
            store.works.mark_unassessed(failed)
    return failures


def assess_pending(store: Store, stage: RelevanceStage) -> list[tuple[int, str]]:
    """Assess the works an earlier step left untagged (tags and relevance) or unassessed (stored by an
    earlier version, before relevance was kept: their relevance only, the tags stay); returns failures.

    Run after every fetch and before every edition, so that no work waits, about nothing, for long.
    """
    untagged = store.works.untagged_ids()
    failures = tag_works(store, untagged, stage)
    pending = sorted(set(store.works.unassessed_ids()) - set(untagged))
    for start in range(0, len(pending), ASSESS_BATCH):
        decisions = {}
        for work in store.works.get_many(pending[start : start + ASSESS_BATCH]):
            try:
                decisions[work.id] = stage.assess(work.records)
            except Exception as exc:
                failures.append((work.id, describe_error(exc)))
        store.works.set_relevance(decisions)
    return failures
