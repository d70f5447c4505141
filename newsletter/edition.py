"""Editions: record one per frequency, leave it rendered in the outbox, and know when the next is due.

An edition of a frequency covers the works first seen since the previous edition of that frequency
(the store selects them inside its write transaction). A new edition is *due* when the latest one of
its frequency was made in an earlier calendar period — an earlier day, ISO week or month in
``general.timezone`` — so a daily cron of ``osteodigest send`` yields one daily edition a day, one
weekly edition each Monday and one monthly edition on the 1st, without drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.models import Work
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.store import Store, utcnow
from osteodigest.crawler.store.editions import Planner
from osteodigest.crawler.topics import Topic, TopicMatcher
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
from osteodigest.newsletter.select import plan_sections


@dataclass
class EditionResult:
    edition_id: int
    items: int
    files: list[Path]


def topic_labels(topics: list[Topic]) -> dict[str, str]:
    return {t.name: t.label for t in topics}


def _planner(labels: dict[str, str]) -> Planner:
    def plan(new: Sequence[Work], changed: Sequence[Work]) -> list[tuple[str, tuple[int, ...]]]:
        return [(p.key, p.work_ids) for p in plan_sections(new, changed, labels)]

    return plan


def make_edition(settings: Settings, store: Store, topics: list[Topic], frequency: str | None = None) -> int:
    """Record the next edition of ``frequency`` (default from config) and return its id."""
    digest_cfg = settings.section("digest")
    frequency = frequency or digest_cfg["frequency"]
    return store.editions.create(frequency, digest_cfg["title"], _planner(topic_labels(topics)))


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
        matcher=TopicMatcher(topics),
        headline_model=headline_model(settings),
    )


def preview_view(settings: Settings, store: Store, topics: list[Topic], frequency: str) -> EditionView:
    """What the next edition of ``frequency`` would hold if made now — recorded nowhere (``--dry-run``)."""
    previous = store.editions.last(frequency)
    since = previous.period_end if previous else None
    now = utcnow()
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
        matcher=TopicMatcher(topics),
        headline_model=headline_model(settings),
    )


def new_works(store: Store, since: str | None, until: str | None = None) -> list[Work]:
    """Works first seen after ``since`` (the previous edition's end) and by ``until`` (default: now):
    the next edition's new items."""
    return store.works.get_many(store.works.first_seen_ids(since, until or utcnow()))


def prepare_headlines(settings: Settings, store: Store, frequency: str) -> None:
    """Ask the headline endpoint (when one is configured) about the works the next edition will hold,
    before the edition is made and outside its transaction: asking is bounded by its own budget, and
    whatever it does not finish leaves those items as they are."""
    if headline_model(settings) is None:
        return
    previous = store.editions.last(frequency)
    write_headlines(settings, store, new_works(store, previous.period_end if previous else None))


def publish_edition(
    settings: Settings, store: Store, topics: list[Topic], frequency: str | None = None
) -> EditionResult:
    """Make the edition and write its HTML, text and ready .eml to the outbox, as one step.

    The files are written inside the store transaction that records the edition, and the transaction
    commits only once all three are on disk: an edition whose files could not be written (full disk,
    read-only outbox: WriteError) is not recorded, so its works are still new to the next edition
    instead of belonging to an edition nobody can read. Should the commit itself fail, the files are
    removed again. Rendering holds the store's write lock meanwhile (a second or so for a large edition;
    writers wait up to the store's busy timeout).
    """
    digest_cfg = settings.section("digest")
    written: list[EditionResult] = []
    prepare_headlines(settings, store, frequency or digest_cfg["frequency"])

    def write_files(edition_id: int) -> None:
        written.append(write_edition(settings, store, topics, edition_id))

    try:
        store.editions.create(
            frequency or digest_cfg["frequency"],
            digest_cfg["title"],
            _planner(topic_labels(topics)),
            before_commit=write_files,
        )
    except BaseException:
        for path in written[0].files if written else []:
            path.unlink(missing_ok=True)
        raise
    return written[0]


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
    return EditionResult(edition_id=edition_id, items=full.total, files=files)


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


def edition_due(store: Store, frequency: str, tz: ZoneInfo, now: datetime | None = None) -> bool:
    """Whether the latest edition of ``frequency`` belongs to an earlier period than ``now``."""
    latest = store.editions.last(frequency)
    if latest is None:
        return True
    made = datetime.fromisoformat(latest.created_at)
    now = now or datetime.now(UTC)
    return period_of(made, frequency, tz) < period_of(now, frequency, tz)
