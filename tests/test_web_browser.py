"""The subscriber's web in a real browser: headless Chromium (Debian's chromium + chromium-driver) via
Selenium, against the app served on 127.0.0.1. Screenshots of each page at desktop and phone widths are
kept under test-artifacts/web/ for a human to look at."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsletter.web import create_app
from tests.web_fixtures import WebStore, build_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "web"
WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="headless browser tests need Debian's chromium and chromium-driver "
    "(/usr/bin/chromium, /usr/bin/chromedriver; `apt-get install chromium chromium-driver`)",
)


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
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (the '.[test]' extra)"
    )
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module", autouse=True)
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


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


def shoot(driver, name: str, width: str) -> Path:
    path = ARTIFACTS / f"{name}-{width}.png"
    assert driver.save_screenshot(str(path)), f"no screenshot for {name} at {width}"
    assert path.stat().st_size > 1000
    return path


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
    browser.find_element(By.CSS_SELECTOR, "ul.editions a").click()
    assert browser.current_url == f"{live.url}/editions/{site.edition_id}"
    items = browser.find_elements(By.CSS_SELECTOR, "article.item")
    assert len(items) == len(site.work_ids)
    assert styled(browser)
    assert overflow(browser) == 0
    shoot(browser, "edition", width)
    # An email's link to one item lands on that item.
    target = f"w{site.work_ids[-1]}"
    browser.get(f"{live.url}/editions/{site.edition_id}#{target}")
    item = browser.find_element(By.ID, target)
    assert browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight;",
        item,
    )
    shoot(browser, "edition-anchor", width)
