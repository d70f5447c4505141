"""The shared text helpers of crawler/textutil.py: the forms every source writes into a Record."""

from __future__ import annotations

import pytest
from osteodigest.crawler.textutil import (
    initials,
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
