"""Scraped pages: real publisher article pages (../shared/fixtures/html) read through each metadata dialect,
the boilerplate-laden page of the last seed read as a person would, and listings followed over real
sockets with robots.txt obeyed. Variants (a page stripped of one dialect, a listing page, a robots.txt,
error replies) are derived from the real files inside the tests."""

from __future__ import annotations

import re
import threading

import pytest
import requests
from osteodigest.crawler import registry
from osteodigest.crawler.http import make_session
from osteodigest.crawler.sources import scrape
from osteodigest.crawler.sources.base import FetchContext
from osteodigest.crawler.store import Store
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import FIXTURES, fixture_path
from tests.fetching import CONTACT, fast_http, fetch_and_save, fetch_context

FAST_BACKOFF = 0.01
APS = "papis_APS_RevModPhys.94.045004.html"
HAL = "papis_HAL_HAL_jpa_00235190.html"
SPRINGER = "papis_SpringerLink_BF02727953.html"
PEERJ = "papis_Fallback_peerj.html"
SCIENCEDIRECT = "papis_ScienceDirect_S146290112300117X.html"
#: A real PubMed title (bone_topic_subset.xml, PMID 34092542), used to make a page on-topic.
BONE_TITLE = (
    "The value of diffusion-weighted imaging in the diagnosis of "
    "medication-related osteonecrosis of the jaws."
)


def page(name: str) -> bytes:
    return fixture_path("html", name).read_bytes()


def without(data: bytes, *patterns: bytes) -> bytes:
    """The page with every matching tag removed (to leave only one metadata dialect)."""
    for pattern in patterns:
        data = re.sub(pattern, b"", data, flags=re.I | re.S)
    return data


HIGHWIRE = rb"<meta[^>]+name=\"citation_[^>]*>"
DUBLIN_CORE = rb"<meta[^>]+name=\"(?:dc|dcterms|prism)\.[^>]*>"
JSON_LD = rb"<script[^>]+ld\+json[^>]*>.*?</script>"
OTHER_META = rb"<meta[^>]+(?:name|property)=\"(?:og:|twitter:|description)[^>]*>"


def seed_page() -> tuple[bytes, str, str]:
    """The last seed (an abstract scraped with its page's comment counter and sign-in prompt) as the
    page it came from: title heading, abstract paragraph, then the boilerplate lines as they sat there."""
    path = FIXTURES.parent / "seeds" / "003_4a94c09a0dcf1062.txt"
    if not path.exists():
        pytest.skip(f"seed {path} is absent")
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    title, abstract, *boilerplate = lines
    assert boilerplate == ["留言 (0)", "沒有登入", "gif"]  # comment counter, "not signed in", an icon's name
    furniture = "<a href='/'>首頁</a> <a href='/journals'>期刊</a> <a href='/login'>登入</a>"
    html = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} - 期刊</title></head><body>"
        f"<div class='top-menu'>{furniture}</div>"
        f"<div class='article'><h1>{title}</h1><p>{abstract}</p>"
        + "".join(f"<p>{line}</p>" for line in boilerplate)
        + "</div><div class='comment-box'><textarea></textarea><p>留言 (0)</p></div>"
        "<footer><p>Copyright 2024 – all rights reserved, reproduction without permission is prohibited"
        " in any form.</p></footer></body></html>"
    )
    return html.encode("utf-8"), title, abstract


# --------------------------------------------------------------------------------------------- parsing
def test_highwire_citation_tags():
    record = scrape.parse_article(
        page(APS), "https://journals.aps.org/rmp/abstract/10.1103/RevModPhys.94.045004"
    )
    assert record.source == "scrape" and record.source_id == "10.1103/revmodphys.94.045004"
    assert record.title == "Ultrafast electron diffraction: Visualizing dynamic states of matter"
    assert record.journal == "Reviews of Modern Physics" and record.journal_abbrev == "Rev. Mod. Phys."
    assert (record.volume, record.issue, record.published) == ("94", "4", "2022-12-06")
    assert len(record.authors) == 7 and "Siwick BJ" in record.authors
    assert record.abstract.startswith("Since the discovery of electron-wave duality")


def test_dublin_core_alone():
    data = without(page(HAL), HIGHWIRE, OTHER_META)  # derived: HAL page without its citation_* tags
    record = scrape.parse_article(data, "https://hal.science/jpa-00235190")
    assert record.title == "Déplacement de Knight dans les alliages"
    assert record.journal == "Journal de Physique et le Radium" and record.published == "1955"
    assert record.authors == ("Friedel J",) and record.language == "fr"
    assert record.abstract.startswith("Des calculs récents de la densité électronique")
    assert record.doi is None and record.source_id == "https://hal.science/jpa-00235190"


def test_json_ld_scholarly_article_alone():
    data = without(page(SPRINGER), HIGHWIRE, DUBLIN_CORE, OTHER_META)  # derived: only JSON-LD is left
    assert b"citation_" not in data.split(b"<body")[0]
    record = scrape.parse_article(data, "https://link.springer.com/article/10.1007/BF02727953")
    assert record.title == "On the theory of identical particles"
    assert record.doi == "10.1007/bf02727953", "from sameAs"
    assert record.journal == "Il Nuovo Cimento B (1971-1996)" and record.issn == ("1826-9877",)
    assert (record.volume, record.pages, record.published) == ("37", "1-23", "2007-10-23")
    assert record.authors == ("Leinaas JM", "Myrheim J")
    assert record.abstract.startswith("The classical configuration space")


def test_visible_title_and_abstract_when_a_real_page_has_no_metadata():
    data = without(page(PEERJ), HIGHWIRE, DUBLIN_CORE, JSON_LD, OTHER_META)
    record = scrape.parse_article(data, "https://peerj.com/articles/4886/")
    assert record.title == "Reef fish communities are spooked by scuba surveys and may take hours to recover"
    assert record.abstract.startswith("Ecological monitoring programs typically aim")
    assert len(record.abstract) < 2500, "the abstract, not the whole article"


def test_sciencedirect_abstract_is_not_its_highlights_or_cited_abstracts():
    data = without(page(SCIENCEDIRECT), OTHER_META)
    record = scrape.parse_article(data, "https://www.sciencedirect.com/science/article/pii/S146290112300117X")
    assert record.pii == "S146290112300117X" and record.doi == "10.1016/j.envsci.2023.04.016"
    assert record.abstract.startswith("Urban climate adaptation through nature-based solutions")


def test_boilerplate_of_the_seed_page_is_stripped():
    data, title, abstract = seed_page()
    record = scrape.parse_article(data, "https://journal.example/article/1")
    assert record.title == title
    assert record.abstract == " ".join(abstract.split())
    assert "留言" not in record.abstract and "登入" not in record.abstract
    assert record.source_id == "https://journal.example/article/1"


def test_error_and_sign_in_pages_are_not_articles():
    with pytest.raises(scrape.ParseError, match="page title 'Sign in'"):
        sign_in = b"<html><head><title>Sign in</title></head><body><h1>Sign in</h1><p>Please log in.</p>"
        scrape.parse_article(sign_in + b"</body></html>", "https://x.example/")
    with pytest.raises(scrape.ParseError, match="empty reply"):
        scrape.parse_article(b"", "https://x.example/")


def test_listing_links_follow_the_selector_and_resolve_relative_urls():
    listing = (
        b"<html><body><nav><a href='/about'>About</a></nav><ul class='articles'>"
        b"<li><a href='/a/1#top'>One</a></li><li><a href='a/2'>Two</a></li>"
        b"<li><a href='https://other.example/a/3'>Three</a></li><li><a href='/a/1'>One again</a></li>"
        b"<li><a href='mailto:x@example.org'>mail</a></li></ul></body></html>"
    )
    links = scrape.listing_links(listing, "https://journal.example/issue/current", "ul.articles a")
    assert links == [
        "https://journal.example/a/1",
        "https://journal.example/issue/a/2",
        "https://other.example/a/3",
    ]
    with pytest.raises(scrape.ParseError, match="not valid CSS"):
        scrape.listing_links(listing, "https://journal.example/", "ul[")


# --------------------------------------------------------------------------------------------- fetching
def context(pages: list[dict], store: Store | None = None, **config) -> FetchContext:
    return fetch_context(
        "scrape", {"pages": pages, "rate_limit": 1000.0, **config}, store=store, backoff=FAST_BACKOFF
    )


def serve_page(httpserver, path: str, body: bytes, etag: str | None = None) -> list[Request]:
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        if etag and request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type="text/html; charset=utf-8", headers={"ETag": etag} if etag else {})

    httpserver.expect_request(path).respond_with_handler(handler)
    return seen


def robots(httpserver, text: str = "User-agent: *\nDisallow:\n") -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(text, content_type="text/plain")


def listing_html(links: list[str]) -> bytes:
    items = "".join(f"<li class='item'><a href='{link}'>article</a></li>" for link in links)
    return f"<html><body><a href='/help'>Help</a><ul class='toc'>{items}</ul></body></html>".encode()


def test_article_page_over_http_with_conditional_get(httpserver, store):
    robots(httpserver)
    requests_seen = serve_page(httpserver, "/article/aps", page(APS), etag='"aps-1"')
    pages = [{"url": httpserver.url_for("/article/aps"), "match_topics": False}]
    (first,) = fetch_and_save(context(pages, store), store)
    assert first.ok and [r.doi for r in first.records] == ["10.1103/revmodphys.94.045004"]
    assert first.state == {"etag": '"aps-1"', "checked": "2026-11-21"}
    assert requests_seen[0].headers["User-Agent"].startswith("OsteoDigest/")

    (second,) = fetch_and_save(context(pages, store), store)
    assert requests_seen[1].headers["If-None-Match"] == '"aps-1"'
    state = store.ops.get_state("scrape", pages[0]["url"])
    assert second.ok and second.records == [] and state["etag"] == '"aps-1"'


def test_topic_filter_on_pages(httpserver):
    robots(httpserver)
    serve_page(httpserver, "/off", page(SPRINGER))
    # Derived: the Springer page with its citation_title replaced by a real bone-research title.
    on = re.sub(rb'(name="citation_title" content=")[^"]*', b"\\g<1>" + BONE_TITLE.encode(), page(SPRINGER))
    serve_page(httpserver, "/on", on)
    off_result, on_result = scrape.fetch(context([{"url": httpserver.url_for(p)} for p in ("/off", "/on")]))
    assert off_result.ok and off_result.records == [] and off_result.state["checked"]
    assert [r.title for r in on_result.records] == [BONE_TITLE]
    # Candidates (the relevance stage's first look), the sub-topic of the jaw included; the decision is
    # made on the stored work.
    assert on_result.records[0].topics == ("osteonecrosis", "jaw_osteonecrosis")


def test_listing_is_followed_once_capped_by_max_pages(httpserver, store):
    robots(httpserver)
    names = [APS, HAL, SPRINGER]
    served = {f"/a/{i}": serve_page(httpserver, f"/a/{i}", page(name)) for i, name in enumerate(names)}
    listing_requests = serve_page(httpserver, "/toc", listing_html(list(served)), etag='"toc-1"')
    pages = [
        {
            "url": httpserver.url_for("/toc"),
            "kind": "listing",
            "link_selector": "ul.toc a",
            "match_topics": False,
            "name": "TOC",
        }
    ]

    (first,) = fetch_and_save(context(pages, store, max_pages=2), store)
    assert first.ok and len(first.records) == 2 and "max_pages" in first.warnings[0]
    state = store.ops.get_state("scrape", pages[0]["url"])
    assert state["pending"] == [httpserver.url_for("/a/2")] and len(state["seen"]) == 2

    (second,) = fetch_and_save(context(pages, store, max_pages=2), store)
    assert listing_requests[1].headers["If-None-Match"] == '"toc-1"', "listing unchanged: 304"
    assert second.ok and [r.title for r in second.records] == ["On the theory of identical particles"]
    assert [len(v) for v in served.values()] == [1, 1, 1], "each article fetched exactly once"

    (third,) = fetch_and_save(context(pages, store, max_pages=2), store)
    assert third.ok and third.records == [] and [len(v) for v in served.values()] == [1, 1, 1]
    assert store.counts()["records"] == 3


def test_robots_txt_is_obeyed_and_crawl_delay_becomes_the_hosts_spacing(httpserver):
    robots(httpserver, "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n")
    allowed = serve_page(httpserver, "/a/ok", page(APS))
    private = serve_page(httpserver, "/private/a", page(HAL))
    serve_page(httpserver, "/toc", listing_html(["/a/ok", "/private/a"]))
    ctx = context(
        [
            {
                "url": httpserver.url_for("/toc"),
                "kind": "listing",
                "link_selector": ".toc a",
                "match_topics": False,
            }
        ]
    )
    (result,) = scrape.fetch(ctx)
    assert result.ok and len(result.records) == 1 and len(allowed) == 1
    assert private == [], "a disallowed page is never requested"
    assert any("robots.txt disallows" in w for w in result.warnings)
    host = f"{httpserver.host}:{httpserver.port}"
    assert ctx.session.limiter.interval(host) == 1.0, "Crawl-delay: 1 wins over the configured 1000/s"
    # robots.txt first, then the listing and the article, each a second after the one before.
    assert ctx.session.limiter.clock.sleeps == [1.0, 1.0]


def test_robots_txt_naming_our_agent_keeps_us_out(httpserver):
    robots(httpserver, "User-agent: OsteoDigest\nDisallow: /\n\nUser-agent: *\nDisallow:\n")
    article = serve_page(httpserver, "/a/1", page(APS))
    (result,) = scrape.fetch(context([{"url": httpserver.url_for("/a/1"), "match_topics": False}]))
    assert result.ok and result.records == [] and article == []
    assert "robots.txt disallows" in result.warnings[0]


def test_unreadable_robots_txt_is_an_error_and_nothing_is_crawled(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("down", status=503)
    article = serve_page(httpserver, "/a/1", page(APS))
    (result,) = scrape.fetch(context([{"url": httpserver.url_for("/a/1"), "name": "APS"}]))
    assert (
        result.error.startswith('page "APS"')
        and "robots.txt" in result.error
        and "could not be read" in result.error
    )
    assert article == [] and result.state == {}


def test_a_failing_article_fails_the_listing_but_keeps_the_others(httpserver, store):
    robots(httpserver)
    serve_page(httpserver, "/a/ok", page(APS))
    httpserver.expect_request("/a/busy").respond_with_data("busy", status=503)
    httpserver.expect_request("/a/dead").respond_with_data("gone", status=404)
    httpserver.expect_request("/a/paper.pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    serve_page(httpserver, "/toc", listing_html(["/a/ok", "/a/busy", "/a/dead", "/a/paper.pdf"]))
    pages = [
        {
            "url": httpserver.url_for("/toc"),
            "kind": "listing",
            "link_selector": ".toc a",
            "match_topics": False,
            "name": "TOC",
        }
    ]
    (result,) = fetch_and_save(context(pages, store), store)
    assert result.error.startswith('listing "TOC"') and "1 of 4 articles failed" in result.error
    assert "/a/busy" in result.error and "HTTP 503" in result.error and "\n" not in result.error
    assert [r.doi for r in result.records] == ["10.1103/revmodphys.94.045004"], "what arrived is kept"
    assert any("/a/dead answered HTTP 404" in w for w in result.warnings), "a dead link is only a warning"
    assert any("paper.pdf is not an HTML page (application/pdf)" in w for w in result.warnings)
    assert store.ops.get_state("scrape", pages[0]["url"]) == {}, "the listing's state does not advance"
    assert store.counts()["records"] == 1


def test_a_listing_without_selector_and_an_error_page(httpserver):
    robots(httpserver)
    httpserver.expect_request("/broken").respond_with_data(
        "<html><body>Internal error</body></html>", status=500, content_type="text/html"
    )
    results = scrape.fetch(
        context(
            [
                {"url": httpserver.url_for("/toc"), "kind": "listing"},
                {"url": httpserver.url_for("/broken"), "name": "Broken"},
            ]
        )
    )
    assert "needs link_selector" in results[0].error
    assert results[1].error.startswith('page "Broken"') and "HTTP 500" in results[1].error


def test_scrape_is_registered():
    assert registry.get("scrape").fetcher() is scrape.fetch


def test_one_request_per_host_at_a_time():
    """Three threads sharing the polite session never have two requests in flight to one host.

    Each request is held until all three are in flight, or ``hold`` seconds: the shared session never
    gets there, so each of its requests is held the short while in which a second one would show;
    three unshared sessions get there at once, which proves the server would take them together.
    """
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    try:
        in_flight, peak, lock, all_in = [0], [0], threading.Lock(), threading.Event()
        hold = [0.2]

        def held(request: Request) -> Response:
            with lock:
                in_flight[0] += 1
                peak[0] = max(peak[0], in_flight[0])
                if in_flight[0] == 3:
                    all_in.set()
            all_in.wait(hold[0])
            with lock:
                in_flight[0] -= 1
            return Response("ok")

        server.expect_request("/held").respond_with_handler(held)
        session = make_session(fast_http(FAST_BACKOFF), CONTACT)
        threads = [threading.Thread(target=session.get, args=(server.url_for("/held"),)) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(server.log) == 3 and peak[0] == 1
        # The same server does take concurrent requests from separate, unshared sessions.
        peak[0], hold[0] = 0, 30.0  # a hang guard only: the third request releases all three
        threads = [threading.Thread(target=requests.get, args=(server.url_for("/held"),)) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert peak[0] == 3
    finally:
        server.clear()
        server.stop()
