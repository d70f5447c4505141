"""Candidate generation: which pairs are worth scoring.

Scoring every pair is quadratic; blocking keys bring candidates together in near-linear time. The
same keys serve the incremental path: the store indexes each work under the keys of its records
(``work_keys``), so a new record finds its candidates by key look-ups instead of a rescan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from osteodigest.crawler.dedup.features import Features

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "and",
        "or",
        "for",
        "to",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "its",
        "their",
        "this",
        "that",
        "into",
        "after",
        "before",
        "between",
        "during",
        "among",
        "via",
        "versus",
        "vs",
    ]
)

#: Blocks larger than this are not expanded pairwise in batch mode; their members are compared only
#: within a sorted window, which keeps a common key ("wang|2020") from turning quadratic.
MAX_BLOCK = 60
WINDOW = 6


def _significant(title: str) -> list[str]:
    return [w for w in title.split() if w not in _STOP and len(w) > 1]


def keys_for(f: Features) -> list[str]:
    """Blocking keys of one prepared record; see :func:`crawler.dedup.match_keys`."""
    keys: list[str] = []
    for doi in sorted(f.dois):
        keys.append(f"doi:{doi}")
    if f.cochrane:
        keys.append(f"cochrane:{f.cochrane}")
    if f.pmid:
        keys.append(f"pmid:{f.pmid}")
    if f.pmcid:
        keys.append(f"pmcid:{f.pmcid}")
    for _type, id_type, rid in f.relations:
        if id_type in ("doi", "pmid", "pmcid"):
            keys.append(f"{id_type}:{rid}")
    for title in {f.title, f.target_title} - {""}:
        compact = title.replace(" ", "")
        if len(compact) >= 8:
            keys.append(f"t:{compact[:160]}")
        words = _significant(title)
        if len(words) >= 4:
            # Similarity index: a title cut short keeps its head, one with a prefix added keeps its tail.
            keys.append("tp:" + " ".join(words[:4]))
            keys.append("ts:" + " ".join(words[-4:]))
    if f.authors and f.year:
        keys.append(f"ay:{f.authors[0][0]}|{f.year}")
    if f.pages and f.volume:
        keys.append(f"vp:{f.year or ''}|{f.volume}|{f.pages[0]}")
        for issn in sorted(f.issn):
            keys.append(f"ivp:{issn}|{f.volume}|{f.pages[0]}")
    return list(dict.fromkeys(keys))


def candidate_pairs(features: list[Features], keys: list[list[str]] | None = None) -> set[tuple[int, int]]:
    """Pairs (i < j) that share a blocking key or sit close in title order (sorted neighbourhood)."""
    if keys is None:
        keys = [keys_for(f) for f in features]
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, record_keys in enumerate(keys):
        for key in record_keys:
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) <= MAX_BLOCK:
            _all_pairs(members, pairs)
        else:
            ordered = sorted(members, key=lambda i: features[i].title_compact)
            _window_pairs(ordered, WINDOW, pairs)
    # Sorted neighbourhood on the title and on the reversed title: typos near either end still leave
    # the records adjacent in one of the two orders.
    with_title = [i for i, f in enumerate(features) if f.title_compact]
    _window_pairs(sorted(with_title, key=lambda i: features[i].title_compact), WINDOW, pairs)
    _window_pairs(sorted(with_title, key=lambda i: features[i].title_compact[::-1]), WINDOW, pairs)
    return pairs


def _all_pairs(members: list[int], pairs: set[tuple[int, int]]) -> None:
    for x in range(len(members)):
        a = members[x]
        for y in range(x + 1, len(members)):
            b = members[y]
            pairs.add((a, b) if a < b else (b, a))


def _window_pairs(ordered: Iterable[int], window: int, pairs: set[tuple[int, int]]) -> None:
    ordered = list(ordered)
    for x, a in enumerate(ordered):
        for b in ordered[x + 1 : x + 1 + window]:
            if a != b:
                pairs.add((a, b) if a < b else (b, a))
