"""What a source did in one run, as data, and in words: the Scrapy stats model.

A run of a source is counted under flat names (``requests``, ``retry: HTTP 503``, ``reply: 200``,
``items_read``, ``off_topic``, ``duplicates``, ``new_records``, ``new_works``, ``set_aside``; a recheck's
``rechecked`` and ``indexed``), added up over its results, stored with each ``fetch_log`` row, and shown
by ``-v`` and ``status``. This module turns those counts into the nested document ``status --json`` gives
and the line a person reads; it knows nothing of where they were counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

RETRY = "retry: "
REPLY = "reply: "


def as_document(counts: Mapping[str, int]) -> dict[str, Any]:
    """The counts with retries grouped by cause and replies by status (``status --json``)."""
    document: dict[str, Any] = {"retries": {}, "replies": {}}
    for name, value in sorted(counts.items()):
        if name.startswith(RETRY):
            document["retries"][name.removeprefix(RETRY)] = value
        elif name.startswith(REPLY):
            document["replies"][name.removeprefix(REPLY)] = value
        else:
            document[name] = value
    return document


def describe(counts: Mapping[str, int]) -> str:
    """One line: what was read and what became of it, then what the network did.

    "40 items read, 40 set aside as off-topic, 0 duplicates, 0 new works; 4 requests, 3 retries (HTTP 503
    ×3), replies 200 ×1, 503 ×3" tells an empty feed (0 items read) from one whose items were all
    filtered out, and shows the retries the server saw.
    """
    parts = []
    if "items_read" in counts:
        parts.append(f"{counts['items_read']} items read")
        parts.append(f"{counts.get('off_topic', 0)} set aside as off-topic")
    parts.append(f"{counts.get('new_records', 0) + counts.get('duplicates', 0)} records")
    parts.append(f"{counts.get('duplicates', 0)} already stored")
    parts.append(f"{counts.get('new_works', 0)} new works")
    if counts.get("set_aside"):
        parts.append(f"{counts['set_aside']} set aside as unreadable")
    if counts.get("rechecked"):
        indexed = counts.get("indexed", 0)
        parts.append(f"{indexed} of {counts['rechecked']} records awaiting indexing now indexed")
    network = [f"{counts.get('requests', 0)} requests"]
    retries = {n.removeprefix(RETRY): v for n, v in counts.items() if n.startswith(RETRY)}
    if retries:
        causes = ", ".join(f"{cause} ×{n}" for cause, n in sorted(retries.items()))
        network.append(f"{sum(retries.values())} retries ({causes})")
    replies = {n.removeprefix(REPLY): v for n, v in counts.items() if n.startswith(REPLY)}
    if replies:
        network.append("replies " + ", ".join(f"{status} ×{n}" for status, n in sorted(replies.items())))
    return ", ".join(parts) + "; " + ", ".join(network)
