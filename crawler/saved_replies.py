"""A service's reply saved to a file (Europe PMC's search, Crossref's works), given to ``osteodigest tag``:
read by the parsers the fetchers use, so a record tags the same whether it was fetched or saved.

Before, such a file was read as JSON Lines: a pretty-printed reply gave one "not JSON" line per line of
the file, a one-line reply one empty record.
"""

from __future__ import annotations

import json
from typing import Any

from osteodigest.crawler.models import Record, SetAside
from osteodigest.crawler.sources.crossref import parse_works
from osteodigest.crawler.sources.europepmc import parse_search


def service_of(document: dict[str, Any]) -> str | None:
    """The service whose reply ``document`` is ("Europe PMC", "Crossref"), or None."""
    if isinstance(document.get("resultList"), dict):
        return "Europe PMC"
    if "status" in document and "message" in document and "message-type" in document:
        return "Crossref"
    return None


def records_of(service: str, document: dict[str, Any]) -> tuple[list[Record], list[SetAside]]:
    """The Records of a reply of ``service`` (as :func:`service_of` names it), and the items set aside as
    unreadable; a reply the service marks as an error raises :class:`ParseError` with its message. The
    fetchers' parsers take the reply's bytes, so the document is encoded again for them."""
    data = json.dumps(document).encode("utf-8")
    if service == "Europe PMC":
        search = parse_search(data)
        return search.records, search.set_aside
    works = parse_works(data)
    return works.records, works.set_aside
