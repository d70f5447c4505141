"""An Atom 1.0 document (RFC 4287) built with lxml, so escaping and well-formedness are the library's job.

Feed readers (and feedparser, which the tests use) flag a feed as ``bozo`` for a missing ``id``,
``updated`` or ``author``, for dates that are not RFC 3339, or for bad XML; every one of those is either
required by the signature here or produced by lxml.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from lxml import etree

ATOM_NS = "http://www.w3.org/2005/Atom"
_A = f"{{{ATOM_NS}}}"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    url: str
    updated: str
    published: str | None
    summary: str
    content_html: str


def rfc3339(value: str | None) -> str:
    """Store timestamps are ISO-8601 with an offset; Atom wants RFC 3339, which a naive time is not."""
    if not value:
        return datetime.now(UTC).isoformat(timespec="seconds")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.isoformat(timespec="seconds")


def atom_feed(
    *,
    feed_id: str,
    title: str,
    self_url: str,
    alternate_url: str,
    author: str,
    entries: Sequence[FeedEntry],
    subtitle: str | None = None,
) -> bytes:
    """The serialised feed, newest entry first as given; ``updated`` is the newest entry's time."""
    # Atom as the default namespace: lxml's None key, which lxml-stubs' Mapping[str, str] does not allow.
    feed = etree.Element(f"{_A}feed", nsmap=cast("dict[str, str]", {None: ATOM_NS}))
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    if subtitle:
        _text(feed, "subtitle", subtitle)
    _text(feed, "updated", max((rfc3339(e.updated) for e in entries), default=rfc3339(None)))
    etree.SubElement(feed, f"{_A}link", rel="self", type="application/atom+xml", href=self_url)
    etree.SubElement(feed, f"{_A}link", rel="alternate", type="text/html", href=alternate_url)
    _text(etree.SubElement(feed, f"{_A}author"), "name", author)
    etree.SubElement(feed, f"{_A}generator").text = "OsteoDigest"
    for entry in entries:
        node = etree.SubElement(feed, f"{_A}entry")
        _text(node, "id", entry.id)
        _text(node, "title", entry.title)
        etree.SubElement(node, f"{_A}link", rel="alternate", type="text/html", href=entry.url)
        _text(node, "updated", rfc3339(entry.updated))
        if entry.published:
            _text(node, "published", rfc3339(entry.published))
        _text(node, "summary", entry.summary)
        content = _text(node, "content", entry.content_html)
        content.set("type", "html")
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _text(parent: etree._Element, tag: str, value: str) -> etree._Element:
    child = etree.SubElement(parent, f"{_A}{tag}")
    child.text = _xml_safe(value)
    return child


def _xml_safe(value: str) -> str:
    """Scraped titles can hold control characters that XML 1.0 forbids; lxml would refuse them."""
    return "".join(ch for ch in value if ch in "\t\n\r" or _allowed(ord(ch)))


def _allowed(code: int) -> bool:
    return 0x20 <= code < 0xD800 or 0xE000 <= code < 0xFFFE or code >= 0x10000
