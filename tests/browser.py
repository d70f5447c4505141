"""Headless Chromium for the tests that look at pages as a reader's browser draws them.

The email rendering and the subscriber web tests drive the same Debian chromium + chromium-driver
through Selenium; the switches that keep it quiet, sandbox-free in a container and off the network live
here once, so both suites see pages under the same browser.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: Screenshots for a human to look at, one folder per suite.
ARTIFACTS_ROOT = Path(__file__).resolve().parents[1] / "test-artifacts"

_SWITCHES = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


#: ``pytestmark`` of a browser test module: skip, saying what to install, where the browser is missing.
NEEDS_CHROMIUM = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="headless browser tests need Debian's chromium and chromium-driver "
    "(/usr/bin/chromium, /usr/bin/chromedriver; `apt-get install chromium chromium-driver`)",
)


@contextmanager
def headless_chromium(profile: Path, *, console_log: bool = False) -> Iterator:
    """A Chrome WebDriver with its own profile folder; ``console_log`` keeps the page's console messages.

    Skips (rather than fails) when selenium is not installed, since it comes with the '.[test]' extra.
    """
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (the '.[test]' extra)"
    )
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (*_SWITCHES, f"--user-data-dir={profile}"):
        options.add_argument(arg)
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def fresh_artifacts(folder: Path) -> Path:
    """``folder`` emptied (or made), so the screenshots there are this run's only."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder
