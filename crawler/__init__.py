"""OsteoDigest crawler: fetch, parse, deduplicate, tag and store the literature."""

from __future__ import annotations

__version__ = "0.1.0"
