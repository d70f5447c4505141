"""Journal feeds, parsed from the real publisher feeds in ../shared/fixtures/rss and fetched over real
sockets from a local server replaying them. Variants a test needs (a 304, a 301, a 410, a cut-off body,
an HTML error page, a feed with one on-topic item) are derived from those files inside the test."""

from __future__ import annotations

import re

import feedparser
import pytest
from osteodigest.crawler import registry
from osteodigest.crawler.sources import rss
from osteodigest.crawler.sources.base import FetchContext
from osteodigest.crawler.store import Store
from werkzeug import Request, Response

from tests.conftest import fixture_path
from tests.fetching import fetch_and_save, fetch_context

FAST_BACKOFF = 0.01
WILEY = "wiley_feed_19968175_taxon_2021-12-21.xml"
PUBMED = "pubmed_rss_search_newspecies_2021-12-14.xml"
#: A real PubMed title (bone_topic_subset.xml, PMID 34083636), used to make one feed item on-topic.
BONE_TITLE = "Denosumab versus romosozumab for postmenopausal osteoporosis treatment."


def feed_bytes(name: str) -> bytes:
    return fixture_path("rss", name).read_bytes()


def context(feeds: list[dict], store: Store | None = None, **config) -> FetchContext:
    return fetch_context(
        "rss",
        {"feeds": feeds, "replace_shipped": True, "rate_limit": 1000.0, **config},
        store=store,
        backoff=FAST_BACKOFF,
    )


class FeedServer:
    """Serves one feed body with an ETag and Last-Modified, answering 304 to a matching conditional GET."""

    def __init__(self, body: bytes, etag: str = '"v1"') -> None:
        self.body = body
        self.etag = etag
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        if request.headers.get("If-None-Match") == self.etag:
            return Response(status=304, headers={"ETag": self.etag})
        return Response(
            self.body,
            content_type="application/rss+xml; charset=UTF-8",
            headers={"ETag": self.etag, "Last-Modified": "Tue, 21 Dec 2021 09:15:10 GMT"},
        )


# --------------------------------------------------------------------------------------------- parsing
def test_every_real_feed_parses_with_identifiers_and_dates():
    counts = {}
    for path in sorted(fixture_path("rss").iterdir()):
        parsed = rss.parse_feed(path.read_bytes(), url="https://publisher.example/feed")
        assert parsed.complete and parsed.records, path.name
        assert all(r.title and r.source_id and r.source == "rss" for r in parsed.records)
        counts[path.name] = len(parsed.records)
    assert counts[WILEY] == 66 and counts["pensoft_zookeys_2021-12-21.xml"] == 100
    assert sum(counts.values()) == 427


def test_identifiers_from_prism_dc_guid_links_and_body_lines():
    wiley = rss.parse_feed(feed_bytes(WILEY)).records[0]
    assert wiley.doi == "10.1002/tax.12650" and wiley.source_id == "10.1002/tax.12650"  # prism:doi
    assert wiley.journal == "TAXON" and wiley.published == "2021-12-20"
    assert wiley.authors[:2] == ("Binks RM", "Heslewood M")
    assert wiley.abstract.startswith("Leptospermum is"), "the 'Abstract' heading is not part of it"

    pubmed = rss.parse_feed(feed_bytes(PUBMED)).records[1]
    assert (pubmed.pmid, pubmed.doi, pubmed.pmcid) == ("34901874", "10.21307/jofnem-2021-100", "PMC8662978")
    assert pubmed.journal == "Journal of nematology"
    assert pubmed.url == "https://pubmed.ncbi.nlm.nih.gov/34901874/", "tracking parameters dropped"
    assert "PMID:" not in pubmed.abstract and "doi:" not in pubmed.abstract.lower()

    elsevier = rss.parse_feed(feed_bytes("elsevier_sciencedirect_10557903_mpe_2021-12-21.xml")).records[0]
    assert elsevier.doi is None and elsevier.pii == "S1055790321002906"  # ScienceDirect gives only a PII
    assert elsevier.source_id == "https://www.sciencedirect.com/science/article/pii/S1055790321002906"
    assert elsevier.published == "2022-02" and elsevier.authors == ("Bickel DR",)
    assert elsevier.abstract == "", "'Publication date / Source / Author(s)' lines are not an abstract"

    cambridge = rss.parse_feed(feed_bytes("cambridge_core_canent_2021-12-14.rdf")).records[0]  # RSS 1.0
    assert cambridge.doi == "10.4039/tce.2021.38" and cambridge.journal == "The Canadian Entomologist"

    tandf = rss.parse_feed(feed_bytes("tandf_feed_nnfe20_2021-12-14.rdf")).records[0]
    assert tandf.journal == "Studies on Neotropical Fauna and Environment", "not prism:publicationName"

    ijsem = rss.parse_feed(feed_bytes("microbiologysociety_ijsem_2021-12-21.xml")).records[1]
    assert ijsem.doi == "10.1099/ijsem.0.005100", "from the link path, not the name DOI inside the summary"

    assert wiley.publication_types == ("RESEARCH ARTICLE",), "the item's category is its article type"
    zookeys_feed = rss.parse_feed(feed_bytes("pensoft_zookeys_2021-12-21.xml")).records
    assert any(r.publication_types == ("Corrigenda",) for r in zookeys_feed), "notices stay recognisable"
    assert any(r.keywords == ("Checklist",) for r in zookeys_feed)
    zookeys = zookeys_feed[1]
    assert zookeys.doi == "10.3897/zookeys.1078.64116" and zookeys.authors[0] == "Urfer K"
    assert zookeys.abstract.startswith("Establishing species boundaries")

    atom = rss.parse_feed(feed_bytes("ojs_contrib_entomology_atom_2021-12-14.xml"))
    assert atom.title == "Beiträge zur Entomologie = Contributions to Entomology"
    assert atom.records[0].source_id == "https://www.contributions-to-entomology.org/article/view/2039"


def test_two_weekly_polls_of_one_search_share_no_source_ids():
    first = {r.source_id for r in rss.parse_feed(feed_bytes(PUBMED)).records}
    second = {r.source_id for r in rss.parse_feed(feed_bytes(PUBMED.replace("14", "21"))).records}
    assert len(first) == len(second) == 15 and not first & second


def test_not_a_feed_is_a_parse_error_with_the_raw_reply():
    html = b"<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body>busy</body></html>"
    with pytest.raises(rss.ParseError, match=r"an HTML page \('503 Service Unavailable'\)") as caught:
        rss.parse_feed(html)
    assert caught.value.raw == html
    with pytest.raises(rss.ParseError, match="empty reply"):
        rss.parse_feed(b"  \n")
    with pytest.raises(rss.ParseError, match="no item could be read"):
        rss.parse_feed(feed_bytes(WILEY)[:600])


def test_a_cut_off_feed_keeps_complete_items_and_says_so():
    data = feed_bytes(WILEY)
    cut = data[: len(data) // 3]  # derived: the real Wiley feed cut to a third of its length
    parsed = rss.parse_feed(cut)
    assert not parsed.complete
    assert 5 < len(parsed.records) < 66
    assert any("not well-formed" in w for w in parsed.warnings)


def test_feedparser_is_never_handed_a_url_or_path(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(feed_bytes(WILEY))
    # A reply whose whole body is a local path must not make feedparser open that file.
    with pytest.raises(rss.ParseError):
        rss.parse_feed(str(secret).encode())


# --------------------------------------------------------------------------------------------- fetching
def test_fetch_over_http_keeps_every_item_of_an_on_topic_journal(httpserver, store):
    server = FeedServer(feed_bytes(WILEY))
    httpserver.expect_request("/taxon.xml").respond_with_handler(server)
    url = httpserver.url_for("/taxon.xml")
    results = fetch_and_save(context([{"url": url, "name": "TAXON", "match_topics": False}], store), store)
    (result,) = results
    assert result.ok and result.topic == url and result.requests == 1
    assert len(result.records) == 66 and result.records[0].journal == "TAXON"
    assert result.state == {
        "etag": '"v1"',
        "last_modified": "Tue, 21 Dec 2021 09:15:10 GMT",
        "checked": "2026-11-21",
    }
    request = server.requests[0]
    assert (
        request.headers["User-Agent"].startswith("OsteoDigest/")
        and "tests@example.org" in request.headers["User-Agent"]
    )
    assert "application/rss+xml" in request.headers["Accept"]
    assert "If-None-Match" not in request.headers, "first run is unconditional"


def test_topic_filter_keeps_only_on_topic_items(httpserver):
    # Derived: the real PubMed feed with one item's title replaced by a real bone-research title.
    data = feed_bytes(PUBMED)
    first_title = feedparser.parse(data).entries[0].title
    data = data.replace(first_title.encode(), BONE_TITLE.encode(), 1)
    httpserver.expect_request("/search.xml").respond_with_data(data, content_type="application/xml")
    (result,) = rss.fetch(context([{"url": httpserver.url_for("/search.xml"), "name": "search"}]))
    assert result.ok
    assert [r.title for r in result.records] == [BONE_TITLE]
    assert result.records[0].topics == ("osteoporosis",) and result.records[0].pmid == "34902460"


def test_304_is_not_parsed_and_keeps_the_stored_state(httpserver, store, monkeypatch):
    server = FeedServer(feed_bytes(WILEY))
    httpserver.expect_request("/taxon.xml").respond_with_handler(server)
    feeds = [{"url": httpserver.url_for("/taxon.xml"), "match_topics": False}]
    fetch_and_save(context(feeds, store), store)
    stored = store.ops.get_state("rss", feeds[0]["url"])
    parses = []
    original = feedparser.parse
    monkeypatch.setattr(feedparser, "parse", lambda *a, **k: parses.append(1) or original(*a, **k))

    (second,) = fetch_and_save(context(feeds, store), store)
    assert server.requests[1].headers["If-None-Match"] == '"v1"'
    assert server.requests[1].headers["If-Modified-Since"] == "Tue, 21 Dec 2021 09:15:10 GMT"
    assert second.ok and second.records == [] and parses == []
    assert store.ops.get_state("rss", feeds[0]["url"]) == stored
    assert store.counts()["records"] == 66, "the records of the first run are kept"


def test_301_moves_the_feed_for_good_and_302_does_not(httpserver, store):
    httpserver.expect_request("/old.xml").respond_with_response(
        Response(status=301, headers={"Location": httpserver.url_for("/new.xml")})
    )
    httpserver.expect_request("/temp.xml").respond_with_response(
        Response(status=302, headers={"Location": httpserver.url_for("/new.xml")})
    )
    server = FeedServer(feed_bytes(WILEY))
    httpserver.expect_request("/new.xml").respond_with_handler(server)
    old, temp = httpserver.url_for("/old.xml"), httpserver.url_for("/temp.xml")
    feeds = [{"url": old, "match_topics": False}, {"url": temp, "match_topics": False}]

    first = fetch_and_save(context(feeds, store), store)
    assert all(r.ok and len(r.records) == 66 for r in first)
    assert store.ops.get_state("rss", old)["url"] == httpserver.url_for("/new.xml")
    assert "url" not in store.ops.get_state("rss", temp)
    assert any("moved permanently" in w for w in first[0].warnings)

    httpserver.clear_log()
    second = fetch_and_save(context(feeds, store), store)
    paths = [request.path for request, _ in httpserver.log]
    assert paths.count("/old.xml") == 0 and paths.count("/temp.xml") == 1
    assert second[0].ok and second[0].records == [], "the moved feed answered 304 at its new address"
    assert store.ops.get_state("rss", old)["url"] == httpserver.url_for("/new.xml"), "the new address is kept"


def test_410_retires_the_feed_with_a_warning(httpserver, store):
    httpserver.expect_request("/gone.xml").respond_with_data("Gone", status=410)
    feeds = [{"url": httpserver.url_for("/gone.xml"), "name": "Old Journal"}]
    (first,) = fetch_and_save(context(feeds, store), store)
    assert first.ok and first.records == [] and "410 Gone" in first.warnings[0]
    assert store.ops.get_state("rss", feeds[0]["url"])["gone"] is True

    httpserver.clear_log()
    (second,) = fetch_and_save(context(feeds, store), store)
    assert httpserver.log == [], "a retired feed is not requested again"
    assert second.ok and 'feed "Old Journal"' in second.warnings[0] and "skipped" in second.warnings[0]


def test_a_cut_off_feed_keeps_its_items_but_not_its_validators(httpserver, store):
    data = feed_bytes(WILEY)
    server = FeedServer(data[: len(data) // 2])  # derived: the real feed cut in half
    httpserver.expect_request("/taxon.xml").respond_with_handler(server)
    feeds = [{"url": httpserver.url_for("/taxon.xml"), "match_topics": False}]
    (result,) = fetch_and_save(context(feeds, store), store)
    assert result.ok and 10 < len(result.records) < 66
    assert "not well-formed" in result.warnings[0]
    assert store.ops.get_state("rss", feeds[0]["url"]) == {}
    fetch_and_save(context(feeds, store), store)
    assert "If-None-Match" not in server.requests[1].headers, "the next run fetches the whole feed again"


@pytest.mark.parametrize(
    ("status", "body", "content_type", "expected"),
    [
        (
            200,
            b"<html><head><title>Sign in</title></head><body>Please sign in</body></html>",
            "text/html",
            "reply is not a feed: an HTML page ('Sign in')",
        ),
        (404, b"Not Found", "text/plain", "HTTP 404 NOT FOUND from"),
        (503, b"busy", "text/plain", "HTTP 503 SERVICE UNAVAILABLE from"),
    ],
)
def test_failures_name_the_feed_in_one_line_and_leave_others_alone(
    httpserver, store, status, body, content_type, expected
):
    httpserver.expect_request("/bad.xml").respond_with_data(body, status=status, content_type=content_type)
    httpserver.expect_request("/good.xml").respond_with_data(feed_bytes(WILEY), content_type="text/xml")
    feeds = [
        {"url": httpserver.url_for("/bad.xml"), "name": "Broken Journal"},
        {"url": httpserver.url_for("/good.xml"), "match_topics": False},
    ]
    bad, good = fetch_and_save(context(feeds, store), store)
    assert bad.error.startswith('feed "Broken Journal" (http://') and expected.lower() in bad.error.lower()
    assert "\n" not in bad.error and bad.state == {} and store.ops.get_state("rss", feeds[0]["url"]) == {}
    assert good.ok and len(good.records) == 66 and store.ops.get_state("rss", feeds[1]["url"])["checked"]


def test_rss_is_registered_and_uses_the_shipped_feeds_when_none_are_configured():
    assert registry.get("rss").fetcher() is rss.fetch
    feeds = rss.configured_feeds(registry.get("rss").defaults())
    names = [f.name for f in feeds]
    assert "Osteoporosis International" in names and "Frontiers in Endocrinology" in names
    assert len(set(names)) == len(names) and all(f.url.startswith("https://") for f in feeds)
    osteoporosis_int = next(f for f in feeds if f.name == "Osteoporosis International")
    assert not osteoporosis_int.match_topics and "facet-journal-id=198" in osteoporosis_int.url
    assert all(
        re.match(r"https://rss\.sciencedirect\.com/publication/science/\d{7}[\dX]$", f.url)
        for f in feeds
        if "sciencedirect" in f.url
    )


def test_relative_feed_urls_resolve_against_base_url():
    config = {
        **registry.get("rss").defaults(),
        "base_url": "http://127.0.0.1:9/feeds/",
        "feeds": [{"url": "bone.xml", "name": "", "match_topics": True, "enabled": True}],
    }
    assert [f.url for f in rss.configured_feeds(config)] == ["http://127.0.0.1:9/feeds/bone.xml"]


def test_disabled_feeds_are_not_fetched(httpserver):
    httpserver.expect_request("/x.xml").respond_with_data(feed_bytes(WILEY))
    results = rss.fetch(context([{"url": httpserver.url_for("/x.xml"), "enabled": False}]))
    assert results == [] and httpserver.log == []
