"""A title naming the study's own non-randomised design outranks trial words in its abstract (issue 14)."""

from __future__ import annotations

from tests.tagging_helpers import tag


def test_a_quasi_experimental_study_whose_randomisation_failed_is_not_an_rct():
    tags = tag(
        "A couple-based intervention on intimacy during cancer treatment: a quasi-experimental study",
        "PURPOSE: To evaluate a nurse-led conversation intervention for women in active cancer treatment and "
        "their partners. METHODS: A quasi-experimental single-group pre-post design was used. Couples were "
        "randomly assigned to the intervention (n = 30) or a wait-list group (n = 27), but baseline "
        "differences prevented comparisons between groups, so all couples were compared before and after "
        "the intervention. RESULTS: Relationship quality improved at follow-up (p = 0.02).",
    )
    assert tags.study_type == "nonrandomised_trial"


def test_a_cohort_study_that_cites_a_randomised_trial_is_not_one():
    tags = tag(
        "Statin use and survival in ovarian cancer: a population-based cohort study",
        "BACKGROUND: A randomized clinical trial of statins in ovarian cancer has not been done. METHODS: We "
        "linked provincial cancer registry and prescription records of 4,123 women diagnosed between 1997 "
        "and 2015 and compared survival of statin users and non-users with Cox regression. RESULTS: Statin "
        "use after diagnosis was associated with longer survival (hazard ratio 0.80, 95% CI 0.70-0.91).",
    )
    assert tags.study_type not in ("rct", "nonrandomised_trial")
