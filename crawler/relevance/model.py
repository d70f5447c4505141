"""What the relevance stage concludes about one record and one topic, and the evidence behind it.

The typed, frozen records themselves (:class:`TopicRelevance`, :class:`Evidence`) live with the other
records between stages in :mod:`crawler.models`, so that the store can keep a decision with its work and a
later stage (the edition filter, the digest's reason, ``osteodigest tag``) can show it without knowing how
it was reached; this module names them for the stage and holds the stage's vocabularies.
"""

from __future__ import annotations

from osteodigest.crawler.models import DECISIONS, Decision, Evidence, TopicRelevance

__all__ = ["DECISIONS", "FIELDS", "INDEXED", "STATUSES", "Decision", "Evidence", "TopicRelevance"]

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
    "frame",
    "results",
    "methods",
    "abstract",
    "background",
)

#: What became of an occurrence: it ``counts`` towards aboutness, or it is only a mention because it is
#: ``negated``, in an ``other_sense``, or one ``list_item`` among other conditions or outcomes.
STATUSES = ("counts", "negated", "other_sense", "list_item")

#: The note of a descriptor that only shows NLM saw the topic in the paper (``Topic.mesh_mention``): it makes
#: a mention and weighs nothing, major topic or not.
INDEXED = "indexed"
