"""Candidate generation: which pairs are worth scoring.

Scoring every pair is quadratic; blocking keys bring candidates together in near-linear time. The
same keys serve the incremental path: the store indexes each work under the keys of its records
(``work_keys``), so a new record finds its candidates by key look-ups instead of a rescan.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterator

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


#: A (key, record) entry of the blocking index is one 64-bit integer: a stable 38-bit digest of the key
#: above the record's index (26 bits: 67 million records). Two keys sharing a digest only make a few
#: more pairs to score, never a merge the scorer would not make.
_INDEX_BITS = 26
_DIGEST_BITS = 64 - _INDEX_BITS
_INDEX_MASK = (1 << _INDEX_BITS) - 1
MAX_RECORDS = 1 << _INDEX_BITS


def _digest(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()) >> _INDEX_BITS


def candidate_pairs(features: list[Features]) -> Iterator[tuple[int, int]]:
    """Pairs (i < j), each once and in order, that share a blocking key or sit close in title order
    (sorted neighbourhood).

    Held compactly, since a batch may hold hundreds of thousands of records: each record's keys are
    made when needed and kept as one 64-bit entry per key in typed arrays, bucketed by the key's
    digest so that each bucket is sorted alone (a key's records then sit together) and only one
    bucket is ever a Python list; the pairs found are kept as one 64-bit integer each (:class:`_Pairs`).
    """
    if len(features) > MAX_RECORDS:
        raise ValueError(f"at most {MAX_RECORDS} records can be clustered at once")
    entries = [array("Q") for _ in range(1 << _BUCKET_BITS)]
    for index, feature in enumerate(features):
        for key in keys_for(feature):
            digest = _digest(key)
            entries[digest >> (_DIGEST_BITS - _BUCKET_BITS)].append((digest << _INDEX_BITS) | index)
    pairs = _Pairs(len(features))
    for number in range(len(entries)):
        ordered = sorted(entries[number])
        entries[number] = array("Q")
        start = 0
        while start < len(ordered):
            digest = ordered[start] >> _INDEX_BITS
            end = start + 1
            while end < len(ordered) and ordered[end] >> _INDEX_BITS == digest:
                end += 1
            if end - start > 1:
                members = list(dict.fromkeys(entry & _INDEX_MASK for entry in ordered[start:end]))
                if len(members) <= MAX_BLOCK:
                    _all_pairs(members, pairs)
                else:
                    _window_pairs(sorted(members, key=lambda i: features[i].title_compact), WINDOW, pairs)
            start = end
    del entries
    # Sorted neighbourhood on the title and on the reversed title: typos near either end still leave
    # the records adjacent in one of the two orders.
    with_title = [i for i, f in enumerate(features) if f.title_compact]
    _window_pairs(title_order(with_title, features, reverse=False), WINDOW, pairs)
    _window_pairs(title_order(with_title, features, reverse=True), WINDOW, pairs)
    del with_title
    yield from pairs.drain()


#: Characters of the compact title that :func:`title_order` sorts by first.
_PREFIX = 12


def title_order(indexes: list[int], features: list[Features], reverse: bool) -> list[int]:
    """``indexes`` stably sorted by compact title (read backwards with ``reverse``): exactly
    ``sorted(indexes, key=lambda i: features[i].title_compact)`` (or ``[::-1]``), built with less memory.

    Why: a sort key is held for every item until the sort ends, and the whole title of each of 100,000
    records was the peak of a ``dedup`` run. Sorting by the first :data:`_PREFIX` characters orders all
    but the records whose titles share that prefix; each run of those is then sorted by the whole
    title. Both sorts are stable, so ties keep input order, as one sort by the whole title would.
    """
    if reverse:
        order = sorted(indexes, key=lambda i: features[i].title_compact[-_PREFIX:][::-1])
        whole = _reversed_title
    else:
        order = sorted(indexes, key=lambda i: features[i].title_compact[:_PREFIX])
        whole = _title
    start = 0
    while start < len(order):
        head = whole(features[order[start]])[:_PREFIX]
        end = start + 1
        while end < len(order) and whole(features[order[end]])[:_PREFIX] == head:
            end += 1
        if end - start > 1:
            order[start:end] = sorted(order[start:end], key=lambda i: whole(features[i]))
        start = end
    return order


def _title(f: Features) -> str:
    return f.title_compact


def _reversed_title(f: Features) -> str:
    return f.title_compact[::-1]


#: Keys' entries and pairs are split over 2**_BUCKET_BITS typed arrays each.
_BUCKET_BITS = 8


class _Pairs:
    """A set of pairs (a < b) held as 64-bit integers ``a << 26 | b`` in typed arrays, bucketed by
    ``a``: 8 bytes a pair instead of a set entry and an int object (about 70 bytes).

    Pairs are appended as found (a pair of duplicates shares many keys, so it is found many times);
    a bucket is de-duplicated whenever it has doubled since it last was, which bounds the repeats held,
    and :meth:`drain` sorts one bucket at a time, so the pairs come out in order.
    """

    def __init__(self, records: int) -> None:
        self._shift = max(0, (records - 1).bit_length() - _BUCKET_BITS)
        count = ((records - 1) >> self._shift) + 1 if records else 0
        self._buckets = [array("Q") for _ in range(count)]
        self._limits = [_SLACK] * count

    def add(self, a: int, b: int) -> None:
        if a > b:
            a, b = b, a
        number = a >> self._shift
        bucket = self._buckets[number]
        bucket.append((a << _INDEX_BITS) | b)
        if len(bucket) > self._limits[number]:
            unique = array("Q", set(bucket))
            self._buckets[number] = unique
            self._limits[number] = 2 * len(unique) + _SLACK

    def drain(self) -> Iterator[tuple[int, int]]:
        """Every distinct pair once, in (a, b) order; each bucket is released as it is read."""
        for number, bucket in enumerate(self._buckets):
            self._buckets[number] = array("Q")
            for pair in sorted(set(bucket)):
                yield pair >> _INDEX_BITS, pair & _INDEX_MASK


#: Repeated pairs a bucket may gather beyond twice its distinct ones before it is de-duplicated.
_SLACK = 4096


def _all_pairs(members: list[int], pairs: _Pairs) -> None:
    for x in range(len(members)):
        a = members[x]
        for y in range(x + 1, len(members)):
            pairs.add(a, members[y])


def _window_pairs(ordered: list[int], window: int, pairs: _Pairs) -> None:
    for x, a in enumerate(ordered):
        for b in ordered[x + 1 : x + 1 + window]:
            if a != b:
                pairs.add(a, b)
