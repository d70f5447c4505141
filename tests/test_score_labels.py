"""``benchmarks/score_labels.py``: any hand-labelled set scored against ``osteodigest tag`` output."""

from __future__ import annotations

import io
import json

import pytest
from osteodigest.crawler.tagging import run_tag_command

from tests.conftest import benchmark_module


def _scorer():
    return benchmark_module("score_labels")


@pytest.mark.parametrize(
    ("label", "study_type"),
    [
        ("RCT", "rct"),
        ("Randomised controlled trial", "rct"),
        ("Non-randomized controlled trial", "nonrandomised_trial"),
        ("Human-non-RCT-drug-intervention", "nonrandomised_trial"),
        ("Systematic review", "systematic_review"),
        ("Meta-analysis", "meta_analysis"),
        ("Narrative review", "narrative_review"),
        ("Animal RCT", "animal"),
        ("In-vitro study", "in_vitro"),
        ("Case report", "case_report"),
        ("Case-control study", "case_control"),
        ("Study protocol", "protocol"),
        ("Editorial", "commentary"),
        ("Observational", "observational"),
        ("Mystery", "mystery"),
    ],
)
def test_labels_are_read_by_their_words_the_specific_before_the_general(label, study_type):
    assert _scorer().class_of(label) == study_type


def test_a_labelled_csv_is_scored_against_the_tag_output(tmp_path, capsys):
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "PMID;Title;Abstract;Design\n"
        '1;Zoledronic acid in women: a randomised controlled trial;"Women were randomly assigned to '
        'zoledronic acid or placebo for three years; vertebral fractures fell by 70% (p < 0.001).";RCT\n'
        "2;Osteonecrosis of the jaw: a narrative review;This review summarises what is known of "
        "medication-related osteonecrosis of the jaw and its management.;Randomized trial\n"
        "3;Denosumab discontinuation;A 62-year-old woman developed multiple vertebral fractures after "
        "stopping denosumab.;Case report\n",
        encoding="utf-8",
    )
    tagged = tmp_path / "tagged.jsonl"
    out = io.StringIO()
    assert run_tag_command([labels], out=out) == 0
    tagged.write_text(out.getvalue(), encoding="utf-8")
    assert [json.loads(line)["study_type"] for line in out.getvalue().splitlines()] == [
        "rct",
        "narrative_review",
        "case_report",
    ]
    capsys.readouterr()
    assert _scorer().main([str(labels), str(tagged), "--label-column", "Design"]) == 0
    printed = capsys.readouterr().out
    assert "'Randomized trial' -> rct" in printed
    rct = next(line for line in printed.splitlines() if line.startswith("rct "))
    # gold 2, predicted 1, tp 1, fp 0, fn 1: the "review" labelled a trial is a miss, not a pass
    assert rct.split()[1:6] == ["2", "1", "1", "0", "1"]
    assert "human research left untyped: 0/2" in printed
