"""``osteodigest preview``: the next edition, or one reader's next message, written to files and
recorded nowhere.

Looking at what the next digest will hold used to mean running ``digest``, which recorded an edition
(and so changed what the readers would get). A preview asks the same questions the edition and the
sender ask — which works the next edition of a frequency would hold if made now, which edition a reader
is owed — and writes the answer to ``preview-…`` files in the outbox, without touching the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from osteodigest.crawler.files import write_files
from osteodigest.crawler.settings import Settings
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import Topic
from osteodigest.newsletter.edition import preview_view, renderer_for
from osteodigest.newsletter.render import personalise
from osteodigest.newsletter.send import preview_message
from osteodigest.newsletter.subscribers import find_subscriber


@dataclass(frozen=True)
class WrittenPreview:
    html: Path
    files: list[Path]
    #: One line for the terminal: what was previewed, how many items, where.
    describe: str


def write_preview(
    settings: Settings,
    store: Store,
    topics: list[Topic],
    *,
    subscriber: str | None = None,
    frequency: str | None = None,
) -> WrittenPreview:
    """Write the preview; LookupError names an address that is not a subscriber."""
    outbox = settings.outbox_path
    if subscriber is not None:
        reader = find_subscriber(store, subscriber)
        if reader is None:
            raise LookupError(f"no subscriber {subscriber}")
        preview = preview_message(settings, store, topics, reader, frequency)
        stem = outbox / f"preview-subscriber-{reader.id:06d}"
        files = write_files(
            [
                (stem.with_suffix(".html"), preview.rendered.html.encode("utf-8")),
                (stem.with_suffix(".txt"), preview.rendered.text.encode("utf-8")),
                (stem.with_suffix(".eml"), preview.message),
            ]
        )
        view = preview.view
        which = (
            f"{view.frequency} edition {view.edition_id}, not yet sent to them"
            if preview.made
            else f"the next {view.frequency} edition as it stands"
        )
        return WrittenPreview(
            files[0],
            files,
            f"{reader.email}: {which}: {_items(preview.digest.total)}, subject"
            f" {preview.rendered.subject!r}: {files[0]} (and .txt, .eml)",
        )
    frequency = frequency or settings.section("digest")["frequency"]
    view = preview_view(settings, store, topics, frequency)
    rendered = renderer_for(settings).render(personalise(view), budget=None)
    stem = outbox / f"preview-{frequency}"
    files = write_files(
        [
            (stem.with_suffix(".html"), rendered.html.encode("utf-8")),
            (stem.with_suffix(".txt"), rendered.text.encode("utf-8")),
        ]
    )
    since = (view.period_start or "")[:16].replace("T", " ")
    return WrittenPreview(
        files[0],
        files,
        f"the next {frequency} edition as it stands (works since {since}): {_items(len(view.entries))}:"
        f" {files[0]} (and .txt)",
    )


def _items(n: int) -> str:
    return f"{n} item{'' if n == 1 else 's'}"
