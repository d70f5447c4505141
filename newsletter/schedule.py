"""``osteodigest schedule``: the same jobs as the cron commands, on their cron expressions, in one process.

Each job calls exactly the function its CLI command calls (:func:`crawler.run.run_fetch` for ``fetch``,
:func:`newsletter.edition.publish_edition` for ``digest``, :func:`newsletter.send.send_editions` for
``send``) under the same job lock, so cron and the daemon behave the same and exclude each other: a cron
``fetch`` started while the daemon fetches exits 75, and the daemon skips a job whose lock a cron
command holds.

Jobs, all in ``general.timezone``:

- ``fetch:SOURCE`` per enabled source on ``sources.SOURCE.schedule`` (default every 6 hours);
- ``publish:FREQUENCY`` makes the edition: for ``digest.frequency`` on ``digest.schedule`` (default
  from the frequency: weekly, Monday 06:00), and for any other frequency some active reader chose, on
  that frequency's default (06:00 daily, Mondays, the 1st of the month);
- ``send`` delivers the latest edition of each frequency to the readers who have not had it, daily at
  the edition's hour and minute (so a reader who joined mid-week, or a delivery that failed for a
  while, is served within a day). It never makes editions (``build=False``): that is the publish jobs'
  business, at their time.

APScheduler runs them with ``coalesce=True``, ``max_instances=1`` and a ``misfire_grace_time`` of
``scheduler.misfire_grace_hours``, so a machine that slept through a fire time runs the job once when it
wakes. One worker thread runs the jobs one after another; at a shared fire time jobs start in id order,
and "fetch" < "publish" < "send", so an edition includes that morning's fetch and goes out right after.

A job is *due* when it never ran or when a fire time of its cron expression has passed since its last
run as the store records it (the newest ``fetch_log`` row of the source, the newest edition of the
frequency). ``send`` is due whenever there are active readers: which delivery is owed is decided by the
delivery ledger itself, so running it when nothing is owed costs a query. ``--once`` runs the due jobs
and exits; the daemon also runs them at start-up, so a restart after downtime catches up instead of
waiting for the next fire time.
"""

from __future__ import annotations

import contextlib
import logging
import re
import signal
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from osteodigest.crawler.clock import SYSTEM_CLOCK, Clock
from osteodigest.crawler.errors import ConfigError, LockedError, OsteoDigestError
from osteodigest.crawler.exits import EXIT_OK, EXIT_PARTIAL, EXIT_TEMPFAIL, EXIT_USAGE, status_for
from osteodigest.crawler.locks import job_lock
from osteodigest.crawler.run import RunReport, load_topics_for, log_fetch_report, run_fetch
from osteodigest.crawler.settings import CHOICES, Settings
from osteodigest.crawler.status import Notifier, monitor
from osteodigest.crawler.store import Store, store_failure, utcnow
from osteodigest.newsletter.deliveries import Ledger
from osteodigest.newsletter.edition import timezone_of
from osteodigest.newsletter.subscribers import active_subscribers

log = logging.getLogger("osteodigest.schedule")

#: Edition cron expressions used when ``digest.schedule`` is empty.
FREQUENCY_CRON = {"daily": "0 6 * * *", "weekly": "0 6 * * mon", "monthly": "0 6 1 * *"}

_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


@dataclass(frozen=True)
class JobSpec:
    """One job: ``fetch`` (``arg`` a source), ``publish`` (``arg`` a frequency), ``send`` or ``mailbox``
    (``arg`` "")."""

    id: str
    kind: str
    arg: str
    cron: str
    setting: str  # the config key the cron expression came from, for error messages


@dataclass
class JobOutcome:
    job: str
    status: int
    message: str = ""


# --------------------------------------------------------------------------------------------- jobs
def job_specs(settings: Settings) -> list[JobSpec]:
    """Every job the configuration defines, fetches first (publish jobs of unread frequencies included:
    whether one is wanted depends on the readers at the time it runs, see :func:`wanted`)."""
    specs = [
        JobSpec(f"fetch:{name}", "fetch", name, settings.source(name)["schedule"], f"sources.{name}.schedule")
        for name in settings.enabled_sources
    ]
    digest = settings.section("digest")
    main_frequency = digest["frequency"]
    main_cron = digest["schedule"] or FREQUENCY_CRON[main_frequency]
    for frequency in CHOICES["digest.frequency"]:
        if frequency == main_frequency:
            specs.append(JobSpec(f"publish:{frequency}", "publish", frequency, main_cron, "digest.schedule"))
        else:
            cron = FREQUENCY_CRON[frequency]
            specs.append(JobSpec(f"publish:{frequency}", "publish", frequency, cron, "digest.frequency"))
    minute, hour = [*main_cron.split(), "0", "6"][:2]
    specs.append(JobSpec("send", "send", "", f"{minute} {hour} * * *", "digest.schedule"))
    mailbox = settings.section("mailbox")
    if mailbox["host"]:
        specs.append(JobSpec("mailbox", "mailbox", "", mailbox["schedule"], "mailbox.schedule"))
    return specs


def wanted(settings: Settings, store: Store, spec: JobSpec) -> bool:
    """Fetches always; the configured edition always; other editions and sending only for readers."""
    if spec.kind in ("fetch", "mailbox") or (
        spec.kind == "publish" and spec.arg == settings.section("digest")["frequency"]
    ):
        return True
    frequencies = {s.prefs.frequency for s in active_subscribers(store)}
    return bool(frequencies) if spec.kind == "send" else spec.arg in frequencies


def trigger_for(spec: JobSpec, tz: ZoneInfo) -> CronTrigger:
    """A CronTrigger from a standard five-field crontab line (0 or 7 = Sunday, as cron means it)."""
    fields = spec.cron.split()
    if len(fields) != 5:
        raise ConfigError(f"bad value for '{spec.setting}': expected 5 cron fields, got {spec.cron!r}")
    fields[4] = _cron_day_of_week(fields[4], spec)
    try:
        return CronTrigger(
            minute=fields[0],
            hour=fields[1],
            day=fields[2],
            month=fields[3],
            day_of_week=fields[4],
            timezone=tz,
        )
    except ValueError as exc:
        raise ConfigError(f"bad value for '{spec.setting}': {spec.cron!r}: {exc}") from None


def _cron_day_of_week(field: str, spec: JobSpec) -> str:
    """Numeric crontab weekdays (0/7 = Sunday) as names, because APScheduler 3 counts 0 as Monday."""
    if field in ("*", "?") or re.search(r"[a-z]", field, re.I):
        return field
    days: set[int] = set()
    for part in field.split(","):
        match = re.fullmatch(r"(\*|\d+)(?:-(\d+))?(?:/(\d+))?", part)
        if not match:
            raise ConfigError(f"bad value for '{spec.setting}': day of week {part!r}")
        lo, hi, step = match.groups()
        first, last = (0, 6) if lo == "*" else (int(lo), int(hi) if hi else int(lo))
        if step and lo != "*" and not hi:
            last = 6
        if not 0 <= first <= last <= 7:
            raise ConfigError(f"bad value for '{spec.setting}': day of week {part!r}")
        days.update(d % 7 for d in range(first, last + 1, int(step or 1)))
    return ",".join(_CRON_DAYS[d] for d in sorted(days))


def last_run(store: Store, spec: JobSpec) -> datetime | None:
    """When the store says this job last ran (whether cron or the daemon ran it); None for ``send``,
    whose due deliveries the delivery ledger knows better than any timestamp, and for ``mailbox``, which
    reads whatever is waiting whenever it runs."""
    if spec.kind in ("send", "mailbox"):
        return None
    if spec.kind == "fetch":
        value = store.ops.last_fetch_started(spec.arg)
    else:
        edition = store.editions.last(spec.arg)
        value = edition.created_at if edition else None
    return datetime.fromisoformat(value) if value else None


def is_due(spec: JobSpec, trigger: CronTrigger, last: datetime | None, now: datetime) -> bool:
    """Due when it never ran, or when its next fire time after the last run is not in the future."""
    if last is None:
        return True
    following = trigger.get_next_fire_time(None, last + timedelta(microseconds=1))
    return following is not None and following <= now


def run_job(
    settings: Settings, spec: JobSpec, notify: Notifier | None = None, clock: Clock = SYSTEM_CLOCK
) -> JobOutcome:
    """Run one job the way its CLI command does: same lock, same function, errors as an outcome with
    the exit status the command would have (see :mod:`crawler.exits`)."""
    database = settings.database_path
    try:
        return _run_job(settings, spec, notify, clock)
    except LockedError as exc:
        log.warning("%s skipped: %s", spec.id, exc)
        return JobOutcome(spec.id, EXIT_TEMPFAIL, str(exc))
    except sqlite3.Error as exc:  # a read outside the store's transactions met a damaged file
        failure = store_failure(exc, database, f"store {database} cannot be read")
        log.error("%s: %s", spec.id, failure)
        return JobOutcome(spec.id, status_for(failure), str(failure))
    except OsteoDigestError as exc:
        log.error("%s: %s", spec.id, exc)
        return JobOutcome(spec.id, status_for(exc), str(exc))


def _run_job(settings: Settings, spec: JobSpec, notify: Notifier | None, clock: Clock) -> JobOutcome:
    database = settings.database_path
    if spec.kind == "fetch":
        with job_lock(database, "fetch", f"schedule {spec.id}"), Store(database) as store:
            report = run_fetch(settings, store, only=[spec.arg], clock=clock)
            check_sources(settings, store, notify)
        return _fetch_outcome(spec, report)
    if spec.kind == "send":
        return _send(settings, spec)
    if spec.kind == "mailbox":
        return _mailbox(settings, spec)
    with job_lock(database, "digest", f"schedule {spec.id}"), Store(database) as store:
        from osteodigest.newsletter.edition import publish_edition

        if not wanted(settings, store, spec):
            log.info("%s: no active reader chose this frequency", spec.id)
            return JobOutcome(spec.id, EXIT_OK, "no readers")
        result = publish_edition(settings, store, load_topics_for(settings), frequency=spec.arg)
    if result is None:
        log.info("%s: this period's edition is made already", spec.id)
        return JobOutcome(spec.id, EXIT_OK, "made already")
    log.info("%s: edition %d with %d items", spec.id, result.edition_id, result.items)
    return JobOutcome(spec.id, EXIT_OK, f"edition {result.edition_id} with {result.items} items")


def _send(settings: Settings, spec: JobSpec) -> JobOutcome:
    """What ``osteodigest send --no-build`` does: deliver owed editions, make none."""
    from osteodigest.newsletter.send import account, report_lines, send_editions

    database = settings.database_path
    with job_lock(database, "send", f"schedule {spec.id}"), Store(database) as store:
        report = send_editions(settings, store, load_topics_for(settings), build=False, held_locks=("send",))
    _, problems = report_lines(report)
    for line in problems:
        log.error("send: %s", line)
    log.info("send: %s", account(report))
    return JobOutcome(spec.id, report.exit_status, "; ".join(problems))


def _mailbox(settings: Settings, spec: JobSpec) -> JobOutcome:
    """What ``osteodigest mailbox`` does: bounces and unsubscribe requests from the list's mailbox."""
    from osteodigest.newsletter.mailbox import read_mailbox

    database = settings.database_path
    with job_lock(database, "mailbox", f"schedule {spec.id}"), Store(database) as store:
        report = read_mailbox(settings, store)
    log.info("mailbox: %s", report.summary())
    return JobOutcome(spec.id, EXIT_OK, report.summary())


def _fetch_outcome(spec: JobSpec, report: RunReport) -> JobOutcome:
    problems = log_fetch_report(report, log)
    for line in problems:
        log.error("%s", line)
    return JobOutcome(spec.id, report.exit_status, "; ".join(problems))


def check_sources(settings: Settings, store: Store, notify: Notifier | None = None) -> None:
    """After a fetch: flag failing or silent sources and email the maintainers once per incident.

    Monitoring must never hide the fetch's own result: a store that refuses the alert bookkeeping (locked,
    full) is logged and the check is simply repeated after the next fetch.
    """
    try:
        monitor(settings, store, notify if notify is not None else alert_notifier(settings))
    except OsteoDigestError as exc:
        log.warning("source monitoring skipped this time: %s", exc)
    except Exception as exc:  # a bug in monitoring must not cost the edition that follows the fetch
        log.warning("source monitoring skipped this time: unexpected %s: %s", type(exc).__name__, exc)


def alert_notifier(settings: Settings) -> Notifier | None:
    """Alerts to ``monitor.alert_email`` leave the way digests do: SMTP when ``smtp.host`` is set, else
    an ``alert-*.eml`` in the outbox. A refusal raises, so the alert is retried after the next fetch."""
    to = settings.section("monitor")["alert_email"]
    if not to:
        return None

    def notify(subject: str, body: str) -> None:
        from osteodigest.newsletter.mail import TransportError, domain_of, send_one, to_bytes

        sender = settings.section("smtp")["from"]
        message = EmailMessage()
        message["Subject"], message["From"], message["To"] = subject, sender, to
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = make_msgid(domain=domain_of(sender))
        message.set_content(body)
        stamp = re.sub(r"[^0-9]", "", utcnow())[:20]
        outcome = send_one(settings, to, to_bytes(message), key=f"alert-{stamp}")
        if not outcome.ok:
            raise TransportError(outcome.detail)

    return notify


# --------------------------------------------------------------------------------------------- --once
def due_jobs(settings: Settings, now: datetime | None = None) -> list[tuple[JobSpec, bool]]:
    """Every job with whether it is due now (fetch jobs first, so an edition includes their records)."""
    tz = timezone_of(settings)
    now = now or datetime.now(tz)
    specs = job_specs(settings)
    triggers = {spec.id: trigger_for(spec, tz) for spec in specs}  # config errors before any work
    with Store(settings.database_path) as store:
        return [
            (
                spec,
                wanted(settings, store, spec)
                and (
                    deliveries_owed(store, now)
                    if spec.kind == "send"
                    else is_due(spec, triggers[spec.id], last_run(store, spec), now)
                ),
            )
            for spec in specs
        ]


def deliveries_owed(store: Store, now: datetime) -> bool:
    """Whether ``send`` has anything to do now: the latest edition of a frequency someone reads is owed
    to a reader (nothing recorded yet, or a retry whose time has come), as the delivery ledger decides.

    ``send`` has no "last run" a timestamp could tell: it is due exactly when a mail is owed, so
    ``schedule --list`` no longer marks it due whenever anyone subscribes.
    """
    ledger = Ledger(store, run_id="schedule", msgid_domain="")
    moment = now.astimezone(UTC)
    for frequency in sorted({s.prefs.frequency for s in active_subscribers(store)}):
        edition = store.editions.last(frequency)
        if edition is not None and ledger.due_subscriber_ids(edition.id, frequency, moment):
            return True
    return False


def run_once(
    settings: Settings,
    now: datetime | None = None,
    notify: Notifier | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> int:
    """Run every due job once, in order; the exit status is the worst outcome (2 over 1 over 75 over 0:
    a configuration to fix outranks a failure, which outranks something cron will retry)."""
    outcomes: list[JobOutcome] = []
    for spec, due in due_jobs(settings, now):
        if spec.kind == "send" and not due and outcomes:
            # An edition made by this very run is owed now, though it was not when the jobs were listed.
            with Store(settings.database_path) as store:
                due = wanted(settings, store, spec) and deliveries_owed(store, now or datetime.now(UTC))
        if due:
            outcomes.append(run_job(settings, spec, notify, clock))
    if not outcomes:
        log.info("nothing is due")
    statuses = {o.status for o in outcomes}
    return next((code for code in (EXIT_USAGE, EXIT_PARTIAL, EXIT_TEMPFAIL) if code in statuses), EXIT_OK)


# --------------------------------------------------------------------------------------------- daemon
class Daemon:
    """The long-lived scheduler. SIGTERM or Ctrl-C lets the job in hand finish, starts no other, exits."""

    def __init__(
        self, settings: Settings, notify: Notifier | None = None, clock: Clock = SYSTEM_CLOCK
    ) -> None:
        self.settings = settings
        self.notify = notify
        self.clock = clock
        self.tz = timezone_of(settings)
        self.specs = job_specs(settings)
        self.triggers = {spec.id: trigger_for(spec, self.tz) for spec in self.specs}
        self.stopping = threading.Event()
        self.busy = threading.Lock()
        #: The signal received, set by the handler and nothing else (see :meth:`_on_signal`).
        self._signalled: int | None = None
        grace = int(float(settings.section("scheduler")["misfire_grace_hours"]) * 3600)
        #: Missed fire times collapse into one run; never two of a job at once; hours of grace.
        self.job_options = {"coalesce": True, "max_instances": 1, "misfire_grace_time": max(grace, 1)}
        self.scheduler = BackgroundScheduler(
            timezone=self.tz, executors={"default": ThreadPoolExecutor(max_workers=1)}
        )

    def _stopping(self) -> bool:
        # The signal itself counts at once: the main thread sets ``stopping`` up to _WAKE s later.
        return self._signalled is not None or self.stopping.is_set()

    def _run(self, spec: JobSpec) -> None:
        if self._stopping():
            return
        with self.busy:
            if self._stopping():
                return
            try:
                run_job(self.settings, spec, self.notify, self.clock)
            except Exception:  # a bug in one job must not end the daemon
                log.exception("%s failed unexpectedly", spec.id)

    def add_jobs(self, now: datetime | None = None) -> None:
        now = now or datetime.now(self.tz)
        due = dict((s.id, d) for s, d in due_jobs(self.settings, now))
        for index, spec in enumerate(self.specs):
            extra = {}
            if due[spec.id]:  # catch up at start-up, fetches first (a millisecond apart, not seconds)
                extra["next_run_time"] = now + timedelta(milliseconds=index)
            self.scheduler.add_job(
                self._run,
                self.triggers[spec.id],
                args=[spec],
                id=spec.id,
                name=spec.id,
                **self.job_options,
                **extra,
            )

    def run(self) -> int:
        """Block until SIGTERM/SIGINT; returns the exit status (0 after a clean stop).

        The scheduler runs in a thread of its own and this, the main, thread waits in short sleeps. Python
        runs a signal handler in the main thread only, and only when that thread runs: a signal the system
        hands to another thread (the job's, busy in a socket read) used to wait for the main thread to
        come out of APScheduler's sleep until the next fire time, hours away, so SIGTERM sometimes did not
        stop the daemon at all. A sleep of :data:`_WAKE` seconds bounds that wait.
        """
        with job_lock(self.settings.database_path, "schedule", "schedule"):
            # APScheduler's own warnings (a missed fire time, a skipped overlapping run) go where ours go.
            ours = logging.getLogger("osteodigest")
            aps = logging.getLogger("apscheduler")
            aps.handlers[:], aps.propagate = ours.handlers, False
            aps.setLevel(logging.WARNING)
            self.add_jobs()
            previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
            try:
                self.scheduler.start()
                while self._signalled is None:
                    time.sleep(_WAKE)
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)
                self.stopping.set()  # no job starts from now on
                with contextlib.suppress(SchedulerNotRunningError):
                    self.scheduler.shutdown(wait=False)
            log.info(
                "%s received: finishing the job in hand, then exiting", signal.Signals(self._signalled).name
            )
            with self.busy:  # the job in hand, if any, finishes before we return
                pass
        log.info("scheduler stopped")
        return EXIT_OK

    def _on_signal(self, signum: int, frame: object) -> None:
        """Only note the signal: the handler runs between two steps of the main thread, which may hold a
        lock an Event or a logger would take again (and wait for itself); :meth:`run` does the rest."""
        self._signalled = signum


#: How long the main thread sleeps between looks at whether a signal came (see :meth:`Daemon.run`).
_WAKE = 0.25


def describe_jobs(settings: Settings, now: datetime | None = None) -> list[dict[str, str | bool]]:
    """Each job, its cron expression, whether it is due and its next fire time (``schedule --list``)."""
    tz = timezone_of(settings)
    now = now or datetime.now(tz)
    rows = []
    for spec, due in due_jobs(settings, now):
        following = trigger_for(spec, tz).get_next_fire_time(None, now)
        rows.append(
            {
                "job": spec.id,
                "cron": spec.cron,
                "due": due,
                "next": following.isoformat(timespec="minutes") if following else "",
            }
        )
    return rows
