"""Small matching helpers shared by the taggers: find a cue, quote it back with its field.

Every tag must carry the phrase that produced it, so matching returns the quoted evidence rather
than a bare boolean. Patterns are compiled once at import: the tagger runs on every stored work and
on bulk files of tens of thousands of records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.tagging.view import View

_QUOTE_CONTEXT = 40


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a cue pattern; cues are matched on lower-cased text, so no IGNORECASE is needed."""
    return re.compile(pattern)


@dataclass(frozen=True, slots=True)
class Hit:
    """One matched cue: the field it came from and the phrase as written there."""

    field: str
    phrase: str
    start: int = 0

    def __str__(self) -> str:
        return f'{self.field}: "{self.phrase}"'


def quote(original: str, lowered: str, match: re.Match[str], context: int = 0) -> str:
    """The matched phrase in its original case (plus optional context), trimmed to one line."""
    start, end = match.span()
    if context:
        start = max(0, start - context)
        end = min(len(lowered), end + context)
    source = original if len(original) == len(lowered) else lowered
    text = source[start:end].strip()
    if context:
        if start > 0:
            text = "…" + text
        if end < len(lowered):
            text += "…"
    return text


def in_title(view: View, pattern: re.Pattern[str]) -> Hit | None:
    m = pattern.search(view.low_title)
    return Hit("title", quote(view.title, view.low_title, m), m.start()) if m else None


def in_abstract(view: View, pattern: re.Pattern[str], context: int = 0) -> Hit | None:
    m = pattern.search(view.low_abstract)
    return Hit("abstract", quote(view.abstract, view.low_abstract, m, context), m.start()) if m else None


def in_text(view: View, pattern: re.Pattern[str], context: int = 0) -> Hit | None:
    """Title first (the authors' own label), then the abstract."""
    return in_title(view, pattern) or in_abstract(view, pattern, context)


def in_keywords(view: View, pattern: re.Pattern[str]) -> Hit | None:
    m = pattern.search(view.low_keywords)
    return Hit("keywords", view.low_keywords[m.start() : m.end()]) if m else None


def count(pattern: re.Pattern[str], text: str, limit: int = 50) -> int:
    n = 0
    for _ in pattern.finditer(text):
        n += 1
        if n >= limit:
            break
    return n


def meta(field: str, value: str) -> Hit:
    """Evidence from metadata rather than text (publication type, MeSH, kind, relation, journal)."""
    return Hit(field, value)
