"""The normalize stage: identifiers in canonical form and clean text before anything compares them.

Identifier rules live in :mod:`crawler.dedup.normalize` (the deduplicator needs them too); this stage
applies them once, at the door, so every stored record is already canonical.

Clean text means no character that can do harm or deceive once shown: control characters (NUL, the C0
and C1 controls, whole terminal escape sequences such as ``ESC[31m``) and invisible format characters
(bidirectional overrides and isolates such as U+202E, which can make a title read backwards in the HTML
and text of a digest, zero-width spaces, tag characters) are removed from every text field here, so none
reaches the store, an email, a web page or a link. Tabs and line breaks survive in multi-line text
(abstracts); single-line fields have their whitespace collapsed. The zero-width joiner and non-joiner are
kept: scripts and emoji need them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from osteodigest.crawler.dedup.normalize import norm_doi, norm_pmcid, norm_pmid
from osteodigest.crawler.models import Record, Relation

_SPACE = re.compile(r"\s+")

#: Terminal escape sequences, removed whole (CSI ``ESC [ … final``, OSC ``ESC ] … BEL/ST``, the C1 CSI
#: U+009B, and two-character escapes), so that no ``[31m`` is left behind by removing ESC alone.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]"
)

#: C0 controls but tab and line feed (carriage returns become line feeds first), DEL, the C1 controls,
#: and the Unicode format characters (category Cf, Unicode 15) but ZWNJ and ZWJ.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")


def clean_text(text: str) -> str:
    """``text`` without control, escape and invisible format characters; line breaks as ``\\n``."""
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to look for
    text = _LINE_BREAKS.sub("\n", text)
    return _INVISIBLE.sub("", _ESCAPES.sub("", text))


def clean_line(text: str) -> str:
    """One line of clean text, its whitespace collapsed (titles, names, identifiers, URLs)."""
    return _SPACE.sub(" ", clean_text(text)).strip()


def _optional(text: str | None) -> str | None:
    return (clean_line(text) or None) if text is not None else None


def _lines(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(cleaned for cleaned in (clean_line(v) for v in values) if cleaned)


def _clean_any(value: Any) -> Any:
    """Strings inside ``extra`` (a trial's status, conditions, sponsor …), at any depth."""
    if isinstance(value, str):
        return clean_text(value).strip()
    if isinstance(value, list):
        return [_clean_any(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean_any(v) for k, v in value.items()}
    return value


def normalize_record(record: Record) -> Record:
    return replace(
        record,
        doi=norm_doi(_optional(record.doi)),
        pmid=norm_pmid(_optional(record.pmid)),
        pmcid=norm_pmcid(_optional(record.pmcid)),
        pii=_optional(record.pii),
        title=clean_line(record.title),
        abstract=clean_text(record.abstract).strip(),
        abstract_sections=tuple(
            (clean_line(label), clean_text(text).strip()) for label, text in record.abstract_sections
        ),
        authors=_lines(record.authors),
        affiliation=_optional(record.affiliation),
        journal=_optional(record.journal),
        journal_abbrev=_optional(record.journal_abbrev),
        issn=_lines(record.issn),
        volume=_optional(record.volume),
        issue=_optional(record.issue),
        pages=_optional(record.pages),
        published=_optional(record.published),
        entered=_optional(record.entered),
        publication_status=_optional(record.publication_status),
        publication_types=_lines(record.publication_types),
        mesh=_lines(record.mesh),
        keywords=_lines(record.keywords),
        language=_optional(record.language),
        url=_optional(record.url),
        relations=tuple(
            Relation(r.type, r.id_type, clean_line(r.id)) for r in record.relations if clean_line(r.id)
        ),
        extra=_clean_any(record.extra),
    )
