"""The email as a reader's client shows it: the HTML part in headless Chromium at 600 px and 375 px.

The message is produced the real way (``send`` to the outbox), from real PubMed records plus a preprint,
a retracted article and a title with a 150-character unbreakable word. Nothing may stick out sideways
(``scrollWidth <= width``), in light or dark mode. Screenshots are kept under ``test-artifacts/email/``.
"""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from osteodigest.crawler.store import Store
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber

from tests.browser import ARTIFACTS_ROOT, NEEDS_CHROMIUM, fresh_artifacts, headless_chromium
from tests.newsletter_data import make_settings, record, store_real, store_works, tags, topics

ARTIFACTS = ARTIFACTS_ROOT / "email"
WIDTHS = (600, 375)

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def email_html(tmp_path_factory) -> Path:
    """The HTML part of one subscriber's message, saved as a file for the browser."""
    tmp = tmp_path_factory.mktemp("email")
    settings = make_settings(tmp)
    store_works(
        settings,
        [
            (
                record(
                    1,
                    "Preprint: bone marrow edema after denosumab withdrawal",
                    source="biorxiv",
                    source_id="10.1101/2026.01.01.1",
                    kind="preprint",
                    pmid=None,
                ),
                tags("cohort", 3, flags=("preprint",)),
            ),
            (
                record(2, "Retracted trial of core decompression with stem cells"),
                tags("rct", 2, flags=("retracted",)),
            ),
            (
                record(
                    3,
                    "Pneumonoultra" + "microscopicsilicovolcanoconiosis" * 5 + " and osteonecrosis",
                    journal="https://example.org/" + "very-long-path-segment-" * 6,
                ),
                tags("case_report", 4, key_numbers={"participants": {"n": 1, "what": "patient"}}),
            ),
        ],
    )
    store_real(settings, limit=60)
    with Store(settings.database_path) as store:
        add_subscriber(store, "reader@example.org")
        report = send_editions(settings, store, topics())
    assert report.sent == 1
    (eml,) = (tmp / "outbox").glob("edition-*/subscriber-*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    html = message.get_body(("html",)).get_content()
    assert "Preprint — not peer reviewed" in html and "RETRACTED" in html
    assert "Also new" in html, "more than 25 items: the rest are listed by title"
    path = tmp / "message.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with headless_chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


@pytest.fixture(scope="module", autouse=True)
def artifacts() -> Path:
    return fresh_artifacts(ARTIFACTS)


def open_at(driver, path: Path, width: int, scheme: str) -> None:
    driver.set_window_size(width, 900)
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )
    # The viewport must be exactly ``width`` CSS pixels, whatever the window decorations take.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500},
    )
    driver.get(path.as_uri())


def shoot(driver, name: str) -> Path:
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    width = int(driver.execute_script("return window.innerWidth"))
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": min(height, 6000), "deviceScaleFactor": 1, "mobile": width < 500},
    )
    path = ARTIFACTS / f"{name}.png"
    assert driver.save_screenshot(str(path))
    assert path.stat().st_size > 1000
    return path


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_overflows_at_email_widths(browser, email_html, width, scheme):
    open_at(browser, email_html, width, scheme)
    assert browser.execute_script("return window.innerWidth") == width
    scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the message is {scroll_width}px wide in a {width}px window"
    widest = browser.execute_script(
        "return Math.max(...[...document.querySelectorAll('td, p, h1, h3, blockquote, li, a, span')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= width + 0.5, "an element sticks out past the right edge"
    main = browser.execute_script("return document.querySelector('table.main').getBoundingClientRect().width")
    assert main <= 600
    shoot(browser, f"message-{width}-{scheme}")


def test_dark_mode_changes_the_colours(browser, email_html):
    def background(scheme):
        open_at(browser, email_html, 600, scheme)
        return browser.execute_script(
            "return getComputedStyle(document.querySelector('table.main')).backgroundColor"
        )

    light, dark = background("light"), background("dark")
    assert light == "rgb(255, 255, 255)" and dark != light
    channels = [int(c) for c in dark[dark.index("(") + 1 : dark.index(")")].split(",")[:3]]
    assert sum(channels) < 3 * 80, f"dark mode background {dark} is not dark"


def test_key_numbers_read_as_sentences_and_only_what_was_stated():
    from osteodigest.newsletter.items import format_key_numbers

    lines = format_key_numbers(
        {
            "participants": {"n": 1707, "what": "older adults"},
            "studies": {"n": 16},
            "follow_up": {"text": "24 months"},
            "registrations": ["CRD42020176389"],
            "primary_outcome": {},
        }
    )
    assert lines == [
        "16 studies included",
        "n = 1707 older adults",
        "follow-up 24 months",
        "registered CRD42020176389",
    ]
    assert format_key_numbers({}) == []
