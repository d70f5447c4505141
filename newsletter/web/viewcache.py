"""Recently loaded editions, kept for a few minutes so that paging through a long one is quick.

Loading an edition builds every item (a 20,000-work first edition takes seconds), and each page of its
web view needs the whole list to know where the page starts. Keeping the last few loaded editions for
``ttl`` seconds makes the next page cost only its own rendering. Bounded by items, not editions, so a
few huge editions cannot fill the memory; a status change (a retraction) shows within ``ttl``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from osteodigest.newsletter.render import EditionView

#: Items kept in all, across editions (about 3 KB each with their abstracts).
MAX_ITEMS = 30_000
TTL = 300.0


class EditionViewCache:
    """Least recently used first out, each entry valid for ``ttl`` seconds; safe across threads."""

    def __init__(
        self, max_items: int = MAX_ITEMS, ttl: float = TTL, clock: Callable[[], float] = time.monotonic
    ):
        self.max_items = max_items
        self.ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._views: OrderedDict[Hashable, tuple[float, EditionView]] = OrderedDict()

    def get(self, key: Hashable, load: Callable[[], EditionView]) -> EditionView:
        """The view kept under ``key`` while fresh, else ``load()`` (outside the lock), kept if it fits."""
        now = self._clock()
        with self._lock:
            found = self._views.get(key)
            if found and now - found[0] < self.ttl:
                self._views.move_to_end(key)
                return found[1]
        view = load()
        if len(view.entries) <= self.max_items:
            with self._lock:
                self._views[key] = (now, view)
                self._views.move_to_end(key)
                while sum(len(v.entries) for _, v in self._views.values()) > self.max_items:
                    self._views.popitem(last=False)
        return view
