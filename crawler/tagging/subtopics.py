"""Sub-topic tags (placeholder, filled in below)."""

from __future__ import annotations

from crawler.tagging.cues import Hit
from crawler.tagging.view import View


def subtopics(view: View) -> dict[str, Hit]:
    return {}
