"""Journal feeds (RSS 0.9x/1.0/2.0, Atom): the fastest way to see an article, days before PubMed does.

Each feed is one watermark key (its configured URL) with its own conditional-GET state, so an unchanged
feed costs one request answered 304 and no parsing. Fetching is the polite session's job (timeout,
User-Agent, retries, per-host spacing); parsing is feedparser's, always on bytes already in hand, so
feedparser never opens a URL or a file itself. A permanent redirect (301/308) moves the feed for good
and is remembered; 410 Gone retires it with a warning instead of failing every run.

Feeds carry whole journals, so items are kept only when a topic's terms occur in them (the relevance
stage's candidates), except for feeds marked ``match_topics = false`` (a journal whose every item may
belong). Whether an item is *about* a topic is decided on the stored work, as for every source.
"""

from __future__ import annotations

import io
import re
import xml.sax
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any
from urllib.parse import urljoin

import feedparser
import requests
from osteodigest.crawler.errors import ParseError, SourceError
from osteodigest.crawler.http import conditional_headers, request_checked, validators_from
from osteodigest.crawler.models import FetchResult, Record, SetAside
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.sources.base import FetchContext, fail_unexpectedly
from osteodigest.crawler.sources.guard import (
    INVALID_REFERENCE,
    contain,
    defuse_char_refs,
    raw_json,
    still_wanted,
)
from osteodigest.crawler.sources.markup import flatten_abstract, plain_text
from osteodigest.crawler.sources.webmeta import (
    clean_url,
    doi_from_text,
    doi_from_url,
    iso_date,
    person_names,
    pii_from_url,
    pmid_from,
)
from osteodigest.crawler.textutil import one_line, page_range

SOURCE = "rss"
#: Ask for feeds first; some servers answer an HTML page to a bare ``*/*``.
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)


@dataclass(frozen=True)
class Feed:
    url: str
    name: str = ""
    match_topics: bool = True
    enabled: bool = True

    @property
    def label(self) -> str:
        return f'feed "{self.name}" ({self.url})' if self.name else f"feed {self.url}"


@dataclass
class ParsedFeed:
    """What one feed body held: its title, the records read from its items, and what was odd about it."""

    title: str
    records: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: False when the XML was malformed (e.g. cut off): the items read may not be all there were.
    complete: bool = True
    #: Items that could not be read (an invalid character reference, a field of the wrong shape).
    set_aside: list[SetAside] = field(default_factory=list)


# --------------------------------------------------------------------------------------------- feeds
def configured_feeds(config: dict[str, Any]) -> list[Feed]:
    """The feeds of ``[sources.rss]``: the shipped list (``crawler/data/feeds.toml``) with the user's
    ``[[sources.rss.feeds]]`` added by name, as the settings merged them (see
    :class:`~crawler.registry.ListOfTables`), or only the user's with ``replace_shipped = true``.

    Relative feed URLs are resolved against ``[sources.rss] base_url`` when one is set.
    """
    feeds = [
        Feed(str(item["url"]), str(item["name"]), bool(item["match_topics"]), bool(item["enabled"]))
        for item in config.get("feeds") or []
    ]
    base = config.get("base_url") or ""
    if base:
        feeds = [Feed(urljoin(base, f.url), f.name, f.match_topics, f.enabled) for f in feeds]
    return list({f.url: f for f in feeds}.values())


# --------------------------------------------------------------------------------------------- fetch
def fetch(ctx: FetchContext) -> list[FetchResult]:
    results = []
    for feed in configured_feeds(ctx.config):
        if feed.enabled:
            results.append(fetch_feed(ctx, feed))
    return results


def fetch_feed(ctx: FetchContext, feed: Feed) -> FetchResult:
    """One feed: conditional GET, then parse and filter; every failure becomes ``result.error``."""
    result = FetchResult(source=ctx.name, topic=feed.url)
    state = ctx.get_state(feed.url)
    if state.get("gone"):
        result.state = dict(state)
        result.warnings.append(
            f"{feed.label} answered 410 Gone on {state.get('gone_since', 'an earlier run')}; skipped "
            "(turn it off: a [[sources.rss.feeds]] table with its name and enabled = false)"
        )
        return result
    url = state.get("url") or feed.url
    ctx.session.set_rate(url, float(ctx.config["rate_limit"]))
    before = ctx.session.request_count
    try:
        response = request_checked(
            ctx.session,
            "GET",
            url,
            headers={"Accept": ACCEPT, **conditional_headers(state)},
            ok_statuses=(304, 410),
        )
    except SourceError as exc:
        result.error = f"{feed.label}: {exc}"
        return result
    finally:
        result.requests = ctx.session.request_count - before
    moved_to = permanent_redirect_target(response)
    current = moved_to or url
    location = {"url": current} if current != feed.url else {}
    checked = {"checked": ctx.today.isoformat()}
    if moved_to:
        result.warnings.append(f"{feed.label} moved permanently to {moved_to}; the new address is kept")
    if response.status_code == 410:
        result.state = {**state, **location, "gone": True, "gone_since": ctx.today.isoformat()}
        result.warnings.append(f"{feed.label} answered 410 Gone; it will not be fetched again")
        return result
    if response.status_code == 304:
        # Unchanged: nothing to parse, and the stored validators stay valid.
        result.state = {**state, **location, **checked}
        return result
    try:
        parsed = parse_feed(
            response.content, url=response.url, content_type=response.headers.get("Content-Type")
        )
    except ParseError as exc:
        result.error = f"{feed.label}: {exc}"
        result.raw_failed = exc.raw
        return result
    except Exception as exc:  # feedparser can still trip (a UTF-16 feed with &#55296;): this feed alone
        fail_unexpectedly(result, feed.label, exc, response.content)
        return result
    result.warnings.extend(f"{feed.label}: {w}" for w in parsed.warnings)
    result.records = select(parsed.records, feed, ctx.relevance, journal_fallback=parsed.title)
    result.counts["items_read"] = len(parsed.records) + len(parsed.set_aside)
    result.counts["off_topic"] = len(parsed.records) - len(result.records)
    result.set_aside = still_wanted(
        parsed.set_aside, lambda record: not feed.match_topics or bool(ctx.relevance.candidates(record))
    )
    if parsed.complete:
        result.state = {**location, **validators_from(response), **checked}
    # A malformed (cut-off) feed keeps what arrived but not its validators: the next run asks again.
    return result


def permanent_redirect_target(response: requests.Response) -> str | None:
    """The final URL when every redirect on the way was permanent (301/308); temporary ones don't count."""
    if response.history and all(r.status_code in (301, 308) for r in response.history):
        return response.url
    return None


def select(
    records: list[Record], feed: Feed, relevance: RelevanceStage, journal_fallback: str = ""
) -> list[Record]:
    """Keep the items in which a topic's terms occur (every item of a ``match_topics = false`` feed),
    with those candidate topics filled in; whether one is *about* a topic is decided on the stored work."""
    kept = []
    for record in records:
        topics = relevance.candidates(record)
        if feed.match_topics and not topics:
            continue
        journal = record.journal or feed.name or journal_fallback or None
        kept.append(replace(record, topics=topics, journal=journal))
    return kept


# --------------------------------------------------------------------------------------------- parse
def parse_feed(data: bytes, *, url: str = "", content_type: str | None = None) -> ParsedFeed:
    """Records from a feed body. Raises ParseError (carrying ``data``) when it is not a feed at all.

    A feed feedparser calls *bozo* still yields what it could read, with a warning; if its XML was
    malformed (typically cut off mid-transfer) the result is marked incomplete.
    """
    if not data.strip():
        raise ParseError("empty reply where a feed was expected", raw=data)
    # feedparser's fallback parser crashes on a reference such as &#55296; and the whole feed would be
    # lost; defused, the feed parses and only the item that held one is set aside.
    data, _ = defuse_char_refs(data)
    headers = {"content-location": url} if url else {}
    if content_type:
        headers["content-type"] = content_type
    # A BytesIO, never the bytes themselves: given bytes, feedparser first tries them as a file name.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    exception = parsed.get("bozo_exception") if parsed.get("bozo") else None
    malformed = isinstance(exception, xml.sax.SAXException)
    if isinstance(exception, feedparser.NonXMLContentType) and version:
        exception = None  # a real feed served as text/html or text/plain: common, and harmless
    if not version and not entries:
        raise ParseError(f"reply is not a feed: {_describe_non_feed(data, exception)}", raw=data)
    if malformed and not entries:
        raise ParseError(
            f"feed XML is not well-formed and no item could be read ({_one_line(exception)})", raw=data
        )
    title = plain_text(parsed.get("feed", {}).get("title")) if parsed.get("feed") else ""
    title = title.replace(INVALID_REFERENCE, "")  # the feed's name is every item's journal fallback
    result = ParsedFeed(title=clean_feed_title(title), complete=not malformed)
    skipped = 0
    for entry in entries:
        outcome = contain(
            SOURCE,
            f"feed item {entry.get('id') or entry.get('link') or entry.get('title')}",
            partial(raw_json, entry),
            partial(entry_record, entry),
        )
        if outcome is None:
            skipped += 1
        elif isinstance(outcome, SetAside):
            result.set_aside.append(outcome)
        else:
            result.records.append(outcome)
    if exception is not None:
        what = "is not well-formed XML" if malformed else "has a problem"
        result.warnings.append(
            f"feed {what} ({_one_line(exception)}); kept the {len(result.records)} items that parsed"
        )
    if skipped:
        result.warnings.append(f"{skipped} items without a title or link were skipped")
    return result


def entry_record(entry: Any) -> Record | None:
    """One feed item as a Record; None for an item with no title or no way to identify it."""
    title = _clean_title(entry.get("title_detail", {}).get("value") or entry.get("title") or "")
    link = clean_url(_entry_link(entry))
    guid = (entry.get("id") or "").strip() or None
    meta = _Meta()
    for text in _texts(entry):
        meta.read(text)
    doi = (
        doi_from_text(entry.get("prism_doi"))
        or doi_from_text(entry.get("dc_identifier"))
        or doi_from_text(guid)
        or doi_from_url(link)
        or doi_from_url(entry.get("prism_url"))
        or meta.doi
    )
    pmid = pmid_from(guid) or pmid_from(link) or meta.pmid
    source_id = doi or link or guid
    if not title or not source_id:
        return None
    authors = person_names([a.get("name", "") for a in entry.get("authors") or [] if isinstance(a, dict)])
    # Categories are mostly the journal's section or article type ("RESEARCH ARTICLE", "Correction"),
    # which the deduplicator reads to tell notices from articles; anything else is a keyword.
    categories = [t["term"].strip() for t in entry.get("tags") or [] if isinstance(t, dict) and t.get("term")]
    if entry.get("prism_section"):
        categories.append(str(entry["prism_section"]).strip())
    categories = list(dict.fromkeys(c for c in categories if c))
    return Record(
        source=SOURCE,
        source_id=source_id,
        title=title,
        doi=doi,
        pmid=pmid,
        pmcid=meta.pmcid,
        pii=pii_from_url(link),
        abstract=meta.abstract,
        authors=authors or meta.authors,
        journal=_journal(entry, title),
        volume=entry.get("prism_volume") or None,
        issue=entry.get("prism_number") or entry.get("prism_issueidentifier") or None,
        pages=page_range(entry.get("prism_startingpage"), entry.get("prism_endingpage")),
        published=_published(entry) or meta.published,
        url=link,
        publication_types=tuple(t for t in categories if _ARTICLE_TYPE.search(t)),
        keywords=tuple(t for t in categories if not _ARTICLE_TYPE.search(t)),
    )


def _entry_link(entry: Any) -> str | None:
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return entry.get("link") or None


def _texts(entry: Any) -> list[str]:
    """Every HTML/text body the item carries (content first: it is usually the fuller one)."""
    texts = [c.get("value") or "" for c in entry.get("content") or [] if isinstance(c, dict)]
    texts.append(entry.get("summary") or "")
    return [t for t in texts if t.strip()]


_ARTICLE_TYPE = re.compile(
    r"(?i)\b(?:article|review|correction|corrigend\w*|errat\w*|retract\w*|letter|editorial|case report|"
    r"commentary|comment|report|communication|research|perspective|guideline|expression of concern)s?\b"
)
_CITATION_WORDS = re.compile(
    r"(?i)\b(?:volume|vol\.|issue|pages?|earlyview|early view|ahead of print|in press)\b"
)
_ABSTRACT_WORD = re.compile(r"^(?:abstract|summary)[:.]?\s+(?=[A-Z])", re.IGNORECASE)
_LABEL = re.compile(r"(?i)^(doi|authors?|author\(s\)|publication date|source|abstract)\s*:\s*")


class _Meta:
    """Facts a feed item keeps in its HTML body rather than in elements: the abstract, and the
    "DOI: …", "Author(s): …", "Publication date: …" and "PMID: … | PMC: … | DOI: …" lines around it."""

    def __init__(self) -> None:
        self.abstract = ""
        self.doi: str | None = None
        self.pmid: str | None = None
        self.pmcid: str | None = None
        self.authors: tuple[str, ...] = ()
        self.published: str | None = None

    def read(self, html: str) -> None:
        text, _ = flatten_abstract(html)
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        kept = []
        for paragraph in paragraphs:
            if self._metadata(paragraph):
                continue
            kept.append(_LABEL.sub("", paragraph) if paragraph.lower().startswith("abstract") else paragraph)
        abstract = "\n\n".join(p for p in kept if p.lower() not in ("abstract", "summary"))
        abstract = _ABSTRACT_WORD.sub("", abstract)  # Wiley's plain-text "Abstract The shortage of …"
        # A real abstract is longer than "TAXON, EarlyView." or "Volume 56, Issue 3, Page 163-175".
        if len(abstract) >= 100 and len(abstract) > len(self.abstract):
            self.abstract = abstract

    def _metadata(self, paragraph: str) -> bool:
        if len(paragraph) > 400:
            return False
        label = _LABEL.match(paragraph)
        key = label.group(1).lower() if label else ""
        value = paragraph[label.end() :].strip() if label else ""
        if key == "doi":
            self.doi = self.doi or doi_from_text(value.split()[0] if value else None)
            return True
        if key in ("author", "authors", "author(s)"):
            self.authors = self.authors or person_names([value])
            return True
        if key == "publication date":
            self.published = self.published or iso_date(value)
            return True
        if key == "source":
            return True
        ids = dict(re.findall(r"\b(PMID|PMC|DOI)\s*:\s*(\S+)", paragraph))
        if "PMID" in ids or "PMC" in ids:  # PubMed's "PMID:123 | PMC:PMC456 | DOI:10.…" line
            self.pmid = self.pmid or pmid_from(f"pubmed:{ids.get('PMID', '')}")
            self.pmcid = self.pmcid or (ids.get("PMC") or None)
            self.doi = self.doi or doi_from_text(ids.get("DOI"))
            return True
        citation_doi = re.search(r"(?i)\bdoi:\s*(10\.\d{4,9}/\S+?)\.?(?:\s|$)", paragraph)
        if len(paragraph) < 300 and citation_doi:  # "J Nematol. 2021 Dec 10;53:e2021-100. doi: 10.… ."
            self.doi = self.doi or doi_from_text(citation_doi.group(1))
            return True
        # "ZooKeys 1078: 135-188", "Volume 56, Issue 3, December 2021, Page 163-175"
        return len(paragraph) < 120 and bool(
            _CITATION_WORDS.search(paragraph) or re.search(r"\d+\s*:\s*[\dA-Za-z]+(?:-\d+)?$", paragraph)
        )


def _clean_title(value: str) -> str:
    return plain_text(value).replace("\ufeff", "").strip()


_FEED_TITLE_NOISE = (
    re.compile(r"^(?:ScienceDirect Publication|Wiley|tandf|Taylor & Francis)\s*:\s*", re.I),
    re.compile(r"^Latest (?:\d+ )?Articles from\s+", re.I),
    re.compile(
        r"\s*[:\-–]\s*(?:Table of Contents|Most Recent Articles|Latest Articles|Advance Articles)$", re.I
    ),
    re.compile(r"\s+(?:Current Issue|Advance Access)$", re.I),
)


def clean_feed_title(title: str) -> str:
    """'Wiley: TAXON: Table of Contents' -> 'TAXON': the journal, without the platform's wrapping."""
    for pattern in _FEED_TITLE_NOISE:
        title = pattern.sub("", title)
    return title.strip()


def _journal(entry: Any, title: str) -> str | None:
    for key in ("prism_publicationname", "prism_publicationtitle", "dc_source"):
        value = plain_text(entry.get(key) or "")
        # Taylor & Francis put the article title in prism:publicationName; "Journal 203, (2018)" is a
        # citation, of which the journal is the part before the volume.
        value = re.sub(r"\s+\d+\s*,.*$", "", value).strip()
        if value and value.casefold() != title.casefold():
            return value
    return None


def _published(entry: Any) -> str | None:
    for key in ("prism_publicationdate", "dc_date"):
        if entry.get(key):
            found = iso_date(entry[key])
            if found:
                return found
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return iso_date(entry.get("prism_coverdate"))


def _one_line(exception: BaseException | None) -> str:
    """An exception's message on one line, cut at 200 characters; its type's name when it has none."""
    text = one_line(str(exception or ""))
    return (text[:200] + "…") if len(text) > 200 else text or type(exception).__name__


def _describe_non_feed(data: bytes, exception: BaseException | None) -> str:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]
    if re.match(rb"(?i)<!doctype html|<html", head):
        found = re.search(rb"(?is)<title[^>]*>(.*?)</title>", head)
        title = " ".join(found.group(1).decode("utf-8", "replace").split())[:120] if found else ""
        return f"an HTML page{f' ({title!r})' if title else ''}"
    if head[:1] in (b"{", b"["):
        return "JSON"
    return _one_line(exception) if exception is not None else "no feed elements found"
