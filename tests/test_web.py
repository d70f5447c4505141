"""The subscriber's web through Flask's test client: every route, every error, and what must stay safe."""

from __future__ import annotations

import re

import feedparser
import pytest
from bs4 import BeautifulSoup

from crawler.models import Record
from crawler.run import load_topics_for
from crawler.store import Store
from newsletter.edition import make_edition
from newsletter.web import create_app
from tests.web_fixtures import build_store, make_settings

EVIL_TITLE = 'Bone <script>alert("x")</script> loss "><img src=x onerror=alert(1)> \x0b in rats'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(site):
    return create_app(site.settings).test_client()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


# ------------------------------------------------------------------------------------------- archive
def test_root_redirects_to_the_editions(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/editions/")


def test_edition_page_lists_every_item_of_the_edition_with_its_anchor(client, site):
    response = client.get(f"/editions/{site.edition_id}")
    assert response.status_code == 200
    page = soup(response)
    anchors = [a["id"] for a in page.select("article.item")]
    assert len(site.work_ids) > 200  # the whole fixture, far past the email's max_items
    assert sorted(anchors) == sorted(f"w{wid}" for wid in site.work_ids)
    assert len(anchors) == len(set(anchors))
    # Every item links to its own anchor, so a reader can copy the link an email would use.
    for article in page.select("article.item"):
        assert article.select_one("a.permalink")["href"] == f"#{article['id']}"
    # Not only the items an email had room for (max_items 25): the PubMed link of every work is there.
    with Store(site.settings.database_path) as store:
        pmids = {w.pmid for w in store.get_works(site.work_ids) if w.pmid}
    text = response.get_data(as_text=True)
    assert all(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" in text for pmid in pmids)


def test_edition_page_for_one_topic_keeps_only_that_topic(client, site):
    response = client.get(f"/editions/{site.edition_id}?topic=osteonecrosis")
    assert response.status_code == 200
    with Store(site.settings.database_path) as store:
        expected = {f"w{w.id}" for w in store.get_works(site.work_ids) if "osteonecrosis" in w.topics}
    shown = {a["id"] for a in soup(response).select("article.item")}
    assert shown == expected and 0 < len(shown) < len(site.work_ids)


def test_unknown_edition_topic_and_page_are_404(client, site):
    for url in (
        "/editions/999999",
        f"/editions/{site.edition_id}?topic=nonexistent",
        "/editions/abc",
        "/editions/?page=0",
        "/editions/?page=7",
        "/nowhere",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Page not found" in response.get_data(as_text=True)


def test_editions_list_is_newest_first_and_pages(tmp_path):
    site = build_store(tmp_path, limit=5)
    topics = load_topics_for(site.settings)
    with Store(site.settings.database_path) as store:
        later = [make_edition(site.settings, store, topics) for _ in range(51)]
    client = create_app(site.settings).test_client()
    first = soup(client.get("/editions/"))
    links = [a["href"] for a in first.select("ul.editions a")]
    assert links[0] == f"/editions/{later[-1]}"
    assert len(links) == 50
    assert [int(h.rsplit("/", 1)[1]) for h in links] == sorted(later, reverse=True)[:50]
    assert first.select_one("nav.pager a")["href"] == "/editions/?page=2"
    second = soup(client.get("/editions/?page=2"))
    assert [a["href"] for a in second.select("ul.editions a")] == [
        f"/editions/{later[0]}",
        f"/editions/{site.edition_id}",
    ]
    assert "5 items" in second.get_text()


def test_empty_archive_says_so(tmp_path):
    client = create_app(make_settings(tmp_path)).test_client()
    assert "No edition has been published yet" in client.get("/editions/").get_data(as_text=True)
    parsed = feedparser.parse(client.get("/feed.xml").data)
    assert parsed.bozo == 0 and parsed.entries == []


# ------------------------------------------------------------------------------------------- feed
def test_feed_parses_without_bozo_and_links_every_item(client, site):
    response = client.get("/feed.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "OsteoDigest"
    [entry] = parsed.entries
    page = f"https://digest.example.org/editions/{site.edition_id}"
    assert entry.link == page and entry.id == page
    assert f"({len(site.work_ids)} items)" in entry.title
    content = entry.content[0].value
    linked = set(re.findall(re.escape(page) + r"#(w\d+)", content))
    assert linked == {f"w{wid}" for wid in site.work_ids}


def test_topic_feed_has_only_that_topic(client, site):
    parsed = feedparser.parse(client.get("/feed.xml?topic=osteonecrosis").data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.feed.title == "OsteoDigest: Osteonecrosis"
    [entry] = parsed.entries
    with Store(site.settings.database_path) as store:
        expected = {f"w{w.id}" for w in store.get_works(site.work_ids) if "osteonecrosis" in w.topics}
    assert set(re.findall(r"#(w\d+)", entry.content[0].value)) == expected
    assert entry.link.endswith(f"/editions/{site.edition_id}?topic=osteonecrosis")
    assert client.get("/feed.xml?topic=nonexistent").status_code == 404


def test_scraped_markup_stays_inert_on_the_page_and_in_the_feed(tmp_path):
    site = build_store(tmp_path, limit=3)
    evil = Record(
        source="scrape",
        source_id="evil-1",
        title=EVIL_TITLE,
        topics=("osteoporosis",),
        journal="J <b>Bone</b>",
        abstract="Conclusions: <iframe src=//x></iframe> works.",
    )
    with Store(site.settings.database_path) as store:
        store.save_records([evil])
        edition_id = make_edition(site.settings, store, load_topics_for(site.settings))
    client = create_app(site.settings).test_client()
    page = soup(client.get(f"/editions/{edition_id}"))
    assert not page.find_all(["script", "iframe"]) and not page.select("img")
    assert "<script>" in page.select_one("article.item h3").get_text()
    parsed = feedparser.parse(client.get("/feed.xml").data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    content = parsed.entries[0].content[0].value
    assert "<script>" not in content and "&lt;script&gt;" in content


# ------------------------------------------------------------------------------------------- the look
def test_every_response_carries_the_security_headers(client, site):
    for url in ("/editions/", f"/editions/{site.edition_id}", "/feed.xml", "/static/site.css", "/nowhere"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        assert "script-src" not in csp and "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "Set-Cookie" not in headers


def test_pages_have_no_scripts_inline_styles_or_external_assets(client, site):
    for url in ("/editions/", f"/editions/{site.edition_id}"):
        page = soup(client.get(url))
        assert not page.find_all("script")
        assert not page.find_all(style=True) and not page.find_all("style")
        assert page.find("meta", attrs={"name": "viewport"})
        for tag in page.find_all("link"):
            assert tag["href"].startswith("/"), tag
    css = client.get("/static/site.css")
    assert css.mimetype == "text/css" and "@media (max-width" in css.get_data(as_text=True)
    assert "@import" not in css.get_data(as_text=True) and "url(" not in css.get_data(as_text=True)


def test_a_store_that_cannot_be_opened_is_503_not_a_traceback(tmp_path):
    settings = make_settings(tmp_path)
    settings.database_path.mkdir(parents=True)  # a folder where the SQLite file should be
    response = create_app(settings).test_client().get("/editions/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "Traceback" not in response.get_data(as_text=True)


def test_wrong_method_is_405(client):
    response = client.post("/feed.xml")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
