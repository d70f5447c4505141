"""The reason a reader sees, in words: "Osteonecrosis of the femoral head — in the title; core
decompression in the conclusion". An ``about`` reason cites only evidence that counted, never a negated,
other-sense or list-item phrase; a ``mentions`` reason says why the record is not about the topic (for a
maintainer reading ``osteodigest tag --explain``)."""

from __future__ import annotations

from collections.abc import Sequence

from osteodigest.crawler.relevance.model import INDEXED, Evidence

_WHERE = {
    "title": "the title",
    "keywords": "the keywords",
    "objective": "the aim",
    "conclusion": "the conclusion",
    "outcome": "the results, as a principal outcome",
    "frame": "the opening",
    "results": "the results",
    "methods": "the methods",
    "abstract": "the abstract",
    "background": "the background",
}


def reason(decision: str, evidence: Sequence[Evidence]) -> str:
    """``evidence`` in the record's reading order (title, keywords, abstract sentences, MeSH)."""
    if decision == "about":
        return _about(evidence)
    if decision == "mentions":
        return _mention(evidence)
    return ""


_ANCHOR_ORDER = ("title", "keywords", "objective", "frame", "conclusion", "outcome")


def _about(evidence: Sequence[Evidence]) -> str:
    counted = [e for e in evidence if e.weight > 0]
    text_evidence = [e for e in counted if e.field in _WHERE]
    indexing = [e for e in counted if e.field == "mesh_major" and e.note != "related"]
    parts: list[str] = []
    if text_evidence:
        # The title's own words when it has them, else the weightiest sentence's: among them the term the
        # record repeats most, then the first.
        repeats = {e.term: sum(x.term == e.term for x in text_evidence) for e in text_evidence}
        in_title = [e for e in text_evidence if e.field == "title"]
        pool = in_title or sorted(text_evidence, key=lambda e: -e.weight)[:1]
        main = max(pool, key=lambda e: (repeats[e.term], -pool.index(e)))
        same = [e.field for e in text_evidence if _same(e, main)]
        fields = [f for f in _ANCHOR_ORDER if f in same][:2] or [main.field]
        parts.append(f"{_capital(_phrase(main))} — in {_join(_fields(fields))}")
        others = [e for e in text_evidence if not _same(e, main) and e.field != "background"]
        others.sort(key=lambda e: (e.field not in _ANCHOR_ORDER, -e.weight))  # stable: reading order
        if others:
            parts.append(f"{_phrase(others[0])} in {_join(_fields([others[0].field]))}")
    if indexing:
        names = ", ".join(dict.fromkeys(e.phrase for e in indexing))
        parts.append(
            f"indexed by NLM under {names}" if parts else f"{names} — indexed by NLM as a major topic"
        )
    return "; ".join(parts)


def _mention(evidence: Sequence[Evidence]) -> str:
    if not evidence:
        return ""
    for status, say in (
        ("other_sense", lambda e: f"{_phrase(e)} — {e.note or 'in another sense'}"),
        ("negated", lambda e: f"{_phrase(e)} — negated ({e.note})"),
        ("list_item", lambda e: f"{_phrase(e)} — one item of a list in {_WHERE.get(e.field, e.field)}"),
    ):
        item = next((e for e in evidence if e.status == status), None)
        if item is not None:
            return _capital(say(item))
    # A minor supporting descriptor adds nothing to the score but is still what NLM saw in the paper.
    counted = [e for e in evidence if e.weight > 0] or [e for e in evidence if e.field == "mesh"]
    if counted:
        main = counted[0]
        if main.field == "mesh" and main.note == INDEXED:
            return f"{main.phrase} — a drug of the topic, indexed by NLM"
        if main.field == "mesh":
            return f"{main.phrase} — indexed by NLM as a minor topic only"
        if main.field == "mesh_major":
            return f"{main.phrase} — indexed by NLM under a related descriptor only"
        fields = _fields(e.field for e in counted if _same(e, main) and e.field in _WHERE)
        where = _join(fields) if fields else "the indexing"
        return f"{_capital(_phrase(main))} — only in {where}"
    return ""


def _same(a: Evidence, b: Evidence) -> bool:
    return a.term == b.term or a.phrase.lower() == b.phrase.lower()


def _phrase(item: Evidence) -> str:
    phrase = " ".join(item.phrase.split())
    return (
        phrase
        if phrase.isupper() and len(phrase) <= 6
        else phrase.lower()
        if phrase[:1].isupper() and not phrase[1:2].isupper()
        else phrase
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fields(fields: object) -> list[str]:
    seen: list[str] = []
    for field in fields:  # type: ignore[attr-defined]
        where = _WHERE.get(field)
        if where and where not in seen:
            seen.append(where)
    return seen


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
