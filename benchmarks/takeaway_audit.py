"""What clinicians found right and wrong in digest takeaways, and what the tagger quotes for them now.

Run from the repository root: ``python benchmarks/takeaway_audit.py [--list]``.

``benchmarks/gold/takeaway_audit.jsonl`` holds records of the bulk file (indexing stripped, as the other
benchmarks read them), each with the takeaway an item showed (``newsletter.items.key_finding``; null when it
showed none) and a reader's verdict on it: ok (the abstract's conclusion or main finding, readable on its
own), wrong (background, aim, method, a side result, another study's finding, an empty closing line, cut so
its meaning changes, or none shown where the abstract concludes) or doubtful, with a reason. Readers
(helpers briefed as clinicians, given the title, the abstract and the shown takeaway, nothing else) read each
round once. Records are drawn in SHA-1 order of a round's salt and the PMID among the split's records with
400 characters of abstract or more, test-only sample records left out. What was read when:

* train, round 1 (session of 2026-12-07, forty-fourth): 60 train records (salt "s44tk1:"), shown by the
  tagger of abbb1b2 and read once by three readers: ok 40, wrong 11, doubtful 9. Rules written from it
  (``crawler/tagging/takeaway.py``): an empty closing sentence ("In sum, our analyses provide novel insights
  …", "Further research is needed …") or one that adds to the sentence before it ("Moreover, …", "In this
  context, …", "This could …") is quoted with the finding before it when both fit; a closing "… are
  discussed" is never quoted; "as hypothesized", "allowed the …", "can be used", "had higher …" are weaker
  signs of a finding.
* dev, round 2 and test, round 3 (same session): 60 dev and 45 test records (salts "s44tk2:", "s44tk3:"),
  shown by the tagger of 8210356 (after round 1's rules) and read once by readers not told the split: dev ok
  36, wrong 8 (13%), doubtful 16; test ok 31, wrong 5 (11%), doubtful 9. None of their 105 takeaways is one
  round 1's rules changed (they move about 1.5% of the bulk file's takeaways), so these are the clean figure
  of the takeaway stage, not of the change. The wrong ones: a secondary or side finding quoted (5), none
  shown where the abstract concludes (5, mostly laboratory and chemistry papers whose conclusions use none of
  the finding words), background or scope quoted (2), a vague closing line (1). No rule was written from
  them.
* Not from an audit round: the conclusion section under other names ("AUTHORS' CONCLUSIONS" of Cochrane
  reviews, "DISCUSSION/CONCLUSION", "KEY FINDINGS AND CONCLUSIONS", misspellings), found by listing every
  section label of the bulk file with "conclu" in it that the takeaway did not read (11 train records change,
  all read; no audited takeaway changes).
* train, round 4 (same session): 60 more train records (salt "s44tk4:", none audited before), shown by the
  tagger of 780cbd0 and read once: ok 40, wrong 6 (10%), doubtful 14. One rule written from it: a
  "SIGNIFICANCE" (or implications) section that opens the abstract is its background, and a section named a
  conclusion comes before a summary or significance section; Spine's "SUMMARY OF BACKGROUND DATA" is no
  summary. 20 train and 3 dev takeaways change on the bulk file (the train ones read: the background quoted
  before, the conclusion now, in all but a handful of tool papers); 1 of the 6 wrong ones changes. Left:
  a scope statement quoted for its "should" ("In this perspective, we describe … should possess"), a
  background sentence of a commentary, and a conclusion cut at 400 characters before its bottom line.

The script prints the audited figures per split and round, then re-tags every record and reports how many
audited takeaways now read otherwise, by their verdict (a wrong one changed may be right now, or wrong
another way: ``--list`` prints them to read).
"""

from __future__ import annotations

import sys
from collections import Counter

import design_data
from osteodigest.crawler.models import Work
from osteodigest.crawler.tagging import tag_records
from osteodigest.newsletter.items import key_finding

AUDIT = design_data.ROOT / "benchmarks" / "gold" / "takeaway_audit.jsonl"


def shown_takeaway(record) -> str | None:
    """The takeaway a digest item shows for the record (``newsletter.items.key_finding``)."""
    return key_finding(Work(id=0, records=(record,), first_seen="", tags=tag_records([record])))


def main(argv: list[str] | None = None) -> int:
    started = design_data.audit_command(__doc__, "print every audited takeaway that now differs", AUDIT, argv)
    if started is None:
        return 0
    args, audit, records = started
    rounds: dict[tuple[str, int], list[dict]] = {}
    for item in audit:
        rounds.setdefault((item["split"], item["round"]), []).append(item)
    for (split, number), items in rounds.items():
        verdicts = Counter(item["verdict"] for item in items)
        changed: Counter[str] = Counter()
        listed = []
        for item in items:
            now = shown_takeaway(records[item["pmid"]])
            if now != item["shown"]:
                changed[item["verdict"]] += 1
                listed.append((item, now))
        wrong, share = verdicts["wrong"], verdicts["wrong"] / len(items)
        print(
            f"\n=== {split}, round {number}: {len(items)} items\n"
            f"  audited: ok {verdicts['ok']}, wrong {wrong} ({share:.0%}), doubtful {verdicts['doubtful']}\n"
            f"  now quoted otherwise, by their verdict: wrong {changed['wrong']}, "
            f"doubtful {changed['doubtful']}, ok {changed['ok']}"
        )
        if args.list:
            for item, now in listed:
                print(f"  {item['pmid']} ({item['verdict']}: {item['reason']})")
                print(f"    was: {item['shown']}\n    now: {now}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
