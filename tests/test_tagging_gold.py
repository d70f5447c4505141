"""The benchmark's gold sample as a test: every gold-labelled record of the two sample files, stripped of
its indexing as a brand-new record is, must get its gold study type.

Today's misses are listed in ``tests/tagging_gold_known_misses.tsv`` and marked ``xfail(strict=True)``: a
change that fixes one fails the run until the list is updated (``python benchmarks/tagging.py --no-bulk
--write-known-misses``), so an improvement shows, and a change that breaks a record that passed fails too.
The gold is the benchmark's own (NLM indexing, overridden by ``benchmarks/gold/tagging_gold.tsv``).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from osteodigest.crawler.tagging import tag_records

from tests.conftest import benchmark_module

KNOWN_MISSES = Path(__file__).with_name("tagging_gold_known_misses.tsv")


def _benchmark():
    return benchmark_module("tagging")


def _known_misses() -> dict[str, str]:
    if not KNOWN_MISSES.exists():
        return {}
    with KNOWN_MISSES.open(encoding="utf-8") as handle:
        return {row[0]: row[2] for row in csv.reader(handle, delimiter="\t") if row and row[0] != "pmid"}


def _cases():
    bench = _benchmark()
    if not all((bench.FIXTURES / name).exists() for name in bench.SAMPLES):
        return [
            pytest.param(None, None, None, marks=pytest.mark.skip(reason="shared sample fixtures absent"))
        ]
    hand = bench.load_hand_gold()
    misses = _known_misses()
    cases = []
    for record in bench.load_samples():
        gold = hand[record.pmid][0] if record.pmid in hand else bench.nlm_gold(record)
        if gold is None:
            continue
        marks = []
        if record.pmid in misses:
            marks.append(pytest.mark.xfail(strict=True, reason=f"known miss: tagged {misses[record.pmid]}"))
        cases.append(
            pytest.param(bench.strip_indexing(record), gold, record.pmid, marks=marks, id=record.pmid)
        )
    return cases


@pytest.mark.parametrize(("record", "gold", "pmid"), _cases())
def test_stripped_gold_record_gets_its_gold_study_type(record, gold, pmid):
    assert tag_records([record]).study_type == gold, pmid
