"""Editions: which works, in which section and order, what each item shows, and when the next is due."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from osteodigest.crawler.models import Record, Relation, Work
from osteodigest.crawler.store import Store
from osteodigest.newsletter.edition import edition_due, edition_view, make_edition, period_of
from osteodigest.newsletter.items import key_finding, safe_url
from osteodigest.newsletter.render import Renderer, personalise
from osteodigest.newsletter.select import Preferences
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber, make_preferences

from tests.newsletter_data import (
    BASE_URL,
    SimulatedTime,
    decide_relevance,
    make_settings,
    real_records,
    record,
    store_works,
    tags,
    topics,
)


def digest_of(settings, edition_id, prefs=None, max_items=25):
    with Store(settings.database_path) as store:
        view = edition_view(settings, store, topics(), edition_id)
    return view, personalise(view, prefs=prefs, max_items=max_items)


def new_edition(settings, frequency="weekly"):
    with Store(settings.database_path) as store:
        return make_edition(settings, store, topics(), frequency)


def test_sections_run_practice_topics_trials_then_status_changes(tmp_path):
    settings = make_settings(tmp_path)
    old = store_works(
        settings,
        [(record(50, "An older cohort on femoral head necrosis", doi="10.5555/old"), tags("cohort", 3))],
    )
    new_edition(settings)
    ids = store_works(
        settings,
        [
            (record(1, "Cohort A osteonecrosis", published="2026-10-01"), tags("cohort", 3)),
            (record(2, "Case report B osteonecrosis", published="2026-10-20"), tags("case_report", 4)),
            (record(3, "Cohort C osteonecrosis, newer", published="2026-10-15"), tags("cohort", 3)),
            (record(4, "Meta-analysis D", topic="osteoporosis"), tags("meta_analysis", 1)),
            (record(5, "Denosumab cohort E", topic="osteoporosis"), tags("cohort", 3)),
            (
                record(6, "Registered trial F", kind="trial", source="clinicaltrials", pmid=None),
                tags(None, None),
            ),
            (record(7, "Guideline G", topic="osteoporosis"), tags("guideline", None)),
        ],
    )
    with Store(settings.database_path) as store:
        store.works.save(
            [
                Record(
                    source="pubmed",
                    source_id="777",
                    pmid="777",
                    kind="retraction",
                    title="Retraction note: An older cohort on femoral head necrosis",
                    relations=(Relation("retracts", "doi", "10.5555/old"),),
                    topics=("osteonecrosis",),
                )
            ]
        )
    edition_id = new_edition(settings)
    view, digest = digest_of(settings, edition_id)
    order = [(s.key, [i.work_id for i in s.items]) for s in digest.sections]
    notice = max(i.work_id for _, i in view.entries)
    assert order == [
        ("practice", [ids[3], ids[6]]),
        ("topic:osteonecrosis", [ids[2], ids[0], ids[1]]),  # level 3 newest first, then level 4
        ("topic:osteoporosis", [ids[4]]),
        ("trials", [ids[5]]),
        ("changes", [*old, notice]),
    ], "the notice is listed with the status changes, not among the research"
    changed, note = digest.sections[-1].items
    assert changed.retracted and changed.status_note == "Retracted since it was listed"
    assert note.status_note == "Retraction notice" and note.title.startswith("Retraction note")
    text = Renderer().render(digest).text
    assert text.index("PRACTICE-RELEVANT") < text.index("OSTEONECROSIS") < text.index("STATUS CHANGES")
    assert "Retracted since it was listed" in text and "RETRACTED" in text


def test_an_item_shows_links_source_design_numbers_finding_and_why(tmp_path):
    settings = make_settings(tmp_path)
    abstract_sections = (
        ("BACKGROUND", "Core decompression is debated."),
        ("METHODS", "We randomised 120 hips."),
        ("CONCLUSIONS", "Bone marrow cells reduced collapse at 5 years. Larger trials are needed."),
    )
    rec = record(
        1,
        "Bone marrow cells for avascular necrosis of the femoral head",
        abstract=" ".join(t for _, t in abstract_sections),
        abstract_sections=abstract_sections,
        journal="Bone & Joint Journal",
        published="2026-10-05",
    )
    ids = store_works(
        settings,
        [
            (
                rec,
                tags(
                    "rct", 2, key_numbers={"participants": {"n": 120, "what": "hips"}, "follow_up": "5 years"}
                ),
            )
        ],
    )
    decide_relevance(settings, ids)
    edition_id = new_edition(settings)
    _, digest = digest_of(settings, edition_id)
    (item,) = digest.items
    assert item.url == item.doi_url == "https://doi.org/10.5555/test.1"
    assert item.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/900001/"
    assert item.key_finding == abstract_sections[2][1], "the conclusion, verbatim"
    assert item.key_numbers == ["n = 120 hips", "follow-up 5 years"]
    # The relevance stage's reason, stored with the work: where the subject is named, in words.
    assert item.why.startswith("Avascular necrosis of the femoral head — in the title"), item.why
    assert item.why.endswith("Found in PubMed.") and "mentions" not in item.why
    rendered = Renderer().render(digest)
    html, text = rendered.html, rendered.text
    assert (
        '<a href="https://doi.org/10.5555/test.1"' in html
        and "https://pubmed.ncbi.nlm.nih.gov/900001/" in html
    )
    assert "Randomised trial" in html and "Evidence level 2" in html
    assert "Bone &amp; Joint Journal · 2026-10-05" in html
    assert f"“{abstract_sections[2][1]}”" in html
    assert "Why you see this: Avascular necrosis of the femoral head — in the title" in html
    assert "Randomised trial, evidence level 2" in text and "Bone & Joint Journal, 2026-10-05" in text
    assert "Key numbers: n = 120 hips; follow-up 5 years" in text
    assert "DOI: https://doi.org/10.5555/test.1" in text
    assert "<" not in text.replace("<https", ""), "the text part is plain text"


def test_preprints_and_retractions_are_flagged(tmp_path):
    settings = make_settings(tmp_path)
    store_works(
        settings,
        [
            (
                record(1, "A preprint on MRONJ", source="biorxiv", source_id="10.1101/x", kind="preprint"),
                tags("cohort", 3),
            ),
            (
                record(2, "A retracted osteoporosis trial", topic="osteoporosis"),
                tags("rct", 2, flags=("retracted",)),
            ),
            (record(3, "Steroid osteonecrosis model"), tags("animal", 5, flags=("animal_species:mice",))),
        ],
    )
    _, digest = digest_of(settings, new_edition(settings))
    by_title = {i.title: i for i in digest.items}
    assert by_title["A preprint on MRONJ"].preprint and not by_title["A preprint on MRONJ"].retracted
    assert by_title["A retracted osteoporosis trial"].retracted
    rendered = Renderer().render(digest)
    assert "Preprint — not peer reviewed" in rendered.html and "Preprint — not peer reviewed" in rendered.text
    assert "RETRACTED — do not rely on this article" in rendered.html
    assert "Animal study, evidence level 5 · low (in mice)" in rendered.text
    assert "in mice</span>" in rendered.html
    practice = [i.title for s in digest.sections if s.key == "practice" for i in s.items]
    assert "A retracted osteoporosis trial" not in practice, "a retracted trial is not practice-relevant"


def test_the_length_budget_lists_the_rest_by_title_with_links_to_the_full_edition(tmp_path):
    settings = make_settings(tmp_path)
    ids = store_works(
        settings, [(record(n, f"Osteonecrosis study number {n}"), tags("cohort", 3)) for n in range(1, 31)]
    )
    edition_id = new_edition(settings)
    _, digest = digest_of(settings, edition_id)
    assert len(digest.items) == 25 and len(digest.overflow) == 5
    rendered = Renderer().render(digest)
    links = re.findall(rf'href="{re.escape(BASE_URL)}/editions/{edition_id}#w(\d+)"', rendered.html)
    assert {int(x) for x in links} == {i.work_id for i in digest.overflow} <= set(ids)
    for item in digest.overflow:
        assert f"{BASE_URL}/editions/{edition_id}#w{item.work_id}" in rendered.text
    top = digest.items[0].title
    assert rendered.subject == f"OsteoDigest: 30 new items, top: {top} — cohort study", "count and top item"


def test_the_summary_counts_each_design_in_words(tmp_path):
    settings = make_settings(tmp_path)
    store_works(
        settings,
        [(record(n, f"Osteonecrosis note {n}"), tags("other", None)) for n in range(1, 4)]
        + [
            (record(n, f"Osteonecrosis pooled {n}"), tags("systematic_review", 3, label=label))
            for n, label in (
                (4, "Systematic review of cohort studies"),
                (5, "Systematic review of cohort studies"),
            )
        ]
        + [(record(6, "Osteonecrosis in mice"), tags("animal", 5))],
    )
    _, digest = digest_of(settings, new_edition(settings))
    assert "3 with the design not stated" in digest.summary
    assert "2 systematic reviews of cohort studies" in digest.summary
    assert "1 animal study" in digest.summary


def test_a_huge_edition_stays_under_the_html_budget(tmp_path):
    settings = make_settings(tmp_path)
    long = "Osteonecrosis of the femoral head after glucocorticoids " * 4
    store_works(settings, [(record(n, f"{long} {n}"), tags("cohort", 3)) for n in range(1, 401)])
    _, digest = digest_of(settings, new_edition(settings), max_items=60)
    rendered = Renderer().render(digest)
    assert len(rendered.html.encode()) <= 90_000
    assert "more in the full edition" in rendered.text, (
        "titles that did not fit are counted, not dropped silently"
    )
    assert digest.total == 400


def test_key_finding_is_quoted_never_made_up(tmp_path):
    records = [r for r in real_records() if r.abstract]
    found = 0
    for rec in records:
        finding = key_finding(Work(id=1, records=(rec,), first_seen="2026-01-01"))
        if finding:
            found += 1
            parts = [" ".join(t.split()) for _, t in rec.abstract_sections] + [" ".join(rec.abstract.split())]
            assert any(" ".join(finding.split()) in part for part in parts), finding
    assert found > len(records) // 2


def test_only_http_links_reach_an_href():
    assert safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,<script>",
        "https://ex ample.org",
        "//example.org",
        None,
        "",
    ):
        assert safe_url(bad) is None


def test_each_frequency_covers_what_is_new_since_its_own_last_edition(tmp_path):
    settings = make_settings(tmp_path)
    first = store_works(settings, [(record(1, "Osteonecrosis one"), tags("cohort", 3))])
    weekly_1 = new_edition(settings, "weekly")
    second = store_works(settings, [(record(2, "Osteonecrosis two"), tags("cohort", 3))])
    daily_1 = new_edition(settings, "daily")
    weekly_2 = new_edition(settings, "weekly")
    with Store(settings.database_path) as store:
        items = {e: [w for w, _ in store.editions.items(e)] for e in (weekly_1, daily_1, weekly_2)}
    assert {e: sorted(ids) for e, ids in items.items()} == {
        weekly_1: first,
        daily_1: sorted(first + second),
        weekly_2: second,
    }


@pytest.mark.parametrize(
    ("frequency", "made", "now", "due"),
    [
        ("daily", "2026-03-02T23:30:00+00:00", "2026-03-03T00:10:00+00:00", True),
        ("daily", "2026-03-02T06:00:00+00:00", "2026-03-02T23:59:00+00:00", False),
        ("weekly", "2026-03-02T06:00:00+00:00", "2026-03-08T23:00:00+00:00", False),  # Monday .. Sunday
        ("weekly", "2026-03-02T06:00:00+00:00", "2026-03-09T00:30:00+00:00", True),
        ("weekly", "2026-03-09T06:00:01+00:00", "2026-03-16T06:00:00+00:00", True),  # no drift
        ("monthly", "2026-03-01T06:00:00+00:00", "2026-03-31T23:00:00+00:00", False),
        ("monthly", "2026-03-31T23:00:00+00:00", "2026-04-01T00:00:01+00:00", True),
    ],
)
def test_a_new_edition_is_due_in_a_new_calendar_period(tmp_path, frequency, made, now, due):
    settings = make_settings(tmp_path)
    with Store(settings.database_path) as store:
        assert edition_due(store, frequency, ZoneInfo("UTC"), datetime.fromisoformat(now))
        store.conn.execute(
            "INSERT INTO editions (frequency, created_at, period_end, title) VALUES (?, ?, ?, 'T')",
            (frequency, made, made),
        )
        assert edition_due(store, frequency, ZoneInfo("UTC"), datetime.fromisoformat(now)) is due


def test_periods_follow_the_configured_time_zone():
    moment = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)  # already 2 March in Berlin
    assert period_of(moment, "daily", ZoneInfo("UTC")) == (2026, 3, 1)
    assert period_of(moment, "daily", ZoneInfo("Europe/Berlin")) == (2026, 3, 2)
    assert period_of(moment, "monthly", ZoneInfo("Europe/Berlin")) == (2026, 3)


def test_send_makes_one_edition_per_frequency_its_readers_use(tmp_path):
    settings = make_settings(tmp_path)
    clock = SimulatedTime(datetime(2026, 3, 31, 8, tzinfo=UTC))  # a Tuesday; tomorrow is April
    store_works(settings, [(record(1, "Osteonecrosis one"), tags("cohort", 3))], clock)
    with Store(settings.database_path, clock=clock) as store:
        add_subscriber(store, "daily@example.org", make_preferences(frequency="daily"))
        add_subscriber(store, "monthly@example.org", make_preferences(frequency="monthly"))
        first = send_editions(settings, store, topics())
        assert sorted(f for f, _ in first.editions) == ["daily", "monthly"] and first.sent == 2
        assert len(first.editions_made) == 2
        clock.advance(hours=6)
        again = send_editions(settings, store, topics())
        assert again.editions_made == [] and again.sent == 0
        clock.advance(days=1)
        tomorrow = send_editions(settings, store, topics())
        made = sorted(store.editions.get(e).frequency for e in tomorrow.editions_made)
        assert made == ["daily", "monthly"], "a new day, and a new month"
        assert tomorrow.sent == 0 and tomorrow.skipped == 2, "nothing new: no empty email"
        clock.advance(days=1)
        assert [
            store.editions.get(e).frequency for e in send_editions(settings, store, topics()).editions_made
        ] == ["daily"]
    assert len(list((tmp_path / "outbox").glob("edition-*.html"))) == 5


def test_preferences_default_shows_everything():
    assert Preferences().is_default and not Preferences(min_evidence=2).is_default
