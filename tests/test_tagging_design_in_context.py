"""A design word read where the abstract says something else of it (digest audit, round 24, dev items).

Each case here was a wrong badge a clinician found: the cases of a case-control study counted as a case
series, a diagnostic accuracy study named by "diagnostic efficiency" badged a cohort, a survey that starts a
study followed for 13 years badged cross-sectional, and a study of counted people that cites mouse work in
its background badged an animal study. The abstracts are shortened paraphrases of those records.
"""

from __future__ import annotations

from tests.tagging_helpers import tag


def test_the_cases_of_a_case_control_study_are_no_case_series():
    tags = tag(
        "Copy number alterations and the risk of very early relapse in childhood leukaemia: a nested study",
        "METHODS: A nested case-control study of 25 cases with very early relapse and 38 frequency-matched "
        "controls without relapse was conducted within the study cohort. RESULTS: The intermediate and poor "
        "risk groups had an increased risk of relapse (HR = 4.94, 95% CI = 1.87-13.07).",
    )
    assert tags.study_type == "case_control"
    # A series of cases is still one.
    series = tag(
        "Killian-Jamieson diverticula on ultrasound",
        "We describe a study of 12 cases of Killian-Jamieson diverticulum seen on neck ultrasound.",
    )
    assert series.study_type == "case_series"


def test_diagnostic_efficiency_names_a_diagnostic_accuracy_study():
    tags = tag(
        "Diagnostic efficiency of the systemic immune-inflammation index in fusion prostate biopsy",
        "OBJECTIVE: To investigate the diagnostic efficiency of the systemic immune-inflammation index (SII) "
        "in prostate cancer. METHODS: The prospective study included patients planned for fusion biopsy. "
        "Optimal cut-off values were determined with ROC curve analysis. RESULTS: The study included 508 "
        "patients. SII was a significant marker of high-grade cancer (AUC=0.811, P<.001).",
    )
    assert tags.study_type == "diagnostic_accuracy"


_PROGRAMME = (
    "OBJECTIVE: This study aimed to evaluate the effectiveness of a primary care prevention program on "
    "mortality during a 13-year follow-up. DESIGN: A risk factor survey was sent, followed by nurse-led "
    "counselling for respondents with a risk factor. RESULTS: Altogether 2121 of 2856 inhabitants "
    "responded. During the follow-up, 370 persons died. In those who received the intervention, the "
    "adjusted hazard ratio for all-cause mortality was 0.44 (95% CI 0.36 to 0.54)."
)


def test_a_survey_that_starts_a_study_followed_to_an_event_is_no_cross_sectional_study():
    tags = tag("The outcome of a community-based prevention program for cardiovascular disease", _PROGRAMME)
    assert tags.study_type != "cross_sectional"
    # Without the follow-up to an event the survey is the study.
    once = tag(
        "Risk factors in a community",
        "A risk factor survey was sent to 2856 inhabitants, of whom 2121 responded. Smoking was reported by "
        "18% and hypertension by 31%.",
    )
    assert once.study_type == "cross_sectional"
    # The abstract's own "cross-sectional" stands beside a hazard ratio.
    named = tag(
        "Risk factors in a community",
        "This cross-sectional survey was sent to 2856 inhabitants. Hazard ratios from earlier cohorts were "
        "used to weigh the risk factors reported by the 2121 who responded.",
    )
    assert named.study_type == "cross_sectional"


_CITED_MICE = (
    "BACKGROUND: CD31 has been involved in the regulation of T-cell tolerance, activation, survival and "
    "homing in mice cells. Little is known of its role in human T cells. OBJECTIVES: We explored CD31 "
    "expression in T cell subsets of individuals with untreated HIV infection and in controls. METHODS: "
    "Forty-one individuals with untreated HIV infection and 34 non-HIV-infected controls were included. "
    "CD31 expression was compared by flow cytometry. RESULTS: CD31 expression was higher in CD8+ than in "
    "CD4+ T cells (p < 0.0001)."
)


def test_animals_named_only_in_the_background_do_not_make_a_study_of_people_an_animal_study():
    tags = tag("CD31 expression in T cell subpopulations in chronic untreated HIV infection", _CITED_MICE)
    assert tags.study_type not in {"animal", "in_vitro"}
    assert "Animal" not in tags.label
    # Mice studied in the methods are the study's own animals, whatever the background says.
    studied = _CITED_MICE.replace(
        "CD31 expression was compared by flow cytometry.",
        "CD31 knockout mice were then infected and their T cells compared by flow cytometry.",
    )
    assert tag("CD31 expression in T cell subpopulations", studied).study_type == "animal"
