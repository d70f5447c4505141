"""The spreadsheet files people hand the tool (reference-manager and database exports, Excel saves).

Three commands read them (``dedup``, ``tag``, ``subscribers import``), and each must read the same file
the same way: a file saved on Windows in Windows-1252, or by a spreadsheet whose locale writes ``;``
between cells, is still the user's data, not an empty or one-column table.
"""

from __future__ import annotations

#: Cell separators a spreadsheet export uses, in order of preference when the header has none or a tie.
DELIMITERS = ",;\t"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 when its byte-order mark says so (Excel's
    "Unicode text"); failing that Windows-1252, which some spreadsheet programs still write and which
    decodes every byte (the five it leaves undefined become U+FFFD)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def header_delimiter(text: str) -> str:
    """The separator the header row uses most (a header rarely quotes its names, so a plain count
    suffices); ``,`` when it uses none."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    best = max(DELIMITERS, key=header.count)
    return best if header.count(best) else ","
