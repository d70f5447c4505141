"""Readers for the bibliography files the ``dedup`` command accepts: CSV, RIS, PubMed XML and PubMed's
text format (.nbib).

Each reader yields ``(input id, Record)`` so the command can write one output row per input record
under the identifier the user knows it by.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from osteodigest.crawler.errors import InputError
from osteodigest.crawler.inputs import DEFAULT_MAX_INPUT_BYTES, open_input
from osteodigest.crawler.models import Record
from osteodigest.crawler.sources import medline_text
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.tabular import header_delimiter, header_text, open_text
from osteodigest.crawler.textutil import initials

_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv|2nd|3rd|1st)\.?$", re.I)


def bib_author(name: str) -> str:
    """ "Surname, Given Names" (BibTeX/RIS) → "Surname GN" (the Record convention)."""
    name = name.strip()
    if "," not in name:
        return name
    parts = [p.strip() for p in name.split(",")]
    surname = parts[0]
    given = " ".join(p for p in parts[1:] if p and not _SUFFIX.match(p))
    given_initials = initials(given)
    if not surname:
        return given
    return f"{surname} {given_initials}" if given_initials else surname


def split_authors(text: str | None) -> tuple[str, ...]:
    """Authors from a BibTeX-style ``A and B and C`` field (or ``A; B; C``)."""
    if not text:
        return ()
    separator = r"\s+and\s+" if re.search(r"\s+and\s+", text) else r"\s*;\s*"
    return tuple(bib_author(a) for a in re.split(separator, text.strip()) if a.strip())


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value if value and value.upper() not in ("NA", "NAN", "UNKNOWN", "NONE") else None


def read_csv(text: TextIO) -> Iterator[tuple[str, Record]]:
    """Rows of a CSV with the columns of the shared dedup benchmark sets (``ID``, ``title`` …), read from
    a rewindable text stream; the header decides the separator (``,``, ``;`` or tab)."""
    reader = csv.DictReader(text, delimiter=header_delimiter(header_text(text)))
    if reader.fieldnames is None:
        return
    lower = {name.strip().lower(): name for name in reader.fieldnames if name}
    if "title" not in lower:
        # Without titles every row would be a work of its own: a silent "no duplicates" is worse than
        # saying which columns were found.
        found = ", ".join(name for name in reader.fieldnames[:8] if name) or "none"
        raise InputError(f"CSV needs a 'title' column (found: {found})")
    col = {
        k: lower.get(k)
        for k in (
            "id",
            "title",
            "year",
            "author",
            "pages",
            "volume",
            "number",
            "journal",
            "doi",
            "abstract",
            "isbn",
            "booktitle",
            "entrytype",
            "pmid",
            "issn",
        )
    }
    for position, row in enumerate(reader, start=1):

        def get(key: str, _row: dict[str, str] = row) -> str | None:
            name = col[key]
            return _clean(_row.get(name)) if name else None

        rid = get("id") or str(position)
        extra = {}
        for key in ("booktitle", "isbn", "entrytype"):
            value = get(key)
            if value:
                extra[key] = value
        issn = get("issn")
        yield (
            rid,
            Record(
                source="csv",
                source_id=rid,
                title=get("title") or "",
                doi=get("doi"),
                pmid=get("pmid"),
                abstract=get("abstract") or "",
                authors=split_authors(get("author")),
                journal=get("journal"),
                issn=(issn,) if issn else (),
                volume=get("volume"),
                issue=get("number"),
                pages=get("pages"),
                published=get("year"),
                extra=extra,
            ),
        )


_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_RIS_TYPES = {"CONF": "conference_abstract", "ABST": "conference_abstract", "CPAPER": "article"}


def read_ris(stream: TextIO) -> Iterator[tuple[str, Record]]:
    """References of an RIS file; the ``ID`` tag (or the position) names each record."""
    fields: dict[str, list[str]] = {}
    position = 0
    for raw in stream:
        line = raw.rstrip("\r\n").lstrip("\ufeff")
        match = _RIS_LINE.match(line)
        if not match:
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "ER":
            position += 1
            yield _ris_record(fields, position)
            fields = {}
            continue
        fields.setdefault(tag, []).append(value)
    if fields:
        position += 1
        yield _ris_record(fields, position)


def _ris_record(fields: dict[str, list[str]], position: int) -> tuple[str, Record]:
    def first(*tags: str) -> str | None:
        for tag in tags:
            for value in fields.get(tag, ()):
                if value:
                    return value
        return None

    rid = first("ID", "AN") or str(position)
    start, end = first("SP"), first("EP")
    pages = f"{start}-{end}" if start and end and end != start else start
    authors = tuple(bib_author(a) for tag in ("AU", "A1") for a in fields.get(tag, ()) if a)
    date = first("PY", "Y1", "DA") or ""
    year = re.search(r"\d{4}", date)
    doi = first("DO")
    if not doi:
        doi = next((u for u in fields.get("UR", ()) if "doi.org/" in u), None)
    kind = _RIS_TYPES.get((first("TY") or "").upper(), "article")
    issn = tuple(fields.get("SN", ()))
    return rid, Record(
        source="ris",
        source_id=rid,
        title=first("TI", "T1", "CT") or "",
        kind=kind,
        doi=doi,
        abstract=first("AB", "N2") or "",
        authors=authors,
        journal=first("T2", "JO", "JF", "JA"),
        journal_abbrev=first("J2", "JA"),
        issn=issn,
        volume=first("VL"),
        issue=first("IS"),
        pages=pages,
        published=year.group(0) if year else None,
        extra={"entrytype": (first("TY") or "").lower()},
    )


def read_pubmed_xml(data: bytes | BinaryIO) -> Iterator[tuple[str, Record]]:
    """PubMed XML (efetch or baseline files; bytes or a stream), parsed by the streaming MEDLINE parser."""
    for position, record in enumerate(parse_medline(data), start=1):
        yield (record.pmid or record.source_id or str(position)), record


def read_pubmed_text(text: TextIO) -> Iterator[tuple[str, Record]]:
    """PubMed's text format ("PubMed format", .nbib): one record per blank-line-separated block."""
    lines = (piece for line in text for piece in line.splitlines())
    for position, fields in enumerate(medline_text.fields_of(lines), start=1):
        record = medline_text.record_of(fields, str(position))
        yield record.source_id, record


def detect_format(path: Path, head: bytes) -> str:
    """``csv``, ``ris``, ``xml`` or ``medline`` from the file name, then from the first bytes."""
    name = path.name.lower()
    if name.endswith((".xml", ".xml.gz")):
        return "xml"
    if name.endswith((".ris", ".ris.gz")):
        return "ris"
    if name.endswith((".nbib", ".nbib.gz", ".medline")):
        return "medline"
    if name.endswith((".csv", ".csv.gz")):
        return "csv"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return "xml"
    if re.match(rb"TY  -", text):
        return "ris"
    if medline_text.looks_like(text.decode("utf-8", "replace")):
        return "medline"
    return "csv"


def read_records(path: Path, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> Iterator[tuple[str, Record]]:
    """Records of one input file, whatever its format (gzip allowed); ``-`` reads standard input.

    The file is streamed: only the records read so far are held, never the file's bytes, and more than
    ``max_bytes`` (uncompressed) raises :class:`~crawler.inputs.InputTooLarge`.
    """
    with open_input(path, max_bytes) as stream:
        head = stream.read(200)
        stream.seek(0)
        kind = detect_format(path, head)
        if kind == "xml":
            yield from read_pubmed_xml(stream)
            return
        text = open_text(stream)
        if kind == "ris":
            yield from read_ris(text)
        elif kind == "medline":
            yield from read_pubmed_text(text)
        else:
            yield from read_csv(text)
