"""The normalise stage: identifiers in canonical form and clean text before anything compares them.

Identifier rules live in :mod:`crawler.dedup.normalize` (the deduplicator needs them too); this stage
applies them once, at the door, so every stored record is already canonical.
"""

from __future__ import annotations

import re
from dataclasses import replace

from osteodigest.crawler.dedup.normalize import norm_doi, norm_pmcid, norm_pmid
from osteodigest.crawler.models import Record

_SPACE = re.compile(r"\s+")


def normalize_record(record: Record) -> Record:
    return replace(
        record,
        doi=norm_doi(record.doi),
        pmid=norm_pmid(record.pmid),
        pmcid=norm_pmcid(record.pmcid),
        title=_SPACE.sub(" ", record.title).strip(),
        abstract=record.abstract.strip(),
    )
