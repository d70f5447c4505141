"""Turn a stored edition into HTML and plain text from the same data, with Jinja2 over ``templates/``.

Autoescaping is on for every HTML template (scraped titles and abstracts are untrusted); CSS is inlined
with css-inline, a maintained inliner, because most mail clients drop <style> blocks.

An edition is loaded once (:func:`load_edition`: every item built once) and personalised per reader
(:func:`personalise`: a filter and a length budget, no store access), so sending to a thousand readers
costs a thousand renders, not a thousand loads. The HTML is kept under Gmail's clipping size by
listing fewer overflow titles, then showing fewer items, until it fits; when that cuts the number of
items the reader asked for, the message says so and links the reader's own page.

The inbox sees the subject and the preheader before anything else: the subject names the count of
practice-relevant items and the top item, the (hidden) preheader names the next items, and the first
visible line (the summary) leads with the practice-relevant count, so none of the three repeats another.
"""

from __future__ import annotations

import dataclasses
import functools
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import css_inline
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from osteodigest.crawler.models import Work
from osteodigest.crawler.store import PUBLISHED_AS, Preferences, Store
from osteodigest.newsletter.items import (
    JOURNAL_CHARS,
    STUDY_TYPE_LABELS,
    DigestItem,
    make_item,
    shorten,
    status_note,
)
from osteodigest.newsletter.pages import page_numbers
from osteodigest.newsletter.select import SectionKey, choice_label, section_title, wants

#: Works read at a time while an edition's items are made.
VIEW_CHUNK = 500

#: Gmail clips a message whose HTML is larger than about 102 KB; stay clear of it, counted in UTF-8
#: bytes of the HTML before transfer encoding.
HTML_BUDGET = 90_000


@dataclass
class Section:
    key: str
    title: str
    items: list[DigestItem]


@dataclass
class Digest:
    """Everything the templates need for one edition, personalised or not.

    Built whole and never changed afterwards (a trimmed digest is a new one: ``dataclasses.replace``), so
    the lists derived from its items (``items``, ``everything``, ``practice``) are made once, on first
    use, not again at every place a template or the subject line reads them.
    """

    title: str
    edition_id: int | None
    period_start: str | None
    period_end: str
    sections: list[Section]
    overflow: list[DigestItem] = field(default_factory=list)
    full_url: str | None = None
    unsubscribe_url: str | None = None
    preferences_url: str | None = None
    base_url: str = ""
    #: How many overflow titles are listed (None: all); the rest are counted, not named.
    overflow_listed: int | None = None
    #: A line saying whom the digest is filtered for, when it is.
    personal_note: str | None = None
    #: The reader's own view of this edition on the web (a signed link), when the digest is personal.
    reader_url: str | None = None
    #: Page of the full edition's web page that holds each work (1 when absent).
    item_pages: dict[int, int] = field(default_factory=dict)
    #: Items in full the reader asked for (their cap, or the configured default); None: no cap.
    cap: int | None = None
    #: Whether ``cap`` is the reader's own choice (their preferences), not the configured default.
    cap_chosen: bool = False
    #: Set when the HTML size budget, not the reader's cap, decided how many items are in full.
    cut_by_size: bool = False

    @functools.cached_property
    def items(self) -> list[DigestItem]:
        return [item for section in self.sections for item in section.items]

    @property
    def total(self) -> int:
        return len(self.items) + len(self.overflow)

    @property
    def listed_overflow(self) -> list[DigestItem]:
        return self.overflow if self.overflow_listed is None else self.overflow[: self.overflow_listed]

    @property
    def unlisted_count(self) -> int:
        return len(self.overflow) - len(self.listed_overflow)

    @functools.cached_property
    def everything(self) -> list[DigestItem]:
        return self.items + self.overflow

    @functools.cached_property
    def practice(self) -> list[DigestItem]:
        return [item for item in self.everything if item.practice_relevant]

    @property
    def summary(self) -> str:
        """One line leading with what matters: the practice-relevant count, then the rest by topic and
        design, then the dates covered."""
        everything = self.everything
        if not everything:
            return "No new items since the previous edition."
        practice = self.practice
        rest = [item for item in everything if not item.practice_relevant]
        topics = Counter(t for item in everything for t in item.topics[:1])
        topic_text = ", ".join(f"{n} {name}" for name, n in topics.most_common())
        noun = "item" if len(everything) == 1 else "items"
        of_all = f"{len(everything)} new {noun}" + (f" ({topic_text})" if topic_text else "")
        if practice:
            lead = f"{len(practice)} practice-relevant (evidence level 1–2 or a guideline) of {of_all}"
        else:
            lead = f"No practice-relevant item (evidence level 1–2 or a guideline) among {of_all}"
        types = Counter(item.study_label for item in rest if item.study_label)
        type_text = ", ".join(f"{n} {_plural(name.lower(), n)}" for name, n in types.most_common(4))
        since = (self.period_start or "")[:10]
        span = f"{since} to {self.period_end[:10]}" if since else f"up to {self.period_end[:10]}"
        also = f" — also {type_text}" if type_text and practice else f" — {type_text}" if type_text else ""
        return f"{lead}{also} — {span}"

    @property
    def top(self) -> DigestItem | None:
        """The item the subject names: the first practice-relevant one, else the first in the digest."""
        return next(iter(self.practice), None) or next(iter(self.everything), None)

    @property
    def preheader(self) -> str:
        """The inbox's second line: the items after the one the subject names (never the summary, which
        is the first visible line)."""
        top = self.top
        others = [item for item in self.everything if item is not top][:3]
        if not others:
            return "Study design and evidence level at a glance, with the abstract's own conclusion."
        return "Also: " + "; ".join(
            f"{short_title(item.title, 50)} ({item.study_label.lower() if item.study_label else 'item'})"
            for item in others
        )

    @property
    def browser_url(self) -> str | None:
        """Where "View in a browser" leads: the reader's own view when personal, else the whole edition."""
        return self.reader_url or self.full_url

    def item_url(self, item: DigestItem) -> str | None:
        """The link to one item on the edition's web page (the right page of a long edition)."""
        if not self.full_url:
            return None
        page = self.item_pages.get(item.work_id, 1)
        return f"{self.full_url}{f'?page={page}' if page > 1 else ''}#{item.anchor}"

    @property
    def cut_note(self) -> str | None:
        """Said when the size budget, not the reader's choice, decided how many items are in full."""
        if not self.cut_by_size:
            return None
        shown, why = len(self.items), "mail programs cut longer messages"
        if self.cap and self.cap_chosen:
            return f"You asked for up to {self.cap} items in full; {shown} fit in one email ({why})."
        return f"{shown} of {self.total} items fit in full in one email ({why})."

    @property
    def has_headlines(self) -> bool:
        return any(item.headline for item in self.items)

    @property
    def date_label(self) -> str:
        try:
            when = datetime.fromisoformat(self.period_end)
            return f"{when.day} {when:%b %Y}"
        except ValueError:
            return self.period_end[:10]


_PLURALS = (("study", "studies"), ("analysis", "analyses"), ("series", "series"))
#: Labels that are not a noun to count: "13 design not stateds" read as a typo.
_COUNTED_AS = {"design not stated": "with the design not stated"}


def short_title(title: str, limit: int = 60) -> str:
    """A title cut at a word boundary to about ``limit`` characters, for the subject and preheader."""
    title = " ".join(title.split()).rstrip(".")
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return (cut or title[:limit]) + "…"


def _plural(label: str, n: int) -> str:
    """'cohort study' -> 'cohort studies': the summary line counts study types. The head noun is the one
    made plural ("meta-analyses of randomised trials", "systematic reviews of cohort studies")."""
    if label in _COUNTED_AS:
        return _COUNTED_AS[label]
    if n == 1:
        return label
    head, of, rest = label.partition(" of ")
    for singular, plural in _PLURALS:
        if head.endswith(singular):
            return head[: -len(singular)] + plural + of + rest
    return (head if head.endswith("s") else head + "s") + of + rest


@dataclass
class EditionView:
    """An edition loaded once: its items built once, in edition order, shared by every reader's digest."""

    edition_id: int | None
    title: str
    frequency: str
    period_start: str | None
    period_end: str
    entries: list[tuple[str, DigestItem]]
    topic_labels: dict[str, str]
    base_url: str = ""

    @property
    def full_url(self) -> str | None:
        if not self.base_url or self.edition_id is None:
            return None
        return f"{self.base_url}/editions/{self.edition_id}"

    @property
    def changed_work_ids(self) -> list[int]:
        """Works listed under status changes that are not notices: earlier items whose status changed."""
        return [i.work_id for key, i in self.entries if key == SectionKey.CHANGES and not i.is_notice]

    @functools.cached_property
    def item_pages(self) -> dict[int, int]:
        """Which page of the whole edition's web page holds each work (long editions are paginated)."""
        return page_numbers([item for _, item in self.entries])


def load_edition(
    store: Store,
    edition_id: int,
    topic_labels: dict[str, str],
    *,
    base_url: str = "",
    headline_model: str | None = None,
) -> EditionView:
    edition = store.editions.get(edition_id)
    if edition is None:
        raise KeyError(f"no edition {edition_id}")
    return view_of(
        store,
        store.editions.items(edition_id),
        topic_labels,
        edition_id=edition_id,
        title=edition.title,
        frequency=edition.frequency,
        period_start=edition.period_start,
        period_end=edition.period_end,
        base_url=base_url,
        headline_model=headline_model,
    )


def view_of(
    store: Store,
    placed: list[tuple[int, str]],
    topic_labels: dict[str, str],
    *,
    edition_id: int | None,
    title: str,
    frequency: str,
    period_start: str | None,
    period_end: str,
    base_url: str = "",
    headline_model: str | None = None,
) -> EditionView:
    """Build the items of ``placed`` (work id, section) — a recorded edition or a preview's plan.

    ``headline_model``: show the plain-language headlines that model wrote and the checks accepted
    (None, when no headline endpoint is configured: the store is not even asked).
    """
    entries = []
    # The works are read a chunk at a time: an item is far smaller than the work (every record, every
    # abstract) it is made from, so a large edition never holds all of its works at once.
    for start in range(0, len(placed), VIEW_CHUNK):
        chunk = placed[start : start + VIEW_CHUNK]
        works = {w.id: w for w in store.works.get_many([wid for wid, _ in chunk])}
        headlines = store.headlines.accepted(list(works), headline_model) if headline_model else {}
        versions = version_labels(store, works)
        for work_id, section in chunk:
            work = works.get(work_id)
            if work is None:
                continue
            note = status_note(work) if section == SectionKey.CHANGES else None
            item = make_item(work, topic_labels, note)
            if work_id in headlines:
                item.headline, item.headline_model = headlines[work_id], headline_model
            if work_id in versions:
                item.notes.insert(0, versions[work_id])
            entries.append((section, item))
    return EditionView(
        edition_id=edition_id,
        title=title,
        frequency=frequency,
        period_start=period_start,
        period_end=period_end,
        entries=entries,
        topic_labels=topic_labels,
        base_url=base_url.rstrip("/"),
    )


def version_labels(store: Store, works: dict[int, Work]) -> dict[int, str]:
    """A later version is a work of its own, linked to the earlier one, and its label says so, so a
    reader knows why it is back: a review's update (``updates``) "Updated Cochrane review; previous
    version 2013", a preprint's journal article (its preprint links to it, ``published_as``)
    "Published in Bone; preprint 2025". The store keeps both kinds of link one way, whichever version
    arrived first."""
    labels = {}
    for work_id, work in works.items():
        earlier = [target for target, kind in store.works.links_from(work_id) if kind == "updates"]
        preprints = [source for source, kind in store.works.links_to(work_id) if kind == PUBLISHED_AS]
        if earlier:
            years = _years(store, earlier)
            cochrane = "cochrane" in (work.primary.journal or "").lower()
            what = "Updated Cochrane review" if cochrane else "Updated"
            labels[work_id] = what + (f"; previous version {years[-1]}" if years else "")
        elif preprints:
            years = _years(store, preprints)
            journal = shorten(work.primary.journal, JOURNAL_CHARS) or "a journal"
            labels[work_id] = f"Published in {journal}" + (f"; preprint {years[0]}" if years else "")
    return labels


def _years(store: Store, work_ids: list[int]) -> list[str]:
    """The years the primary records of these works were published, earliest first."""
    return sorted({(w.primary.published or "")[:4] for w in store.works.get_many(work_ids)} - {""})


def personalise(
    view: EditionView,
    *,
    prefs: Preferences | None = None,
    max_items: int | None = None,
    unsubscribe_url: str | None = None,
    preferences_url: str | None = None,
    reader_url: str | None = None,
    seen: set[int] | None = None,
) -> Digest:
    """One reader's digest: the items they want, the first ``max_items`` in full, the rest by title.

    ``seen``: the works an earlier edition sent this reader. When given, a status change (a later
    version, a correction, a retraction) of an item is told only to a reader who got that item; its
    notice, and the new version itself, reach everyone its topic reaches."""
    limit = prefs.max_items if prefs is not None and prefs.max_items is not None else max_items
    sections: dict[str, Section] = {}
    overflow: list[DigestItem] = []
    shown = 0
    for key, item in view.entries:
        if not wants(prefs, item, key):
            continue
        if seen is not None and key == SectionKey.CHANGES and not item.is_notice and item.work_id not in seen:
            continue
        if limit is not None and shown >= limit:
            overflow.append(item)
            continue
        shown += 1
        if key not in sections:
            sections[key] = Section(key, section_title(key, view.topic_labels), [])
        sections[key].items.append(item)
    return Digest(
        title=view.title,
        edition_id=view.edition_id,
        period_start=view.period_start,
        period_end=view.period_end,
        sections=list(sections.values()),
        overflow=overflow,
        full_url=view.full_url,
        unsubscribe_url=unsubscribe_url,
        preferences_url=preferences_url,
        base_url=view.base_url,
        personal_note=personal_note(prefs, view.topic_labels),
        reader_url=reader_url,
        item_pages=view.item_pages,
        cap=limit,
        cap_chosen=prefs is not None and prefs.max_items is not None,
    )


def personal_note(prefs: Preferences | None, topic_labels: dict[str, str]) -> str | None:
    """'Filtered for you — topics: …; no animal studies': whom a digest is filtered for, when it is."""
    if prefs is None or prefs.is_default:
        return None
    parts = []
    if prefs.topics:
        parts.append("topics: " + ", ".join(choice_label(t, topic_labels) for t in prefs.topics))
    if prefs.include_types:
        parts.append("only " + ", ".join(STUDY_TYPE_LABELS.get(t, t).lower() for t in prefs.include_types))
    if prefs.exclude_types:
        parts.append("no " + ", ".join(STUDY_TYPE_LABELS.get(t, t).lower() for t in prefs.exclude_types))
    if prefs.min_evidence is not None:
        parts.append(f"evidence level {prefs.min_evidence} or better")
    return "Filtered for you — " + "; ".join(parts)


def environment(templates_dir: str | Path | None = None) -> Environment:
    loaders: list[BaseLoader] = []
    if templates_dir:
        loaders.append(FileSystemLoader(str(templates_dir)))
    loaders.append(PackageLoader("osteodigest.templates", ""))
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
    # The same titles and findings are wrapped for every reader of an edition: wrap each once.
    env.filters["wordwrap"] = _cached_wordwrap
    return env


@functools.lru_cache(maxsize=16384)
def _cached_wordwrap(
    text: str, width: int = 79, break_long_words: bool = True, wrapstring: str | None = None
) -> str:
    """Jinja's ``wordwrap`` (same rules: per line, tabs and spaces kept), memoised across readers."""
    return (wrapstring or "\n").join(
        chunk
        for line in str(text).splitlines()
        for chunk in textwrap.wrap(
            line, width=width, expand_tabs=False, replace_whitespace=False, break_long_words=break_long_words
        )
    )


@dataclass
class Rendered:
    subject: str
    html: str
    text: str


class Renderer:
    """Templates compiled once, then one call per reader; keeps the HTML under :data:`HTML_BUDGET`."""

    def __init__(self, env: Environment | None = None, *, budget: int = HTML_BUDGET) -> None:
        self.env = env or environment()
        self.budget = budget
        self._html = self.env.get_template("digest.html.j2")
        # The text part must not be HTML-escaped: it is read as text.
        self._text = self.env.overlay(autoescape=False).get_template("digest.txt.j2")
        #: Media queries (dark mode, phone widths) cannot be inlined, so @-rules stay in a <style> block.
        self._inliner = css_inline.CSSInliner(keep_at_rules=True)

    def html(self, digest: Digest) -> str:
        return charset_first(self._inliner.inline(self._html.render(digest=digest)))

    def render(self, digest: Digest, *, budget: int | bool | None = True) -> Rendered:
        """``budget``: True for this renderer's, None for no limit (a whole edition for the archive)."""
        digest, html = self._fit(digest, self.budget if budget is True else budget)
        text = self._text.render(digest=digest)
        return Rendered(subject=subject_for(digest), html=html, text=text)

    def _fit(self, digest: Digest, budget: int | None) -> tuple[Digest, str]:
        """Name fewer overflow titles, then show fewer items in full, until the HTML fits the budget."""
        html = self.html(digest)
        while budget is not None and len(html.encode("utf-8")) > budget:
            listed = len(digest.listed_overflow)
            if listed > 0:
                digest = dataclasses.replace(digest, overflow_listed=listed // 2)
            elif len(digest.items) > 1:
                digest = _show_fewer(digest, max(1, len(digest.items) * 3 // 4))
                digest.cut_by_size = True
            else:
                break
            html = self.html(digest)
        return digest, html


def _show_fewer(digest: Digest, keep: int) -> Digest:
    """Keep the first ``keep`` items in full; the others join the overflow (counted, not listed)."""
    sections, moved, seen = [], [], 0
    for section in digest.sections:
        items = section.items[: max(0, keep - seen)]
        moved.extend(section.items[len(items) :])
        seen += len(items)
        if items:
            sections.append(Section(section.key, section.title, items))
    return dataclasses.replace(
        digest,
        sections=sections,
        overflow=moved + digest.overflow,
        overflow_listed=0,
    )


_META_CHARSET = '<meta charset="utf-8">'


def charset_first(html: str) -> str:
    """``<meta charset>`` as the first thing in ``<head>`` (the inliner puts the kept ``<style>`` before
    it; HTML wants the charset within the first 1,024 bytes)."""
    if _META_CHARSET not in html or "<head>" not in html:
        return html
    html = html.replace(_META_CHARSET, "", 1)
    return html.replace("<head>", "<head>" + _META_CHARSET, 1)


def subject_for(digest: Digest) -> str:
    """'OsteoDigest: 3 practice-relevant, top: <title> — meta-analysis' (or 'N new items, top: …')."""
    n = digest.total
    if not n:
        return f"{digest.title}, {digest.date_label}: nothing new"
    practice = len(digest.practice)
    count = f"{practice} practice-relevant" if practice else f"{n} new {'item' if n == 1 else 'items'}"
    top = digest.top
    if top is None:  # pragma: no cover - n > 0 means there is an item
        return f"{digest.title}: {count}"
    design = (top.study_label or "").lower()
    return f"{digest.title}: {count}, top: {short_title(top.title)}{f' — {design}' if design else ''}"
