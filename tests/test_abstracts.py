"""crawler/abstracts.py: the forms an abstract is written in, read back (headings written into the text, a
title run together with its abstract)."""

from __future__ import annotations

import pytest
from osteodigest.crawler.abstracts import abstract_sections, leading_title


def test_headings_written_into_an_abstract_are_read_as_its_sections():
    assert abstract_sections(
        "BACKGROUND: Hip fractures are common. MATERIALS AND METHODS: We followed 120 women (95% CI) "
        "RESULTS: Mortality was 21%. CONCLUSIONS: Fractures kill."
    ) == (
        ("BACKGROUND", "Hip fractures are common."),
        ("MATERIALS AND METHODS", "We followed 120 women (95% CI)"),
        ("RESULTS", "Mortality was 21%."),
        ("CONCLUSIONS", "Fractures kill."),
    )
    # As journals and exports print them; a short phrase after a sentence's end is a heading too.
    assert [
        label
        for label, _ in abstract_sections(
            "Background: Bone loss follows. Ethnopharmacological relevance: A herb. Design, Setting, and "
            "Participants: A cohort of 40. Results: Patient 1: improved. Conclusions: Useful."
        )
    ] == [
        "Background",
        "Ethnopharmacological relevance",
        "Design, Setting, and Participants",
        "Results",
        "Conclusions",
    ]
    # Text before the first heading is kept as an unlabelled section, as PubMed's XML gives it.
    assert abstract_sections("Bone loss is common. Methods: We measured it. Results: It fell.")[0] == (
        "",
        "Bone loss is common.",
    )


def test_headings_on_lines_of_their_own_or_in_capitals_without_a_colon_are_headings_too():
    assert abstract_sections(
        "Background\nBone loss is common.\nMethods:\nWe followed 20.\nResults\nIt fell."
    ) == (
        ("Background", "Bone loss is common."),
        ("Methods", "We followed 20."),
        ("Results", "It fell."),
    )
    assert [
        label
        for label, _ in abstract_sections(
            "BACKGROUND Bone loss is common. CASE REPORT A woman of 70 (BMD -3.1) CONCLUSIONS Treat it."
        )
    ] == ["BACKGROUND", "CASE REPORT", "CONCLUSIONS"]


@pytest.mark.parametrize(
    "text",
    [
        "MRI Findings were normal in 20 women. DXA RESULTS Were poor.",
        "A first paragraph.\nA second one, with Methods named.\nA third.",
        "We studied 40 women. Patient 1: a fracture. Patient 2: none.",
        "Background: one heading proves nothing about the rest of this text.",
        "The results were as follows: fewer fractures. The reasons were these: age.",
        "Treatment with HIV: drugs. Results of the trial were good.",
        "",
    ],
)
def test_a_plain_abstract_stays_one_text(text):
    assert abstract_sections(text) == ()


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Denosumab after hip fracture: a cohort study. We followed 200 women.",
            "Denosumab after hip fracture: a cohort study.",
        ),
        ("Zoledronate and jaw osteonecrosis\nWe report a case.", "Zoledronate and jaw osteonecrosis"),
        (
            "Title: Zoledronate and jaw osteonecrosis Abstract: We report a case.",
            "Zoledronate and jaw osteonecrosis",
        ),
        (
            "Is calcium therapy for osteoporosis still justified? We review the trials.",
            "Is calcium therapy for osteoporosis still justified?",
        ),
        ("[Secondary osteoporosis in the adult]. Sie ist häufig.", "[Secondary osteoporosis in the adult]."),
        ("Osteonecrosis following renal transplantation.", "Osteonecrosis following renal transplantation."),
        # An abstract given without its title keeps its first sentence.
        ("Osteoporosis is common in older men. We followed 200 of them.", ""),
        ("To assess bone loss after bariatric surgery. We followed 200 women.", ""),
    ],
)
def test_leading_title_takes_back_a_title_run_together_with_its_abstract(text, title):
    found, rest = leading_title(text)
    assert found == title
    if found:  # nothing lost but the labels
        assert f"{found} {rest}".split() == text.replace("Title:", "").replace("Abstract:", "").split()
    else:
        assert rest == text


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "[Muscular insufficiency as a partial cause of osteoporosis. Significance for therapy]. Text…",
            "[Muscular insufficiency as a partial cause of osteoporosis. Significance for therapy].",
        ),
        (
            "Can nerve blocks improve outcomes in hip fracture? - A Cochrane Review summary with commentary.",
            "Can nerve blocks improve outcomes in hip fracture? - A Cochrane Review summary with commentary.",
        ),
    ],
)
def test_a_bracketed_title_or_a_short_text_alone_is_the_title(text, title):
    assert leading_title(text)[0] == title


def test_headings_glued_to_their_text_are_headings():
    assert [
        label
        for label, _ in abstract_sections(
            "BackgroundHip fractures are common. MethodsWe followed 20 women. ResultsA third died. "
            "ConclusionsTreat."
        )
    ] == ["Background", "Methods", "Results", "Conclusions"]
    assert [
        label
        for label, _ in abstract_sections(
            "BACKGROUNDJuvenile lupus is rare. METHODSWe followed 20. RESULTSThey did well."
        )
    ] == ["BACKGROUND", "METHODS", "RESULTS"]
    assert [
        label
        for label, _ in abstract_sections(
            "Research QuestionDoes IL-4 matter? MethodsCells were grown. ResultsIL-4 raised contraction."
        )
    ] == ["Research Question", "Methods", "Results"]
    # A glued capital inside a plain abstract is a name, not a heading.
    assert (
        abstract_sections("McDonald and PubMed were searched. GlaxoSmithKline paid. Results were good.") == ()
    )
