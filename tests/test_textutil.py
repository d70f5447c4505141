"""The shared text helpers of crawler/textutil.py: the forms every source writes into a Record."""

from __future__ import annotations

import pytest
from osteodigest.crawler.textutil import (
    abstract_sections,
    initials,
    leading_title,
    names_from_semicolon_list,
    one_line,
    page_range,
    str_or_none,
)


def test_one_line_folds_every_kind_of_white_space():
    assert one_line("  Bone\n\tmarrow\u00a0 edema \u2009syndrome \r\n") == "Bone marrow edema syndrome"
    assert one_line(" \n ") == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("", None), (0, "0"), (12, "12"), ("S1", "S1"), (" ", " ")],
)
def test_str_or_none_keeps_zero_and_drops_only_missing_or_empty(value, expected):
    assert str_or_none(value) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("113", "125", "113-125"),
        ("113", "113", "113"),  # a one-page article is not a range
        ("e0249322", None, "e0249322"),
        ("113", "", "113"),
        (None, "125", None),  # a last page alone says nothing
        ("", "125", None),
        (None, None, None),
    ],
)
def test_page_range(first, last, expected):
    assert page_range(first, last) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Rachel M.", "RM"),
        ("P. K.", "PK"),
        ("Jean-Pierre", "JP"),
        ("J.-P.", "JP"),
        ("Hans\u2010Joachim", "HJ"),  # U+2010 HYPHEN, as Wiley's feeds and Crossref write it
        ("maría josé", "MJ"),
        ("", ""),
        ("3rd", ""),  # parts that do not start with a letter give no initial
    ],
)
def test_initials(given, expected):
    assert initials(given) == expected


def test_names_from_semicolon_list_reads_both_orders_particles_and_groups():
    assert names_from_semicolon_list("Sahu, P. K.; Ludwig van Beethoven; Daniel  Costa;") == (
        "Sahu PK",
        "van Beethoven L",
        "Costa D",
    )
    # A group's name and a lone word have no given names to abbreviate.
    assert names_from_semicolon_list("COVID-19 Genomics UK Consortium; Madonna") == (
        "COVID-19 Genomics UK Consortium",
        "Madonna",
    )
    assert names_from_semicolon_list(" ; ") == ()


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
