"""The subscriber's web in a real browser: headless Chromium (Debian's chromium + chromium-driver) via
Selenium, against the app served on 127.0.0.1. Every page (and the sign-up emails) is checked with
axe-core, light and dark, and fails on a serious or critical violation. Screenshots of each page at
desktop and phone widths are kept under test-artifacts/web/ for a human to look at."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from osteodigest.crawler.store import Store
from osteodigest.newsletter.select import Preferences
from osteodigest.newsletter.subscribers import add_subscriber, find_subscriber, get_subscriber
from osteodigest.newsletter.tokens import make_token
from osteodigest.newsletter.web import create_app

from tests.axe import assert_accessible
from tests.browser import ARTIFACTS_ROOT, BROWSER_MODULE, artifacts_folder, headless_chromium
from tests.conftest import tampered_token
from tests.web_fixtures import WebStore, build_store

ARTIFACTS = ARTIFACTS_ROOT / "web"
WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}

pytestmark = BROWSER_MODULE


class LiveServer:
    """The app on 127.0.0.1, port chosen by the OS, in a thread; the same WSGI app a real server runs."""

    def __init__(self, app) -> None:
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> WebStore:
    return build_store(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def live(site) -> Iterator[LiveServer]:
    with LiveServer(create_app(site.settings)) as server:
        yield server


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with headless_chromium(tmp_path_factory.mktemp("chromium-profile"), console_log=True) as driver:
        yield driver


@pytest.fixture(scope="module", autouse=True)
def artifacts() -> Path:
    return artifacts_folder(ARTIFACTS)


def at_width(driver, width: str) -> None:
    w, h = WIDTHS[width]
    driver.set_window_size(w, h)


def overflow(driver) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing sticks out sideways)."""
    return int(
        driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def shoot(driver, name: str, width: str, *, whole: bool = True) -> Path:
    """Save ``name-width.png``: the whole page (up to 4000 px tall) unless ``whole`` is False."""
    path = ARTIFACTS / f"{name}-{width}.png"
    w, h = WIDTHS[width]
    if whole:
        height = int(driver.execute_script("return document.documentElement.scrollHeight"))
        driver.set_window_size(w, max(h, min(height, 4000)))
    try:
        assert driver.save_screenshot(str(path)), f"no screenshot for {name} at {width}"
    finally:
        driver.set_window_size(w, h)
    assert path.stat().st_size > 1000
    return path


def submit(driver, css: str = "form button[type=submit]") -> None:
    """Click a submit button (or a link) and wait until the next page has loaded in place of this one.

    Why a marker on the old page's window rather than Selenium's ``staleness_of``: while Chromium swaps
    documents, asking about the old element can fail with an inspector error ("Node with given id does
    not belong to the document") instead of the stale-element error ``staleness_of`` expects. A new
    document has a fresh ``window``, so the marker's absence proves the navigation; any driver error
    while the swap is under way just means "ask again".
    """
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.osteodigestOldPage = true")
    driver.find_element(By.CSS_SELECTOR, css).click()
    WebDriverWait(driver, 30, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return window.osteodigestOldPage === undefined && document.readyState === 'complete'"
        )
    )


def console_errors(driver) -> list[str]:
    """Errors the page raised in the browser (a CSP violation, a missing stylesheet …) since last asked."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def styled(driver) -> bool:
    """The stylesheet loaded (served by the app itself): the header band has its colour."""
    colour = driver.execute_script(
        "return getComputedStyle(document.querySelector('header.site')).backgroundColor"
    )
    return colour not in ("rgba(0, 0, 0, 0)", "transparent")


# ------------------------------------------------------------------------------------------------ tests
@pytest.mark.parametrize("width", list(WIDTHS))
def test_edition_page_reads_on_desktop_and_phone(browser, live, site, width):
    from selenium.webdriver.common.by import By

    at_width(browser, width)
    browser.get(f"{live.url}/editions/")
    assert "Past editions" in browser.find_element(By.TAG_NAME, "h1").text
    shoot(browser, "editions", width)
    assert_accessible(browser, f"the archive ({width})")
    submit(browser, "ul.editions a")
    assert browser.current_url == f"{live.url}/editions/{site.edition_id}"
    items = browser.find_elements(By.CSS_SELECTOR, "article.item")
    assert len(items) == len(site.work_ids)
    assert styled(browser)
    assert overflow(browser) == 0
    shoot(browser, "edition", width)
    if width == "phone":  # the same page and colours at both widths: one axe pass (a few seconds) is enough
        assert_accessible(browser, "the edition page")
    # An email's link to one item lands on that item.
    target = f"w{site.work_ids[-1]}"
    browser.get(f"{live.url}/editions/{site.edition_id}#{target}")
    item = browser.find_element(By.ID, target)
    assert browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight;",
        item,
    )
    shoot(browser, "edition-anchor", width, whole=False)


def reader_status(site: WebStore, subscriber_id: int) -> str:
    with Store(site.settings.database_path) as store:
        return get_subscriber(store, subscriber_id).status


@pytest.mark.parametrize("width", list(WIDTHS))
def test_click_through_unsubscribe(browser, live, site, width):
    from selenium.webdriver.common.by import By

    with Store(site.settings.database_path) as store:
        sid = add_subscriber(store, f"leaving-{width}@example.org").subscriber.id
    at_width(browser, width)
    console_errors(browser)
    browser.get(f"{live.url}/unsubscribe/{make_token(site.settings, sid, 'unsubscribe')}")
    assert "Unsubscribe from" in browser.find_element(By.TAG_NAME, "h1").text
    assert styled(browser) and overflow(browser) == 0
    shoot(browser, "unsubscribe", width)
    assert_accessible(browser, f"the unsubscribe page ({width})")
    assert reader_status(site, sid) == "active", "opening the page changes nothing"
    submit(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "You are unsubscribed"
    assert overflow(browser) == 0
    shoot(browser, "unsubscribed", width)
    assert_accessible(browser, f"the unsubscribed page ({width})")
    assert reader_status(site, sid) == "unsubscribed"
    assert console_errors(browser) == []
    # A tampered link gets the plain refusal page (the browser notes the 400, nothing else).
    browser.get(f"{live.url}/unsubscribe/{tampered_token(make_token(site.settings, sid, 'unsubscribe'))}")
    assert "not valid" in browser.find_element(By.TAG_NAME, "h1").text
    shoot(browser, "bad-link", width)
    assert all("400" in e for e in console_errors(browser))


@pytest.mark.parametrize("width", list(WIDTHS))
def test_preferences_form_saves_in_the_browser(browser, live, site, width):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with Store(site.settings.database_path) as store:
        sid = add_subscriber(store, f"choosy-{width}@example.org").subscriber.id
    at_width(browser, width)
    console_errors(browser)
    browser.get(f"{live.url}/preferences/{make_token(site.settings, sid, 'preferences')}")
    assert styled(browser) and overflow(browser) == 0
    shoot(browser, "preferences", width)
    assert_accessible(browser, f"the preferences page ({width})")
    browser.find_element(By.CSS_SELECTOR, "input[name=topics][value=osteonecrosis]").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=exclude_types][value=animal]").click()
    Select(browser.find_element(By.ID, "min_evidence")).select_by_value("2")
    Select(browser.find_element(By.ID, "frequency")).select_by_value("monthly")
    browser.find_element(By.ID, "max_items").send_keys("12")
    submit(browser)
    assert "Saved" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    assert browser.current_url.endswith("?saved=1")
    shoot(browser, "preferences-saved", width)
    with Store(site.settings.database_path) as store:
        prefs = get_subscriber(store, sid).prefs
    assert (prefs.topics, prefs.exclude_types, prefs.min_evidence, prefs.frequency, prefs.max_items) == (
        ("osteonecrosis",),
        ("animal",),
        2,
        "monthly",
        12,
    )
    assert console_errors(browser) == []


@pytest.mark.parametrize("width", list(WIDTHS))
def test_subscribe_form_in_the_browser(browser, live, site, width):
    from selenium.webdriver.common.by import By

    at_width(browser, width)
    console_errors(browser)
    browser.get(f"{live.url}/subscribe")
    assert styled(browser) and overflow(browser) == 0
    assert not browser.find_element(By.ID, "website").is_displayed(), "the robot trap stays out of sight"
    shoot(browser, "subscribe", width)
    assert_accessible(browser, f"the sign-up page ({width})")
    browser.find_element(By.ID, "email").send_keys(f"joining-{width}@example.org")
    submit(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Thank you"
    shoot(browser, "subscribe-thanks", width)
    with Store(site.settings.database_path) as store:
        assert find_subscriber(store, f"joining-{width}@example.org").status == "pending"
    assert console_errors(browser) == []


def color_scheme(driver, scheme: str) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_light_and_dark(browser, live, site, scheme):
    """The archive, an edition, a reader's own view, preferences, sign-up, unsubscribe and an error page.

    In light mode the tests above already check the pages they walk through; here the rest."""
    from selenium.webdriver.common.by import By

    with Store(site.settings.database_path) as store:
        prefs = Preferences(topics=("osteonecrosis",), min_evidence=3)
        sid = add_subscriber(store, f"axe-{scheme}@example.org", prefs).subscriber.id
    pages = {
        "own-view": f"/editions/{site.edition_id}/mine/{make_token(site.settings, sid, 'view')}",
        "not-found": "/nowhere",
    }
    if scheme == "dark":
        pages |= {
            "editions": "/editions/",
            # The whole edition's page is checked in light above; in dark, one topic's (the same template).
            "edition": f"/editions/{site.edition_id}?topic=osteonecrosis",
            "preferences": f"/preferences/{make_token(site.settings, sid, 'preferences')}",
            "subscribe": "/subscribe",
            "unsubscribe": f"/unsubscribe/{make_token(site.settings, sid, 'unsubscribe')}",
        }
    at_width(browser, "phone")
    color_scheme(browser, scheme)
    try:
        for name, path in pages.items():
            browser.get(live.url + path)
            assert styled(browser) and overflow(browser) == 0, name
            shoot(browser, f"{name}-{scheme}", "phone", whole=name not in ("edition", "own-view"))
            if name == "edition":  # an item's whole abstract opens in place, and reads in this scheme too
                browser.find_element(By.CSS_SELECTOR, "details.abstract summary").click()
                assert browser.find_element(By.CSS_SELECTOR, "details.abstract[open] p").is_displayed()
            assert_accessible(browser, f"{name} ({scheme})")
    finally:
        color_scheme(browser, "light")


def test_signup_emails_fit_a_phone_and_pass_axe(browser, site, tmp_path):
    """The confirmation and welcome emails at 375 px, light and dark: nothing wider than the screen."""
    import email
    from email import policy

    from osteodigest.newsletter.web.signup_mail import signup_message

    app = create_app(site.settings)
    with app.app_context():
        kinds = {
            "confirm": signup_message(
                site.settings,
                "joining@example.org",
                site_title="OsteoDigest",
                confirm_url="https://digest.example.org/subscribe/confirm/" + "t" * 120,
                valid_days=7,
            ),
            "welcome": signup_message(
                site.settings,
                "joining@example.org",
                site_title="OsteoDigest",
                welcome=True,
                preferences_url="https://digest.example.org/preferences/" + "p" * 120,
                unsubscribe_url="https://digest.example.org/unsubscribe/" + "u" * 120,
            ),
        }
    for kind, outgoing in kinds.items():
        message = email.message_from_bytes(outgoing.data, policy=policy.default)
        html = message.get_body(("html",)).get_content()
        assert html.index('<meta charset="utf-8">') < 200
        path = tmp_path / f"{kind}.html"
        path.write_text(html, encoding="utf-8")
        for scheme in ("light", "dark"):
            color_scheme(browser, scheme)
            browser.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": 375, "height": 700, "deviceScaleFactor": 1, "mobile": True},
            )
            try:
                browser.get(path.as_uri())
                assert overflow(browser) == 0, f"the {kind} email is wider than a 375 px phone"
                assert (
                    browser.execute_script("return document.querySelector('table.main').offsetWidth") <= 375
                )
                assert browser.save_screenshot(str(ARTIFACTS / f"signup-email-{kind}-375-{scheme}.png"))
                assert_accessible(browser, f"the {kind} email ({scheme})")
            finally:
                browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
                color_scheme(browser, "light")


def test_axe_finds_what_it_must(browser, tmp_path):
    """The check can fail: a page with grey-on-white text and an unlabelled field is refused."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad</title></head><body><main>'
        '<h1>Bad</h1><p style="color:#bbbbbb;background:#ffffff">Hard to read</p><input type="text">'
        "</main></body></html>",
        encoding="utf-8",
    )
    browser.get(bad.as_uri())
    with pytest.raises(AssertionError, match="color-contrast") as refused:
        assert_accessible(browser, "a page made to fail")
    assert "label" in str(refused.value)
