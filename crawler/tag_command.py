"""``osteodigest tag INPUT…``: tag bibliographic files without a config or a store.

Inputs: PubMed XML (efetch or baseline/update files, ``.gz`` too), PubMed's text format ("PubMed format",
``.nbib``, efetch ``rettype=medline``), JSON Lines (one object a line: ``id``, ``title``, ``abstract`` (or
a labelled dataset's ``text``), optional ``journal``, ``keywords``, ``publication_types``, ``doi``,
``pmid``, ``mesh``), RIS, and CSV/TSV with a header row (``id``/``pmid``, ``title``, ``abstract``,
``journal``, ``keywords``, ``publication_types``; lists separated by ``;``). JSON Lines and CSV may also
carry what a brand-new record already has and the tagger reads: ``pages`` ("115-7"), ``authors``,
``language`` and ``comment_on`` (ids of the articles this one comments on); RIS gives them as SP/EP,
AU/A1, LA. A saved reply of Europe PMC's search or Crossref's works (one JSON document) is read by the
fetchers' parsers (:mod:`crawler.saved_replies`). The format is taken from the extension, or sniffed from
the first bytes; ``-`` reads standard input.

Output: one JSON object per record: ``id`` (the PMID when known), ``study_type``, ``evidence_level``,
``flags``, ``topics``, ``key_numbers``, ``why``, and ``relevance``: per topic of the topics file (the shipped
one, or ``--topics FILE`` merged into it) the relevance stage's ``decision`` (about, mentions, none),
``score`` and ``why``. ``--explain`` adds the title and a readable line per tag and per topic. Unreadable
inputs are reported on stderr and the others still tagged (exit 1); so is a record the tagger fails on,
by its id, and the records around it are still tagged.

Records are read here and, from 1,000 records on, tagged by ``--jobs`` worker processes
(one per usable CPU unless told), in chunks, the lines written in the inputs' order: the same bytes as
tagging them here (``--jobs 1``), on every core (see :func:`crawler.assessing.each_in_order`). A PubMed
XML file is not even parsed here: it is cut into pieces of whole records
(:mod:`crawler.sources.medline_chunks`) that the workers parse, tag and write out, since parsing here
made this process the bottleneck; should a piece fail (a damaged file, a worker that dies), the file is
read again here from the first record not yet written, the way ``--jobs 1`` reads it, so the output and
the errors are those of one process.

A record's line is made by :mod:`crawler.tagging.command`, named here and not imported: this process
imports the tagging rules (about half a second of CPU) only when it tags a record itself, which, with
workers tagging a PubMed file, it never does; so the workers start that much sooner.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import itertools
import json
import logging
import re
import sys
from collections.abc import Generator, Iterator
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from osteodigest.crawler import saved_replies
from osteodigest.crawler.abstracts import leading_title
from osteodigest.crawler.assessing import (
    WORKERS_FROM,
    Failed,
    Named,
    each_in_order,
    each_piece_in_order,
    usable_cpus,
)
from osteodigest.crawler.errors import ConfigError, InputError, ParseError
from osteodigest.crawler.exits import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from osteodigest.crawler.inputs import DEFAULT_MAX_INPUT_BYTES, InputTooLarge, open_input
from osteodigest.crawler.models import Record, Relation
from osteodigest.crawler.sources import medline_text
from osteodigest.crawler.sources.guard import RecordError, check_record
from osteodigest.crawler.sources.markup import flatten_abstract, plain_text
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.sources.medline_chunks import NotCuttable, Piece, pieces
from osteodigest.crawler.tabular import header_delimiter, header_text, open_text
from osteodigest.crawler.topics import Topic, load_topics

if TYPE_CHECKING:
    from osteodigest.crawler.relevance import RelevanceStage

logger = logging.getLogger("osteodigest.tag")

#: The largest item of a JSON array input; a record is a few kilobytes.
MAX_JSON_ITEM_CHARS = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Unreadable:
    """One item of an input that is no record (a line that is not JSON, a field of the wrong type, a lone
    surrogate): named and skipped, so one bad line never costs the records after it."""

    where: str
    why: str


def run(
    inputs: list[Path],
    explain: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    topics_file: Path | None = None,
    jobs: int | None = None,
    workers_from: int = WORKERS_FROM,
) -> int:
    """Tag ``inputs`` onto ``out``; ``jobs`` processes tag (None: one per usable CPU; 1: this process
    only), once the inputs have given ``workers_from`` records."""
    out, err = out or sys.stdout, err or sys.stderr  # looked up at call time (redirected in tests)
    if not inputs:
        print("osteodigest tag: no input files", file=err)
        return EXIT_USAGE
    try:
        topics = load_topics(topics_file)
    except ConfigError as exc:
        print(f"osteodigest tag: {exc}", file=err)
        return EXIT_USAGE
    reading = _Reading(inputs, max_input_bytes, err)
    results = _Tagging(reading, topics, explain, jobs or usable_cpus(), workers_from).lines()
    untagged = 0
    with contextlib.closing(results):  # left early (Ctrl-C, a closed pipe): the workers stop too
        for path, ident, line in results:
            if isinstance(line, Failed):
                untagged += 1
                print(f"osteodigest tag: {path}: record {ident}: not tagged ({line.why})", file=err)
            else:
                out.write(line)
    if reading.too_large:
        return EXIT_USAGE
    if reading.failed == len(inputs):
        return EXIT_USAGE if all(not Path(p).exists() and str(p) != "-" for p in inputs) else EXIT_PARTIAL
    return EXIT_PARTIAL if reading.failed or reading.unreadable or untagged else EXIT_OK


@dataclass
class _Reading:
    """The records of every input in turn, each with its input's path; an input that cannot be read
    (or read on) is reported on ``err`` and counted, and the next one read."""

    inputs: list[Path]
    max_input_bytes: int
    err: TextIO
    failed: int = 0
    #: An input went past the size limit: nothing after it is read.
    too_large: bool = False
    #: Items skipped as no record (see :class:`Unreadable`).
    unreadable: int = 0

    def records(self, inputs: list[Path] | None = None) -> Iterator[tuple[Path, Record]]:
        """The records of ``inputs`` (default: all), until an input is too large."""
        for path in self.inputs if inputs is None else inputs:
            if self.too_large:
                return
            try:
                for record in read_records(path, self.max_input_bytes):
                    if isinstance(record, Unreadable):
                        self.unreadable += 1
                        print(f"osteodigest tag: {path}: {record.where}: {record.why}", file=self.err)
                        continue
                    yield path, record
            except InputTooLarge as exc:
                # Not a bad file but a limit the user set (or the default): stop, and say how to go on.
                print(f"osteodigest tag: {path}: {exc}", file=self.err)
                self.too_large = True
                return
            except (OSError, InputError, ValueError, csv.Error) as exc:
                self.failed += 1
                print(f"osteodigest tag: {path}: {exc}", file=self.err)


#: One output line: the input, the record's id, and its line (or why it could not be tagged).
Line = tuple[Path, str, str | Failed]


@dataclass
class _Tagging:
    """Every input's lines in order: a PubMed XML file of ``workers_from`` records or more cut into pieces
    that worker processes parse and tag (:meth:`_pieces`); any other input through
    :func:`~crawler.assessing.each_in_order`, consecutive ones as one stream."""

    reading: _Reading
    topics: list[Topic]
    explain: bool
    processes: int
    workers_from: int

    @functools.cached_property
    def stage(self) -> RelevanceStage:
        """The topics compiled, made when this process first tags a record: when the workers parse and
        tag every piece of a PubMed file, this process never does (~0.15 s of CPU saved)."""
        from osteodigest.crawler.relevance import RelevanceStage

        return RelevanceStage(self.topics)

    def lines(self) -> Generator[Line, None, None]:
        others: list[Path] = []
        for path in self.reading.inputs:
            if self.processes > 1 and _cuttable(path):
                yield from self._records(others)
                others = []
                if self.reading.too_large:
                    return
                yield from self._pieces(path)
            else:
                others.append(path)
        yield from self._records(others)

    def _records(self, inputs: list[Path], skip: int = 0) -> Iterator[Line]:
        """Read here, tagged here or by workers (see :func:`~crawler.assessing.each_in_order`)."""
        if not inputs or self.reading.too_large:
            return
        records = itertools.islice(self.reading.records(inputs), skip, None)
        task = functools.partial(_LINE_TEXT, explain=self.explain)
        results = each_in_order(records, task, self.stage, self.processes, self.workers_from)
        with contextlib.closing(results):
            for path, record, line in results:
                yield path, record_id(record), line

    def _pieces(self, path: Path) -> Iterator[Line]:
        """``path`` cut into pieces the workers parse and tag; from a piece that fails on (or a file too
        small for workers, or one not cut with certainty) the file is read here, its first ``written``
        records skipped, so the rest and any error are exactly what one process gives."""
        written = 0
        task = functools.partial(_PIECE_LINES, explain=self.explain)
        try:
            with open_input(path, self.reading.max_input_bytes, fast_gunzip=True) as stream:
                cut = pieces(stream)
                head = _pieces_of(cut, self.workers_from)
                if head is None:
                    raise NotCuttable(f"fewer than {self.workers_from} records")
                documents = (piece.document for piece in itertools.chain(head, cut))
                results = each_piece_in_order(documents, task, self.topics, self.processes)
                with contextlib.closing(results):
                    for lines in results:
                        for ident, line in lines:
                            yield path, ident, line
                            written += 1
            return
        except NotCuttable:
            pass
        except BrokenExecutor:
            logger.warning("a worker process died; %s is read again here from record %d", path, written + 1)
        except Exception as exc:  # the reading here meets the same fault again and reports it, or not
            logger.debug("%s: read here from record %d on (%s)", path, written + 1, exc)
        yield from self._records([path], skip=written)


def _cuttable(path: Path) -> bool:
    """A PubMed XML file (not standard input, which cannot be read twice): see :meth:`_Tagging._pieces`."""
    if str(path) == "-":
        return False
    try:
        with open_input(path) as stream:
            return _format(Path(path), stream.read(2000)) == "xml"
    except (OSError, InputError):
        return False


def _pieces_of(cut: Iterator[Piece], records: int) -> list[Piece] | None:
    """The first pieces of ``cut`` holding ``records`` records, or None when the file has fewer."""
    head: list[Piece] = []
    for piece in cut:
        head.append(piece)
        records -= piece.records
        if records <= 0:
            return head
    return None


def record_id(record: Record) -> str:
    """The id a record's line carries (the PMID when known)."""
    return record.pmid or record.source_id


#: What tags a record, and a piece of PubMed XML, into output lines: named, not imported, since they need
#: the tagging rules (half a second to import) and when workers tag a PubMed file this process never does.
_LINE_TEXT = Named("osteodigest.crawler.tagging.command", "line_text")
_PIECE_LINES = Named("osteodigest.crawler.tagging.command", "piece_lines")


# --------------------------------------------------------------------------------------------------
# Readers
# --------------------------------------------------------------------------------------------------
def read_records(path: Path, max_bytes: int = DEFAULT_MAX_INPUT_BYTES) -> Iterator[Record | Unreadable]:
    """The records of one input, streamed (``-`` reads standard input), and an :class:`Unreadable` for
    each item that is no record; more than ``max_bytes`` once decompressed raises
    :class:`~crawler.inputs.InputTooLarge`."""
    with open_input(path, max_bytes) as stream:
        head = stream.read(2000)
        stream.seek(0)
        kind = _format(Path(path), head)
        if kind == "xml":
            yield from _pubmed(stream)
            return
        text = open_text(stream) if kind != "jsonl" else _utf8(stream)
        if kind == "jsonl":
            yield from _jsonl(text)
        elif kind == "medline":
            yield from _medline_text(text)
        elif kind == "ris":
            yield from _ris(text)
        else:
            yield from _csv(text)


def _utf8(stream: BinaryIO) -> TextIO:
    """JSON is UTF-8 (a byte-order mark tolerated); anything else is an error, not a guess."""
    return io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")


def _format(path: Path, data: bytes) -> str:
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    suffix = suffixes[-1] if suffixes else ""
    if suffix == ".xml":
        return "xml"
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    if suffix in {".nbib", ".medline"}:
        return "medline"
    if suffix in {".ris", ".txt"} and b"TY  -" in data[:2000]:
        return "ris"
    if suffix == ".ris":
        return "ris"
    if suffix in {".csv", ".tsv", ".tab"}:
        return "csv"  # the header row tells the separator
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    if head.startswith(b"<"):
        return "xml"
    if head.startswith((b"{", b"[")):
        return "jsonl"
    if b"TY  -" in data[:2000]:
        return "ris"
    if medline_text.looks_like(data[:2000].decode("utf-8", "replace")):
        return "medline"
    return "csv"


def _pubmed(stream: BinaryIO) -> Iterator[Record]:
    try:
        yield from parse_medline(stream)
    except ParseError as exc:
        raise InputError(f"not readable as PubMed XML: {exc}") from exc


def _listish(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.replace("|", ";").split(";") if v.strip())
    if not isinstance(value, list | tuple):
        value = (value,)  # one PMID given as a number, not a list
    return tuple(str(v).strip() for v in value if str(v).strip())


#: Other vocabularies' names of document types, as NLM's publication types (what the tagger reads):
#: Semantic Scholar's ("CaseReport", "MetaAnalysis", "LettersAndComments"), Scopus's and Web of Science's
#: ("Editorial Material", "Correction", "Erratum"), and singular or British spellings. "Article" and
#: "JournalArticle" say nothing of design, as NLM's "Journal Article" does not.
_PUBLICATION_TYPE_NAMES = {
    "case report": "Case Reports",
    "casereport": "Case Reports",
    "clinicaltrial": "Clinical Trial",
    "metaanalysis": "Meta-Analysis",
    "meta analysis": "Meta-Analysis",
    "systematicreview": "Systematic Review",
    "letters and comments": "Letter",
    "lettersandcomments": "Letter",
    "editorial material": "Editorial",
    "correction": "Published Erratum",
    "erratum": "Published Erratum",
    "randomised controlled trial": "Randomized Controlled Trial",
    "randomizedcontrolledtrial": "Randomized Controlled Trial",
    "journalarticle": "Journal Article",
}


def _publication_type(name: str) -> str:
    return _PUBLICATION_TYPE_NAMES.get(name.strip().lower(), name.strip())


#: Column names other tools export, mapped to ours: Scopus and Web of Science CSV ("Article Title",
#: "Source Title", "Author Keywords", "Document Type", "PubMed ID"), PubMed's own CSV ("Journal/Book") and
#: the short tags of MEDLINE and of Web of Science's tab-delimited export ("TI", "AB", "SO", "DE", "DT",
#: "PM") that people keep as headers, and the names of labelled research datasets built from PubMed
#: ("Journal Name", "Keyword", "MeSH Terms").
_FIELD_ALIASES = {
    "article_title": "title",
    "articletitle": "title",
    "document_title": "title",
    "ti": "title",
    "abstract_text": "abstract",
    "abstracttext": "abstract",  # Europe PMC's JSON, PubMed's element name
    "abstract_note": "abstract",  # Zotero's CSV export
    "ab": "abstract",
    "journal/book": "journal",
    "journal_title": "journal",
    "journaltitle": "journal",  # Europe PMC
    "publication_title": "journal",  # Zotero
    "source_title": "journal",
    "venue": "journal",  # Semantic Scholar
    "journal_name": "journal",  # research datasets built from PubMed (BigBio, Hugging Face)
    "so": "journal",
    "author_keywords": "keywords",
    "manual_tags": "keywords",  # Zotero: the keywords a reference manager imported
    "kw": "keywords",
    "keyword": "keywords",
    "mesh_terms": "mesh",
    "mesh_headings": "mesh",
    "de": "keywords",
    "publication_type": "publication_types",
    "publicationtypes": "publication_types",  # Semantic Scholar
    "container_title": "journal",  # Crossref's JSON
    "pubtype": "publication_types",  # Europe PMC
    "document_type": "publication_types",
    "dt": "publication_types",
    "pt": "publication_types",
    "paperid": "id",  # Semantic Scholar
    "paper_id": "id",
    "pubmed_id": "pmid",
    "pubmed": "pmid",
    "pm": "pmid",
}


#: A tag of JATS or HTML, or a character entity: a field written in markup ("<jats:p>", "<i>", "&amp;"),
#: not a plain text's "p < 0.05", "A&E" or "<LOD>" (only tags that abstracts and titles are written in).
_MARKUP = re.compile(
    r"</?(?:jats:|mml:)?(?:p|i|b|u|em|strong|sup|sub|br|div|span|sec|title|h[1-6]|a|sc|italic|bold|list|"
    r"list-item|li|ul|ol|abstract|inline-formula|math|mi|mo|mn|mrow|label|caption)(?:\s[^<>]*)?/?>"
    r"|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"
)

_SECTION_LABEL = ("label", "heading", "category", "nlmcategory", "section", "title")
_SECTION_TEXT = ("text", "#text", "content", "value", "abstracttext", "body")


def _abstract_text(value: Any) -> str:
    """An abstract as one text. Some exports give a structured abstract as a list of sections (strings,
    or objects with a label and a text) or as one object of label -> text; read as Python's repr, its
    headings were no longer headings ("{'METHODS': 'We randomly…") and its conclusion no takeaway, so the
    sections are joined as "LABEL: text", the way PubMed prints them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        fields = {str(k).strip().lower(): v for k, v in value.items()}
        text = next((fields[k] for k in _SECTION_TEXT if isinstance(fields.get(k), str)), None)
        if text is not None:
            label = next((fields[k] for k in _SECTION_LABEL if isinstance(fields.get(k), str)), "")
            return f"{label.strip().upper()}: {text.strip()}" if label.strip() else text.strip()
        sections = ((str(k).strip(), _abstract_text(v)) for k, v in value.items())
        return " ".join(f"{label}: {text}" if label else text for label, text in sections if text)
    if isinstance(value, list | tuple):
        return " ".join(part for part in (_abstract_text(v) for v in value) if part)
    return str(value).strip()


def _one_text(value: Any) -> str:
    """A title or journal name however a JSON export gives it: a string, a list of them (Crossref's
    "title": ["…"]), or an object with a name (Semantic Scholar's "journal": {"name": "…"})."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return next((text for text in map(_one_text, value) if text), "")
    if isinstance(value, dict):
        return next((_one_text(value[k]) for k in ("name", "title", "text", "value") if value.get(k)), "")
    return str(value).strip()


def _field_name(name: Any) -> str:
    key = str(name).strip().lower().replace(" ", "_").replace("-", "_")
    return _FIELD_ALIASES.get(key, key)


def _record(fields: dict[str, Any], source: str, index: int) -> Record:
    lower: dict[str, Any] = {}
    types: list[str] = []
    for key, value in fields.items():
        if key is None or value in (None, ""):
            continue
        name = _field_name(key)
        if name == "publication_types":
            # Several columns can carry types (Web of Science: PT is a one-letter source code, DT the
            # document type), so all are read and the one-letter codes dropped.
            named = (_publication_type(t) for t in _listish(value) if len(t) > 1)
            types.extend(t for t in named if t not in types)
        else:
            lower.setdefault(name, value)
    ident = str(lower.get("id") or lower.get("pmid") or lower.get("doi") or f"{source}-{index}").strip()
    pmid = str(lower.get("pmid") or "").strip() or (ident if ident.isdigit() else None)
    extra = {k: v for k, v in lower.items() if k in {"nct_id", "registrations", "server"}}
    pages = str(lower.get("pages") or "").strip()
    if not pages and lower.get("start_page"):
        pages = "-".join(str(lower[k]).strip() for k in ("start_page", "end_page") if lower.get(k))
    relations = tuple(
        Relation("comment_on", "pmid" if ref.isdigit() else "doi", ref)
        for ref in _listish(lower.get("comment_on"))
    )
    title = _one_text(lower.get("title"))
    # A labelled dataset's "text" (the abstract, or title and abstract run together) stands in for a
    # missing abstract: read as nothing, every such record came out "Design not stated", silently.
    abstract = _abstract_text(lower.get("abstract") or lower.get("text"))
    sections: tuple[tuple[str, str], ...] = ()
    if _MARKUP.search(abstract):
        # Exported from Crossref or a publisher's page: JATS or HTML, read as the sources read it.
        abstract, sections = flatten_abstract(abstract)
    if _MARKUP.search(title):
        title = plain_text(title)
    if not title:
        title, abstract = leading_title(abstract)
    return Record(
        source=source,
        source_id=ident,
        title=title,
        abstract=abstract,
        abstract_sections=sections,
        journal=_one_text(lower.get("journal")) or None,
        keywords=_listish(lower.get("keywords")),
        publication_types=tuple(types),
        mesh=_listish(lower.get("mesh")),
        doi=str(lower.get("doi")).strip() if lower.get("doi") else None,
        pmid=pmid,
        kind=str(lower.get("kind") or "article"),
        pages=pages or None,
        authors=_listish(lower.get("authors") or lower.get("author")),
        language=str(lower.get("language") or "").strip() or None,
        relations=relations,
        extra=extra,
    )


def _checked(fields: dict[str, Any], source: str, index: int, where: str) -> Record | Unreadable:
    """The record of one item, checked as the crawler checks a service's records (every field text, no
    lone surrogate); an item that is none is :class:`Unreadable`, named by ``where``."""
    try:
        record = check_record(_record(fields, source, index))
    except (RecordError, TypeError, ValueError, RecursionError) as exc:
        return Unreadable(where, f"not a record ({exc})")
    if not record.title and not record.abstract:
        return Unreadable(where, "no title, abstract or text to tag")
    return record


def _jsonl(text: TextIO) -> Iterator[Record | Unreadable]:
    """One JSON object a line, or (as a courtesy) one JSON array of objects, read item by item, or one JSON
    document over several lines (a saved reply of Europe PMC or Crossref, or one record)."""
    first = _first_character(text)
    if first == "{" and not _first_line_is_json(text):
        try:
            document = json.loads(text.read())
        except json.JSONDecodeError as exc:
            yield Unreadable(f"line {exc.lineno}", f"not JSON ({exc.msg})")
            return
        except RecursionError:
            yield Unreadable("line 1", "not JSON (nested too deeply)")
            return
        yield from _items_of(document, "the document", 1)
        return
    if first == "[":
        for index, item in enumerate(_json_array(text), 1):
            if not isinstance(item, dict):
                yield Unreadable(f"item {index}", "expected a JSON object")
                continue
            yield _checked(item, "jsonl", index, f"item {index}")
        return
    # JSON Lines are separated by line feeds; a U+2028 inside a JSON string is not a line end.
    for index, line in enumerate(text, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Unreadable(f"line {index}", f"not JSON ({exc.msg})")
            continue
        except RecursionError:
            yield Unreadable(f"line {index}", "not JSON (nested too deeply)")
            continue
        yield from _items_of(item, f"line {index}", index)


def _items_of(item: Any, where: str, index: int) -> Iterator[Record | Unreadable]:
    """The record a JSON object is, or the records of a service's reply it is."""
    if not isinstance(item, dict):
        yield Unreadable(where, "expected a JSON object")
        return
    service = saved_replies.service_of(item)
    if service is None:
        held = _held_records(item)
        if not held:
            yield _checked(item, "jsonl", index, where)
            return
        number = 0
        for key, items in held:
            for position, sub in enumerate(items, 1):
                number += 1
                yield _checked(sub, "jsonl", number, f"{where}: {key!r} item {position}")
        return
    try:
        records, set_aside = saved_replies.records_of(service, item)
    except ParseError as exc:
        yield Unreadable(where, f"a {service} reply, not readable ({exc})")
        return
    yield from records
    yield from (Unreadable(f"{where}: {aside.what}", aside.error) for aside in set_aside)


def _held_records(item: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """The lists of objects an object that is no record holds: a dataset saved as ``{"data": […]}`` or
    ``{"train": […], "test": […]}`` was one unreadable item ("no title, abstract or text to tag")."""
    if any(_field_name(key) in _TEXT_FIELDS for key in item):
        return []
    return [
        (str(key), value)
        for key, value in item.items()
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
    ]


def _first_line_is_json(text: TextIO) -> bool:
    """Whether the first line is a JSON value by itself (JSON Lines), the stream then rewound."""
    line = text.readline()
    text.seek(0)
    try:
        json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _first_character(text: TextIO) -> str:
    """The first non-space character of the stream, which is then rewound."""
    while chunk := text.read(4096):
        stripped = chunk.lstrip()
        if stripped:
            text.seek(0)
            return stripped[0]
    text.seek(0)
    return ""


def _json_array(text: TextIO) -> Iterator[Any]:
    """The items of a JSON array, decoded one at a time from the stream (never the whole array)."""
    decoder = json.JSONDecoder()
    buffer, pos, eof, want = "", 0, False, 64 * 1024

    def more() -> bool:
        nonlocal buffer, pos, eof, want
        chunk = text.read(want)
        if not chunk:
            eof = True
            return False
        buffer, pos = buffer[pos:] + chunk, 0
        return True

    def skip_space() -> str:
        nonlocal pos
        while True:
            while pos < len(buffer) and buffer[pos] in " \t\r\n":
                pos += 1
            if pos < len(buffer):
                return buffer[pos]
            if not more():
                return ""

    if skip_space() != "[":
        raise InputError("not a JSON array")
    pos += 1
    if skip_space() == "]":
        return
    while True:
        skip_space()
        try:
            item, end = decoder.raw_decode(buffer, pos)
        except RecursionError:
            raise InputError("not a JSON array: an item nested too deeply") from None
        except json.JSONDecodeError as exc:
            # The item may only be cut by the chunk: read on (more each time) and try again, but not
            # without end, or one malformed item would pull the rest of the file into memory.
            if len(buffer) - pos < MAX_JSON_ITEM_CHARS and more():
                want *= 2
                continue
            raise InputError(f"not a JSON array: {exc.msg}") from None
        if end == len(buffer) and more():  # a number at the very end may go on in the next chunk
            continue
        want = 64 * 1024
        pos = end
        yield item
        separator = skip_space()
        if separator == "]":
            return
        if separator != ",":
            raise InputError("not a JSON array: expected ',' or ']' between items")
        pos += 1


_RIS_FIELDS = {
    "TI": "title",
    "T1": "title",
    "AB": "abstract",
    "N2": "abstract",
    "JO": "journal",
    "JF": "journal",
    "T2": "journal",
    "JA": "journal",
    "DO": "doi",
    "ID": "id",
    "AN": "id",
    "SP": "start_page",
    "EP": "end_page",
    "LA": "language",
}


def _ris(text: TextIO) -> Iterator[Record | Unreadable]:
    fields: dict[str, Any] = {}
    keywords: list[str] = []
    authors: list[str] = []
    index = 0
    for raw in _lines(text):
        if len(raw) < 2 or (raw[2:6] != "  - " and not raw.startswith("ER  -")):
            if fields.get("abstract") and raw.strip() and not raw[:2].isupper():
                fields["abstract"] += " " + raw.strip()  # wrapped abstract lines
            continue
        tag, value = raw[:2], raw[6:].strip()
        if tag == "TY":
            fields, keywords, authors = {"type": value}, [], []
        elif tag == "ER":
            index += 1
            fields["keywords"], fields["authors"] = keywords, authors
            if fields.get("type", "").upper() in {
                "JOUR",
                "EJOUR",
                "JFULL",
                "ABST",
                "INPR",
                "CPAPER",
                "CONF",
                "GEN",
                "ELEC",
                "RPRT",
                "THES",
                "BOOK",
                "CHAP",
                "",
            }:
                yield _checked(fields, "ris", index, f"record {index}")
            fields, keywords, authors = {}, [], []
        elif tag == "KW":
            keywords.append(value)
        elif tag in {"AU", "A1"}:
            authors.append(value)
        elif tag in _RIS_FIELDS:
            key = _RIS_FIELDS[tag]
            if key == "abstract" and fields.get("abstract"):
                fields["abstract"] += " " + value
            else:
                fields.setdefault(key, value)
    if fields.get("title"):
        index += 1
        fields["keywords"], fields["authors"] = keywords, authors
        yield _checked(fields, "ris", index, f"record {index}")


def _medline_text(text: TextIO) -> Iterator[Record | Unreadable]:
    for index, fields in enumerate(medline_text.fields_of(_lines(text)), 1):
        try:
            yield check_record(medline_text.record_of(fields, f"medline-{index}"))
        except RecordError as exc:
            yield Unreadable(f"record {index}", f"not a record ({exc})")


def _lines(text: TextIO) -> Iterator[str]:
    """The lines of ``text`` as ``str.splitlines`` cuts them (at vertical tabs, form feeds, U+2028 …
    too), one physical line at a time."""
    for line in text:
        yield from line.splitlines()


#: The fields a record's text comes from: a table needs at least one of them.
_TEXT_FIELDS = frozenset({"title", "abstract", "text"})


def _csv(text: TextIO) -> Iterator[Record | Unreadable]:
    reader = csv.DictReader(text, delimiter=header_delimiter(header_text(text)))
    if not reader.fieldnames or not {_field_name(f) for f in reader.fieldnames} & _TEXT_FIELDS:
        raise InputError("CSV needs a header row with at least a title, abstract or text column")
    for index, row in enumerate(reader, 1):
        yield _checked(row, "csv", index, f"row {index}")
