"""Per-record containment: one record that cannot be read never costs the others, nor the run.

Services send odd records: a lone surrogate (``"\\ud800"``) in a JSON string, a journal title that is an
object, a keyword that is a number, a feed item with ``&#55296;``. Before this guard such a record either
crashed the whole source (and, being re-fetched within the look-back, every later run too) or slipped
through as a value of the wrong type and broke storing, deduplication or rendering later. Here every
record is built and checked on its own: a record that fails is returned as a :class:`SetAside` carrying
its raw form (the JSON object, the XML element, the feed item as the source sent it) for the runner to
keep under ``data/failed/``, and the other records of the reply go on.

All sources use this one module, so the rules of what a storable record is (:func:`check_record`) live
in one place; the runner checks every record again before storing, so a source that builds records
another way cannot bypass them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import fields
from functools import partial
from typing import Any

from osteodigest.crawler.models import RECORD_KINDS, Record, Relation, SetAside, record_to_dict
from osteodigest.crawler.textutil import one_line

#: What an invalid numeric character reference (``&#55296;``, ``&#x110000;``, ``&#1;``) is replaced by
#: before XML parsing: U+FDD0, a noncharacter that is legal in XML but never text, so the parser keeps
#: going and :func:`check_record` then sets aside exactly the records that carried one.
INVALID_REFERENCE = "\ufdd0"

_REQUIRED_TEXT = ("source", "source_id", "title", "kind", "abstract")
_OPTIONAL_TEXT = tuple(f.name for f in fields(Record) if f.type == "str | None")
_TEXT_TUPLES = tuple(f.name for f in fields(Record) if f.type == "tuple[str, ...]")

#: Lone surrogates (never valid in UTF-8) and Unicode noncharacters (never text; U+FDD0 marks an invalid
#: character reference, see :data:`INVALID_REFERENCE`).
_NOT_TEXT = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)

_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));")
_DEFUSED = f"&#x{ord(INVALID_REFERENCE):X};".encode("ascii")


class RecordError(ValueError):
    """A record whose fields are not what :class:`Record` promises (the message names the field)."""


# --------------------------------------------------------------------------------------------- check
def check_record(record: Record) -> Record:
    """``record`` when every field holds what its annotation says and every string is text; else raise
    :class:`RecordError` naming the first field that does not."""
    if not isinstance(record, Record):
        raise RecordError(f"expected a Record, got {type(record).__name__}")
    for name in _REQUIRED_TEXT:
        _text(name, getattr(record, name))
    if not record.source_id:
        raise RecordError("field 'source_id' is empty")
    if record.kind not in RECORD_KINDS:
        raise RecordError(f"field 'kind' is {record.kind!r}, not one of {', '.join(RECORD_KINDS)}")
    for name in _OPTIONAL_TEXT:
        value = getattr(record, name)
        if value is not None:
            _text(name, value)
    for name in _TEXT_TUPLES:
        for value in _tuple(name, getattr(record, name)):
            _text(name, value)
    for section in _tuple("abstract_sections", record.abstract_sections):
        if not isinstance(section, tuple) or len(section) != 2:
            raise RecordError("field 'abstract_sections' holds something other than (label, text) pairs")
        _text("abstract_sections", section[0])
        _text("abstract_sections", section[1])
    for relation in _tuple("relations", record.relations):
        if not isinstance(relation, Relation):
            raise RecordError(f"field 'relations' holds a {type(relation).__name__}, not a Relation")
        for value in (relation.type, relation.id_type, relation.id):
            _text("relations", value)
    if not isinstance(record.extra, dict):
        raise RecordError(f"field 'extra' holds {type(record.extra).__name__}, not a table")
    try:
        encoded = json.dumps(record.extra, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise RecordError(f"field 'extra' cannot be stored: {exc}") from None
    _text("extra", encoded)
    return record


def _tuple(name: str, value: Any) -> tuple[Any, ...]:
    if not isinstance(value, tuple):
        raise RecordError(f"field '{name}' holds {type(value).__name__}, not a tuple")
    return value


def _text(name: str, value: Any) -> None:
    if not isinstance(value, str):
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise RecordError(f"field '{name}' holds {type(value).__name__} {_safe(shown)}, not text")
    if value.isascii():
        return  # every character _NOT_TEXT looks for lies outside ASCII; most fields of most records
    bad = _NOT_TEXT.search(value)
    if bad:
        char = bad.group(0)
        what = (
            "an invalid numeric character reference"
            if char == INVALID_REFERENCE
            else f"a lone surrogate (U+{ord(char):04X})"
            if "\ud800" <= char <= "\udfff"
            else f"the noncharacter U+{ord(char):04X}"
        )
        raise RecordError(f"field '{name}' holds {what}, not text")


def _safe(text: str) -> str:
    """Printable on any terminal and storable in UTF-8 (messages quote the bad data)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# --------------------------------------------------------------------------------------------- contain
def contain(
    source: str,
    what: str | Callable[[], str],
    raw: bytes | Callable[[], bytes],
    build: Callable[[], Record | None],
    passthrough: tuple[type[BaseException], ...] = (),
    source_id: str | Callable[[], str | None] | None = None,
) -> Record | SetAside | None:
    """Build one record and check it; any exception (bar ``passthrough``) sets it aside instead.

    ``what``, ``raw`` and ``source_id`` may be callables, evaluated only for a record that fails (naming
    an item and serialising it cost nothing on the healthy path). ``source_id`` is the item's id as the
    source reads it, given by a source that can read it without building the record (which may be what
    failed); without it, a record that was built but failed its check gives its own. ``build`` returning
    None (an item without an id or a title, which sources skip on purpose) is passed through as None.
    """
    record: Record | None = None
    try:
        record = build()
        return None if record is None else check_record(record)
    except passthrough:
        raise
    except Exception as exc:  # the point: whatever one record does, the others go on
        return SetAside(
            source=source,
            what=_safe(_call(what, "a record")),
            error=describe_error(exc),
            raw=_call(raw, b""),
            record=record,
            source_id=_usable_id(_call(source_id, None)) or _usable_id(getattr(record, "source_id", None)),
        )


def _usable_id(ident: Any) -> str | None:
    """``ident`` when it is an id (a built record may have failed its check for that very field)."""
    return ident if isinstance(ident, str) and ident and not _NOT_TEXT.search(ident) else None


def guard_items(
    items: Iterable[Any],
    parse: Callable[[Any], Record | None],
    name: Callable[[Any], str],
    source: str,
    ident: Callable[[Any], str | None] | None = None,
) -> tuple[list[Record], list[SetAside]]:
    """Records from a reply's items (JSON objects); an item that cannot be read is set aside raw, with
    its id when ``ident`` reads one from the item."""
    records: list[Record] = []
    set_aside: list[SetAside] = []
    for item in items:
        outcome = contain(
            source,
            partial(name, item),
            partial(raw_json, item),
            partial(parse, item),
            source_id=partial(ident, item) if ident else None,
        )
        if isinstance(outcome, SetAside):
            set_aside.append(outcome)
        elif outcome is not None:
            records.append(outcome)
    return records, set_aside


def still_wanted(set_aside: list[SetAside], wanted: Callable[[Record], bool]) -> list[SetAside]:
    """The set-aside records a topic-filtered source would have kept had they been readable.

    A feed or a preprint server lists whole journals; reporting (and alerting about) an unreadable item
    the topic filter would have dropped anyway is noise. An item that never became a record, or whose
    relevance cannot be judged, is kept.
    """
    kept = []
    for item in set_aside:
        if item.record is not None:
            try:
                if not wanted(item.record):
                    continue
            except Exception:  # relevance of a malformed record cannot be judged: keep it
                pass
        kept.append(item)
    return kept


def describe_error(exc: BaseException) -> str:
    """One line: the message of a :class:`RecordError`, else the exception's type and message."""
    message = one_line(str(exc))
    if len(message) > 300:
        message = message[:299] + "…"
    text = message if isinstance(exc, RecordError) else f"{type(exc).__name__}: {message}".rstrip(": ")
    return _safe(text)


def _call(value: Any, fallback: Any) -> Any:
    if not callable(value):
        return value
    try:
        return value()
    except Exception:  # naming or serialising a broken item must not fail its containment
        return fallback


def record_raw(record: Any) -> bytes:
    """A record as JSON bytes: the raw form of a record that fails after its source's reply is gone."""
    try:
        data = record_to_dict(record)
    except Exception:  # a record too malformed to serialise field by field
        return repr(record).encode("utf-8", "backslashreplace")
    return raw_json(data)


def raw_json(item: Any) -> bytes:
    """A reply's item as JSON bytes (ASCII-escaped, so lone surrogates survive as ``\\ud800``)."""
    try:
        return json.dumps(item, ensure_ascii=True, default=repr).encode("ascii")
    except (TypeError, ValueError):
        return repr(item).encode("utf-8", "backslashreplace")


# --------------------------------------------------------------------------------------------- XML
def defuse_char_refs(data: bytes) -> tuple[bytes, int]:
    """``data`` with every numeric character reference XML forbids replaced by ``&#xFDD0;``, and how many.

    A reference to a surrogate, to a control character or past U+10FFFF makes the document not
    well-formed, and feedparser's fallback parser then crashes on it (``chr(55296).encode()``), losing
    every item of the feed. Replaced, the document parses, and :func:`check_record` sets aside the one
    record that held it. References in a non-ASCII-compatible encoding (UTF-16) are not seen here.
    """
    if b"&#" not in data:
        return data, 0
    count = 0

    def replace(match: re.Match[bytes]) -> bytes:
        nonlocal count
        hex_digits, digits = match.groups()
        number = (hex_digits or digits).lstrip(b"0") or b"0"
        # More than 8 digits is past U+10FFFF whatever they are (and int() refuses thousands of digits).
        code = -1 if len(number) > 8 else int(number, 16 if hex_digits else 10)
        if _xml_char(code):
            return match.group(0)
        count += 1
        return _DEFUSED

    return _CHAR_REF.sub(replace, data), count


def _xml_char(code: int) -> bool:
    """XML 1.0's ``Char`` production."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )
