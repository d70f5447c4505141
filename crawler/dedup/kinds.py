"""Record kind, decided before any matching.

An erratum shares its article's title, authors and journal, so a matcher that looked only at those
would merge them; deciding the kind first lets the engine link notices to articles instead. The
evidence is taken in order of reliability: declared relations and publication types from the source,
the Crossref ``type``, then title patterns.
"""

from __future__ import annotations

import re

from osteodigest.crawler.dedup.normalize import CORRECTION_CITATION
from osteodigest.crawler.models import Record

_NOTICE_RELATIONS = {"corrects": "erratum", "retracts": "retraction", "concern_for": "expression_of_concern"}

_PUBTYPE_KIND = (
    ("retraction of publication", "retraction"),
    ("retraction notice", "retraction"),
    ("published erratum", "erratum"),
    ("erratum", "erratum"),
    ("correction", "erratum"),
    ("corrigendum", "erratum"),
    ("expression of concern", "expression_of_concern"),
    ("preprint", "preprint"),
    ("posted-content", "preprint"),
    ("congress", "conference_abstract"),
    ("meeting abstract", "conference_abstract"),
    ("conference abstract", "conference_abstract"),
    ("proceedings-article", "conference_abstract"),
    ("clinical trial registration", "trial"),
)
_COMMENT_TYPES = frozenset({"comment", "letter", "editorial"})

# Title patterns of notices. A notice title names the notice first ("Erratum to: …", "Correction:
# …", "Retraction notice to …"); "RETRACTED: …" on the other hand marks the retracted article itself.
_TITLE_KIND = (
    (
        re.compile(
            r"^\s*(?:notice\s+of\s+)?retraction(?:\s+notice)?\b(?!\s+(?:of|in)\s+(?:the\s+)?(?:lung|"
            r"retina|gingiva|tissue|muscle))",
            re.I,
        ),
        "retraction",
    ),
    (re.compile(r"^\s*(?:statement\s+of\s+)?retraction\s*:", re.I), "retraction"),
    (
        re.compile(
            r"^\s*(?:erratum|errata|corrigendum|corrigenda|correction|correction\s+notice|"
            r"author\s+correction|publisher\s+correction|publisher'?s\s+note|notice\s+of\s+correction)"
            r"\s*(?:to|for|on|of|in)?\s*[:\-–\"“']|^\s*(?:erratum|corrigendum|correction)\s*$",
            re.I,
        ),
        "erratum",
    ),
    (re.compile(r"^\s*(?:erratum|corrigendum|correction)\s+(?:to|for|in|on)\b", re.I), "erratum"),
    (re.compile(r"^\s*(?:editorial\s+)?expression\s+of\s+concern\b", re.I), "expression_of_concern"),
)
# Cheap first test before the notice patterns: every notice title starts with one of these stems.
_NOTICE_HINT = re.compile(
    r"\s*(?:notice|retract|statement|errat|corrig|correct|author|publisher|editorial|expression)", re.I
)
_RETRACTED_MARK = re.compile(
    r"^\s*\[?\s*(?:retracted|withdrawn)(?:\s+article)?\s*\]?\s*[:.]|"
    r"\[\s*retracted\s*\]|\(retracted\)\s*$",
    re.I,
)


def record_kind(record: Record) -> str:
    """The kind the engine should treat this record as (see :data:`crawler.models.RECORD_KINDS`)."""
    if record.kind and record.kind != "article":
        return record.kind
    for relation in record.relations:
        kind = _NOTICE_RELATIONS.get(relation.type)
        if kind:
            return kind
    types = [t.lower() for t in record.publication_types]
    crossref_type = str(record.extra.get("crossref_type") or record.extra.get("type") or "").lower()
    if crossref_type:
        types.append(crossref_type)
    for needle, kind in _PUBTYPE_KIND:
        if any(needle == t or (len(needle) > 8 and needle in t) for t in types):
            if kind == "conference_abstract" and "journal article" in types:
                continue
            return kind
    if any(r.type == "preprint_of" for r in record.relations):
        return "preprint"
    title = record.title or ""
    if title.rstrip(" .")[-1:] == ")" and CORRECTION_CITATION.search(title):
        return "erratum"
    if _NOTICE_HINT.match(title):
        for pattern, kind in _TITLE_KIND:
            if pattern.search(title):
                return kind
    if "comment" in types:
        return "comment"
    return "article"


def is_marked_retracted(record: Record) -> bool:
    """True when the record is a retracted article (not a notice): flagged title or publication type."""
    if any(t.lower() == "retracted publication" for t in record.publication_types):
        return True
    if any(r.type == "retracted_by" for r in record.relations):
        return True
    return bool(_RETRACTED_MARK.search(record.title or ""))


def notice_target_title(title: str) -> str:
    """The article title quoted inside a notice title ("Erratum to: <title>") — empty when none."""
    text = re.sub(
        r"^\s*(?:notice\s+of\s+)?(?:retraction|erratum|errata|corrigendum|correction|expression\s+of\s+"
        r"concern|author\s+correction|publisher\s+correction)(?:\s+notice)?\s*(?:to|for|on|of|in|regarding)?"
        r"\s*(?:the\s+article|article)?\s*[:\-–]?\s*",
        "",
        title,
        flags=re.I,
    )
    text = CORRECTION_CITATION.sub("", text.strip()).strip().strip("\"“”'‘’[]").strip()
    return text if text != title.strip() else ""
