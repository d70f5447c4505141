"""Streaming parser for PubMed/MEDLINE XML (efetch replies and the NLM baseline/update files).

Why streaming: an efetch batch is small, but the NLM update files hold tens of thousands of records, and
the same code serves both. ``lxml.etree.iterparse`` reports only the end of each ``PubmedArticle`` /
``PubmedBookArticle`` (the tag filter runs in C, so the thousands of inner elements cost no Python
work), the record is read with direct child walks (never XPath, never a descent into ``ReferenceList``),
then the element is cleared and its finished siblings dropped so memory stays flat.

Safety: the parser never loads a DTD, never resolves entities and never touches the network, whatever
the DOCTYPE says. An unresolved entity reference contributes no text (real NLM files use character
references, which need no DTD).
"""

from __future__ import annotations

import calendar
import gzip
import io
import logging
import os
import re
import zlib
from collections.abc import Iterator
from contextlib import ExitStack
from functools import partial
from typing import IO, Any, BinaryIO

from lxml import etree
from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.models import Record, Relation, SetAside
from osteodigest.crawler.sources.guard import contain

log = logging.getLogger(__name__)

#: The one set of iterparse settings; the benchmark's bare-iterparse ceiling uses exactly these.
ITERPARSE_OPTIONS: dict[str, Any] = {
    "events": ("end",),
    "tag": ("PubmedArticle", "PubmedBookArticle", "ERROR"),
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
}

PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{}/"

#: (label, text) pairs of a structured abstract, as in Record.abstract_sections.
_Sections = tuple[tuple[str, str], ...]

_as_text = etree.tostring
_XML_SPACE = re.compile(r"[ \t\n\r]+")

_ROOTS = frozenset({"PubmedArticleSet", "PubmedBookArticleSet"})

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: Every spelling of a month PubMed uses ("6", "06", "Jun", "jun") -> "06".
_MONTH_TEXT = {
    spelling: f"{number:02d}"
    for number, name in enumerate(_MONTH_NAMES, 1)
    for spelling in (str(number), f"{number:02d}", name, name.title(), name.upper())
}
_DAY_TEXT = {spelling: f"{day:02d}" for day in range(1, 32) for spelling in (str(day), f"{day:02d}")}

#: "1979 Jan-Feb", "1998 Dec-1999 Jan", "2000 Spring", "1977 Dec 24-31", "1977-1978", "2021 3rd Quarter".
_MEDLINE_DATE = re.compile(r"(\d{4})(?:\s+([A-Za-z]{3,})(?:\s+(\d{1,2})\b(?!\s*-\s*[A-Za-z]))?)?")

#: An ELocationID pii that is an article number ("e0249322", "100279") stands in for pages; a
#: publisher item identifier such as "S0163-4453(21)00268-1" does not.
_ARTICLE_NUMBER = re.compile(r"e?\d{1,9}")

_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")

#: CommentsCorrections RefType -> Relation.type, seen from the record that carries the list.
_RELATIONS = {
    "ErratumFor": "corrects",
    "ErratumIn": "corrected_by",
    "RetractionOf": "retracts",
    "RetractionIn": "retracted_by",
    "ExpressionOfConcernFor": "concern_for",
    "ExpressionOfConcernIn": "concern_in",
    "CommentOn": "comment_on",
    "CommentIn": "commented_by",
    "UpdateOf": "updates",
    "UpdateIn": "updated_by",
    # A corrected-and-republished article supersedes the earlier version, like an update.
    "CorrectedandRepublishedFrom": "updates",
    "CorrectedandRepublishedIn": "updated_by",
    # The earlier version was retracted and replaced: the flag that matters is the retraction.
    "RetractedandRepublishedFrom": "retracts",
    "RetractedandRepublishedIn": "retracted_by",
    # A partial retraction leaves the article standing with a change, which is what a correction is.
    "PartialRetractionOf": "corrects",
    "PartialRetractionIn": "corrected_by",
    "RepublishedFrom": "republished_from",
    "RepublishedIn": "republished_in",
    "ReprintOf": "reprint_of",
    "ReprintIn": "reprinted_in",
}

#: Publication type -> Record.kind, most specific first (a notice never becomes a plain article).
_KINDS = (
    ("Retraction of Publication", "retraction"),
    ("Expression of Concern", "expression_of_concern"),
    ("Published Erratum", "erratum"),
    ("Preprint", "preprint"),
    ("Comment", "comment"),
)


def parse_medline(
    source: bytes | BinaryIO | IO[bytes] | str | os.PathLike[str],
    set_aside: list[SetAside] | None = None,
    source_name: str = "pubmed",
) -> Iterator[Record]:
    """Yield one Record per PubmedArticle/PubmedBookArticle, in document order, as they complete.

    ``source`` is the reply body (bytes, gzip-compressed or not), a binary file object (a ``GzipFile``
    works), or a path to a ``.xml`` or ``.xml.gz`` file. Malformed or truncated input raises
    :class:`ParseError` with a one-line cause, after every record completed before the fault has been
    yielded; an NCBI error reply (``<ERROR>``) or a document that is not a PubmedArticleSet raises too.

    With a ``set_aside`` list (the fetch does this), each record is also checked as storable, and one
    that cannot be read or checked is appended there with its XML instead of stopping the reply.
    """
    with ExitStack() as stack:
        reader = _Reader(_open(source, stack))
        context = etree.iterparse(reader, **ITERPARSE_OPTIONS)
        try:
            for _event, element in context:
                tag = element.tag
                if tag not in ("PubmedArticle", "PubmedBookArticle"):
                    raise ParseError(f"NCBI error reply: {_flat(element) or 'ERROR without a message'}")
                read = _article if tag == "PubmedArticle" else _book
                if set_aside is None:
                    record = read(element)
                else:
                    outcome = contain(
                        source_name,
                        partial(_name, element),
                        partial(_raw, element),
                        partial(read, element),
                    )
                    if isinstance(outcome, SetAside):
                        set_aside.append(outcome)
                    record = outcome if isinstance(outcome, Record) else None
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
                reader.since_record = 0
                if record is not None:
                    yield record
        except etree.XMLSyntaxError as exc:
            raise ParseError(_describe(exc, reader.at_eof)) from exc
        except EOFError as exc:  # gzip: the compressed stream stopped early
            raise ParseError(f"truncated gzip stream: {_one_line(str(exc))}") from exc
        except (OSError, zlib.error) as exc:
            raise ParseError(f"unreadable input: {_one_line(str(exc)) or type(exc).__name__}") from exc
        root = context.root
        if root is None:
            raise ParseError("empty reply: no XML document")
        if root.tag not in _ROOTS:
            raise ParseError(f"not a PubMed reply: root element is <{root.tag}>")


def _name(element: Any) -> str:
    """'PubMed record PMID 123' (or its line) for a record that had to be set aside."""
    pmid = element.findtext("MedlineCitation/PMID") or element.findtext("BookDocument/PMID")
    return f"PubMed record PMID {pmid.strip()}" if pmid else f"PubMed record at line {element.sourceline}"


#: Input read without a record ending (the longest gap in a real NLM update file is about 0.5 MB). The
#: tree keeps whatever is not a finished record, so without this a file of millions of stray elements
#: (a small .gz can inflate to that) would grow the tree until memory ran out.
MAX_BYTES_BETWEEN_RECORDS = 16 * 1024 * 1024


class _Reader:
    """Remembers whether the input ran out, so a syntax error there is reported as truncation, and
    stops a document in which no record ends for :data:`MAX_BYTES_BETWEEN_RECORDS`."""

    __slots__ = ("_stream", "at_eof", "since_record")

    def __init__(self, stream: IO[bytes] | gzip.GzipFile) -> None:
        self._stream = stream
        self.at_eof = False
        self.since_record = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if not data:
            self.at_eof = True
        self.since_record += len(data)
        if self.since_record > MAX_BYTES_BETWEEN_RECORDS:
            raise ParseError(
                f"no PubMed record ends within {MAX_BYTES_BETWEEN_RECORDS // (1024 * 1024)} MiB of XML;"
                " not a PubMed file (or one built to exhaust memory)"
            )
        return data


def _raw(element: Any) -> bytes:
    """An element as the reply held it, for a record set aside."""
    return etree.tostring(element, encoding="utf-8")


def _open(source: Any, stack: ExitStack) -> IO[bytes] | gzip.GzipFile:
    """Accept bytes, a file object or a path; undo gzip when the bytes say so."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        stream: IO[bytes] = io.BytesIO(data)
        return gzip.GzipFile(fileobj=stream) if data[:2] == b"\x1f\x8b" else stream
    if isinstance(source, str | os.PathLike):
        handle = stack.enter_context(open(source, "rb"))  # noqa: SIM115 - closed by the ExitStack
        magic = handle.read(2)
        handle.seek(0)
        return stack.enter_context(gzip.GzipFile(fileobj=handle)) if magic == b"\x1f\x8b" else handle
    if hasattr(source, "read"):
        return source
    raise TypeError(f"parse_medline() takes bytes, a binary file or a path, not {type(source).__name__}")


def _describe(exc: etree.XMLSyntaxError, at_eof: bool) -> str:
    """One line: what went wrong and where; 'truncated' when the input ended before the document did."""
    message = re.sub(r",? line \d+, column \d+$", "", _one_line(exc.msg or str(exc)))
    if exc.lineno == 0 or message in _NOT_XML or message.startswith("Start tag expected"):
        return f"not an XML document: {message}"
    what = "truncated XML" if at_eof and not message.startswith("Extra content") else "malformed XML"
    line, column = exc.position if exc.position else (exc.lineno, 0)
    return f"{what} at line {line}, column {column}: {message}"


_NOT_XML = frozenset({"no element found", "Document is empty"})


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------- text


def _flat(element: Any) -> str:
    """Element text with inline markup (<i>, <sup>, MathML …) flattened and whitespace normalised.

    Mixed content is serialised as text by libxml2 (three times faster than joining itertext()); an
    unresolved entity reference has no text and so disappears. The normalising is _squash, repeated
    inline because this runs for every title, abstract paragraph, keyword and affiliation.
    """
    text = (
        _as_text(element, method="text", encoding="unicode", with_tail=False)
        if len(element)
        else element.text
    )
    if not text:
        return ""
    if "\n" in text or "  " in text:
        return " ".join(text.split()) if text.isascii() else _XML_SPACE.sub(" ", text).strip()
    return text.strip()


def _squash(text: str) -> str:
    """Collapse runs of XML whitespace (the indentation and line breaks of the source) to one space.

    Typographic spaces (no-break, thin) are kept: they are content, not layout. Two substring tests
    are far cheaper than splitting every abstract into words, and formatting whitespace always shows
    as a line break or a double space (a lone tab inside a line is left alone).
    """
    if "\n" in text or "  " in text:
        return " ".join(text.split()) if text.isascii() else _XML_SPACE.sub(" ", text).strip()
    return text.strip()


def _text(element: Any) -> str | None:
    """Plain leaf text, stripped; None when empty (so absent and blank look the same downstream)."""
    text = element.text
    if text:
        text = text.strip()
    return text or None


# -------------------------------------------------------------------------------------------- dates


def _iso(year: str | None, month: str | None = None, day: str | None = None) -> str | None:
    """Partial ISO date from PubMed's texts; never invents precision (no month -> year only).

    Dictionary look-ups instead of int() and datetime: this runs three times per record.
    """
    if not year:
        return None
    if len(year) != 4 or not year.isdigit():
        year = year.strip()
        if len(year) != 4 or not year.isdigit():
            return None
    if not month:
        return year
    mm = _MONTH_TEXT.get(month) or _MONTH_TEXT.get(month.strip().lower()[:3])
    if mm is None:
        return year  # a season ("Spring") is not a month
    if not day:
        return f"{year}-{mm}"
    dd = _DAY_TEXT.get(day) or _DAY_TEXT.get(day.strip())
    if dd is None or (dd > "28" and dd > _last_day(year, mm)):
        return f"{year}-{mm}"  # "Feb 30" happens; the month is still right
    return f"{year}-{mm}-{dd}"


def _last_day(year: str, month: str) -> str:
    return str(calendar.monthrange(int(year), int(month))[1])


def _date(element: Any) -> str | None:
    """PubDate, ArticleDate or PubMedPubDate in any of PubMed's forms, as a partial ISO date."""
    year = month = day = None
    for child in element:
        tag = child.tag
        if tag == "Year":
            year = child.text
        elif tag == "Month":
            month = child.text
        elif tag == "Day":
            day = child.text
            break  # Hour and Minute follow in PubMedPubDate
        elif tag == "MedlineDate":
            return _medline_date(child.text)
        # Season ("Spring") deliberately gives the year alone: a season is not a month.
    return _iso(year, month, day)


def _medline_date(value: str | None) -> str | None:
    """First year(-month(-day)) of a free-form MedlineDate such as '1998 Dec-1999 Jan'."""
    match = _MEDLINE_DATE.search(value or "")
    if not match:
        return None
    year, month_name, day = match.groups()
    return _iso(year, month_name, day)


# ----------------------------------------------------------------------------------------- articles


# Cost model behind the code below (lxml 5-6, CPython 3.11): creating an element proxy is cheap (~70 ns),
# but every iter()/iterchildren() call with a tag filter costs ~1-2 us to set up plus one C comparison
# per node and name. So small containers are walked child by child, and the C filter is used only where
# the wanted elements are a few among many (the names inside an AuthorList).
_AUTHOR_PARTS = ("LastName", "Initials", "CollectiveName")


def _article(element: Any) -> Record | None:
    """A PubmedArticle: MedlineCitation (the bibliographic record) and PubmedData (ids and history).

    Deliberately one long function over local variables: this runs for every record of files with
    tens of thousands of them, and helper calls and attribute stores per element were a measurable
    share of the parser's time. Rare shapes (no Initials, OtherAbstract, VernacularTitle, relations)
    go to helpers.
    """
    citation = element[0] if len(element) else None
    if citation is None or citation.tag != "MedlineCitation":
        citation = element.find("MedlineCitation")
        if citation is None:
            log.warning("skipped a PubmedArticle without MedlineCitation at line %s", element.sourceline)
            return None
    pmid = title = abstract = ""
    abstract_sections: _Sections = ()
    journal = abbreviation = medline_ta = volume = issue = pages = language = None
    published = article_date = entered = status = affiliation = None
    elocation_doi = elocation_pii = None
    issn: list[str] = []
    authors: list[str] = []
    publication_types: list[str] = []
    mesh: list[str] = []
    mesh_major: list[str] = []
    keywords: list[str] = []
    relations: list[Relation] = []
    ids: dict[str, str] = {}
    extra: dict[str, Any] = {}
    if medline_status := citation.get("Status"):
        extra["medline_status"] = medline_status

    for part in citation:
        tag = part.tag
        if tag == "Article":
            for child in part:
                tag = child.tag
                if tag == "AuthorList":
                    authors = _authors(child)
                    for node in child.iter("Affiliation"):  # C-level search for the first one only
                        affiliation = _flat(node) or None
                        break
                elif tag == "Abstract":
                    abstract, abstract_sections = _abstract_of(child)
                elif tag == "ArticleTitle":
                    title = _flat(child)
                elif tag == "Journal":
                    for item in child:
                        tag = item.tag
                        if tag == "JournalIssue":
                            for issue_part in item:
                                tag = issue_part.tag
                                if tag == "Volume":
                                    volume = _text(issue_part)
                                elif tag == "Issue":
                                    issue = _text(issue_part)
                                elif tag == "PubDate":
                                    published = _date(issue_part)
                        elif tag == "Title":
                            journal = _flat(item) or None
                        elif tag == "ISOAbbreviation":
                            abbreviation = _text(item)
                        elif tag == "ISSN" and (value := _text(item)):
                            issn.append(value)
                elif tag == "ELocationID":
                    if child.get("ValidYN") != "N":
                        kind = child.get("EIdType")
                        if kind == "doi" and elocation_doi is None:
                            elocation_doi = _text(child)
                        elif kind == "pii" and elocation_pii is None:
                            elocation_pii = _text(child)
                elif tag == "PublicationTypeList":
                    publication_types = [text for node in child if (text := _text(node))]
                elif tag == "Pagination":
                    pages = _pages(child)
                elif tag == "Language":
                    if language is None:
                        language = _text(child)
                elif tag == "ArticleDate" and article_date is None:
                    article_date = _ymd(child)
            if not title or title == "[Not Available].":
                title = _vernacular_title(part) or title
        elif tag == "PMID":
            pmid = _text(part) or ""
            if (version := part.get("Version")) and version != "1":
                extra["version"] = version  # versioned journals (F1000, Wellcome Open Res) reuse PMIDs
        elif tag == "MedlineJournalInfo":
            for info in part:
                tag = info.tag
                if tag == "MedlineTA":
                    medline_ta = _text(info)
                elif tag == "ISSNLinking" and (value := _text(info)):
                    issn.append(value)
        elif tag == "KeywordList":
            for node in part:
                if (text := _flat(node)) and text not in keywords:
                    keywords.append(text)
        elif tag == "MeshHeadingList":
            for heading in part:
                if len(heading) and (text := _flat(heading[0])):  # DescriptorName comes first
                    mesh.append(text)
                    # NLM marks a major topic on the descriptor or on one of its qualifiers.
                    if any(node.get("MajorTopicYN") == "Y" for node in heading):
                        mesh_major.append(text)
        elif tag == "CommentsCorrectionsList":
            relations = _relations(part)

    if not abstract:  # an OtherAbstract stands in only when there is no Abstract
        abstract, abstract_sections = _other_abstract([c for c in citation if c.tag == "OtherAbstract"])

    data = element[1] if len(element) > 1 else None
    if data is not None and data.tag == "PubmedData":
        pubmed_event = None
        for child in data:
            tag = child.tag
            if tag == "History":
                for event in child:
                    event_status = event.get("PubStatus")
                    if event_status == "entrez":
                        entered = _ymd(event)
                        break
                    if event_status == "pubmed":
                        pubmed_event = event
            elif tag == "PublicationStatus":
                status = _text(child)
            elif tag == "ArticleIdList":
                _article_ids(child, ids)
                break  # what follows (ObjectList, ReferenceList) describes other works
        if entered is None and pubmed_event is not None:
            entered = _ymd(pubmed_event)

    if not pmid:
        log.warning("skipped a PubmedArticle without a PMID at line %s", element.sourceline)
        return None
    if pages is None and elocation_pii and _ARTICLE_NUMBER.fullmatch(elocation_pii):
        pages = elocation_pii
    return Record(
        source="pubmed",
        source_id=pmid,
        title=title,
        kind=_kind(publication_types),
        doi=_doi(ids.get("doi") or elocation_doi),
        pmid=pmid,
        pmcid=ids.get("pmc"),
        pii=ids.get("pii") or elocation_pii,
        abstract=abstract,
        abstract_sections=abstract_sections,
        authors=tuple(authors),
        affiliation=affiliation,
        journal=journal,
        journal_abbrev=abbreviation or medline_ta,
        issn=tuple(dict.fromkeys(issn)) if len(issn) > 1 else tuple(issn),
        volume=volume,
        issue=issue,
        pages=pages,
        published=article_date or published,
        entered=entered,
        publication_status=status,
        publication_types=tuple(publication_types),
        mesh=tuple(mesh),
        mesh_major=tuple(mesh_major),
        keywords=tuple(keywords),
        language=language,
        url=PUBMED_URL.format(pmid),
        relations=tuple(relations),
        extra=extra,
    )


def _vernacular_title(parent: Any) -> str:
    """The title in the original language stands in when the English one is missing."""
    for vernacular in parent.iterchildren("VernacularTitle"):
        if text := _flat(vernacular):
            return text
    return ""


def _ymd(element: Any) -> str | None:
    """ArticleDate, PubMedPubDate: always Year, Month, Day (then Hour, Minute) by the DTD."""
    if len(element) >= 3:
        year, month, day = element[0], element[1], element[2]
        if year.tag == "Year" and month.tag == "Month" and day.tag == "Day":
            return _iso(year.text, month.text, day.text)
    return _date(element)


def _authors(author_list: Any) -> list[str]:
    """'Surname Initials' or a collective name, in order.

    A surname waits for the Initials that follow it; the rare author without Initials gets them from
    ForeName. An AuthorList of Type="editors" (books) is not authors and gives an empty list.
    """
    authors: list[str] = []
    if author_list.get("Type", "authors") != "authors":
        return authors
    surname: Any = None  # LastName element still waiting for its Initials
    for node in author_list.iter(_AUTHOR_PARTS):
        tag = node.tag
        if tag == "LastName":
            if surname is not None:
                authors.append(_name_without_initials(surname))
            surname = node
        elif tag == "Initials":
            if surname is not None:
                initials = node.text
                last = (surname.text or "").strip()
                authors.append(f"{last} {initials.strip()}" if initials else _name_without_initials(surname))
                surname = None
        else:  # CollectiveName
            if surname is not None:
                authors.append(_name_without_initials(surname))
                surname = None
            if text := _flat(node):
                authors.append(text)
    if surname is not None:
        authors.append(_name_without_initials(surname))
    return authors


def _name_without_initials(surname: Any) -> str:
    """Rare: an author with no Initials element; derive them from ForeName when there is one."""
    last = _squash(surname.text or "")
    fore = surname.getparent().findtext("ForeName") or ""
    initials = "".join(word[0] for word in fore.replace("-", " ").split() if word[0].isalpha())
    return f"{last} {initials}" if initials else last


def _relations(corrections: Any) -> list[Relation]:
    relations = []
    for item in corrections:
        relation = _RELATIONS.get(item.get("RefType"))
        if relation is None:
            continue  # Cites, SummaryForPatientsIn, OriginalReportIn …: not links the digest acts on
        for pmid in item.iterchildren("PMID"):
            if value := _text(pmid):
                relations.append(Relation(relation, "pmid", value))
    return relations


def _pages(pagination: Any) -> str | None:
    """MedlinePgn as printed ("113-25"), else StartPage-EndPage."""
    start = end = None
    for child in pagination:
        tag = child.tag
        if tag == "MedlinePgn":
            if pages := _text(child):
                return pages
        elif tag == "StartPage":
            start = _text(child)
        elif tag == "EndPage":
            end = _text(child)
    if not start:
        return None
    return f"{start}-{end}" if end and end != start else start


def _abstract_of(abstract: Any) -> tuple[str, _Sections]:
    """Abstract or OtherAbstract element; CopyrightInformation is not part of the abstract's content."""
    sections = []
    labelled = False
    for child in abstract:
        if child.tag == "AbstractText" and (text := _flat(child)):
            label = child.get("Label")
            if label and (label := label.strip()):
                labelled = True
                sections.append((label, text))
            else:
                sections.append(("", text))
    return _join_sections(sections, labelled) if sections else ("", ())


def _join_sections(sections: list[tuple[str, str]], labelled: bool) -> tuple[str, _Sections]:
    """Sections as "LABEL: text" paragraphs; labels kept apart only when the abstract is structured."""
    if not labelled:
        return (sections[0][1] if len(sections) == 1 else "\n\n".join(text for _, text in sections)), ()
    abstract = "\n\n".join(f"{label}: {text}" if label else text for label, text in sections)
    return abstract, tuple(sections)


def _other_abstract(candidates: list[Any]) -> tuple[str, _Sections]:
    """English first, else the first OtherAbstract that has any text."""
    candidates.sort(key=lambda other: other.get("Language", "eng") != "eng")
    for other in candidates:
        abstract, sections = _abstract_of(other)
        if abstract:
            return abstract, sections
    return "", ()


def _article_ids(id_list: Any, ids: dict[str, str]) -> None:
    """The first id of each IdType (doi, pii, pmc, pubmed, bookaccession …)."""
    for article_id in id_list:
        kind = article_id.get("IdType")
        if kind not in ids and (value := article_id.text) and (value := value.strip()):
            ids[kind] = value


def _doi(value: str | None) -> str | None:
    """Strip the resolver prefixes some publishers put into the DOI field."""
    if not value:
        return None
    if value.startswith("10."):
        return value
    lowered = value.lower()
    for prefix in _DOI_PREFIXES:
        if lowered.startswith(prefix):
            return value[len(prefix) :].strip() or None
    return value


def _kind(publication_types: list[str]) -> str:
    for publication_type, kind in _KINDS:
        if publication_type in publication_types:
            return kind
    return "article"


# -------------------------------------------------------------------------------------------- books


def _book(element: Any) -> Record | None:
    """PubmedBookArticle: a book or a chapter of one (NCBI Bookshelf, e.g. GeneReviews, StatPearls).

    Rare next to journal articles, so written for clarity over speed. A chapter's container (the book
    title) goes into ``journal``; a whole book has the book title as its title.
    """
    pmid = title = book_title = abstract = ""
    sections: _Sections = ()
    chapter_authors: list[str] = []
    book_authors: list[str] = []
    publication_types: list[str] = []
    keywords: list[str] = []
    ids: dict[str, str] = {}
    extra: dict[str, Any] = {"book": True}
    language = volume = pages = published = contributed = entered = status = affiliation = None
    elocation_doi = None
    for part in element:
        if part.tag == "BookDocument":
            for child in part:
                tag = child.tag
                if tag == "PMID":
                    pmid = _text(child) or ""
                elif tag == "ArticleIdList":
                    _article_ids(child, ids)
                elif tag == "Book":
                    for item in child:
                        tag = item.tag
                        if tag == "BookTitle":
                            book_title = _flat(item)
                        elif tag == "PubDate":
                            published = _date(item)
                        elif tag == "Publisher":
                            if (name := item.findtext("PublisherName")) and (name := _squash(name)):
                                extra["publisher"] = name
                        elif tag == "AuthorList":
                            book_authors = book_authors or _authors(item)
                        elif tag == "Volume":
                            volume = _text(item)
                        elif tag == "Isbn" and (isbn := _text(item)):
                            extra.setdefault("isbn", isbn)
                        elif tag == "ELocationID" and item.get("EIdType") == "doi":
                            elocation_doi = elocation_doi or _text(item)
                elif tag == "ArticleTitle":
                    title = _flat(child)
                elif tag == "Pagination":
                    pages = _pages(child)
                elif tag == "Language":
                    language = language or _text(child)
                elif tag == "AuthorList":
                    chapter_authors = chapter_authors or _authors(child)
                    if affiliation is None:
                        for node in child.iter("Affiliation"):
                            affiliation = _flat(node) or None
                            break
                elif tag == "PublicationType":
                    if text := _text(child):
                        publication_types.append(text)
                elif tag == "Abstract":
                    abstract, sections = _abstract_of(child)
                elif tag == "KeywordList":
                    keywords += [text for node in child if (text := _flat(node)) and text not in keywords]
                elif tag == "ContributionDate":
                    contributed = contributed or _date(child)
            if not title or title == "[Not Available].":
                title = _vernacular_title(part) or title
        elif part.tag == "PubmedBookData":
            for child in part:
                tag = child.tag
                if tag == "History":
                    events = {event.get("PubStatus"): event for event in child}
                    if (event := events.get("entrez", events.get("pubmed"))) is not None:
                        entered = _ymd(event)
                elif tag == "PublicationStatus":
                    status = _text(child)
                elif tag == "ArticleIdList":
                    _article_ids(child, ids)
    if not pmid:
        log.warning("skipped a PubmedBookArticle without a PMID at line %s", element.sourceline)
        return None
    return Record(
        source="pubmed",
        source_id=pmid,
        title=title or book_title,
        kind=_kind(publication_types),
        doi=_doi(ids.get("doi") or elocation_doi),
        pmid=pmid,
        pmcid=ids.get("pmc"),
        abstract=abstract,
        abstract_sections=sections,
        authors=tuple(chapter_authors or book_authors),
        affiliation=affiliation,
        journal=book_title or None if title else None,
        volume=volume,
        pages=pages,
        published=contributed or published,
        entered=entered,
        publication_status=status,
        publication_types=tuple(publication_types),
        keywords=tuple(keywords),
        language=language,
        url=PUBMED_URL.format(pmid),
        extra=extra,
    )
