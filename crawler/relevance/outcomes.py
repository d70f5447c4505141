"""Is the topic a principal reported outcome of the paper?

"Osteonecrosis of any bone … when it is the subject or a principal reported outcome" (issue 13): a series
of talar neck fractures that reports "avascular necrosis of the talar body occurred in 52 per cent of the
fractures" and comes back to it ("many patients with avascular necrosis treated conservatively had
satisfactory results") is about osteonecrosis even though neither the title nor the conclusion names it.
One safety endpoint of a drug trial, reported once, is not: a principal outcome is one whose frequency the
abstract reports and that the abstract names again in another sentence. Only topics that ask for it
(``principal_outcome = true`` in the topics file) are read this way: bone density reported among many
outcomes of a study of something else is still a mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from osteodigest.crawler.relevance.document import Unit
from osteodigest.crawler.relevance.model import Evidence

#: Where outcomes are reported (the aim, the conclusion and the title already weigh as anchors).
_BODY = frozenset({"results", "abstract"})
#: A frequency stated in the sentence: "52 per cent", "16 of 19", "n = 22", "the incidence of".
_FREQUENCY = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:%|per\s?cent\b)|\b\d+\s+(?:of|out\s+of)\s+(?:the\s+)?\d+\b|\bn\s*=\s*\d+|"
    r"\b(?:incidence|prevalence|frequency|rates?)\s+of\b|\b(?:occurred|developed|was\s+found|were\s+found)\s+in\s+\d"
)
#: The field a promoted occurrence takes (weighed like the aim, see ``assess.FIELD_WEIGHTS``).
OUTCOME = "outcome"


def principal_outcome(units: Sequence[tuple[Unit, list[Evidence]]]) -> int | None:
    """The index (into ``units``) of the sentence that reports the topic as a principal outcome, or None.

    ``units`` are the record's units that hold evidence of the topic, in reading order, each with its
    evidence. The sentence must be in the abstract's body, hold an occurrence that counts, and state a
    frequency; another sentence of the abstract must name the topic too (counted or as a list item)."""
    counted = [
        index
        for index, (unit, found) in enumerate(units)
        if unit.field in _BODY and any(e.status == "counts" for e in found)
    ]
    named = [index for index, (unit, _) in enumerate(units) if unit.field not in ("title", "keywords")]
    if len(named) < 2:
        return None
    for index in counted:
        if _FREQUENCY.search(units[index][0].text.lower()):
            return index
    return None


def promoted(found: list[Evidence]) -> list[Evidence]:
    """The sentence's counted occurrences, now standing as a principal reported outcome."""
    return [
        Evidence(OUTCOME, e.phrase, e.term, e.status, e.weight, e.note) if e.status == "counts" else e
        for e in found
    ]
