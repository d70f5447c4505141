"""Cutting a PubMed XML file into small standalone documents of whole records.

Two readers use the pieces. :func:`~crawler.sources.medline.parse_medline` parses each with one
``etree.fromstring`` and reads the root's children: cheaper than an event-driven ``iterparse`` of the
whole file by about a tenth of a record's parsing (no event per element, no clearing of each record), and
on anything it cannot use it goes on with ``iterparse`` from where the pieces stopped (see
:class:`Cutter`). And ``osteodigest tag --jobs N`` on an NLM update file sends the pieces to its workers:
parsing there, not in the command's own process, removed a serial share (about 6 s of 31 on the
20,788-record bulk file) that capped the workers however many there were. Finding where a record ends is
a ``bytes.rfind`` in C, so cutting costs little beside gunzip (about 1 s for the bulk file, most of it
gunzip).

A piece is the file's prolog (everything before its first record: the XML declaration, the DOCTYPE, the
root's start tag), a run of whole records cut right after a ``</PubmedArticle>`` or
``</PubmedBookArticle>`` and the whitespace after it (so the last record has its tail, as every other
does), and the root's end tag; the last piece is the prolog and the rest of the file as
it is (deletions, the root's end tag, whatever a damaged file holds), so every byte of the file is parsed
once. Every piece parses to the records the whole file gives between its cuts, in order, or fails to
parse: an unclosed element, comment or CDATA section across a cut leaves it malformed. Whatever this
module cannot cut with certainty (no record in the first megabytes, a prolog with more than the root
open or anything after its start tag, a stretch without a record end of half the parser's own limit)
raises :class:`NotCuttable`; the caller then reads on with ``iterparse`` (``parse_medline`` from where
the pieces stopped, ``tag`` the file again), and so meets any fault exactly as one ``iterparse`` would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

#: Input read without a record ending (the longest gap in a real NLM update file is about 0.5 MB): the
#: MEDLINE parser refuses more. Its tree keeps whatever is not a finished record, so without this a
#: file of millions of stray elements (a small .gz can inflate to that) would grow the tree until memory
#: ran out. (Here, not in :mod:`~crawler.sources.medline`, which imports this module.)
MAX_BYTES_BETWEEN_RECORDS = 16 * 1024 * 1024
#: A piece is cut once this much is read past the previous cut (about 90 records of an NLM file):
#: sending it costs little beside tagging it, and the workers still share a file's end evenly.
PIECE_BYTES = 1024 * 1024
#: Read at a time from the (decompressed) stream.
_READ = 256 * 1024
#: The prolog of a real file is a few hundred bytes; past this without a record start, it is no PubMed
#: file this module should cut.
_MAX_PROLOG = 1024 * 1024
#: A stretch without a record end past this is left to the parser, which refuses one of
#: :data:`MAX_BYTES_BETWEEN_RECORDS` (counted in whole reads): half of it keeps
#: a piece clear of that limit, so no piece parses where the whole file would not.
MAX_STRETCH = MAX_BYTES_BETWEEN_RECORDS // 2

_RECORD_START = re.compile(rb"<Pubmed(?:Book)?Article[\s>]")
_SPACE = re.compile(rb"[ \t\r\n]*")
#: Element start tags (not ``<?``, ``<!``, ``</``): the prolog must hold exactly one, the root's.
_START_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)[^<>]*>")
_ROOTS = frozenset({b"PubmedArticleSet", b"PubmedBookArticleSet"})
_ENDS = (b"</PubmedArticle>", b"</PubmedBookArticle>")


class Readable(Protocol):
    """What the cutter reads from: a binary file, a ``GzipFile``."""

    def read(self, size: int = -1, /) -> bytes: ...


class NotCuttable(Exception):
    """The input cannot be cut with certainty; read it whole instead."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A standalone XML document of whole records: the prolog, then from ``body`` to ``end`` the records
    (and, in the last piece, the rest of the file), then the cutter's mark and the root's end tag (in the
    last piece: nothing)."""

    document: bytes
    body: int
    end: int

    @property
    def records(self) -> int:
        """How many record end tags the body holds (what the splitter saw; parsing the document is what
        decides). Counted when asked, not for every piece: the caller needs it only for the first few,
        and two scans of every megabyte were a fifth of the command's own CPU in ``tag --jobs``."""
        return sum(self.document.count(end, self.body, self.end) for end in _ENDS)

    @property
    def last(self) -> bool:
        """The last piece: the prolog and the rest of the file as it is."""
        return self.end == len(self.document)


def pieces(stream: BinaryIO, size: int | None = None, max_stretch: int = MAX_STRETCH) -> Iterator[Piece]:
    """The pieces of the PubMed XML in ``stream``, in order; raises :class:`NotCuttable` (possibly after
    some pieces) when the rest cannot be cut with certainty (see :class:`Cutter`)."""
    return iter(Cutter(stream, size, max_stretch))


class Cutter:
    """The pieces of the PubMed XML in ``stream`` (iterated once), with what was read and is in no piece
    yet kept in view (:attr:`prolog`, :meth:`held`): a reader that cannot use a piece, or meets
    :class:`NotCuttable` or a fault of the stream, goes on from there without reading the stream again.

    Memory: about ``size`` (default :data:`PIECE_BYTES`) plus one read, or at most ``max_stretch`` when
    records are that long. ``mark`` goes between a piece's records and the root's end tag (not in the
    last piece). ``read`` is how much is asked of ``stream`` at a time (default :data:`_READ`).

    The bytes are held in a ``bytearray`` that grows in place and gives up a piece from its front, and
    each document is joined from it in one copy: the file's bytes are copied twice here, not five times
    (growing ``bytes`` by concatenation copies everything read so far at every read).
    """

    def __init__(
        self,
        stream: Readable,
        size: int | None = None,
        max_stretch: int = MAX_STRETCH,
        mark: bytes = b"",
        read: int | None = None,
    ) -> None:
        self._stream = stream
        self._size = size
        self._read = read
        self._max_stretch = max_stretch
        self._mark = mark
        self._buffer = bytearray()
        #: Everything before the first record, once it has been found (else empty).
        self.prolog = b""

    def held(self) -> bytes:
        """What was read and is in no piece yet (after :attr:`prolog`, when that has been found)."""
        return bytes(self._buffer)

    def __iter__(self) -> Iterator[Piece]:
        size, read = self._size or PIECE_BYTES, self._read or _READ
        stream, buffer, max_stretch = self._stream, self._buffer, self._max_stretch
        while (start := _RECORD_START.search(buffer)) is None:
            block = stream.read(read)
            if not block:
                raise NotCuttable("no PubMed record")
            buffer += block
            if len(buffer) > _MAX_PROLOG + read:
                raise NotCuttable("no PubMed record near the start")
        prolog = self.prolog = bytes(buffer[: start.start()])
        del buffer[: start.start()]
        ending = self._mark + b"</" + _root(prolog) + b">"
        want, eof = size, False
        while True:
            while len(buffer) < want and not eof:
                block = stream.read(read)
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
                document = b"".join((prolog, view[:cut], ending))
            del buffer[:cut]
            want = size
            yield Piece(document, len(prolog), len(prolog) + cut)
        if len(buffer) > max_stretch:
            raise NotCuttable(f"the end of the file holds {len(buffer):,} bytes without a record end")
        document = prolog + buffer
        buffer.clear()
        yield Piece(document, len(prolog), len(document))


def _last_record_end(buffer: bytearray) -> int:
    """Where the last record end tag in ``buffer`` and the whitespace after it end (the tag's end when
    the whitespace runs to the end of the buffer: it may go on); 0 when there is none. The rare book's
    end tag is looked for only after the last article's, not through the whole piece."""
    article = buffer.rfind(_ENDS[0])
    book = buffer.rfind(_ENDS[1], max(article, 0))
    if book >= 0:
        end = book + len(_ENDS[1])
    elif article >= 0:
        end = article + len(_ENDS[0])
    else:
        return 0
    space = _SPACE.match(buffer, end).end()  # type: ignore[union-attr]  # * always matches
    return space if space < len(buffer) else end


def _root(prolog: bytes) -> bytes:
    """The name of the one element the prolog opens, which must be a PubMed root, with nothing but
    whitespace after its start tag (a comment opened there would swallow the start of every piece)."""
    tags = list(_START_TAG.finditer(prolog))
    if (
        len(tags) != 1
        or tags[0][1] not in _ROOTS
        or tags[0][0].endswith(b"/>")
        or prolog[tags[0].end() :].strip()
    ):
        raise NotCuttable("the prolog opens no PubMed root alone")
    return tags[0][1]
