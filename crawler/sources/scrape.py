"""Pages without feeds: an article page read for its metadata, or a listing page followed to its articles.

An article page says what it is in one of three machine-readable dialects, tried in this order: Highwire
``citation_*`` meta tags (what Google Scholar reads, so nearly every publisher has them), Dublin Core
(``DC.*``), and JSON-LD ``ScholarlyArticle``. A page with none of them is read as a person would: its
heading and the paragraphs under it, once navigation, comment boxes and sign-in prompts are stripped.

Every page is one watermark key (its configured URL) with conditional-GET validators; a listing also
remembers which article links it has already followed, so a run costs one request per listing plus one
per new article. robots.txt is fetched with the same session and obeyed, and its Crawl-delay becomes the
host's spacing; the session sends one request per host at a time.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning
from osteodigest.crawler.errors import ParseError, SourceError
from osteodigest.crawler.http import RobotsCache, conditional_headers, request_checked, validators_from
from osteodigest.crawler.models import FetchResult, Record, SetAside
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.sources.base import FetchContext, fail_unexpectedly
from osteodigest.crawler.sources.guard import contain, still_wanted
from osteodigest.crawler.sources.webmeta import doi_from_text, iso_date, person_names, pii_from_url, pmid_from
from osteodigest.crawler.textutil import one_line, page_range
from soupsieve import SelectorSyntaxError

SOURCE = "scrape"
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
#: Statuses of an article link that mean "gone for good" rather than "try again".
_GONE = (404, 410)
#: Article links a listing remembers having followed (the newest ones), so state stays small.
SEEN_LIMIT = 2000


@dataclass(frozen=True)
class Page:
    url: str
    name: str = ""
    kind: str = "article"
    link_selector: str = ""
    match_topics: bool = True
    enabled: bool = True

    @property
    def label(self) -> str:
        what = "listing" if self.kind == "listing" else "page"
        return f'{what} "{self.name}" ({self.url})' if self.name else f"{what} {self.url}"


def configured_pages(config: dict[str, Any]) -> list[Page]:
    """``[[sources.scrape.pages]]``, relative URLs resolved against ``[sources.scrape] base_url``."""
    base = config.get("base_url") or ""
    pages = []
    for item in config.get("pages") or []:
        url = urljoin(base, item["url"]) if base else item["url"]
        pages.append(
            Page(
                url=url,
                name=item.get("name", ""),
                kind=item.get("kind", "article"),
                link_selector=item.get("link_selector", ""),
                match_topics=item.get("match_topics", True),
                enabled=item.get("enabled", True),
            )
        )
    return list({p.url: p for p in pages}.values())


# --------------------------------------------------------------------------------------------- fetch
def fetch(ctx: FetchContext) -> list[FetchResult]:
    scraper = Scraper(ctx)
    return [scraper.page(page) for page in configured_pages(ctx.config) if page.enabled]


class Scraper:
    """One run over the configured pages, sharing one robots.txt cache."""

    def __init__(self, ctx: FetchContext) -> None:
        self.ctx = ctx
        self.robots = RobotsCache(ctx.session)
        self.rate = float(ctx.config["rate_limit"])
        self.max_pages = int(ctx.config["max_pages"])

    def page(self, page: Page) -> FetchResult:
        result = FetchResult(source=self.ctx.name, topic=page.url)
        before = self.ctx.session.request_count
        try:
            if page.kind == "listing":
                self._listing(page, result)
            else:
                self._article_page(page, result)
        except Exception as exc:  # one page's surprise must not cost the other pages
            result.records, result.state = [], {}
            fail_unexpectedly(result, page.label, exc)
        finally:
            result.requests = self.ctx.session.request_count - before
        return result

    # ----------------------------------------------------------------- the two kinds of page
    def _article_page(self, page: Page, result: FetchResult) -> None:
        state = self.ctx.get_state(page.url)
        response = self._get_configured(page, state, result)
        if response is None:
            return
        checked = {"checked": self.ctx.today.isoformat()}
        if response.status_code == 304:
            result.state = {**state, **checked}
            return
        try:
            outcome = self._read(response)
        except ParseError as exc:
            self._fail(result, page, exc)
            return
        if isinstance(outcome, SetAside):
            result.set_aside = self._wanted([outcome], page)
        else:
            result.records = _select([outcome], page, self.ctx.relevance)
            result.counts = {"items_read": 1, "off_topic": 1 - len(result.records)}
        result.state = {**validators_from(response), **checked}

    def _listing(self, page: Page, result: FetchResult) -> None:
        if not page.link_selector:
            result.error = (
                f"{page.label}: a listing needs link_selector (a CSS selector for its article links)"
            )
            return
        state = self.ctx.get_state(page.url)
        seen: list[str] = list(state.get("seen") or [])
        pending: list[str] = list(state.get("pending") or [])
        response = self._get_configured(page, state, result)
        if response is None:
            return
        validators: dict[str, Any] = {k: state[k] for k in ("etag", "last_modified") if k in state}
        if response.status_code == 304:
            links = pending  # unchanged listing: only what an earlier run left for later
        else:
            validators = validators_from(response)
            try:
                links = listing_links(response.content, response.url, page.link_selector)
            except ParseError as exc:
                self._fail(result, page, exc)
                return
            links = list(dict.fromkeys([*links, *pending]))
        known = set(seen)
        new = [link for link in links if link not in known]
        todo, later = new[: self.max_pages], new[self.max_pages :]
        if later:
            result.warnings.append(
                f"{page.label}: {len(new)} new articles, {self.max_pages} fetched (max_pages); "
                "the rest wait for the next run"
            )
        failures: list[str] = []
        records: list[Record] = []
        for link in todo:
            try:
                response = self._get(link, {}, ok_statuses=_GONE)
                if response.status_code in _GONE:
                    # A dead link stays dead: say so once and do not count it as a failure of the run.
                    result.warnings.append(
                        f"{page.label}: {link} answered HTTP {response.status_code}; skipped"
                    )
                elif not _is_html(response.headers.get("Content-Type")):
                    result.warnings.append(
                        f"{page.label}: {link} is not an HTML page "
                        f"({response.headers.get('Content-Type')}); skipped"
                    )
                else:
                    outcome = self._read(response)
                    if isinstance(outcome, SetAside):
                        result.set_aside.extend(self._wanted([outcome], page))
                    else:
                        records.append(outcome)
            except _Skipped as skip:
                result.warnings.append(f"{page.label}: {skip}")
            except SourceError as exc:
                failures.append(f"{link}: {exc}")
                if exc.raw and result.raw_failed is None:
                    result.raw_failed = exc.raw
                continue
            seen.append(link)
        result.records = _select(records, page, self.ctx.relevance)
        result.counts = {"items_read": len(records), "off_topic": len(records) - len(result.records)}
        if failures:
            result.error = (
                f"{page.label}: {len(failures)} of {len(todo)} articles failed, first {failures[0]}"
            )
            return
        result.state = {
            **validators,
            "seen": seen[-SEEN_LIMIT:],
            "pending": later,
            "checked": self.ctx.today.isoformat(),
        }

    def _read(self, response: requests.Response) -> Record | SetAside:
        """The article a page holds; a page that is no article (ParseError) is the page's failure, while
        one whose record cannot be stored (any other exception) is set aside with the page."""
        outcome = contain(
            self.ctx.name,
            f"page {response.url}",
            response.content,
            lambda: parse_article(response.content, response.url, response.headers.get("Content-Type")),
            passthrough=(SourceError,),
        )
        assert outcome is not None  # parse_article returns a Record or raises
        return outcome

    def _wanted(self, set_aside: list[SetAside], page: Page) -> list[SetAside]:
        return still_wanted(
            set_aside,
            lambda r: not page.match_topics or bool(self.ctx.relevance.candidates(r)),
        )

    # ----------------------------------------------------------------- HTTP
    def _get_configured(
        self, page: Page, state: dict[str, Any], result: FetchResult
    ) -> requests.Response | None:
        """The configured page itself (conditionally); None once a robots.txt refusal (a warning) or a
        failure (the result's error) has been written into ``result``."""
        try:
            return self._get(page.url, state)
        except _Skipped as skip:
            result.warnings.append(f"{page.label}: {skip}")
        except SourceError as exc:
            self._fail(result, page, exc)
        return None

    def _get(self, url: str, state: dict[str, Any], ok_statuses: tuple[int, ...] = ()) -> requests.Response:
        self.ctx.session.set_rate(url, self.rate)  # before robots.txt, which is fetched from the same host
        allowed = self.robots.check(url)
        if allowed is None:
            raise SourceError(
                f"robots.txt of {urlsplit(url).netloc} could not be read; not crawling it this run"
            )
        if not allowed:
            raise _Skipped(f"robots.txt disallows {url}; not fetched")
        delay = self.robots.excessive_delay(url)
        if delay is not None:
            raise _Skipped(
                f"robots.txt of {urlsplit(url).netloc} asks for {delay:g} s between requests, more than"
                f" http.max_crawl_delay ({self.ctx.session.max_crawl_delay:g} s); {url} not fetched this run"
            )
        return request_checked(
            self.ctx.session,
            "GET",
            url,
            headers={"Accept": ACCEPT, **conditional_headers(state)},
            ok_statuses=(304, *ok_statuses),
        )

    @staticmethod
    def _fail(result: FetchResult, page: Page, exc: SourceError) -> None:
        result.error = f"{page.label}: {exc}"
        result.raw_failed = exc.raw


def _is_html(content_type: str | None) -> bool:
    """A missing Content-Type is given the benefit of the doubt; a PDF or an image is not a page."""
    kind = (content_type or "text/html").split(";")[0].strip().lower()
    return kind in ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


class _Skipped(Exception):
    """A page robots.txt forbids: a warning, not a failure."""


def _select(records: list[Record], page: Page, relevance: RelevanceStage) -> list[Record]:
    """The articles in which a topic's terms occur (all of them when the page is not ``match_topics``),
    with those candidate topics filled in; whether one is *about* a topic is decided on the stored work."""
    kept = []
    for record in records:
        topics = relevance.candidates(record)
        if page.match_topics and not topics:
            continue
        kept.append(replace(record, topics=topics))
    return kept


# --------------------------------------------------------------------------------------------- parse
def soup_of(data: bytes, content_type: str | None = None) -> BeautifulSoup:
    """HTML parsed by lxml through BeautifulSoup, in the charset the server declared when it did."""
    charset = None
    if content_type:
        found = re.search(r"charset=([\w.:-]+)", content_type, re.I)
        charset = found.group(1) if found else None
    with warnings.catch_warnings():
        # A page that begins like XML, or a tiny body that looks like a file name, is still just parsed.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(data, "lxml", from_encoding=charset)


def listing_links(data: bytes, url: str, selector: str) -> list[str]:
    """Absolute article URLs a listing page links to through ``selector``, in page order, once each."""
    soup = soup_of(data)
    base = url
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, Tag):
        base = urljoin(url, str(base_tag["href"]))
    try:
        matches = soup.select(selector)
    except SelectorSyntaxError as exc:
        raise ParseError(f"link_selector {selector!r} is not valid CSS: {str(exc).splitlines()[0]}") from None
    links = []
    for element in matches:
        anchor = element if element.name == "a" and element.has_attr("href") else element.find("a", href=True)
        if not isinstance(anchor, Tag):
            continue
        link = urldefrag(urljoin(base, str(anchor["href"]).strip()))[0]
        if urlsplit(link).scheme in ("http", "https"):
            links.append(link)
    return list(dict.fromkeys(links))


def parse_article(data: bytes, url: str, content_type: str | None = None) -> Record:
    """One article page as a Record; ParseError when the page has no title at all (an empty or error page)."""
    if not data.strip():
        raise ParseError("empty reply where an article page was expected", raw=data)
    soup = soup_of(data, content_type)
    metadata = _Metadata(_meta_tags(soup), _scholarly_article(soup))
    title, abstract = _title_and_abstract(metadata, soup, data)
    doi = _doi(metadata)
    page_url = _canonical_url(soup, url)
    return Record(
        source=SOURCE,
        source_id=doi or page_url,
        title=title,
        doi=doi,
        pmid=pmid_from(f"pubmed:{metadata.first('citation_pmid') or ''}"),
        pii=(metadata.first("citation_pii") or "").strip() or pii_from_url(page_url),
        abstract=abstract,
        authors=person_names(_authors(metadata)),
        journal=_journal(metadata),
        journal_abbrev=metadata.first("citation_journal_abbrev"),
        issn=_issns(metadata),
        volume=metadata.first("citation_volume", "prism.volume", "dc.citation.volume")
        or _ld_first(_ld_part(metadata.ld, "volumeNumber")),
        issue=metadata.first("citation_issue", "prism.number", "dc.citation.issue")
        or _ld_first(_ld_part(metadata.ld, "issueNumber")),
        pages=_pages(metadata),
        published=_published(metadata),
        keywords=_keywords(metadata),
        language=(metadata.first("citation_language", "dc.language") or "").lower() or None,
        url=page_url,
    )


class _Metadata:
    """What an article page says about itself: its meta tags (Highwire ``citation_*``, Dublin Core, PRISM)
    first, its JSON-LD ScholarlyArticle where the tags are silent."""

    __slots__ = ("ld", "meta")

    def __init__(self, meta: dict[str, list[str]], ld: dict[str, Any]) -> None:
        self.meta = meta
        self.ld = ld

    def first(self, *keys: str) -> str | None:
        """The first value of the first of ``keys`` the page has."""
        return next((self.meta[k][0] for k in keys if self.meta.get(k)), None)


def _title_and_abstract(metadata: _Metadata, soup: BeautifulSoup, data: bytes) -> tuple[str, str]:
    """From the metadata, else as a reader sees the page; ParseError when there is no title at all."""
    title, abstract = _metadata_title(metadata), _metadata_abstract(metadata)
    if title and abstract:
        return title, abstract
    visible_title, visible_abstract = visible_text(soup)
    if not title:
        # Without metadata only a heading *and* a substantial paragraph make an article; a sign-in or
        # error page has a heading too.
        if not (visible_title and visible_abstract):
            raise ParseError(
                "page has no article metadata (citation_*, DC.*, JSON-LD) and no visible title and "
                f"abstract{_page_title_hint(soup)}",
                raw=data,
            )
        title = visible_title
    return title, abstract or visible_abstract or ""


def _metadata_title(metadata: _Metadata) -> str:
    ld = metadata.ld
    return _plain(
        metadata.first("citation_title", "dc.title", "dcterms.title")
        or _ld_text(ld.get("headline") or ld.get("name"))
    )


def _metadata_abstract(metadata: _Metadata) -> str:
    ld = metadata.ld
    return _plain(
        metadata.first("citation_abstract", "dc.description", "dcterms.abstract", "dcterms.description")
    ) or _plain(_ld_text(ld.get("abstract") or ld.get("description")))


def _doi(metadata: _Metadata) -> str | None:
    meta = metadata.meta
    return (
        doi_from_text(metadata.first("citation_doi", "prism.doi", "bepress_citation_doi"))
        or _first_doi(meta.get("dc.identifier", []) + meta.get("dcterms.identifier", []))
        or _first_doi(_ld_ids(metadata.ld))
    )


def _canonical_url(soup: BeautifulSoup, url: str) -> str:
    """The page's own canonical address when it names one (a link reached through a redirect or with
    tracking parameters is not the article's address)."""
    canonical = soup.find("link", rel="canonical", href=True)
    return urljoin(url, str(canonical["href"])) if isinstance(canonical, Tag) else url


def _authors(metadata: _Metadata) -> list[str]:
    meta = metadata.meta
    return (
        meta.get("citation_author")
        or meta.get("dc.creator")
        or meta.get("dcterms.creator")
        or _ld_authors(metadata.ld)
    )


def _journal(metadata: _Metadata) -> str | None:
    return (
        _plain(
            metadata.first("citation_journal_title", "prism.publicationname", "dc.relation.ispartof")
            or _ld_journal(metadata.ld)
        )
        or None
    )


def _issns(metadata: _Metadata) -> tuple[str, ...]:
    meta = metadata.meta
    return tuple(
        dict.fromkeys(
            meta.get("citation_issn", []) or meta.get("prism.issn", []) or _ld_part(metadata.ld, "issn")
        )
    )


def _pages(metadata: _Metadata) -> str | None:
    ld = metadata.ld
    return page_range(
        metadata.first("citation_firstpage", "prism.startingpage") or _ld_text(ld.get("pageStart")),
        metadata.first("citation_lastpage", "prism.endingpage") or _ld_text(ld.get("pageEnd")),
    )


def _published(metadata: _Metadata) -> str | None:
    return iso_date(
        metadata.first(
            "citation_publication_date",
            "citation_date",
            "citation_online_date",
            "citation_cover_date",
            "dc.date",
            "dc.issued",
            "dcterms.issued",
            "dcterms.date",
        )
        or _ld_text(metadata.ld.get("datePublished"))
    )


def _keywords(metadata: _Metadata) -> tuple[str, ...]:
    """``citation_keywords`` (each may hold several, split at ; and ,), else the JSON-LD keywords."""
    keywords = [
        k.strip() for value in metadata.meta.get("citation_keywords", []) for k in re.split(r"[;,]", value)
    ]
    if not keywords:
        keywords = [k.strip() for k in _ld_keywords(metadata.ld)]
    return tuple(dict.fromkeys(k for k in keywords if k))


def _page_title_hint(soup: BeautifulSoup) -> str:
    title = soup.find("title")
    text = " ".join(title.get_text(" ").split())[:100] if isinstance(title, Tag) else ""
    return f" (page title {text!r})" if text else ""


# ----------------------------------------------------------------- metadata dialects
def _meta_tags(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Meta name/property (lower-cased) -> contents, in page order."""
    found: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("name") or tag.get("property")
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            found.setdefault(key.strip().lower(), []).append(" ".join(value.split()))
    return found


_ARTICLE_TYPES = ("ScholarlyArticle", "MedicalScholarlyArticle", "Article", "Report")


def _scholarly_article(soup: BeautifulSoup) -> dict[str, Any]:
    """The JSON-LD object describing the article (ScholarlyArticle preferred), or {}."""
    candidates: list[dict[str, Any]] = []
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        try:
            data = json.loads(script.string or script.get_text() or "null", strict=False)
        except (json.JSONDecodeError, RecursionError):
            continue
        candidates.extend(_ld_objects(data))
    for wanted in _ARTICLE_TYPES:
        for candidate in candidates:
            types = candidate.get("@type")
            if wanted in (types if isinstance(types, list) else [types]):
                return candidate
    return {}


def _ld_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _ld_objects(data[key], depth + 1)


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return str(value) if value else None


def _ld_ids(ld: dict[str, Any]) -> list[str]:
    values: list[str] = []
    for key in ("identifier", "sameAs", "@id", "url"):
        value = ld.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                item = item.get("value") or item.get("@id") or item.get("url")
            if isinstance(item, str):
                values.append(item)
    return values


def _ld_authors(ld: dict[str, Any]) -> list[str]:
    authors = ld.get("author") or ld.get("creator") or []
    names = []
    for author in authors if isinstance(authors, list) else [authors]:
        if isinstance(author, str):
            names.append(author)
        elif isinstance(author, dict):
            if author.get("familyName"):
                names.append(f"{author['familyName']}, {author.get('givenName', '')}")
            elif author.get("name"):
                names.append(str(author["name"]))
    return names


def _ld_journal(ld: dict[str, Any]) -> str | None:
    part = ld.get("isPartOf")
    for _ in range(4):  # Article -> PublicationIssue -> PublicationVolume -> Periodical
        if isinstance(part, list):
            part = part[0] if part else None
        if not isinstance(part, dict):
            return None
        types = part.get("@type")
        if "Periodical" in (types if isinstance(types, list) else [types]) and part.get("name"):
            return str(part["name"])
        part = part.get("isPartOf")
    return None


def _ld_part(ld: dict[str, Any], key: str) -> list[str]:
    """``key`` (volumeNumber, issueNumber, issn) from the article or what it is part of (issue, volume …)."""
    node: Any = ld
    for _ in range(4):
        if isinstance(node, list):
            node = node[0] if node else None
        if not isinstance(node, dict):
            break
        value = node.get(key)
        if value:
            return [str(v) for v in (value if isinstance(value, list) else [value])]
        node = node.get("isPartOf")
    return []


def _ld_first(values: list[str]) -> str | None:
    return values[0] if values else None


def _ld_keywords(ld: dict[str, Any]) -> list[str]:
    keywords = ld.get("keywords") or []
    if isinstance(keywords, str):
        return re.split(r"[;,]", keywords)
    return [str(k) for k in keywords if isinstance(k, str)]


def _first_doi(values: list[str]) -> str | None:
    return next((doi for doi in (doi_from_text(v) for v in values) if doi), None)


def _plain(value: str | None) -> str:
    """A meta tag's or JSON-LD value as plain text: markup and entities some publishers leave in it
    flattened, white space (no-break spaces too) folded."""
    if not value:
        return ""
    if "<" in value or "&" in value:
        value = soup_of(value.encode("utf-8"), "text/html; charset=utf-8").get_text(" ")
    return one_line(value.replace("\xa0", " "))


# ----------------------------------------------------------------- the page as a reader sees it
#: Elements that are never the article: page furniture and interactive widgets.
_FURNITURE = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "header",
    "footer",
    "aside",
    "menu",
    "dialog",
)
_FURNITURE_ROLES = re.compile(r"^(?:navigation|banner|contentinfo|complementary|search|dialog|menu)$", re.I)
#: id/class words of boilerplate containers (whole words of a class such as "comment-box").
_BOILERPLATE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|comments?|comment-?box|login|log-?in|sign-?in|signin|"
    r"register|share|sharing|social|cookies?|consent|banner|advert|ads|sidebar|related|recommended|"
    r"footer|subscribe|newsletter|popup|modal|toolbar)(?:$|[-_\s])",
    re.I,
)
#: Short texts that are prompts, counters or labels, in the languages such pages come in.
_BOILERPLATE_TEXT = re.compile(
    r"(?i)^\W*(?:sign ?in|log ?in|login|log out|register|create (?:an )?account|subscribe|share|print|"
    r"download pdf|cite|accept(?: all)? cookies?|cookie settings|comments? ?\(?\d*\)?|\d+ comments?|"
    r"leave a (?:comment|reply)|you must be logged in.*|please (?:sign|log) in.*|not signed in|"
    r"留言.*|評論.*|评论.*|沒有登入|没有登录|未登入|未登录|登入|登录|註冊|注册|分享|列印|打印|"
    r"コメント.*|ログイン|댓글.*|로그인)\W*$"
)
_ABSTRACT_ID = re.compile(r"abstract", re.I)
#: Boxes that say "abstract" but hold something else: highlights, cited references' abstracts …
_NOT_ABSTRACT = re.compile(r"highlight|graphical|keyword|reference|recommend|related|citing|-link|-nav", re.I)
_HEADING_WORD = re.compile(r"^(?:abstract|summary|résumé|resumen|zusammenfassung|摘要)\s*[:.]?\s*", re.I)


def visible_text(soup: BeautifulSoup) -> tuple[str, str]:
    """(title, abstract) as a reader sees them, with navigation, comment boxes and sign-in prompts removed.

    Works on a copy so the metadata readers still see the whole page.
    """
    page = BeautifulSoup(str(soup), "lxml") if soup.find("body") else soup
    body = page.find("body") or page
    for element in body.find_all(list(_FURNITURE)):
        if element.decomposed:
            continue
        if element.name in ("header", "footer") and element.find_parent(["article", "main"]) is not None:
            continue  # an article's own header holds its title and often its abstract
        element.decompose()
    for element in body.find_all(True):
        if element.decomposed:
            continue
        role = element.get("role")
        classes = " ".join([*(element.get("class") or []), str(element.get("id") or "")])
        if (isinstance(role, str) and _FURNITURE_ROLES.match(role)) or (
            classes.strip() and _BOILERPLATE_CLASS.search(classes) and not _ABSTRACT_ID.search(classes)
        ):
            element.decompose()
    heading = body.find("h1")
    title = " ".join(heading.get_text(" ").split()) if isinstance(heading, Tag) else ""
    if not title:
        title_tag = page.find("title")
        title = re.split(r"\s+[|–—-]\s+", " ".join(title_tag.get_text(" ").split()))[0] if title_tag else ""
    abstract = _abstract_box_text(body)
    if abstract:
        return title, abstract
    start = heading if isinstance(heading, Tag) else body
    return title, _first_run(start.find_all_next("p") if start is heading else body.find_all("p"))


def _abstract_box_text(body: Tag) -> str:
    """The text of the tightest element whose id or class says "abstract" (not highlights or keywords)."""
    boxes = {id(el): el for el in [*body.find_all(id=_ABSTRACT_ID), *body.find_all(class_=_ABSTRACT_ID)]}
    texts = []
    for box in boxes.values():
        names = " ".join([*(box.get("class") or []), str(box.get("id") or "")])
        if _NOT_ABSTRACT.search(names):
            continue
        text = _HEADING_WORD.sub("", _paragraphs_text(box.find_all(["p", "div"]) or [box])).strip()
        if len(text) >= 80:
            texts.append(text)
    return min(texts, key=len) if texts else ""


def _paragraphs_text(elements: list[Tag]) -> str:
    texts = []
    for element in elements:
        if element.find(["p", "div"]):
            continue  # its inner blocks come separately
        text = " ".join(element.get_text(" ").split())
        if text and not _BOILERPLATE_TEXT.match(text):
            texts.append(text)
    return "\n\n".join(dict.fromkeys(texts))


def _first_run(paragraphs: list[Tag], minimum: int = 80, most: int = 6) -> str:
    """The first run of substantial paragraphs in one container: the abstract or lead of the page.

    A paragraph in another container (acknowledgements in an accordion, a promotion box) ends the run.
    """
    run: list[str] = []
    parent = None
    for paragraph in paragraphs:
        text = " ".join(paragraph.get_text(" ").split())
        substantial = len(text) >= minimum and not _BOILERPLATE_TEXT.match(text)
        if run and (not substantial or paragraph.parent is not parent):
            break
        if substantial:
            run.append(text)
            parent = paragraph.parent
            if len(run) == most:
                break
    return "\n\n".join(run)
