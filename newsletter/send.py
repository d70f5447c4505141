"""``osteodigest send``: one personalised message per edition a reader is owed, each delivered exactly
once.

Who is owed what. An active reader is owed every edition of their frequency made since they joined
(or came back, or chose that frequency), and, when none has been made since, the edition current then
(its calendar period the same as their arrival's): a reader who joins mid-week gets this week's edition
at the next send, then every weekly edition after it, each once. An edition missed while ``send`` did
not run is still sent, oldest first, so every item reaches every matching reader once; see
:mod:`newsletter.edition` for which works an edition holds. Before sending, ``send`` makes the edition
of each frequency its readers use when one is due (``--no-build``, and the scheduler's send job, leave
that to ``digest`` and the publish jobs).

How. Each edition is loaded once; per reader it is filtered, rendered, claimed in the ledger, and sent
over one SMTP connection reused for the whole run (or written to the outbox when no ``[smtp] host`` is
set). See :mod:`newsletter.deliveries` for the exactly-once rules and the crash window, and
:mod:`newsletter.bounces` for what a refused recipient costs the reader. The run holds the ``send``
lock (and the ``digest`` lock while it may make editions), so a second ``send`` started alongside stops
at once with exit status 75 instead of racing.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import make_msgid

from osteodigest.crawler.errors import OsteoDigestError
from osteodigest.crawler.exits import EXIT_OK, EXIT_PARTIAL, EXIT_TEMPFAIL
from osteodigest.crawler.locks import locks
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.store import BounceKind, DeliveryStatus, Edition, Store
from osteodigest.crawler.topics import Topic
from osteodigest.newsletter.bounces import Verp, record_bounce
from osteodigest.newsletter.deliveries import Claim, Interrupted, Ledger, iso_time
from osteodigest.newsletter.edition import (
    EditionResult,
    edition_due,
    edition_view,
    owed_editions,
    preview_view,
    publish_due,
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
    dry_run: bool = False
    #: Editions this run made before sending (their ids), and what each holds.
    editions_made: list[int] = field(default_factory=list)
    made: list[EditionResult] = field(default_factory=list)
    #: (frequency, edition id) sent in this run (None: a dry run's edition not made yet).
    editions: list[tuple[str, int | None]] = field(default_factory=list)
    sent: int = 0
    skipped: int = 0
    #: Due readers whose delivery another run had already claimed or recorded.
    not_ours: int = 0
    failed_temp: list[str] = field(default_factory=list)
    failed_perm: list[str] = field(default_factory=list)
    #: Readers this run set ``bouncing`` (their address refused too often).
    now_bouncing: list[str] = field(default_factory=list)
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
        mailbox = settings.section("mailbox")
        #: The list's mailbox, when one is read: it takes the bounces and the mailto unsubscribes.
        self.mailbox = address_of(mailbox["address"]) if mailbox["host"] and mailbox["address"] else None
        self.envelope_from = self.mailbox or address_of(self.sender)
        self.verp = Verp.for_settings(settings)
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

    def return_path(self, subscriber_id: int, edition_id: int) -> str:
        """The envelope sender: this reader's and edition's own under VERP, else the list's one."""
        return self.verp.sender(subscriber_id, edition_id) if self.verp else self.envelope_from

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

    def seen(self, view: EditionView, subscriber: Subscriber) -> set[int]:
        """The works among this edition's status changes that an earlier edition sent to the reader."""
        listed = self.store.editions.listing(view.changed_work_ids)
        editions = sorted({e for ids in listed.values() for e in ids if e != view.edition_id})
        received = self.store.deliveries.received(subscriber.id, editions)
        return {work for work, ids in listed.items() if ids & received}

    def digest_for(self, view: EditionView, subscriber: Subscriber) -> tuple[Digest, str]:
        unsubscribe_url, preferences_url = self.links(subscriber.id)
        digest = personalise(
            view,
            prefs=subscriber.prefs,
            max_items=int(self.digest_cfg["max_items"]),
            unsubscribe_url=unsubscribe_url,
            preferences_url=preferences_url,
            reader_url=self.reader_url(view, subscriber.id),
            seen=self.seen(view, subscriber),
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
            headers=list_headers(unsubscribe_url, self.mailbox, self.list_id),
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
    """Deliver every edition each reader is owed; see the module docstring.

    ``now`` (UTC; default the store's time) decides which retries are due; ``transport`` replaces the
    configured SMTP/outbox transport (any :class:`~newsletter.mail.Transport`).
    ``held_locks`` names the job locks the caller already holds (the CLI takes ``send`` for every
    command run); the others needed are taken here.
    """
    now = (now or store.now()).astimezone(UTC)
    run = _Run(settings, store, topics, transport)
    report = SendReport(dry_run=dry_run)
    readers = active_subscribers(store)
    if not readers:
        log.info("no active subscribers: nothing to send")
        return report
    frequencies = sorted({s.prefs.frequency for s in readers})
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
            if build:
                report.made = publish_due(settings, store, topics, frequencies)
                report.editions_made = [r.edition_id for r in report.made]
                for result in report.made:
                    log.info("made %s edition %d", result.frequency, result.edition_id)
        try:
            if dry_run:
                _dry_run(run, readers, frequencies, build, report)
            else:
                _deliver_owed(run, readers, now, report, resend_unknown)
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


def _owed_plan(
    run: _Run, readers: list[Subscriber], now: datetime, resend_unknown: bool
) -> list[tuple[Edition, set[int]]]:
    """Each edition some reader is owed or has a retry due, oldest first, with those readers."""
    owed = owed_editions(run.store, readers, timezone_of(run.settings))
    plan: dict[int, tuple[Edition, set[int]]] = {}
    for reader_id, editions in owed.items():
        for edition in editions:
            plan.setdefault(edition.id, (edition, set()))[1].add(reader_id)
    active = {r.id for r in readers}
    for edition_id, reader_id in run.ledger.retries_due(now, resend_unknown):
        retried = plan[edition_id][0] if edition_id in plan else run.store.editions.get(edition_id)
        if retried is not None and reader_id in active:
            plan.setdefault(edition_id, (retried, set()))[1].add(reader_id)
    return [plan[key] for key in sorted(plan)]


def _deliver_owed(
    run: _Run, readers: list[Subscriber], now: datetime, report: SendReport, resend_unknown: bool
) -> None:
    by_id = {s.id: s for s in readers}
    for edition, owing in _owed_plan(run, readers, now, resend_unknown):
        due = [
            sid
            for sid in run.ledger.due_subscriber_ids(edition.id, edition.frequency, now, resend_unknown)
            if sid in owing
        ]
        if not due:
            continue
        view = edition_view(run.settings, run.store, run.topics, edition.id)
        report.editions.append((edition.frequency, edition.id))
        if not _deliver(run, view, edition, [by_id[sid] for sid in due], now, report, resend_unknown):
            return


def _dry_run(
    run: _Run, readers: list[Subscriber], frequencies: list[str], build: bool, report: SendReport
) -> None:
    """What a real run would send: the owed editions, and the edition each frequency would make now."""
    for edition, owing in _owed_plan(run, readers, run.store.now(), resend_unknown=False):
        group = [r for r in readers if r.id in owing]
        already = run.store.deliveries.settled_subscriber_ids(edition.id)
        view = edition_view(run.settings, run.store, run.topics, edition.id)
        report.editions.append((edition.frequency, edition.id))
        _preview(run, view, [r for r in group if r.id not in already], report)
    tz = timezone_of(run.settings)
    for frequency in frequencies if build else []:
        if edition_due(run.store, frequency, tz):
            report.editions.append((frequency, None))
            view = preview_view(run.settings, run.store, run.topics, frequency)
            _preview(run, view, [r for r in readers if r.prefs.frequency == frequency], report)


def _preview(run: _Run, view: EditionView, group: list[Subscriber], report: SendReport) -> None:
    label = (
        f"{view.frequency} edition {view.edition_id}" if view.edition_id else f"new {view.frequency} edition"
    )
    for subscriber in group:
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


#: ``web.base_url`` values already warned about in this process: the scheduler sends every few minutes,
#: and cron mails whatever a job writes to stderr, so the warning is given once, when a mail goes out.
_WARNED_BASE_URLS: set[str] = set()


def _warn_plain_http_links(run: _Run) -> None:
    """Warn, once per process and only as a message is sent by SMTP, that its links are not https
    (``osteodigest config check`` says so at any time)."""
    if not run.smtp["host"] or run.base_url.startswith("https://") or run.base_url in _WARNED_BASE_URLS:
        return
    _WARNED_BASE_URLS.add(run.base_url)
    log.warning(
        "web.base_url %s is not https: mail providers ignore one-click unsubscribe over http", run.base_url
    )


def _deliver(
    run: _Run,
    view: EditionView,
    edition: Edition,
    group: list[Subscriber],
    now: datetime,
    report: SendReport,
    resend_unknown: bool,
) -> bool:
    """Send one edition to its due readers; False when the run must stop (the reason is in the report)."""
    backoff = float(run.smtp["retry_backoff"])
    max_attempts = max(1, int(run.smtp["max_attempts"]))
    unknown_in_a_row = 0
    for subscriber in group:
        digest, unsubscribe_url = run.digest_for(view, subscriber)
        empty = digest.total == 0 and not run.digest_cfg["send_empty"]
        rendered = None if empty else run.renderer.render(digest)
        # Connect (or reconnect after a drop) before claiming, so an unreachable server costs no claim.
        if not empty and not _ensure_open(run, report):
            return False
        claim = run.ledger.claim(
            edition.id, subscriber.id, now, resend_unknown, owed_after=edition.created_at
        )
        if claim is None:
            report.not_ours += 1
            continue
        if rendered is None:
            run.ledger.skipped(claim, now, "nothing in this edition matches the reader's preferences")
            report.skipped += 1
            continue
        _warn_plain_http_links(run)
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
    sender = run.return_path(subscriber.id, claim.edition_id)
    try:
        outcome = run.transport.send(sender, subscriber.email, data, key=key)
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
    if outcome.status == "perm" and outcome.at_recipient:
        bounce = record_bounce(
            run.settings,
            run.store,
            subscriber.id,
            kind=BounceKind.SMTP,
            permanent=True,
            detail=outcome.detail,
            source_key=f"delivery:{claim.edition_id}:{subscriber.id}",
            now=now,
        )
        if bounce.now_bouncing:
            report.now_bouncing.append(subscriber.email)
    if outcome.fatal:
        report.stopped = f"stopped: the server refuses our sender ({outcome.detail}); check smtp.from"
        report.stopped_temporarily = False
        return None
    return outcome


@dataclass
class ReaderPreview:
    """The message a reader would get next, built as ``send`` builds it, recorded nowhere."""

    view: EditionView
    digest: Digest
    rendered: Rendered
    message: bytes
    #: True when it is an edition already made that the reader has not had yet; False when it is the
    #: next edition of their frequency as it would be if made now.
    made: bool


def preview_message(
    settings: Settings,
    store: Store,
    topics: list[Topic],
    subscriber: Subscriber,
    frequency: str | None = None,
) -> ReaderPreview:
    """One reader's next message (``osteodigest preview --subscriber``): the oldest edition they are owed
    and have not had, else the next edition of their frequency so far."""
    run = _Run(settings, store, topics)
    frequency = frequency or subscriber.prefs.frequency
    owed = owed_editions(store, [subscriber], timezone_of(settings)).get(subscriber.id, [])
    pending = [
        e for e in owed if e.frequency == frequency and store.deliveries.get(e.id, subscriber.id) is None
    ]
    if pending:
        view = edition_view(settings, store, topics, pending[0].id)
    else:
        view = preview_view(settings, store, topics, frequency)
    digest, unsubscribe_url = run.digest_for(view, subscriber)
    rendered = run.renderer.render(digest)
    message_id = make_msgid(idstring="preview", domain=domain_of(run.sender))
    data = run.message_bytes(rendered, subscriber, unsubscribe_url, message_id)
    return ReaderPreview(view, digest, rendered, data, made=bool(pending))


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def account(report: SendReport) -> str:
    """What the run did, in one sentence ("3 messages sent, 2 readers had nothing new")."""
    made = [f"made the {r.frequency} edition {r.edition_id} ({_count(r.items, 'item')})" for r in report.made]
    if report.dry_run:
        done = [
            f"dry run: {_count(len(report.previews), 'message')} would go out",
            f"{_count(report.skipped, 'reader')} would have nothing new",
        ]
    elif not (
        report.sent or report.skipped or report.failed_temp or report.failed_perm or report.interrupted
    ):
        done = ["nothing to send: every reader has had every edition of their frequency"]
    else:
        done = [f"{_count(report.sent, 'message')} sent"]
        if report.skipped:
            done.append(f"{_count(report.skipped, 'reader')} had nothing new")
        if report.failed_temp:
            done.append(f"{len(report.failed_temp)} to retry later")
        if report.failed_perm:
            done.append(f"{len(report.failed_perm)} refused for good")
        if report.interrupted:
            done.append(f"{len(report.interrupted)} of unknown outcome")
        if report.now_bouncing:
            done.append(f"{_count(len(report.now_bouncing), 'reader')} now bouncing (no longer mailed)")
    if report.not_ours:
        done.append(f"{report.not_ours} already handled by another run")
    via = f" (via {report.transport})" if report.transport and not report.dry_run else ""
    return "; ".join([*made, ", ".join(done) + via])


def report_lines(report: SendReport) -> tuple[list[str], list[str]]:
    """(lines for stdout, lines for stderr): the dry run's listing and what the run did, in words; every
    problem in one line each."""
    out = [
        f"{p.email}\t{p.edition}\t{p.items} items\t{p.html_bytes // 1024} KB html\t{p.subject}"
        for p in report.previews
    ]
    out.append(account(report))
    err = [f"not sent, will retry: {line}" for line in report.failed_temp]
    err += [f"not sent, will not retry: {line}" for line in report.failed_perm]
    err += [f"{email}: bounced too often, set bouncing (no longer mailed)" for email in report.now_bouncing]
    for item in report.interrupted:
        err.append(
            f"unknown outcome: edition {item.edition_id} to {item.email} (Message-ID {item.message_id})"
            f" {item.cause}; not resent: check the mail server log, then `send --resend-unknown` if it"
            " never left"
        )
    if report.stopped:
        err.append(report.stopped)
    return out, err
