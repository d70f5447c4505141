"""Subscribers and their preferences, kept in the store.

Addresses are checked with the ``email-validator`` package, syntax only (no DNS look-ups: an import of
a thousand rows must not make a thousand queries, and a temporarily unresolvable domain is not a bad
address). They are kept in the ASCII form every mail server accepts (an internationalised domain as
``xn--``), and compared case-insensitively, so ``Ann@Example.org`` and ``ann@example.org`` are one
reader.

Removing a reader marks the row unsubscribed rather than deleting it: the row is the suppression list
that keeps a later import (or a typo in a cron job) from writing to someone who left. ``purge`` deletes
the row and its delivery history for an erasure request; the address can then be added again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email
from osteodigest.crawler.errors import InputError, OsteoDigestError
from osteodigest.crawler.store import Bounce, Preferences, Store, Subscriber, SubscriberStatus
from osteodigest.crawler.store.subscribers import email_key
from osteodigest.crawler.tabular import decode_text, header_delimiter
from osteodigest.newsletter.items import STUDY_TYPE_LABELS
from osteodigest.newsletter.select import EVIDENCE_LEVELS, FREQUENCIES

#: Columns an import file may have; only ``email`` is required.
CSV_COLUMNS = ("email", "frequency", "topics", "include_types", "exclude_types", "min_evidence", "max_items")
#: Columns ``list --format csv`` writes that an import reads past.
IGNORED_COLUMNS = ("status",)
#: Header names other lists' exports give the address column (after lower-casing, spaces and dashes as
#: ``_``): Mailchimp's "Email Address", listmonk's ``email``, Mailman's and others' variants.
EMAIL_COLUMNS = ("email", "email_address", "e_mail", "e_mail_address", "mail", "subscriber_email")
_KNOWN_COLUMNS = ", ".join(CSV_COLUMNS)
_TYPE_ALIASES = {"invitro": "in_vitro", "animals": "animal", "meta": "meta_analysis", "rcts": "rct"}
_LIST_SPLIT = re.compile(r"[,;\s]+")


class InvalidInput(OsteoDigestError):
    """A bad address or preference; the message names the value and what is allowed."""


# ------------------------------------------------------------------------------------------ validation
def normalize_email(address: str) -> str:
    """The address as stored and sent to, or InvalidInput saying what is wrong with it."""
    text = (address or "").strip()
    if not text:
        raise InvalidInput("no address given")
    try:
        info = validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise InvalidInput(f"{text!r} is not a valid address: {exc}") from None
    return info.ascii_email or info.normalized


def split_list(value: str | Iterable[str] | None) -> list[str]:
    """``"a, b;c"`` or ``["a,b", "c"]`` -> ``["a", "b", "c"]`` (CLI options and CSV cells alike)."""
    if value is None:
        return []
    parts = [value] if isinstance(value, str) else list(value)
    return [p for part in parts for p in _LIST_SPLIT.split(part.strip()) if p]


def parse_study_types(value: str | Iterable[str] | None) -> tuple[str, ...]:
    result = []
    for raw in split_list(value):
        name = raw.strip().lower().replace("-", "_")
        name = _TYPE_ALIASES.get(name, name)
        if name not in STUDY_TYPE_LABELS:
            raise InvalidInput(f"unknown study type {raw!r}; known: {', '.join(sorted(STUDY_TYPE_LABELS))}")
        if name not in result:
            result.append(name)
    return tuple(result)


def parse_topics(value: str | Iterable[str] | None, known: Sequence[str] | None) -> tuple[str, ...]:
    """Topic names as the store keeps them, whatever their case: a topic or sub-topic of the
    configuration (``osteoporosis``, ``jaw_osteonecrosis``) or a facet of the tagger (``site:jaw``,
    ``staging:ARCO``); see :func:`newsletter.select.topic_choices`."""
    canonical = {name.casefold(): name for name in known} if known is not None else None
    result = []
    for raw in split_list(value):
        name = raw.strip()
        if canonical is None:
            name = name if ":" in name else name.lower()
        elif name.casefold() in canonical:
            name = canonical[name.casefold()]
        else:
            raise InvalidInput(f"unknown topic {raw!r}; known: {', '.join(known or ())}")
        if name not in result:
            result.append(name)
    return tuple(result)


def parse_int(value: Any, what: str, allowed: Sequence[int] | None = None, minimum: int = 1) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"{what} must be a whole number, got {value!r}") from None
    if allowed is not None and number not in allowed:
        raise InvalidInput(f"{what} must be one of {', '.join(map(str, allowed))}, got {number}")
    if number < minimum:
        raise InvalidInput(f"{what} must be at least {minimum}, got {number}")
    return number


def make_preferences(
    *,
    frequency: str | None = None,
    topics: Any = None,
    include_types: Any = None,
    exclude_types: Any = None,
    min_evidence: Any = None,
    max_items: Any = None,
    known_topics: Sequence[str] | None = None,
    default_frequency: str = "weekly",
) -> Preferences:
    """Validated preferences from loose input (CLI options, CSV cells, a web form)."""
    freq = (frequency or "").strip().lower() or default_frequency
    if freq not in FREQUENCIES:
        raise InvalidInput(f"frequency must be one of {', '.join(FREQUENCIES)}, got {frequency!r}")
    prefs = Preferences(
        frequency=freq,
        topics=parse_topics(topics, known_topics),
        include_types=parse_study_types(include_types),
        exclude_types=parse_study_types(exclude_types),
        min_evidence=parse_int(min_evidence, "min_evidence", EVIDENCE_LEVELS),
        max_items=parse_int(max_items, "max_items"),
    )
    clash = set(prefs.include_types) & set(prefs.exclude_types)
    if clash:
        raise InvalidInput(f"study type(s) both included and excluded: {', '.join(sorted(clash))}")
    return prefs


def merge_preferences(
    current: Preferences, *, known_topics: Sequence[str] | None = None, **given: Any
) -> Preferences:
    """``current`` with only the options ``given`` (not None) changed, each validated as
    :func:`make_preferences` does: ``subscribers add`` on a known address must not wipe the topics,
    evidence level or frequency the reader chose when only ``--max-items`` was asked for. An empty
    value (``--topics ''``) clears a filter."""
    changed = {name: value for name, value in given.items() if value is not None}
    unknown = set(changed) - {f.name for f in fields(Preferences)}
    if unknown:
        raise ValueError(f"not a preference: {', '.join(sorted(unknown))}")
    if not changed:
        return current
    validated = make_preferences(**changed, known_topics=known_topics, default_frequency=current.frequency)
    merged = replace(current, **{name: getattr(validated, name) for name in changed})
    clash = set(merged.include_types) & set(merged.exclude_types)
    if clash:
        raise InvalidInput(f"study type(s) both included and excluded: {', '.join(sorted(clash))}")
    return merged


# ------------------------------------------------------------------------------------------ storage
def get_subscriber(store: Store, subscriber_id: int) -> Subscriber | None:
    return store.subscribers.get(subscriber_id)


def find_subscriber(store: Store, address: str) -> Subscriber | None:
    return store.subscribers.find(normalize_email(address))


def list_subscribers(store: Store, status: str | None = None) -> list[Subscriber]:
    return store.subscribers.every(status)


def active_subscribers(store: Store, frequency: str | None = None) -> list[Subscriber]:
    return store.subscribers.active(frequency)


@dataclass
class AddResult:
    subscriber: Subscriber
    #: ``added``, ``updated`` (same address, new preferences) or ``resubscribed``.
    action: str


def add_subscriber(
    store: Store,
    address: str,
    prefs: Preferences | None = None,
    *,
    status: str = SubscriberStatus.ACTIVE,
    resubscribe: bool = False,
) -> AddResult:
    """Add a reader (or update the preferences of one already there).

    An address that unsubscribed is refused unless ``resubscribe`` says they asked to come back.
    ``status="pending"`` is for sign-ups awaiting double opt-in (the web side confirms them).
    """
    email = normalize_email(address)
    try:
        wanted = SubscriberStatus(status)
    except ValueError:
        raise ValueError(f"unknown status {status!r}") from None
    done = store.subscribers.upsert(email, prefs or Preferences(), status=wanted, resubscribe=resubscribe)
    if done.action == "refused":
        raise InvalidInput(
            f"{email} unsubscribed on {str(done.subscriber.unsubscribed_at)[:10]}; add it again only with"
            " their consent (--resubscribe)"
        )
    return AddResult(done.subscriber, done.action)


@dataclass
class SignUp:
    subscriber: Subscriber
    #: Whether this request added the address (False: it was known, and nothing about it changed).
    created: bool


def sign_up(
    store: Store, address: str, prefs: Preferences, *, status: str = SubscriberStatus.PENDING
) -> SignUp:
    """An anonymous sign-up request (the web form): add the address if it is new; leave a known one
    exactly as it is, whatever its status and whatever preferences the request asks for.

    Nobody has shown they own the address yet, so a request may not change a reader's preferences, nor
    bring back someone who unsubscribed (only the owner's click on the emailed link does, see
    :func:`confirm`). Known and new addresses take the same path through the store, so the time a
    request takes does not tell a visitor whether the address was known.
    """
    if status not in (SubscriberStatus.PENDING, SubscriberStatus.ACTIVE):
        raise ValueError(f"a sign-up starts pending or active, not {status!r}")
    subscriber, created = store.subscribers.add_if_new(
        normalize_email(address), prefs, SubscriberStatus(status)
    )
    return SignUp(subscriber, created=created)


def may_confirm(subscriber: Subscriber, state: str | None) -> bool:
    """Whether a confirmation link made when the reader's ``unsubscribed_at`` was ``state`` may still
    activate them: only if they have not unsubscribed (again) since it was made. An active reader's link
    is harmless (it changes nothing) and is answered as such."""
    return subscriber.status == SubscriberStatus.ACTIVE or subscriber.unsubscribed_at == state


def confirm(store: Store, subscriber_id: int, state: str | None) -> bool:
    """Activate a pending or returning reader through their emailed link; False when the link no
    longer may (see :func:`may_confirm`), so an unsubscribe always wins over an older confirmation.

    Checked and written in one transaction: an unsubscribe committed a moment before the click wins.
    """
    with store.transaction():
        subscriber = store.subscribers.get(subscriber_id)
        if subscriber is None or not may_confirm(subscriber, state):
            return False
        if subscriber.status != SubscriberStatus.ACTIVE:
            store.subscribers.activate(subscriber_id)
    return True


def update_preferences(store: Store, subscriber_id: int, prefs: Preferences) -> Subscriber:
    if not store.subscribers.set_preferences(subscriber_id, prefs):
        raise InvalidInput(f"no subscriber {subscriber_id}")
    subscriber = get_subscriber(store, subscriber_id)
    assert subscriber is not None
    return subscriber


def unsubscribe(store: Store, subscriber_id: int) -> bool:
    """Unsubscribe a reader by id (one-click, the web form, ``subscribers remove``); True when the status
    changed, so twice is fine.

    It takes effect at once for every later claim (the sender checks the status in the same transaction
    that claims a delivery), and it stamps ``unsubscribed_at``, which voids every confirmation link made
    before (see :func:`confirm`).
    """
    return store.subscribers.unsubscribe(subscriber_id)


def remove_subscriber(store: Store, address: str, *, purge: bool = False) -> bool:
    """Unsubscribe ``address`` (kept as suppression), or with ``purge`` delete it and its history."""
    subscriber = find_subscriber(store, address)
    if subscriber is None:
        return False
    if purge:
        store.subscribers.purge(subscriber.id)
    else:
        unsubscribe(store, subscriber.id)
    return True


# ------------------------------------------------------------------------------------------ CSV import
@dataclass
class ImportReport:
    added: int = 0
    #: Already subscribed: left as they are (readers manage their own preferences).
    unchanged: int = 0
    #: (line number, message) for every row that was not imported.
    problems: list[tuple[int, str]] = field(default_factory=list)
    #: What the import made of the header (which column held the addresses, which it read past).
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def import_csv(
    store: Store,
    source: str | Path | io.TextIOBase,
    *,
    known_topics: Sequence[str] | None = None,
    default_frequency: str = "weekly",
) -> ImportReport:
    """Import readers from CSV; bad rows are reported with their line number, good rows are stored.

    Addresses already present are left unchanged (their preferences may have been set by the reader),
    and addresses that unsubscribed are reported and not added again.

    The file has a header row naming any of :data:`CSV_COLUMNS` (an address column required, under any
    name of :data:`EMAIL_COLUMNS`, so a Mailchimp or listmonk export reads as it is; other columns are
    read past and named in ``notes``), or no header and one address per line. List cells (topics,
    types) are separated by ``;``, ``,`` or spaces. All good rows are written in one transaction, so an
    import is either stored whole or not at all.
    """
    text = _read_text(source)
    report = ImportReport()
    rows = list(_csv_rows(text, report))
    seen: dict[str, int] = {}
    good: list[tuple[int, str, Preferences]] = []
    for line, cells in rows:
        try:
            address = normalize_email(cells.get("email", ""))
            prefs = make_preferences(
                frequency=cells.get("frequency"),
                topics=cells.get("topics"),
                include_types=cells.get("include_types"),
                exclude_types=cells.get("exclude_types"),
                min_evidence=cells.get("min_evidence"),
                max_items=cells.get("max_items"),
                known_topics=known_topics,
                default_frequency=default_frequency,
            )
        except InvalidInput as exc:
            report.problems.append((line, str(exc)))
            continue
        key = email_key(address)
        if key in seen:
            report.problems.append((line, f"{address} repeats line {seen[key]}; the first row was kept"))
            continue
        seen[key] = line
        good.append((line, address, prefs))
    with store.transaction():
        for line, address, prefs in good:
            existing = store.subscribers.find(address)
            if existing is None:
                store.subscribers.upsert(address, prefs, status=SubscriberStatus.ACTIVE, resubscribe=False)
                report.added += 1
            elif existing.status == SubscriberStatus.UNSUBSCRIBED:
                when = str(existing.unsubscribed_at)[:10]
                report.problems.append((line, f"{address} unsubscribed on {when}; not added again"))
            else:
                report.unchanged += 1
    report.problems.sort()
    return report


def _read_text(source: str | Path | io.TextIOBase) -> str:
    if isinstance(source, io.TextIOBase):
        return source.read()
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from None
    try:
        return decode_text(data)
    except InputError as exc:  # a spreadsheet or a PDF given for the CSV
        raise InvalidInput(f"cannot read {path}: {exc}") from None


def _csv_rows(text: str, report: ImportReport) -> Iterable[tuple[int, dict[str, str]]]:
    """(line number, cells by column) for each non-blank row; header problems go to the report."""
    # The header decides the delimiter; cells may hold lists separated by the other characters.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=header_delimiter(text))
    header: list[str] | None = None
    line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report.problems.append((reader.line_num, f"unreadable CSV: {exc}"))
            return
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            names = [cell.strip().lower().replace(" ", "_").replace("-", "_") for cell in row]
            column = next((n for n in EMAIL_COLUMNS if n in names), None)
            if column is not None:
                at = names.index(column)
                names[at] = "email"
                report.notes.append(f"addresses from column {at + 1} ({row[at].strip()!r})")
                unknown = [
                    cell.strip()
                    for n, cell in zip(names, row, strict=False)
                    if n and n not in CSV_COLUMNS and n not in IGNORED_COLUMNS
                ]
                if unknown:
                    report.notes.append(
                        f"column(s) {', '.join(map(repr, unknown))} ignored; read: {_KNOWN_COLUMNS}"
                    )
                header = names
                continue
            header = ["email"]
            report.notes.append("no header row: one address per line")
        cells = {name: value.strip() for name, value in zip(header, row, strict=False) if name in CSV_COLUMNS}
        if len(row) > len(header) and any(v.strip() for v in row[len(header) :]):
            report.problems.append((start, f"{len(row)} cells but {len(header)} columns; row skipped"))
            continue
        yield start, cells


def subscribers_csv(subscribers: Sequence[Subscriber]) -> str:
    """The CSV ``list --format csv`` prints; it imports back unchanged."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, "status"])
    for s in subscribers:
        p = s.prefs
        writer.writerow(
            [
                s.email,
                p.frequency,
                ";".join(p.topics),
                ";".join(p.include_types),
                ";".join(p.exclude_types),
                "" if p.min_evidence is None else p.min_evidence,
                "" if p.max_items is None else p.max_items,
                s.status,
            ]
        )
    return out.getvalue()


def describe(subscriber: Subscriber, bounces: Sequence[Bounce] = ()) -> str:
    """One line for ``subscribers list``: address, status, frequency and what they filter; for a
    bouncing reader, also their latest bounce (the first of ``bounces``), so the cause is in sight."""
    p = subscriber.prefs
    parts = [p.frequency]
    if p.topics:
        parts.append("topics " + ",".join(p.topics))
    if p.include_types:
        parts.append("only " + ",".join(p.include_types))
    if p.exclude_types:
        parts.append("no " + ",".join(p.exclude_types))
    if p.min_evidence is not None:
        parts.append(f"evidence <= {p.min_evidence}")
    if p.max_items is not None:
        parts.append(f"max {p.max_items} items")
    line = f"{subscriber.id}\t{subscriber.email}\t{subscriber.status}\t{'; '.join(parts)}"
    if subscriber.status == SubscriberStatus.BOUNCING and bounces:
        line += f"\tlast bounce {bounces[0].received_at[:10]}: {bounces[0].detail}"
    return line
