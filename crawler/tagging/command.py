"""The output lines of ``osteodigest tag``: a record's tags and relevance decisions as one JSON object.

This is what tags, in a worker process or in the command's own when it tags there; the command itself
(reading the inputs, cutting PubMed files, the workers, the order of the lines) is
:mod:`crawler.tag_command`, outside this package, so that its process imports the tagging rules only
when it tags (about half a second of CPU that, with workers tagging a PubMed file, it never needs).
"""

from __future__ import annotations

import functools
import json
from typing import Any

from osteodigest.crawler.assessing import Failed, attempt
from osteodigest.crawler.models import Record, TopicRelevance
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.tag_command import record_id
from osteodigest.crawler.tagging import tag_records
from osteodigest.crawler.topics import load_topics


def piece_lines(
    document: bytes, stage: RelevanceStage, explain: bool = False
) -> list[tuple[str, str | Failed]]:
    """Each record of a piece of PubMed XML with its output line (what a worker sends back); a piece that
    does not parse raises."""
    task = functools.partial(line_text, explain=explain)
    return [(record_id(record), attempt(task, record, stage)) for record in parse_medline(document)]


#: ``json.dumps(..., ensure_ascii=False)`` builds an encoder on every call; one serves every line.
_JSON = json.JSONEncoder(ensure_ascii=False)


def line_text(record: Record, stage: RelevanceStage, explain: bool = False) -> str:
    """A record's output line, newline included (what a worker sends back)."""
    return _JSON.encode(tag_line(record, explain, stage)) + "\n"


def tag_line(record: Record, explain: bool = False, stage: RelevanceStage | None = None) -> dict[str, Any]:
    tags = tag_records([record])
    relevance = (stage or RelevanceStage(load_topics())).assess(record)
    line: dict[str, Any] = {"id": record_id(record)}
    tag_fields = tags.to_dict()
    line.update(tag_fields)
    line["relevance"] = {name: result.to_dict() for name, result in relevance.items()}
    if explain:
        line["title"] = record.title
        line["explain"] = explain_lines(tag_fields) + relevance_lines(relevance)
    return line


def relevance_lines(relevance: dict[str, TopicRelevance]) -> list[str]:
    return [
        f"relevance {name} = {r.decision} (score {r.score:.1f})" + (f"  <- {r.why}" if r.why else "")
        for name, r in relevance.items()
    ]


def explain_lines(tags: dict[str, Any]) -> list[str]:
    why = tags.get("why", {})
    lines = [
        f"study_type = {tags.get('study_type')}  <- {why.get('study_type', '')}",
        f"evidence_level = {tags.get('evidence_level')}  <- {why.get('evidence_level', '')}",
    ]
    lines += [f"flag {flag}  <- {why.get(flag, '')}" for flag in tags.get("flags", [])]
    lines += [f"topic {topic}  <- {why.get(topic, '')}" for topic in tags.get("topics", [])]
    lines += [
        f"{name} = {json.dumps(value, ensure_ascii=False)}  <- {why.get('key_numbers.' + name, '')}"
        for name, value in tags.get("key_numbers", {}).items()
    ]
    return lines
