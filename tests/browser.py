"""Headless Chromium for the tests that look at pages as a reader's browser draws them.

The email rendering and the subscriber web tests drive the same Debian chromium + chromium-driver
through Selenium; the switches that keep it quiet, sandbox-free in a container and off the network live
here once, so both suites see pages under the same browser.
"""

from __future__ import annotations

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


#: ``pytestmark`` of a browser test module. It skips, saying what to install, where the browser is
#: missing; and it asks xdist (``--dist loadgroup``) to keep the browser tests on one worker, since one
#: headless Chromium at a time is plenty on 2 cores. Only a wish: with pytest 9.2 and xdist 3.8 the group
#: is lost (xdist renames the test's ``_nodeid``, which pytest 9.2 no longer reads) and the tests spread
#: over every worker, so nothing here may depend on it (see :func:`artifacts_folder`).
BROWSER_MODULE = [
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="headless browser tests need Debian's chromium and chromium-driver "
        "(/usr/bin/chromium, /usr/bin/chromedriver; `apt-get install chromium chromium-driver`)",
    ),
    pytest.mark.xdist_group("chromium"),
]


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


def artifacts_folder(folder: Path) -> Path:
    """``folder`` made if missing; it holds this run's screenshots only, as tests/conftest.py empties
    test-artifacts/ once before any test runs.

    Why not empty it here, per module: a module's tests may run on several xdist workers at once, and one
    worker's fresh folder deleted the screenshot another had just written (a CI run failed so).
    """
    folder.mkdir(parents=True, exist_ok=True)
    return folder
