"""PubMed's text format ("PubMed format" on PubMed's Save button, ``.nbib``, efetch ``rettype=medline``)
read into Records with the fields the XML parser (:mod:`crawler.sources.medline`) fills.

This is how people most often hand over a set of PubMed records, and it carries what the tagger and the
relevance stage read (publication types, MeSH with their major-topic stars, keywords, comment links), so
it is read as such rather than as text. The format: one field a line, a tag of up to four letters padded
to four, ``- `` and the value; a value continues on lines that start with six spaces; a blank line (or
the next ``PMID-``) ends a record. Field meanings follow NLM's "MEDLINE/PubMed Data Element (Field)
Descriptions". Hand-written: the format is a few lines of rules, and Biopython's reader (the one
maintained library for it) would bring Biopython and NumPy for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from osteodigest.crawler.abstracts import abstract_sections
from osteodigest.crawler.models import Record, Relation
from osteodigest.crawler.sources.medline import (
    PUBMED_PAGE,
    clean_doi,
    medline_date,
    record_kind,
)

#: Comment and correction links, from the record that carries them (as the XML's CommentsCorrections).
_RELATION_TAGS = {
    "EFR": "corrects",
    "EIN": "corrected_by",
    "PROF": "corrects",  # a partial retraction is a correction
    "PRIN": "corrected_by",
    "ROF": "retracts",
    "RIN": "retracted_by",
    "RRF": "retracts",
    "RRI": "retracted_by",
    "ECF": "concern_for",
    "ECI": "concern_in",
    "CON": "comment_on",
    "CIN": "commented_by",
    "UOF": "updates",
    "UIN": "updated_by",
    "CRF": "updates",
    "CRI": "updated_by",
    "RPF": "republished_from",
    "RPI": "republished_in",
}
_LINKED_PMID = re.compile(r"\bPMID:\s*(\d+)")
#: "10.1016/j.bone.2021.115 [doi]", "S8756-3282(21)00012-3 [pii]".
_TYPED_ID = re.compile(r"^(.*?)\s*\[(\w+)\]\s*$")
#: A line of the fields every record has, for recognising the format.
_FIELD_LINE = re.compile(r"(?m)^(?:PMID|TI  |AB  |PT  )- ")
#: "2021/06/15 06:00" (CRDT, EDAT) and "20210615" (DEP).
_SLASH_DATE = re.compile(r"^(\d{4})/(\d{2})/(\d{2})")
_DIGIT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def fields_of(lines: Iterable[str]) -> Iterator[list[tuple[str, str]]]:
    """The (tag, value) pairs of each record, continuation lines joined with a space."""
    fields: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            if fields:
                yield fields
                fields = []
            continue
        if line.startswith("      ") and fields:
            tag, value = fields[-1]
            fields[-1] = (tag, f"{value} {line.strip()}")
            continue
        tag, dash, value = line[:4].rstrip(), line[4:6], line[6:]
        if dash != "- " or not tag.isalnum():
            continue  # not a field line (a stray header, a page footer)
        if tag == "PMID" and fields:
            yield fields
            fields = []
        fields.append((tag, value.strip()))
    if fields:
        yield fields


def looks_like(head: str) -> bool:
    """Text in this format: a field line starting a line near the top (``PMID- ``, ``TI  - `` …)."""
    return bool(_FIELD_LINE.search(head))


def record_of(fields: list[tuple[str, str]], fallback_id: str) -> Record:
    """One Record from one record's fields (a book's BTI stands in for a missing TI); ``fallback_id`` names
    a record without a PMID."""
    every: dict[str, list[str]] = {}
    for tag, value in fields:
        every.setdefault(tag, []).append(value)
    first = {tag: values[0] for tag, values in every.items()}
    pmid = first.get("PMID", "").strip()
    ids = _typed_ids(every.get("AID", []) + every.get("LID", []))
    abstract, sections = _abstract(first.get("AB") or first.get("OAB") or "")
    mesh, major = _mesh(every.get("MH", []))
    types = every.get("PT", [])
    relations = tuple(
        Relation(_RELATION_TAGS[tag], "pmid", linked)
        for tag, value in fields
        if tag in _RELATION_TAGS
        for linked in _LINKED_PMID.findall(value)
    )
    extra = {"medline_status": first["STAT"]} if first.get("STAT") else {}
    return Record(
        source="pubmed",
        source_id=pmid or fallback_id,
        title=first.get("TI") or first.get("BTI") or first.get("TT") or "",
        kind=record_kind(types),
        doi=clean_doi(ids.get("doi")),
        pmid=pmid or None,
        pmcid=first.get("PMC"),
        pii=ids.get("pii"),
        abstract=abstract,
        abstract_sections=sections,
        authors=tuple(every.get("AU", []) + every.get("CN", [])),
        affiliation=first.get("AD"),
        journal=first.get("JT"),
        journal_abbrev=first.get("TA"),
        issn=tuple(dict.fromkeys(value.split(" ")[0] for value in every.get("IS", []) if value)),
        volume=first.get("VI"),
        issue=first.get("IP"),
        pages=first.get("PG"),
        published=_date(first.get("DEP")) or medline_date(first.get("DP")),
        entered=_date(first.get("CRDT") or first.get("EDAT")),
        publication_status=first.get("PST"),
        publication_types=tuple(types),
        mesh=mesh,
        mesh_major=major,
        keywords=tuple(dict.fromkeys(every.get("OT", []))),
        language=first.get("LA"),
        url=f"{PUBMED_PAGE}{pmid}/" if pmid else None,
        relations=relations,
        extra=extra,
    )


def _typed_ids(values: list[str]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for value in values:
        match = _TYPED_ID.match(value)
        if match and match.group(1):
            ids.setdefault(match.group(2).lower(), match.group(1))
    return ids


def _abstract(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The abstract, and its sections when headings are written into it ("BACKGROUND: …"): joined as the
    XML parser joins a structured abstract, so both formats read alike to the tagger."""
    sections = abstract_sections(text)
    if not sections:
        return text, ()
    return "\n\n".join(f"{label}: {body}" if label else body for label, body in sections), sections


def _mesh(headings: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Descriptors of "Osteoporosis, Postmenopausal/*drug therapy" lines, and those starred (major) on the
    descriptor or a qualifier."""
    mesh: list[str] = []
    major: list[str] = []
    for heading in headings:
        descriptor = heading.split("/")[0].lstrip("*").strip()
        if not descriptor:
            continue
        mesh.append(descriptor)
        if "*" in heading:
            major.append(descriptor)
    return tuple(mesh), tuple(major)


def _date(value: str | None) -> str | None:
    if not value:
        return None
    match = _SLASH_DATE.match(value) or _DIGIT_DATE.match(value.strip())
    return "-".join(match.groups()) if match else medline_date(value)
