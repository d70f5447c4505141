"""JSON replies from web APIs, decoded with a one-line cause when they are not what was asked for.

Europe PMC, Crossref, bioRxiv and ClinicalTrials.gov all answer in JSON, and all fail the same ways:
a proxy's HTML error page with status 200, a body cut off mid-transfer, a stray byte. Naming which of
these happened (rather than echoing a JSONDecodeError position) is what lets a maintainer act on the
message, and the raw bytes travel with the error so a parser fix can replay them.
"""

from __future__ import annotations

import json
import re
from typing import Any

from osteodigest.crawler.errors import ParseError

#: Sent with every API request: some services answer HTML error pages unless JSON is asked for.
JSON_HEADERS = {"Accept": "application/json"}

_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
#: Messages json raises when the document ends before a value is complete.
_END_OF_INPUT = ("Expecting value", "Expecting ',' delimiter", "Expecting ':'", "Expecting property name")


def decode_json(data: bytes, what: str) -> Any:
    """Parse ``data`` as JSON or raise a ParseError (carrying ``data``) that says why it is not JSON."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise ParseError(f"{what}: empty reply where JSON was expected", raw=data)
    if stripped[:1] == b"<":
        raise ParseError(f"{what}: {_markup_kind(stripped)} where JSON was expected", raw=data)
    try:
        return json.loads(data)
    except UnicodeDecodeError as exc:
        message = f"{what}: reply is not UTF-8 text ({exc.reason} at byte {exc.start})"
        raise ParseError(message, raw=data) from None
    except json.JSONDecodeError as exc:
        text = exc.doc
        # An unterminated string runs to the end of the body; other errors at the very end mean the
        # document stopped before its value was complete. Either way the reply was cut off.
        at_end = exc.pos >= len(text.rstrip()) and exc.msg.startswith(_END_OF_INPUT)
        if at_end or exc.msg.startswith("Unterminated string"):
            message = f"{what}: truncated JSON (reply ends after {len(data)} bytes)"
        else:
            message = f"{what}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise ParseError(message, raw=data) from None


def _markup_kind(data: bytes) -> str:
    head = data[:4096]
    if re.match(rb"<\?xml", head) and not re.search(rb"<html", head, re.I):
        return "an XML document"
    title = _TITLE.search(head)
    if title:
        text = " ".join(title.group(1).decode("utf-8", "replace").split())[:80]
        if text:
            return f'an HTML page ("{text}")'
    return "an HTML page"


def expect_object(value: Any, what: str, raw: bytes) -> dict[str, Any]:
    """The reply's top level must be an object; an array or a bare string means a different API answered."""
    if not isinstance(value, dict):
        raise ParseError(f"{what}: expected a JSON object, got {type(value).__name__}", raw=raw)
    return value
