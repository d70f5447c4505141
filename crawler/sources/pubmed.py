"""PubMed through NCBI E-utilities: esearch per topic, then efetch of the new PMIDs in batches.

Cost is the point of the design: a run over T topics that finds N distinct new records makes T esearch
requests (more only when a window must be split past 9,999 hits) and ceil(N/200) efetch requests, because
the PMIDs of all topics are pooled, already-stored ones are dropped, and each remaining PMID is fetched
once by POSTing id lists. NCBI's limits (3 requests/s, 10 with an API key) are set on the session.

Most new records arrive before NLM has indexed them ("Publisher", "In-Process"): no MeSH headings, no
publication types, which the tagger reads first. After its searches, a run therefore asks again, in one
more efetch POST through the same rate-limited session, for up to ``recheck_batch`` stored records still
awaiting indexing (stored within ``recheck_window_days``, each at most once a day, the longest unchecked
first); one that comes back indexed replaces the stored record and its work is assessed again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from urllib.parse import urljoin

from lxml import etree
from osteodigest.crawler.errors import ParseError, SourceError
from osteodigest.crawler.http import request_checked
from osteodigest.crawler.models import FetchResult, Record, SetAside
from osteodigest.crawler.settings import NCBI_API_KEY_ENV
from osteodigest.crawler.sources.base import FetchContext, Window, collect
from osteodigest.crawler.sources.guard import defuse_char_refs
from osteodigest.crawler.sources.medline import parse_medline

#: PubMed's esearch cannot page past this many ids; larger windows are split in two.
ESEARCH_LIMIT = 9999
#: The fetch log's key for a run's recheck of records awaiting indexing (no topic, and no watermark).
RECHECK_KEY = "awaiting indexing"

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass
class SearchResult:
    count: int
    ids: list[str]
    webenv: str | None = None
    query_key: str | None = None
    warnings: list[str] = field(default_factory=list)


def parse_esearch(data: bytes) -> SearchResult:
    """Parse an eSearchResult reply; an NCBI <ERROR> becomes a ParseError with its message."""
    try:
        root = etree.fromstring(data, _SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"esearch reply is not valid XML: {exc}") from None
    if root.tag != "eSearchResult":
        raise ParseError(f"esearch reply has unexpected root <{root.tag}>")
    error = root.findtext("ERROR")
    if error:
        raise ParseError(f"esearch error: {error.strip()}")
    count_text = root.findtext("Count")
    if count_text is None or not count_text.strip().isdigit():
        raise ParseError("esearch reply has no Count")
    warnings = [f"{el.tag}: {el.text}" for el in root.iterfind("ErrorList/*") if el.text] + [
        f"{el.tag}: {el.text}"
        for el in root.iterfind("WarningList/*")
        if el.text and el.tag != "OutputMessage"
    ]
    return SearchResult(
        count=int(count_text),
        ids=[el.text.strip() for el in root.iterfind("IdList/Id") if el.text],
        webenv=root.findtext("WebEnv"),
        query_key=root.findtext("QueryKey"),
        warnings=warnings,
    )


class PubMedClient:
    """The E-utilities calls, with NCBI's required identification (tool, email, api_key)."""

    def __init__(self, ctx: FetchContext) -> None:
        self.ctx = ctx
        self.base = ctx.base_root
        self.api_key = os.environ.get(NCBI_API_KEY_ENV, "").strip() or None
        rate = ctx.config["rate_limit_with_key"] if self.api_key else ctx.config["rate_limit"]
        ctx.session.set_rate(self.base, float(rate))
        self.requests = 0

    def _identity(self) -> dict[str, str]:
        params = {"tool": self.ctx.config["tool"], "email": self.ctx.contact_email}
        if self.api_key:
            params["api_key"] = self.api_key
        return params

    def esearch(self, term: str, window: Window) -> SearchResult:
        params = {
            "db": "pubmed",
            "term": term,
            "datetype": "edat",
            "mindate": window.start.strftime("%Y/%m/%d"),
            "maxdate": window.end.strftime("%Y/%m/%d"),
            "retmax": str(ESEARCH_LIMIT),
            "usehistory": "y",
            **self._identity(),
        }
        self.requests += 1
        # POST keeps long queries (and the API key) out of URLs and proxy logs.
        response = request_checked(self.ctx.session, "POST", urljoin(self.base, "esearch.fcgi"), data=params)
        return parse_esearch(response.content)

    def efetch(self, pmids: list[str]) -> bytes:
        params = {"db": "pubmed", "retmode": "xml", "id": ",".join(pmids), **self._identity()}
        self.requests += 1
        response = request_checked(self.ctx.session, "POST", urljoin(self.base, "efetch.fcgi"), data=params)
        return response.content

    def search_all(self, term: str, window: Window) -> list[str]:
        """Every PMID entered in the window, splitting it while a half still exceeds 9,999 hits."""
        result = self.esearch(term, window)
        self.ctx.warnings.extend(result.warnings)
        if result.count <= len(result.ids) or result.count <= ESEARCH_LIMIT:
            return result.ids
        if window.days == 1:
            self.ctx.warnings.append(
                f"{window.start}: {result.count} hits in one day; only the first {ESEARCH_LIMIT} taken"
            )
            return result.ids
        first, second = window.split()
        return list(dict.fromkeys(self.search_all(term, first) + self.search_all(term, second)))


def fetch(ctx: FetchContext) -> list[FetchResult]:
    """One result per topic, with all its records (:func:`stream`, collected)."""
    return collect(stream(ctx))


def stream(ctx: FetchContext) -> Iterator[FetchResult]:
    """Search every topic, then yield each efetch batch's records as partial results (one per topic the
    batch has records for) while the next batch is asked for, and each topic's last result at the end:
    its watermark only when every new PMID it found was fetched."""
    client = PubMedClient(ctx)
    today = ctx.today.isoformat()
    results: dict[str, FetchResult] = {}
    topic_ids: dict[str, list[str]] = {}
    for topic in ctx.topics:
        result = FetchResult(source=ctx.name, topic=topic.name)
        results[topic.name] = result
        try:
            topic_ids[topic.name] = client.search_all(ctx.query(topic), ctx.window(topic.name))
        except SourceError as exc:
            result.error = f"esearch for topic {topic.name}: {exc}"

    wanted = _pool_new_ids(ctx, topic_ids)
    fetched: set[str] = set()
    fetch_error: str | None = None
    try:
        for records, set_aside in _fetch_batches(client, list(wanted)):
            batch: dict[str, FetchResult] = {}
            for record in records:
                topics = tuple(t for t in wanted.get(record.source_id, ()) if t in topic_ids)
                fetched.add(record.source_id)
                owner = _partial(batch, ctx.name, topics[0] if topics else ctx.topics[0].name)
                owner.records.append(replace(record, topics=topics or record.topics))
            for item in set_aside:
                # Served, though unreadable: not "missing", and reported with the topic it was found for.
                topics = tuple(t for t in wanted.get(item.source_id or "", ()) if t in topic_ids)
                if item.source_id:
                    fetched.add(item.source_id)
                _partial(batch, ctx.name, topics[0] if topics else ctx.topics[0].name).set_aside.append(item)
            yield from batch.values()
    except SourceError as exc:
        fetch_error = f"efetch: {exc}"
        if exc.raw:
            next(iter(results.values())).raw_failed = exc.raw

    for name, ids in topic_ids.items():
        result = results[name]
        missing = [pmid for pmid in ids if pmid in wanted and pmid not in fetched]
        if fetch_error and missing:
            result.error = fetch_error
        elif missing:
            # efetch silently omits records it cannot serve (deleted, suppressed); say so, keep going.
            result.warnings.append(
                f"{len(missing)} PMIDs were not returned by efetch: {', '.join(missing[:5])}"
            )
        if result.error is None:
            result.state = {"until": today}
    first = next(iter(results.values()))
    first.requests = client.requests
    first.warnings.extend(ctx.warnings)
    yield from results.values()
    if fetch_error is None:  # a service that just failed is not asked again at once
        yield from _recheck(ctx, client, fetched)


def _recheck(ctx: FetchContext, client: PubMedClient, fetched: set[str]) -> Iterator[FetchResult]:
    """Ask once more for stored records NLM had not indexed yet (``fetched`` ones are fresh already):
    one result holding those now indexed (they replace the stored ones) and naming every PMID asked, so
    the store stamps when each was checked. Nothing stored is touched when the request or its reply
    fails; a backfill (an explicit window) never rechecks."""
    limit = int(ctx.config["recheck_batch"])
    if not limit or ctx.window_override is not None:
        return
    since = ctx.today - timedelta(days=int(ctx.config["recheck_window_days"]))
    asked = [
        pmid
        for pmid in ctx.awaiting_indexing(since.isoformat(), ctx.today.isoformat(), limit)
        if pmid not in fetched
    ]
    if not asked:
        return
    result = FetchResult(source=ctx.name, topic=RECHECK_KEY, rechecked=[])
    before = client.requests
    data: bytes | None = None
    try:
        data = client.efetch(asked)
        records = list(parse_medline(defuse_char_refs(data)[0], result.set_aside, ctx.name))
    except SourceError as exc:
        result.error = f"recheck of {len(asked)} records awaiting indexing: efetch: {exc}"
        result.raw_failed = exc.raw or data
        result.set_aside = []
    else:
        wanted = set(asked)
        answered = {record.source_id for record in records} | {
            item.source_id for item in result.set_aside if item.source_id
        }
        result.records = [r for r in records if r.source_id in wanted and not r.awaits_indexing]
        # Every PMID asked is stamped, those not returned too, so that none holds its place at the head
        # of the queue: they are asked again in turn, until they leave the window.
        result.rechecked = asked
        missing = [pmid for pmid in asked if pmid not in answered]
        if missing:
            result.warnings.append(
                f"{len(missing)} PMIDs awaiting indexing were not returned by efetch, left as stored:"
                f" {', '.join(missing[:5])}"
            )
        result.counts = {"rechecked": len(asked), "indexed": len(result.records)}
    result.requests = client.requests - before
    yield result


def _partial(batch: dict[str, FetchResult], source: str, topic: str) -> FetchResult:
    """The batch's partial result for ``topic``, made on first use."""
    return batch.setdefault(topic, FetchResult(source=source, topic=topic, partial=True))


def _pool_new_ids(ctx: FetchContext, topic_ids: dict[str, list[str]]) -> dict[str, list[str]]:
    """PMID -> topics it was found for, leaving out PMIDs the store already holds."""
    pooled: dict[str, list[str]] = {}
    for name, ids in topic_ids.items():
        for pmid in ids:
            pooled.setdefault(pmid, []).append(name)
    return {pmid: topics for pmid, topics in pooled.items() if not ctx.is_known("pmid", pmid)}


def _fetch_batches(client: PubMedClient, pmids: list[str]) -> Iterator[tuple[list[Record], list[SetAside]]]:
    """Each efetch reply's records and set-aside records, one reply (``batch_size`` PMIDs) at a time."""
    batch = int(client.ctx.config["batch_size"])
    for start in range(0, len(pmids), batch):
        data = client.efetch(pmids[start : start + batch])
        # An invalid character reference (&#55296;) would stop libxml2 at that record and lose the rest
        # of the batch, every run; defused, only the record that held it is set aside.
        defused, _ = defuse_char_refs(data)
        records: list[Record] = []
        set_aside: list[SetAside] = []
        try:
            records.extend(parse_medline(defused, set_aside, client.ctx.name))
        except ParseError as exc:
            yield records, set_aside  # the complete records before the fault are real: keep them
            raise ParseError(str(exc), raw=data) from None
        yield records, set_aside
