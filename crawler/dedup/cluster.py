"""Constrained clustering: union of matched pairs that refuses forbidden merges.

Plain connected components let one wrong link chain two distinct works together. Here pairs are
applied strongest first, and a union is refused when any record of one cluster has a hard conflict
with any record of the other (two DOIs, two PMIDs, a notice with an article, different pages).
"""

from __future__ import annotations

from osteodigest.crawler.dedup.features import Features
from osteodigest.crawler.dedup.scoring import hard_conflict

#: Above this many cross pairs, only identifier and kind constraints are checked (they are kept per
#: cluster), so a pathological giant cluster cannot make a union quadratic.
_MAX_CROSS = 2500


class ConstrainedUnionFind:
    """Union-find whose unions are vetoed by :func:`hard_conflict` across the two clusters."""

    def __init__(self, features: list[Features]) -> None:
        self.features = features
        self.parent = list(range(len(features)))
        #: Members of each cluster of two or more, by root; a record alone has no entry (most records
        #: of a batch stay alone, and a one-item list each would cost about 100 bytes a record).
        self._members: dict[int, list[int]] = {}

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def members(self, root: int) -> list[int]:
        """The records of the cluster whose root is ``root``."""
        return self._members.get(root) or [root]

    def conflict(self, i: int, j: int) -> str | None:
        """Why the clusters of ``i`` and ``j`` cannot be joined, or None."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return None
        ma, mb = self.members(ri), self.members(rj)
        feats = self.features
        if len(ma) * len(mb) > _MAX_CROSS:
            ma, mb = ma[:50], mb[:50]
        for x in ma:
            fx = feats[x]
            for y in mb:
                why = hard_conflict(fx, feats[y])
                if why:
                    return why
        return None

    def union(self, i: int, j: int) -> bool:
        """Join the clusters of ``i`` and ``j`` unless that is forbidden; True when joined (or same)."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if self.conflict(ri, rj):
            return False
        if len(self.members(ri)) < len(self.members(rj)):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self._members.setdefault(ri, [ri]).extend(self._members.pop(rj, [rj]))
        return True

    def labels(self) -> list[int]:
        """Cluster label per index: the smallest index in its cluster (stable across runs)."""
        smallest: dict[int, int] = {}
        roots = [self.find(i) for i in range(len(self.parent))]
        for i, root in enumerate(roots):
            smallest.setdefault(root, i)
        return [smallest[r] for r in roots]
