"""One item template for the email and the web: the same work reads the same in both places.

The work is stored the real way, listed in one edition, then retracted (a PubMed retraction notice
arrives), so the next edition lists it under status changes with its note, its warning, its authors,
badges and reason. The email (``send`` to the outbox) and the edition page (the Flask app) must show
each of those identically; the web adds only the abstract and the permalink.
"""

from __future__ import annotations

import dataclasses
import email
from email import policy

from bs4 import BeautifulSoup
from osteodigest.crawler.models import Record, Relation
from osteodigest.crawler.store import Store
from osteodigest.newsletter.edition import make_edition
from osteodigest.newsletter.items import author_line, make_item, primary_effect, worded_subtopic
from osteodigest.newsletter.send import send_editions
from osteodigest.newsletter.subscribers import add_subscriber
from osteodigest.newsletter.web import create_app

from tests.newsletter_data import decide_relevance, make_settings, record, store_works, tags, topics

SHARED = (
    ".flag-status",
    ".flag-retracted",
    ".flag-preprint",
    ".badge-design",
    ".badge-level",
    ".byline",
    ".why",
)


def texts(item) -> dict[str, list[str]]:
    return {css: [" ".join(e.get_text(" ").split()) for e in item.select(css)] for css in SHARED}


def test_the_same_work_shows_the_same_note_warning_reason_authors_and_badges_in_email_and_web(tmp_path):
    settings = make_settings(tmp_path)
    (work_id,) = store_works(
        settings,
        [
            (
                record(
                    1,
                    "Core decompression with bone marrow cells for osteonecrosis of the femoral head",
                    doi="10.5555/parity.1",
                    authors=("Moreau C", "Haddad R", "Sato K", "Nowak P"),
                    journal="Journal of bone and joint surgery. American volume",
                    journal_abbrev="J Bone Joint Surg Am",
                    abstract="Avascular necrosis of the femoral head often collapses."
                    " Bone marrow cells reduced collapse at five years.",
                    abstract_sections=(
                        ("BACKGROUND", "Avascular necrosis of the femoral head often collapses."),
                        ("CONCLUSIONS", "Bone marrow cells reduced collapse at five years."),
                    ),
                ),
                tags("rct", 2, topics=("site:femoral_head", "procedure:core_decompression")),
            )
        ],
    )
    decide_relevance(settings, [work_id])
    with Store(settings.database_path) as store:
        # The reader got the article: a status change is told to the readers who saw the item.
        add_subscriber(store, "reader@example.org")
        make_edition(settings, store, topics())
        assert send_editions(settings, store, topics()).sent == 1
        store.works.save(
            [
                Record(
                    source="pubmed",
                    source_id="990001",
                    pmid="990001",
                    kind="retraction",
                    title="Retraction: Core decompression with bone marrow cells",
                    relations=(Relation("retracts", "doi", "10.5555/parity.1"),),
                    topics=("osteonecrosis",),
                )
            ]
        )
        edition_id = make_edition(settings, store, topics())
        assert (work_id, "changes") in store.editions.items(edition_id)
        assert send_editions(settings, store, topics()).sent == 1
    (eml,) = (tmp_path / "outbox").glob(f"edition-{edition_id:05d}/subscriber-*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    in_email = BeautifulSoup(message.get_body(("html",)).get_content(), "html.parser").find(id=f"w{work_id}")
    page = create_app(settings).test_client().get(f"/editions/{edition_id}")
    on_web = BeautifulSoup(page.get_data(as_text=True), "html.parser").find(id=f"w{work_id}")

    shown = texts(in_email)
    assert shown == texts(on_web)
    assert shown[".flag-status"] == ["Retracted since it was listed"]
    assert shown[".flag-retracted"] == ["⚠ RETRACTED — do not rely on this article"]
    assert shown[".badge-design"] == ["Randomised trial"]
    assert shown[".badge-level"] == ["Evidence level 2 · high"]
    assert shown[".byline"] == ["Moreau C, Haddad R, Sato K et al."]
    (why,) = shown[".why"]
    # The relevance stage's reason as stored with the work, then the tagger's facets, worded.
    reason = why.removeprefix("Why you see this: ").split("; about")[0]
    assert "osteonecrosis of the femoral head" in reason.lower() and " — in the title" in reason, why
    assert why.endswith("; about the femoral head and core decompression. Found in PubMed.")
    assert "site:" not in why and "procedure:" not in why and "_" not in why, "words, never tag syntax"
    assert in_email.select_one(".meta abbr").get_text() == on_web.select_one(".meta abbr").get_text()
    assert on_web.select_one(".meta abbr")["title"] == "Journal of bone and joint surgery. American volume"
    # The web adds the whole abstract, in its sections; the email has no room for it.
    assert [p.get_text(" ", strip=True) for p in on_web.select("details.abstract p")] == [
        "BACKGROUND: Avascular necrosis of the femoral head often collapses.",
        "CONCLUSIONS: Bone marrow cells reduced collapse at five years.",
    ]
    assert not in_email.select("details")


def test_authors_are_the_first_three_then_et_al():
    assert author_line(("A B", "C D", "E F", "G H")) == "A B, C D, E F et al."
    assert author_line(("A B", " ", "C D")) == "A B, C D"
    assert author_line(()) is None


def test_subtopic_tags_read_as_words_never_as_tag_syntax():
    assert worded_subtopic("site:jaw") == "the jaw"
    assert worded_subtopic("drug:denosumab") == "denosumab"
    assert worded_subtopic("staging:ARCO") == "ARCO staging"
    assert worded_subtopic("procedure:total_hip_arthroplasty") == "total hip arthroplasty"
    assert worded_subtopic("site:other") is None


def test_only_an_effect_tied_to_the_primary_outcome_is_shown_and_as_the_abstract_words_it():
    tied = {"text": "HR 0.62; 95% CI 0.48 to 0.80", "measure": "HR", "value": 0.62, "primary": True}
    loose = {"text": "OR 1.72; 95% CI 1.07 to 2.78", "measure": "OR", "value": 1.72, "primary": False}
    assert primary_effect([loose, tied]) == "HR 0.62; 95% CI 0.48 to 0.80"
    assert primary_effect([loose]) is None, "an estimate not tied to the primary outcome is not promoted"
    assert primary_effect(None) is None


def test_without_a_primary_estimate_the_first_results_sentence_is_shown_as_written():
    from osteodigest.crawler.models import Tags, Work
    from osteodigest.newsletter.render import EditionView, Renderer, personalise

    sentence = "Denosumab use was associated with a lower risk of hip fracture (HR 0.62, 95% CI 0.50-0.80)."
    effects = [{"text": "HR 0.62, 95% CI 0.50-0.80", "measure": "HR", "primary": False, "result": sentence}]
    tags = Tags(study_type="cohort", evidence_level=3, key_numbers={"effects": effects})
    work = Work(id=9, records=(record(9, "Denosumab and hip fracture"),), first_seen="2026-10-01", tags=tags)
    item = make_item(work, {})
    assert (item.effect_label, item.effect) == ("Result", sentence)
    view = EditionView(None, "OsteoDigest", "weekly", None, "2026-10-08", [("practice", item)], {})
    rendered = Renderer().render(personalise(view))
    assert f"Result:</strong> “{sentence}”" in rendered.html
    assert "Primary effect estimate" not in rendered.html
    assert 'Result: "Denosumab use' in rendered.text
    # Said already by the takeaway: not twice.
    told = dataclasses.replace(tags, takeaway=sentence)
    again = make_item(dataclasses.replace(work, tags=told), {})
    assert (again.effect_label, again.effect) == (None, None)


def test_the_taggers_label_authors_level_effect_and_takeaway_reach_email_and_text():
    from osteodigest.crawler.models import Tags, Work
    from osteodigest.newsletter.render import EditionView, Renderer, personalise

    tags = Tags(
        study_type="systematic_review",
        evidence_level=2,
        label="Systematic review of cohort studies",
        evidence={
            "level": 2,
            "authors": {"text": "Level III", "level": 3, "scale": "OCEBM"},
            "disagrees": True,
        },
        key_numbers={
            "effects": [{"text": "OR 3.1 (95% CI 1.9-5.0)", "measure": "OR", "value": 3.1, "primary": True}]
        },
        takeaway="Denosumab users had more jaw osteonecrosis than bisphosphonate users.",
    )
    work = Work(
        id=7, records=(record(7, "Denosumab and MRONJ: a review"),), first_seen="2026-10-01", tags=tags
    )
    item = make_item(work, {"osteonecrosis": "Osteonecrosis"})
    assert item.study_label == "Systematic review of cohort studies"
    assert item.stated_level == "level III, differs from ours"
    assert item.effect == "OR 3.1 (95% CI 1.9-5.0)"
    assert not any("OR 3.1" in line for line in item.key_numbers), "the estimate is shown once"
    view = EditionView(None, "OsteoDigest", "weekly", None, "2026-10-08", [("practice", item)], {})
    rendered = Renderer().render(personalise(view))
    for shown in (
        "Systematic review of cohort studies",
        "Level stated by the authors: level III, differs from ours",
        "OR 3.1 (95% CI 1.9-5.0)",
        "Key takeaway, in the authors' words:</strong> “Denosumab users",
    ):
        assert shown in rendered.html
    assert "Primary effect estimate: OR 3.1 (95% CI 1.9-5.0)" in rendered.text
    for part in (rendered.html, rendered.text):
        assert part.count("Denosumab users had more jaw") == 1, "the takeaway is shown once"
    plain = make_item(Work(id=8, records=(record(8, "Plain"),), first_seen="2026-10-01"), {})
    assert (plain.stated_level, plain.effect, plain.effect_label) == (None, None, None)
