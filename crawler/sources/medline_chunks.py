"""Cutting a PubMed XML file into small standalone documents of whole records, for parsing in parallel.

Why: ``osteodigest tag --jobs N`` on an NLM update file spent a fifth of its CPU parsing the XML, all of
it in the command's own process, which then pickled every record to a worker: a serial share (about 6 s
of 31 on the 20,788-record bulk file) that capped the workers however many there were, and starved them
whenever that one process was descheduled. Finding where a record ends is a ``bytes.rfind`` in C, so the
command only cuts the decompressed bytes here (about 1 s for the bulk file, most of it gunzip) and each
worker parses (with :func:`~crawler.sources.medline.parse_medline`, unchanged) and tags its own piece.

A piece is the file's prolog (everything before its first record: the XML declaration, the DOCTYPE, the
root's start tag), a run of whole records cut right after a ``</PubmedArticle>`` or
``</PubmedBookArticle>``, and the root's end tag; the last piece is the prolog and the rest of the file as
it is (deletions, the root's end tag, whatever a damaged file holds), so every byte of the file is parsed
once. Every piece parses to the records the whole file gives between its cuts, in order, or fails to
parse: an unclosed element, comment or CDATA section across a cut leaves it malformed. Whatever this
module cannot cut with certainty (no record in the first megabytes, a prolog with more than the root
open, a stretch without a record end of half the parser's own limit) raises :class:`NotCuttable`; the
caller then reads the file whole, as before, and so meets any fault exactly as one process would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from osteodigest.crawler.sources.medline import MAX_BYTES_BETWEEN_RECORDS

#: A piece is cut once this much is read past the previous cut (about 90 records of an NLM file):
#: sending it costs little beside tagging it, and the workers still share a file's end evenly.
PIECE_BYTES = 1024 * 1024
#: Read at a time from the (decompressed) stream.
_READ = 256 * 1024
#: The prolog of a real file is a few hundred bytes; past this without a record start, it is no PubMed
#: file this module should cut.
_MAX_PROLOG = 1024 * 1024
#: A stretch without a record end past this is left to the parser, which refuses one of
#: :data:`~crawler.sources.medline.MAX_BYTES_BETWEEN_RECORDS` (counted in whole reads): half of it keeps
#: a piece clear of that limit, so no piece parses where the whole file would not.
MAX_STRETCH = MAX_BYTES_BETWEEN_RECORDS // 2

_RECORD_START = re.compile(rb"<Pubmed(?:Book)?Article[\s>]")
#: Element start tags (not ``<?``, ``<!``, ``</``): the prolog must hold exactly one, the root's.
_START_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)[^<>]*>")
_ROOTS = frozenset({b"PubmedArticleSet", b"PubmedBookArticleSet"})
_ENDS = (b"</PubmedArticle>", b"</PubmedBookArticle>")


class NotCuttable(Exception):
    """The input cannot be cut with certainty; read it whole instead."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A standalone XML document of whole records: the prolog, then from ``body`` on the records (and,
    in the last piece, the rest of the file)."""

    document: bytes
    body: int

    @property
    def records(self) -> int:
        """How many record end tags the body holds (what the splitter saw; parsing the document is what
        decides). Counted when asked, not for every piece: the caller needs it only for the first few,
        and two scans of every megabyte were a fifth of the command's own CPU in ``tag --jobs``."""
        return sum(self.document.count(end, self.body) for end in _ENDS)


def pieces(stream: BinaryIO, size: int | None = None, max_stretch: int = MAX_STRETCH) -> Iterator[Piece]:
    """The pieces of the PubMed XML in ``stream``, in order; raises :class:`NotCuttable` (possibly after
    some pieces) when the rest cannot be cut with certainty. Memory: about ``size`` (default
    :data:`PIECE_BYTES`) plus one read, or at most ``max_stretch`` when records are that long.

    The bytes are held in a ``bytearray`` that grows in place and gives up a piece from its front, and
    each document is joined from it in one copy: the file's bytes are copied twice here, not five times
    (growing ``bytes`` by concatenation copies everything read so far at every read)."""
    size = size or PIECE_BYTES
    buffer = bytearray()
    while (start := _RECORD_START.search(buffer)) is None:
        block = stream.read(_READ)
        if not block:
            raise NotCuttable("no PubMed record")
        buffer += block
        if len(buffer) > _MAX_PROLOG + _READ:
            raise NotCuttable("no PubMed record near the start")
    prolog = bytes(buffer[: start.start()])
    del buffer[: start.start()]
    closing = b"</" + _root(prolog) + b">"
    want, eof = size, False
    while True:
        while len(buffer) < want and not eof:
            block = stream.read(_READ)
            eof = not block
            buffer += block
        if eof:
            break
        cut = _last_record_end(buffer)
        if cut == 0:
            if len(buffer) > max_stretch:
                raise NotCuttable(f"no PubMed record ends within {len(buffer):,} bytes")
            want = len(buffer) + 1  # a long record: read on until it ends
            continue
        with memoryview(buffer) as view:
            document = b"".join((prolog, view[:cut], closing))
        del buffer[:cut]
        want = size
        yield Piece(document, len(prolog))
    if len(buffer) > max_stretch:
        raise NotCuttable(f"the end of the file holds {len(buffer):,} bytes without a record end")
    yield Piece(prolog + buffer, len(prolog))


def _last_record_end(buffer: bytearray) -> int:
    """Where the last record end tag in ``buffer`` ends; 0 when there is none. The rare book's end tag
    is looked for only after the last article's, not through the whole piece."""
    article = buffer.rfind(_ENDS[0])
    book = buffer.rfind(_ENDS[1], max(article, 0))
    if book >= 0:
        return book + len(_ENDS[1])
    return article + len(_ENDS[0]) if article >= 0 else 0


def _root(prolog: bytes) -> bytes:
    """The name of the one element the prolog opens, which must be a PubMed root."""
    tags = _START_TAG.findall(prolog)
    if len(tags) != 1 or tags[0] not in _ROOTS or prolog.rstrip().endswith(b"/>"):
        raise NotCuttable("the prolog opens no PubMed root alone")
    return tags[0]
