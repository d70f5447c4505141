"""How often a digest item can quote the abstract's takeaway and effect estimates, and whether every quote
is the abstract's own words (issue 14, items 4 and 5).

Run from the repository root: ``python benchmarks/quoted_numbers.py [--file PATH] [--examples N]``.
The file is the NLM update file ``../shared/fixtures/pubmed/bulk/pubmed21n1298.xml.gz`` (20,788 records,
every field, all journals): nothing here was trained on it, but the takeaway's and the estimates' patterns
were written while reading its abstracts (all splits), so these are coverage figures of the data the
patterns were read on, not held-out ones. No labels exist for either: a quote's correctness is checked only
as far as a program can (verbatim, an estimate inside its interval); ``--examples`` prints some to read.

Printed:

* abstracts of >= 200 characters without a takeaway, overall and per tagged design;
* abstracts that name a ratio or a difference (HR, OR, RR, MD, SMD, "hazard ratio" …) and a 95% CI: the
  share with at least one effect estimate shown;
* quotes that are not a verbatim span of the abstract as the tagger reads it (compatibility forms folded,
  a structured abstract's headings apart, spacing normalised), estimates outside their own
  interval, estimates whose brackets do not pair: each should be 0.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.tagging import tag_view
from osteodigest.crawler.tagging.view import build_view

ROOT = Path(__file__).resolve().parents[1]
BULK = ROOT.parent / "shared" / "fixtures" / "pubmed" / "bulk" / "pubmed21n1298.xml.gz"
LEAST_ABSTRACT = 200
_CI = re.compile(r"9[05]\s?%\s?(?:CI|confidence interval)", re.I)
_ESTIMATE = re.compile(
    r"\b(?:a?HR|a?OR|a?RR|IRR|SMD|MD|WMD|hazard ratio|odds ratio|relative risk|risk ratio|mean difference)\b"
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=BULK)
    parser.add_argument("--examples", type=int, default=0, help="print N random takeaways and estimates")
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"quoted_numbers: {args.file} is missing (the shared fixtures sit beside the checkout)")
        return 2
    started = time.perf_counter()
    abstracts = 0
    without: Counter[str] = Counter()
    designs: Counter[str] = Counter()
    with_estimate = shown = 0
    not_verbatim: list[str] = []
    outside: list[str] = []
    unpaired: list[str] = []
    takeaways: list[tuple[str, str, str]] = []
    estimates: list[tuple[str, str]] = []
    for record in parse_medline(args.file):
        text = record.abstract or ""
        if len(text) < LEAST_ABSTRACT:
            continue
        view = build_view([record])
        tags = tag_view(view)
        abstracts += 1
        designs[tags.study_type] += 1
        # The abstract as the tagger reads and quotes it: compatibility forms folded ("µ", "™", thin
        # spaces), a structured abstract's headings kept apart from its running text.
        flat = _flat(view.abstract)
        if tags.takeaway is None:
            without[tags.study_type] += 1
        else:
            takeaways.append((str(record.pmid), tags.study_type, tags.takeaway))
            if _flat(tags.takeaway.removesuffix(" …")) not in flat:  # " …": cut at a clause
                not_verbatim.append(f"{record.pmid} takeaway")
        effects = tags.key_numbers.get("effects") or []
        if _CI.search(text) and _ESTIMATE.search(text):
            with_estimate += 1
            shown += bool(effects)
        for effect in effects:
            estimates.append((str(record.pmid), effect["text"]))
            if _flat(effect["text"]) not in flat:
                not_verbatim.append(f"{record.pmid} effect")
            if not effect["low"] <= effect["value"] <= effect["high"]:
                outside.append(str(record.pmid))
            if any(effect["text"].count(a) != effect["text"].count(b) for a, b in ("()", "[]")):
                unpaired.append(str(record.pmid))
    missing = sum(without.values())
    print(f"quoted numbers on {args.file.name}: {abstracts:,} abstracts of >= {LEAST_ABSTRACT} characters")
    print("(coverage on the file the patterns were read on: all splits; no labels, nothing trained here)")
    print(f"  without a takeaway: {missing:,} = {missing / abstracts:.3f}")
    for design, n in without.most_common(12):
        print(f"    {design:<22} {n:>5} of {designs[design]:>5} = {n / designs[design]:.3f}")
    print(
        f"  naming a ratio or difference and a 95% CI: {with_estimate:,}; with an effect shown: {shown:,} = "
        f"{shown / max(with_estimate, 1):.3f}"
    )
    print(f"  quotes not verbatim: {len(not_verbatim)}  {not_verbatim[:5]}")
    print(f"  estimates outside their interval: {len(outside)}  {outside[:5]}")
    print(f"  estimates with unpaired brackets: {len(unpaired)}  {unpaired[:5]}")
    print(f"  {time.perf_counter() - started:.1f} s")
    if args.examples:
        pick = random.Random(1)
        print("\nrandom takeaways:")
        for pmid, design, quote in pick.sample(takeaways, min(args.examples, len(takeaways))):
            print(f"  {pmid} {design}: {quote}")
        print("\nrandom estimates:")
        for pmid, quote in pick.sample(estimates, min(args.examples, len(estimates))):
            print(f"  {pmid}: {quote}")
    return 1 if not_verbatim or outside or unpaired else 0


if __name__ == "__main__":
    sys.exit(main())
