"""Long editions on the web, cut into pages that each stay well under 2 MB of HTML.

A first edition can hold tens of thousands of works (one measured store made a 20,783-item edition: a
19.4 MB page that took seconds to serve and longer to draw on a phone). Pages are cut by an estimate of
each item's HTML size (its text, the whole abstract included, plus the markup around it), so the split is
known without rendering and is the same wherever it is computed: the email's link to an item and the
page that shows it agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from osteodigest.newsletter.items import DigestItem

#: Estimated HTML bytes per page. The estimate errs high (see :func:`item_weight`); 2 MB is the line
#: a page must stay under, so this leaves room for the page's own frame and for estimates that miss.
PAGE_BUDGET = 1_500_000
#: Markup, badges, links and labels around one item's text (measured: about 0.6 KB on the shipped
#: templates), and the topic terms "why you see this" quotes (found later, for one page only).
ITEM_OVERHEAD = 1_300
#: Even tiny items are not listed by the thousand on one page: a phone has to lay them out.
MAX_ITEMS_PER_PAGE = 400

T = TypeVar("T", bound=DigestItem)


def item_weight(item: DigestItem) -> int:
    """An upper estimate of the item's HTML bytes: the UTF-8 size of every text it shows, a tenth more
    for escaping (``&amp;``, ``&lt;`` …), plus the markup. The matched topic terms are left out (in the
    overhead): the email knows them and the web finds them later, and both must cut the same pages."""
    texts = [
        item.title,
        item.headline,
        item.authors,
        item.journal,
        item.journal_full,
        item.key_finding,
        item.effect,
        item.reason,
        *item.topics,
        *item.subtopics,
        *item.sources,
        *item.key_numbers,
        *(label + text for label, text in item.abstract),
    ]
    size = sum(len(text.encode("utf-8")) for text in texts if text)
    return ITEM_OVERHEAD + size + size // 10


def paginate(items: Sequence[T], budget: int = PAGE_BUDGET) -> list[list[T]]:
    """``items`` in order, cut into pages of at most ``budget`` estimated bytes (one item at least)."""
    pages: list[list[T]] = []
    current: list[T] = []
    used = 0
    for item in items:
        weight = item_weight(item)
        if current and (used + weight > budget or len(current) >= MAX_ITEMS_PER_PAGE):
            pages.append(current)
            current, used = [], 0
        current.append(item)
        used += weight
    if current:
        pages.append(current)
    return pages


def page_numbers(items: Sequence[DigestItem], budget: int = PAGE_BUDGET) -> dict[int, int]:
    """Work id -> the page (1-based) of :func:`paginate` that shows it."""
    return {item.work_id: n for n, page in enumerate(paginate(items, budget), start=1) for item in page}
