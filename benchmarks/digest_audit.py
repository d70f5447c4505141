"""What a clinician found right and wrong in digest items, and what the tagger shows on them now.

Run from the repository root: ``python benchmarks/digest_audit.py [--list]``.

``benchmarks/gold/digest_audit.jsonl`` holds 240 records of the bulk file (indexing stripped, as the other
benchmarks read it), 80 per split, each drawn in SHA-1 order of the PMID among records with 400 characters
of abstract and at least one key number, estimate or result shown. Readers (helpers briefed as clinical
epidemiologists, given the title, the abstract and the lines an item showed, nothing else) judged every
shown line: the design badge, each key number (a bare count claims the whole study's size), the primary
outcome's estimate and the reported result, as ok, wrong or doubtful, with a reason. What was read when:

* train and dev: shown by the tagger of b1d00ff, before any change of the session of 2026-12-06
  (thirty-first). The train verdicts were read to write the rules for counts of one group of two
  (``key_numbers._one_group_of_two``), both sexes before "(n = …)", "a retrospective review of N patients"
  and the badge's "designs of included studies not stated"; the dev verdicts arrived while those rules were
  written, one of them ("A total of 75 stroke patients …, besides 25 healthy controls") shaped the rule and
  another the rule that a search's identified count is not a review's (``key_numbers._fewer_included_later``),
  so dev is not clean either.
* test: shown by the tagger after those rules and before the one for abstracts of several studies
  (``key_numbers.several_studies``, written from a train and a dev record), read once. Its verdicts were
  seen before that last rule was written, so the test figures printed here for the current tagger are no
  longer clean; the audited figure (as shown at audit time) is.

The script prints the audited figures per split and kind, then re-tags every record and reports, for the
key-number lines, which audited lines are no longer shown (wrong ones dropped or corrected, right ones lost)
and how many shown lines are new and unaudited. A line a verdict was about is found by the words the reader
quoted; where a reader paraphrased, by its kind when the item showed one line of that kind.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter

import design_data
from osteodigest.crawler.tagging import tag_records
from osteodigest.newsletter.items import format_key_numbers, primary_effect, reported_result

AUDIT = design_data.ROOT / "benchmarks" / "gold" / "digest_audit.jsonl"
_ELLIPSIS = re.compile(r"(?:\.\.\.|…).*$")


def shown_lines(record) -> list[list[str]]:
    """The lines an item shows for the record, as the audit listed them."""
    tags = tag_records([record])
    numbers = tags.key_numbers or {}
    lines = [["badge", tags.label]] + [["number", line] for line in format_key_numbers(numbers)]
    effect = primary_effect(numbers.get("effects"))
    if effect:
        lines.append(["effect", effect])
    result = reported_result(numbers.get("effects"), tags.takeaway)
    if result:
        lines.append(["result", result])
    return lines


def verdict_line(verdict: dict, shown: list[list[str]]) -> str | None:
    """The shown line a reader's verdict is about (None when it cannot be told)."""
    quoted = _ELLIPSIS.sub("", verdict["read_as"]).strip().lower()[:25]
    found = [text for _, text in shown if quoted and quoted in text.lower()]
    if not found:
        found = [text for kind, text in shown if kind == verdict["kind"]]
    return found[0] if len(found) == 1 else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", action="store_true", help="print every audited line no longer shown")
    args = parser.parse_args(argv)
    if not design_data.BULK.exists():
        print(f"skipped: {design_data.BULK} is absent (the shared fixtures sit beside the checkout)")
        return 0
    audit = [json.loads(line) for line in AUDIT.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {item["pmid"] for item in audit}
    records = {
        r.pmid: design_data.strip_indexing(r)
        for r in design_data.read_pubmed(design_data.BULK)
        if r.pmid in wanted
    }
    print("\n\n".join(__doc__.split("\n\n")[2:4]))
    for split in ("train", "dev", "test"):
        items = [item for item in audit if item["split"] == split]
        audited: Counter[tuple[str, str]] = Counter()
        gone: Counter[str] = Counter()
        new_lines = changed = 0
        for item in items:
            for verdict in item["verdicts"]:
                audited[verdict["kind"], verdict["verdict"]] += 1
            now = shown_lines(records[item["pmid"]])
            if now == item["shown"]:
                continue
            changed += 1
            now_texts = {text for _, text in now}
            new_lines += sum(1 for line in now if line not in item["shown"])
            for verdict in item["verdicts"]:
                if verdict["kind"] == "badge":
                    continue
                line = verdict_line(verdict, item["shown"])
                if line is not None and line not in now_texts:
                    gone[verdict["verdict"]] += 1
                    if args.list:
                        print(f"  {item['pmid']} [{split}] {verdict['verdict']}: {line!r} no longer shown")
        print(f"\n=== {split}: {len(items)} items")
        for kind in ("badge", "number", "effect", "result"):
            counts = {v: audited[kind, v] for v in ("ok", "wrong", "doubtful")}
            total = sum(counts.values())
            if total:
                share = counts["wrong"] / total
                print(
                    f"  {kind:7} audited {total:3}: ok {counts['ok']:3}, wrong {counts['wrong']:3} "
                    f"({share:.0%}), doubtful {counts['doubtful']:3}"
                )
        print(
            f"  now: {changed} items show other lines; audited number/effect/result lines no longer shown: "
            f"wrong {gone['wrong']}, doubtful {gone['doubtful']}, ok {gone['ok']}; new unaudited lines "
            f"{new_lines} (badges included)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
