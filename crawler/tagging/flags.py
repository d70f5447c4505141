"""Status flags that travel with any design: preprint and retracted.

A preprint is not yet peer reviewed and a retracted article should not be trusted; the reader must
see both whatever the design, so they are flags rather than study types.
"""

from __future__ import annotations

import functools
import re

from osteodigest.crawler.tagging.cues import Hit, meta
from osteodigest.crawler.tagging.view import View

_PREPRINT_SERVERS = re.compile(
    r"\b(?:biorxiv|medrxiv|arxiv|chemrxiv|research square|researchsquare|ssrn|preprints\.org|psyarxiv|"
    r"osf preprints|socarxiv|authorea|techrxiv|sportrxiv|qeios|zenodo)\b"
)
_PREPRINT_SOURCES = frozenset({"biorxiv", "medrxiv", "arxiv", "researchsquare", "ssrn"})
_RETRACTED_TITLE = re.compile(r"^\W*(?:RETRACTED|WITHDRAWN)\b|\[\s*retracted\s*\]|\(retracted\)\s*$", re.I)
_RETRACTED_ABSTRACT = re.compile(
    r"^\W*(?:this article has been (?:retracted|withdrawn)|this article was (?:retracted|withdrawn)|"
    r"retraction notice)"
)


def status_flags(view: View, study_type: str) -> dict[str, Hit]:
    flags: dict[str, Hit] = {}
    preprint = _preprint(view)
    if preprint:
        flags["preprint"] = preprint
    if study_type != "retraction_notice":
        retracted = _retracted(view)
        if retracted:
            flags["retracted"] = retracted
    return flags


def _preprint(view: View) -> Hit | None:
    if "preprint" in view.kinds:
        return meta("kind", "preprint")
    if "preprint" in view.publication_types:
        return meta("publication type", "Preprint")
    source = next(iter(sorted(view.sources & _PREPRINT_SOURCES)), None)
    if source:
        return meta("source", source)
    for key in ("server", "preprint_server"):
        value = view.extra.get(key)
        if value:
            return meta(f"extra.{key}", str(value))
    if "preprint_of" in view.relations:
        return meta("relation", "preprint_of")
    if _preprint_server(view.low_journal):
        return meta("journal", view.journal)
    return None


@functools.lru_cache(maxsize=4096)
def _preprint_server(low_journal: str) -> bool:
    """Whether a journal name (lower case) names a preprint server, remembered per name: a bulk file
    repeats a few thousand names, and the pattern is tried at every position of one."""
    return _PREPRINT_SERVERS.search(low_journal) is not None


def _retracted(view: View) -> Hit | None:
    if "retracted publication" in view.publication_types:
        return meta("publication type", "Retracted Publication")
    if "retracted_by" in view.relations:
        return meta("relation", "retracted_by")
    if view.extra.get("retracted"):
        return meta("extra.retracted", str(view.extra.get("retracted")))
    # Every match holds "retracted" or "withdrawn" (any case): most titles are settled by two substring
    # tests; a title outside ASCII goes to the pattern, which also matches letters like "ı" there.
    low = view.low_title
    m = (
        _RETRACTED_TITLE.search(view.title)
        if "retracted" in low or "withdrawn" in low or not view.title.isascii()
        else None
    )
    if m:
        return Hit("title", m.group(0).strip())
    m = _RETRACTED_ABSTRACT.search(view.low_abstract)
    if m:
        return Hit("abstract", view.abstract[m.start() : m.end()])
    return None
