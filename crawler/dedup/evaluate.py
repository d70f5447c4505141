"""Scoring a clustering against labelled duplicate groups, the way the shared benchmark sets count.

Kept in the package (not the benchmark script) so tests and the benchmark count identically.

Counting (as BibDedupe's ``compare_dedupe_id`` does): each predicted cluster keeps one survivor, its
first record in input order; every other record of the cluster is "removed". For a labelled group
G with k survivors, k ≥ 1: TP += |G| − k (records correctly removed) and FN += k − 1 (duplicates
left in); with k = 0 (all of G merged into clusters of other works): TP += |G| − 1, FP += 1. A
record labelled unique that is removed is a false merge: FP += 1. Recall = TP / (TP + FN) and
TP + FN = Σ(|G| − 1), the records a perfect tool removes; precision = TP / (TP + FP).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Removal:
    """Counts of one evaluation; see the module docstring."""

    tp: int
    fp: int
    fn: int

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0


def removal_metrics(ids: Sequence[str], labels: Sequence[int], groups: Sequence[Sequence[str]]) -> Removal:
    """Evaluate cluster ``labels`` (one per id) against true duplicate ``groups`` of ids."""
    survivors: dict[int, str] = {}
    for rid, label in zip(ids, labels, strict=True):
        survivors.setdefault(label, rid)
    kept = set(survivors.values())
    grouped = {rid for group in groups for rid in group}
    tp = fp = fn = 0
    for rid in ids:
        if rid not in grouped and rid not in kept:
            fp += 1
    for group in groups:
        k = sum(1 for rid in group if rid in kept)
        if k == 0:
            fp += 1
            tp += len(group) - 1
        else:
            fn += k - 1
            tp += len(group) - k
    return Removal(tp, fp, fn)


def read_groups(path: str) -> list[list[str]]:
    """Groups of ``merged_record_ids.csv`` (header ``merged_ids``, ids joined by ``;``)."""
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        return [row["merged_ids"].split(";") for row in csv.DictReader(handle) if row.get("merged_ids")]
