"""``osteodigest send``: one personalised message per due reader, each delivered exactly once.

Who is due, and for what. Every active reader is due the *latest* edition of their frequency until a
delivery of it is recorded for them. Before sending, ``send`` makes a new edition of each frequency
that has readers when the latest one belongs to an earlier calendar period (day, ISO week, month; see
:mod:`newsletter.edition`), so cron can simply run ``osteodigest send`` daily. An older edition is
never sent once a newer one of the same frequency exists (it is in the archive), and a reader who
joined after an edition was made gets that edition at the next run — it is the current issue.

How. The edition is loaded once; per reader it is filtered, rendered, claimed in the ledger, and sent
over one SMTP connection reused for the whole run (or written to the outbox when no ``[smtp] host`` is
set). See :mod:`newsletter.deliveries` for the exactly-once rules and the crash window. The run holds
the ``send`` lock (and the ``digest`` lock while it may make editions), so a second ``send`` started
alongside stops at once with exit status 75 instead of racing.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from osteodigest.crawler.errors import OsteoDigestError
from osteodigest.crawler.exits import EXIT_OK, EXIT_PARTIAL, EXIT_TEMPFAIL
from osteodigest.crawler.locks import locks
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.store import DeliveryStatus, Store
from osteodigest.crawler.topics import Topic
from osteodigest.newsletter.deliveries import Claim, Interrupted, Ledger, iso_time
from osteodigest.newsletter.edition import (
    edition_due,
    edition_view,
    preview_view,
    publish_edition,
    renderer_for,
    timezone_of,
)
from osteodigest.newsletter.mail import (
    Outcome,
    Transport,
    TransportError,
    address_of,
    build_message,
    domain_of,
    list_headers,
    to_bytes,
    transport_for,
)
from osteodigest.newsletter.render import Digest, EditionView, Rendered, Renderer, personalise
from osteodigest.newsletter.subscribers import Subscriber, active_subscribers
from osteodigest.newsletter.tokens import TokenSigner

log = logging.getLogger("osteodigest.send")

#: Unknown outcomes in a row after which a run stops: a server that keeps taking messages without
#: answering would otherwise leave every reader's delivery in doubt, each after a full ``smtp.timeout``.
#: The readers not reached are served by the next run.
MAX_UNKNOWN_IN_A_ROW = 2


@dataclass
class Preview:
    """What a dry run would have sent to one reader."""

    email: str
    edition: str
    subject: str
    items: int
    html_bytes: int
    text_bytes: int


@dataclass
class SendReport:
    editions_made: list[int] = field(default_factory=list)
    #: (frequency, edition id) sent in this run.
    editions: list[tuple[str, int | None]] = field(default_factory=list)
    sent: int = 0
    skipped: int = 0
    #: Due readers whose delivery another run had already claimed or recorded.
    not_ours: int = 0
    failed_temp: list[str] = field(default_factory=list)
    failed_perm: list[str] = field(default_factory=list)
    interrupted: list[Interrupted] = field(default_factory=list)
    #: Why the run stopped early (server unreachable, sender refused), if it did.
    stopped: str | None = None
    stopped_temporarily: bool = True
    previews: list[Preview] = field(default_factory=list)
    transport: str = ""
    connections: int = 0

    @property
    def exit_status(self) -> int:
        """0 all well; 75 something to retry later (cron may rerun); 1 failures a rerun will not fix."""
        if self.failed_perm or self.interrupted or (self.stopped and not self.stopped_temporarily):
            return EXIT_PARTIAL
        if self.failed_temp or self.stopped:
            return EXIT_TEMPFAIL
        return EXIT_OK


class _Run:
    """One sending run's shared state: settings read once, the signer, the renderer, the transport."""

    def __init__(
        self, settings: Settings, store: Store, topics: list[Topic], transport: Transport | None = None
    ) -> None:
        self.settings = settings
        self.store = store
        self.topics = topics
        self.smtp = settings.section("smtp")
        self.digest_cfg = settings.section("digest")
        self.base_url = settings.section("web")["base_url"].rstrip("/")
        self.sender = self.smtp["from"]
        self.envelope_from = address_of(self.sender)
        self.mailto = self.smtp["unsubscribe_mailto"] or self.envelope_from
        self.list_id = f"{self.digest_cfg['title']} <osteodigest.{domain_of(self.sender)}>"
        self.signer = TokenSigner(settings)
        self.renderer: Renderer = renderer_for(settings)
        self.ledger = Ledger(store, run_id=uuid.uuid4().hex, msgid_domain=domain_of(self.sender))
        self._transport = transport
        self.opened = False

    @property
    def transport(self) -> Transport:
        if self._transport is None:
            self._transport = transport_for(self.settings)
        return self._transport

    def links(self, subscriber_id: int) -> tuple[str, str]:
        return (
            f"{self.base_url}/unsubscribe/{self.signer.make(subscriber_id, 'unsubscribe')}",
            f"{self.base_url}/preferences/{self.signer.make(subscriber_id, 'preferences')}",
        )

    def reader_url(self, view: EditionView, subscriber_id: int) -> str | None:
        """The reader's own view of this edition on the web (the email's "View in a browser")."""
        if view.edition_id is None or not self.base_url:
            return None
        return f"{self.base_url}/editions/{view.edition_id}/mine/{self.signer.make(subscriber_id, 'view')}"

    def digest_for(self, view: EditionView, subscriber: Subscriber) -> tuple[Digest, str]:
        unsubscribe_url, preferences_url = self.links(subscriber.id)
        digest = personalise(
            view,
            prefs=subscriber.prefs,
            max_items=int(self.digest_cfg["max_items"]),
            unsubscribe_url=unsubscribe_url,
            preferences_url=preferences_url,
            reader_url=self.reader_url(view, subscriber.id),
        )
        return digest, unsubscribe_url

    def message_bytes(
        self, rendered: Rendered, subscriber: Subscriber, unsubscribe_url: str, message_id: str
    ) -> bytes:
        message = build_message(
            rendered,
            sender=self.sender,
            to=subscriber.email,
            message_id=message_id,
            headers=list_headers(unsubscribe_url, self.mailto, self.list_id),
        )
        return to_bytes(message)


def send_editions(
    settings: Settings,
    store: Store,
    topics: list[Topic],
    *,
    dry_run: bool = False,
    build: bool = True,
    resend_unknown: bool = False,
    now: datetime | None = None,
    transport: Transport | None = None,
    held_locks: tuple[str, ...] = (),
) -> SendReport:
    """Deliver the latest edition of each frequency to every reader due it; see the module docstring.

    ``now`` (UTC) decides which retries are due and which editions are made; ``transport`` replaces the
    configured SMTP/outbox transport (any :class:`~newsletter.mail.Transport`).
    ``held_locks`` names the job locks the caller already holds (the CLI takes ``send`` for every
    command run); the others needed are taken here.
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    run = _Run(settings, store, topics, transport)
    report = SendReport()
    if run.smtp["host"] and not dry_run and not run.base_url.startswith("https://"):
        log.warning(
            "web.base_url %s is not https: mail providers ignore one-click unsubscribe over http",
            run.base_url,
        )
    readers = active_subscribers(store)
    frequencies = sorted({s.prefs.frequency for s in readers})
    if not frequencies:
        log.info("no active subscribers: nothing to send")
        return report
    with _locks(settings, dry_run, build, held_locks):
        if not dry_run:
            report.interrupted = run.ledger.mark_interrupted(now)
            for item in report.interrupted:
                log.warning(
                    "edition %d to %s (Message-ID %s): interrupted at %s after claiming; not resent",
                    item.edition_id,
                    item.email,
                    item.message_id,
                    item.claimed_at,
                )
        try:
            for frequency in frequencies:
                view = _edition_for(run, frequency, now, report, dry_run=dry_run, build=build)
                if view is None:
                    continue
                report.editions.append((frequency, view.edition_id))
                group = [s for s in readers if s.prefs.frequency == frequency]
                if dry_run:
                    _preview(run, view, group, report)
                elif not _deliver(run, view, group, now, report, resend_unknown):
                    break
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM) or failing: leave at once, without a QUIT whose answer a
            # server holding a message would keep us waiting for, up to smtp.timeout.
            if run.opened:
                run.transport.abort()
            raise
        if run.opened:
            report.connections = run.transport.connections
            run.transport.close()
    return report


@contextlib.contextmanager
def _locks(settings: Settings, dry_run: bool, build: bool, held: tuple[str, ...]) -> Iterator[None]:
    """The send lock (so no live sender owns a ``claimed`` row), and the digest lock when editions may be
    made (so a concurrent ``digest`` cannot make the same period's edition twice)."""
    needed = () if dry_run else ("send", "digest") if build else ("send",)
    with locks(settings.database_path, [name for name in needed if name not in held], "send"):
        yield


def _edition_for(
    run: _Run, frequency: str, now: datetime, report: SendReport, *, dry_run: bool, build: bool
) -> EditionView | None:
    due = build and edition_due(run.store, frequency, timezone_of(run.settings), now)
    if due and dry_run:
        return preview_view(run.settings, run.store, run.topics, frequency)
    if due:
        edition_id = publish_edition(run.settings, run.store, run.topics, frequency).edition_id
        report.editions_made.append(edition_id)
        log.info("made %s edition %d", frequency, edition_id)
    latest = run.store.editions.last(frequency)
    if latest is None:
        log.info("no %s edition yet: its readers wait for one", frequency)
        return None
    return edition_view(run.settings, run.store, run.topics, latest.id)


def _preview(run: _Run, view: EditionView, group: list[Subscriber], report: SendReport) -> None:
    label = (
        f"{view.frequency} edition {view.edition_id}" if view.edition_id else f"new {view.frequency} edition"
    )
    already: set[int] = set()
    if view.edition_id is not None:
        already = run.store.deliveries.settled_subscriber_ids(view.edition_id)
    for subscriber in group:
        if subscriber.id in already:
            report.not_ours += 1
            continue
        digest, _ = run.digest_for(view, subscriber)
        if digest.total == 0 and not run.digest_cfg["send_empty"]:
            report.skipped += 1
            continue
        rendered = run.renderer.render(digest)
        report.previews.append(
            Preview(
                email=subscriber.email,
                edition=label,
                subject=rendered.subject,
                items=digest.total,
                html_bytes=len(rendered.html.encode("utf-8")),
                text_bytes=len(rendered.text.encode("utf-8")),
            )
        )


def _deliver(
    run: _Run,
    view: EditionView,
    group: list[Subscriber],
    now: datetime,
    report: SendReport,
    resend_unknown: bool,
) -> bool:
    """Send one edition to its due readers; False when the run must stop (the reason is in the report)."""
    assert view.edition_id is not None
    by_id = {s.id: s for s in group}
    due = run.ledger.due_subscriber_ids(view.edition_id, view.frequency, now, resend_unknown)
    backoff = float(run.smtp["retry_backoff"])
    max_attempts = max(1, int(run.smtp["max_attempts"]))
    unknown_in_a_row = 0
    for subscriber_id in due:
        subscriber = by_id.get(subscriber_id)
        if subscriber is None:  # joined or changed frequency since this run read the list: next run
            continue
        digest, unsubscribe_url = run.digest_for(view, subscriber)
        empty = digest.total == 0 and not run.digest_cfg["send_empty"]
        rendered = None if empty else run.renderer.render(digest)
        # Connect (or reconnect after a drop) before claiming, so an unreachable server costs no claim.
        if not empty and not _ensure_open(run, report):
            return False
        claim = run.ledger.claim(view.edition_id, subscriber.id, now, resend_unknown)
        if claim is None:
            report.not_ours += 1
            continue
        if rendered is None:
            run.ledger.skipped(claim, now, "nothing in this edition matches the reader's preferences")
            report.skipped += 1
            continue
        data = run.message_bytes(rendered, subscriber, unsubscribe_url, claim.message_id)
        outcome = _send_one(run, claim, subscriber, data, now, report, backoff, max_attempts)
        if outcome is None:
            return False
        unknown_in_a_row = unknown_in_a_row + 1 if outcome.status == "unknown" else 0
        if unknown_in_a_row >= MAX_UNKNOWN_IN_A_ROW:
            report.stopped = (
                f"stopped after {unknown_in_a_row} messages in a row that {run.transport.describe} took"
                " without answering; the readers not reached yet are served by the next run"
            )
            report.stopped_temporarily = False
            return False
    return True


def _ensure_open(run: _Run, report: SendReport) -> bool:
    try:
        run.transport.open()
    except TransportError as exc:
        report.stopped = str(exc)
        return False
    if not run.opened:
        run.opened = True
        report.transport = run.transport.describe
    return True


def _send_one(
    run: _Run,
    claim: Claim,
    subscriber: Subscriber,
    data: bytes,
    now: datetime,
    report: SendReport,
    backoff: float,
    max_attempts: int,
) -> Outcome | None:
    """Send one claimed message and record its fate; None when the run must stop (reason in report)."""
    key = f"edition-{claim.edition_id:05d}/subscriber-{subscriber.id:06d}"
    try:
        outcome = run.transport.send(run.envelope_from, subscriber.email, data, key=key)
    except OsteoDigestError as exc:  # a transport that raises instead of returning an outcome
        outcome = Outcome("temp", str(exc))
    if outcome.ok:
        run.ledger.sent(claim, datetime.now(UTC))
        report.sent += 1
        return outcome
    if outcome.status == "unknown":
        run.ledger.unknown(claim, now, outcome.detail)
        report.interrupted.append(
            Interrupted(
                claim.edition_id,
                subscriber.id,
                subscriber.email,
                claim.message_id,
                iso_time(now),
                cause=f"may have arrived ({outcome.detail})",
            )
        )
        return outcome
    if outcome.halt:
        run.ledger.release(claim, now, outcome.detail)
        report.stopped = f"stopped: {outcome.detail}"
        return None
    status = run.ledger.failed(
        claim,
        now,
        outcome.detail,
        permanent=outcome.status == "perm",
        backoff=backoff,
        max_attempts=max_attempts,
    )
    line = f"{subscriber.email}: {outcome.detail}"
    (report.failed_perm if status == DeliveryStatus.FAILED_PERM else report.failed_temp).append(line)
    if outcome.fatal:
        report.stopped = f"stopped: the server refuses our sender ({outcome.detail}); check smtp.from"
        report.stopped_temporarily = False
        return None
    return outcome


def report_lines(report: SendReport) -> tuple[list[str], list[str]]:
    """(lines for stdout, lines for stderr): the dry-run listing, and every problem in one line each."""
    out = [
        f"{p.email}\t{p.edition}\t{p.items} items\t{p.html_bytes // 1024} KB html\t{p.subject}"
        for p in report.previews
    ]
    if report.previews or report.skipped:
        out.append(f"dry run: {len(report.previews)} messages would go out, {report.skipped} readers skipped")
    err = [f"not sent, will retry: {line}" for line in report.failed_temp]
    err += [f"not sent, will not retry: {line}" for line in report.failed_perm]
    for item in report.interrupted:
        err.append(
            f"unknown outcome: edition {item.edition_id} to {item.email} (Message-ID {item.message_id})"
            f" {item.cause}; not resent: check the mail server log, then `send --resend-unknown` if it"
            " never left"
        )
    if report.stopped:
        err.append(report.stopped)
    return out, err


def summary_line(report: SendReport) -> str:
    made = f"made edition(s) {', '.join(map(str, report.editions_made))}; " if report.editions_made else ""
    return (
        f"{made}sent {report.sent}, skipped {report.skipped} (nothing for them), "
        f"{len(report.failed_temp)} to retry, {len(report.failed_perm)} failed, "
        f"{report.not_ours} already handled; via {report.transport or 'nothing'}"
        f" over {report.connections} connection(s)"
    )
