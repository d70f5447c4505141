"""Files given to the offline commands (``dedup``, ``tag``), opened as bounded streams.

Both commands used to read a whole file, and gunzip it, into memory before looking at it: 572 MB for a
40 MB NLM update file, and a 1 MB ``.gz`` that inflates to gigabytes ended in a MemoryError traceback.
Here a file (or standard input) is opened as a binary stream, gunzipped on the fly when its first bytes
say gzip, and counted as it is read: past ``max_bytes`` (uncompressed) the read raises
:class:`InputTooLarge`, which the commands turn into one line and exit status 2. The readers then parse
the stream record by record (the streaming MEDLINE parser, ``csv`` over a text stream, RIS line by line).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from isal import igzip
from osteodigest.crawler.errors import InputError

#: Uncompressed bytes read from one input before giving up (``--max-input-size``).
DEFAULT_MAX_INPUT_BYTES = 2 * 1024**3

#: Standard input is spooled (it must be read twice: once to choose a text encoding), in memory up to this.
_SPOOL_IN_MEMORY = 16 * 1024 * 1024

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


class InputTooLarge(InputError):
    """An input longer than the size cap once decompressed; reading stopped there."""


def parse_size(text: str) -> int:
    """``2G``, ``500M``, ``64k`` or a plain number of bytes (binary units), for ``--max-input-size``."""
    match = _SIZE.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"not a size: {text!r} (try 2G, 500M or a number of bytes)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def describe_size(size: int) -> str:
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} bytes"


class _Capped(io.RawIOBase):
    """Counts the bytes read from ``inner`` and raises InputTooLarge past ``limit``; rewinds to 0."""

    def __init__(self, inner: IO[bytes] | io.BufferedIOBase, limit: int, name: str) -> None:
        super().__init__()
        self._inner = inner
        self._limit = limit
        self._name = name
        self._count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self._count += size
        if self._count > self._limit:
            raise InputTooLarge(
                f"more than {describe_size(self._limit)} once decompressed; stopped reading"
                " (raise --max-input-size to read it)"
            )
        return size

    def seekable(self) -> bool:
        return self._inner.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if offset != 0 or whence != io.SEEK_SET:
            raise io.UnsupportedOperation("only a rewind to the start is supported")
        self._inner.seek(0)
        self._count = 0
        return 0

    def tell(self) -> int:
        return self._count


@contextlib.contextmanager
def open_input(
    path: Path | str, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, fast_gunzip: bool = False
) -> Iterator[io.BufferedReader]:
    """The bytes of ``path`` (``-``: standard input), gunzipped when gzip, as a rewindable binary stream
    that raises :class:`InputTooLarge` once more than ``max_bytes`` have been read from it.

    ``fast_gunzip`` inflates with ISA-L (``isal``, about 2.8 times zlib's speed on an NLM update file)
    instead of the standard library. Its errors for a damaged file are worded (and some typed)
    differently, so it is only for a reader that, when anything fails, reads the file again without it
    (``tag --jobs N`` cutting a PubMed file, :meth:`crawler.tag_command._Tagging._pieces`)."""
    with contextlib.ExitStack() as stack:
        if str(path) == "-":
            raw: IO[bytes] | io.BufferedIOBase = stack.enter_context(
                tempfile.SpooledTemporaryFile(_SPOOL_IN_MEMORY)
            )
            # The spool holds the bytes as they come (compressed or not): cap them on the way in too.
            shutil.copyfileobj(_Capped(sys.stdin.buffer, max_bytes, "-"), raw)
            raw.seek(0)
        else:
            raw = stack.enter_context(open(path, "rb"))
        magic = raw.read(2)
        raw.seek(0)
        if magic == b"\x1f\x8b":
            gunzip = igzip.IGzipFile if fast_gunzip else gzip.GzipFile
            raw = stack.enter_context(gunzip(fileobj=raw, mode="rb"))
        yield io.BufferedReader(_Capped(raw, max_bytes, str(path)), buffer_size=1024 * 1024)
