"""Which works go into an edition, in which section and order — and which of them each reader gets.

An edition covers the works *about* a topic (the relevance stage's decision, stored with each work; the
search that found a work is no verdict) first seen since the previous edition of the same frequency.
Sections, top to bottom: practice-relevant items (a design graded at evidence level 1 or 2, or a
guideline: a level-5 review is not), then one section per main topic (the one a work is most about)
ordered by evidence level then date, then registered trials, then status changes of works sent earlier
(published, corrected, retracted).

A notice (erratum, retraction, expression of concern) is listed under status changes, never among the
research items: it is news about another article (which, when stored, also carries the flag).

A reader's topics (:func:`topic_choices`) are alternatives, any of which lets an item through: a topic
of the configuration, main (``osteoporosis``) or sub-topic (``jaw_osteonecrosis``: the works the
relevance stage found about it), or a facet of the tagger (``site:jaw``, ``drug:denosumab``: the works
about a topic that the tagger gave that facet).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from osteodigest.crawler.models import NOTICE_KINDS, Work
from osteodigest.crawler.store import Preferences
from osteodigest.crawler.tagging.subtopics import FACETS
from osteodigest.crawler.topics import Topic
from osteodigest.newsletter.items import DigestItem, practice_relevant, worded_subtopic

NOT_SHOWN_ALONE = ("erratum", "retraction_notice")
FREQUENCIES = ("daily", "weekly", "monthly")
#: CEBM 2011 levels run from 1 (best) to 5.
EVIDENCE_LEVELS = (1, 2, 3, 4, 5)
#: Designs that have no evidence level by nature yet still pass a minimum-evidence preference.
UNGRADED_KEPT = ("guideline", "trial_registration")


class SectionKey(enum.StrEnum):
    """Where an edition lists a work (``edition_items.section``); a topic's section is ``topic:NAME``."""

    PRACTICE = "practice"
    OTHER = "other"
    TRIALS = "trials"
    CHANGES = "changes"


#: The heading of each section but the topics' (which is the topic's label).
SECTION_TITLES: dict[str, str] = {
    SectionKey.PRACTICE: "Practice-relevant",
    SectionKey.OTHER: "Other new items",
    SectionKey.TRIALS: "New and updated registered trials",
    SectionKey.CHANGES: "Status changes",
}
#: The key of a topic's section is this prefix and the topic's name.
TOPIC_SECTION = "topic:"


#: How each facet of the tagger is introduced in a list of choices ("Drug: denosumab").
FACET_NAMES = {
    "site": "Site",
    "condition": "Condition",
    "drug": "Drug",
    "exposure": "Exposure",
    "procedure": "Procedure",
    "staging": "Staging",
}


def facet_label(tag: str) -> str:
    """``drug:denosumab`` -> "Drug: denosumab", ``staging:ARCO`` -> "Staging: ARCO" (no tag syntax)."""
    facet, _, value = tag.partition(":")
    return f"{FACET_NAMES.get(facet, facet.capitalize())}: {value.replace('_', ' ')}"


def topic_choices(topics: Sequence[Topic]) -> dict[str, str]:
    """Every topic a reader may ask for, name -> label: the topics of the configuration (main ones, then
    sub-topics, as ``topics`` lists them), then the facets of the tagger, grouped by facet."""
    choices = {t.name: t.label for t in topics if not t.parent}
    choices.update({t.name: t.label for t in topics if t.parent})
    choices.update({tag: facet_label(tag) for tag in FACETS if tag not in choices})
    return choices


def choice_label(name: str, labels: dict[str, str]) -> str:
    """A reader's topic in words: its label when ``labels`` has it, a facet as the digest words it
    ("the jaw", "denosumab"), else the name with spaces."""
    if name in labels:
        return labels[name]
    if ":" in name:
        return worded_subtopic(name) or facet_label(name)
    return name.replace("_", " ")


def section_title(key: str, topic_labels: dict[str, str]) -> str:
    """What a section is called in the email and on the web: ``topic:NAME`` by the topic's label."""
    if key.startswith(TOPIC_SECTION):
        name = key.removeprefix(TOPIC_SECTION)
        return topic_labels.get(name, name)
    return SECTION_TITLES.get(key, key)


@dataclass(frozen=True)
class SectionPlan:
    """The works placed in one section (``practice``, ``topic:NAME``, ``other``, ``trials``, ``changes``),
    in reading order; the edition records the keys, and :func:`section_title` names them when shown."""

    key: str
    work_ids: tuple[int, ...]


def _order_key(work: Work) -> tuple[int, str, int]:
    level = work.tags.evidence_level or 9
    published = work.primary.published or work.first_seen[:10]
    # Best evidence first, then newest first: negate the date by sorting on its reverse below.
    return (level, _reverse(published), work.id)


def _reverse(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def _retracted(work: Work) -> bool:
    return "retracted" in work.flags or "retracted" in work.tags.flags


def _is_notice(work: Work) -> bool:
    return work.primary.kind in NOTICE_KINDS or work.tags.study_type in NOT_SHOWN_ALONE


def plan_sections(
    new_works: Sequence[Work], changed_works: Sequence[Work], topic_labels: dict[str, str]
) -> list[SectionPlan]:
    """Place every new work in exactly one section; notices go with the status changes."""
    practice: list[Work] = []
    trials: list[Work] = []
    other: list[Work] = []
    by_topic: dict[str, list[Work]] = {name: [] for name in topic_labels}
    changes = list(changed_works)
    for work in new_works:
        kind = work.primary.kind
        if _is_notice(work):
            changes.append(work)
        elif kind == "trial":
            trials.append(work)
        elif practice_relevant(work.tags.study_type, work.tags.evidence_level) and not _retracted(work):
            practice.append(work)
        elif topic := next((t for t in work.topics if t in by_topic), None):
            by_topic[topic].append(work)  # the main topic it is most about (topics: weightiest first)
        else:
            other.append(work)
    plans = [SectionPlan(SectionKey.PRACTICE, _ids(practice))]
    plans += [SectionPlan(f"{TOPIC_SECTION}{name}", _ids(works)) for name, works in by_topic.items()]
    plans += [
        SectionPlan(SectionKey.OTHER, _ids(other)),
        SectionPlan(SectionKey.TRIALS, _ids(trials)),
        SectionPlan(SectionKey.CHANGES, _ids(changes)),
    ]
    return [p for p in plans if p.work_ids]


def _ids(works: list[Work]) -> tuple[int, ...]:
    return tuple(w.id for w in sorted(works, key=_order_key))


def wants(prefs: Preferences | None, item: DigestItem, section: str) -> bool:
    """Whether a reader with ``prefs`` gets ``item`` (placed in ``section``) in their digest.

    Status changes follow the topic and type filters of the article they concern but not the evidence
    filter (a retraction matters whatever the design), and a bare notice passes the type filters too.
    """
    if prefs is None or prefs.is_default:
        return True
    if prefs.topics and not (set(prefs.topics) & (set(item.topic_keys) | set(item.subtopics))):
        return False
    change = section == SectionKey.CHANGES
    if change and item.is_notice:
        return True
    study_type = item.study_type
    if prefs.include_types and study_type not in prefs.include_types:
        return False
    if study_type in prefs.exclude_types:
        return False
    if prefs.min_evidence is not None and not change:
        level = item.evidence_level
        if level is None:
            return study_type in UNGRADED_KEPT
        return level <= prefs.min_evidence
    return True
