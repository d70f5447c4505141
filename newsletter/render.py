"""Turn a stored edition into HTML and plain text from the same data, with Jinja2 over ``templates/``.

Autoescaping is on for every HTML template (scraped titles and abstracts are untrusted); CSS is inlined
with css-inline, a maintained inliner, because most mail clients drop <style> blocks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import css_inline
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

from crawler.models import Work
from crawler.store import Store
from newsletter.items import STUDY_TYPE_LABELS, DigestItem, make_item


@dataclass
class Section:
    key: str
    title: str
    items: list[DigestItem]


@dataclass
class Digest:
    """Everything the templates need for one edition, personalised or not."""

    title: str
    edition_id: int
    period_start: str | None
    period_end: str
    sections: list[Section]
    overflow: list[DigestItem] = field(default_factory=list)
    full_url: str | None = None
    unsubscribe_url: str | None = None
    preferences_url: str | None = None
    base_url: str = ""

    @property
    def items(self) -> list[DigestItem]:
        return [item for section in self.sections for item in section.items]

    @property
    def total(self) -> int:
        return len(self.items) + len(self.overflow)

    @property
    def summary(self) -> str:
        """One line: counts by topic and by study type, and the date range."""
        everything = self.items + self.overflow
        if not everything:
            return "No new items since the previous edition."
        topics = Counter(t for item in everything for t in item.topics[:1])
        types = Counter(item.study_label or "Untyped" for item in everything)
        topic_text = ", ".join(f"{n} {name}" for name, n in topics.most_common())
        type_text = ", ".join(f"{n} {name.lower()}" for name, n in types.most_common(4))
        since = (self.period_start or "")[:10]
        span = f"{since} to {self.period_end[:10]}" if since else f"up to {self.period_end[:10]}"
        return f"{len(everything)} new items ({topic_text}) — {type_text} — {span}"


def environment(templates_dir: str | Path | None = None) -> Environment:
    loaders = []
    if templates_dir:
        loaders.append(FileSystemLoader(str(templates_dir)))
    loaders.append(PackageLoader("templates", ""))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2", "xml", "xml.j2"), default_for_string=True, default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["study_type_labels"] = STUDY_TYPE_LABELS
    # The text template must not be HTML-escaped: it is read as text.
    return env


def build_digest(
    store: Store,
    edition_id: int,
    topic_labels: dict[str, str],
    *,
    max_items: int | None = None,
    base_url: str = "",
    work_filter: Any = None,
) -> Digest:
    """Assemble an edition from the store; ``work_filter(work) -> bool`` personalises it."""
    edition = store.get_edition(edition_id)
    if edition is None:
        raise KeyError(f"no edition {edition_id}")
    placed = store.edition_items(edition_id)
    works = {w.id: w for w in store.get_works([wid for wid, _ in placed])}
    sections: dict[str, Section] = {}
    overflow: list[DigestItem] = []
    shown = 0
    for work_id, section_key in placed:
        work: Work | None = works.get(work_id)
        if work is None or (work_filter is not None and not work_filter(work)):
            continue
        item = make_item(work, topic_labels)
        if max_items is not None and shown >= max_items:
            overflow.append(item)
            continue
        shown += 1
        if section_key not in sections:
            sections[section_key] = Section(section_key, _section_title(section_key, topic_labels), [])
        sections[section_key].items.append(item)
    base = base_url.rstrip("/")
    return Digest(
        title=edition["title"],
        edition_id=edition_id,
        period_start=edition["period_start"],
        period_end=edition["period_end"],
        sections=list(sections.values()),
        overflow=overflow,
        full_url=f"{base}/editions/{edition_id}" if base else None,
        base_url=base,
    )


_SECTION_TITLES = {
    "practice": "Practice-relevant",
    "other": "Other new items",
    "trials": "New and updated registered trials",
    "changes": "Status changes",
}


def _section_title(key: str, topic_labels: dict[str, str]) -> str:
    if key.startswith("topic:"):
        return topic_labels.get(key[6:], key[6:])
    return _SECTION_TITLES.get(key, key)


#: Media queries (dark mode, phone widths) cannot be inlined, so @-rules stay in a <style> block.
_INLINER = css_inline.CSSInliner(keep_at_rules=True)


@dataclass
class Rendered:
    subject: str
    html: str
    text: str


def render_digest(digest: Digest, env: Environment) -> Rendered:
    context = {"digest": digest}
    html = env.get_template("digest.html.j2").render(context)
    html = _INLINER.inline(html)
    text_env = env.overlay(autoescape=False)
    text = text_env.get_template("digest.txt.j2").render(context)
    subject = f"{digest.title}: {digest.total} new items" if digest.total else f"{digest.title}: nothing new"
    return Rendered(subject=subject, html=html, text=text)
