"""Per-record comparison features, computed once so that scoring a pair is cheap.

Scoring touches each record hundreds of times in a large batch; normalizing titles or parsing authors
on every comparison would dominate the run time, so everything a comparison needs is prepared here.
"""

from __future__ import annotations

import re
import sys
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from osteodigest.crawler.dedup import normalize as n
from osteodigest.crawler.dedup.kinds import is_marked_retracted, notice_target_title, record_kind
from osteodigest.crawler.models import NOTICE_KINDS, Record

_TRANSLATION_TAG = re.compile(
    r"[\[(]\s*(?:article\s+in\s+\w+|in\s+\w+|(?:"
    + n._LANGS
    + r")(?:[\s,/&]+(?:and\s+)?(?:"
    + n._LANGS
    + r"))*(?:\s+abstract)?)\s*[\])][\s.]*$",
    re.I,
)


# A reply or comment titled after the article it answers: "<title> - Reply", "<title> AUTHORS REPLY",
# "<title> Editorial Comment", "<title>: Correction to Lee et al. (2014)", "Comment on: <title>".
_REPLY = re.compile(
    r"(?:\b(?:in\s+)?reply|\bresponse|\bauthors?'?\s+reply|\beditorial\s+comment|\bcommentary|"
    r"\bcomment|\brejoinder|\bauthor\s+response)\s*[.:]?\s*$"
    r"|^\s*(?:comment(?:ary)?\s+on|re)\s*[:\-]|^\s*(?:in\s+)?(?:response|reply)\s+to\b"
    r"|\bletters?\s+to\s+(?:the\s+)?editor\b"
    r"|\bcorrection\s+to\b",
    re.I,
)
# "Title in English [Original title in another language]".
_BRACKETED_ORIGINAL = re.compile(r"\[[^\[\]]*\s[^\[\]]*\s[^\[\]]*\][\s.]*$")


#: The one empty set every record without title numbers points to: a batch holds
#: hundreds of thousands of features, and each empty ``frozenset()`` is a 216-byte object of its own.
_EMPTY: frozenset[str] = frozenset()


@dataclass(slots=True)
class Features:
    """What the scorer needs to know about one record, normalized.

    Held for every record of a batch while it is clustered, so it is kept compact: no field the
    scorer can derive cheaply (``title_compact``), shared empty sets, interned name parts.
    """

    doi: str | None  # the first DOI of the record
    #: Every DOI the record carries (a field may hold print and online DOIs), each once, first one first.
    #: A tuple: a frozenset of one DOI is 216 bytes, this 48 (most records carry one DOI, some none).
    dois: tuple[str, ...]
    cochrane: str | None  # Cochrane review number, shared by every version of the review
    pmid: str | None
    pmcid: str | None
    kind: str
    notice: bool
    preprint: bool
    retracted: bool
    title: str  # title key (folded, punctuation collapsed)
    title_numbers: frozenset[str]
    translated: bool
    reply: bool  # titled as a reply/comment to another article
    target_title: str  # for notices: the title of the article the notice names
    year: int | None
    authors: tuple[tuple[str, str], ...]
    journal: tuple[str, ...]
    issn: tuple[str, ...]  # sorted
    volume: str | None
    issue: str | None
    pages: tuple[str, str] | None
    container_tokens: tuple[str, ...]  # booktitle / proceedings name words, for conference papers
    relations: tuple[tuple[str, str, str], ...]
    published: str | None

    @property
    def title_compact(self) -> str:
        """The title key without spaces: the exact-match blocking key and the sorted-neighbourhood
        order. Derived on use (only blocking reads it) rather than held twice per record."""
        return self.title.replace(" ", "")


#: Features of the records prepared most recently, by record content (least recently used dropped
#: first). Bounded small: a cache entry holds the whole record (its abstract too), and the hits that
#: matter are near in time (a record prepared for its keys and again for its decision, the stored
#: records of the works a batch's records are compared with).
_CACHE: OrderedDict[Record, Features] = OrderedDict()
_CACHE_SIZE = 2048


def prepare(record: Record, *, cached: bool = True, shared: dict[Any, Any] | None = None) -> Features:
    """Normalize one record into :class:`Features`, memoised by record content unless ``cached`` is
    False (a caller preparing each record once, such as the ``dedup`` command, would only fill memory).

    ``shared`` is a batch's table of the values its features hold (author names, author lists, page
    ranges, years, dates, title numbers): a value equal to one already in the table is replaced by that
    one, so a batch holds each once. Worth it where a batch is held whole and repeats itself: the
    100,000 records of ``benchmarks/dedup.py --memory`` name about 620,000 authors, 116,000 distinct
    (its 220 MB peak fell to 162 MB with the sorted-neighbourhood change in blocking), while the 20,788
    records of one PubMed update file repeat little (1,611 bytes of features a record without the
    table, 1,541 with it). The caller drops the table once the batch is read; the features are equal
    either way.

    The incremental path prepares the same stored records again and again (every new record that
    shares a key with a work re-reads that work's records), so features are cached; records are
    frozen and hashable, and ``extra`` is left out of equality only where it does not matter here
    (``booktitle``/``entrytype`` come from CSV/RIS input, which is never compared across runs).
    """
    share = _as_is if shared is None else _keeper(shared)
    if not cached:
        return _prepare(record, share)
    try:
        features = _CACHE[record]
    except KeyError:
        pass
    except TypeError:  # an unhashable value slipped into a tuple field
        return _prepare(record, share)
    else:
        _CACHE.move_to_end(record)
        return features
    features = _prepare(record, share)
    _CACHE[record] = features
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return features


def _as_is(value: Any) -> Any:
    """The value itself: sharing with no batch table."""
    return value


def _keeper(shared: dict[Any, Any]) -> Callable[[Any], Any]:
    """The batch table's copy of a value, the value itself when it is the first of its kind."""

    def share(value: Any) -> Any:
        return shared.setdefault(value, value)

    return share


def _prepare(record: Record, share: Callable[[Any], Any]) -> Features:
    kind = record_kind(record)
    raw_title = record.title or ""
    cleaned = n.clean_title(raw_title)
    key = n.simple_key(n._THOUSANDS.sub("", cleaned))
    stripped = raw_title.strip()
    translated = (
        n.is_bracketed_translation(raw_title)
        or bool(_TRANSLATION_TAG.search(stripped))
        or bool(_BRACKETED_ORIGINAL.search(stripped))
    )
    target = ""
    if kind in NOTICE_KINDS:
        target = n.title_key(notice_target_title(n.strip_markup(raw_title)))
    # Surnames and initials recur across records (Wang, Smith; "j", "jm"): one string each.
    authors = tuple(
        share(pair)
        for pair in ((sys.intern(name), sys.intern(given)) for name, given in n.author_keys(record.authors))
    )
    authors = share(authors) if authors else ()
    issns = tuple(sorted({sys.intern(i) for i in (n.norm_issn(x) for x in record.issn) if i}))
    issns = share(issns) if issns else ()
    relations = []
    for rel in record.relations:
        if rel.id_type == "doi":
            rid = n.norm_doi(rel.id)
        elif rel.id_type == "pmid":
            rid = n.norm_pmid(rel.id)
        elif rel.id_type == "pmcid":
            rid = n.norm_pmcid(rel.id)
        else:
            rid = rel.id
        if rid:
            relations.append((rel.type, rel.id_type, rid))
    journal = n.journal_tokens(record.journal) or n.journal_tokens(record.journal_abbrev)
    dois = n.norm_dois(record.doi)
    # Cochrane reviews: the review number in the DOI (10.1002/14651858.CD006828.pub2) or, for records
    # of the Cochrane Database without a DOI, in the page field ("CD006828").
    cochrane = next((n.cochrane_id(d) for d in dois if "14651858." in d), None)
    if cochrane is None and "cochrane" in journal:
        cochrane = n.cochrane_id(record.pages)
    pages = n.norm_pages(record.pages)
    if pages is not None:
        first, last = share(pages[0]), share(pages[1])
        pages = share((first, last))
    numbers = n.title_numbers(key)
    year = n.year_of(record.published)
    published = record.published
    return Features(
        doi=dois[0] if dois else None,
        dois=dois,  # norm_dois gives each once, first one first
        cochrane=cochrane,
        pmid=n.norm_pmid(record.pmid),
        pmcid=n.norm_pmcid(record.pmcid),
        kind=kind,
        notice=kind in NOTICE_KINDS,
        preprint=kind == "preprint",
        retracted=is_marked_retracted(record),
        title=key,
        title_numbers=share(numbers) if numbers else _EMPTY,
        translated=translated,
        reply=bool(_REPLY.search(cleaned)) if cleaned else False,
        target_title=target,
        year=year if year is None else share(year),
        authors=authors,
        journal=journal,
        issn=issns,
        volume=_interned(n.norm_volume(record.volume)),
        issue=_interned(n.norm_issue(record.issue)),
        pages=pages,
        container_tokens=n.journal_tokens(str(record.extra.get("booktitle") or "") or None),
        relations=tuple(relations),
        published=share(published) if published else published,
    )


def common_dois(a: Features, b: Features) -> list[str]:
    """The DOIs both records carry (in ``a``'s order)."""
    return [doi for doi in a.dois if doi in b.dois]


def _interned(value: str | None) -> str | None:
    """Volume and issue numbers repeat across a batch ("12", "3"): one string each."""
    return sys.intern(value) if value else value
