"""A count after its group ("patients (n = 55)") and a statistic with its value ("(r = 0.41)", "; OR = 1.8")
report data as surely as "we enrolled" or a p value does.

Neuropsychology and imaging abstracts often write their groups that way and give effects without a p value:
with neither phrase counted, a comparison of 55 patients with 50 volunteers read as an abstract without
data of its own, and no design was inferred for it ("Design not stated").
"""

from __future__ import annotations

import pytest
from osteodigest.crawler.models import Record
from osteodigest.crawler.tagging import tag_records
from osteodigest.crawler.tagging.study_type import rule_verdict
from osteodigest.crawler.tagging.view import View, build_view

COMPARISON = (
    "Cognitive impairment persists in many patients with bipolar disorder between episodes. Euthymic "
    "patients with bipolar I disorder (n = 55) and healthy volunteers (n = 50) completed a battery of "
    "neuropsychological tests covering attention, memory and executive function. Patients performed worse "
    "on verbal memory and executive function after adjustment for age and education. Lifetime number of "
    "episodes predicted poorer executive function. Cognitive deficits in euthymia should be assessed and "
    "treated."
)
#: The same abstract with its groups uncounted: nothing in it reports data.
UNCOUNTED = COMPARISON.replace(" (n = 55)", "").replace(" (n = 50)", "")


def view_of(abstract: str) -> View:
    title = "Cognitive performance in bipolar disorder during euthymia"
    return build_view([Record(source="t", source_id="1", title=title, abstract=abstract)])


def test_counts_after_the_groups_are_data():
    assert rule_verdict(view_of(UNCOUNTED))[1] == 0
    assert rule_verdict(view_of(COMPARISON))[1] == 2


@pytest.mark.parametrize(
    "statistic",
    ["(r = 0.41)", "(OR = 1.8, 1.2-2.6)", "; HR: 0.72", "(β = -0.31)", "(AUC = 0.84)", "(ICC = 0.79)"],
)
def test_a_statistic_with_its_value_is_data(statistic: str):
    with_statistic = UNCOUNTED.replace(" after adjustment", f" {statistic} after adjustment")
    assert rule_verdict(view_of(with_statistic))[1] == 1


@pytest.mark.parametrize("shares", ["(24% vs 11%)", "(43% versus 13%)", "(5.4% vs. 2.8%)"])
def test_two_groups_shares_side_by_side_are_data(shares: str):
    with_shares = UNCOUNTED.replace(" after adjustment", f" {shares} after adjustment")
    assert rule_verdict(view_of(with_shares))[1] == 1


@pytest.mark.parametrize("words", ["(or two)", "(r = right side)", "the OR = operating room", "(24%)"])
def test_letters_that_are_no_statistic_are_not_data(words: str):
    assert rule_verdict(view_of(UNCOUNTED.replace(" after adjustment", f" {words} after")))[1] == 0


def test_the_counted_comparison_of_people_gets_a_design():
    record = Record(
        source="t", source_id="1", title="Cognitive performance in bipolar disorder", abstract=COMPARISON
    )
    tags = tag_records([record])
    assert tags.study_type not in {"other", None}
    assert tags.label and "not stated" not in tags.label
