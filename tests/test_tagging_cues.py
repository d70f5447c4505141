"""The cue engine's shortcuts (word gating, branch literals, \\b fast path) never change a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from osteodigest.crawler.models import Record
from osteodigest.crawler.tagging.cues import all_cues, rx
from osteodigest.crawler.tagging.view import build_view

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"


def test_branch_split_and_boundary_fast_path_match_the_plain_regex():
    cue = rx(r"\bcase report\b|\b(?:a|an) \d+[- ]year[- ]old\b|^\W*letter\b")
    for text in (
        "a 45-year-old woman",
        "showcase report",
        "case report of",
        "letter to",
        "x letter",
        "lesa 45-year-old",
        "the case report",
        "",
    ):
        fast, slow = cue.search(text), cue.pattern.search(text)
        assert (fast and fast.span()) == (slow and slow.span()), text
        assert [m.span() for m in cue.finditer(text)] == [m.span() for m in cue.pattern.finditer(text)]


def test_trigger_words_skip_only_text_that_cannot_match():
    cue = rx(r"\brandomly (?:assigned|allocated)\b", "randomly")
    view = build_view(
        [Record(source="t", source_id="1", title="t", abstract="patients were randomly assigned")]
    )
    assert cue.search(view.low_abstract)
    view = build_view(
        [Record(source="t", source_id="2", title="t", abstract="patients were assigned at random")]
    )
    assert cue.search(view.low_abstract) is None


def test_every_cue_agrees_with_its_regex_on_real_abstracts():
    path = FIXTURES / "pubmed" / "bone_topic_subset.xml"
    if not path.exists():
        pytest.skip(f"fixture {path} not present")
    from osteodigest.crawler.sources.medline import parse_medline

    cues = all_cues()
    assert len(cues) > 50
    mismatches = []
    for record in list(parse_medline(path.read_bytes()))[:150]:
        view = build_view([record])
        for text in (view.low_title, view.low_abstract):
            for name, cue in cues.items():
                fast, slow = cue.search(text), cue.pattern.search(text)
                if (fast and (fast.span(), fast.group(0))) != (slow and (slow.span(), slow.group(0))):
                    mismatches.append((name, record.pmid))
    assert mismatches == []


def test_patterns_compile_without_flags():
    # Cues match lower-cased text; a stray IGNORECASE would hide upper-case-only patterns.
    for name, cue in all_cues().items():
        assert not cue.pattern.flags & re.IGNORECASE, name
