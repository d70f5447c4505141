"""Deduplication and version linking: one article, one work.

Public API (used by the store and the ``dedup`` command):

- :func:`cluster_records` — batch clustering with typed notice edges and preprint links;
- :func:`match_keys` — the blocking keys a record is indexed under in the store's ``work_keys``;
- :func:`decide` — incremental: which stored work a new record joins, links to, or none;
- :data:`MAX_BLOCK` — a key shared by more records/works than this is too common to give candidates.
"""

from __future__ import annotations

from osteodigest.crawler.dedup.blocking import MAX_BLOCK
from osteodigest.crawler.dedup.engine import Decision, DedupResult, cluster_records, decide, match_keys

__all__ = ["MAX_BLOCK", "Decision", "DedupResult", "cluster_records", "decide", "match_keys"]
