"""The email as a reader's client shows it: the HTML part in headless Chromium at 600 px and 375 px.

The messages are produced the real way (``send`` to the outbox), from the 262 shared PubMed bone records
plus a preprint, a retracted trial with its retraction notice and a title with a 150-character
unbreakable word, for four readers with different preferences (the default cap, a cap of 200 that the
size budget cuts, one topic at evidence level 3 or better, no animal or in-vitro studies). Nothing may
stick out sideways (``scrollWidth <= width``), in light or dark mode, axe-core finds no serious or
critical violation, and every message stays under Gmail's 102 KB clipping size. Screenshots are kept
under ``test-artifacts/email/`` for a human to look at.
"""

from __future__ import annotations

import email
import re
from email import policy
from itertools import pairwise
from pathlib import Path

import pytest
from osteodigest.crawler.models import Record, Relation
from osteodigest.crawler.store import Store
from osteodigest.newsletter.select import Preferences
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber

from tests.axe import assert_accessible
from tests.browser import ARTIFACTS_ROOT, BROWSER_MODULE, artifacts_folder, headless_chromium
from tests.newsletter_data import make_settings, record, store_real, store_works, tags, topics

ARTIFACTS = ARTIFACTS_ROOT / "email"
WIDTHS = (600, 375)
#: Gmail clips a message whose HTML passes about 102 KB.
GMAIL_CLIP = 102 * 1000
READERS = {
    "reader": Preferences(),
    "wants-200": Preferences(max_items=200),
    "onfh-level-3": Preferences(topics=("osteonecrosis",), min_evidence=3),
    "no-animals": Preferences(exclude_types=("animal", "in_vitro")),
}

pytestmark = BROWSER_MODULE


def edition_messages(tmp: Path) -> dict[str, email.message.EmailMessage]:
    """One edition of the shared records (plus the odd cases), sent to each of :data:`READERS`."""
    settings = make_settings(tmp)
    assert len(store_real(settings, every=True)) == 262, "the shared bone records, each its own work"
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
                    authors=("Okafor N", "Lindqvist E"),
                ),
                tags("systematic_review", 2, flags=("preprint",)),
            ),
            (
                record(
                    2,
                    "Retracted trial of core decompression with stem cells",
                    doi="10.5555/retracted.2",
                    authors=("Moreau C", "Haddad R", "Sato K", "Nowak P"),
                ),
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
    with Store(settings.database_path) as store:
        store.works.save(
            [
                Record(
                    source="pubmed",
                    source_id="990002",
                    pmid="990002",
                    kind="retraction",
                    title="Retraction note: Retracted trial of core decompression with stem cells",
                    relations=(Relation("retracts", "doi", "10.5555/retracted.2"),),
                    topics=("osteonecrosis",),
                )
            ]
        )
    with Store(settings.database_path) as store:
        ids = {
            name: add_subscriber(store, f"{name}@example.org", prefs).subscriber.id
            for name, prefs in READERS.items()
        }
        report = send_editions(settings, store, topics())
    assert report.sent == len(READERS)
    messages = {}
    for name, sid in ids.items():
        (eml,) = (tmp / "outbox").glob(f"edition-*/subscriber-{sid:06d}.eml")
        messages[name] = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    return messages


@pytest.fixture(scope="module")
def messages(tmp_path_factory) -> dict[str, email.message.EmailMessage]:
    return edition_messages(tmp_path_factory.mktemp("email"))


@pytest.fixture(scope="module")
def email_html(messages, tmp_path_factory) -> Path:
    """The default reader's HTML part, saved as a file for the browser."""
    html = messages["reader"].get_body(("html",)).get_content()
    assert "Preprint — not peer reviewed" in html and "RETRACTED" in html
    assert "Also new" in html, "more than 25 items: the rest are listed by title"
    path = tmp_path_factory.mktemp("email-file") / "message.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with headless_chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


@pytest.fixture(scope="module", autouse=True)
def artifacts() -> Path:
    return artifacts_folder(ARTIFACTS)


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
    """``name.png``: the top of the message (up to 6000 px); ``name-end.png``: its last 2000 px (the
    overflow list and the footer)."""
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    width = int(driver.execute_script("return window.innerWidth"))
    path = ARTIFACTS / f"{name}.png"
    for suffix, tall in (("", min(height, 6000)), ("-end", min(height, 2000))):
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": tall, "deviceScaleFactor": 1, "mobile": width < 500},
        )
        driver.execute_script("window.scrollTo(0, arguments[0])", height - tall if suffix else 0)
        shot = ARTIFACTS / f"{name}{suffix}.png"
        assert driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 1000
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
    assert_accessible(browser, f"the email at {width} px, {scheme}")


def test_every_message_of_the_edition_stays_under_gmails_clipping_size(messages):
    sizes = {name: len(m.get_body(("html",)).get_content().encode("utf-8")) for name, m in messages.items()}
    assert all(size < GMAIL_CLIP for size in sizes.values()), sizes
    wants_200 = messages["wants-200"].get_body(("html",)).get_content()
    assert "You asked for up to 200 items in full;" in wants_200, "the size budget's cut is said"
    assert "/mine/" in wants_200, "and the rest are linked on the reader's own page"
    assert "You asked for" not in messages["reader"].get_body(("html",)).get_content()


def test_the_inbox_sees_count_top_item_and_a_preheader_that_is_not_the_first_line(messages):
    from bs4 import BeautifulSoup

    message = messages["reader"]
    subject = message["Subject"]
    assert subject.startswith("OsteoDigest: ") and " practice-relevant, top: " in subject
    page = BeautifulSoup(message.get_body(("html",)).get_content(), "html.parser")
    preheader = page.select_one(".preheader").get_text(" ", strip=True)
    summary = page.select_one(".summary").get_text(" ", strip=True)
    assert preheader.startswith("Also: ") and preheader[:40] not in summary
    assert summary.split(" ")[1] == "practice-relevant", "the summary leads with what matters"
    top = subject.split(", top: ", 1)[1].split(" — ")[0].rstrip("…")
    assert top not in preheader, "the preheader does not repeat the subject's top item"
    view = page.find("a", string="View in a browser")["href"]
    assert "/mine/" in view, "View in a browser opens the reader's own view"
    overflow = page.select(".overflow li")
    design_level_date = re.compile(r" — .+ · (Evidence level \d · \w+|No evidence level)( · \d{4}[-\d]*)?")
    assert overflow and all(design_level_date.search(li.get_text()) for li in overflow)


def test_the_html_starts_with_its_charset_and_has_an_outlook_wrapper(messages):
    html = messages["reader"].get_body(("html",)).get_content()
    assert html.index('<meta charset="utf-8">') < 200
    assert '<!--[if mso]><table role="presentation" width="600"' in html


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


def heading_levels(html: str) -> list[int]:
    from bs4 import BeautifulSoup

    return [
        int(h.name[1])
        for h in BeautifulSoup(html, "html.parser").find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    ]


def test_headings_never_skip_a_level(messages):
    for name, message in messages.items():
        levels = heading_levels(message.get_body(("html",)).get_content())
        assert levels[0] == 1 and levels.count(1) == 1, name
        assert all(b - a <= 1 for a, b in pairwise(levels)), (name, levels)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_message_cut_by_the_size_budget_passes_axe(browser, messages, tmp_path, scheme):
    path = tmp_path / "wants-200.html"
    path.write_text(messages["wants-200"].get_body(("html",)).get_content(), encoding="utf-8")
    open_at(browser, path, 375, scheme)
    assert browser.find_element("css selector", ".cut").is_displayed()
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 375
    assert_accessible(browser, f"the size-cut message ({scheme})")
