"""Key numbers (placeholder)."""

from __future__ import annotations

from typing import Any

from crawler.tagging.view import View


def key_numbers(view: View) -> tuple[dict[str, Any], dict[str, str]]:
    return {}, {}
