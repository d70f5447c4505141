"""medRxiv and bioRxiv through the details API, keeping the preprints a topic's terms occur in.

The API cannot search: ``/details/{server}/{from}/{to}/{cursor}`` lists every version posted in the
window, a page at a time, inside a ``{"messages": [...], "collection": [...]}`` envelope. So each
server is read to the end of the window (the watermark is kept per server, not per topic), and only the
preprints in which a topic's terms occur (the relevance stage's candidates) are kept: whether one is
*about* the topic is decided on the stored work, as for every source. The cursor is an offset that
advances by the number of records the page actually held — the page size is the server's choice (30 or
100 have both been seen) and stepping by an assumed size silently skips records — and reading stops at
the first empty collection. Several versions of one preprint in the window collapse to the latest, keyed
on the DOI (which names the preprint, not the version); the ``published`` DOI links it to its journal
version.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any
from urllib.parse import quote, urljoin

from osteodigest.crawler.errors import ParseError, SourceError
from osteodigest.crawler.http import request_checked
from osteodigest.crawler.models import FetchResult, Record, Relation, SetAside
from osteodigest.crawler.sources.base import FetchContext, Window
from osteodigest.crawler.sources.guard import guard_items, still_wanted
from osteodigest.crawler.sources.jsonapi import JSON_HEADERS, decode_json, expect_object
from osteodigest.crawler.sources.markup import plain_text
from osteodigest.crawler.textutil import names_from_semicolon_list as parse_authors

#: How the servers name themselves, for the journal field and links.
SERVER_NAMES = {"medrxiv": "medRxiv", "biorxiv": "bioRxiv"}

#: ``messages[0].status`` of a window with nothing in it; anything else but "ok" is an error.
_NO_POSTS = "no posts found"


@dataclass
class DetailsPage:
    #: The raw preprint objects of the page (one per version).
    collection: list[dict[str, Any]]
    status: str
    total: int | None = None
    warnings: list[str] = field(default_factory=list)


def parse_details(data: bytes) -> DetailsPage:
    """One details reply; a reply without the envelope, or with an error status, raises ParseError."""
    reply = expect_object(decode_json(data, "bioRxiv details"), "bioRxiv details", data)
    messages = reply.get("messages")
    message = messages[0] if isinstance(messages, list) and messages and isinstance(messages[0], dict) else {}
    status = " ".join(str(message.get("status", "")).split())
    collection = reply.get("collection", [])
    if not isinstance(collection, list) or (not message and "collection" not in reply):
        raise ParseError("bioRxiv details reply has no messages/collection envelope", raw=data)
    if status and status.lower() != "ok" and not status.lower().startswith(_NO_POSTS):
        raise ParseError(f"bioRxiv details: the API says {status!r}", raw=data)
    total = message.get("total")
    return DetailsPage(
        collection=[item for item in collection if isinstance(item, dict)],
        status=status,
        total=int(str(total)) if str(total).isdigit() else None,
    )


def _preprint_name(server: str, item: dict[str, Any]) -> str:
    return f"{server} preprint {item.get('doi')}"


def parse_preprint(item: dict[str, Any], server: str, source: str = "biorxiv") -> Record | None:
    """One version of one preprint; None when it has no DOI."""
    doi = str(item.get("doi") or "").strip().lower()
    if not doi:
        return None
    server = str(item.get("server") or server).lower()
    version = str(item.get("version") or "1").strip()
    published = str(item.get("published") or "").strip()
    relations = (Relation("preprint_of", "doi", published.lower()),) if _is_doi(published) else ()
    extra: dict[str, Any] = {"server": server, "version": version}
    for key in ("category", "license", "type", "jatsxml"):
        if item.get(key):
            extra[key] = str(item[key]).strip()
    if relations:
        extra["published_doi"] = relations[0].id
    return Record(
        source=source,
        source_id=doi,
        title=plain_text(item.get("title")),
        kind="preprint",
        doi=doi,
        abstract=plain_text(item.get("abstract")),
        authors=parse_authors(str(item.get("authors") or "")),
        affiliation=(item.get("author_corresponding_institution") or None),
        journal=SERVER_NAMES.get(server, server),
        published=str(item.get("date") or "")[:10] or None,
        publication_types=("Preprint",),
        url=f"https://www.{server}.org/content/{doi}v{version}" if server in SERVER_NAMES else None,
        relations=relations,
        extra=extra,
    )


def _is_doi(value: str) -> bool:
    return value.startswith("10.") and "/" in value


def _version(record: Record) -> int:
    version = str(record.extra.get("version", "0"))
    return int(version) if version.isdigit() else 0


class DetailsClient:
    def __init__(self, ctx: FetchContext) -> None:
        self.ctx = ctx
        self.base = ctx.base_root
        ctx.session.set_rate(self.base, float(ctx.config["rate_limit"]))
        self.max_pages = int(ctx.config["max_pages"])
        self.requests = 0

    def url(self, server: str, window: Window, cursor: int) -> str:
        path = f"details/{quote(server)}/{window.start.isoformat()}/{window.end.isoformat()}/{cursor}"
        return urljoin(self.base, path)

    def pages(self, server: str, window: Window) -> Iterator[DetailsPage]:
        """Every page of ``server`` in ``window``: the cursor advances by what each page actually held."""
        cursor = 0
        for _ in range(self.max_pages):
            self.requests += 1
            response = request_checked(
                self.ctx.session, "GET", self.url(server, window, cursor), headers=JSON_HEADERS
            )
            page = parse_details(response.content)
            if not page.collection:
                return
            yield page
            cursor += len(page.collection)
        raise SourceError(
            f"no empty page after {self.max_pages} pages (cursor {cursor}); "
            "raise [sources.biorxiv] max_pages or shorten the window"
        )


def fetch(ctx: FetchContext) -> list[FetchResult]:
    client = DetailsClient(ctx)
    today = ctx.today.isoformat()
    results = []
    for server in ctx.config["servers"]:
        result = FetchResult(source=ctx.name, topic=server)
        results.append(result)
        latest: dict[str, Record] = {}
        set_aside: list[SetAside] = []
        before = client.requests
        try:
            for page in client.pages(server, ctx.window(server)):
                records, unreadable = guard_items(
                    page.collection,
                    partial(parse_preprint, server=server, source=ctx.name),
                    partial(_preprint_name, server),
                    ctx.name,
                )
                set_aside.extend(unreadable)
                for record in records:
                    known = latest.get(record.source_id)
                    if known is None or _version(record) >= _version(known):
                        latest[record.source_id] = record
        except SourceError as exc:
            result.error = f"{server}: {exc}"
            result.raw_failed = exc.raw
        else:
            result.state = {"until": today}
        for record in latest.values():
            topics = ctx.relevance.candidates(record)
            if topics:
                result.records.append(_with_topics(record, topics))
        result.set_aside = still_wanted(set_aside, lambda record: bool(ctx.relevance.candidates(record)))
        result.counts = {
            "items_read": len(latest) + len(set_aside),
            "off_topic": len(latest) - len(result.records),
        }
        result.requests = client.requests - before
    return results


def _with_topics(record: Record, topics: tuple[str, ...]) -> Record:
    return replace(record, topics=topics)
