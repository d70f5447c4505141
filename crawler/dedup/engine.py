"""The dedup engine's public operations: batch clustering and incremental decisions.

Both paths use the same features, keys and pair rules, so a bibliography deduplicated in one batch
and the same records fed one by one into the store end up in the same works.
"""

from __future__ import annotations

import gc
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from osteodigest.crawler.dedup.blocking import candidate_pairs, keys_for
from osteodigest.crawler.dedup.cluster import ConstrainedUnionFind
from osteodigest.crawler.dedup.features import Features, prepare
from osteodigest.crawler.dedup.scoring import NOTICE, PREPRINT, SAME, VERSION, compare, hard_conflict
from osteodigest.crawler.models import Record

#: Edge type of a notice, by notice kind.
NOTICE_EDGE = {"erratum": "corrects", "retraction": "retracts", "expression_of_concern": "concern_for"}
#: Flag the concerned article (work) carries, by edge type.
EDGE_FLAG = {"corrects": "corrected", "retracts": "retracted", "concern_for": "concern"}
#: Reverse edge types (article → notice) and the flag each gives the article.
REVERSE_EDGE = {"corrects": "corrected_by", "retracts": "retracted_by", "concern_for": "concern_by"}
REVERSE_FLAG = {"corrected_by": "corrected", "retracted_by": "retracted", "concern_by": "concern"}


@dataclass(slots=True)
class DedupResult:
    """Outcome of :func:`cluster_records`.

    ``cluster_ids[i]`` is the cluster of input ``i`` (the smallest input index in it). ``edges`` are
    typed links ``(notice index, type, article index)`` with type ``corrects``/``retracts``/
    ``concern_for``; ``preprints`` are ``(preprint index, published index)`` pairs inside one cluster;
    ``versions`` are ``(newer index, earlier index)`` pairs of a Cochrane review's versions, which
    stay two clusters; ``flags`` maps a cluster id to the status flags its work should carry
    (``retracted``, ``corrected``, ``published``, ``updated``); ``merges`` (with ``explain``) lists
    ``(i, j, reason)`` per union.
    """

    cluster_ids: list[int]
    kinds: list[str]
    edges: list[tuple[int, str, int]] = field(default_factory=list)
    preprints: list[tuple[int, int]] = field(default_factory=list)
    versions: list[tuple[int, int]] = field(default_factory=list)
    flags: dict[int, set[str]] = field(default_factory=dict)
    merges: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Decision:
    """Outcome of :func:`decide` for one new record.

    ``action``: ``join`` (same work as ``work_id``), ``preprint`` (a new work, another version of
    ``work_id``: ``relation`` is ``preprint_of`` when the new record is the preprint of ``work_id``'s
    article, ``has_preprint`` when it is the journal version of ``work_id``'s preprint), ``notice`` (a new
    work that ``relation`` — corrects/retracts/concern_for — the article work ``work_id``), ``version`` (a
    new work, another version of the Cochrane review ``work_id``: ``relation`` is ``updates`` when the new
    record is the later one, ``updated_by`` when it is the earlier; the earlier work gains ``updated``)
    or ``new``. ``links`` are further typed edges from the new record's work to other works, e.g.
    ``("corrected_by", 7)`` when its erratum is already stored, or ``("preprint_of", 9)`` when a preprint
    joining its own work finds its journal version in work 9. ``flags`` are the status flags the affected
    work gains (``retracted``, ``corrected``, ``updated`` …): ``work_id``'s for ``join``/``notice``, for
    ``version`` the earlier version's (``updated``) and the new record's own (the others), and for
    ``preprint`` and ``new`` the new record's own work (a record marked retracted, or whose notice is
    stored). Whether a preprint is ``published`` follows from its ``preprint_of``/``has_preprint`` link,
    which the store turns into the preprint work's flag.
    """

    action: str
    work_id: int | None
    reason: str
    relation: str | None = None
    links: tuple[tuple[str, int], ...] = ()
    flags: tuple[str, ...] = ()


def match_keys(record: Record) -> list[str]:
    """Blocking keys a record is indexed under (``doi:…``, ``pmid:…``, ``t:…``, ``ay:…``, ``vp:…`` …)."""
    return keys_for(prepare(record))


def cluster_records(records: Sequence[Record], explain: bool = False) -> DedupResult:
    """Cluster a batch of records into works, linking notices and preprints instead of losing them."""
    features = [prepare(r) for r in records]
    return cluster_features(features, explain=explain)


def cluster_features(features: list[Features], explain: bool = False) -> DedupResult:
    """:func:`cluster_records` on already prepared features (the CLI prepares while reading).

    The cyclic garbage collector is paused meanwhile: the pass allocates millions of short-lived
    tuples but creates no cycles, and full collections over a large batch would cost more than the
    clustering itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _cluster(features, explain)
    finally:
        if enabled:
            gc.enable()


def _cluster(features: list[Features], explain: bool) -> DedupResult:
    # Matched pairs are the bulk of what the pass holds besides the features: one 64-bit integer each
    # in a typed array per score (scores take few distinct values), the reason left out (``explain``
    # asks the scorer again for the pairs that are merged).
    same: dict[float, array[int]] = {}
    notices: list[tuple[int, int]] = []
    preprint_pairs: list[tuple[float, int, int]] = []
    versions: list[tuple[int, int]] = []
    for i, j in candidate_pairs(features):
        verdict = compare(features[i], features[j])
        if verdict.relation == SAME:
            same.setdefault(verdict.score, array("Q")).append((i << 32) | j)
        elif verdict.relation == NOTICE:
            notices.append((i, j) if features[i].notice else (j, i))
        elif verdict.relation == PREPRINT:
            preprint_pairs.append((verdict.score, i, j))
        elif verdict.relation == VERSION:
            versions.append((i, j) if is_newer(features[i], features[j]) else (j, i))
    uf = ConstrainedUnionFind(features)
    merges: list[tuple[int, int, str]] = []
    # Strongest first, ties in (i, j) order (the order pairs arrive in).
    for score in sorted(same, reverse=True):
        for packed in same.pop(score):
            i, j = packed >> 32, packed & 0xFFFFFFFF
            if uf.find(i) != uf.find(j) and uf.union(i, j) and explain:
                merges.append((i, j, compare(features[i], features[j]).reason))
    preprints: list[tuple[int, int]] = []
    preprint_pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _score, i, j in preprint_pairs:
        pre, pub = (i, j) if features[i].preprint else (j, i)
        if _cluster_has_version(uf, pre, pub):
            continue
        if uf.union(i, j):
            preprints.append((pre, pub))
            if explain:
                merges.append((i, j, compare(features[i], features[j]).reason))
    labels = uf.labels()
    flags: dict[int, set[str]] = {}
    for _pre, pub in preprints:
        flags.setdefault(labels[pub], set()).add("published")
    for _newer, earlier in versions:
        flags.setdefault(labels[earlier], set()).add("updated")
    edges: list[tuple[int, str, int]] = []
    seen_edges: set[tuple[int, str, int]] = set()
    for notice, article in sorted(notices):
        edge_type = NOTICE_EDGE[features[notice].kind]
        key = (labels[notice], edge_type, labels[article])
        if key in seen_edges:
            continue
        seen_edges.add(key)
        edges.append((notice, edge_type, article))
        flags.setdefault(labels[article], set()).add(EDGE_FLAG[edge_type])
    for i, f in enumerate(features):
        if f.retracted and not f.notice:
            flags.setdefault(labels[i], set()).add("retracted")
    return DedupResult(
        cluster_ids=labels,
        kinds=[f.kind for f in features],
        edges=edges,
        preprints=preprints,
        versions=versions,
        flags=flags,
        merges=merges,
    )


def _cluster_has_version(uf: ConstrainedUnionFind, pre: int, pub: int) -> bool:
    """True when the published record's cluster already holds a preprint with another DOI."""
    feats = uf.features
    pre_dois = feats[pre].dois
    for m in uf.members(uf.find(pub)):
        if feats[m].preprint and feats[m].dois and pre_dois and not any(d in pre_dois for d in feats[m].dois):
            return True
    return False


def decide(record: Record, candidates: Sequence[tuple[int, Sequence[Record]]]) -> Decision:
    """Where a new record belongs, given the candidate works fetched by its :func:`match_keys`.

    Never joins a work holding a different DOI or PMID, never joins a notice with an article (a notice
    becomes its own work linked to the article's) and never a preprint with its journal article: each
    is a work of its own, linked, so that the article reaches readers as news. (The batch path,
    :func:`cluster_records`, answers another question — which records report the same study, for a
    bibliography — and keeps a preprint and its article in one cluster.)
    """
    new = prepare(record)
    #: (score, work id, reason) of the best work holding the same version, and of the best work holding
    #: the other version (the journal article of a preprint, or the preprint of an article).
    same: tuple[float, int, str] | None = None
    other_version: tuple[float, int, str] | None = None
    notice_target: tuple[float, int, str] | None = None
    #: (work id, reason, whether the new record is the later version) of another version of a review.
    version_of: tuple[int, str, bool] | None = None
    links: list[tuple[str, int]] = []
    for work_id, work_records in candidates:
        feats = [prepare(r) for r in work_records]
        verdicts = [compare(new, f) for f in feats]
        blocked = next((why for f in feats if (why := hard_conflict(new, f))), None)
        for f, verdict in zip(feats, verdicts, strict=True):
            if verdict.relation == NOTICE:
                if new.notice:
                    if notice_target is None or verdict.score > notice_target[0]:
                        notice_target = (verdict.score, work_id, verdict.reason)
                else:
                    links.append((REVERSE_EDGE[NOTICE_EDGE[f.kind]], work_id))
                break
        if blocked and not any(v.relation == PREPRINT for v in verdicts):
            continue
        for f, verdict in zip(feats, verdicts, strict=True):
            if verdict.relation == VERSION and version_of is None:
                version_of = (work_id, verdict.reason, is_newer(new, f))
            if verdict.relation == SAME and not blocked and (same is None or verdict.score > same[0]):
                same = (verdict.score, work_id, verdict.reason)
            if verdict.relation == PREPRINT and (other_version is None or verdict.score > other_version[0]):
                if blocked and "DOI" not in blocked:
                    continue
                other_version = (verdict.score, work_id, verdict.reason)
    # The new record's own status: marked retracted, or its notices already stored.
    own = (["retracted"] if new.retracted else []) + [REVERSE_FLAG[link] for link, _ in links]
    # A preprint and its journal article are two works, linked: the article is news to every reader.
    preprint_relation = "preprint_of" if new.preprint else "has_preprint"
    if same is not None:
        _score, work_id, reason = same
        if other_version is not None and other_version[1] != work_id:
            links.append((preprint_relation, other_version[1]))
        return Decision("join", work_id, reason, None, _unique_links(links), _unique(own))
    if other_version is not None:
        _score, work_id, reason = other_version
        return Decision("preprint", work_id, reason, preprint_relation, _unique_links(links), _unique(own))
    found = _unique_links(links)
    if notice_target is not None:
        edge = NOTICE_EDGE[new.kind]
        return Decision("notice", notice_target[1], notice_target[2], edge, found, (EDGE_FLAG[edge],))
    if version_of is not None:
        work_id, reason, newer = version_of
        relation = "updates" if newer else "updated_by"
        return Decision("version", work_id, reason, relation, found, _unique(["updated", *own]))
    return Decision("new", None, "no matching work", None, found, _unique(own))


def _unique_links(links: list[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple(dict.fromkeys(links))


def _unique(flags: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(flags))


def is_newer(a: Features, b: Features) -> bool:
    """Whether ``a`` is the later version of a Cochrane review than ``b``: a later year, or in one year
    the DOI with the higher ``.pubN`` (the first version has none)."""
    return (a.year or 0, _pub_number(a)) > (b.year or 0, _pub_number(b))


def _pub_number(f: Features) -> int:
    numbers = [int(m.group(1)) for d in f.dois if (m := _PUB.search(d))]
    return max(numbers, default=1 if f.dois else 0)


_PUB = re.compile(r"\.pub(\d+)$")
