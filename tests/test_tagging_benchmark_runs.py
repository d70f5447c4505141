"""The throughput benchmark's summary of repeated runs: on a machine shared with other jobs one run says
little about the bar, so every run is printed and their median is the figure."""

from __future__ import annotations

from tests.conftest import benchmark_module


def _line(wall: float, rate: str) -> str:
    return (
        "== end to end (osteodigest tag: parse + tag + relevance + JSON) on pubmed21n1298.xml.gz, 20,788 "
        "records: one process 30.0 s CPU = 693 records/s per CPU (0.46x the 1,500/s bar); 2 worker "
        f"processes: {wall} s wall = {rate} records/s (0.80x the bar), 30.0 s CPU in all processes"
    )


def test_repeated_runs_are_all_printed_with_their_median_against_the_bar():
    tagging = benchmark_module("tagging")
    runs = [_line(18.1, "1,147"), _line(13.6, "1,532"), _line(13.7, "1,520")]
    text = tagging.summarise_runs(runs)
    assert text.splitlines()[:3] == runs
    assert text.splitlines()[3] == (
        "== 3 runs: worker processes' records/s 1,147, 1,520, 1,532; median 1,520 (1.01x the 1,500/s bar)"
    )


def test_one_run_is_printed_as_it_is():
    tagging = benchmark_module("tagging")
    assert tagging.summarise_runs([_line(13.6, "1,532")]) == _line(13.6, "1,532")
