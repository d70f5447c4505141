"""One read-only view of a merged work, built once, so every tagger looks at the same text and metadata.

A work arrives as several records (PubMed, Crossref, a preprint server …) that each know part of the
story: PubMed has the structured abstract and, weeks later, NLM indexing; Crossref has the type; a
preprint server says "preprint". The view keeps the richest text and the union of the metadata, and
remembers which field each fact came from, because every tag must be able to say why it was given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from osteodigest.crawler.models import Record

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
#: Word sets of the texts of recently built views, so a cue can skip its regex when none of its trigger
#: words occurs (see :class:`crawler.tagging.cues.Cue`). Bounded: cleared whenever it grows past a few views.
TOKENS: dict[str, frozenset[str]] = {}
_TOKENS_MAX = 96
#: For recently built views: the joined text (``low_text``) of each title and abstract, and the two parts
#: of each joined text, so the three are scanned for cue literals once, together
#: (:class:`crawler.tagging.cues._LiteralIndex`). Bounded like :data:`TOKENS`.
PARTS: dict[str, str] = {}
JOINED_FROM: dict[str, tuple[str, str]] = {}


#: Bytes of ``[a-z0-9]`` kept, every other byte a space: an ASCII text's words are then one ``split``.
_WORD_BYTES = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32 for c in range(256))


def words_of(text: str) -> frozenset[str]:
    """The ``[a-z0-9]+`` words of ``text``, by a byte translation and a split: about twice as fast as the
    regex ``[a-z0-9]+``. Every other character separates words, so each non-ASCII one can become "?" (and
    then a space) on the way to bytes: the same words as the regex on any text."""
    return frozenset(text.encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii").split())


_DIGITS = re.compile(r"\d")
_DIGIT_BYTES = b"0123456789"


def digit_count(text: str) -> int:
    """How many digits (``\\d``) ``text`` holds. An ASCII text's are what deleting them takes off its bytes
    (one C pass, about twice as fast as listing the regex's matches); any other text is counted by the
    regex, which also knows the digits of other scripts."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data) - len(data.translate(None, _DIGIT_BYTES))
    return len(_DIGITS.findall(text))


def register_tokens(*texts: str) -> None:
    if len(TOKENS) > _TOKENS_MAX:
        TOKENS.clear()
    for text in texts:
        if text and text not in TOKENS:
            TOKENS[text] = words_of(text)


def word_set(text: str) -> frozenset[str]:
    """The ``[a-z0-9]+`` words of ``text`` (remembered for a view's texts, computed for any other)."""
    words = TOKENS.get(text)
    return words if words is not None else words_of(text)


_SPACES = re.compile(r"\s+")
# Publication types that say nothing about design; a record carrying only these counts as unindexed.
GENERIC_PUBLICATION_TYPES = frozenset(
    {
        "journal article",
        "english abstract",
        "comparative study",
        "multicenter study",
        "research support, non-u.s. gov't",
        "research support, u.s. gov't, p.h.s.",
        "research support, u.s. gov't, non-p.h.s.",
        "research support, n.i.h., extramural",
        "research support, n.i.h., intramural",
        "research support, american recovery and reinvestment act",
        "research support, u.s. gov't",
        "evaluation study",
        "validation study",
        "journal-article",
        "article",
    }
)


def normalise(text: str) -> str:
    """Plain spacing and dashes, same case: cues are matched on this and quoted back from it."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = _DASHES.sub("-", text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\xa0" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


@dataclass(slots=True)
class View:
    """What the taggers read. ``title``/``abstract`` keep their case (quoted in ``why``); ``low_*`` are
    lower-cased copies for matching. Metadata sets are lower-cased too."""

    title: str
    abstract: str
    sections: tuple[tuple[str, str], ...]
    journal: str
    publication_types: frozenset[str]
    mesh: frozenset[str]
    keywords: tuple[str, ...]
    kinds: frozenset[str]
    relations: frozenset[str]
    sources: frozenset[str]
    extra: dict[str, object] = field(default_factory=dict)
    low_title: str = ""
    low_abstract: str = ""
    low_journal: str = ""
    low_keywords: str = ""
    #: ``low_title`` and ``low_abstract`` joined (built once: many cues read it).
    low_text: str = ""
    #: Lower-cased labels of the structured abstract's sections ("methods", "case presentation" …).
    section_labels: tuple[str, ...] = ()
    #: Printed length in pages when the pagination is a range ("115-7" → 3); None for an article number,
    #: a single number (page or e-locator, indistinguishable) or no pagination (ahead of print).
    page_span: int | None = None

    @property
    def words(self) -> frozenset[str]:
        """The ``[a-z0-9]+`` words of title and abstract (for cheap "could this rule fire at all" checks)."""
        words = TOKENS.get(self.low_text)
        if words is None:
            register_tokens(self.low_text)
            words = TOKENS[self.low_text]
        return words

    @property
    def text(self) -> str:
        return f"{self.title} {self.abstract}"

    @property
    def design_types(self) -> frozenset[str]:
        """Publication types that carry design information (the NLM indexing, when present)."""
        return self.publication_types - GENERIC_PUBLICATION_TYPES

    @property
    def indexed(self) -> bool:
        return bool(self.design_types or self.mesh)


_PAGE_RANGE = re.compile(r"^\s*[A-Za-z]*(\d{1,6})[A-Za-z]*\s*[-\u2013]\s*[A-Za-z]*(\d{1,6})[A-Za-z]*")


def section_at(view: View, at: int) -> tuple[str, int, int]:
    """The label (lower case) and the span of the structured abstract's section that holds offset ``at`` of
    ``view.abstract`` (the section texts joined by one space, :func:`build_view`); for an abstract without
    sections, no label and the whole abstract."""
    start = 0
    for label, section in view.sections:
        if not section:
            continue
        end = start + len(section)
        if at < end:
            return label.lower(), start, end
        start = end + 1
    return "", 0, len(view.abstract)


def page_span(pages: str | None) -> int | None:
    """Printed pages of a range in MEDLINE style ("115-7", "1559-1561", "S12-S13", "e398-e403").

    A lone number is left undecided: it may be one page or an electronic article number.
    """
    if not pages:
        return None
    m = _PAGE_RANGE.match(pages)
    if not m:
        return None
    first, last = m.group(1), m.group(2)
    if len(last) < len(first):  # MEDLINE abbreviates the last page: "1261-3"
        last = first[: len(first) - len(last)] + last
    span = int(last) - int(first) + 1
    return span if 0 < span < 2000 else None


def _richest(records: Sequence[Record]) -> Record:
    # A journal version before a preprint, then the longest abstract, then PubMed (its titles are clean).
    return max(
        records,
        key=lambda r: (r.kind != "preprint", len(r.abstract or ""), r.source == "pubmed", len(r.title or "")),
    )


def build_view(records: Sequence[Record]) -> View:
    """Merge the records of one work into a :class:`View` (records may be a single record)."""
    if not records:
        raise ValueError("a work needs at least one record")
    view = _build(records)
    if len(TOKENS) > _TOKENS_MAX:
        TOKENS.clear()
        PARTS.clear()
        JOINED_FROM.clear()
    title_words = words_of(view.low_title)
    abstract_words = words_of(view.low_abstract)
    TOKENS[view.low_title] = title_words
    TOKENS[view.low_abstract] = abstract_words
    TOKENS[view.low_text] = title_words | abstract_words
    PARTS[view.low_title] = PARTS[view.low_abstract] = view.low_text
    JOINED_FROM[view.low_text] = (view.low_title, view.low_abstract)
    if view.low_keywords:
        TOKENS[view.low_keywords] = words_of(view.low_keywords)
    return view


def _build(records: Sequence[Record]) -> View:
    best = records[0] if len(records) == 1 else _richest(records)
    title = normalise(best.title or next((r.title for r in records if r.title), ""))
    abstract_record = best if len(records) == 1 else max(records, key=lambda r: len(r.abstract or ""))
    sections = tuple(
        (normalise(label or ""), normalise(text or "")) for label, text in abstract_record.labelled_sections()
    )
    # Sources join structured abstracts differently ("BACKGROUND: …" or plain); the section texts joined
    # plainly make every source look alike to the cues, and the labels are kept apart in ``sections``.
    abstract = (
        " ".join(t for _, t in sections if t) if sections else normalise(abstract_record.abstract or "")
    )
    journal = normalise(next((r.journal for r in (best, *records) if r.journal), "") or "")
    pubtypes = frozenset(p.strip().lower() for r in records for p in r.publication_types if p)
    mesh = frozenset(m.strip().lower().rstrip("*") for r in records for m in r.mesh if m)
    keywords: list[str] = []
    for r in records:
        for k in r.keywords:
            k = normalise(k)
            if k and k not in keywords:
                keywords.append(k)
    extra: dict[str, object] = {}
    for r in records:
        for key, value in r.extra.items():
            extra.setdefault(key, value)
    low_title, low_abstract = title.lower(), abstract.lower()
    span = next((s for s in (page_span(r.pages) for r in (best, *records)) if s is not None), None)
    return View(
        title=title,
        abstract=abstract,
        sections=sections,
        journal=journal,
        publication_types=pubtypes,
        mesh=mesh,
        keywords=tuple(keywords),
        kinds=frozenset(r.kind for r in records if r.kind),
        relations=frozenset(rel.type for r in records for rel in r.relations),
        sources=frozenset(r.source for r in records),
        extra=extra,
        low_title=low_title,
        low_abstract=low_abstract,
        low_journal=journal.lower(),
        low_keywords="; ".join(keywords).lower(),
        low_text=f"{low_title} \n {low_abstract}",
        section_labels=tuple(label.lower() for label, _ in sections if label),
        page_span=span,
    )
