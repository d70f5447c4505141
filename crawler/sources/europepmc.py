"""Europe PMC REST search: one cursor-paged query per topic over the first-index-date window.

Europe PMC adds what PubMed lacks — preprints (``SRC:PPR``), PMC-only and agricultural records — and
``resultType=core`` carries abstracts, publication types and identifiers in the search reply itself, so a
topic costs ceil(hits / pageSize) requests and nothing more. Paging follows the documented cursor
contract: start at ``*``, follow ``nextCursorMark``, and stop when it is missing or comes back unchanged
(Europe PMC echoes the last cursor instead of dropping it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.http import request_checked
from osteodigest.crawler.models import FetchResult, Record, Relation, SetAside
from osteodigest.crawler.sources.base import FetchContext, Window, collect, stream_topic_queries
from osteodigest.crawler.sources.guard import guard_items
from osteodigest.crawler.sources.jsonapi import JSON_HEADERS, decode_json, expect_object
from osteodigest.crawler.sources.markup import flatten_abstract, plain_text
from osteodigest.crawler.textutil import str_or_none

#: commentCorrection ``type`` (MEDLINE wording, lower-cased) -> Relation.type, as in crawler.sources.medline.
_RELATIONS = {
    "erratum for": "corrects",
    "erratum in": "corrected_by",
    "retraction of": "retracts",
    "retraction in": "retracted_by",
    "expression of concern for": "concern_for",
    "expression of concern in": "concern_in",
    "comment on": "comment_on",
    "comment in": "commented_by",
    "update of": "updates",
    "update in": "updated_by",
    "corrected and republished from": "updates",
    "corrected and republished in": "updated_by",
    "retracted and republished from": "retracts",
    "retracted and republished in": "retracted_by",
    "partial retraction of": "corrects",
    "partial retraction in": "corrected_by",
    "republished from": "republished_from",
    "republished in": "republished_in",
    "reprint of": "reprint_of",
    "reprint in": "reprinted_in",
}
#: Where a related id points, by the ``source`` Europe PMC gives it.
_ID_TYPES = {"MED": "pmid", "PMC": "pmcid"}

#: Publication type (lower-cased) -> Record.kind; notices first so they never pass as articles.
_KINDS = (
    ("retraction of publication", "retraction"),
    ("retraction", "retraction"),
    ("expression of concern", "expression_of_concern"),
    ("published erratum", "erratum"),
    ("correction", "erratum"),
    ("preprint", "preprint"),
)


@dataclass
class SearchPage:
    records: list[Record]
    #: Results on the page, including any that could not be turned into Records.
    size: int
    hit_count: int
    next_cursor: str | None
    warnings: list[str] = field(default_factory=list)
    #: Results that could not be read, kept raw (see crawler.sources.guard).
    set_aside: list[SetAside] = field(default_factory=list)


def parse_search(data: bytes, source: str = "europepmc") -> SearchPage:
    """One JSON search reply (``resultType=core``) as Records; an unusable reply raises ParseError."""
    reply = expect_object(decode_json(data, "Europe PMC search"), "Europe PMC search", data)
    if "errCode" in reply or "errMsg" in reply:
        raise ParseError(f"Europe PMC search error: {reply.get('errMsg') or reply.get('errCode')}", raw=data)
    result_list = reply.get("resultList")
    if not isinstance(result_list, dict) or not isinstance(result_list.get("result", []), list):
        raise ParseError("Europe PMC search reply has no resultList", raw=data)
    items = result_list.get("result", [])
    records, set_aside = guard_items(
        items,
        lambda item: parse_result(item, source),
        lambda item: f"Europe PMC result {_item_id(item)}",
        source,
        _source_id,
    )
    hits = reply.get("hitCount")
    return SearchPage(
        records=records,
        size=len(items),
        hit_count=int(hits) if isinstance(hits, int | str) and str(hits).isdigit() else len(records),
        next_cursor=reply.get("nextCursorMark") or None,
        set_aside=set_aside,
    )


def _item_id(item: Any) -> str:
    return f"{item.get('source')}:{item.get('id')}" if isinstance(item, dict) else "?"


def _source_id(item: Any) -> str | None:
    """The id :func:`parse_result` stores an item under (``MED:123``), when the item has one."""
    if not isinstance(item, dict) or not item.get("id"):
        return None
    return f"{item.get('source') or ''}:{item['id']}"


def parse_result(item: dict[str, Any], source: str = "europepmc") -> Record | None:
    """One ``result`` object of a core reply; None when it has neither an id nor a title."""
    src, ident = str(item.get("source") or ""), str(item.get("id") or "")
    title = plain_text(item.get("title"))
    if not ident or not (title or item.get("doi")):
        return None
    abstract, sections = flatten_abstract(item.get("abstractText"))
    journal_info = item.get("journalInfo") or {}
    journal = journal_info.get("journal") or {}
    pub_types = tuple(_list(item, "pubTypeList", "pubType"))
    return Record(
        source=source,
        source_id=f"{src}:{ident}",
        title=title,
        kind="preprint" if src == "PPR" else _kind(pub_types),
        doi=item.get("doi"),
        pmid=item.get("pmid"),
        pmcid=item.get("pmcid"),
        abstract=abstract,
        abstract_sections=sections,
        authors=_authors(item),
        affiliation=item.get("affiliation"),
        journal=journal.get("title") or item.get("journalTitle"),
        journal_abbrev=journal.get("isoabbreviation") or journal.get("medlineAbbreviation"),
        issn=tuple(v for v in (journal.get("issn"), journal.get("essn")) if v),
        volume=str_or_none(journal_info.get("volume") or item.get("journalVolume")),
        issue=str_or_none(journal_info.get("issue") or item.get("issue")),
        pages=str_or_none(item.get("pageInfo")),
        published=item.get("firstPublicationDate")
        or item.get("electronicPublicationDate")
        or journal_info.get("printPublicationDate")
        or str_or_none(item.get("pubYear")),
        entered=item.get("firstIndexDate"),
        publication_status=item.get("publicationStatus"),
        publication_types=pub_types,
        mesh=tuple(
            m["descriptorName"]
            for m in _list(item, "meshHeadingList", "meshHeading")
            if isinstance(m, dict) and m.get("descriptorName")
        ),
        keywords=tuple(_list(item, "keywordList", "keyword")),
        language=item.get("language"),
        url=f"https://europepmc.org/article/{src}/{ident}",
        relations=_relations(item),
        extra={"epmc_source": src, "epmc_id": ident},
    )


def _list(item: dict[str, Any], outer: str, inner: str) -> list[Any]:
    value = (item.get(outer) or {}).get(inner) or []
    return value if isinstance(value, list) else [value]


def _kind(pub_types: tuple[str, ...]) -> str:
    lowered = {t.lower() for t in pub_types}
    for needle, kind in _KINDS:
        if needle in lowered:
            return kind
    return "article"


def _authors(item: dict[str, Any]) -> tuple[str, ...]:
    """ "Surname Initials" from authorList; the flat authorString when the list is absent."""
    authors = []
    for author in _list(item, "authorList", "author"):
        if not isinstance(author, dict):
            continue
        if author.get("lastName"):
            initials = author.get("initials")
            authors.append(f"{author['lastName']} {initials}" if initials else author["lastName"])
        elif author.get("collectiveName") or author.get("fullName"):
            authors.append(author.get("collectiveName") or author["fullName"])
    if not authors and item.get("authorString"):
        authors = [a.strip().rstrip(".") for a in str(item["authorString"]).split(",") if a.strip()]
    return tuple(a for a in authors if a)


def _relations(item: dict[str, Any]) -> tuple[Relation, ...]:
    relations = []
    for entry in _list(item, "commentCorrectionList", "commentCorrection"):
        if not isinstance(entry, dict):
            continue
        relation = _RELATIONS.get(" ".join(str(entry.get("type", "")).lower().split()))
        id_type = _ID_TYPES.get(str(entry.get("source", "")))
        if relation and id_type and entry.get("id"):
            relations.append(Relation(relation, id_type, str(entry["id"])))
    return tuple(relations)


class EuropePMCClient:
    def __init__(self, ctx: FetchContext) -> None:
        self.ctx = ctx
        base = ctx.base_root
        self.url = urljoin(base, "search")
        ctx.session.set_rate(base, float(ctx.config["rate_limit"]))
        self.page_size = int(ctx.config["page_size"])  # 1 to 1000, checked when the config loads
        self.requests = 0

    def pages(self, query: str, window: Window) -> Iterator[SearchPage]:
        """Every page of ``query`` restricted to records first indexed in ``window``."""
        params = {
            "query": f"({query}) AND FIRST_IDATE:[{window.start.isoformat()} TO {window.end.isoformat()}]",
            "resultType": "core",
            "format": "json",
            "pageSize": str(self.page_size),
            "cursorMark": "*",
        }
        while True:
            self.requests += 1
            response = request_checked(self.ctx.session, "GET", self.url, params=params, headers=JSON_HEADERS)
            page = parse_search(response.content, self.ctx.name)
            yield page
            if not page.next_cursor or page.next_cursor == params["cursorMark"] or not page.size:
                return
            params["cursorMark"] = page.next_cursor


def fetch(ctx: FetchContext) -> list[FetchResult]:
    return collect(stream(ctx))


def stream(ctx: FetchContext) -> Iterator[FetchResult]:
    """Each page's records as they arrive, then each topic's last result (see ``stream_topic_queries``)."""
    return stream_topic_queries(ctx, EuropePMCClient(ctx), "search")
