"""Streaming parser for PubMed/MEDLINE XML (efetch replies and the NLM baseline/update files).

Why streaming: an efetch batch is small, but the NLM update files hold tens of thousands of records, and
the same code serves both. ``lxml.etree.iterparse`` reports only the end of each ``PubmedArticle`` /
``PubmedBookArticle`` (the tag filter runs in C, so the thousands of inner elements cost no Python
work), the record is read with direct child walks (never XPath, never a descent into ``ReferenceList``),
then the element is cleared and its finished siblings dropped so memory stays flat.

Safety: the parser never loads a DTD, never resolves entities and never touches the network, whatever
the DOCTYPE says. An unresolved entity reference stays visible in the text as ``&name;``.
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
from typing import IO, Any, BinaryIO

from lxml import etree

from crawler.errors import ParseError
from crawler.models import Record, Relation

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


def parse_medline(source: bytes | BinaryIO | IO[bytes] | str | os.PathLike[str]) -> Iterator[Record]:
    """Yield one Record per PubmedArticle/PubmedBookArticle, in document order, as they complete.

    ``source`` is the reply body (bytes, gzip-compressed or not), a binary file object (a ``GzipFile``
    works), or a path to a ``.xml`` or ``.xml.gz`` file. Malformed or truncated input raises
    :class:`ParseError` with a one-line cause, after every record completed before the fault has been
    yielded; an NCBI error reply (``<ERROR>``) or a document that is not a PubmedArticleSet raises too.
    """
    with ExitStack() as stack:
        reader = _Reader(_open(source, stack))
        context = etree.iterparse(reader, **ITERPARSE_OPTIONS)
        try:
            for _event, element in context:
                tag = element.tag
                if tag == "PubmedArticle":
                    record = _article(element)
                elif tag == "PubmedBookArticle":
                    record = _book(element)
                else:
                    raise ParseError(f"NCBI error reply: {_flat(element) or 'ERROR without a message'}")
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
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


class _Reader:
    """Remembers whether the input ran out, so a syntax error there is reported as truncation."""

    __slots__ = ("_stream", "at_eof")

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.at_eof = False

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if not data:
            self.at_eof = True
        return data


def _open(source: Any, stack: ExitStack) -> IO[bytes]:
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
    """Element text with inline markup (<i>, <sup>, MathML …) flattened and whitespace normalised."""
    text = "".join(element.itertext()) if len(element) else element.text
    return _squash(text) if text else ""


def _squash(text: str) -> str:
    """Collapse runs of XML whitespace (the indentation and line breaks of the source) to one space.

    Typographic spaces (no-break, thin) are kept: they are content, not layout. Most texts need only a
    strip, and three substring tests are far cheaper than splitting every abstract into words.
    """
    if "\n" in text or "  " in text or "\t" in text:  # a raw \r cannot survive XML's line-end handling
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


class _Fields:
    """Mutable scratch space for one record; frozen into a Record at the end."""

    __slots__ = (
        "abstract",
        "affiliation",
        "article_date",
        "authors",
        "elocation_doi",
        "elocation_pii",
        "entered",
        "extra",
        "ids",
        "issn",
        "issue",
        "journal",
        "journal_abbrev",
        "keywords",
        "language",
        "medline_ta",
        "mesh",
        "pages",
        "pmid",
        "publication_types",
        "published",
        "relations",
        "sections",
        "status",
        "title",
        "volume",
    )

    def __init__(self) -> None:
        self.pmid: str | None = None
        self.title = ""
        self.abstract = ""
        self.sections: tuple[tuple[str, str], ...] = ()
        self.authors: list[str] = []
        self.affiliation: str | None = None
        self.journal: str | None = None
        self.journal_abbrev: str | None = None
        self.medline_ta: str | None = None
        self.issn: list[str] = []
        self.volume: str | None = None
        self.issue: str | None = None
        self.pages: str | None = None
        self.elocation_doi: str | None = None
        self.elocation_pii: str | None = None
        self.published: str | None = None
        self.article_date: str | None = None
        self.entered: str | None = None
        self.status: str | None = None
        self.publication_types: list[str] = []
        self.mesh: list[str] = []
        self.keywords: list[str] = []
        self.language: str | None = None
        self.relations: list[Relation] = []
        self.ids: dict[str, str] = {}
        self.extra: dict[str, Any] = {}


# Element proxies are cheap while the record is hot in cache; what costs is Python work per element and,
# for ``iter``/``iterchildren`` with a tag filter, one C comparison per node and name. So the parser
# walks the known structure directly and asks lxml to filter in C only where the wanted elements are a
# few among many (children of MedlineCitation and Article; names inside AuthorList).
_CITATION_PARTS = (
    "PMID", "Article", "MedlineJournalInfo", "CommentsCorrectionsList", "MeshHeadingList", "KeywordList",
)  # fmt: skip
_ARTICLE_PARTS = (
    "Journal", "ArticleTitle", "Pagination", "ELocationID", "Abstract", "AuthorList", "Language",
    "PublicationTypeList", "ArticleDate",
)  # fmt: skip
_AUTHOR_PARTS = ("LastName", "Initials", "CollectiveName")


def _article(element: Any) -> Record | None:
    """A PubmedArticle: MedlineCitation (the bibliographic record) and PubmedData (ids and history)."""
    fields = _Fields()
    citation = element[0] if len(element) else None
    if citation is None or citation.tag != "MedlineCitation":
        citation = element.find("MedlineCitation")
        if citation is None:
            return _record(fields, element)  # no PMID: logged and skipped there
    if status := citation.get("Status"):
        fields.extra["medline_status"] = status
    for part in citation.iterchildren(_CITATION_PARTS):
        tag = part.tag
        if tag == "Article":
            _article_part(part, fields)
        elif tag == "PMID":
            fields.pmid = _text(part)
            if (version := part.get("Version")) and version != "1":
                fields.extra["version"] = version  # versioned journals (F1000, Wellcome Open Res) reuse PMIDs
        elif tag == "MedlineJournalInfo":
            for info in part:
                if info.tag == "MedlineTA":
                    fields.medline_ta = _text(info)
                elif info.tag == "ISSNLinking" and (issn := _text(info)):
                    fields.issn.append(issn)
        elif tag == "KeywordList":
            _keywords(part, fields)
        elif tag == "MeshHeadingList":
            for heading in part:
                if len(heading) and (text := _flat(heading[0])):  # DescriptorName comes first
                    fields.mesh.append(text)
        elif tag == "CommentsCorrectionsList":
            _relations(part, fields)
    if not fields.abstract:  # OtherAbstract stands in only when there is no Abstract
        _other_abstract(list(citation.iterchildren("OtherAbstract")), fields)
    for data in element.iterchildren("PubmedData"):
        _pubmed_data(data, fields)
    return _record(fields, element)


def _article_part(article: Any, fields: _Fields) -> None:
    """MedlineCitation/Article: title, journal, pages, abstract, authors, language, types, dates."""
    _walk_article(article, fields)
    if not fields.title or fields.title == "[Not Available].":
        _vernacular_title(article, fields)


def _vernacular_title(parent: Any, fields: _Fields) -> None:
    """The title in the original language stands in when the English one is missing."""
    for vernacular in parent.iterchildren("VernacularTitle"):
        if text := _flat(vernacular):
            fields.title = text
            return


def _walk_article(article: Any, fields: _Fields) -> None:
    for child in article.iterchildren(_ARTICLE_PARTS):
        tag = child.tag
        if tag == "AuthorList":
            fields.authors = _authors(child, fields)
        elif tag == "Abstract":
            _abstract(child, fields)
        elif tag == "ArticleTitle":
            fields.title = _flat(child)
        elif tag == "Journal":
            _journal(child, fields)
        elif tag == "ELocationID":
            _elocation(child, fields)
        elif tag == "PublicationTypeList":
            fields.publication_types = [text for kind in child if (text := _text(kind))]
        elif tag == "Pagination":
            _pagination(child, fields)
        elif tag == "Language":
            if fields.language is None:
                fields.language = _text(child)
        elif tag == "ArticleDate" and fields.article_date is None:
            fields.article_date = _date(child)


def _authors(author_list: Any, fields: _Fields) -> list[str]:
    """'Surname Initials' or a collective name, in order; and the first affiliation given.

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
    if fields.affiliation is None:  # one C-level search instead of visiting every author's affiliations
        for affiliation in author_list.iter("Affiliation"):
            fields.affiliation = _flat(affiliation) or None
            break
    return authors


def _relations(corrections: Any, fields: _Fields) -> None:
    for item in corrections:
        relation = _RELATIONS.get(item.get("RefType"))
        if relation is None:
            continue  # Cites, SummaryForPatientsIn, OriginalReportIn …: not links the digest acts on
        for pmid in item.iterchildren("PMID"):
            if value := _text(pmid):
                fields.relations.append(Relation(relation, "pmid", value))


def _name_without_initials(surname: Any) -> str:
    """Rare: an author with no Initials element; derive them from ForeName when there is one."""
    last = _squash(surname.text or "")
    fore = surname.getparent().findtext("ForeName") or ""
    initials = "".join(word[0] for word in fore.replace("-", " ").split() if word[0].isalpha())
    return f"{last} {initials}" if initials else last


def _journal(journal: Any, fields: _Fields) -> None:
    for child in journal:
        tag = child.tag
        if tag == "JournalIssue":
            for item in child:
                tag = item.tag
                if tag == "Volume":
                    fields.volume = _text(item)
                elif tag == "Issue":
                    fields.issue = _text(item)
                elif tag == "PubDate":
                    fields.published = _date(item)
        elif tag == "Title":
            fields.journal = _flat(child) or None
        elif tag == "ISOAbbreviation":
            fields.journal_abbrev = _text(child)
        elif tag == "ISSN" and (issn := _text(child)):
            fields.issn.append(issn)


def _page_range(start: str, end: str | None) -> str:
    return f"{start}-{end}" if end and end != start else start


def _pagination(pagination: Any, fields: _Fields) -> None:
    start = end = None
    for child in pagination:
        if child.tag == "MedlinePgn":
            if pages := _text(child):
                fields.pages = pages
                return
        elif child.tag == "StartPage":
            start = _text(child)
        elif child.tag == "EndPage":
            end = _text(child)
    if start:
        fields.pages = _page_range(start, end)


def _elocation(child: Any, fields: _Fields) -> None:
    kind = child.get("EIdType")
    if child.get("ValidYN") == "N":
        return
    if kind == "doi" and fields.elocation_doi is None:
        fields.elocation_doi = _text(child)
    elif kind == "pii" and fields.elocation_pii is None:
        fields.elocation_pii = _text(child)


def _abstract(abstract: Any, fields: _Fields) -> None:
    """Sections as "LABEL: text" paragraphs; labels kept apart only when the abstract is structured.

    Works for Abstract and OtherAbstract; CopyrightInformation is not part of the abstract's content.
    """
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
    if not sections:
        return
    if not labelled:
        fields.abstract = sections[0][1] if len(sections) == 1 else "\n\n".join(text for _, text in sections)
        return
    fields.abstract = "\n\n".join(f"{label}: {text}" if label else text for label, text in sections)
    fields.sections = tuple(sections)


def _keywords(keyword_list: Any, fields: _Fields) -> None:
    keywords = fields.keywords
    for keyword in keyword_list:
        if (text := _flat(keyword)) and text not in keywords:
            keywords.append(text)


def _pubmed_data(data: Any, fields: _Fields) -> None:
    """PubmedData / PubmedBookData: history dates, status and the article's own ids."""
    pubmed_event = None
    for child in data:
        tag = child.tag
        if tag == "History":
            for event in child:
                status = event.get("PubStatus")
                if status == "entrez":
                    fields.entered = _date(event)
                    break
                if status == "pubmed":
                    pubmed_event = event
        elif tag == "PublicationStatus":
            fields.status = _text(child)
        elif tag == "ArticleIdList":
            _article_ids(child, fields)
            break  # what follows (ObjectList, ReferenceList) describes other works
    if fields.entered is None and pubmed_event is not None:
        fields.entered = _date(pubmed_event)


def _article_ids(id_list: Any, fields: _Fields) -> None:
    ids = fields.ids
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


def _record(fields: _Fields, element: Any) -> Record | None:
    pmid = fields.pmid
    if not pmid:
        log.warning("skipped a %s without a PMID at line %s", element.tag, element.sourceline)
        return None
    pages = fields.pages
    if pages is None and fields.elocation_pii and _ARTICLE_NUMBER.fullmatch(fields.elocation_pii):
        pages = fields.elocation_pii
    ids = fields.ids
    issn = tuple(dict.fromkeys(fields.issn)) if len(fields.issn) > 1 else tuple(fields.issn)
    return Record(
        source="pubmed",
        source_id=pmid,
        title=fields.title,
        kind=_kind(fields.publication_types),
        doi=_doi(ids.get("doi") or fields.elocation_doi),
        pmid=pmid,
        pmcid=ids.get("pmc"),
        pii=ids.get("pii") or fields.elocation_pii,
        abstract=fields.abstract,
        abstract_sections=fields.sections,
        authors=tuple(fields.authors),
        affiliation=fields.affiliation,
        journal=fields.journal,
        journal_abbrev=fields.journal_abbrev or fields.medline_ta,
        issn=issn,
        volume=fields.volume,
        issue=fields.issue,
        pages=pages,
        published=fields.article_date or fields.published,
        entered=fields.entered,
        publication_status=fields.status,
        publication_types=tuple(fields.publication_types),
        mesh=tuple(fields.mesh),
        keywords=tuple(fields.keywords),
        language=fields.language,
        url=PUBMED_URL.format(pmid),
        relations=tuple(fields.relations),
        extra=fields.extra,
    )


def _other_abstract(candidates: list[Any], fields: _Fields) -> None:
    """English first, else the first OtherAbstract that has any text."""
    candidates.sort(key=lambda other: other.get("Language", "eng") != "eng")
    for other in candidates:
        _abstract(other, fields)
        if fields.abstract:
            return


# -------------------------------------------------------------------------------------------- books


def _book(element: Any) -> Record | None:
    """PubmedBookArticle: a book or a chapter of one (NCBI Bookshelf, e.g. GeneReviews)."""
    fields = _Fields()
    fields.extra["book"] = True
    document: Any = None
    book_title = ""
    chapter_authors: list[str] | None = None
    for part in element:
        tag = part.tag
        if tag == "BookDocument":
            document = part
            for child in part:
                ctag = child.tag
                if ctag == "PMID":
                    fields.pmid = _text(child)
                elif ctag == "ArticleIdList":
                    _article_ids(child, fields)
                elif ctag == "Book":
                    book_title = _book_part(child, fields)
                elif ctag == "ArticleTitle":
                    fields.title = _flat(child)
                elif ctag == "Pagination":
                    _pagination(child, fields)
                elif ctag == "Language":
                    if fields.language is None:
                        fields.language = _text(child)
                elif ctag == "AuthorList":
                    chapter_authors = _authors(child, fields) or chapter_authors
                elif ctag == "PublicationType":
                    if text := _text(child):
                        fields.publication_types.append(text)
                elif ctag == "Abstract":
                    _abstract(child, fields)
                elif ctag == "KeywordList":
                    _keywords(child, fields)
                elif ctag == "ContributionDate" and fields.article_date is None:
                    fields.article_date = _date(child)
        elif tag == "PubmedBookData":
            _pubmed_data(part, fields)
    if chapter_authors:
        fields.authors = chapter_authors
    if document is not None and (not fields.title or fields.title == "[Not Available]."):
        _vernacular_title(document, fields)
    if fields.title:
        fields.journal = book_title or None  # a chapter: the book is its container
    else:
        fields.title = book_title
    return _record(fields, element)


def _book_part(book: Any, fields: _Fields) -> str:
    title = ""
    for child in book:
        tag = child.tag
        if tag == "BookTitle":
            title = _flat(child)
        elif tag == "PubDate":
            fields.published = _date(child)
        elif tag == "Publisher":
            name = child.find("PublisherName")
            if name is not None and (publisher := _flat(name)):
                fields.extra["publisher"] = publisher
        elif tag == "AuthorList" and (authors := _authors(child, fields)):
            fields.authors = authors
        elif tag == "Volume":
            fields.volume = _text(child)
        elif tag == "Isbn" and (isbn := _text(child)):
            fields.extra.setdefault("isbn", isbn)
        elif tag == "ELocationID":
            _elocation(child, fields)
    return title
