"""What the relevance stage concludes about one record and one topic, and the evidence behind it.

Typed and frozen so that a later stage (the store, the edition filter, ``osteodigest tag``) can keep and
show a decision without knowing how it was reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Decision = Literal["about", "mentions", "none"]
DECISIONS: tuple[Decision, ...] = ("about", "mentions", "none")

#: Where a piece of evidence was found. Abstract sentences carry the role of the sentence (the aim of a
#: structured or unstructured abstract is ``objective``).
FIELDS = (
    "title",
    "keywords",
    "mesh_major",
    "mesh",
    "objective",
    "conclusion",
    "outcome",
    "results",
    "methods",
    "abstract",
    "background",
)

#: What became of an occurrence: it ``counts`` towards aboutness, or it is only a mention because it is
#: ``negated``, in an ``other_sense``, or one ``list_item`` among other conditions or outcomes.
STATUSES = ("counts", "negated", "other_sense", "list_item")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One occurrence of a topic term (or one MeSH descriptor) in one field of the record."""

    field: str
    #: The words as the record writes them (a MeSH descriptor's name for indexing).
    phrase: str
    #: The topic term (or descriptor) it matched.
    term: str
    status: str = "counts"
    #: What it added to the score (0 when it does not count).
    weight: float = 0.0
    #: For ``other_sense``: the other sense in words; for ``negated``: the negating words.
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"field": self.field, "phrase": self.phrase, "status": self.status}
        if self.weight:
            data["weight"] = round(self.weight, 2)
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True, slots=True)
class TopicRelevance:
    """The decision for one topic: ``about`` (the paper's subject), ``mentions`` (a term occurs, the paper
    is about something else) or ``none``; a score (the weighted evidence), a reason in words for a reader
    (empty for ``none``) and the evidence."""

    topic: str
    decision: Decision
    score: float = 0.0
    why: str = ""
    evidence: tuple[Evidence, ...] = ()

    @property
    def is_about(self) -> bool:
        return self.decision == "about"

    def to_dict(self, evidence: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"decision": self.decision, "score": round(self.score, 2), "why": self.why}
        if evidence:
            data["evidence"] = [e.to_dict() for e in self.evidence]
        return data
