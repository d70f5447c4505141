"""Score ``osteodigest tag`` output against any hand-labelled set, with issue 14's bars.

For a maintainer or a reader with labelled abstracts of their own (a clinician's set, a published corpus):
the same table ``benchmarks/tagging.py`` prints for the project's sets — the barred classes (randomised
trials, systematic reviews with meta-analyses, case reports, narrative reviews, animal with in-vitro work),
every other class, the confusion matrix and the share of human research left "Design not stated".

    osteodigest tag labelled.csv > tagged.jsonl
    python benchmarks/score_labels.py labelled.csv tagged.jsonl

The labels file is CSV/TSV (a header row) or JSON Lines, with an id column (``id``, ``pmid``, ``PMID``,
``pubmed_id``; ``--id-column``) and a label column (``label``, ``study_type``, ``design``, ``class``,
``category``, ``gold``; ``--label-column``). Labels are matched to the tagger's classes by their words, not
their spelling ("RCT", "Randomised controlled trial", "Non-randomized trial", "Narrative review", "Case
report", "Animal study", "In-vitro study", "Cohort study" …): the first matching rule of :data:`RULES`
wins, so a "non-randomised" label is never read as a randomised trial, nor a "systematic review" as a
narrative one. A label no rule knows is scored as a class of its own and listed, never merged silently;
an "observational" label counts any observational design the tagger names (cohort, case-control,
cross-sectional, case series) as right. Nothing here was tuned on any set.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tagging  # benchmarks/tagging.py: the project's table, bars and untyped share
from osteodigest.crawler.tabular import header_delimiter

ID_COLUMNS = ("id", "pmid", "pubmed_id", "pubmedid", "pmids")
LABEL_COLUMNS = ("label", "study_type", "design", "class", "category", "gold", "labels")
#: (words, class), first match wins: the specific before the general.
RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("erratum", "correction notice", "corrigendum"), "erratum"),
    (("retraction",), "retraction_notice"),
    (("protocol",), "protocol"),
    (
        (
            "non rct",
            "non randomi",
            "nonrandomi",
            "not randomi",
            "quasi experiment",
            "single arm",
            "uncontrolled",
        ),
        "nonrandomised_trial",
    ),
    (("meta analys", "metaanalys"), "meta_analysis"),
    (("scoping",), "scoping_review"),
    (("systematic review", "umbrella review"), "systematic_review"),
    (("case report", "case study"), "case_report"),
    (("case series",), "case_series"),
    (("case control",), "case_control"),
    (("mendelian",), "mendelian_randomization"),
    (("guideline", "consensus", "position statement", "recommendation"), "guideline"),
    (("review",), "narrative_review"),
    # Animals and the bench before trials: an "animal RCT" or an "animal drug intervention" is animal work.
    (("animal", "in vivo", "preclinical", "veterinary"), "animal"),
    (("in vitro", "invitro", "laboratory", "cell"), "in_vitro"),
    (("rct", "randomi", "controlled trial"), "rct"),
    (("clinical trial", "interventional", "intervention"), "nonrandomised_trial"),
    (("cohort", "longitudinal", "follow up"), "cohort"),
    (("cross sectional", "survey", "prevalence"), "cross_sectional"),
    (("qualitative", "interview", "focus group"), "qualitative"),
    (("diagnostic",), "diagnostic_accuracy"),
    (("prediction", "prognostic model"), "prediction_model"),
    (("economic", "cost effectiveness", "cost utility"), "economic_evaluation"),
    (("bioinformatic",), "bioinformatics"),
    (("observational",), "observational"),
    (("comment", "editorial", "letter", "opinion", "perspective", "viewpoint", "essay"), "commentary"),
    (("other", "none", "not applicable", "unclassified", "miscellaneous"), "other"),
)
#: What an "observational" label accepts.
OBSERVATIONAL = frozenset({"cohort", "case_control", "cross_sectional", "case_series"})


def normalise(label: str) -> str:
    """Lower case, words only: "Non-Randomized_Trial" -> "non randomized trial"."""
    return " ".join(re.findall(r"[a-z0-9]+", label.lower()))


def class_of(label: str) -> str:
    """The tagger's class a label names; the label itself (normalised) when no rule knows it."""
    words = normalise(label)
    padded = f" {words} "
    for keys, study_type in RULES:
        if any(f" {key}" in padded for key in keys):
            return study_type
    return words.replace(" ", "_") or "other"


def read_labels(path: Path, id_column: str | None, label_column: str | None) -> dict[str, str]:
    """id -> label text, from CSV/TSV with a header row or JSON Lines."""
    text = path.read_text(encoding="utf-8-sig")
    if text.lstrip().startswith("{"):
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=header_delimiter(text)))
    if not rows:
        raise SystemExit(f"{path}: no rows")
    columns = {name.strip().lower(): name for name in rows[0] if name}  # None: cells past the header
    id_key = _column(columns, id_column, ID_COLUMNS, path, "id")
    label_key = _column(columns, label_column, LABEL_COLUMNS, path, "label")
    return {str(row[id_key]).strip(): str(row[label_key]).strip() for row in rows if row.get(id_key)}


def _column(columns: dict[str, str], asked: str | None, names: tuple[str, ...], path: Path, what: str) -> str:
    if asked:
        if asked.lower() not in columns:
            raise SystemExit(f"{path}: no column {asked!r} (columns: {', '.join(columns.values())})")
        return columns[asked.lower()]
    for name in names:
        if name in columns:
            return columns[name]
    raise SystemExit(f"{path}: no {what} column (one of {', '.join(names)}; or --{what}-column)")


def read_tagged(path: Path) -> dict[str, str]:
    """id -> study_type from ``osteodigest tag`` lines."""
    tagged = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            tagged[str(item["id"])] = item["study_type"]
    return tagged


def pairs_of(labels: dict[str, str], tagged: dict[str, str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(gold class, predicted class) for every labelled id that was tagged, and the labelled ids that were
    not (missing from the tag output)."""
    pairs = []
    missing = []
    for ident, label in labels.items():
        predicted = tagged.get(ident)
        if predicted is None:
            missing.append(ident)
            continue
        gold = class_of(label)
        if gold == "observational" and predicted in OBSERVATIONAL:
            predicted = gold
        pairs.append((gold, predicted))
    return pairs, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("labels", type=Path, help="CSV/TSV with a header row, or JSON Lines")
    parser.add_argument("tagged", type=Path, help="the output of osteodigest tag on the same records")
    parser.add_argument("--id-column")
    parser.add_argument("--label-column")
    args = parser.parse_args(argv)
    labels = read_labels(args.labels, args.id_column, args.label_column)
    pairs, missing = pairs_of(labels, read_tagged(args.tagged))
    known = {study_type for _, study_type in RULES} | {"observational"}
    mapping = Counter((label, class_of(label)) for label in labels.values())
    print(f"labels read as classes ({args.labels.name}):")
    for (label, study_type), n in sorted(mapping.items(), key=lambda item: -item[1]):
        note = "" if study_type in known else "   (no rule knows it: scored as its own class)"
        print(f"  {n:>6}  {label!r} -> {study_type}{note}")
    if missing:
        print(f"{len(missing)} labelled ids are not in {args.tagged.name} (first: {', '.join(missing[:5])})")
    tagging.print_table(f"{args.labels.name} against {args.tagged.name}", pairs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
