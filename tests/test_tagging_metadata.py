"""Study type from what survives before NLM indexing: page span, comment links, journal, and the phrases
that name a design without the usual words (crawler.tagging.study_type, crawler.tagging.view)."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest
from osteodigest.crawler.models import Record, Relation
from osteodigest.crawler.tagging import tag_records
from osteodigest.crawler.tagging.view import build_view, page_span

PUBMED = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "pubmed"


@cache
def _records(name: str) -> dict[str, Record]:
    path = PUBMED / name
    if not path.exists():
        pytest.skip(f"fixture {path} not present")
    from osteodigest.crawler.sources.medline import parse_medline

    return {r.pmid: r for r in parse_medline(path.read_bytes())}


def _stripped(record: Record) -> Record:
    """What a brand-new PubMed record looks like: no NLM publication types or MeSH yet."""
    return dataclasses.replace(record, publication_types=("Journal Article",), mesh=(), kind="article")


def _study_type(name: str, pmid: str, strip: bool = True) -> tuple[str, str]:
    record = _records(name)[pmid]
    tags = tag_records([_stripped(record) if strip else record])
    return tags.study_type, tags.why["study_type"]


def rec(title: str, abstract: str = "", **fields) -> Record:
    fields.setdefault("source_id", "t1")
    return Record(source="test", title=title, abstract=abstract, **fields)


# ------------------------------------------------------------------------------------------- the view
@pytest.mark.parametrize(
    ("pages", "span"),
    [
        ("115-7", 3),
        ("1559-1561", 3),
        ("S12-S13", 2),
        ("e398-e403", 6),
        ("197S-198S", 2),
        ("121-3, 126", 3),
        ("130084", None),  # an article number, not one page
        ("443", None),  # one page or an e-locator: undecided
        (None, None),
        ("xii-xiv", None),
    ],
)
def test_page_span_reads_medline_ranges_and_leaves_single_numbers_undecided(pages, span):
    assert page_span(pages) == span


def test_view_takes_the_span_from_whichever_record_has_pagination():
    view = build_view([rec("A", abstract="Longer abstract."), rec("A", source_id="t2", pages="1261-3")])
    assert view.page_span == 3


# ------------------------------------------------------------------------------------------ commentary
def test_a_short_piece_linked_to_the_article_it_discusses_is_commentary():
    # FEBS Journal comment, four pages, CommentOn link, an abstract without data or comment phrases.
    study_type, why = _study_type("pubtype_sample.xml", "33565264")
    assert study_type == "commentary"
    assert why.startswith("relation:")


def test_a_long_research_paper_carrying_a_comment_link_keeps_its_design():
    # Cancer Discovery research article (20 pages) that PubMed links as commenting: AML cells in vitro
    # and in vivo, i.e. animal experiments.
    study_type, why = _study_type("pubtype_sample.xml", "33500244")
    assert study_type == "animal"
    assert "in vitro and in vivo" in why


def test_comment_link_without_pages_needs_a_short_abstract():
    sentence = (
        "We enrolled 412 patients and measured bone density at baseline and after two years (p < 0.01). "
    )
    data = sentence * 12
    long_research = tag_records(
        [rec("Bone loss after transplantation", data, relations=(Relation("comment_on", "pmid", "1"),))]
    )
    assert long_research.study_type != "commentary"
    short = tag_records(
        [
            rec(
                "A window in time for bone regeneration",
                "Bone regeneration offers hope. Work by others now shows a new mechanism.",
                relations=(Relation("comment_on", "pmid", "1"),),
            )
        ]
    )
    assert short.study_type == "commentary"


def test_in_this_issue_of_the_journal_marks_a_comment_on_another_article():
    assert _study_type("pubtype_sample.xml", "34095812")[0] == "commentary"
    assert _study_type("pubtype_sample.xml", "33599349")[0] == "commentary"


def test_a_review_summary_with_commentary_is_commentary_not_a_systematic_review():
    assert _study_type("bone_topic_subset.xml", "34091467")[0] == "commentary"


def test_a_letter_whose_title_names_its_design_keeps_the_design_when_indexed():
    # NLM "Letter", no abstract, title "…: A retrospective study of 72 cases".
    assert _study_type("bone_topic_subset.xml", "34058427", strip=False)[0] != "commentary"


# ----------------------------------------------------------------------------------------- case reports
def test_a_case_report_journal_settles_a_report_with_a_research_style_abstract():
    # AACE Clinical Case Reports, structured Objective/Methods/Results abstract about one patient.
    study_type, why = _study_type("pubtype_sample.xml", "34095487")
    assert study_type == "case_report"
    assert why.startswith("journal:")


def test_one_patient_named_by_age_in_a_short_abstract_is_a_case_report():
    assert _study_type("pubtype_sample.xml", "34096663")[0] == "case_report"


def test_a_cell_line_from_a_named_patient_is_not_a_case_report():
    tags = tag_records(
        [
            rec(
                "Generation of an induced pluripotent stem cell line from a patient with Alport syndrome",
                "Peripheral blood cells from a 30-year-old male patient were reprogrammed into an iPSC line "
                "that expresses pluripotency markers and differentiates into three germ layers.",
            )
        ]
    )
    assert tags.study_type != "case_report"


# ---------------------------------------------------------------------------------------------- trials
@pytest.mark.parametrize("pmid", ["427401", "428228"])
def test_random_allocation_in_other_words_is_a_trial(pmid):
    # "allocated at random to brief care …", "… in a random design" (1979 abstracts).
    assert _study_type("pubtype_sample.xml", pmid)[0] == "rct"


# ---------------------------------------------------------------------------------------------- reviews
@pytest.mark.parametrize(
    ("name", "pmid"),
    [
        ("pubtype_sample.xml", "34097229"),  # "… are summarized in this article"
        ("bone_topic_subset.xml", "33387152"),  # "… is addressed here."
        ("pubtype_sample.xml", "410845"),  # "A historical review of this … work is given"
    ],
)
def test_reviews_that_say_what_they_cover_are_narrative(name, pmid):
    assert _study_type(name, pmid)[0] == "narrative_review"


def test_summarising_current_knowledge_is_a_review_but_reporting_own_series_is_not():
    review = tag_records(
        [
            rec(
                "Cell death in pregnancy disorders",
                "Apoptosis and necroptosis shape placental biology. Here we summarize current knowledge "
                "about these pathways and their roles in preeclampsia.",
            )
        ]
    )
    assert review.study_type == "narrative_review"
    series = tag_records(
        [
            rec(
                "Experience in the diagnosis of cutaneous melanomas",
                "The morphologic findings that allow the classification of melanomas are presented. Their "
                "frequency and value in our series are discussed. Errors in tissue processing are also "
                "reviewed.",
            )
        ]
    )
    assert series.study_type != "narrative_review"


# ---------------------------------------------------------------------------------------------- animals
def test_nlm_animals_tag_on_fossils_or_wild_fauna_residues_is_not_an_animal_study():
    # Real 1979 records whose only animal evidence is MeSH "Animals": eocene primate fossils, pesticide
    # residues in salt-marsh fauna. Both are hand-labelled "other" (palaeontology, ecology).
    records = _records("pubtype_sample.xml")
    for pmid in ("410709", "404626"):
        assert tag_records([records[pmid]]).study_type != "animal", pmid
    # Without those headings the check tag still decides.
    lab = rec(
        "Bone loss in the hind limb", "Bone mass was measured.", mesh=("Animals", "Rats", "Bone Density")
    )
    assert tag_records([lab]).study_type == "animal"
