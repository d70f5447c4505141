"""The spreadsheet files people hand the tool (reference-manager and database exports, Excel saves).

Three commands read them (``dedup``, ``tag``, ``subscribers import``), and each must read the same file
the same way: a file saved on Windows in Windows-1252, or by a spreadsheet whose locale writes ``;``
between cells, is still the user's data, not an empty or one-column table.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from typing import BinaryIO, TextIO

from osteodigest.crawler.errors import InputError

#: Cell separators a spreadsheet export uses, in order of preference when the header has none or a tie.
DELIMITERS = ",;\t"


def decode_text(data: bytes) -> str:
    """The text of a small file in memory, decoded as :func:`open_text` decodes a stream."""
    return open_text(io.BytesIO(data)).read()


#: The first bytes of an Excel workbook (.xlsx, .xlsm): a zip archive, read as its first sheet saved as CSV.
_ZIP = b"PK\x03\x04"
#: The first bytes of other files people hand over instead of text: an old .xls is an OLE2 compound file.
_BINARY_HEADS = {
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) or Office file",
    b"%PDF": "a PDF",
    b"PAR1": "a Parquet file",
}


def open_text(stream: BinaryIO) -> TextIO:
    """A rewindable binary stream as text: UTF-8 (with or without a byte-order mark), UTF-16 when its
    byte-order mark says so (Excel's "Unicode text"); failing that Windows-1252, which some spreadsheet
    programs still write and which decodes every byte (the five it leaves undefined become U+FFFD).

    Whether the whole file is UTF-8 is known only at its end, and a file that is not must be read as
    Windows-1252 from its first byte, so the stream is read through once (in constant memory) to decide,
    then rewound. Lines are not translated (``newline=""``), as the ``csv`` module needs.
    """
    head = stream.read(4)
    stream.seek(0)
    if head == _ZIP:
        return io.StringIO(workbook_as_csv(stream), newline="")
    if head in _BINARY_HEADS:
        # Read as Windows-1252 it "has no title column"; the user needs to hear what to do instead.
        raise InputError(f"{_BINARY_HEADS[head]}, not text: save it as CSV and give that")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding, errors = "utf-16", "replace"
    else:
        encoding, errors = "utf-8-sig", "strict"
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := stream.read(1024 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            encoding, errors = "cp1252", "replace"
        stream.seek(0)
    return io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="")


def workbook_as_csv(stream: BinaryIO) -> str:
    """The first sheet of an Excel workbook as the CSV text Excel's "Save as CSV (UTF-8)" would give, so
    that every command reads a workbook exactly as it reads that save. Read with openpyxl (streaming, the
    cached values of formulas); blank rows are left out, whole numbers stored as floats (a PMID typed into
    a number cell) are written without ".0", dates as ISO dates."""
    import openpyxl  # only a workbook needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # A zip archive is read from its end: the stream (a limited, rewind-only one) is read whole first.
        book = openpyxl.load_workbook(io.BytesIO(stream.read()), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, InvalidFileException, OSError, ValueError):
        # An .ods, .docx or plain .zip: a zip archive without a workbook's parts.
        raise InputError(
            "a zip archive that is no Excel workbook (an .ods spreadsheet?), not text: save it as CSV and "
            "give that"
        ) from None
    try:
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        for row in book.worksheets[0].iter_rows(values_only=True):
            cells = ["" if value is None else _cell_text(value) for value in row]
            if any(cell.strip() for cell in cells):
                writer.writerow(cells)
        return out.getvalue()
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def header_text(text: TextIO) -> str:
    """The lines of ``text`` up to its first non-blank one (for :func:`header_delimiter`), then rewound."""
    lines = []
    while line := text.readline():
        lines.append(line)
        if line.strip():
            break
    text.seek(0)
    return "".join(lines)


def header_delimiter(text: str) -> str:
    """The separator the header row uses most (a header rarely quotes its names, so a plain count
    suffices); ``,`` when it uses none."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    best = max(DELIMITERS, key=header.count)
    return best if header.count(best) else ","
