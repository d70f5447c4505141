"""Which works go into an edition, in which section and order.

An edition covers the works first seen since the previous edition of the same frequency. Sections, top
to bottom: practice-relevant designs, then one section per topic ordered by evidence level then date,
then registered trials, then status changes of works sent earlier (published, corrected, retracted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crawler.models import Work

PRACTICE_RELEVANT = ("guideline", "meta_analysis", "systematic_review", "rct")
NOT_SHOWN_ALONE = ("erratum", "retraction_notice")


@dataclass(frozen=True)
class SectionPlan:
    key: str
    title: str
    work_ids: tuple[int, ...]


def _order_key(work: Work) -> tuple[int, str, int]:
    level = work.tags.evidence_level or 9
    published = work.primary.published or work.first_seen[:10]
    # Best evidence first, then newest first: negate the date by sorting on its reverse below.
    return (level, _reverse(published), work.id)


def _reverse(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def plan_sections(
    new_works: Sequence[Work], changed_works: Sequence[Work], topic_labels: dict[str, str]
) -> list[SectionPlan]:
    """Place every new work in exactly one section; notices are shown as status changes of their article."""
    practice, trials, by_topic, other = [], [], {name: [] for name in topic_labels}, []
    for work in new_works:
        kind = work.primary.kind
        if kind == "trial":
            trials.append(work)
        elif work.tags.study_type in PRACTICE_RELEVANT and "retracted" not in work.flags:
            practice.append(work)
        elif work.topics and work.topics[0] in by_topic:
            by_topic[work.topics[0]].append(work)
        else:
            other.append(work)
    plans = [SectionPlan("practice", "Practice-relevant", _ids(practice))]
    plans += [
        SectionPlan(f"topic:{name}", topic_labels[name], _ids(works)) for name, works in by_topic.items()
    ]
    plans.append(SectionPlan("other", "Other new items", _ids(other)))
    plans.append(SectionPlan("trials", "New and updated registered trials", _ids(trials)))
    plans.append(SectionPlan("changes", "Status changes", _ids(changed_works)))
    return [p for p in plans if p.work_ids]


def _ids(works: list[Work]) -> tuple[int, ...]:
    return tuple(w.id for w in sorted(works, key=_order_key))
