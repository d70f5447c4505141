"""Editions: made once per calendar period of each frequency, left rendered in the outbox.

When. An edition of a frequency is *due* when the latest one of that frequency was made in an earlier
calendar period — an earlier day, ISO week or month in ``general.timezone`` — or never. Every command
that makes editions (``run``, ``digest``, ``send``, the scheduler's publish jobs) makes only the due
ones, so ``run`` then ``digest``, or ``run; send`` twice in a day, make one weekly edition that week,
not a second, empty one that would take the first one's place.

What. An edition covers the works first seen in its window, from ``period_start`` to the moment it is
made: the window starts where the previous edition of the frequency ended, so every work lands in
exactly one edition of each frequency. A first edition starts one period back (a day, a week, a month),
never at the beginning of the store; and when a frequency went unread for a while, its next edition
starts one period before its earliest reader's arrival, so a new reader is not sent a year's backlog.

Who gets which edition is :mod:`newsletter.send`'s business (every edition made since they joined).
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from osteodigest.crawler.errors import ConfigError, OsteoDigestError
from osteodigest.crawler.models import Work
from osteodigest.crawler.run import assess_pending, relevance_stage_for
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.store import Edition, Store, Subscriber, iso_stamp
from osteodigest.crawler.store.editions import Planner, Window
from osteodigest.crawler.topics import Topic
from osteodigest.newsletter.headlines import headline_model, write_headlines
from osteodigest.newsletter.mail import build_message, write_edition_files
from osteodigest.newsletter.render import (
    EditionView,
    Renderer,
    environment,
    load_edition,
    personalise,
    view_of,
)
from osteodigest.newsletter.select import FREQUENCIES, plan_sections

log = logging.getLogger("osteodigest.edition")


@dataclass
class EditionResult:
    edition_id: int
    frequency: str
    items: int
    files: list[Path]


def topic_labels(topics: list[Topic]) -> dict[str, str]:
    return {t.name: t.label for t in topics}


def _planner(labels: dict[str, str]) -> Planner:
    def plan(new: Sequence[Work], changed: Sequence[Work]) -> list[tuple[str, tuple[int, ...]]]:
        return [(p.key, p.work_ids) for p in plan_sections(new, changed, labels)]

    return plan


def assess_pending_works(settings: Settings, store: Store) -> None:
    """Assess the works a fetch left untagged or unassessed (its tag step failed, or an earlier version
    stored them) before an edition picks its works: an unassessed work is about nothing, and would
    otherwise miss the edition of its week for good. Costs one indexed query when there are none."""
    if not (store.works.unassessed_ids() or store.works.untagged_ids()):
        return
    try:
        failures = assess_pending(store, relevance_stage_for(settings))
    except OsteoDigestError as exc:  # the store refused the writes: the edition goes on without them
        log.warning("works left unassessed could not be assessed: %s", exc)
        return
    if failures:
        log.warning(
            "%d works could not be tagged and are in no edition, first work %d: %s",
            len(failures),
            *failures[0],
        )


def make_edition(settings: Settings, store: Store, topics: list[Topic], frequency: str | None = None) -> int:
    """Record the next edition of ``frequency`` (default from config) now, due or not, and return its id
    (benchmarks and tests that need several editions at once; commands make only due ones)."""
    assess_pending_works(settings, store)
    frequency = frequency or settings.section("digest")["frequency"]
    made = store.editions.create(
        frequency,
        settings.section("digest")["title"],
        _planner(topic_labels(topics)),
        edition_window(settings, store, frequency, force=True),
    )
    assert made is not None  # a forced window always opens
    return made


def renderer_for(settings: Settings) -> Renderer:
    templates_dir = settings.section("digest")["templates_dir"]
    return Renderer(environment(settings.resolve(templates_dir) if templates_dir else None))


def edition_view(settings: Settings, store: Store, topics: list[Topic], edition_id: int) -> EditionView:
    """The edition loaded once, ready to personalise for each reader."""
    return load_edition(
        store,
        edition_id,
        topic_labels(topics),
        base_url=settings.section("web")["base_url"],
        headline_model=headline_model(settings),
    )


# ------------------------------------------------------------------------------------------ when, what
def timezone_of(settings: Settings) -> ZoneInfo:
    name = settings.section("general")["timezone"]
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"bad value for 'general.timezone': unknown time zone {name!r}") from None


def period_of(moment: datetime, frequency: str, tz: ZoneInfo) -> tuple[int, ...]:
    """The calendar period (day, ISO week or month) a moment falls in, in ``tz``."""
    local = moment.astimezone(tz)
    if frequency == "daily":
        return (local.year, local.month, local.day)
    if frequency == "weekly":
        iso = local.isocalendar()
        return (iso.year, iso.week)
    if frequency == "monthly":
        return (local.year, local.month)
    raise ValueError(f"unknown frequency {frequency!r}")


def one_period_before(moment: datetime, frequency: str, tz: ZoneInfo) -> datetime:
    """The same local time a day, a week or a calendar month earlier (the 31st falls back to the end
    of a shorter month)."""
    if frequency == "daily":
        return moment - timedelta(days=1)
    if frequency == "weekly":
        return moment - timedelta(weeks=1)
    if frequency != "monthly":
        raise ValueError(f"unknown frequency {frequency!r}")
    local = moment.astimezone(tz)
    year, month = (local.year, local.month - 1) if local.month > 1 else (local.year - 1, 12)
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day)


def next_period_start(moment: datetime, frequency: str, tz: ZoneInfo) -> datetime:
    """Midnight (in ``tz``) that starts the day, ISO week or month after the one ``moment`` falls in."""
    local = moment.astimezone(tz)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if frequency == "daily":
        start = midnight + timedelta(days=1)
    elif frequency == "weekly":
        start = midnight + timedelta(days=7 - local.weekday())
    elif frequency == "monthly":
        start = midnight.replace(day=1, month=local.month % 12 + 1, year=local.year + local.month // 12)
    else:
        raise ValueError(f"unknown frequency {frequency!r}")
    return start.replace(tzinfo=tz)  # a fresh offset: the period may start on the other side of a DST change


def is_due(latest: Edition | None, frequency: str, tz: ZoneInfo, now: datetime) -> bool:
    """Whether an edition of ``frequency`` is due at ``now``: none yet, or the latest in an earlier
    calendar period."""
    if latest is None:
        return True
    made = datetime.fromisoformat(latest.created_at)
    return period_of(made, frequency, tz) < period_of(now, frequency, tz)


def edition_due(store: Store, frequency: str, tz: ZoneInfo, now: datetime | None = None) -> bool:
    """Whether the latest edition of ``frequency`` belongs to an earlier period than ``now`` (the
    store's time when not given)."""
    return is_due(store.editions.last(frequency), frequency, tz, now or store.now())


def window_start(
    previous: Edition | None, frequency: str, tz: ZoneInfo, now: datetime, earliest_owed: str | None
) -> str:
    """Where the next edition of ``frequency`` made at ``now`` starts (see the module docstring)."""
    back = one_period_before(now, frequency, tz)
    if previous is None:
        return iso_stamp(back)
    floor = back
    if earliest_owed is not None:
        floor = one_period_before(datetime.fromisoformat(earliest_owed), frequency, tz)
    return max(previous.period_end, iso_stamp(floor))


def edition_window(settings: Settings, store: Store, frequency: str, *, force: bool = False) -> Window:
    """The window rule :meth:`Editions.create` asks inside its transaction: None when no edition of
    ``frequency`` is due (unless ``force``), else where the new one starts."""
    tz = timezone_of(settings)
    owed = [s.owed_since for s in store.subscribers.active(frequency) if s.owed_since]
    earliest = min(owed) if owed else None

    def window(previous: Edition | None, now: datetime) -> str | None:
        if not force and not is_due(previous, frequency, tz, now):
            return None
        return window_start(previous, frequency, tz, now, earliest)

    return window


def next_window(settings: Settings, store: Store, frequency: str) -> tuple[str, str]:
    """(start, end) of what the next edition of ``frequency`` would cover if made now: the due one, or,
    when this period's is made already, the one after it so far."""
    now = store.now()
    previous = store.editions.last(frequency)
    start = edition_window(settings, store, frequency, force=True)(previous, now)
    assert start is not None
    return start, iso_stamp(now)


def wanted_frequencies(settings: Settings, store: Store) -> list[str]:
    """The configured frequency (its editions fill the archive and the feed) and every frequency an
    active reader chose, in the order of :data:`FREQUENCIES`."""
    chosen = {s.prefs.frequency for s in store.subscribers.active()}
    chosen.add(settings.section("digest")["frequency"])
    return [f for f in FREQUENCIES if f in chosen]


def owed_editions(store: Store, readers: Iterable[Subscriber], tz: ZoneInfo) -> dict[int, list[Edition]]:
    """For each reader, the editions of their frequency they are owed, oldest first (whether one was
    delivered already is the ledger's to say): every one made at or after their ``owed_since``, or,
    when none has been made since, the one current then (made in the same calendar period)."""
    by_frequency: dict[str, list[Subscriber]] = {}
    for reader in readers:
        by_frequency.setdefault(reader.prefs.frequency, []).append(reader)
    owed: dict[int, list[Edition]] = {}
    for frequency, group in by_frequency.items():
        starts = {r.id: r.owed_since or r.created_at for r in group}
        editions = store.editions.since(frequency, min(starts.values()))
        for reader in group:
            start = starts[reader.id]
            after = [e for e in editions if e.created_at >= start]
            before = [e for e in editions if e.created_at < start][-1:]
            current = [
                e
                for e in before
                if period_of(datetime.fromisoformat(e.created_at), frequency, tz)
                == period_of(datetime.fromisoformat(start), frequency, tz)
            ]
            owed[reader.id] = after or current
    return owed


def preview_view(settings: Settings, store: Store, topics: list[Topic], frequency: str) -> EditionView:
    """What the next edition of ``frequency`` would hold if made now — recorded nowhere (``preview``,
    ``send --dry-run``)."""
    since, now = next_window(settings, store, frequency)
    new, changed = store.works.edition_candidates(since, now)
    labels = topic_labels(topics)
    placed = [(key, ids) for key, ids in _planner(labels)(new, changed)]
    return view_of(
        store,
        [(wid, key) for key, ids in placed for wid in ids],
        labels,
        edition_id=None,
        title=settings.section("digest")["title"],
        frequency=frequency,
        period_start=since,
        period_end=now,
        base_url=settings.section("web")["base_url"],
        headline_model=headline_model(settings),
    )


def new_works(store: Store, since: str, until: str) -> list[Work]:
    """Works about a topic first seen after ``since`` and by ``until``: the next edition's new items."""
    return store.works.get_many(store.works.new_ids(since, until))


def prepare_headlines(settings: Settings, store: Store, frequency: str) -> None:
    """Ask the headline endpoint (when one is configured) about the works the next edition will hold,
    before the edition is made and outside its transaction: asking is bounded by its own budget, and
    whatever it does not finish leaves those items as they are."""
    if headline_model(settings) is None:
        return
    write_headlines(settings, store, new_works(store, *next_window(settings, store, frequency)))


# ------------------------------------------------------------------------------------------ making
def publish_due(
    settings: Settings, store: Store, topics: list[Topic], frequencies: Iterable[str] | None = None
) -> list[EditionResult]:
    """Make and write the due edition of each frequency (default: :func:`wanted_frequencies`); the
    frequencies whose edition of this period exists already are left alone."""
    made = []
    for frequency in frequencies or wanted_frequencies(settings, store):
        result = publish_edition(settings, store, topics, frequency)
        if result is not None:
            made.append(result)
    return made


def publish_edition(
    settings: Settings,
    store: Store,
    topics: list[Topic],
    frequency: str | None = None,
    *,
    force: bool = False,
) -> EditionResult | None:
    """Make the edition of ``frequency`` if it is due (or ``force``) and write its HTML, text and
    ready .eml to the outbox, as one step; None when none is due.

    The files are written inside the store transaction that records the edition, and the transaction
    commits only once all three are on disk: an edition whose files could not be written (full disk,
    read-only outbox: WriteError) is not recorded, so its works are still new to the next edition
    instead of belonging to an edition nobody can read. Should the commit itself fail, the files are
    removed again. Rendering holds the store's write lock meanwhile (a second or so for a large edition;
    writers wait up to the store's busy timeout).
    """
    digest_cfg = settings.section("digest")
    frequency = frequency or digest_cfg["frequency"]
    if not force and not edition_due(store, frequency, timezone_of(settings)):
        return None
    written: list[EditionResult] = []
    assess_pending_works(settings, store)
    prepare_headlines(settings, store, frequency)

    def write_files(edition_id: int) -> None:
        written.append(write_edition(settings, store, topics, edition_id))

    try:
        made = store.editions.create(
            frequency,
            digest_cfg["title"],
            _planner(topic_labels(topics)),
            edition_window(settings, store, frequency, force=force),
            before_commit=write_files,
        )
    except BaseException:
        for path in written[0].files if written else []:
            path.unlink(missing_ok=True)
        raise
    return written[0] if made is not None else None


def describe_editions(
    settings: Settings, store: Store, made: list[EditionResult], frequencies: list[str] | None = None
) -> list[str]:
    """One line per frequency for ``digest``: the edition it made, or the one this period already has
    and when the next is due."""
    tz = timezone_of(settings)
    lines = [
        f"made the {r.frequency} edition {r.edition_id} ({r.items} item{'' if r.items == 1 else 's'}):"
        f" {r.files[0]}"
        for r in made
    ]
    done = {r.frequency for r in made}
    for frequency in frequencies or wanted_frequencies(settings, store):
        latest = store.editions.last(frequency)
        if frequency in done or latest is None:
            continue
        made_at = datetime.fromisoformat(latest.created_at)
        due = next_period_start(made_at, frequency, tz)
        lines.append(
            f"the {frequency} edition of this period is edition {latest.id}, made"
            f" {made_at.astimezone(tz):%Y-%m-%d %H:%M}; the next is due from {due:%Y-%m-%d}"
            " (`osteodigest preview` shows what it holds so far)"
        )
    return lines


def write_edition(settings: Settings, store: Store, topics: list[Topic], edition_id: int) -> EditionResult:
    """The unpersonalised edition as ``edition-NNNNN.html/.txt/.eml`` in the outbox (all or none)."""
    view = edition_view(settings, store, topics, edition_id)
    renderer = renderer_for(settings)
    # The .html/.txt files keep the whole edition (every item in full); the ready .eml is the email,
    # with the first max_items in full and the rest listed by title.
    full = personalise(view)
    email = personalise(view, max_items=int(settings.section("digest")["max_items"]))
    sender = settings.section("smtp")["from"]
    message = build_message(renderer.render(email), sender=sender, to=sender)
    stem = f"edition-{edition_id:05d}"
    files = write_edition_files(settings.outbox_path, stem, renderer.render(full, budget=None), message)
    return EditionResult(edition_id=edition_id, frequency=view.frequency, items=full.total, files=files)
