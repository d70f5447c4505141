"""One record built from a title and an abstract, and its tags: how the tagger tests state a case."""

from __future__ import annotations

from typing import Any

from osteodigest.crawler.models import Record, Tags
from osteodigest.crawler.tagging import tag_records
from osteodigest.crawler.tagging.model import DesignModel
from osteodigest.crawler.tagging.view import View, build_view


def rec(title: str, abstract: str = "", **fields: Any) -> Record:
    """A record of a test source; ``fields`` may set any other field (``source`` and ``source_id`` too)."""
    fields.setdefault("source", "test")
    fields.setdefault("source_id", "t1")
    return Record(title=title, abstract=abstract, **fields)


def tag(title: str, abstract: str = "", **fields: Any) -> Tags:
    return tag_records([rec(title, abstract, **fields)])


def tag_sections(title: str, sections: tuple[tuple[str, str], ...], **fields: Any) -> Tags:
    """The tags of a structured abstract: its (label, text) sections, their texts joined as the abstract."""
    return tag(title, " ".join(text for _, text in sections), abstract_sections=sections, **fields)


def review_model(word: str) -> DesignModel:
    """A model sure of a narrative review whenever ``word`` is in the abstract (p = 0.98 at threshold 0.5)."""
    return DesignModel(
        {
            "classes": ["narrative_review", "other"],
            "intercept": [0.0, 0.0],
            "weights": {f"a:{word}": [0, 4.0]},
            "thresholds": {"narrative_review": 0.5},
            "override": {},
        }
    )


def view_of(title: str, abstract: str) -> View:
    return build_view([Record(source="t", source_id="1", title=title, abstract=abstract)])
