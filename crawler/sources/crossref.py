"""Crossref REST ``/works``: one relevance-ranked, cursor-paged query per topic over the DOI creation window.

Crossref sees articles the day their DOI is registered — often a week or more before PubMed indexes
them — and covers journals outside MEDLINE. Its search is a relevance ranking, not a boolean filter:
``query.bibliographic`` returns every work that shares any word with the query, best first. So each
item is checked locally (``match_topics``): it is kept when the topic's terms occur in it (the relevance
stage's candidates; whether it is *about* the topic is decided on the stored work, as for every source),
and paging stops at the first page with no such item — past that point the ranking only gets worse — or
at ``max_pages``.

Crossref asks for a ``mailto`` (the "polite pool") and announces its limits in ``x-rate-limit-limit`` /
``x-rate-limit-interval`` headers; the session's rate for the host follows them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin

import requests
from osteodigest.crawler.errors import ParseError
from osteodigest.crawler.http import describe_status, request_checked
from osteodigest.crawler.models import FetchResult, Record, Relation, SetAside
from osteodigest.crawler.sources.base import FetchContext, Window, collect, stream_topic_queries
from osteodigest.crawler.sources.guard import guard_items, still_wanted
from osteodigest.crawler.sources.jsonapi import JSON_HEADERS, decode_json, expect_object
from osteodigest.crawler.sources.markup import flatten_abstract, plain_text
from osteodigest.crawler.textutil import initials, one_line, str_or_none
from osteodigest.crawler.topics import Topic

#: ``relation`` keys kept for deduplication -> Relation.type.
_RELATIONS = {"is-preprint-of": "preprint_of", "has-preprint": "has_preprint"}

#: ``update-to`` types (Crossref's vocabulary, on the notice) -> Relation.type.
_UPDATES = {
    "correction": "corrects",
    "corrigendum": "corrects",
    "erratum": "corrects",
    "addendum": "corrects",
    "clarification": "corrects",
    "partial_retraction": "corrects",
    "retraction": "retracts",
    "withdrawal": "retracts",
    "removal": "retracts",
    "expression_of_concern": "concern_for",
    "new_version": "updates",
    "new_edition": "updates",
}
#: The reverse links carried by the article that was corrected or retracted (``updated-by``).
_UPDATED_BY = {
    "corrects": "corrected_by",
    "retracts": "retracted_by",
    "concern_for": "concern_in",
    "updates": "updated_by",
}
#: A notice's kind by the relation it declares, most serious first when one notice does several things.
_NOTICE_KINDS = (
    ("retracts", "retraction"),
    ("concern_for", "expression_of_concern"),
    ("corrects", "erratum"),
)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$")


@dataclass
class WorksPage:
    #: Every item of the page as a Record (local topic filtering happens in :func:`fetch`).
    records: list[Record]
    #: Items on the page, including any that could not be turned into Records.
    size: int
    total: int
    next_cursor: str | None
    warnings: list[str] = field(default_factory=list)
    #: Items that could not be read, kept raw (see crawler.sources.guard).
    set_aside: list[SetAside] = field(default_factory=list)


def parse_works(data: bytes, source: str = "crossref") -> WorksPage:
    """A ``work-list`` reply (or a single ``work``) as Records; anything else raises ParseError."""
    reply = expect_object(decode_json(data, "Crossref works"), "Crossref works", data)
    if "status" not in reply:
        raise ParseError("Crossref works: reply has no status (not a Crossref API reply?)", raw=data)
    if reply.get("status") != "ok":
        raise ParseError(f"Crossref refused the request: {_failure(reply)}", raw=data)
    message = reply.get("message")
    if reply.get("message-type") == "work" and isinstance(message, dict):
        items, total, cursor = [message], 1, None
    elif isinstance(message, dict) and isinstance(message.get("items"), list):
        items = message["items"]
        total = message["total-results"] if isinstance(message.get("total-results"), int) else len(items)
        cursor = message.get("next-cursor") or None
    else:
        raise ParseError(f"Crossref reply of type {reply.get('message-type')!r} has no items", raw=data)
    records, set_aside = guard_items(
        items,
        lambda item: parse_work(item, source),
        lambda item: f"Crossref work {item.get('DOI') if isinstance(item, dict) else '?'}",
        source,
        lambda item: str(item["DOI"]).lower() if isinstance(item, dict) and item.get("DOI") else None,
    )
    return WorksPage(records=records, size=len(items), total=total, next_cursor=cursor, set_aside=set_aside)


def _failure(reply: dict[str, Any]) -> str:
    """The validation messages of a ``status: failed`` reply, on one line."""
    message = reply.get("message")
    if isinstance(message, list):
        parts = [str(m.get("message") or m.get("type")) for m in message if isinstance(m, dict)]
        if parts:
            return " ".join("; ".join(parts).split())
    return " ".join(str(message or reply.get("message-type") or reply.get("status")).split())[:200]


def parse_work(item: dict[str, Any], source: str = "crossref") -> Record | None:
    """One Crossref work; None when it has no DOI."""
    doi = item.get("DOI")
    if not doi:
        return None
    work_type = str(item.get("type") or "")
    abstract, sections = flatten_abstract(item.get("abstract"))
    relations = _relations(item)
    kind = _notice_kind(relations) or ("preprint" if work_type == "posted-content" else "article")
    extra: dict[str, Any] = {"crossref_type": work_type}
    for key in ("subtype", "publisher"):
        if item.get(key):
            extra[key] = item[key]
    return Record(
        source=source,
        source_id=str(doi).lower(),
        title=_title(item),
        kind=kind,
        doi=doi,
        abstract=abstract,
        abstract_sections=sections,
        authors=_authors(item.get("author") or []),
        affiliation=_first_affiliation(item.get("author") or []),
        journal=_first(item.get("container-title")),
        journal_abbrev=_first(item.get("short-container-title")),
        issn=tuple(dict.fromkeys(item.get("ISSN") or [])),
        volume=str_or_none(item.get("volume")),
        issue=str_or_none(item.get("issue")),
        pages=str_or_none(item.get("page") or item.get("article-number")),
        published=_published(item),
        entered=_date(item.get("created")),
        publication_types=(work_type,) if work_type else (),
        keywords=tuple(item.get("subject") or ()),
        language=item.get("language"),
        url=item.get("URL") or f"https://doi.org/{doi}",
        relations=relations,
        extra=extra,
    )


def _first(values: Any) -> str | None:
    if isinstance(values, list):
        values = next((v for v in values if v), None)
    return (plain_text(values) or None) if isinstance(values, str) else None


def _title(item: dict[str, Any]) -> str:
    title = _first(item.get("title")) or ""
    subtitle = _first(item.get("subtitle"))
    if subtitle and subtitle.lower() not in title.lower():
        title = f"{title.rstrip(':')}: {subtitle}" if title else subtitle
    return title


def _date(value: Any) -> str | None:
    """ISO date from Crossref's ``{"date-parts": [[2021, 3, 5]]}``, as partial as the source is."""
    if not isinstance(value, dict):
        return None
    parts = (value.get("date-parts") or [[None]])[0] or [None]
    if not parts or parts[0] is None:
        return value.get("date-time", "")[:10] or None
    year, month, day = [*list(parts), None, None][:3]
    text = f"{int(year):04d}"
    if month:
        text += f"-{int(month):02d}"
        if day:
            text += f"-{int(day):02d}"
    return text


def _published(item: dict[str, Any]) -> str | None:
    """Crossref's own ``published`` (the earliest of print and online), else the earliest we can see."""
    if published := _date(item.get("published")):
        return published
    dates = [d for d in (_date(item.get(k)) for k in ("published-online", "published-print", "posted")) if d]
    return min(dates) if dates else _date(item.get("issued"))


def _authors(authors: list[Any]) -> tuple[str, ...]:
    names = []
    for author in authors:
        if not isinstance(author, dict):
            continue
        family = one_line(str(author.get("family") or ""))
        if family:
            given = initials(str(author.get("given") or ""))
            names.append(f"{family} {given}" if given else family)
        elif author.get("name"):
            names.append(one_line(str(author["name"])))
    return tuple(names)


def _first_affiliation(authors: list[Any]) -> str | None:
    for author in authors:
        for affiliation in (author.get("affiliation") or []) if isinstance(author, dict) else []:
            if isinstance(affiliation, dict) and affiliation.get("name"):
                return str(affiliation["name"])
    return None


def _relations(item: dict[str, Any]) -> tuple[Relation, ...]:
    relations: list[Relation] = []
    for key, relation_type in _RELATIONS.items():
        for target in (item.get("relation") or {}).get(key) or []:
            if isinstance(target, dict) and target.get("id-type") == "doi" and target.get("id"):
                relations.append(Relation(relation_type, "doi", str(target["id"]).lower()))
    for field_name, reverse in (("update-to", False), ("updated-by", True)):
        for update in item.get(field_name) or []:
            if not isinstance(update, dict) or not update.get("DOI"):
                continue
            known = _UPDATES.get(str(update.get("type", "")).lower().replace("-", "_"))
            if known is None:
                continue
            relation_type = _UPDATED_BY[known] if reverse else known
            relations.append(Relation(relation_type, "doi", str(update["DOI"]).lower()))
    return tuple(dict.fromkeys(relations))


def _notice_kind(relations: tuple[Relation, ...]) -> str | None:
    declared = {r.type for r in relations}
    return next((kind for relation_type, kind in _NOTICE_KINDS if relation_type in declared), None)


def rate_from_headers(headers: Any) -> float | None:
    """Requests per second announced by ``x-rate-limit-limit`` over ``x-rate-limit-interval`` ("1s")."""
    limit, interval = headers.get("x-rate-limit-limit"), headers.get("x-rate-limit-interval")
    if not limit or not interval:
        return None
    match = _INTERVAL.match(str(interval))
    try:
        count = float(limit)
    except ValueError:
        return None
    if not match or count <= 0:
        return None
    seconds = float(match.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[match.group(2) or "s"]
    return count / seconds if seconds > 0 else None


class CrossrefClient:
    def __init__(self, ctx: FetchContext) -> None:
        self.ctx = ctx
        self.base = ctx.base_root
        self.url = urljoin(self.base, "works")
        ctx.session.set_rate(self.base, float(ctx.config["rate_limit"]))
        self.rows = int(ctx.config["rows"])  # 1 to 1000, checked when the config loads
        self.requests = 0
        #: The last rate Crossref announced, in requests per second.
        self.announced_rate: float | None = None

    def params(self, query: str, window: Window) -> dict[str, str]:
        filters = [
            f"from-created-date:{window.start.isoformat()}",
            f"until-created-date:{window.end.isoformat()}",
            *(f"type:{t}" for t in self.ctx.config["types"]),
        ]
        params = {
            "query.bibliographic": query,
            "filter": ",".join(filters),
            "rows": str(self.rows),
            "cursor": "*",
            "mailto": self.ctx.contact_email,
        }
        select = ",".join(f.strip() for f in self.ctx.config["select"].split(",") if f.strip())
        if select:
            params["select"] = select
        return params

    def get(self, params: dict[str, str]) -> WorksPage:
        self.requests += 1
        # A 400 carries Crossref's reason in JSON; let the parser report it instead of a bare status.
        response = request_checked(
            self.ctx.session, "GET", self.url, params=params, headers=JSON_HEADERS, ok_statuses=(400,)
        )
        self._follow_rate(response)
        try:
            return parse_works(response.content, self.ctx.name)
        except ParseError as exc:
            if response.status_code == 400:
                raise ParseError(f"{describe_status(response)}: {exc}", raw=exc.raw) from None
            raise

    def _follow_rate(self, response: requests.Response) -> None:
        rate = rate_from_headers(response.headers)
        if rate and rate != self.announced_rate:
            self.announced_rate = rate
            # The session keeps the strictest limit asked for, so a looser announcement never speeds us up.
            self.ctx.session.set_rate(self.base, rate)

    def pages(self, query: str, window: Window) -> Iterator[WorksPage]:
        """Pages of ``query`` in ``window`` until the items run out (the caller may stop earlier).

        Crossref keeps answering with a ``next-cursor`` (often the same string: it is a scroll id) even
        past the end; the end is a short or empty page, or the count reaching ``total-results``.
        """
        params = self.params(query, window)
        seen = 0
        while True:
            page = self.get(params)
            yield page
            seen += page.size
            if page.size < self.rows or seen >= page.total or not page.next_cursor:
                return
            params["cursor"] = page.next_cursor


def fetch(ctx: FetchContext) -> list[FetchResult]:
    return collect(stream(ctx))


def stream(ctx: FetchContext) -> Iterator[FetchResult]:
    """Each page's records as they arrive, then each topic's last result (see ``stream_topic_queries``)."""
    client = CrossrefClient(ctx)
    max_pages = int(ctx.config["max_pages"])
    #: Per topic: items read, and those the local matcher set aside as not about the topic.
    counts: dict[str, Counter[str]] = defaultdict(Counter)

    def topic_pages(topic: Topic, window: Window) -> Iterator[WorksPage]:
        """The topic's pages, kept to the items in which its terms occur (when asked to) and cut short
        where the relevance-ordered results stop naming it or ``max_pages`` is reached."""
        filtering = bool(ctx.config["match_topics"]) and bool(topic.terms)
        for number, page in enumerate(client.pages(ctx.query(topic), window), 1):
            if filtering:

                def on_topic(record: Record, topic: Topic = topic) -> bool:
                    return topic.name in ctx.relevance.candidates(record)

                kept = [r for r in page.records if on_topic(r)]
                counts[topic.name].update(
                    items_read=len(page.records), off_topic=len(page.records) - len(kept)
                )
                page = replace(page, records=kept, set_aside=still_wanted(page.set_aside, on_topic))
            if filtering and not page.records:
                yield page
                return  # relevance order: the following pages are even further off-topic
            if number >= max_pages and page.next_cursor and number * client.rows < page.total:
                page.warnings.append(
                    f"topic {topic.name}: stopped after {max_pages} pages of {page.total} results "
                    "(raise [sources.crossref] max_pages to read further)"
                )
                yield page
                return
            yield page

    for result in stream_topic_queries(ctx, client, "works query", pages=topic_pages):
        if not result.partial:  # the topic's pages are all read: its counts are complete
            result.counts.update(counts.get(result.topic, {}))
        yield result
