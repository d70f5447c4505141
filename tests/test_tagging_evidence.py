"""Evidence that follows the evidence, labels a reader can trust, and issue 14's errors (crawler.tagging)."""

from __future__ import annotations

import pytest
from osteodigest.crawler.models import Tags

from tests.tagging_helpers import tag, tag_sections


# ------------------------------------------------------------------ a review's level follows what it included
@pytest.mark.parametrize(
    ("abstract", "level", "label"),
    [
        (
            "We searched MEDLINE, Embase and CENTRAL. Fourteen randomized controlled trials were included.",
            1,
            "Systematic review of randomised trials",
        ),
        (
            "We searched PubMed and Embase. Twelve cohort studies were included, with 840 hips.",
            2,
            "Systematic review of cohort studies",
        ),
        (
            "PubMed and Embase were searched; 11 case-control studies and 4 cross-sectional studies were "
            "eligible.",
            3,
            "Systematic review of observational studies",
        ),
        # Cohort studies among weaker designs: graded as the weaker part.
        (
            "PubMed was searched; 23 studies (19 cross-sectional studies and four cohort studies) "
            "were included.",
            3,
            "Systematic review of observational studies",
        ),
        (
            "PubMed and Embase were searched. We included 9 case series and 3 pilot studies.",
            4,
            "Systematic review of case series and pilot studies",
        ),
        (
            "PubMed and Embase were searched for animal studies in rats and mice; 21 studies were included.",
            5,
            "Systematic review of animal and laboratory studies",
        ),
        # ... or in the model's words (dev digest audit, round 23)
        (
            "Here, we systematically reviewed the role of melatonin in the SAMP8 mouse model. Major "
            "electronic databases were searched. Overall, 10 studies met the inclusion criteria.",
            5,
            "Systematic review of animal and laboratory studies",
        ),
        # Designs said in other words (dev digest audit, round 2: each badged "designs … not stated").
        (
            "PubMed and Embase were searched. Ten studies were identified, including eight randomized "
            "controlled studies and two case-controlled studies.",
            2,
            "Systematic review of randomised and observational studies",
        ),
        (
            "PubMed was searched. We selected original articles with observational design published from "
            "2012 to 2020.",
            3,
            "Systematic review of observational studies",
        ),
        (
            "Scopus and PubMed were searched. Eligibility criteria for selecting studies were: clinical "
            "trials; samples with a mean age of 65 years; 16 studies were included.",
            1,
            "Systematic review of randomised trials",
        ),
        # ... and in more (digest audit, round 3)
        (
            "MEDLINE and Embase were searched for randomized placebo-controlled trials on zoledronate. "
            "Thirty-six studies were included with 9312 participants.",
            1,
            "Systematic review of randomised trials",
        ),
        (
            "Databases were searched for validation studies which compared ICD codes for hip fracture to a "
            "clinical reference standard. Fourteen studies were included in the review.",
            1,
            "Systematic review of diagnostic accuracy studies",
        ),
        (
            "The register was searched for studies of fracture liaison services. 17 studies were eligible. "
            "Thirteen were surveys, 3 chart reviews and 1 combined both methodologies.",
            3,
            "Systematic review of observational studies",
        ),
        # "longitudinal studies" are cohort studies (digest audit, round 5)
        (
            "We searched MEDLINE and CINAHL. We included longitudinal studies that examined physical "
            "function after arthroplasty. We included 21 studies (n = 17 472 patients).",
            2,
            "Systematic review of cohort studies",
        ),
        # The review's own name for what it pooled (bulk train reviews "designs … not stated", 2026-12-07)
        (
            "METHODS: We performed a systematic review of randomized trials of denosumab.",
            1,
            "Systematic review of randomised trials",
        ),
        (
            "METHODS: Only randomized control trials published in English or French were eligible.",
            1,
            "Systematic review of randomised trials",
        ),
        (
            "RESULTS: Thirteen randomised controlled trial and six meta-analyses were selected.",
            1,
            "Systematic review of randomised trials",
        ),
        (
            "RESULTS: After screening 7725 records, 17 trials comprising 1645 patients randomized to 13 "
            "treatments were included.",
            1,
            "Systematic review of randomised trials",
        ),
        (
            "RESULTS: 13 studies (12 observational studies and 1 randomized double-blind placebo-controlled "
            "trial) met eligibility criteria.",
            2,
            "Systematic review of randomised and observational studies",
        ),
        # What the included studies were, said in the results (digest audit, round 19)
        (
            "PubMed was searched and 11 studies were included. However, the majority of these studies were "
            "cross-sectional, and there is a need for more cohort study data.",
            3,
            "Systematic review of observational studies",
        ),
        (
            "RESULTS: Of the 229 studies identified, 6 were suitable for analysis; 4 were retrospective "
            "and 2 were case series.",
            3,
            "Systematic review of observational studies",
        ),
        # The appraisal tool names the designs it is made for (digest audit, rounds 17 and 20).
        (
            "PubMed was searched and 9 studies were included. The average quality was good (median PEDro "
            "score = 7).",
            1,
            "Systematic review of randomised trials",
        ),
        (
            "PubMed was searched. Risk of bias was assessed with the Newcastle-Ottawa scale; 14 studies were "
            "included.",
            3,
            "Systematic review of observational studies",
        ),
        # Trials counted in brackets beside non-randomised designs (digest audit, round 22)
        (
            "RESULTS: Nine studies met the eligibility criteria (n = 5 randomized controlled trials; n = 4 "
            "quasi-experimental studies).",
            2,
            "Systematic review of randomised and observational studies",
        ),
        (
            "RESULTS: Eighteen studies were included: randomised control trials (n = 4) and non-randomised "
            "controlled trials (n = 5).",
            2,
            "Systematic review of randomised and observational studies",
        ),
        # Non-randomised studies are no randomised trials, and a count of observational ones is named.
        (
            "METHODS: PubMed was searched. We included 12 non-randomised studies (1,200 patients).",
            3,
            "Systematic review of observational studies",
        ),
        (
            "METHODS: PubMed and Embase were searched. We included 15 studies (3 RCTs, 12 observational).",
            2,
            "Systematic review of randomised and observational studies",
        ),
        # A qualitative evidence synthesis: another kind of evidence, named and not graded.
        (
            "DESIGN: Qualitative systematic review and thematic synthesis of patients' experiences after "
            "core decompression.",
            None,
            "Systematic review of qualitative studies",
        ),
        # "qualitative primary studies" (dev digest audit, round 25)
        (
            "DATA SOURCES: Fifteen electronic databases were consulted. Studies included were qualitative "
            "primary studies on care providers. 17 studies were included.",
            None,
            "Systematic review of qualitative studies",
        ),
        # ... and a mixed-methods review, of both kinds (digest audit, round 20)
        (
            "DESIGN: We conducted a mixed methods systematic review; included studies were quality assessed "
            "using the Mixed Method Appraisal Tool.",
            None,
            "Systematic review of quantitative and qualitative studies",
        ),
        (
            "PubMed was searched. We included both quantitative and qualitative studies of the disease.",
            None,
            "Systematic review of quantitative and qualitative studies",
        ),
    ],
)
def test_a_systematic_reviews_level_follows_what_it_included(abstract, level, label):
    tags = tag("Core decompression for osteonecrosis: a systematic review", abstract)
    assert tags.study_type == "systematic_review"
    assert (tags.evidence_level, tags.label) == (level, label)
    assert tags.evidence["included"] == label.removeprefix("Systematic review of ")


@pytest.mark.parametrize(
    "abstract",
    [
        # A word or two of a topic any review may touch, not studies of animals or cells (three different
        # ones make a review of mechanisms: the osteoimmunology seed).
        "PubMed was searched and 14 articles were included. We describe the proposed mechanism of "
        "osteonecrosis, its risk factors and the clinical pathways of care.",
        # What the review calls for, not what it included.
        "PubMed was searched and 14 articles were included. Randomized controlled trials are required for "
        "definite conclusions, and future cohort studies should follow patients longer.",
        # Studies of people as well as of animals, or animal studies named as excluded.
        "PubMed was searched; 22 studies were included: 18 human studies and four animal studies.",
        "PubMed was searched. Excluded were letters, editorials and animal studies; 30 articles remained.",
        # Designs named only as excluded (digest audit, round 5).
        "A search of PubMed was performed. Papers published before 2000, case reports, and level V evidence "
        "were excluded. The authors identified 8 studies for review.",
        # One trial's phase is no count of trials.
        "PubMed was searched and 14 articles were included; the phase 3 randomized trial reported the "
        "largest effect.",
        # A narrative synthesis of any design and a "meta-synthesis" of imaging findings are no reviews of
        # qualitative studies.
        "PubMed was searched; data of the included studies were extracted for a qualitative data synthesis.",
        "PubMed was searched for a meta-synthesis of MRI findings from multiple scanners.",
    ],
    ids=[
        "topic-words",
        "call-for-research",
        "human-and-animal",
        "animals-excluded",
        "designs-excluded",
        "one-trials-phase",
        "qualitative-data-synthesis",
        "meta-synthesis-of-images",
    ],
)
def test_a_review_is_graded_by_the_studies_it_says_it_included(abstract):
    tags = tag("Bisphosphonates and osteonecrosis of the jaw: a systematic review", abstract)
    assert tags.study_type == "systematic_review"
    assert tags.evidence_level is None
    assert tags.label == "Systematic review (designs of included studies not stated)"


def test_a_review_that_does_not_say_what_it_included_is_not_graded_level_1():
    tags = tag(
        "Denosumab and fracture healing: a systematic review",
        "PubMed and Embase were searched and 18 articles were included.",
    )
    assert tags.study_type == "systematic_review"
    assert tags.evidence_level is None
    assert tags.label == "Systematic review (designs of included studies not stated)"


def test_background_trials_do_not_make_a_review_of_trials():
    sections = (
        ("BACKGROUND", "Randomized controlled trials have shown benefit of bisphosphonates."),
        ("METHODS", "We searched PubMed and Embase; 10 cohort studies were included."),
    )
    tags = tag_sections(
        "Bisphosphonates after hip arthroplasty: a systematic review",
        sections,
    )
    assert tags.evidence_level == 2 and tags.label == "Systematic review of cohort studies"


def test_an_eligibility_section_that_opens_on_trials_enrolling_people_names_the_included_design():
    """ "SETTING AND PARTICIPANTS: Randomized controlled trials enrolling older people, comparing …" (train
    digest audit, round 31: shown "designs of included studies not stated")."""
    sections = (
        ("DESIGN", "Systematic review and meta-analysis."),
        (
            "SETTING AND PARTICIPANTS",
            "Randomized controlled trials enrolling older people, comparing ACE inhibitors to placebo.",
        ),
        ("RESULTS", "Eight trials (952 participants) were included."),
    )
    tags = tag_sections(
        "ACE inhibitors and physical performance: a systematic review and meta-analysis",
        sections,
    )
    assert tags.evidence_level == 1 and tags.label == "Meta-analysis of randomised trials"


# ------------------------------------------------------------------------ the authors' own level of evidence
def test_the_authors_level_is_kept_beside_ours_and_a_disagreement_recorded():
    tags = tag(
        "Outcomes of core decompression",
        "Methods: We retrospectively reviewed 80 hips in 64 patients treated between 2010 and 2015. Results: "
        "Survival was 70% at 5 years. LEVEL OF EVIDENCE: IV.",
    )
    assert tags.study_type == "cohort" and tags.evidence_level == 3
    assert tags.evidence["authors"] == {
        "text": "LEVEL OF EVIDENCE: IV",
        "level": 4,
        "scale": "authors' level (I–V)",
    }
    assert tags.evidence["disagrees"] is True
    assert "LEVEL OF EVIDENCE: IV" in tags.why["evidence.authors"]


def test_level_iii_therapeutic_study_is_read_with_its_kind():
    tags = tag(
        "Hip arthroscopy outcomes",
        "We prospectively followed 120 patients for 2 years after surgery. Outcomes improved. "
        "Level III, therapeutic study.",
    )
    assert tags.evidence["authors"]["level"] == 3
    assert tags.evidence["authors"]["scale"] == "authors' level (I–V), therapeutic"
    assert tags.evidence["disagrees"] is False


def test_a_level_of_evidence_section_is_read():
    sections = (
        ("METHODS", "Sixty patients were followed for a mean of 4 years."),
        ("LEVEL OF EVIDENCE", "Level II."),
    )
    tags = tag("Outcome study", " ".join(t for _, t in sections), abstract_sections=sections)
    assert tags.evidence["authors"]["level"] == 2


@pytest.mark.parametrize(("stated", "level"), [("Therapeutic IV.", 4), ("Diagnostic III.", 3), ("II", 2)])
def test_a_level_section_named_with_the_study_type_reads_the_numeral_not_a_letter_of_a_word(stated, level):
    # "TYPE OF STUDY/LEVEL OF EVIDENCE: Therapeutic IV." was read as level I (the "i" ending "Therapeutic").
    sections = (
        ("METHODS", "Sixty patients were followed for a mean of 4 years."),
        ("TYPE OF STUDY/LEVEL OF EVIDENCE", stated),
    )
    tags = tag("Outcome study", " ".join(t for _, t in sections), abstract_sections=sections)
    assert tags.evidence["authors"]["level"] == level


# ----------------------------------------------------------------- registrations and protocols: no level
def test_a_trial_registration_is_a_registered_trial_not_a_level_2_rct():
    tags = tag(
        "Zoledronate after hip fracture",
        "Randomized, double-blind, placebo-controlled trial of zoledronate in 400 patients.",
        kind="trial",
    )
    assert tags.study_type == "trial_registration"
    assert tags.evidence_level is None
    assert tags.label == "Registered trial"


def test_a_protocol_is_labelled_protocol_without_a_level():
    tags = tag(
        "Zoledronic acid after hip fracture: study protocol for a randomised controlled trial",
        "Methods: 400 patients will be randomly assigned to zoledronic acid or placebo.",
    )
    assert (tags.study_type, tags.evidence_level, tags.label) == ("protocol", None, "Protocol")


# --------------------------------------------------------------------------------- false guidelines
def test_a_chart_review_ending_with_recommendations_is_not_a_guideline():
    tags = tag(
        "Chart review of denosumab discontinuation",
        "Methods: We performed a retrospective chart review of 112 patients. Results: Rebound fractures "
        "occurred in 12%. Conclusions: We provide recommendations for sequential therapy.",
    )
    assert tags.study_type != "guideline"


def test_a_finite_element_study_is_not_a_guideline():
    tags = tag(
        "Finite element analysis of the femoral head: practice guidelines for modelling",
        "A finite-element model of the proximal femur was built from CT scans of 12 patients. Stress rose "
        "by 30% in necrotic lesions.",
    )
    assert tags.study_type != "guideline"


def test_a_model_named_delphi_is_not_a_delphi_consensus():
    tags = tag(
        "DELPHI: a deep-learning model to predict hip fracture",
        "We developed DELPHI, a deep learning model trained on 10,000 radiographs. The AUC was 0.91.",
    )
    assert tags.study_type != "guideline"
    consensus = tag("Managing osteonecrosis of the jaw: a modified Delphi consensus", "")
    assert consensus.study_type == "guideline"


@pytest.mark.parametrize(
    "title",
    [
        "Adherence to National Osteoporosis Foundation Bone Density Testing Guidelines for Men in Community "
        "Clinics",
        "Challenging NICE guidelines on fragility fracture surgery",
        "Osteoporosis after stroke: overcoming clinical practice guidelines",
        "How Swedish guidelines on osteoporosis screening compare to Canadian and American guidelines",
        "A review of consensus statements, practice resources, standards and guidelines for densitometry",
    ],
    ids=["adherence", "challenging", "overcoming", "compare", "review-of"],
)
def test_an_article_about_guidelines_is_not_a_guideline(title):
    assert tag(title).study_type != "guideline"


def test_these_guidelines_are_relevant_is_not_a_guideline():
    tags = tag(
        "Osteoporosis management in primary care",
        "These guidelines are particularly relevant to general practitioners. We surveyed 300 physicians "
        "about their practice; 40% prescribed bisphosphonates.",
    )
    assert tags.study_type != "guideline"


# ------------------------------------------------------------------------------- designs misread before
def test_a_non_interventional_study_is_not_a_non_randomised_trial():
    tags = tag(
        "Denosumab in real-world practice: a non-interventional study",
        "This prospective, non-interventional study enrolled 500 women treated with denosumab in routine "
        "care. Adherence at 24 months was 70%.",
    )
    assert tags.study_type != "nonrandomised_trial"


def test_a_single_group_of_five_patients_is_a_case_series_not_a_cohort():
    series = tag(
        "Osteonecrosis of the jaw after denosumab",
        "We describe a single-group series of 5 patients who developed osteonecrosis of the jaw; all were "
        "treated with surgery and followed for 12 months.",
    )
    assert series.study_type == "case_series" and series.evidence_level == 4
    small = tag(
        "Core decompression with cell therapy",
        "Methods: We retrospectively reviewed 6 patients treated with core decompression. Results: All hips "
        "survived at 2 years of follow-up.",
    )
    assert small.study_type == "case_series"


def test_a_randomly_divided_development_cohort_is_not_a_trial():
    tags = tag(
        "Combi-elastography for predicting recurrence",
        "Methods: The 400 patients were randomly divided into a training cohort and a validation cohort. "
        "A nomogram was built and validated.",
    )
    assert tags.study_type != "rct"


def test_a_trial_called_for_is_not_a_trial():
    tags = tag(
        "Software for bipolar disorder management",
        "We describe the development of a patient-centred software system. A randomized clinical trial is "
        "indicated.",
    )
    assert tags.study_type != "rct"


# ------------------------------------------------------------------------------------- stored tags
def test_tags_stored_before_the_new_fields_still_load_and_round_trip():
    old = {"study_type": "rct", "evidence_level": 2, "flags": [], "topics": [], "key_numbers": {}, "why": {}}
    tags = Tags.from_dict(old)
    assert (tags.label, tags.evidence, tags.takeaway) == (None, {}, None)
    assert tags.to_dict() == {**old, "label": None, "evidence": {}, "takeaway": None}
    new = tag("Alendronate versus placebo: a randomized trial", "Women were randomly assigned.")
    assert Tags.from_dict(new.to_dict()).to_dict() == new.to_dict()


def test_a_qualitative_case_study_of_a_hospital_is_not_a_case_report():
    tags = tag(
        "Nursing leadership and culture: a case study in an acute care hospital",
        "Aim: To explore nurses' and managers' perceptions of leadership. Methods: Semi-structured "
        "interviews "
        "with 24 nurses and 6 managers were analysed thematically. Results: Staff described barriers to "
        "empowerment in the hospital.",
    )
    assert tags.study_type != "case_report"
