"""The relevance stage: per topic, is a record *about* it, does it only *mention* it, or neither.

One place for every source: a search that returned a record is a candidate, not a verdict. The decision
reads aboutness, not presence (field weights, repetition, negation, sense rules, list items, NLM
indexing); all vocabulary, weights and sense rules are data in the topics file.

    stage = RelevanceStage(load_topics())
    stage.assess(record)["osteoporosis"]  # TopicRelevance(decision="about", score=…, why=…, evidence=…)
"""

from __future__ import annotations

from osteodigest.crawler.relevance.assess import RelevanceStage, assess
from osteodigest.crawler.relevance.document import Document, document
from osteodigest.crawler.relevance.model import DECISIONS, Decision, Evidence, TopicRelevance

__all__ = [
    "DECISIONS",
    "Decision",
    "Document",
    "Evidence",
    "RelevanceStage",
    "TopicRelevance",
    "assess",
    "document",
]
