"""Accounts of programmes, projects and meetings are not narrative reviews; a counted series under "a review
of N cases" is not one either; "in this perspective, we overview …" is (issue 14, round h14x: dev and train
false narrative reviews of draw (n)). Each text is written for the test."""

from __future__ import annotations

import pytest
from osteodigest.crawler.tagging.design import decide
from osteodigest.crawler.tagging.study_type import account_of_initiative, rule_verdict

from tests.tagging_helpers import review_model, view_of

_PROGRAMME = (
    "Fracture liaison services close the gap between a fragility fracture and osteoporosis treatment, yet "
    "few hospitals in the region offered one, and the pandemic made in-person follow-up of older patients "
    "difficult. Nurses, pharmacists and geriatricians therefore worked together to meet the need. This "
    "article outlines a multidisciplinary approach to implementing a remote liaison program in a teaching "
    "hospital, and includes the regulations, strategies, barriers and decision-making algorithms involved."
)
_WORKSHOP = (
    "Bone fragility in chronic kidney disease is common, but no drug is approved for it and trials are hard "
    "to design. In 2019 the agency, in collaboration with two societies, convened a public workshop to "
    "discuss the challenges and opportunities of trials in this population. The workshop assembled "
    "nephrologists, endocrinologists, patients and regulators to discuss eligibility, endpoints and outcome "
    "instruments. This report summarizes the workshop, key challenges and knowledge gaps identified."
)


def test_an_article_outlining_a_programme_is_not_a_review_to_the_rules():
    view = view_of("Implementing a remote fracture liaison service", _PROGRAMME)
    assert account_of_initiative(view)
    assert rule_verdict(view)[0].study_type == "other"


def test_a_workshop_report_is_not_a_review_whatever_the_model_reads():
    view = view_of("Advancing trials of bone fragility in kidney disease", _WORKSHOP)
    assert account_of_initiative(view)
    assert decide(view, review_model("nephrologists")).study_type == "other"


def test_a_roadmap_and_a_newly_initiated_effort_are_accounts_of_an_initiative():
    roadmap = view_of(
        "A rapid tele-mentoring programme for osteoporosis care",
        "The pandemic disrupted osteoporosis care in rural clinics, where few clinicians had training in "
        "bone health. There was an urgent need for up-to-date information and practice support. This "
        "article provides a roadmap for the development of a similar model, a tele-mentoring program based "
        "at an academic medical center, and its ability to scale to need.",
    )
    effort = view_of(
        "Organising bone research data",
        "Data on bone fragility grow quickly, but approaches for organising them are lacking. We believe "
        "shared frameworks can help. Here, we outline a newly initiated effort to streamline collaboration "
        "between scientists across the world, and describe its aims and expected outcomes.",
    )
    assert account_of_initiative(roadmap)
    assert account_of_initiative(effort)
    assert decide(roadmap, review_model("clinics")).study_type == "other"


def test_a_review_of_a_programme_of_research_or_of_programmes_stays_a_review():
    agenda = view_of(
        "Exercise to prevent falls and fractures",
        "Falls cause most fractures in older adults. Informed by models of balance and muscle strength, "
        "this article describes a program of research to adapt exercise interventions for frail patients. "
        "The role of muscle in bone health is described, and evidence-based exercise programmes are "
        "reviewed.",
    )
    review = view_of(
        "Screening for osteoporosis in Europe",
        "Osteoporosis screening differs between countries. This review describes the screening programmes of "
        "twelve European countries and discusses what their differences mean for fracture prevention.",
    )
    assert not account_of_initiative(agenda)
    assert not account_of_initiative(review)
    assert rule_verdict(review)[0].study_type == "narrative_review"


def test_a_review_of_counted_cases_in_the_title_is_a_series_not_a_review():
    counted = view_of("Spreader flaps in rhinoplasty: a review of 857 cases", "")
    literature = view_of("Spreader flaps in rhinoplasty: a review", "")
    assert rule_verdict(counted)[0].study_type != "narrative_review"
    assert rule_verdict(literature)[0].study_type == "narrative_review"


def test_in_this_perspective_we_overview_is_a_review():
    view = view_of(
        "Tracking bone mineralisation by time-resolved spectroscopy",
        "Raman spectroscopy reads the mineral and collagen of bone without labels, and ultrafast pulses now "
        "follow mineralisation as it happens. With the advent of stable femtosecond lasers, the method has "
        "reached many laboratories. In this Perspective, we overview the principles of the method and its "
        "recent applications to bone and cartilage, and we also discuss future directions.",
    )
    assert rule_verdict(view)[0].study_type == "narrative_review"


def test_recent_findings_as_a_research_abstracts_background_do_not_make_a_review():
    view = view_of(
        "Cocaine-induced motivation requires endocannabinoid signalling in the ventral tegmental area",
        "Mesolimbic dopamine supports motivated behaviour. Recent findings demonstrate that cocaine "
        "mobilizes the endocannabinoid 2-arachidonoylglycerol in the ventral tegmental area. To examine "
        "whether this contributes to motivation, we trained male and female rats on a progressive ratio "
        "task and gave cocaine with or without intra-VTA rimonabant. Rimonabant blocked the increase in "
        "breakpoints.",
    )
    assert rule_verdict(view)[0].study_type == "animal"


def test_an_article_that_explores_a_question_by_its_own_experiment_is_not_a_review():
    view = view_of(
        "Structural priming from arithmetic to ambiguous sentences",
        "This article explores whether hierarchical representations are shared between mathematics and "
        "language. The experiment investigated whether arithmetic equations with high or low attachment "
        "influence readers' interpretation of ambiguous structures. High-attachment primes led to more "
        "high-attachment interpretations. Our results have provided evidence for a shared representation.",
    )
    assert rule_verdict(view)[0].study_type != "narrative_review"


# Train draw (ac): each was called a narrative review.
_NOT_REVIEWS = {
    # "A Study of 102 BAV Aortopathy Cases With A Literature Review": the counted study is the article.
    "counted study": (
        "Does the fusion subtype affect growth in valve aortopathy?: A study of 102 BAV aortopathy cases "
        "with a literature review.",
        "Data on valve replacements over ten years were analysed from a prospectively maintained database; "
        "102 patients had aortic dilatation and were followed up. Growth rates did not differ by fusion "
        "pattern (p = 0.41).",
    ),
    # "An Update on Isolation of Functional Mitochondria …": a methods chapter.
    "methods chapter": (
        "An update on isolation of functional mitochondria from cells",
        "Mitochondria are where energy is transformed in the cell. The presented protocol describes a "
        "relatively simple and handy method for crude mitochondrial fraction isolation from cell lines by "
        "homogenization and differential centrifugation. This chapter also presents two ways to assess "
        "mitochondrial function.",
    ),
    # A commentary answering "a recent narrative review".
    "someone else's review": (
        "Precision dosing of vancomycin: in defence of AUC-guided therapy in children",
        "New guidelines recommend AUC-guided monitoring. A recent narrative review of drug monitoring in "
        "children claims to have uncovered weaknesses of the data behind them. In this article, we present "
        "supporting arguments for AUC-guided monitoring in children.",
    ),
}


@pytest.mark.parametrize("case", sorted(_NOT_REVIEWS))
def test_a_study_a_methods_chapter_or_an_answer_to_a_review_is_no_review(case: str):
    title, abstract = _NOT_REVIEWS[case]
    assert rule_verdict(view_of(title, abstract))[0].study_type != "narrative_review"


def test_a_bodys_guidance_document_is_a_guideline():
    # Train draw (ac): a society team's document "to provide guidance" was a narrative review ("A Primer").
    view = view_of(
        "Long COVID: a primer for cardiovascular health professionals",
        "Persistent symptoms after acute infection may include cardiac injury. The society's rapid response "
        "team has generated this document to provide guidance to health care providers on the management of "
        "patients with suspected cardiac complications.",
    )
    assert rule_verdict(view)[0].study_type == "guideline"
