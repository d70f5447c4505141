"""The subscriber's web through Flask's test client: every route, every error, and what must stay safe."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from dataclasses import replace
from email import policy as email_policy
from email.message import EmailMessage
from email.parser import BytesParser
from itertools import pairwise

import feedparser
import pytest
from bs4 import BeautifulSoup
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from osteodigest.crawler.models import Record, Tags
from osteodigest.crawler.run import load_topics_for
from osteodigest.crawler.store import Store
from osteodigest.newsletter.cli import main
from osteodigest.newsletter.edition import make_edition
from osteodigest.newsletter.select import Preferences
from osteodigest.newsletter.subscribers import add_subscriber, find_subscriber, get_subscriber, unsubscribe
from osteodigest.newsletter.tokens import make_token, secret_key
from osteodigest.newsletter.web import create_app
from osteodigest.newsletter.web.archive import FEED_ITEMS
from osteodigest.newsletter.web.security import RateLimiter

from tests.conftest import tampered_token
from tests.newsletter_data import about
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


def fast_soup(response) -> BeautifulSoup:
    """lxml's parser, for pages of a megabyte (html.parser takes seconds on them)."""
    return BeautifulSoup(response.data, "lxml")


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
    assert len(site.work_ids) > 50  # every work about a topic, far past the email's max_items
    assert sorted(anchors) == sorted(f"w{wid}" for wid in site.work_ids)
    assert len(anchors) == len(set(anchors))
    # Every item links to its own anchor, so a reader can copy the link an email would use.
    for article in page.select("article.item"):
        assert article.select_one("a.permalink")["href"] == f"#{article['id']}"
    # Not only the items an email had room for (max_items 25): the PubMed link of every work is there.
    with Store(site.settings.database_path) as store:
        pmids = {w.pmid for w in store.works.get_many(site.work_ids) if w.pmid}
    text = response.get_data(as_text=True)
    assert all(f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" in text for pmid in pmids)


def test_edition_page_for_one_topic_keeps_only_that_topic(client, site):
    response = client.get(f"/editions/{site.edition_id}?topic=osteonecrosis")
    assert response.status_code == 200
    with Store(site.settings.database_path) as store:
        expected = {f"w{w.id}" for w in store.works.get_many(site.work_ids) if "osteonecrosis" in w.topics}
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
    assert f"{len(site.work_ids)} item" in second.get_text() and site.work_ids


def test_empty_archive_says_so(tmp_path):
    client = create_app(make_settings(tmp_path)).test_client()
    assert "No edition has been published yet" in client.get("/editions/").get_data(as_text=True)
    parsed = feedparser.parse(client.get("/feed.xml").data)
    assert parsed.bozo == 0 and parsed.entries == []


# ------------------------------------------------------------------------------------------- feed
def test_feed_has_one_entry_per_item_linked_to_its_place_in_the_edition(client, site):
    response = client.get("/feed.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "OsteoDigest"
    base = "https://digest.example.org"
    page = soup(client.get(f"/editions/{site.edition_id}"))
    in_page_order = [a["id"] for a in page.select("article.item")]
    assert len(parsed.entries) == min(len(site.work_ids), FEED_ITEMS)
    assert [e.id for e in parsed.entries] == [f"{base}/works/{a[1:]}" for a in in_page_order[:FEED_ITEMS]]
    first = parsed.entries[0]
    assert first.link.startswith(f"{base}/editions/{site.edition_id}") and first.link.endswith(
        f"#{in_page_order[0]}"
    )
    title = page.select_one("article.item h3, article.item h2").get_text(" ", strip=True)
    assert first.title.split(" [")[0] in title or title in first.title
    assert first.link in first.content[0].value


def test_an_item_in_editions_of_several_frequencies_is_one_entry(tmp_path):
    site = build_store(tmp_path, limit=6)
    with Store(site.settings.database_path) as store:
        daily = make_edition(site.settings, store, load_topics_for(site.settings), frequency="daily")
        assert sorted(w for w, _ in store.editions.items(daily)) == sorted(site.work_ids)
    client = create_app(site.settings).test_client()
    parsed = feedparser.parse(client.get("/feed.xml").data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    ids = [e.id for e in parsed.entries]
    assert len(ids) == len(set(ids)) == len(site.work_ids), "one entry per work, not per edition"


def test_topic_feed_has_only_that_topic(client, site):
    parsed = feedparser.parse(client.get("/feed.xml?topic=osteonecrosis").data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.feed.title == "OsteoDigest: Osteonecrosis"
    with Store(site.settings.database_path) as store:
        expected = {w.id for w in store.works.get_many(site.work_ids) if "osteonecrosis" in w.topics}
    assert {int(e.id.rsplit("/", 1)[1]) for e in parsed.entries} == expected
    assert all(f"/editions/{site.edition_id}?topic=osteonecrosis" in e.link for e in parsed.entries)
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
        (work_id,) = store.works.save([evil]).changed_work_ids
        # Chosen decisions: this test is about escaping, whatever the tagger and the stage make of it.
        store.works.set_tags({work_id: Tags(study_type="animal")})
        store.works.set_relevance({work_id: about("osteoporosis")})
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
        assert "Strict-Transport-Security" not in headers, "plain HTTP: HSTS would be meaningless"
    assert (
        "max-age"
        in client.get("/editions/", base_url="https://digest.example.org").headers[
            "Strict-Transport-Security"
        ]
    )


def test_pages_have_no_scripts_inline_styles_or_external_assets(client, site):
    for url in ("/editions/", f"/editions/{site.edition_id}"):
        page = soup(client.get(url))
        assert not page.find_all("script")
        assert not page.find_all(style=True) and not page.find_all("style")
        assert page.find("meta", attrs={"name": "viewport"})
        for tag in page.find_all("link"):
            assert tag["href"].startswith(("/", "data:")), tag
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


# ------------------------------------------------------------------------------------------- subscribers
def add_reader(site, email: str, status: str = "active", **prefs) -> int:
    with Store(site.settings.database_path) as store:
        return add_subscriber(store, email, Preferences(**prefs), status=status).subscriber.id


def reader(site, subscriber_id: int):
    with Store(site.settings.database_path) as store:
        return get_subscriber(store, subscriber_id)


def form_token(response) -> str:
    return soup(response).find("input", attrs={"name": "csrf_token"})["value"]


def foreign_token(subscriber_id: int, purpose: str = "unsubscribe") -> str:
    """Well-formed and signed, but by another installation's key."""
    return URLSafeTimedSerializer("another-installation-key-0123456789", salt=f"osteodigest.{purpose}").dumps(
        [subscriber_id]
    )


def aged_token(settings, subscriber_id: int, purpose: str, age: int) -> str:
    """A genuine token signed ``age`` seconds ago (itsdangerous lets the signer say what time it is)."""

    class Then(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - age

    return URLSafeTimedSerializer(secret_key(settings), salt=f"osteodigest.{purpose}", signer=Then).dumps(
        [subscriber_id]
    )


def test_unsubscribe_get_shows_one_button_and_changes_nothing(client, site):
    sid = add_reader(site, "get.only@example.org")
    token = make_token(site.settings, sid, "unsubscribe")
    for _ in range(2):  # a link scanner fetching twice changes nothing either
        response = client.get(f"/unsubscribe/{token}")
        assert response.status_code == 200
    page = soup(response)
    [form] = page.find_all("form")
    assert form["method"] == "post" and form["action"] == f"/unsubscribe/{token}"
    assert len(form.find_all("button")) == 1
    assert "g…@example.org" in page.get_text() and "get.only@" not in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert reader(site, sid).status == "active"


def test_rfc8058_one_click_post_unsubscribes_at_once_and_twice_is_fine(client, site):
    sid = add_reader(site, "one.click@example.org")
    token = make_token(site.settings, sid, "unsubscribe")
    for _ in range(2):
        response = client.post(
            f"/unsubscribe/{token}",
            data=b"List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert "You are unsubscribed" in response.get_data(as_text=True)
        assert reader(site, sid).status == "unsubscribed"
    preferences = client.get(f"/preferences/{make_token(site.settings, sid, 'preferences')}")
    assert "This address is unsubscribed" in preferences.get_data(as_text=True)


def test_the_button_on_the_page_unsubscribes(client, site):
    sid = add_reader(site, "button@example.org")
    page = client.get(f"/unsubscribe/{make_token(site.settings, sid, 'unsubscribe')}")
    form = soup(page).find("form")
    fields = {i["name"]: i["value"] for i in form.find_all("input")}
    assert client.post(form["action"], data=fields).status_code == 200
    assert reader(site, sid).status == "unsubscribed"


def test_bad_tokens_get_one_identical_400_that_reveals_nothing(client, site):
    sid = add_reader(site, "victim@example.org")
    good = make_token(site.settings, sid, "unsubscribe")
    other_id_token = make_token(site.settings, sid + 1, "unsubscribe")
    bad = {
        "altered signature": tampered_token(good),
        "altered payload": other_id_token.split(".")[0] + "." + good.split(".", 1)[1],
        "another purpose": make_token(site.settings, sid, "preferences"),
        "another installation": foreign_token(sid),
        "garbage": "not-a-token",
        "truncated": good[:-3],
    }
    bodies = set()
    for what, token in bad.items():
        for method in (client.get, client.post):
            response = method(f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"})
            assert response.status_code == 400, what
            text = response.get_data(as_text=True)
            assert "victim" not in text and "example.org" not in text
            bodies.add(text)
    assert len(bodies) == 1
    for purpose in ("unsubscribe", "confirm"):
        assert client.get(f"/preferences/{make_token(site.settings, sid, purpose)}").status_code == 400
    assert (
        client.get(f"/subscribe/confirm/{make_token(site.settings, sid, 'preferences')}").status_code == 400
    )
    assert reader(site, sid).status == "active"


def test_a_genuine_link_of_a_deleted_reader_neither_fails_nor_tells(client, site):
    with Store(site.settings.database_path) as store:
        gone = store.conn.execute("SELECT COALESCE(MAX(id), 0) + 1000 FROM subscribers").fetchone()[0]
    token = make_token(site.settings, gone, "unsubscribe")
    page = client.get(f"/unsubscribe/{token}")
    assert page.status_code == 200 and "this address" in page.get_data(as_text=True)
    assert client.post(f"/unsubscribe/{token}").status_code == 200


def test_preferences_form_shows_and_saves_what_the_reader_wants(client, site):
    sid = add_reader(site, "prefs@example.org", exclude_types=("animal",), frequency="weekly")
    url = f"/preferences/{make_token(site.settings, sid, 'preferences')}"
    page = client.get(url)
    assert page.status_code == 200
    checked = {(i["name"], i["value"]) for i in soup(page).select("input[checked]")}
    assert checked == {("exclude_types", "animal")}
    assert "erratum" not in {i["value"] for i in soup(page).select("input[name=exclude_types]")}
    response = client.post(
        url,
        data={
            "csrf_token": form_token(page),
            "topics": ["osteonecrosis"],
            "exclude_types": ["animal", "in_vitro", "case_report"],
            "min_evidence": "3",
            "frequency": "monthly",
            "max_items": "10",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == url + "?saved=1"
    assert reader(site, sid).prefs == Preferences(
        frequency="monthly",
        topics=("osteonecrosis",),
        exclude_types=("animal", "in_vitro", "case_report"),
        min_evidence=3,
        max_items=10,
    )
    again = soup(client.get(url + "?saved=1"))
    assert "Saved" in again.select_one(".notice").get_text()
    assert again.select_one("#min_evidence option[selected]")["value"] == "3"
    assert again.select_one("#frequency option[selected]")["value"] == "monthly"
    assert again.select_one("#max_items")["value"] == "10"


def test_preferences_page_shows_and_keeps_include_only_types_and_sub_topics(client, site):
    sid = add_reader(
        site, "only.rcts@example.org", include_types=("rct", "meta_analysis"), topics=("hip_fracture",)
    )
    url = f"/preferences/{make_token(site.settings, sid, 'preferences')}"
    page = client.get(url)
    checked = {(i["name"], i["value"]) for i in soup(page).select("input[checked]")}
    only = {("include_types", "rct"), ("include_types", "meta_analysis")}
    assert checked == {*only, ("topics", "hip_fracture")}
    before = reader(site, sid).prefs
    # Saving the page as shown (only the frequency changed) keeps both filters.
    response = client.post(
        url,
        data={
            "csrf_token": form_token(page),
            "topics": ["hip_fracture"],
            "include_types": ["rct", "meta_analysis"],
            "frequency": "daily",
        },
    )
    assert response.status_code == 303
    assert reader(site, sid).prefs == replace(before, frequency="daily")
    # Unticking them clears them.
    response = client.post(url, data={"csrf_token": form_token(client.get(url)), "frequency": "daily"})
    assert response.status_code == 303
    assert reader(site, sid).prefs == Preferences(frequency="daily")


@pytest.mark.parametrize(
    "change",
    [
        {"topics": ["astrology"]},
        {"include_types": ["made_up"]},
        {"exclude_types": ["retraction_notice"]},
        {"exclude_types": ["made_up"]},
        {"min_evidence": "9"},
        {"frequency": "hourly"},
        {"max_items": "0"},
        {"max_items": "5000"},
        {"max_items": "ten"},
    ],
)
def test_preferences_refuse_bad_values_and_keep_the_old_ones(client, site, change):
    sid = add_reader(site, f"bad.values.{uuid.uuid4().hex[:10]}@example.org")
    url = f"/preferences/{make_token(site.settings, sid, 'preferences')}"
    before = reader(site, sid).prefs
    form = {"csrf_token": form_token(client.get(url)), "frequency": "weekly", **change}
    response = client.post(url, data=form)
    assert response.status_code == 400
    assert "Nothing was saved" in response.get_data(as_text=True)
    assert reader(site, sid).prefs == before


def test_preferences_need_a_fresh_form_token_of_the_same_reader(client, site):
    mine = add_reader(site, "csrf.mine@example.org")
    theirs = add_reader(site, "csrf.theirs@example.org")
    url = f"/preferences/{make_token(site.settings, mine, 'preferences')}"
    their_token = form_token(client.get(f"/preferences/{make_token(site.settings, theirs, 'preferences')}"))
    expired = URLSafeTimedSerializer(
        secret_key(site.settings),
        salt="osteodigest.web.form.preferences",
        signer=type("Then", (TimestampSigner,), {"get_timestamp": lambda self: int(time.time()) - 3 * 3600}),
    ).dumps(str(mine))
    for token in (None, "", their_token, expired, form_token(client.get(url)) + "x"):
        data = {"frequency": "daily", **({"csrf_token": token} if token is not None else {})}
        response = client.post(url, data=data)
        assert response.status_code == 400
        assert "out of date" in response.get_data(as_text=True)
        assert reader(site, mine).prefs.frequency == "weekly"
    # The refusal page carries a fresh token: sending it again works.
    retry = client.post(url, data={"frequency": "daily", "csrf_token": form_token(response)})
    assert retry.status_code == 303 and reader(site, mine).prefs.frequency == "daily"


# ------------------------------------------------------------------------------------------- sign-up
def outbox_messages(settings, client) -> list[EmailMessage]:
    """The sign-up messages in the outbox, once the app's mail queue has delivered what it holds."""
    assert client.application.extensions["osteodigest"].mailer.drain(timeout=30)
    folder = settings.outbox_path
    if not folder.exists():
        return []
    return [
        BytesParser(policy=email_policy.default).parsebytes(p.read_bytes())
        for p in sorted(folder.glob("signup-*.eml"))
    ]


def sign_up(client, email: str, **form) -> object:
    page = client.get("/subscribe")
    return client.post("/subscribe", data={"csrf_token": form_token(page), "email": email, **form})


def link_in(message: EmailMessage, path: str) -> str:
    text = message.get_body(("plain",)).get_content()
    [url] = re.findall(r"https://digest\.example\.org(" + re.escape(path) + r"[^\s]+)", text)
    return url


@pytest.fixture
def fresh(tmp_path):
    """An empty store and a fresh app (rate limits start at zero)."""
    settings = make_settings(tmp_path)
    return settings, create_app(settings).test_client()


def test_double_opt_in_signup_activates_only_through_the_emailed_link(fresh):
    settings, client = fresh
    form = soup(client.get("/subscribe")).find("form")
    assert form["method"] == "post" and form.find("input", attrs={"name": "csrf_token"})
    response = sign_up(client, "New.Reader@Example.org", topics=["osteonecrosis"], frequency="monthly")
    assert response.status_code == 200 and "Thank you" in response.get_data(as_text=True)
    with Store(settings.database_path) as store:
        pending = find_subscriber(store, "new.reader@example.org")
    assert pending.status == "pending"
    assert pending.prefs.topics == ("osteonecrosis",) and pending.prefs.frequency == "monthly"
    [message] = outbox_messages(settings, client)
    assert message["To"] == "New.Reader@example.org"
    assert message.get_body(("html",)) is not None
    confirm = link_in(message, "/subscribe/confirm/")
    page = client.get(confirm)
    assert page.status_code == 200 and len(soup(page).find_all("button")) == 1
    with Store(settings.database_path) as store:
        assert get_subscriber(store, pending.id).status == "pending", "GET (a link scanner) activates nothing"
    assert "You are subscribed" in client.post(confirm).get_data(as_text=True)
    with Store(settings.database_path) as store:
        assert get_subscriber(store, pending.id).status == "active"
    assert client.post(confirm).status_code == 200  # twice is fine


def test_signup_never_tells_whether_an_address_is_known(fresh):
    settings, client = fresh
    with Store(settings.database_path) as store:
        add_subscriber(store, "active@example.org", Preferences(topics=("osteoporosis",)))
        gone = add_subscriber(store, "gone@example.org").subscriber.id
        unsubscribe(store, gone)
        add_subscriber(store, "waiting@example.org", status="pending")
    bodies = {
        email: sign_up(client, email, topics=["osteonecrosis"]).get_data(as_text=True)
        for email in ("active@example.org", "gone@example.org", "waiting@example.org", "nobody@example.org")
    }
    assert len(set(bodies.values())) == 1
    with Store(settings.database_path) as store:
        active = find_subscriber(store, "active@example.org")
        assert active.status == "active" and active.prefs.topics == ("osteoporosis",), (
            "a stranger changed nothing"
        )
        assert find_subscriber(store, "gone@example.org").status == "unsubscribed"
    sent = {m["To"]: m for m in outbox_messages(settings, client)}
    assert set(sent) == set(bodies)
    # The reader already subscribed gets their own links, not a confirmation.
    assert "/preferences/" in sent["active@example.org"].get_body(("plain",)).get_content()
    assert "/subscribe/confirm/" not in sent["active@example.org"].get_body(("plain",)).get_content()
    # Someone who left comes back only by their own click.
    comeback = link_in(sent["gone@example.org"], "/subscribe/confirm/")
    client.post(comeback)
    with Store(settings.database_path) as store:
        assert find_subscriber(store, "gone@example.org").status == "active"


def test_signup_is_rate_limited_per_address_and_per_client(fresh):
    settings, client = fresh
    pages = [sign_up(client, "often@example.org") for _ in range(5)]
    assert {p.status_code for p in pages} == {200}
    assert len({p.get_data(as_text=True) for p in pages}) == 1, "the limit is not visible either"
    assert len(outbox_messages(settings, client)) == 3  # web.subscribe_per_address_per_hour
    statuses = [sign_up(client, f"many{i}@example.org").status_code for i in range(20)]
    assert statuses.count(200) == 15 and statuses[-5:] == [429] * 5  # 20 per client per hour in all
    other_client = client.post(
        "/subscribe",
        data={"csrf_token": form_token(client.get("/subscribe")), "email": "x@example.org"},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert other_client.status_code == 200


def test_signup_refuses_a_bad_address_a_missing_form_token_and_robots(fresh):
    settings, client = fresh
    bad = sign_up(client, "not an address")
    assert bad.status_code == 400 and "valid email address" in bad.get_data(as_text=True)
    no_token = client.post("/subscribe", data={"email": "a@example.org"})
    assert no_token.status_code == 400
    robot = sign_up(client, "robot@example.org", website="http://spam.example")
    assert robot.status_code == 200
    with Store(settings.database_path) as store:
        assert find_subscriber(store, "a@example.org") is None
        assert find_subscriber(store, "robot@example.org") is None
    assert outbox_messages(settings, client) == []


def test_confirmation_links_expire_after_a_week(fresh):
    settings, client = fresh
    sign_up(client, "slow@example.org")
    with Store(settings.database_path) as store:
        sid = find_subscriber(store, "slow@example.org").id
    old = aged_token(settings, sid, "confirm", 8 * 24 * 3600)
    assert client.get(f"/subscribe/confirm/{old}").status_code == 400
    assert client.post(f"/subscribe/confirm/{old}").status_code == 400
    recent = aged_token(settings, sid, "confirm", 6 * 24 * 3600)
    assert client.post(f"/subscribe/confirm/{recent}").status_code == 200


def test_without_double_opt_in_a_new_address_is_active_at_once(tmp_path):
    settings = make_settings(tmp_path, double_opt_in=False)
    client = create_app(settings).test_client()
    with Store(settings.database_path) as store:
        gone = add_subscriber(store, "gone@example.org").subscriber.id
        unsubscribe(store, gone)
    assert sign_up(client, "quick@example.org").status_code == 200
    sign_up(client, "gone@example.org")
    with Store(settings.database_path) as store:
        assert find_subscriber(store, "quick@example.org").status == "active"
        assert find_subscriber(store, "gone@example.org").status == "unsubscribed"
    sent = {m["To"]: m.get_body(("plain",)).get_content() for m in outbox_messages(settings, client)}
    assert set(sent) == {"quick@example.org", "gone@example.org"}
    assert "/preferences/" in sent["quick@example.org"], "a new reader gets their own links at once"
    assert "/subscribe/confirm/" in sent["gone@example.org"], "one who left comes back only by a click"


def test_oversized_form_is_413(fresh):
    _, client = fresh
    response = client.post("/subscribe", data={"email": "x" * 20_000})
    assert response.status_code == 413


def test_rate_limiter_window_slides():
    now = [0.0]
    limiter = RateLimiter(2, window=60, clock=lambda: now[0])
    assert limiter.hit("a") and limiter.hit("a") and not limiter.hit("a")
    assert limiter.hit("b")
    now[0] = 61.0
    assert limiter.hit("a")
    small = RateLimiter(1, window=60, max_keys=2, clock=lambda: now[0])
    for key in ("k1", "k2", "k3"):
        assert small.hit(key)
    assert small.hit("k1"), "the oldest key was dropped when the table was full"


# ------------------------------------------------------------------------------------------- done when
def delivered_to(settings, address: str) -> list[EmailMessage]:
    found = []
    for path in sorted(settings.outbox_path.rglob("*.eml")):
        if path.name.startswith(("edition-", "signup-")):
            continue
        message = BytesParser(policy=email_policy.default).parsebytes(path.read_bytes())
        if message["To"] == address:
            found.append(message)
    return found


def test_the_unsubscribe_link_of_a_delivered_message_works_end_to_end(tmp_path, capsys):
    """Issue 8's done-when: a real `send` delivers; its List-Unsubscribe link is safe to GET, one-click
    POST unsubscribes, `subscribers list` then shows the address inactive, the next `send` skips it,
    and a tampered token gets 400."""
    site = build_store(tmp_path)
    config = tmp_path / "osteodigest.toml"
    config.write_text(
        '[general]\ndatabase = "store.sqlite3"\noutbox = "outbox"\ndata_dir = "data"\n'
        '[web]\nbase_url = "https://digest.example.org"\n',
        encoding="utf-8",
    )

    def osteodigest(*args: str) -> str:
        assert main(["--config", str(config), *args]) == 0, capsys.readouterr()
        return capsys.readouterr().out

    osteodigest("subscribers", "add", "reader@example.org")
    osteodigest("send")
    [message] = delivered_to(site.settings, "reader@example.org")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [https] = re.findall(r"<(https://[^>]+)>", message["List-Unsubscribe"])
    assert https.startswith("https://digest.example.org/unsubscribe/")
    assert https in message.get_body(("plain",)).get_content(), "the same link is visible in the body"
    path = https.removeprefix("https://digest.example.org")
    client = create_app(site.settings).test_client()

    # Every item link of the email lands on an anchor of the full edition page.
    html = message.get_body(("html",)).get_content()
    edition_links = set(re.findall(r"https://digest\.example\.org(/editions/\d+)#(w\d+)", html))
    assert edition_links
    for page in {page for page, _ in edition_links}:
        ids = {tag["id"] for tag in soup(client.get(page)).find_all(id=True)}
        assert {anchor for p, anchor in edition_links if p == page} <= ids

    assert client.get(path).status_code == 200
    assert "reader@example.org" in osteodigest("subscribers", "list", "--status", "active")

    token = path.rsplit("/", 1)[1]
    tampered = client.post(f"/unsubscribe/{tampered_token(token)}", data={"List-Unsubscribe": "One-Click"})
    assert tampered.status_code == 400
    assert "reader@example.org" in osteodigest("subscribers", "list", "--status", "active")

    one_click = client.post(
        path, data=b"List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200
    assert "reader@example.org" not in osteodigest("subscribers", "list", "--status", "active")
    assert "reader@example.org" in osteodigest("subscribers", "list", "--status", "unsubscribed")

    # The next send delivers to a new reader and skips the one who left.
    osteodigest("subscribers", "add", "newcomer@example.org")
    osteodigest("send")
    assert len(delivered_to(site.settings, "newcomer@example.org")) == 1
    assert len(delivered_to(site.settings, "reader@example.org")) == 1


def test_preferences_saved_on_the_web_shape_the_next_message(tmp_path, capsys):
    site = build_store(tmp_path)
    config = tmp_path / "osteodigest.toml"
    config.write_text(
        '[general]\ndatabase = "store.sqlite3"\noutbox = "outbox"\ndata_dir = "data"\n'
        '[web]\nbase_url = "https://digest.example.org"\n',
        encoding="utf-8",
    )
    sid = add_reader(site, "focused@example.org")
    client = create_app(site.settings).test_client()
    url = f"/preferences/{make_token(site.settings, sid, 'preferences')}"
    form = {"csrf_token": form_token(client.get(url)), "topics": ["osteonecrosis"], "frequency": "weekly"}
    form.update({"exclude_types": ["animal", "in_vitro"], "max_items": "3"})
    assert client.post(url, data=form).status_code == 303
    assert main(["--config", str(config), "send"]) == 0, capsys.readouterr()
    [message] = delivered_to(site.settings, "focused@example.org")
    html = message.get_body(("html",)).get_content()
    shown = {int(n) for n in re.findall(r'id="w(\d+)"', html)}
    listed = {int(n) for n in re.findall(r"/editions/\d+#w(\d+)", html)}
    assert len(shown) == 3, "the item cap chosen on the web"
    with Store(site.settings.database_path) as store:
        works = {w.id: w for w in store.works.get_many(sorted(shown | listed))}
    assert all("osteonecrosis" in works[i].topics for i in shown | listed)
    assert not any(works[i].tags.study_type in ("animal", "in_vitro") for i in shown | listed)


def test_osteodigest_web_serves_the_app(tmp_path):
    """The command itself, as a user starts it: a real process answering on a real port.

    ``--port 0`` lets the system choose a free port, which the server names as it starts: a port chosen
    here and handed over could be taken meanwhile by another test running alongside.
    """
    config = tmp_path / "osteodigest.toml"
    config.write_text('[general]\ndatabase = "store.sqlite3"\ndata_dir = "data"\n', encoding="utf-8")
    command = [sys.executable, "-m", "osteodigest.newsletter.cli", "--config", str(config)]
    command += ["web", "--port", "0"]
    env = dict(os.environ)
    with subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as server:
        _check_serving(server)


def _serving_port(server: subprocess.Popen) -> int:
    """The port in the server's "Running on http://127.0.0.1:PORT" line (its stderr read to that line)."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stderr], daemon=True).start()
    seen = []
    while True:
        try:
            line = lines.get(timeout=60)
        except queue.Empty:
            pytest.fail(f"osteodigest web did not say where it listens: {''.join(seen)}")
        seen.append(line)
        if match := re.search(r"Running on http://127\.0\.0\.1:(\d+)", line):
            return int(match.group(1))


def _check_serving(server: subprocess.Popen) -> None:
    try:
        port = _serving_port(server)
        body = None
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/editions/", timeout=5) as reply:
                    body, headers = reply.read().decode(), reply.headers
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"osteodigest web exited with status {server.returncode}")
                time.sleep(0.1)
        assert body is not None and "No edition has been published yet" in body
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=10)


# ------------------------------------------------------------------------------------------- long editions
def test_a_long_edition_is_paginated_under_2_mb_a_page_and_email_links_find_their_page(tmp_path):
    """300 works with long abstracts: every page well under 2 MB, every work on exactly one page, the
    section list links each section where it starts, and an email's link to an item opens its page."""
    from osteodigest.newsletter.edition import edition_view
    from osteodigest.newsletter.render import Renderer, personalise

    settings = make_settings(tmp_path)
    abstract = "Background: osteonecrosis of the femoral head — naïve µ-CT ≥ 2 mm. " * 150  # 10 KB, non-ASCII
    records = [
        Record(
            source="pubmed",
            source_id=str(700000 + n),
            pmid=str(700000 + n),
            title=f"Femoral head osteonecrosis cohort number {n}",
            abstract=abstract + f" In conclusion, cohort {n} was observed.",
            authors=("Doe J", "Roe R", "Poe P", "Moe M"),
            topics=("osteonecrosis",) if n % 3 else ("osteoporosis",),
        )
        for n in range(300)
    ]
    with Store(settings.database_path) as store:
        store.works.save(records)
        works = list(store.works.iter_all())
        store.works.set_tags({w.id: Tags(study_type="cohort", evidence_level=3) for w in works})
        store.works.set_relevance({w.id: about(*w.records[0].topics) for w in works})
        edition_id = make_edition(settings, store, load_topics_for(settings))
        view = edition_view(settings, store, load_topics_for(settings), edition_id)
    client = create_app(settings).test_client()
    seen: list[str] = []
    page, pages = 1, None
    while True:
        response = client.get(f"/editions/{edition_id}?page={page}")
        assert response.status_code == 200
        assert len(response.data) < 2_000_000, f"page {page} is {len(response.data)} bytes"
        html = fast_soup(response)
        seen += [a["id"] for a in html.select("article.item")]
        pages = pages or int(re.search(r"Page 1 of (\d+)", html.get_text()).group(1))
        if page == pages:
            break
        assert html.select_one(f"nav.pager a[href$='page={page + 1}']")
        page += 1
    assert pages >= 3
    assert sorted(seen) == sorted(f"w{w.id}" for w in works) and len(seen) == len(set(seen))
    assert client.get(f"/editions/{edition_id}?page={pages + 1}").status_code == 404
    toc = {a.get_text(): a["href"] for a in fast_soup(client.get(f"/editions/{edition_id}")).select(".toc a")}
    assert toc["Osteoporosis (100)"].startswith(f"/editions/{edition_id}?page=")
    # The email's link to an item names its page (the overflow lists the first items; any may be linked).
    digest = personalise(view, max_items=5)
    for item in (digest.overflow[0], digest.overflow[len(digest.overflow) // 2], digest.overflow[-1]):
        url = digest.item_url(item)
        path, anchor = url.removeprefix("https://digest.example.org").split("#")
        assert fast_soup(client.get(path)).find(id=anchor), url
    assert "?page=" in digest.item_url(digest.overflow[-1])
    assert "?page=" not in digest.item_url(digest.overflow[0]), "page 1 needs no query"
    rendered = Renderer().render(digest)
    listed = re.findall(
        r'href="https://digest\.example\.org(/editions/\d+(?:\?page=\d+)?)#(w\d+)"', rendered.html
    )
    assert listed and all(fast_soup(client.get(path)).find(id=anchor) for path, anchor in listed[:3])


def test_a_readers_own_view_follows_their_preferences_and_a_bad_link_is_400(client, site):
    sid = add_reader(
        site, "own-view@example.org", topics=("osteonecrosis",), exclude_types=("animal",), max_items=3
    )
    url = f"/editions/{site.edition_id}/mine/{make_token(site.settings, sid, 'view')}"
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store" and "noindex" in response.headers["X-Robots-Tag"]
    page = soup(response)
    shown = {int(a["id"][1:]) for a in page.select("article.item")}
    with Store(site.settings.database_path) as store:
        works = store.works.get_many(site.work_ids)
    expected = {w.id for w in works if "osteonecrosis" in w.topics and w.tags.study_type != "animal"}
    assert shown == expected and len(shown) > 3, "every item they want, not only their email's cap"
    assert "Filtered for you — topics: Osteonecrosis; no animal study" in page.get_text()
    assert (
        client.get(
            f"/editions/{site.edition_id}/mine/{make_token(site.settings, sid, 'preferences')}"
        ).status_code
        == 400
    )
    assert client.get(f"/editions/999999/mine/{make_token(site.settings, sid, 'view')}").status_code == 404


def test_edition_page_headings_never_skip_a_level(client, site):
    page = soup(client.get(f"/editions/{site.edition_id}"))
    levels = [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels
    assert page.select_one("head > meta:first-child").get("charset") == "utf-8"


def test_recent_editions_are_kept_a_few_minutes_within_an_item_bound():
    from osteodigest.newsletter.render import EditionView
    from osteodigest.newsletter.web.viewcache import EditionViewCache

    now = [0.0]
    loads: list[int] = []

    def view_of(edition_id: int, items: int):
        def load():
            loads.append(edition_id)
            return EditionView(edition_id, "T", "weekly", None, "2026-10-08", [("other", None)] * items, {})

        return load

    cache = EditionViewCache(max_items=10, ttl=300, clock=lambda: now[0])
    first = cache.get(1, view_of(1, 6))
    assert cache.get(1, view_of(1, 6)) is first and loads == [1], "a second page reuses the loaded edition"
    cache.get(2, view_of(2, 6))  # 12 items in all: the least recently used edition makes room
    cache.get(1, view_of(1, 6))
    assert loads == [1, 2, 1]
    cache.get(3, view_of(3, 11))  # larger than the whole bound: served, never kept
    cache.get(3, view_of(3, 11))
    assert loads == [1, 2, 1, 3, 3]
    now[0] = 301.0  # a retraction recorded meanwhile shows once the kept view is stale
    cache.get(1, view_of(1, 6))
    assert loads[-1] == 1 and len(loads) == 6
