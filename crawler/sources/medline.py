"""Streaming parser for PubMed/MEDLINE XML (efetch replies and the NLM baseline/update files).

Why streaming: an efetch batch is small, but the NLM update files hold tens of thousands of records, and
the same code serves both. The input is cut into standalone documents of about 18 whole records
(:mod:`crawler.sources.medline_chunks`), each parsed with one ``etree.fromstring`` and its records read
from the root's children with direct child walks (never XPath, never a descent into ``ReferenceList``);
only one piece's tree is held at a time, so memory stays flat. That is cheaper than
``lxml.etree.iterparse`` over the whole input (its event machinery runs for every element, and each
record has to be cleared and its siblings dropped), which still reads whatever the pieces cannot give
with certainty, from where they stopped, so records and faults are exactly those of one ``iterparse``.

Safety: the parser never loads a DTD, never resolves entities and never touches the network, whatever
the DOCTYPE says. An unresolved entity reference contributes no text (real NLM files use character
references, which need no DTD).
"""

from __future__ import annotations

import calendar
import functools
import gzip
import io
import itertools
import logging
import os
import re
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import ExitStack
from functools import partial
from typing import IO, Any, BinaryIO

from lxml import etree
from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.models import Record, Relation, SetAside
from osteodigest.crawler.sources.guard import contain
from osteodigest.crawler.sources.medline_chunks import MAX_BYTES_BETWEEN_RECORDS, Cutter, NotCuttable, Piece
from osteodigest.crawler.textutil import one_line as _one_line
from osteodigest.crawler.textutil import page_range

log = logging.getLogger(__name__)

#: What both ways of parsing share: never a DTD, never an entity, never the network.
PARSER_OPTIONS: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False}
#: The one set of iterparse settings; the benchmark's bare-iterparse ceiling uses exactly these.
ITERPARSE_OPTIONS: dict[str, Any] = {
    "events": ("end",),
    "tag": ("PubmedArticle", "PubmedBookArticle", "ERROR"),
    **PARSER_OPTIONS,
}

#: A record's PubMed page is this followed by its PMID and "/" (an f-string, not str.format: it is built
#: for every record).
PUBMED_PAGE = "https://pubmed.ncbi.nlm.nih.gov/"

#: (label, text) pairs of a structured abstract, as in Record.abstract_sections.
_Sections = tuple[tuple[str, str], ...]

_as_text = etree.tostring
_XML_SPACE = re.compile(r"[ \t\n\r]+")

#: A reply's root; a record on its own is accepted too (one article cut out of a set and saved, then given
#: to ``osteodigest tag``): its record was read, and refusing the file afterwards only added an error.
_ROOTS = frozenset({"PubmedArticleSet", "PubmedBookArticleSet", "PubmedArticle", "PubmedBookArticle"})

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
#: Any of these makes a record something other than a plain article (checked first: most records have
#: none, and one set test is far cheaper than a scan of the list per kind).
_KIND_TYPES = frozenset(publication_type for publication_type, _kind in _KINDS)


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
        stream = _open(source, stack)
        rest = yield from _pieces(stream, set_aside, source_name)
        if rest is not None:
            yield from _iterparse(rest, set_aside, source_name)


#: A record reader: the element, and the lines before its piece (for the line a warning names).
_Read = Callable[[Any, int], Record | None]

#: The pieces :func:`parse_medline` reads (about 18 records). With bigger ones the tree no longer stays in
#: the processor's faster caches while its records are read, with smaller ones the cost per piece shows;
#: each record is also freed as soon as it is read, for the same reason. Bulk file, interleaved with the
#: benchmark's ceiling: about 81% of it at 96-128 KiB, 78% at 64 KiB; without freeing each record 74% at
#: 64 KiB, 76% at 96-256 KiB, 69% at 1 MiB.
_PIECE_BYTES = 96 * 1024
#: Goes between a piece's records and the root's end tag: a comment whose line (``sourceline``) is the
#: line the records end on, so the lines of the pieces read are known without counting them (a count of
#: every piece's line breaks cost ~5 us a record). The text after it gives that line past 65,535 too,
#: where libxml2 keeps an element's or a comment's line only through the text node next to it.
_MARK = b"<!---->."


#: What lxml's iterparse asks of a stream at a time. The pieces are read so too: a stream that fails
#: part-way (a gzip file cut short) has then given the same bytes, and so the same records, either way.
_ITERPARSE_READ = 32 * 1024


def _pieces(
    stream: IO[bytes] | gzip.GzipFile, set_aside: list[SetAside] | None, source_name: str
) -> Generator[Record, None, _Reader | None]:
    """The records of the pieces of ``stream``, each parsed whole; returns the input from where the
    pieces stopped, for :func:`_iterparse`, or None when they gave all of it."""
    cutter = Cutter(stream, _PIECE_BYTES, mark=_MARK, read=_ITERPARSE_READ)
    parser = etree.XMLParser(**PARSER_OPTIONS)
    cut = iter(cutter)
    given = False
    lines = column = 0  # line breaks in the records given so far, characters after the last one
    while True:
        try:
            piece = next(cut)
        except StopIteration:
            return None
        except NotCuttable:
            return _resume(stream, cutter, None, given, lines, column)
        except Exception as fault:  # the stream's (gzip, I/O): met again where iterparse meets it
            return _resume(stream, cutter, None, given, lines, column, fault)
        found = _records_of(piece, parser)
        if found is None:
            return _resume(stream, cutter, piece, given, lines, column)
        records, mark = found
        before, given = lines, True
        if mark is not None:
            lines, column = _after(piece, mark, lines, column)
        for read, element in records:
            record = (
                read(element, before)
                if set_aside is None
                else _contained(read, element, before, set_aside, source_name)
            )
            # Freed while it is still in the faster caches, not with the whole piece's tree later.
            element.clear()
            if record is not None:
                yield record
        # The piece's tree goes before the next one is built.
        records.clear()
        found = element = mark = None


_RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle")


def _records_of(piece: Piece, parser: etree.XMLParser) -> tuple[list[tuple[_Read, Any]], Any] | None:
    """The readers and elements of a piece's records, and its mark (None in the last piece); None when
    the piece must be read by iterparse instead: it does not parse, holds an ``<ERROR>`` (iterparse
    reports one wherever it is), or records inside another element (iterparse finds those, a walk of the
    root's children does not). The ERROR search is a dictionary look-up in C while no document parsed in
    this thread has named an element so."""
    try:
        root: Any = etree.fromstring(piece.document, parser)
    except etree.XMLSyntaxError:
        return None
    if root.tag not in _ROOTS or next(root.iter("ERROR"), None) is not None:
        return None
    records: list[tuple[_Read, Any]] = []
    children = root[:]
    for element in children:
        tag = element.tag
        if tag == "PubmedArticle":
            records.append((_article, element))
        elif tag == "PubmedBookArticle":
            records.append((_book, element))
        elif isinstance(tag, str) and next(element.iter(*_RECORD_TAGS), None) is not None:
            return None
    return records, None if piece.last else children[-1]


def _after(piece: Piece, mark: Any, lines: int, column: int) -> tuple[int, int]:
    """``lines`` and ``column`` (see :func:`_pieces`) once the piece's records are read. Lines as libxml2
    counts them: a CR LF or a lone LF ends one, a lone CR does not; columns in characters."""
    document, body, end = piece.document, piece.body, piece.end
    lines += mark.sourceline - document.count(b"\n", 0, body) - 1
    newline = document.rfind(b"\n", body, end)
    if newline < 0:
        return lines, column + _width(document[body:end])
    return lines, _width(document[newline + 1 : end])


def _width(data: bytes) -> int:
    return len(data.decode("utf-8", "replace"))


def _resume(
    stream: IO[bytes] | gzip.GzipFile,
    cutter: Cutter,
    piece: Piece | None,
    given: bool,
    lines: int,
    column: int,
    fault: Exception | None = None,
) -> _Reader:
    """The input from where the pieces stopped (the start of ``piece``, else what the cutter holds), as
    iterparse is to read it: the prolog, whitespace that brings the parser to the line and column where
    that is in the file (so its errors name the file's own lines; not counted towards
    :data:`MAX_BYTES_BETWEEN_RECORDS`), the bytes not yet parsed, then the rest of ``stream``, or the
    ``fault`` it raised, raised again there."""
    body = b"" if piece is None else piece.document[piece.body : piece.end]
    size, padding = _padding(lines, column)
    blocks = itertools.chain((cutter.prolog,), padding, (body, cutter.held()))
    return _Reader(_Replay(blocks, stream, fault), -(len(cutter.prolog) + size) if given else 0)


#: The padding's blocks: an empty comment ends each, so that libxml2 never meets a text node past its
#: limit (10 MB) however many lines it stands for.
_PAD_BLOCK = 1024 * 1024
_EMPTY_COMMENT = b"<!---->"


def _padding(lines: int, column: int) -> tuple[int, Iterator[bytes]]:
    """Root content (line breaks, spaces, empty comments) that moves the parser ``lines`` lines down and
    then ``column`` characters on, and its size; made as it is read (a file on one line would need as
    many spaces as it has characters)."""
    newline_blocks, rest = divmod(lines, _PAD_BLOCK)
    line_blocks = [_EMPTY_COMMENT + b"\n" * _PAD_BLOCK] * newline_blocks
    if rest:
        line_blocks.append(_EMPTY_COMMENT + b"\n" * rest)
    column_blocks, rest = divmod(column, _PAD_BLOCK)
    spaces = (b" " * (_PAD_BLOCK - len(_EMPTY_COMMENT)) + _EMPTY_COMMENT for _ in range(column_blocks))
    size = lines + len(_EMPTY_COMMENT) * len(line_blocks) + column
    return size, itertools.chain(line_blocks, spaces, (b" " * rest,))


class _Replay:
    """A binary stream: ``blocks``, then the rest of ``stream``, or ``fault`` raised instead."""

    __slots__ = ("_at", "_block", "_blocks", "_fault", "_stream")

    def __init__(
        self, blocks: Iterable[bytes], stream: IO[bytes] | gzip.GzipFile, fault: Exception | None
    ) -> None:
        self._blocks = iter(blocks)
        self._block = b""
        self._at = 0
        self._stream = stream
        self._fault = fault

    def read(self, size: int = -1) -> bytes:
        while self._at >= len(self._block):
            block = next(self._blocks, None)
            if block is None:
                if self._fault is not None:
                    raise self._fault
                return self._stream.read(size)
            self._block, self._at = block, 0
        start = self._at
        self._at = len(self._block) if size < 0 else min(len(self._block), start + size)
        return self._block[start : self._at]


def _iterparse(reader: _Reader, set_aside: list[SetAside] | None, source_name: str) -> Iterator[Record]:
    """The records of the input ``reader`` gives, by ``iterparse`` (see the module's docstring): the tag
    filter runs in C, each record is read at its end and then cleared, its finished siblings dropped."""
    context = etree.iterparse(reader, **ITERPARSE_OPTIONS)
    try:
        for _event, element in context:
            tag = element.tag
            if tag not in _RECORD_TAGS:
                raise ParseError(f"NCBI error reply: {_flat(element) or 'ERROR without a message'}")
            read: _Read = _article if tag == "PubmedArticle" else _book
            record = (
                read(element, 0)
                if set_aside is None
                else _contained(read, element, 0, set_aside, source_name)
            )
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


def _contained(
    read: _Read, element: Any, lines: int, set_aside: list[SetAside], source_name: str
) -> Record | None:
    """``read`` of a record checked as storable (the fetch's way): one that cannot be read or checked is
    appended to ``set_aside`` with its XML instead of stopping the reply. Both ways of parsing use it."""
    outcome = contain(
        source_name,
        partial(_name, element, lines),
        partial(_raw, element),
        partial(read, element, lines),
        source_id=partial(_pmid, element),
    )
    if isinstance(outcome, SetAside):
        set_aside.append(outcome)
    return outcome if isinstance(outcome, Record) else None


def _line(element: Any, lines: int) -> int | None:
    """The line of ``element`` in the input, its piece being ``lines`` lines into it."""
    line = element.sourceline
    return line + lines if line else None


def _name(element: Any, lines: int) -> str:
    """'PubMed record PMID 123' (or its line) for a record that had to be set aside."""
    pmid = _pmid(element)
    return f"PubMed record PMID {pmid}" if pmid else f"PubMed record at line {_line(element, lines)}"


def _pmid(element: Any) -> str | None:
    """The PMID of a record that had to be set aside, read without building the record."""
    pmid = element.findtext("MedlineCitation/PMID") or element.findtext("BookDocument/PMID")
    return (pmid or "").strip() or None


class _Reader:
    """Remembers whether the input ran out, so a syntax error there is reported as truncation, and
    stops a document in which no record ends for :data:`MAX_BYTES_BETWEEN_RECORDS` (counting from
    ``since_record``)."""

    __slots__ = ("_stream", "at_eof", "since_record")

    def __init__(self, stream: IO[bytes] | gzip.GzipFile | _Replay, since_record: int = 0) -> None:
        self._stream = stream
        self.at_eof = False
        self.since_record = since_record

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


# --------------------------------------------------------------------------------------------- text


def _flat(element: Any) -> str:
    """Element text with inline markup (<i>, <sup>, MathML …) flattened and whitespace normalised.

    Mixed content is serialised as text by libxml2 (three times faster than joining itertext()); an
    unresolved entity reference has no text and so disappears. The normalising is _squash_xml_space, repeated
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


def _squash_xml_space(text: str) -> str:
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


@functools.lru_cache(maxsize=4096)
def _iso(year: str | None, month: str | None = None, day: str | None = None) -> str | None:
    """Partial ISO date from PubMed's texts; never invents precision (no month -> year only).

    Dictionary look-ups instead of int() and datetime, and remembered: this runs three times per record,
    and the records of a file share a few hundred dates (a bounded cache, so a file of made-up dates
    cannot grow it).
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
    for child in element[:]:
        tag = child.tag
        if tag == "Year":
            year = child.text
        elif tag == "Month":
            month = child.text
        elif tag == "Day":
            day = child.text
            break  # Hour and Minute follow in PubMedPubDate
        elif tag == "MedlineDate":
            return medline_date(child.text)
        # Season ("Spring") deliberately gives the year alone: a season is not a month.
    return _iso(year, month, day)


def medline_date(value: str | None) -> str | None:
    """First year(-month(-day)) of a free-form MedlineDate such as '1998 Dec-1999 Jan'."""
    match = _MEDLINE_DATE.search(value or "")
    if not match:
        return None
    year, month_name, day = match.groups()
    return _iso(year, month_name, day)


# ----------------------------------------------------------------------------------------- articles


# Cost model behind the code below (lxml 5-6, CPython 3.11, callgrind/cachegrind): the parser's own work
# is mostly lxml's Python-facing calls, not libxml2: an element proxy from a slice costs ~600 machine
# instructions (made and freed), ``.tag`` ~200 (a new str every time), ``.text`` ~700, ``.get()`` ~1,450
# (~1,800 with a str name: lxml encodes it first, so names are passed as bytes), ``len()`` ~330, and an
# iter()/iterchildren() with a tag filter several thousand to set up. So containers are walked child by
# child over ``element[:]`` (a list of them built in one C call; iterating the element itself builds an
# iterator object and ends in StopIteration, ~1,300 instructions a walk), the C filter is used only where
# the wanted elements are a few among many (the names inside an AuthorList), and a PubmedArticle is read
# in one function with its fields in local variables (a reader call and a holder's attribute per element
# were ~5% of the work). Handing the walk to libxml2 does not pay (bulk file, lxml 6.1 / libxslt 1.1.43):
# one compiled XPath evaluation costs ~18k instructions (``findtext`` ~13k), one XSLT call on a record
# ~100k before it does any work, and a single XSLT over 100 records at a time that only extracts the
# fields (no Python after it) ~315k per record: more than this whole walk, Record included (~285k).
_AUTHOR_PARTS = ("LastName", "Initials", "CollectiveName")


class _Fields:
    """What the element readers found in one PubmedBookArticle, in document order.

    One mutable holder rather than return values, because several readers fill the same field (the
    authors from the chapter's list or the book's, the DOI from ArticleIdList or ELocationID) and the
    Record can only be built once the whole element has been read. (A PubmedArticle, read for every
    record, keeps its fields in local variables instead: see :func:`_article`.)
    """

    __slots__ = (
        "abstract",
        "affiliation",
        "authors",
        "book_authors",
        "book_title",
        "contributed",
        "elocation_doi",
        "entered",
        "extra",
        "ids",
        "keywords",
        "language",
        "pages",
        "pmid",
        "publication_types",
        "published",
        "sections",
        "status",
        "title",
        "volume",
    )

    pmid: str
    title: str
    abstract: str
    sections: _Sections
    authors: list[str]
    affiliation: str | None
    volume: str | None
    pages: str | None
    language: str | None
    published: str | None
    entered: str | None
    status: str | None
    elocation_doi: str | None
    publication_types: list[str]
    keywords: list[str]
    ids: dict[str, str]
    extra: dict[str, Any]
    book_title: str
    book_authors: list[str]
    contributed: str | None

    def __init__(self, extra: dict[str, Any]) -> None:
        self.pmid = self.title = self.abstract = self.book_title = ""
        self.sections = ()
        self.volume = self.pages = self.language = self.published = self.entered = self.status = None
        self.affiliation = self.elocation_doi = self.contributed = None
        self.authors = []
        self.book_authors = []
        self.publication_types = []
        self.keywords = []
        self.ids = {}
        self.extra = extra


#: An element reader: reads one element family into the fields.
_ElementReader = Callable[[Any, _Fields], None]


def _read_children(parent: Any, readers: dict[Any, _ElementReader], fields: _Fields) -> None:
    """Each child read by the reader of its tag; children no reader asks for are skipped."""
    for child in parent[:]:
        reader = readers.get(child.tag)
        if reader is not None:
            reader(child, fields)


def _article(element: Any, lines: int) -> Record | None:
    """A PubmedArticle: MedlineCitation (the bibliographic record) and PubmedData (ids and history).

    One walk with the fields in local variables, not one reader per element into a holder: this runs
    for every record, and a function call and a holder's attribute per element were about a twentieth of
    the parser's own work (see the cost model above). A later element of the same kind overrides an
    earlier one, or not, exactly as the per-element readers (still used for books) did.
    """
    parts = element[:2]  # MedlineCitation, PubmedData
    citation = _medline_citation(element, parts)
    if citation is None:
        log.warning("skipped a PubmedArticle without MedlineCitation at line %s", _line(element, lines))
        return None
    extra: dict[str, Any] = {}
    if medline_status := citation.get(b"Status"):
        extra["medline_status"] = medline_status
    pmid = title = abstract = ""
    sections: _Sections = ()
    authors: list[str] = []
    affiliation = language = article_date = elocation_doi = elocation_pii = medline_ta = pages = None
    journal: _Journal = (None, None, None, None, None)
    issn: list[str] = []
    publication_types: list[str] = []
    mesh: list[str] = []
    mesh_major: list[str] = []
    keywords: list[str] = []
    relations: list[Relation] = []
    other_abstracts: list[Any] = []
    for child in citation[:]:
        tag = child.tag
        if tag == "Article":
            for item in child[:]:
                tag = item.tag
                if tag == "AuthorList":
                    # The names of the first list that has any (a book chapter can list its editors
                    # apart), and the first affiliation found.
                    if not authors:
                        authors = _authors(item)
                    if affiliation is None:
                        affiliation = _first_affiliation(item)
                elif tag == "Abstract":
                    abstract, sections = _abstract_of(item)
                elif tag == "ArticleTitle":
                    title = _flat(item)
                elif tag == "Journal":
                    journal = _journal(item, journal, issn)
                elif tag == "ELocationID":
                    # The first valid DOI and publisher item identifier (PubMed marks a known-wrong
                    # one ValidYN="N").
                    if item.get(b"ValidYN") != "N":
                        kind = item.get(b"EIdType")
                        if kind == "doi":
                            if elocation_doi is None:
                                elocation_doi = ((text := item.text) and text.strip()) or None
                        elif kind == "pii" and elocation_pii is None:
                            elocation_pii = ((text := item.text) and text.strip()) or None
                elif tag == "PublicationTypeList":
                    publication_types = [text for node in item[:] if (text := _text(node))]
                elif tag == "Pagination":
                    pages = _pagination(item)
                elif tag == "Language":
                    if language is None:
                        language = ((text := item.text) and text.strip()) or None
                elif tag == "ArticleDate" and article_date is None:
                    article_date = _ymd(item)
            # The title in the original language stands in when the English one is missing.
            if not title or title == "[Not Available].":
                title = _vernacular_title(child) or title
        elif tag == "PMID":
            pmid = ((text := child.text) and text.strip()) or ""
            if (version := child.get(b"Version")) and version != "1":
                extra["version"] = version  # versioned journals (F1000, Wellcome Open Res) reuse PMIDs
        elif tag == "MedlineJournalInfo":
            # NLM's abbreviation (when the ISO one is missing) and the linking ISSN.
            for item in child[:]:
                tag = item.tag
                if tag == "MedlineTA":
                    medline_ta = ((text := item.text) and text.strip()) or None
                elif tag == "ISSNLinking" and (text := item.text) and (text := text.strip()):
                    issn.append(text)
        elif tag == "KeywordList":
            for node in child[:]:
                if (text := _flat(node)) and text not in keywords:
                    keywords.append(text)
        elif tag == "MeshHeadingList":
            _mesh_headings(child, mesh, mesh_major)
        elif tag == "CommentsCorrectionsList":
            relations = _relations(child)
        elif tag == "OtherAbstract":
            other_abstracts.append(child)  # read only when the article has no Abstract
    if not abstract and other_abstracts:
        abstract, sections = _other_abstract(other_abstracts)
    entered = status = None
    ids: dict[str, str] = {}
    data = parts[1] if len(parts) > 1 else None
    if data is not None and data.tag == "PubmedData":
        for child in data[:]:
            tag = child.tag
            if tag == "History":
                entered = _entered(child)
            elif tag == "PublicationStatus":
                status = ((text := child.text) and text.strip()) or None
            elif tag == "ArticleIdList":
                _article_ids(child, ids)
                break  # what follows (ObjectList, ReferenceList) describes other works
    if not pmid:
        log.warning("skipped a PubmedArticle without a PMID at line %s", _line(element, lines))
        return None
    # An article number given as its pii stands in for missing pages.
    if pages is None and elocation_pii and _ARTICLE_NUMBER.fullmatch(elocation_pii):
        pages = elocation_pii
    journal_title, abbreviation, volume, issue, published = journal
    return Record(
        source="pubmed",
        source_id=pmid,
        title=title,
        kind="article" if _KIND_TYPES.isdisjoint(publication_types) else record_kind(publication_types),
        doi=clean_doi(ids.get("doi") or elocation_doi),
        pmid=pmid,
        pmcid=ids.get("pmc"),
        pii=ids.get("pii") or elocation_pii,
        abstract=abstract,
        abstract_sections=sections,
        authors=tuple(authors),
        affiliation=affiliation,
        journal=journal_title,
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
        url=f"{PUBMED_PAGE}{pmid}/",
        relations=tuple(relations),
        extra=extra,
    )


def _medline_citation(element: Any, parts: list[Any]) -> Any:
    """MedlineCitation, normally the first child; None when the PubmedArticle has none."""
    citation = parts[0] if parts else None
    if citation is None or citation.tag != "MedlineCitation":
        citation = element.find("MedlineCitation")
    return citation


# ------------------------------------------------------------------- MedlineCitation and Article


def _read_title(title: Any, fields: _Fields) -> None:
    fields.title = _flat(title)


def _title_or_vernacular(parent: Any, fields: _Fields) -> None:
    """The title in the original language stands in when the English one is missing."""
    if not fields.title or fields.title == "[Not Available].":
        fields.title = _vernacular_title(parent) or fields.title


def _vernacular_title(parent: Any) -> str:
    for vernacular in parent.iterchildren("VernacularTitle"):
        if text := _flat(vernacular):
            return text
    return ""


#: Journal title, ISO abbreviation, volume, issue and publication date, as read so far.
_Journal = tuple[str | None, str | None, str | None, str | None, str | None]


def _journal(journal: Any, known: _Journal, issn: list[str]) -> _Journal:
    """Journal: what it gives in place of what ``known`` holds (a part it lacks stays as it was); its
    ISSNs are added to ``issn``."""
    title, abbreviation, volume, issue, published = known
    for item in journal[:]:
        tag = item.tag
        if tag == "JournalIssue":
            for part in item[:]:
                tag = part.tag
                if tag == "Volume":
                    volume = ((text := part.text) and text.strip()) or None
                elif tag == "Issue":
                    issue = ((text := part.text) and text.strip()) or None
                elif tag == "PubDate":
                    published = _date(part)
        elif tag == "Title":
            title = _flat(item) or None
        elif tag == "ISOAbbreviation":
            abbreviation = ((text := item.text) and text.strip()) or None
        elif tag == "ISSN" and (text := item.text) and (text := text.strip()):
            issn.append(text)
    return title, abbreviation, volume, issue, published


def _read_author_list(author_list: Any, fields: _Fields) -> None:
    """The names of the first list that has any (a book chapter can list its editors apart), and the
    first affiliation found."""
    if not fields.authors:
        fields.authors = _authors(author_list)
    if fields.affiliation is None:
        fields.affiliation = _first_affiliation(author_list)


def _first_affiliation(author_list: Any) -> str | None:
    for node in author_list.iter("Affiliation"):  # C-level search for the first one only
        return _flat(node) or None
    return None


def _authors(author_list: Any) -> list[str]:
    """'Surname Initials' or a collective name, in order.

    A surname waits for the Initials that follow it; the rare author without Initials gets them from
    ForeName. An AuthorList of Type="editors" (books) is not authors and gives an empty list.
    """
    authors: list[str] = []
    if author_list.get(b"Type", "authors") != "authors":
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
    last = _squash_xml_space(surname.text or "")
    fore = surname.getparent().findtext("ForeName") or ""
    initials = "".join(word[0] for word in fore.replace("-", " ").split() if word[0].isalpha())
    return f"{last} {initials}" if initials else last


def _read_pagination(pagination: Any, fields: _Fields) -> None:
    fields.pages = _pagination(pagination)


def _pagination(pagination: Any) -> str | None:
    """MedlinePgn as printed ("113-25"), else StartPage-EndPage."""
    start = end = None
    for child in pagination[:]:
        tag = child.tag
        if tag == "MedlinePgn":
            if pages := _text(child):
                return pages
        elif tag == "StartPage":
            start = _text(child)
        elif tag == "EndPage":
            end = _text(child)
    return page_range(start, end)


def _read_language(language: Any, fields: _Fields) -> None:
    if fields.language is None:
        fields.language = _text(language)


def _read_abstract(abstract: Any, fields: _Fields) -> None:
    fields.abstract, fields.sections = _abstract_of(abstract)


def _abstract_of(abstract: Any) -> tuple[str, _Sections]:
    """Abstract or OtherAbstract element; CopyrightInformation is not part of the abstract's content."""
    sections = []
    labelled = False
    for child in abstract[:]:
        if child.tag == "AbstractText" and (text := _flat(child)):
            label = child.get(b"Label")
            if label and (label := label.strip()):
                labelled = True
                sections.append((label, text))
            else:
                sections.append(("", text))
    return _join_sections(sections, labelled) if sections else ("", ())


def _join_sections(sections: list[tuple[str, str]], labelled: bool) -> tuple[str, _Sections]:
    """Sections as "LABEL: text" paragraphs; labels kept apart only when the abstract is structured.

    The paragraphs are joined from lists, not generators: str.join turns a generator into a list first.
    """
    if not labelled:
        return (sections[0][1] if len(sections) == 1 else "\n\n".join([text for _, text in sections])), ()
    abstract = "\n\n".join([f"{label}: {text}" if label else text for label, text in sections])
    return abstract, tuple(sections)


def _other_abstract(candidates: list[Any]) -> tuple[str, _Sections]:
    """English first, else the first OtherAbstract that has any text."""
    candidates.sort(key=lambda other: other.get(b"Language", "eng") != "eng")
    for other in candidates:
        abstract, sections = _abstract_of(other)
        if abstract:
            return abstract, sections
    return "", ()


def _mesh_headings(heading_list: Any, mesh: list[str], mesh_major: list[str]) -> None:
    """The DescriptorName of each MeshHeading (it comes first; qualifiers are not kept), and which of
    them NLM marked as major topics."""
    for heading in heading_list[:]:
        parts = heading[:]  # DescriptorName, then its QualifierNames: each proxy made once
        if parts and (text := _flat(parts[0])):
            mesh.append(text)
            # NLM marks a major topic on the descriptor or on one of its qualifiers.
            for part in parts:
                if part.get(b"MajorTopicYN") == "Y":
                    mesh_major.append(text)
                    break


def _relations(corrections: Any) -> list[Relation]:
    """Errata, retractions, comments and updates, each as a Relation to the other record's PMID."""
    relations: list[Relation] = []
    for item in corrections[:]:
        relation = _RELATIONS.get(item.get(b"RefType"))
        if relation is None:
            continue  # Cites, SummaryForPatientsIn, OriginalReportIn …: not links the digest acts on
        for pmid in item.iterchildren("PMID"):
            if value := _text(pmid):
                relations.append(Relation(relation, "pmid", value))
    return relations


# ----------------------------------------------------------------------------------- PubmedData


def _entered(history: Any) -> str | None:
    """The Entrez date (when PubMed first showed the record); the 'pubmed' date before it stands in."""
    pubmed_event = None
    for event in history[:]:
        status = event.get(b"PubStatus")
        if status == "entrez":
            if (entered := _ymd(event)) is not None:
                return entered
            break
        if status == "pubmed":
            pubmed_event = event
    return _ymd(pubmed_event) if pubmed_event is not None else None


def _ymd(element: Any) -> str | None:
    """ArticleDate, PubMedPubDate: always Year, Month, Day (then Hour, Minute) by the DTD."""
    parts = element[:3]
    if len(parts) == 3:
        year, month, day = parts
        if year.tag == "Year" and month.tag == "Month" and day.tag == "Day":
            return _iso(year.text, month.text, day.text)
    return _date(element)


def _article_ids(id_list: Any, ids: dict[str, str]) -> None:
    """The first id of each IdType (doi, pii, pmc, pubmed, bookaccession …)."""
    for article_id in id_list[:]:
        kind = article_id.get(b"IdType")
        if kind not in ids and (value := article_id.text) and (value := value.strip()):
            ids[kind] = value


def clean_doi(value: str | None) -> str | None:
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


def record_kind(publication_types: list[str]) -> str:
    """The record's kind (erratum, retraction, comment …) from its publication types: every PubMed reader
    must agree on it, since a notice is never shown as an article."""
    if _KIND_TYPES.isdisjoint(publication_types):
        return "article"
    for publication_type, kind in _KINDS:
        if publication_type in publication_types:
            return kind
    return "article"


# -------------------------------------------------------------------------------------------- books


def _book(element: Any, lines: int) -> Record | None:
    """PubmedBookArticle: a book or a chapter of one (NCBI Bookshelf, e.g. GeneReviews, StatPearls).

    Rare next to journal articles, so written for clarity over speed. A chapter's container (the book
    title) goes into ``journal``; a whole book has the book title as its title.
    """
    fields = _Fields({"book": True})
    for part in element:
        if part.tag == "BookDocument":
            _read_children(part, _BOOK_DOCUMENT_READERS, fields)
            _title_or_vernacular(part, fields)
        elif part.tag == "PubmedBookData":
            _read_book_data(part, fields)
    if not fields.pmid:
        log.warning("skipped a PubmedBookArticle without a PMID at line %s", _line(element, lines))
        return None
    return _book_record(fields)


def _book_record(fields: _Fields) -> Record:
    """The Record of a book or chapter: the chapter's title, authors and date before the book's."""
    pmid, title, book_title = fields.pmid, fields.title, fields.book_title
    return Record(
        source="pubmed",
        source_id=pmid,
        title=title or book_title,
        kind=record_kind(fields.publication_types),
        doi=clean_doi(fields.ids.get("doi") or fields.elocation_doi),
        pmid=pmid,
        pmcid=fields.ids.get("pmc"),
        abstract=fields.abstract,
        abstract_sections=fields.sections,
        authors=tuple(fields.authors or fields.book_authors),
        affiliation=fields.affiliation,
        journal=book_title or None if title else None,
        volume=fields.volume,
        pages=fields.pages,
        published=fields.contributed or fields.published,
        entered=fields.entered,
        publication_status=fields.status,
        publication_types=tuple(fields.publication_types),
        keywords=tuple(fields.keywords),
        language=fields.language,
        url=f"{PUBMED_PAGE}{pmid}/",
        extra=fields.extra,
    )


def _read_book_pmid(pmid: Any, fields: _Fields) -> None:
    fields.pmid = _text(pmid) or ""


def _read_article_id_list(id_list: Any, fields: _Fields) -> None:
    _article_ids(id_list, fields.ids)


def _read_book_publication_type(publication_type: Any, fields: _Fields) -> None:
    if text := _text(publication_type):
        fields.publication_types.append(text)


def _read_book_keywords(keyword_list: Any, fields: _Fields) -> None:
    """A keyword already read from an earlier list is left out (one repeated within the list is not)."""
    known = fields.keywords
    fields.keywords = known + [text for node in keyword_list if (text := _flat(node)) and text not in known]


def _read_contribution_date(contribution_date: Any, fields: _Fields) -> None:
    fields.contributed = fields.contributed or _date(contribution_date)


def _read_book(book: Any, fields: _Fields) -> None:
    _read_children(book, _BOOK_READERS, fields)


def _read_book_title(book_title: Any, fields: _Fields) -> None:
    fields.book_title = _flat(book_title)


def _read_book_pub_date(pub_date: Any, fields: _Fields) -> None:
    fields.published = _date(pub_date)


def _read_publisher(publisher: Any, fields: _Fields) -> None:
    if (name := publisher.findtext("PublisherName")) and (name := _squash_xml_space(name)):
        fields.extra["publisher"] = name


def _read_book_authors(author_list: Any, fields: _Fields) -> None:
    fields.book_authors = fields.book_authors or _authors(author_list)


def _read_book_volume(volume: Any, fields: _Fields) -> None:
    fields.volume = _text(volume)


def _read_isbn(isbn: Any, fields: _Fields) -> None:
    if value := _text(isbn):
        fields.extra.setdefault("isbn", value)


def _read_book_elocation(elocation: Any, fields: _Fields) -> None:
    if elocation.get(b"EIdType") == "doi":
        fields.elocation_doi = fields.elocation_doi or _text(elocation)


def _read_book_data(data: Any, fields: _Fields) -> None:
    """PubmedBookData: the Entrez date (else the 'pubmed' one), the publication status and more ids."""
    for child in data:
        tag = child.tag
        if tag == "History":
            events = {event.get(b"PubStatus"): event for event in child}
            if (event := events.get("entrez", events.get("pubmed"))) is not None:
                fields.entered = _ymd(event)
        elif tag == "PublicationStatus":
            fields.status = _text(child)
        elif tag == "ArticleIdList":
            _article_ids(child, fields.ids)


# ------------------------------------------------------------------------------ readers by tag

#: Children of BookDocument: a chapter's title, authors, abstract, pages and language are read as an
#: article's are.
_BOOK_DOCUMENT_READERS: dict[Any, _ElementReader] = {
    "PMID": _read_book_pmid,
    "ArticleIdList": _read_article_id_list,
    "Book": _read_book,
    "ArticleTitle": _read_title,
    "Pagination": _read_pagination,
    "Language": _read_language,
    "AuthorList": _read_author_list,
    "PublicationType": _read_book_publication_type,
    "Abstract": _read_abstract,
    "KeywordList": _read_book_keywords,
    "ContributionDate": _read_contribution_date,
}
#: Children of Book (the whole book a chapter belongs to).
_BOOK_READERS: dict[Any, _ElementReader] = {
    "BookTitle": _read_book_title,
    "PubDate": _read_book_pub_date,
    "Publisher": _read_publisher,
    "AuthorList": _read_book_authors,
    "Volume": _read_book_volume,
    "Isbn": _read_isbn,
    "ELocationID": _read_book_elocation,
}
