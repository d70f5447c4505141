"""What a maintainer needs to know at a glance, and the alert when a source quietly dies.

Everything here is read from the store (``fetch_log``, ``source_state``, ``editions``, ``deliveries``,
``backfill_windows``), so ``status`` tells the same story whether the fetching was done by cron or by
the scheduler. A *run* of a source is the group of ``fetch_log`` rows sharing its ``started_at`` (one row
per topic or feed).

Five conditions are flagged: a source that failed ``monitor.max_consecutive_failures`` runs in a row; a
source whose latest run comes longer after its last non-empty run than any gap between non-empty runs
before (it "returns nothing for longer than it ever has", the usual sign of a silently changed API or a
broken query); a source whose latest run crashed (an unexpected exception: a bug, or an input no rule
foresaw); a source whose latest run set records aside (kept under ``data/failed/`` for a parser fix); and
a run that never finished (killed or crashed outright, so nothing could say so at the time), flagged
until a later run of the source has finished and, when ``monitor.alert_email`` is set, the maintainers
have been told. :func:`monitor` turns flags into incidents in the ``alerts`` table and sends one email per
incident, not one per run; the incident closes when the flag clears. The email itself is sent by a
callable the caller passes in, because ``crawler`` never imports ``newsletter`` (where mail lives).
"""

from __future__ import annotations

import itertools
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from osteodigest.crawler import registry, stats
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.store import (
    Alert,
    AlertKind,
    DeliveryStatus,
    SourceRun,
    Store,
    SubscriberStatus,
    utcnow,
)

log = logging.getLogger("osteodigest.status")

#: How many recent runs per source ``status`` lists.
RECENT_RUNS = 5

#: Recorded runs of a source looked through for one that never finished (older ones no longer matter).
RECENT_RUN_RECORDS = 200

#: Non-empty runs needed (minus one) before "quiet for longer than ever" means anything.
QUIET_MIN_GAPS = 4

#: Delivery states grouped into what a maintainer asks: sent, still pending, or failed.
DELIVERY_GROUPS = {
    DeliveryStatus.SENT: "sent",
    DeliveryStatus.CLAIMED: "pending",
    DeliveryStatus.FAILED_TEMP: "pending",
    DeliveryStatus.UNKNOWN: "pending",
    DeliveryStatus.FAILED_PERM: "failed",
    DeliveryStatus.SKIPPED: "skipped",
}

#: ``notify(subject, body)`` sends one alert to the maintainers; raising means "not sent, try later".
Notifier = Callable[[str, str], None]


@dataclass
class Flag:
    source: str
    kind: AlertKind
    message: str


@dataclass
class UnfinishedRun:
    """A fetch or backfill process that started and never recorded its end (or recorded an abort)."""

    command: str
    started_at: str
    pid: int
    #: Why it ended early when it could still say so ("aborted: …"); None when it was killed outright.
    outcome: str | None


@dataclass
class SourceStatus:
    name: str
    enabled: bool
    runs: int = 0
    last_run: str | None = None
    last_success: str | None = None
    last_error_at: str | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    recent_runs: list[SourceRun] = field(default_factory=list)
    last_records_at: str | None = None
    longest_quiet_hours: float | None = None
    #: Per key (topic, feed, page): its date and counts, never the raw state (see :func:`watermark_of`).
    watermark: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: What the latest run did (crawler.stats): requests, retries by cause, replies by status, items read,
    #: set aside as off-topic, duplicates, new works.
    last_run_stats: dict[str, Any] = field(default_factory=dict)
    backfill_windows: int = 0
    backfill_records: int = 0
    #: Records set aside by the latest run, and by every run.
    set_aside_last_run: int = 0
    set_aside_total: int = 0
    #: The latest run of this source that never finished, if any (flagged while it matters, see above).
    unfinished_run: UnfinishedRun | None = None
    #: For a source that rechecks records NLM had not indexed yet (PubMed): works still awaiting
    #: indexing (``works``), and those stored within its recheck window (``within_window``), which its
    #: runs still ask about; None for other sources.
    awaiting_indexing: dict[str, int] | None = None
    flags: list[Flag] = field(default_factory=list)


@dataclass
class Status:
    generated_at: str
    sources: list[SourceStatus]
    editions: dict[str, Any]
    deliveries: dict[str, int]
    store: dict[str, Any]
    #: Readers per status, and each bouncing reader with their latest bounce (address, when, why).
    subscribers: dict[str, int] = field(default_factory=dict)
    bouncing: list[dict[str, str]] = field(default_factory=list)
    open_alerts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def flags(self) -> list[Flag]:
        return [flag for source in self.sources for flag in source.flags]


# --------------------------------------------------------------------------------------------- collect
def collect_status(settings: Settings, store: Store) -> Status:
    """Read the whole picture from the store; never writes."""
    logged = store.ops.logged_sources()
    enabled = set(settings.enabled_sources)
    names = [n for n in registry.names() if n in enabled or n in logged]
    names += sorted(set(logged) - set(names))
    limit = int(settings.section("monitor")["max_consecutive_failures"])
    sources = [_source_status(store, name, settings, limit) for name in names]
    return Status(
        generated_at=utcnow(),
        sources=sources,
        editions=_editions(store),
        deliveries=_deliveries(store),
        store=_store_facts(store),
        subscribers={str(k): v for k, v in sorted(store.subscribers.count_by_status().items())},
        bouncing=_bouncing(store),
        open_alerts=[asdict(alert) for alert in store.ops.open_alerts()],
    )


def _source_status(store: Store, name: str, settings: Settings, limit: int) -> SourceStatus:
    config = settings.data["sources"].get(name, {})
    status = SourceStatus(name=name, enabled=bool(config.get("enabled", False)))
    runs = store.ops.source_runs(name)
    status.runs = len(runs)
    status.recent_runs = runs[:RECENT_RUNS]
    if runs:
        status.last_run = runs[0].started_at
    status.last_success = next((r.finished_at for r in runs if r.ok), None)
    failed = next((r for r in runs if not r.ok), None)
    if failed:
        status.last_error_at = failed.finished_at
        status.last_error = "; ".join(failed.errors) or "failed"
    for run in runs:
        if run.ok:
            break
        status.consecutive_failures += 1
    status.watermark = {key: watermark_of(state) for key, state in store.ops.watermarks(name).items()}
    if runs:
        status.last_run_stats = stats.as_document(runs[0].stats)
    status.backfill_windows, status.backfill_records = store.ops.backfill_totals(name)
    status.set_aside_total = sum(r.set_aside for r in runs)
    status.set_aside_last_run = runs[0].set_aside if runs else 0
    unfinished, finished_since = _unfinished_run(store, name)
    status.unfinished_run = unfinished
    if "recheck_window_days" in config:
        since = datetime.now(UTC) - timedelta(days=int(config["recheck_window_days"]))
        works, within = store.works.count_awaiting_indexing(name, since.date().isoformat())
        status.awaiting_indexing = {"works": works, "within_window": within}

    # Quiet: hours from the last non-empty run to the latest run, against the longest such gap before.
    productive = [_parse(r.started_at) for r in reversed(runs) if r.records > 0]
    status.last_records_at = next((r.started_at for r in runs if r.records > 0), None)
    gaps = [(b - a).total_seconds() / 3600 for a, b in itertools.pairwise(productive)]
    if gaps:
        status.longest_quiet_hours = round(max(gaps), 2)
    if not status.enabled:
        return status
    if limit and status.consecutive_failures >= limit:
        status.flags.append(
            Flag(
                name,
                AlertKind.FAILURES,
                f"{name} failed {status.consecutive_failures} runs in a row"
                f" (last error: {status.last_error})",
            )
        )
    if runs and runs[0].crashed:
        status.flags.append(
            Flag(
                name,
                AlertKind.CRASHED,
                f"{name} crashed in its last run: {status.last_error or 'no message'}",
            )
        )
    if status.set_aside_last_run:
        status.flags.append(
            Flag(
                name,
                AlertKind.SET_ASIDE,
                f"{name} set aside {status.set_aside_last_run} unreadable records in its last run"
                f" (kept under {settings.data_dir / 'failed'} for a parser fix)",
            )
        )
    if unfinished and _still_news(store, settings, name, unfinished, finished_since):
        how = unfinished.outcome or "killed or crashed before its end"
        status.flags.append(
            Flag(
                name,
                AlertKind.UNFINISHED,
                f"{name}: the {unfinished.command} run started {_short(unfinished.started_at)} (pid"
                f" {unfinished.pid}) never finished ({how}); what it had not stored is fetched again",
            )
        )
    if len(gaps) >= QUIET_MIN_GAPS:
        quiet = (_parse(runs[0].started_at) - productive[-1]).total_seconds() / 3600
        if quiet > max(gaps):
            status.flags.append(
                Flag(
                    name,
                    AlertKind.QUIET,
                    f"{name} has returned nothing for {_hours(quiet)} (since {status.last_records_at}),"
                    f" longer than ever before (longest quiet spell so far: {_hours(max(gaps))})",
                )
            )
    return status


def _unfinished_run(store: Store, source: str) -> tuple[UnfinishedRun | None, bool]:
    """The latest run of ``source`` that did not finish (its process gone, or aborted), and whether a
    run of the source has finished since. Runs still in progress are neither."""
    later_finished = False
    for run in store.ops.recent_runs(source, RECENT_RUN_RECORDS):
        if run.finished_at is None and _alive(run.pid, run.host):
            continue  # in progress (or on another machine, where we cannot tell)
        if run.finished_at is not None and not run.aborted:
            later_finished = True
            continue
        return UnfinishedRun(run.command, run.started_at, run.pid, run.outcome), later_finished
    return None, later_finished


def _alive(pid: int, host: str) -> bool:
    if host != socket.gethostname():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process with that id
        return True
    return True


def _still_news(
    store: Store, settings: Settings, source: str, run: UnfinishedRun, finished_since: bool
) -> bool:
    """An unfinished run is flagged until a later run of its source finished and the maintainers were
    told (when an alert address is set): the next fetch's monitor is the first chance to tell them."""
    if not finished_since:
        return True
    if not settings.section("monitor")["alert_email"]:
        return False
    return not store.ops.notified_since(source, AlertKind.UNFINISHED, run.started_at)


def _editions(store: Store) -> dict[str, Any]:
    by_frequency = store.editions.count_by_frequency()
    last = next(iter(store.editions.newest(limit=1)), None)
    return {
        "count": sum(by_frequency.values()),
        "by_frequency": by_frequency,
        "last": (
            {"id": last.id, "frequency": last.frequency, "created_at": last.created_at, "items": last.items}
            if last
            else None
        ),
    }


def _bouncing(store: Store) -> list[dict[str, str]]:
    """Readers no longer mailed because their address bounced, each with the latest reason, so a
    maintainer can fix the cause and ``subscribers reactivate`` them."""
    out = []
    for reader in store.subscribers.every(SubscriberStatus.BOUNCING):
        latest = next(iter(store.subscribers.bounces(reader.id, limit=1)), None)
        out.append(
            {
                "email": reader.email,
                "since": reader.updated_at,
                "last_bounce": latest.detail if latest else "",
            }
        )
    return out


def _deliveries(store: Store) -> dict[str, int]:
    """Sent / pending / failed / skipped deliveries."""
    counts = {"sent": 0, "pending": 0, "failed": 0, "skipped": 0}
    for status, n in store.deliveries.counts().items():
        counts[DELIVERY_GROUPS.get(status, "pending")] += n
    return counts


def _store_facts(store: Store) -> dict[str, Any]:
    files = [store.path, Path(f"{store.path}-wal")]
    size = sum(p.stat().st_size for p in files if p.exists())
    return {"path": str(store.path), "bytes": size, **store.counts()}


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def _hours(hours: float) -> str:
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.1f} hours"


def watermark_of(state: dict[str, Any]) -> dict[str, Any]:
    """A key's stored state as a reader wants it: the date it is fetched up to (``until``) or was last
    checked, and counts for the lists a scraper keeps (``seen``, ``pending``), never the lists nor the
    ETags themselves; a feed retired (410) or moved (301) says so."""
    mark: dict[str, Any] = {"date": state.get("until") or state.get("checked")}
    for key in ("seen", "pending"):
        if state.get(key):
            mark[key] = len(state[key])
    if state.get("gone"):
        mark["gone_since"] = state.get("gone_since")
    if state.get("url"):
        mark["moved_to"] = state["url"]
    return mark


def describe_watermarks(marks: dict[str, dict[str, Any]]) -> str:
    """One line for a source's keys: the date when they agree, else the oldest and newest, with counts."""
    if not marks:
        return "none yet"
    dates = sorted({m["date"] for m in marks.values() if m.get("date")})
    when = "no date" if not dates else dates[0] if len(dates) == 1 else f"{dates[0]} (oldest) to {dates[-1]}"
    text = f"{when}, {len(marks)} {'key' if len(marks) == 1 else 'keys'}"
    seen = sum(m.get("seen", 0) for m in marks.values())
    if seen:
        text += f", {seen} pages seen"
    gone = sum(1 for m in marks.values() if "gone_since" in m)
    if gone:
        text += f", {gone} retired"
    return text


# --------------------------------------------------------------------------------------------- output
def status_to_dict(status: Status) -> dict[str, Any]:
    """The ``status --json`` document (stable keys, for monitoring systems)."""
    data = asdict(status)
    data["sources"] = {s["name"]: s for s in data["sources"]}
    for source in data["sources"].values():
        source["recent_records"] = [r["records"] for r in source["recent_runs"]]
        source["flags"] = [f["message"] for f in source["flags"]]
    data["flags"] = [asdict(f) for f in status.flags]
    data["ok"] = not status.flags
    return data


def format_status(status: Status) -> str:
    """A plain-text report for a terminal; one block per source, flags last."""
    lines = []
    for s in status.sources:
        lines.append(f"{s.name}{'' if s.enabled else ' (disabled)'}")
        lines.append(f"  last success      {_short(s.last_success) or 'never'}")
        if s.last_error:
            lines.append(f"  last error        {_short(s.last_error_at)}: {s.last_error}")
        lines.append(f"  failures in a row {s.consecutive_failures}")
        recent = ", ".join(_stored(r) for r in s.recent_runs) or "no runs yet"
        lines.append(f"  records, last runs {recent} (newest first)")
        if s.recent_runs and s.recent_runs[0].stats:
            lines.append(f"  last run          {stats.describe(s.recent_runs[0].stats)}")
        lines.append(f"  watermark         {describe_watermarks(s.watermark)}")
        if s.backfill_windows:
            lines.append(f"  backfill          {s.backfill_windows} windows, {s.backfill_records} records")
        if s.set_aside_total:
            lines.append(
                f"  set aside         {s.set_aside_last_run} in the last run, {s.set_aside_total} in all"
                " (data/failed/)"
            )
        if s.awaiting_indexing is not None:
            waiting = s.awaiting_indexing
            lines.append(
                f"  awaiting indexing {waiting['works']} works ({waiting['within_window']} stored within the"
                " recheck window, asked again by the next runs)"
            )
        if s.unfinished_run:
            run = s.unfinished_run
            lines.append(
                f"  unfinished run    {run.command} started {_short(run.started_at)}, pid {run.pid}:"
                f" {run.outcome or 'never finished'}"
            )
    editions = status.editions
    last = editions["last"]
    summary = f"editions: {editions['count']}"
    if last:
        when = _short(last["created_at"])
        summary += f" (last #{last['id']}, {last['frequency']}, {when}, {last['items']} items)"
    lines.append(summary)
    d = status.deliveries
    lines.append(f"deliveries: {d['sent']} sent, {d['pending']} pending, {d['failed']} failed")
    if status.subscribers:
        counts = ", ".join(f"{n} {name}" for name, n in status.subscribers.items())
        lines.append(f"subscribers: {counts}")
    for reader in status.bouncing:
        lines.append(
            f"  bouncing {reader['email']} since {_short(reader['since'])}: {reader['last_bounce']}"
            " (`subscribers reactivate` once fixed)"
        )
    st = status.store
    lines.append(
        f"store: {st['path']} {st['bytes'] / 1e6:.1f} MB ({st['works']} works, {st['records']} records)"
    )
    for flag in status.flags:
        lines.append(f"FLAG {flag.message}")
    return "\n".join(lines) + "\n"


def _stored(run: SourceRun) -> str:
    """A run's records: how many were new to the store, of how many read (a record found by four topic
    searches is read four times and stored once)."""
    if "new_records" not in run.stats:
        return str(run.records)  # logged before the counts were
    return f"{run.stats['new_records']} new of {run.records}"


def _short(stamp: str | None) -> str | None:
    return stamp[:16].replace("T", " ") + " UTC" if stamp else None


# --------------------------------------------------------------------------------------------- alerts
@dataclass
class MonitorResult:
    opened: list[Flag] = field(default_factory=list)
    closed: list[tuple[str, AlertKind]] = field(default_factory=list)
    notified: int = 0


def monitor(settings: Settings, store: Store, notify: Notifier | None) -> MonitorResult:
    """Open an incident per new flag, close cleared ones, and email new incidents once.

    An incident whose email could not be sent (no ``monitor.alert_email`` yet, SMTP down) stays
    un-notified and is sent by a later call; one that was sent is never sent again. Callers hold the
    ``fetch`` lock, so two monitors never race for the same incident.
    """
    result = MonitorResult()
    status = collect_status(settings, store)
    current = {(f.source, f.kind): f for f in status.flags}
    now = utcnow()
    with store.transaction():
        for alert in store.ops.open_alerts():
            if (alert.source, alert.kind) not in current:
                store.ops.close_alert(alert.id, now)
                result.closed.append((alert.source, alert.kind))
        for (source, kind), flag in current.items():
            if store.ops.open_alert(source, kind, flag.message, now):
                result.opened.append(flag)
    for source, kind in result.closed:
        log.info("%s recovered (%s incident closed)", source, kind)
    pending = store.ops.open_alerts(unnotified=True)
    if not pending:
        return result
    for alert in pending:
        log.warning("%s", alert.message)
    if not settings.section("monitor")["alert_email"] or notify is None:
        return result
    subject, body = alert_text(pending)
    try:
        notify(subject, body)
    except Exception as exc:  # an unreachable mail server must not fail the fetch that found the problem
        log.warning("alert email not sent, will retry on the next run: %s", exc)
        return result
    store.ops.mark_notified([alert.id for alert in pending], utcnow())
    result.notified = len(pending)
    return result


def alert_text(incidents: list[Alert]) -> tuple[str, str]:
    """Subject and plain-text body of one alert email covering the given incidents."""
    sources = sorted({alert.source for alert in incidents})
    subject = f"OsteoDigest alert: {', '.join(sources)} needs attention"
    body = ["OsteoDigest found a problem that subscribers would notice if it went on:", ""]
    body += [f"- {alert.message} (since {_short(alert.opened_at)})" for alert in incidents]
    body += [
        "",
        "`osteodigest status` shows the details. This is the only email for this incident;",
        "another is sent only if the source recovers and fails again.",
    ]
    return subject, "\n".join(body) + "\n"


# --------------------------------------------------------------------------------------------- damage
def damaged_store_document(path: Path, message: str) -> dict[str, Any]:
    """The ``status --json`` document for a store that cannot be read at all: nothing but the damage.

    Monitoring reads ``ok`` and ``flags`` whatever happened, so the damage is a flag like any other.
    """
    return {
        "generated_at": utcnow(),
        "ok": False,
        "store": {"path": str(path), "damaged": True, "error": message},
        "flags": [{"source": "store", "kind": "damaged", "message": message}],
        "sources": {},
    }
