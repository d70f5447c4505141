"""The ``digest`` job: record a new edition in the store and leave it, rendered, in the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crawler.settings import Settings
from crawler.store import Store
from crawler.topics import Topic
from newsletter.mail import build_message, write_edition_files
from newsletter.render import build_digest, environment, render_digest
from newsletter.select import plan_sections


@dataclass
class EditionResult:
    edition_id: int
    items: int
    files: list[Path]


def topic_labels(topics: list[Topic]) -> dict[str, str]:
    return {t.name: t.label for t in topics}


def make_edition(settings: Settings, store: Store, topics: list[Topic], frequency: str | None = None) -> int:
    """Record the next edition of ``frequency`` (default from config) and return its id."""
    digest_cfg = settings.section("digest")
    frequency = frequency or digest_cfg["frequency"]
    labels = topic_labels(topics)
    return store.create_edition(
        frequency,
        digest_cfg["title"],
        lambda new, changed: [(p.key, p.work_ids) for p in plan_sections(new, changed, labels)],
    )


def publish_edition(
    settings: Settings, store: Store, topics: list[Topic], frequency: str | None = None
) -> EditionResult:
    """Make the edition and write its HTML, text and ready .eml to the outbox."""
    edition_id = make_edition(settings, store, topics, frequency)
    digest_cfg = settings.section("digest")
    templates_dir = settings.resolve(digest_cfg["templates_dir"]) if digest_cfg["templates_dir"] else None
    labels = topic_labels(topics)
    base_url = settings.section("web")["base_url"]
    env = environment(templates_dir)
    # The outbox keeps the whole edition; the email shows the first max_items and lists the rest.
    full = build_digest(store, edition_id, labels, base_url=base_url)
    email = build_digest(store, edition_id, labels, max_items=int(digest_cfg["max_items"]), base_url=base_url)
    sender = settings.section("smtp")["from"]
    message = build_message(render_digest(email, env), sender=sender, to=sender)
    stem = f"edition-{edition_id:05d}"
    files = write_edition_files(settings.outbox_path, stem, render_digest(full, env), message)
    digest = full
    return EditionResult(edition_id=edition_id, items=digest.total, files=files)
