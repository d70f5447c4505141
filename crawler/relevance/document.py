"""The parts of a record the relevance stage reads, each with the role that decides its weight.

A title names the paper's subject; in an abstract the aim and the conclusion say what the paper is about
while the background says why it matters (where incidental mentions live). Structured abstracts label
their sections; in an unstructured one the roles are read from the sentences ("The aim of this study …",
"In conclusion …", the last sentence).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from osteodigest.crawler.models import Record


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of text read as a whole: the title, one keyword, or one abstract sentence."""

    field: str
    text: str

    @property
    def plain(self) -> str:
        """The text with accents removed, same length and positions (abbreviations keep their case)."""
        return aligned_fold(self.text)


@dataclass(frozen=True)
class Document:
    """The readable parts of one work: title, author keywords, abstract (sections when structured), MeSH."""

    title: str
    keywords: tuple[str, ...] = ()
    #: (label, text) pairs; one ("", abstract) pair for an unstructured abstract.
    sections: tuple[tuple[str, str], ...] = ()
    #: MeSH descriptor names, lower-cased; ``mesh_major`` those NLM marked as a major topic.
    mesh: frozenset[str] = frozenset()
    mesh_major: frozenset[str] = frozenset()

    @cached_property
    def raw(self) -> str:
        """Every text field joined: what the prefilter scans."""
        return "\n".join((self.title, "\n".join(t for _, t in self.sections), "; ".join(self.keywords)))

    @cached_property
    def units(self) -> tuple[Unit, ...]:
        units = [Unit("title", self.title)] if self.title else []
        units += [Unit("keywords", k) for k in self.keywords if k]
        units += abstract_units(self.sections)
        return tuple(units)

    @cached_property
    def folded_title(self) -> str:
        """The title as the stage reads a unit: accent-free, lower-cased, apostrophes as gaps."""
        return aligned_fold(self.title).replace("'", " ").lower()

    @cached_property
    def folded(self) -> str:
        """All units' texts, accent-free and lower-cased (where sense rules' ``anywhere`` phrases look)."""
        return "\n".join(u.plain.lower() for u in self.units)


def document(records: Record | Sequence[Record]) -> Document:
    """The document of one record, or of all records of one work (the richest title and abstract, the
    union of keywords and MeSH)."""
    group = (records,) if isinstance(records, Record) else tuple(records)
    if not group:
        raise ValueError("a work needs at least one record")
    best = max(group, key=lambda r: (r.kind != "preprint", len(r.abstract or ""), r.source == "pubmed"))
    title = best.title or next((r.title for r in group if r.title), "")
    sections = tuple((label or "", text or "") for label, text in best.labelled_sections() if text)
    if not sections and best.abstract:
        sections = (("", best.abstract),)
    keywords = tuple(dict.fromkeys(k.strip() for r in group for k in r.keywords if k and k.strip()))
    mesh: set[str] = set()
    major: set[str] = set()
    for r in group:
        for name in r.mesh:
            # MEDLINE's text format stars a major topic ("*Osteoporosis"); a CSV export may keep the star.
            key = name.strip().strip("*").strip().lower()
            if key:
                mesh.add(key)
                if "*" in name:
                    major.add(key)
        major.update(m.strip().lower() for m in r.mesh_major if m.strip())
    mesh |= major
    return Document(title.strip(), keywords, sections, frozenset(mesh), frozenset(major))


# ----------------------------------------------------------------------------------------------------
# Folding
# ----------------------------------------------------------------------------------------------------
_FOLDED: dict[str, str] = {}
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_QUOTES = frozenset("\u2018\u2019\u02bc\u2032")


def _fold_char(ch: str) -> str:
    folded = _FOLDED.get(ch)
    if folded is None:
        if ch in _DASHES:
            folded = "-"
        elif ch in _QUOTES:
            folded = "'"
        else:
            base = unicodedata.normalize("NFKD", ch)[:1]
            folded = base if base.isascii() and base.isalnum() else " "
        _FOLDED[ch] = folded
    return folded


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def aligned_fold(text: str) -> str:
    """Accents removed and dashes unified, one character for one, so that positions found in the folded
    text quote the original ("Kienböck" → "Kienbock"; other non-ASCII characters become spaces). The
    result is ASCII."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(lambda m: _fold_char(m.group()), text)


def folded_lower(text: str) -> str:
    """:func:`aligned_fold` in lower case (same length): what phrase patterns run on."""
    return aligned_fold(text).lower()


# ----------------------------------------------------------------------------------------------------
# Abstract sentences and their roles
# ----------------------------------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[\"'])|(?<=[a-z)\]%][.!?])(?=[A-Z][a-z])")
#: "BACKGROUND: …" or "Background and purpose - …" opening an unstructured abstract's sentence.
_INLINE_LABEL = re.compile(r"^\s*([A-Z][A-Za-z /&]{2,40}?)\s*(?::|\s-)\s+(?=\S)")
_LABEL_ROLES = (
    (
        "conclusion",
        re.compile(
            r"conclu|interpretation|implication|summary|relevance|significance|"
            r"discussion|take.?home|lessons",
            re.I,
        ),
    ),
    ("objective", re.compile(r"objective|aim|purpose|goal|question|hypothes|rationale and aim", re.I)),
    ("results", re.compile(r"result|finding|outcome", re.I)),
    (
        "methods",
        re.compile(
            r"method|design|setting|participant|patient|subject|material|procedure|"
            r"intervention|measure|data|sample|approach|case presentation|case",
            re.I,
        ),
    ),
    ("background", re.compile(r"background|introduction|context|rationale|importance|problem", re.I)),
)
_OBJECTIVE = re.compile(
    r"\b(?:aim(?:s|ed)?|purpose|objective|goal)\b|\bwe (?:investigated|examined|evaluated|assessed|studied|"
    r"compared|explored|analy[sz]ed|sought|hypothesi[sz]ed|report|present|describe|determined|aimed|tested|"
    r"review|performed|conducted|developed|propose|characteri[sz]ed)\b|\bthis (?:study|review|paper|article|"
    r"trial|report|work|research|meta-analysis|analysis)\b|\bthe present (?:study|review|work)\b|"
    r"\bhere,? we\b|\bin this (?:study|review|paper|article|work)\b|\bto (?:investigate|evaluate|assess|"
    r"determine|examine|compare|explore)\b",
    re.I,
)
#: A knowledge gap stated at the opening ("its effects on osteoporosis have not been elucidated"): what the
#: study then sets out to answer, so it weighs like the aim, not like the background.
_GAP = re.compile(
    r"\b(?:ha(?:s|ve) not (?:yet )?been (?:fully |well |clearly |previously )?(?:elucidated|clarified|"
    r"investigated|studied|explored|examined|established|determined|reported|characteri[sz]ed)|"
    r"remains? (?:largely |still |poorly )?(?:unclear|unknown|elusive|controversial|to be (?:elucidated|"
    r"determined|clarified))|(?:is|are) (?:still |largely |currently )?(?:unclear|unknown|poorly understood)|"
    r"little is known)\b",
    re.I,
)
#: An opening sentence that reports what the study did to its own subjects ("Forty patients with osteoporosis
#: were treated with sodium fluoride", "Bone mineral content was measured in 60 women"): the older,
#: unstructured abstract's statement of its subject, which weighs like the aim, not like the background
#: (which states what is known, in the present tense).
_DESIGN = re.compile(
    r"\b(?:was|were) (?:studied|measured|treated|examined|investigated|determined|assessed|evaluated|"
    r"compared|followed|given|randomi[sz]ed|allocated|analy[sz]ed|reviewed|observed)\b|\b(?:received|underwent)\b",
    re.I,
)
_CONCLUSION = re.compile(
    r"^(?:in )?(?:conclusions?|summary|sum)\b|^(?:overall|collectively|taken together|together)\b|"
    r"\bthese (?:results|findings|data|observations)\b|\bour (?:results|findings|data|study)\b|"
    r"\bwe conclude\b|\bin conclusion\b|\bit (?:is|was) concluded\b|"
    r"\bthis study (?:shows|suggests|demonstrates|indicates|highlights|"
    r"provides|supports)\b|\bsuggest(?:s|ed)? that\b|\bindicat(?:e|es|ed) that\b",
    re.I,
)


def label_role(label: str) -> str:
    """The role of a structured abstract's section from its label ("MATERIALS AND METHODS" → methods)."""
    for role, pattern in _LABEL_ROLES:
        if pattern.search(label):
            return role
    return "abstract"


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def _states_the_aim(sentence: str, index: int, last: int) -> bool:
    """The aim, a knowledge gap it answers (early on), or an opening that reports the study's design."""
    if (_OBJECTIVE.search(sentence) or _GAP.search(sentence)) and index < max(3, last):
        return True
    return index == 0 and last > 0 and _DESIGN.search(sentence) is not None


def abstract_units(sections: Sequence[tuple[str, str]]) -> list[Unit]:
    """Abstract sentences with their roles."""
    units: list[Unit] = []
    if any(label for label, _ in sections):
        for label, text in sections:
            role = label_role(label) if label else "abstract"
            units += [Unit(role, s) for s in sentences(text)]
        return units
    text = " ".join(t for _, t in sections)
    found = sentences(text)
    last = len(found) - 1
    role = ""
    for index, sentence in enumerate(found):
        labelled = _INLINE_LABEL.match(sentence)
        if labelled and label_role(labelled.group(1)) != "abstract":
            role = label_role(labelled.group(1))  # an inline label holds until the next one
            units.append(Unit(role, sentence))
            continue
        if role:
            units.append(Unit(role, sentence))
        elif _states_the_aim(sentence, index, last):
            units.append(Unit("objective", sentence))
        elif (index == last and index > 0) or (_CONCLUSION.search(sentence) and index >= last - 2):
            units.append(Unit("conclusion", sentence))
        elif index == 0:
            units.append(Unit("background", sentence))
        else:
            units.append(Unit("abstract", sentence))
    return units
