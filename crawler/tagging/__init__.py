"""Study type, evidence level, sub-topic tags and key numbers for a work, each with its evidence.

``tag_records`` is the one entry point the pipeline calls: it takes all records of one merged work
(PubMed, Crossref, preprint server …) and returns :class:`crawler.models.Tags`. ``why`` maps every
tag name (``study_type``, ``evidence_level``, each flag, each topic, each key number) to the phrase or
metadata field that produced it, so the digest and ``osteodigest tag --explain`` can show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from osteodigest.crawler.inputs import DEFAULT_MAX_INPUT_BYTES
from osteodigest.crawler.models import Record, Tags
from osteodigest.crawler.tagging.design import decide, refine
from osteodigest.crawler.tagging.evidence import assess
from osteodigest.crawler.tagging.flags import status_flags
from osteodigest.crawler.tagging.key_numbers import key_numbers
from osteodigest.crawler.tagging.study_type import STUDY_TYPES
from osteodigest.crawler.tagging.subtopics import subtopics
from osteodigest.crawler.tagging.takeaway import takeaway
from osteodigest.crawler.tagging.view import View, build_view

__all__ = ["STUDY_TYPES", "run_tag_command", "tag_records", "tag_view"]


def tag_records(records: Sequence[Record]) -> Tags:
    """Tags for one work from all of its records."""
    return tag_view(build_view(records))


def tag_view(view: View) -> Tags:
    decision = decide(view)
    numbers, numbers_why = key_numbers(view, decision.study_type)
    decision = refine(decision, view, numbers)
    flags = dict(status_flags(view, decision.study_type))
    flags.update(decision.flags)
    evidence = assess(decision.study_type, view, flags)
    level, level_why = evidence["level"], str(evidence["basis"])
    why: dict[str, str] = {"study_type": str(decision.why) if decision.why else "no design stated"}
    if level_why:
        why["evidence_level"] = level_why
    authors = evidence.get("authors")
    if isinstance(authors, dict):
        why["evidence.authors"] = f'abstract: "{authors["text"]}"'
    for name, hit in flags.items():
        why[name] = str(hit)
    topics = subtopics(view)
    for name, hit in topics.items():
        why[name] = str(hit)
    why.update(numbers_why)
    label = str(evidence.pop("label"))
    return Tags(
        study_type=decision.study_type,
        evidence_level=level if isinstance(level, int) else None,
        flags=tuple(flags),
        topics=tuple(topics),
        key_numbers=numbers,
        why=why,
        label=label,
        evidence=evidence,
        takeaway=takeaway(view, study_type=decision.study_type),
    )


def run_tag_command(
    inputs: list[Path],
    explain: bool = False,
    out: TextIO | None = None,
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    topics_file: Path | None = None,
    jobs: int | None = None,
) -> int:
    """``osteodigest tag INPUT…``: one JSON object per record on ``out``; returns the exit status.
    ``jobs``: processes tagging (None: one per usable CPU; 1: this process only)."""
    from osteodigest.crawler.tag_command import run

    return run(
        inputs,
        explain=explain,
        out=out,
        max_input_bytes=max_input_bytes,
        topics_file=topics_file,
        jobs=jobs,
    )
