"""One record built from a title and an abstract, and its tags: how the tagger tests state a case."""

from __future__ import annotations

from typing import Any

from osteodigest.crawler.models import Record, Tags
from osteodigest.crawler.tagging import tag_records


def rec(title: str, abstract: str = "", **fields: Any) -> Record:
    """A record of a test source; ``fields`` may set any other field (``source`` and ``source_id`` too)."""
    fields.setdefault("source", "test")
    fields.setdefault("source_id", "t1")
    return Record(title=title, abstract=abstract, **fields)


def tag(title: str, abstract: str = "", **fields: Any) -> Tags:
    return tag_records([rec(title, abstract, **fields)])
