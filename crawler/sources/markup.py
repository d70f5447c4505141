"""Abstracts and titles that arrive as markup (Crossref JATS, Europe PMC HTML) turned into plain text.

Both services embed fragments rather than documents: Crossref sends ``<jats:title>``/``<jats:p>``/
``<jats:sec>`` with undeclared prefixes and sometimes HTML entities, Europe PMC sends ``<h4>`` section
headings followed by loose text. An XML parser rejects the former, so both go through lxml's HTML
parser (no network, no DTD, entities never fetched), which keeps prefixed tag names as written.
The result follows the PubMed convention used across the project: "LABEL: text" paragraphs, and
``sections`` only when the abstract is structured.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from osteodigest.crawler.textutil import one_line

_PARSER = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True)

_HEADINGS = frozenset({"title", "h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset({"p", "sec", "div", "section", "list", "list-item", "li", "ul", "ol", "br", "disp-quote"})
#: Headings that only announce the abstract itself and label nothing.
_NON_LABELS = frozenset({"abstract", "summary", "abstract:", "graphical abstract"})
_MARKUP = re.compile(r"[<&]")


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit(":", 1)[-1].lower()


def plain_text(fragment: str | None) -> str:
    """A title or short field with its inline markup (<i>, <sup>, entities) flattened."""
    if not fragment:
        return ""
    if not _MARKUP.search(fragment):
        return one_line(fragment)
    root = etree.fromstring(f"<div>{fragment}</div>", _PARSER)
    if root is None:
        return one_line(fragment)
    return one_line("".join(str(text) for text in root.itertext()))  # str: parsed from a str


def flatten_abstract(fragment: str | None) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(abstract text, structured sections) from a JATS or HTML abstract fragment."""
    if not fragment or not fragment.strip():
        return "", ()
    if not _MARKUP.search(fragment):
        return one_line(fragment), ()
    root = etree.fromstring(f"<div>{fragment}</div>", _PARSER)
    if root is None:
        return one_line(fragment), ()
    walker = _Walker()
    walker.walk(root.find(".//div") if root.tag != "div" else root)
    return walker.result()


class _Walker:
    """Document-order walk: headings open sections, block elements end paragraphs, inline text joins."""

    def __init__(self) -> None:
        self.sections: list[tuple[str, list[str]]] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = one_line("".join(self.buffer))
        self.buffer = []
        if not text:
            return
        if not self.sections:
            self.sections.append(("", []))
        self.sections[-1][1].append(text)

    def walk(self, element: Any) -> None:
        if element is None:
            return
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            name = _local(child.tag)
            if name in _HEADINGS:
                self.flush()
                label = one_line("".join(child.itertext())).rstrip(":.").strip()
                self.sections.append(("" if label.lower() in _NON_LABELS else label, []))
            elif name in _BLOCKS:
                self.flush()
                self.walk(child)
                self.flush()
            elif name:
                self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)

    def result(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        self.flush()
        if not any(label for label, paras in self.sections if paras):
            return "\n\n".join(text for _, paras in self.sections for text in paras), ()
        sections = [(label, " ".join(paras)) for label, paras in self.sections if paras]
        text = "\n\n".join(f"{label}: {body}" if label else body for label, body in sections)
        return text, tuple(sections)
