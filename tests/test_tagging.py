"""Study type, evidence level, flags, sub-topics and key numbers (crawler.tagging)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from osteodigest.crawler.models import Record, Relation
from osteodigest.crawler.tagging import tag_records
from osteodigest.crawler.tagging.evidence import evidence_level

from tests.tagging_helpers import rec, tag

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _seed_abstract(name: str, start: str, end: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed {path} not present")
    text = path.read_text(encoding="utf-8")
    return text[text.index(start) : text.index(end)].strip()


# ------------------------------------------------------------------------------------------ the seeds
def test_osteoimmunology_seed_is_a_systematic_review_not_a_meta_analysis():
    abstract = _seed_abstract(
        "001_70cb38f257c7c73c.txt", "Osteoporosis is a systemic metabolic", "Free Newsletter"
    )
    tags = tag("Innate immunity in osteoporosis", abstract)
    assert tags.study_type == "systematic_review"
    assert "systematic review" in tags.why["study_type"]
    # A review of cell and animal work is not level-1 evidence.
    assert tags.evidence_level == 5


def test_bone_marrow_edema_seed_is_a_narrative_review():
    path = SEEDS / "003_4a94c09a0dcf1062.txt"
    if not path.exists():
        pytest.skip(f"seed {path} not present")
    title, _, rest = path.read_text(encoding="utf-8").partition("\n")
    abstract = rest[: rest.index("留言")].strip()
    tags = tag(title.strip(), abstract)
    assert tags.study_type == "narrative_review"
    assert tags.evidence_level == 5
    assert "condition:bone_marrow_edema" in tags.topics
    assert {"drug:bisphosphonate", "drug:denosumab"} <= set(tags.topics)


# ------------------------------------------------------------------------------- hard cases on purpose
def test_mendelian_randomization_is_not_a_trial():
    tags = tag(
        "Rheumatoid arthritis and osteoporosis: a bi-directional Mendelian randomization study",
        "We performed a two-sample Mendelian randomization analysis using genetic instruments from "
        "GWAS. "
        "The inverse-variance weighted method was used.",
    )
    assert tags.study_type == "mendelian_randomization"


def test_review_of_randomised_trials_is_not_a_trial():
    tags = tag(
        "Bisphosphonates for osteonecrosis of the femoral head: a systematic review",
        "We searched PubMed, Embase and the Cochrane Library for randomized controlled trials. Eight "
        "randomized controlled trials were included. Risk of bias was assessed.",
    )
    assert tags.study_type == "systematic_review"
    assert tags.evidence_level == 1


def test_pooled_review_is_a_meta_analysis():
    tags = tag(
        "Denosumab and fracture risk",
        "We searched MEDLINE and Embase. Twelve trials were included. The pooled risk ratio was 0.68 "
        "(95% CI 0.55 to 0.84) with a random-effects model; heterogeneity was low (I2 = 12%).",
    )
    assert tags.study_type == "meta_analysis"


def test_a_database_search_with_pooling_is_a_systematic_review_whatever_it_calls_itself():
    # A coordinate-based neuroimaging meta-analysis names no review and no meta-analysis: it searched
    # PubMed and pooled what it found.
    abstract = (
        "Findings of voxel-based morphometry studies in obsessive-compulsive disorder are inconsistent. We "
        "searched PubMed and Web of Science for whole-brain studies and pooled peak coordinates from 28 "
        "datasets with seed-based d mapping. Patients had larger grey matter volume in the putamen. "
        "Heterogeneity was modest."
    )
    assert tag(
        "Convergent grey matter alterations in obsessive-compulsive disorder", abstract
    ).study_type in {
        "systematic_review",
        "meta_analysis",
    }
    # A hospital's own records pooled across sites searched no literature database.
    own = abstract.replace("PubMed and Web of Science", "our hospital records")
    assert tag("Grey matter in obsessive-compulsive disorder", own).study_type not in {
        "systematic_review",
        "meta_analysis",
    }


def test_databases_searched_without_their_names_make_a_systematic_review():
    abstract = (
        "Electronic databases were searched from inception to June 2022 for randomised sham-controlled "
        "trials of transcranial direct current stimulation in depression. Twenty-three trials "
        "(1,092 participants) met inclusion criteria. Active stimulation was superior to sham for "
        "response (odds ratio 1.9, 95% CI 1.4-2.6)."
    )
    assert tag("Efficacy of transcranial direct current stimulation for depression", abstract).study_type in {
        "systematic_review",
        "meta_analysis",
    }
    # A hospital's own records searched are a study's data, not a literature search.
    records = abstract.replace("Electronic databases were", "Our hospital's electronic records were")
    assert tag("Stimulation for depression", records).study_type not in {"systematic_review", "meta_analysis"}


def test_a_search_of_counted_databases_makes_a_systematic_review():
    tags = tag(
        "Exercise for anxiety: what does the evidence say?",
        "Exercise may reduce anxiety. Randomised controlled trials comparing exercise with control "
        "conditions in adults with anxiety were identified through a search of five databases up to March "
        "2022. Two reviewers independently extracted data and assessed risk of bias. Fourteen trials were "
        "included. Exercise reduced anxiety symptoms compared with control conditions.",
    )
    assert tags.study_type in {"systematic_review", "meta_analysis"}


def test_review_without_methods_is_narrative_even_if_it_mentions_trials():
    tags = tag(
        "Research advances in the treatment of osteonecrosis",
        "Randomized trials of core decompression are few. This review summarizes current treatment "
        "options and future directions.",
    )
    assert tags.study_type == "narrative_review"


def test_selective_search_is_a_narrative_review_not_a_systematic_one():
    tags = tag(
        "Denosumab discontinuation and rebound vertebral fractures",
        "This review is based on a selective search in PubMed and Google Scholar. Rebound bone loss after "
        "stopping denosumab is discussed and recommendations for sequential therapy are given.",
    )
    assert tags.study_type == "narrative_review"


def test_systematically_assessing_patients_is_not_a_systematic_review():
    tags = tag(
        "Bone marrow edema in patients with hip pain",
        "The aim of this study was to systematically assess bone marrow edema on MRI in 140 consecutive "
        "patients with hip pain; edema was found in 32% of hips.",
    )
    review = tag(
        "Core decompression for osteonecrosis",
        "We aimed to systematically evaluate the published studies of core decompression; PubMed and Embase "
        "were searched and 24 studies were included.",
    )
    assert tags.study_type not in {"systematic_review", "meta_analysis"}
    assert review.study_type == "systematic_review"


def test_work_the_authors_did_systematically_is_not_a_systematic_review():
    lab = tag(
        "Mitochondrial content of osteoclasts across mouse and human bone",
        "Mitochondrial reads are often used to filter single cells. Here, we systematically analyzed "
        "5,530,106 cells from 1,349 samples of human and mouse bone and set a threshold per tissue.",
    )
    field = tag(
        "Vitamin D supplementation and bone turnover markers in older women",
        "We systematically evaluated the response of bone turnover markers to two doses of vitamin D in 96 "
        "women over 12 months.",
    )
    review = tag(
        "Bisphosphonates and atypical femoral fracture",
        "We systematically identified the published studies of bisphosphonates and atypical femoral fracture "
        "in PubMed and Embase; 31 were included.",
    )
    assert lab.study_type not in {"systematic_review", "meta_analysis"}
    assert field.study_type not in {"systematic_review", "meta_analysis"}
    assert review.study_type == "systematic_review"


@pytest.mark.parametrize(
    "abstract",
    [
        "Differences in fracture risk between drugs were demonstrated in a recent-published meta-analysis. "
        "We modelled costs for 10,000 women over 10 years in a Markov model, with low heterogeneity.",
        "We applied the relative risk of hip fracture per 10 mg of prednisolone from a dose-response "
        "meta-analysis to 4,120 patients of our registry, with heterogeneity across regions.",
        "Candidate outcomes were identified via a systematic literature review and interviews with 28 "
        "patients; a Delphi panel of 40 surgeons then agreed on 9 outcomes.",
        "The results of a previous systematic review informed the first workshop, where 22 clinicians "
        "agreed on treatment targets by nominal group technique.",
    ],
    ids=["recent-meta-analysis", "from-a-meta-analysis", "via-a-review", "previous-review"],
)
def test_a_review_another_step_drew_on_does_not_make_a_review(abstract):
    tags = tag("Treatment targets in osteoporosis", abstract)
    assert tags.study_type not in {"systematic_review", "meta_analysis"}


def test_our_meta_analyses_are_still_ours():
    tags = tag(
        "Bisphosphonate holidays and fracture risk: a quantitative review",
        "We searched PubMed and Embase and included 31 studies. Findings from our meta-analyses support "
        "drug holidays of up to 2 years (pooled hazard ratio 1.10, I2 = 12%).",
    )
    assert tags.study_type == "meta_analysis"


def test_trends_and_insights_titles_with_data_are_not_reviews():
    trend = tag("Trends in hip fracture incidence in Denmark, 1997-2017")
    insight = tag(
        "Transcriptomic insights into glucocorticoid-induced osteonecrosis",
        "Femoral heads from 12 patients and 8 controls were sequenced; 412 genes were differentially "
        "expressed (p < 0.05).",
    )
    review = tag(
        "Recent trends in the management of osteonecrosis of the femoral head",
        "Core decompression, bone grafting and total hip arthroplasty remain the mainstays of treatment, and "
        "cell therapies are being added to them. We discuss what each offers at each stage of the disease.",
    )
    assert trend.study_type != "narrative_review" and insight.study_type != "narrative_review"
    assert review.study_type == "narrative_review"


def test_a_topic_update_title_without_an_abstract_is_read_as_the_editorial_it_usually_is():
    # Seventh session: the model has a second say on a review the words alone named. On the train and dev
    # labels the title-only "Advances in …", "New developments …", "Update on …" records it overruled were
    # 10 of 10 editorials and comments; a title that names its form ("… a review") keeps it.
    editorial = tag("Frontiers in bone research: past, present and future")
    assert editorial.study_type == "commentary"
    assert 'not the review title: "Frontiers in" suggests' in editorial.why["study_type"]
    assert tag("Recent advances in osteoporosis: a review").study_type == "narrative_review"
    with_abstract = tag(
        "Frontiers in bone research: past, present and future",
        "Bone research has moved from densitometry to the biology of the osteocyte. We discuss what recent "
        "studies of sclerostin, RANKL and the marrow niche have taught, and what remains to be learned.",
    )
    assert with_abstract.study_type == "narrative_review"


def test_major_conclusions_beside_results_is_research_not_a_review():
    research = (
        ("PURPOSE", "To improve susceptibility weighted imaging of the femoral head."),
        ("PRINCIPAL RESULTS", "Contrast-to-noise rose in 10 volunteers."),
        ("MAJOR CONCLUSIONS", "The method is robust at 7 T."),
    )
    review = (
        ("SCOPE OF REVIEW", "Imaging of osteonecrosis."),
        ("MAJOR CONCLUSIONS", "MRI remains the reference."),
    )
    research_tags = tag(
        "Imaging the femoral head at 7 T", " ".join(t for _, t in research), abstract_sections=research
    )
    review_tags = tag("Imaging osteonecrosis", " ".join(t for _, t in review), abstract_sections=review)
    assert research_tags.study_type != "narrative_review"
    assert review_tags.study_type == "narrative_review"


def test_protocol_for_a_trial_is_a_protocol():
    tags = tag(
        "Zoledronic acid after hip fracture: study protocol for a randomised controlled trial",
        "Methods: 400 patients will be randomly assigned to zoledronic acid or placebo. The primary "
        "outcome will be new clinical fracture.",
    )
    assert tags.study_type == "protocol"
    assert tags.evidence_level is None


@pytest.mark.parametrize(
    "title",
    [
        "A novel treatment protocol with 6 cycles of zoledronate after hip fracture surgery",
        "Outpatient kyphoplasty: a framework for assessment and institutional protocol",
        "Rehabilitation of the severely atrophic mandible after osteonecrosis: a 3-year follow-up protocol",
        "Circulating osteoclast precursors identified by membrane markers - a flow cytometry protocol",
        "One-step CRISPR-Cas9 protocol for the generation of conditional knockouts in osteoblasts",
    ],
    ids=["treatment", "institutional", "follow-up", "cytometry", "generation"],
)
def test_a_regimen_or_a_bench_method_called_a_protocol_is_not_a_study_protocol(title):
    assert tag(title).study_type != "protocol"
    # A study's protocol stays one.
    assert tag("Zoledronate after hip fracture: protocol for a randomised trial").study_type == "protocol"


def test_a_trial_that_will_randomise_is_a_protocol_not_a_trial():
    # The active voice of a plan ("this multicentre trial will randomise …") reads as one as surely as the
    # passive ("patients will be randomised") does.
    tags = tag(
        "Rationale and design of a randomized trial of lithium for suicide prevention",
        "Lithium may reduce suicide in mood disorders. This multicentre trial will randomise 500 patients "
        "with depression or bipolar disorder who recently attempted suicide to lithium or placebo for 12 "
        "months. The primary outcome is time to repeated suicide attempt.",
    )
    assert tags.study_type == "protocol"


def test_a_trial_planned_in_the_future_passive_of_any_procedure_is_a_protocol():
    """A plan says what will be done to its patients with many verbs ("will be stratified", "will be
    observed", "will be monitored"), not only "will be randomised" (a train record, draw (u))."""
    tags = tag(
        "Denosumab after hip fracture in frail older adults: the DEFRAIL trial",
        "BACKGROUND: Denosumab lowers fracture risk, but frail older adults were excluded from its trials. "
        "METHODS: We will perform a multicentre, double-blind, randomized clinical trial of denosumab "
        "versus placebo. Patients will be stratified by residence, treated for 24 months and monitored "
        "for new fractures; adverse events will be recorded at each visit.",
    )
    assert tags.study_type == "protocol"


def test_a_review_announcing_what_it_will_discuss_is_not_a_protocol():
    """ "We will discuss / highlight / address" lays out a review's sections; a protocol's "we will" plans
    a study ("we will recruit", "we will search")."""
    review = tag(
        "Cardiac regeneration and the extracellular matrix",
        "The adult heart barely regenerates. First, we will discuss the regenerative capacity of the "
        "neonatal heart. Then we will highlight how the extracellular matrix changes with age. Finally, "
        "we will address how the matrix could be used to restore regeneration in the adult myocardium.",
    )
    assert review.study_type != "protocol"
    plan = tag(
        "Exercise after hip fracture",
        "We will recruit 120 older adults after hip fracture. We will measure gait speed at 12 weeks, and "
        "we will compare walking between groups.",
    )
    assert plan.study_type == "protocol"


def test_animals_randomly_divided_are_an_animal_study_with_species_flag():
    tags = tag(
        "Icariin prevents steroid-induced osteonecrosis",
        "Forty male Sprague-Dawley rats were randomly divided into four groups and injected with "
        "methylprednisolone. Femoral heads were examined by micro-CT.",
    )
    assert tags.study_type == "animal"
    assert "animal_species:rat" in tags.flags
    assert tags.evidence_level == 5


def test_reagents_named_after_animals_do_not_make_an_animal_study():
    tags = tag(
        "Vitamin D receptor in human osteoblasts",
        "Human osteoblasts were cultured in medium with 10% fetal bovine serum and stained with a "
        "goat "
        "anti-rabbit antibody. Cells were treated with calcitriol and proliferation was measured.",
    )
    assert tags.study_type == "in_vitro"
    assert not [f for f in tags.flags if f.startswith("animal_species")]


def test_secondary_analysis_of_a_trial_is_flagged():
    tags = tag(
        "Bone density after denosumab discontinuation: a post hoc analysis of the FREEDOM trial",
        "Women were randomly assigned to denosumab or placebo in the FREEDOM trial. In this post hoc "
        "analysis we examined bone loss after discontinuation.",
    )
    assert tags.study_type == "rct"
    assert "rct_secondary_analysis" in tags.flags
    assert "post hoc" in tags.why["rct_secondary_analysis"]


def test_random_sampling_survey_is_not_a_trial():
    tags = tag(
        "Osteoporosis awareness among women in rural China",
        "A cross-sectional survey was conducted; 1,200 women were selected by random sampling and "
        "completed a questionnaire. Awareness was low.",
    )
    assert tags.study_type == "cross_sectional"


@pytest.mark.parametrize(
    "abstract",
    [
        "The dataset was randomly divided into training and validation sets (7:3). A radiomics nomogram "
        "predicted femoral head collapse with an AUC of 0.86.",
        "All samples were randomly divided into discovery and validation cohorts; 16S sequencing showed "
        "lower diversity in osteoporosis.",
    ],
)
def test_random_split_of_data_is_not_a_trial(abstract):
    assert tag("Predicting collapse in osteonecrosis of the femoral head", abstract).study_type != "rct"


def test_trial_of_exercise_training_is_still_a_trial():
    tags = tag(
        "Exercise and bone density after menopause",
        "Women were randomized to exercise training or usual care for 12 months; lumbar BMD rose 2%.",
    )
    assert tags.study_type == "rct"


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        # Semi-random assignment is not randomisation.
        (
            "Healthy young adults (n = 60) were semi-randomly assigned to three groups: stimulation, sham "
            "stimulation or training only. Typing speed was measured after 10 and 20 sessions.",
            "nonrandomised_trial",
        ),
        # A trial as the data source of a validation study, or the yardstick of a registry.
        (
            "METHODS: The data were retrieved from a randomized, interventional and longitudinal follow-up "
            "study of 72 patients on radiotherapy. RESULTS: Cronbach's alpha was 0.97.",
            None,
        ),
        (
            "We used the first visit of a randomized trial NCT04171947 to estimate the association of "
            "smoking with vaginal pH in 300 women.",
            None,
        ),
        (
            "The registry includes 4156 patients. Response rates from published randomized clinical trial "
            "data are compared with real-world data from the registry.",
            None,
        ),
        # "RCT" as root canal treatment.
        (
            "AIMS: To develop a tool to assess the complexity of root canal treatment (RCT) utilizing "
            "digital advancements. Validation was sought with a panel of 35 specialists.",
            None,
        ),
    ],
)
def test_randomness_that_is_not_this_studys_allocation_is_not_a_trial(abstract, expected):
    tags = tag("A study of patients", abstract)
    assert tags.study_type != "rct"
    if expected:
        assert tags.study_type == expected


def test_other_peoples_trials_and_comments_on_a_trial_are_not_a_trial():
    review = tag(
        "Intraductal meibomian gland probing for meibomian gland dysfunction",
        "We critically evaluate the evidence. Probing showed no improvement beyond placebo in the only "
        "placebo-controlled RCT conducted. Overall, the procedure has not yet been shown to be effective.",
    )
    comment = tag(
        "Bilateral vs unilateral arm training after stroke: Comments on Exploratory Single-Blinded "
        "Randomized Controlled Trial."
    )
    colon_response = tag(
        "Fish communities by trait analysis: Response to environmental gradients.",
        "We investigated the trait composition of fish communities in five regions during 4 years.",
    )
    assert review.study_type != "rct"
    assert comment.study_type == "commentary"
    assert colon_response.study_type != "commentary"


def test_a_post_hoc_analysis_comparing_randomised_arms_is_still_a_trial():
    tags = tag(
        "Maternal cod intake and infant development: secondary analyses from a randomized controlled trial",
        "In an RCT, 133 pregnant women were randomly assigned to receive cod twice weekly or to continue "
        "their habitual diet. We compared developmental scores between groups.",
    )
    assert tags.study_type == "rct"
    assert "rct_secondary_analysis" in tags.flags


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        ("Pneumatic retinopexy: A critical reappraisal.", ""),
        ("CT imaging of septic shock: a pictorial essay.", ""),
        ("Values for protecting the reef: A review and synthesis of studies over the past 35 years.", ""),
        (
            "Eating disorders in adolescent gynecology",
            "OBJECTIVE: To present a comprehensive picture of the adolescent population. METHODS: A summary "
            "of available literature and our experience.",
        ),
        (
            "Pseudomonas aeruginosa in cystic fibrosis",
            "Cystic fibrosis is a progressive genetic disease that affects the lungs. Pseudomonas aeruginosa "
            "becomes the dominant pathogen. In this work, we describe the mechanisms used by P. aeruginosa "
            "to adapt and persist in the lungs of individuals with cystic fibrosis.",
        ),
        (
            # A regulator's account of an approval summarises others' trials (train, NLM: Review).
            "The EMA assessment of romosozumab for severe osteoporosis in postmenopausal women",
            "On 9 December 2019 the European Commission granted a marketing authorisation for romosozumab. "
            "Romosozumab was evaluated in two phase III, multicentre, randomised trials versus placebo and "
            "versus alendronate. New vertebral fractures were fewer with romosozumab in both trials.",
        ),
    ],
)
def test_reviews_by_other_names_are_narrative_reviews(title, abstract):
    assert tag(title, abstract).study_type == "narrative_review"


@pytest.mark.parametrize(
    "abstract",
    [
        "AIMS: To develop a valid assessment tool. METHODOLOGY: The development process involved a narrative "
        "review of the literature to identify complexity factors, and validation with 35 specialists.",
        "In this work, we describe the synthesis of a new catalyst and its activity at 25 degrees.",
    ],
)
def test_a_review_as_a_step_of_a_method_is_not_the_articles_form(abstract):
    assert tag("A new assessment instrument", abstract).study_type != "narrative_review"


def test_a_locus_with_a_decimal_point_does_not_hide_the_reported_patient():
    tags = tag(
        "Absent nasal bone associated with 16p13.3 microduplication",
        "We describe the incidental finding of 16p13.3 microduplication in a fetus with absent nasal bone "
        "at mid-trimester sonographic examination.",
    )
    assert tags.study_type == "case_report"


def test_people_named_by_what_they_do_make_a_study_of_people():
    tags = tag(
        "Development and validation of a functional capacity test for collegiate dancers",
        "The purpose of this study was to design and validate a peak functional capacity test for dancers. "
        "A convenience sample of 13 female collegiate dancers completed a familiarization trial, a test "
        "trial, a peak treadmill test and a second test trial. Time to exhaustion, peak oxygen consumption "
        "(VO2 peak), heart rate and blood lactate were measured. Intraclass correlation coefficients were "
        "0.91 to 0.97 (p < 0.001). No significant differences were found between time to exhaustion, VO2 "
        "peak and heart rate for the new test and the treadmill test, providing evidence of validity.",
    )
    assert tags.study_type != "other"
    assert "design_inferred" in tags.flags


def test_case_report_and_case_series():
    report = tag(
        "Osteonecrosis of the jaw after denosumab: a case report",
        "We report a 72-year-old woman who developed exposed bone after denosumab.",
    )
    series = tag(
        "Bilateral talar osteonecrosis in young adults",
        "We report 12 patients treated with core decompression; outcomes are described.",
    )
    assert report.study_type == "case_report"
    assert "site:jaw" in report.topics and "drug:denosumab" in report.topics
    assert series.study_type == "case_series"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        (
            "Capgras delusion after right frontal stroke",
            "Delusional misidentification may follow focal brain lesions. Mr. A, a 67-year-old retired "
            "engineer, became convinced that his wife had been replaced by an impostor three weeks after a "
            "right frontal infarct. The delusion resolved after six months of risperidone.",
        ),
        (
            "Anti-NMDA receptor encephalitis presenting as first-episode psychosis",
            "Autoimmune encephalitis can mimic primary psychiatric illness. The patient, a 23-year-old "
            "university student, was admitted with acute psychosis, insomnia and later seizures. "
            "Cerebrospinal fluid contained anti-NMDA receptor antibodies. She recovered fully.",
        ),
    ],
)
def test_one_person_named_by_a_pseudonym_or_as_the_patient_is_a_case_report(title: str, abstract: str):
    assert tag(title, abstract).study_type == "case_report"


def test_a_review_its_title_names_stays_a_review_when_it_recalls_the_first_case():
    tags = tag(
        "Capgras syndrome: a review",
        "Capgras syndrome is the delusional belief that a familiar person has been replaced by an impostor. "
        "First described in 1923 in a 53-year-old woman, it occurs in schizophrenia, dementia and after "
        "brain injury. We review its neuroanatomy, cognitive models and treatment.",
    )
    assert tags.study_type == "narrative_review"


def test_one_persons_story_without_an_age_is_a_case_report():
    background = "Interactions of lithium with drugs for blood pressure are known but easily overlooked. "
    story = (
        "A woman on long-term lithium for bipolar disorder was admitted with confusion, tremor and ataxia "
        "two weeks after starting losartan for hypertension. Her serum lithium level was 2.8 mmol/L. She was "
        "treated with intravenous fluids and haemodialysis and recovered over five days."
    )
    title = "Lithium toxicity precipitated by an angiotensin receptor blocker"
    assert tag(title, story).study_type == "case_report"
    assert tag(title, background + story).study_type == "case_report"
    # Advice about any patient is no story of one.
    advice = background + (
        "A patient on lithium who starts an angiotensin receptor blocker should have levels checked. A "
        "patient with confusion should be assessed for toxicity."
    )
    assert tag(title, advice).study_type != "case_report"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        (
            "Osteonecrosis after treatment",
            "In this case report, we present a patient who developed osteonecrosis of the femoral head "
            "after a short course of dexamethasone.",
        ),
        (
            "Osteonecrosis after treatment",
            "Medication-related osteonecrosis of the jaw is rare. In the case reported herein, a patient on "
            "denosumab developed exposed bone after an extraction.",
        ),
        ("Osteonecrosis after treatment", "This case reports an isolated osteonecrosis of the talus."),
        ("Osteonecrosis of the jaw after denosumab: 2 cases report", ""),
        (
            "Sonographic imaging of talar osteonecrosis in children",
            "Talar osteonecrosis is rare in childhood. We describe the sonographic features of talar "
            "osteonecrosis in two children.",
        ),
        (
            "Inferior pancreaticoduodenal artery aneurysm: endovascular approach",
            "Such aneurysms are rare. This article presents and discusses a case of inferior "
            "pancreaticoduodenal artery aneurysm found during investigation of abdominal pain.",
        ),
        (
            "Surgical treatment of cervical rib-associated arterial thoracic outlet syndrome",
            "The arterial form is rare. The aim of this article is to describe two cases with different "
            "clinical presentations: microembolization and aneurysm.",
        ),
        (
            "Prosthetic rehabilitation of a repaired cleft palate with a hinged magnet prosthesis",
            "A cleft palate can require surgical and prosthodontic care. This clinical report describes the "
            "prosthodontic management of a patient with a repaired cleft palate and maxillary hypoplasia.",
        ),
        (
            "Sonographic signs of a concealed placental abruption",
            "Placental abruption is rare. We describe the sonographic findings in a fetus whose mother "
            "presented with abdominal pain at 36 weeks.",
        ),
    ],
)
def test_case_reports_that_describe_themselves(title, abstract):
    # "In this case, …" is an ordinary phrase, but "In this case report" names the article form.
    assert tag(title, abstract).study_type == "case_report"


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        # "This case …" opening a sentence refers back to the patient just described.
        (
            "Incidental finding of a femoral head collapse on a routine hip ultrasound",
            "Osteonecrosis of the femoral head is usually found on radiographs. A patient with an incidental "
            "ultrasound finding of a collapsed femoral head at 52 years was referred for arthroplasty. This "
            "case and the known association with steroid use suggest that sonographers should look for it.",
        ),
        # "we highlight … in a patient": one patient, after the topic.
        (
            "Rapid desensitisation before vertebroplasty for contrast allergy",
            "Most contrast reactions can be managed with steroids. In this case, we highlight the use of a "
            "rapid desensitisation protocol in a patient with a severe contrast allergy and a painful "
            "osteoporotic vertebral fracture.",
        ),
        # "an unusual case of …" inside the abstract, even when "report" is glued to its neighbour.
        (
            "Heterotopic ossification in a spinal meningioma: a diagnostic controversy",
            "Heterotopic ossification in meningioma is exceptionally rare. We reportherein an unusual case "
            "of spinal meningioma with extensive bone formation in a woman with leg weakness.",
        ),
        # Titles: "in an infant", "an infrequent case".
        ("Rickets with bizarre flushing in an infant", ""),
        ("Colonic anisakiasis, an infrequent case characterised by PCR", ""),
        # A picture or quiz title opening "An unusual …" / "A rare …" shows one patient.
        ("An unusual sacral tumour with microsatellite instability", ""),
        ("A rare mass in the proximal femur", ""),
    ],
)
def test_case_reports_named_less_directly(title, abstract):
    assert tag(title, abstract).study_type == "case_report"


def test_this_case_control_study_or_a_unique_case_for_a_policy_is_not_a_case_report():
    """The sentence-opening "This case" and "an unusual case of" leave research designs alone."""
    case_control = tag(
        "Steroid use and osteonecrosis of the femoral head",
        "Steroids are a known risk factor. This case-control study compared 120 patients with "
        "osteonecrosis and 240 controls; steroid use was associated with an odds ratio of 3.1.",
    )
    policy = tag(
        "Children's independent mobility through universal design",
        "Cities shape how children move. Planning for all ages makes a unique case of rethinking streets; "
        "we interviewed 40 parents in Delhi.",
    )
    assert case_control.study_type != "case_report" and policy.study_type != "case_report"
    # "A rare variant …" opens a genetic association study, not a picture of one patient.
    variant = tag("A rare variant in LRP5 is associated with low bone mineral density")
    assert variant.study_type != "case_report"


def test_a_case_study_of_a_treatment_plant_or_exposed_clams_is_not_a_case_report():
    """ "Treated", "treatment" and "presented" are no patient: a case study titled so needs one."""
    waste = tag(
        "Mechanical-biological treatment of municipal solid waste: case study of a 100 tonne-per-day plant",
        "Landfill space is scarce. The plant treated mixed waste in windrows; the results are presented for "
        "compost quality and the share of waste diverted from landfill over two years.",
    )
    clams = tag(
        "Toxicity of organophosphorus compounds in clams: a case study with three phosphonates",
        "Organophosphorus compounds reach coastal waters. Clams were treated with three compounds for 14 "
        "days and enzyme activities were measured in the gills and digestive gland.",
    )
    patient = tag(
        "Conservative management of a metacarpal head fracture in a cricketer: a case study",
        "Metacarpal head fractures are usually fixed. A professional cricketer was treated without surgery "
        "and returned to play at eight weeks.",
    )
    assert waste.study_type != "case_report" and clams.study_type != "case_report"
    assert patient.study_type == "case_report"


def test_a_journal_named_for_cases_publishes_case_reports():
    """ "Journal of Cardiology Cases", "IDCases": journals of case reports whose names say "cases"."""
    abstract = (
        "Stent embolization is a rare complication of percutaneous coronary intervention. Its consequences "
        "range from bypass surgery to death. The twisted wire technique recovers the lost stent quickly "
        "and with few unwanted consequences."
    )
    for journal in ("Journal of cardiology cases", "IDCases"):
        assert tag("Coronary stent embolization", abstract, journal=journal).study_type == "case_report"
    assert tag("Coronary stent embolization", abstract, journal="Journal of cardiology").study_type != (
        "case_report"
    )


def test_reported_topic_in_a_hundred_patients_or_a_list_of_scenarios_is_not_a_case_report():
    cohort = tag(
        "Core decompression outcomes",
        "We report the outcomes of core decompression in one hundred patients followed for 5 years.",
    )
    review = tag(
        "Treatment of bleeding in liver disease",
        "Here we present three common scenarios, variceal bleeding, post-procedural bleeding and bleeding "
        "in a critically ill cirrhosis patient, with specific recommendations.",
    )
    assert cohort.study_type != "case_report" and review.study_type != "case_report"


def test_a_series_presented_of_sixteen_cases_is_a_case_series():
    tags = tag(
        "Avascular necrosis of the lunate in Mexico",
        "A series is presented of sixteen cases of lunate osteonecrosis from consecutive patients at a "
        "teaching hospital.",
    )
    assert tags.study_type == "case_series"


def test_commentary_forms():
    letter = tag("Letter to the editor regarding 'Core decompression for ONFH'", "")
    reply = tag("Reply", "We thank Dr Smith for the interest in our article.")
    opinion = tag(
        "Why we must rethink osteoporosis screening",
        "In this editorial I argue that screening should start earlier.",
    )
    assert {letter.study_type, reply.study_type, opinion.study_type} == {"commentary"}
    assert letter.evidence_level is None


@pytest.mark.parametrize(
    "title",
    [
        "Re: Core decompression for osteonecrosis of the femoral head",
        "Denosumab and atypical femoral fracture - Authors' reply.",
        "In reply-Teriparatide after bisphosphonate holiday.",
    ],
)
def test_reply_titles_with_dashes_are_commentary(title):
    assert tag(title).study_type == "commentary"


@pytest.mark.parametrize(
    "title",
    [
        "Re-infection of SARS-CoV-2 in a dialysis unit",
        "Point-of-care ultrasound in the emergency department",
        "Response-adapted therapy in Hodgkin lymphoma",
    ],
)
def test_words_that_merely_start_like_a_reply_are_not_commentary(title):
    # "Re-", "Point-" and "Response-" open ordinary compound words; only "Re:" or "Reply -" is a reply.
    assert tag(title).study_type != "commentary"


def test_case_study_of_a_place_or_a_molecule_is_not_a_case_report():
    place = tag(
        "Water saving practices and socioeconomic factors: a case study of Ecuadorian households",
        "Household water use was measured in 320 homes across three provinces.",
    )
    molecule = tag(
        "A case of chain propagation: alpha-aminoalkyl radicals as initiators for aryl radical chemistry",
        "Aryl radicals are generated from the corresponding halides by redox chemistry.",
    )
    species = tag("Species delimitation of microbivalves in the Southern Ocean: the case of Kidderia species")
    assert {place.study_type, molecule.study_type, species.study_type}.isdisjoint({"case_report"})
    # A clinical case named the same way stays a case report.
    assert tag("Fatal case of levamisole-induced vasculopathy in a cocaine user").study_type == "case_report"
    assert tag("Avascular necrosis of the talus: a case study").study_type == "case_report"


def test_a_case_study_of_a_method_or_a_diseases_first_case_is_not_a_case_report():
    method = tag(
        "Gene selection by a hybrid search algorithm: a case study on RNA-seq data",
        "Gene selection from high-dimensional data is hard. We propose a hybrid algorithm that combines two "
        "metaheuristics and apply it to RNA-seq data of patients with COVID-19.",
    )
    team = tag(
        "A case study in distributed team science in research using electronic health records",
        "Five sites shared analysis code for patients with hip fracture rather than data; we describe the "
        "workflow.",
    )
    history = tag(
        "Retrospective analysis of hip fractures in people with Candida auris infection",
        "The first case of C. auris infection was reported in 2009. We reviewed the records of 38 patients "
        "with C. auris infection and a hip fracture treated at our hospital from 2017 to 2020.",
    )
    event = tag("Lockdown as a last resort option in case of a fracture-service rebound: a modelling study")
    assert {method.study_type, team.study_type, history.study_type, event.study_type}.isdisjoint(
        {"case_report"}
    )
    # A patient's case study, a case titled "A case of …" and "this is the first reported case" stay.
    assert tag("Metacarpal head fracture in a cricketer: a case study").study_type == "case_report"
    assert tag(
        "A case of bilateral femoral head osteonecrosis after a short course of steroids"
    ).study_type == ("case_report")
    first = tag(
        "Osteonecrosis of the jaw after romosozumab",
        "Osteonecrosis of the jaw is rare with romosozumab. This is the first reported case of a patient "
        "with osteonecrosis of the jaw after three injections; it healed after surgery.",
    )
    assert first.study_type == "case_report"


def test_an_age_range_or_a_group_of_children_is_not_one_patient():
    group = tag("Sleep problems in 1-year-old infants of mothers with insomnia")
    ages = tag("Narrative comprehension in 9- to 12-year-old children")
    one = tag("Osteonecrosis of the femoral head in a 12-year-old girl")
    assert group.study_type != "case_report" and ages.study_type != "case_report"
    assert one.study_type == "case_report"


def test_notices_from_metadata_and_from_titles():
    erratum = tag("Correction: Denosumab and bone loss", "[This corrects the article DOI: 10.1/abc.].")
    retraction = tag("Retraction notice to 'Zoledronic acid in osteonecrosis'", "")
    linked = tag("Statement.", "", relations=(Relation("retracts", "pmid", "1"),))
    surgical = tag(
        "Correction of hallux valgus deformity with a new osteotomy",
        "We report 40 patients treated with osteotomy; outcomes improved significantly (p < 0.01).",
    )
    assert erratum.study_type == "erratum"
    assert retraction.study_type == "retraction_notice"
    assert linked.study_type == "retraction_notice"
    assert surgical.study_type not in {"erratum", "retraction_notice"}


def test_status_flags_preprint_and_retracted():
    preprint = tag("Romosozumab in men", "We enrolled 100 men.", kind="preprint")
    server = tag("Romosozumab in men", "We enrolled 100 men.", journal="medRxiv")
    retracted = tag(
        "RETRACTED: Teriparatide heals osteonecrosis",
        "In this randomized trial, 80 patients were randomly assigned to teriparatide or placebo.",
    )
    assert "preprint" in preprint.flags and "preprint" in server.flags
    assert "retracted" in retracted.flags
    assert retracted.study_type == "rct"


def test_merged_work_uses_pubmed_indexing_and_richest_text():
    crossref = rec("A trial", "", source="crossref", doi="10.1/x")
    pubmed = rec(
        "A trial",
        "Patients were randomly assigned to A or B.",
        source="pubmed",
        pmid="1",
        publication_types=("Journal Article", "Randomized Controlled Trial"),
    )
    tags = tag_records([crossref, pubmed])
    assert tags.study_type == "rct"
    assert tags.why["study_type"].startswith("publication type")


# ------------------------------------------------------------------------------------------- evidence
@pytest.mark.parametrize(
    ("study_type", "level"),
    [
        ("rct", 2),
        ("cohort", 3),
        ("nonrandomised_trial", 3),
        ("case_control", 4),
        ("cross_sectional", 4),
        ("case_series", 4),
        ("animal", 5),
        ("in_vitro", 5),
        ("narrative_review", 5),
        ("commentary", None),
        ("erratum", None),
        ("retraction_notice", None),
        ("protocol", None),
    ],
)
def test_evidence_levels_follow_cebm_2011(study_type, level):
    assert evidence_level(study_type)[0] == level


# ---------------------------------------------------------------------------------------- key numbers
def test_key_numbers_are_extracted_with_their_evidence():
    tags = tag(
        "Alendronate versus placebo: a randomized trial",
        "Methods: 240 postmenopausal women were randomly assigned to alendronate or placebo. The "
        "median "
        "follow-up was 3.5 years. The primary outcome was new vertebral fracture (HR 0.55, 95% CI "
        "0.38 to "
        "0.79). Trial registration: NCT01234567; ChiCTR2000034567.",
    )
    numbers = tags.key_numbers
    assert numbers["participants"] == {
        "n": 240,
        "what": "postmenopausal women",
        "text": "240 postmenopausal women",
    }
    assert numbers["follow_up"]["value"] == 3.5 and numbers["follow_up"]["unit"] == "years"
    assert numbers["primary_outcome"]["text"] == "new vertebral fracture"
    assert numbers["primary_outcome"]["estimate"] == {"measure": "HR", "value": 0.55}
    assert numbers["primary_outcome"]["ci"] == {"level": 95, "low": 0.38, "high": 0.79}
    assert numbers["registrations"] == ["NCT01234567", "ChiCTR2000034567"]
    assert "240 postmenopausal women" in tags.why["key_numbers.participants"]
    assert "condition:postmenopausal_osteoporosis" not in tags.topics  # no osteoporosis named


def test_absent_numbers_stay_absent():
    tags = tag("Osteonecrosis: an overview", "This review summarizes the pathogenesis of osteonecrosis.")
    assert tags.key_numbers == {}
    # An estimate outside a sentence naming the primary outcome is not attached to it.
    other = tag(
        "Trial", "The primary outcome was pain. Secondary: function improved (OR 1.5, 95% CI 1.1 to 2.0)."
    )
    assert other.key_numbers["primary_outcome"] == {"text": "pain"}


# -------------------------------------------------------------------------------------------- subtopics
def test_subtopic_tags_need_osteonecrosis_for_sites_and_quote_their_evidence():
    tags = tag(
        "Core decompression with bone grafting for steroid-induced osteonecrosis of the femoral head",
        "Ficat stage II and ARCO stage IIb hips treated with core decompression and autologous bone "
        "marrow "
        "concentrate; conversion to total hip arthroplasty was recorded.",
    )
    assert {
        "site:femoral_head",
        "drug:glucocorticoid",
        "procedure:core_decompression",
        "procedure:bone_grafting",
        "procedure:cell_therapy",
        "procedure:total_hip_arthroplasty",
        "staging:Ficat",
        "staging:ARCO",
    } <= set(tags.topics)
    assert tags.why["staging:Ficat"] == 'abstract: "Ficat"'
    fracture = tag("Femoral head fracture fixation in the elderly", "Outcomes of femoral head fractures.")
    assert not [t for t in fracture.topics if t.startswith("site:")]


# ------------------------------------------------------------------------------ real records, stripped
def _sample() -> list[Record]:
    path = FIXTURES / "pubmed" / "pubtype_sample.xml"
    if not path.exists():
        pytest.skip(f"fixture {path} not present")
    from osteodigest.crawler.sources.medline import parse_medline

    return list(parse_medline(path.read_bytes()))


def _stripped(record: Record) -> Record:
    return dataclasses.replace(record, publication_types=("Journal Article",), mesh=(), kind="article")


def test_notices_in_real_records_are_found_without_nlm_indexing():
    records = _sample()
    errata = [
        r
        for r in records
        if "Published Erratum" in r.publication_types
        and "Retraction of Publication" not in r.publication_types
    ]
    retractions = [r for r in records if "Retraction of Publication" in r.publication_types]
    assert len(errata) > 30 and len(retractions) > 5
    assert {tag_records([_stripped(r)]).study_type for r in errata} == {"erratum"}
    assert {tag_records([_stripped(r)]).study_type for r in retractions} == {"retraction_notice"}


def test_real_meta_analyses_tagged_as_systematic_review_by_nlm_are_meta_analyses():
    records = {r.pmid: r for r in _sample()}
    # NLM: "Systematic Review" only; the titles and abstracts report pooled analyses.
    for pmid in ("34095166", "34095252", "34095254"):
        assert tag_records([records[pmid]]).study_type == "meta_analysis"
        assert tag_records([_stripped(records[pmid])]).study_type == "meta_analysis"


def test_every_tag_has_a_why():
    for record in _sample()[:300]:
        tags = tag_records([_stripped(record)])
        assert tags.study_type in tags.why or tags.why.get("study_type")
        for name in (*tags.flags, *tags.topics):
            assert tags.why.get(name), (record.pmid, name)
        for name in tags.key_numbers:
            assert tags.why.get(f"key_numbers.{name}"), (record.pmid, name)


VACCINE_REVIEW_PLAIN = (
    "Introduction: Measles and mumps incidence fell sharply once vaccination programmes began, yet "
    "outbreaks of both have returned in recent years, with 1,282 measles cases in one country in 2019."
    "Areas covered: This article appraises what is known of waning immunity, vaccine hesitancy and the "
    "gaps in coverage among adolescents, and the interventions that address them.Expert opinion: The "
    "vaccines work; the challenge lies in reaching those who miss their second dose."
)


def test_a_review_heading_written_into_a_plain_abstract_makes_a_narrative_review():
    """A feed or a plain-text record keeps no section labels: "Areas covered:" inside the text is the
    same review heading as the labelled one, even beside an incidence figure from the introduction."""
    tags = tag("Measles and mumps prevention: how can we do better?", VACCINE_REVIEW_PLAIN)
    assert tags.study_type == "narrative_review"
    assert "areas covered" in tags.why["study_type"].lower()
    # Beside a plain "Results:" heading it is a research abstract's heading, not a review's.
    research = VACCINE_REVIEW_PLAIN.replace(
        "Expert opinion:", "Results: Coverage rose from 81% to 90% in 412 schools (p < 0.01). Conclusion:"
    )
    assert tag("Measles and mumps prevention: how can we do better?", research).study_type != (
        "narrative_review"
    )


@pytest.mark.parametrize(
    ("title", "abstract"),
    [
        (
            "Peptidome analysis of bone marrow from ovariectomised mice: insights into the pathogenesis "
            "of osteoporosis",
            "Bioactive peptides take part in many biological processes, but their role in postmenopausal "
            "bone loss is poorly understood. In this study, we used LC-MS/MS to compare the peptide "
            "profiles of bone marrow from ovariectomised and sham-operated mice. Peptides that differed "
            "between the groups were enriched in pathways of osteoclast differentiation.",
        ),
        (
            "Developments in hip fracture surgery at a regional hospital",
            "Here we report how time to surgery, anaesthesia and mobilisation changed after an "
            "orthogeriatric service was introduced, and what that meant for the patients' return home.",
        ),
        (
            "Atypical femoral fractures in long-term bisphosphonate users: a retrospective review",
            "Radiographs of patients who had taken a bisphosphonate were read for lateral cortical "
            "thickening and transverse fracture lines, and the duration of treatment was noted.",
        ),
        (
            "Vertebral fractures in adolescents with anorexia nervosa: a registry study and literature "
            "review",
            "Fractures recorded in a national registry were linked to admissions for anorexia nervosa, and "
            "earlier reports were collected for comparison.",
        ),
    ],
)
def test_a_review_word_in_the_title_over_a_study_of_its_own_is_not_a_review(title, abstract):
    """Titles with "insights into" and "developments in" over an abstract that says "in this study" or
    "here we report" name what a study found; "a retrospective review" and "a registry study and
    literature review" are steps of a study."""
    assert tag(title, abstract).study_type != "narrative_review"


def test_a_review_title_over_an_abstract_without_a_study_is_still_a_review():
    tags = tag(
        "Recent insights into the osteocyte as an endocrine cell",
        "Osteocytes, once seen as passive cells buried in bone, are now known to secrete sclerostin and "
        "FGF23 and to steer both bone formation and phosphate handling by the kidney.",
    )
    assert tags.study_type == "narrative_review"


def test_a_weak_review_cue_beside_findings_of_its_own_is_not_a_review():
    """The words "this paper explores …" say what an article covers; beside "we have found" they introduce
    a study. The same sentence over an abstract with no findings of its own still makes a narrative
    review."""
    study = (
        "Using national hospital discharge data, this paper explores the supply and demand factors behind "
        "the slow adoption of fracture liaison services. We have found that although the number of "
        "services has grown, the share of patients reached has not."
    )
    assert tag("Fracture liaison services in a stalled system", study).study_type != "narrative_review"
    essay = (
        "Fracture liaison services close the gap between a first fragility fracture and treatment. This "
        "paper explores the supply and demand factors behind their slow adoption, and what payers, "
        "surgeons and primary care can each do about it."
    )
    assert tag("Fracture liaison services in a stalled system", essay).study_type == "narrative_review"


def test_a_title_opening_with_review_and_a_perspective_that_discusses_are_narrative_reviews():
    """Some journals open a review's title with "Review: …" or "Mini-Review: …", ahead of the animals it
    is about; "In this perspective, we discuss …" says what an essay covers wherever it stands, and with
    the authors arguing a case it is a review in the first person, as NLM types such pieces."""
    title_first = tag(
        "Review: Mesenchymal stem cell therapy in canine osteoarthritis",
        "Osteoarthritis is an incurable and progressive condition in dogs causing chronic joint pain. "
        "Cartilage heals poorly, so current therapy is limited to pain relief, and cell therapies have "
        "been tried in many forms with results that are hard to compare.",
    )
    assert title_first.study_type == "narrative_review"
    perspective = tag(
        "Sclerostin as a target beyond bone",
        "Sclerostin, secreted by osteocytes, inhibits Wnt signalling in osteoblasts, and antibodies against "
        "it build bone in the spine and hip within months. Romosozumab is now used after fragility "
        "fractures in many countries, yet the protein is also found in calcified vessels, in fat and in "
        "the kidney, where its role is unknown. In this perspective, we discuss the evidence that "
        "sclerostin acts on vessels and fat, and we argue for trials of its own.",
    )
    assert perspective.study_type == "narrative_review"


def test_a_survey_of_techniques_is_a_review_but_a_survey_of_services_is_not():
    """Computing and engineering call a literature review a survey ("a comprehensive survey of the
    sine cosine algorithm"); a survey of physicians or of systems of care is a questionnaire study."""
    techniques = tag(
        "A comprehensive survey of bone segmentation algorithms: variants and applications",
        "Segmenting bone in computed tomography underlies finite-element models and surgical planning. "
        "This paper presents a brief overview of threshold, region-growing, atlas and deep-learning "
        "methods, divided by their principle, and of their use in the hip, spine and knee.",
    )
    assert techniques.study_type == "narrative_review"
    services = tag(
        "International survey of fracture liaison services during the COVID-19 pandemic",
        "Fracture liaison services in 41 countries answered an online questionnaire about staffing and "
        "patients seen in 2020; 212 of 300 services (71%) responded, and 48% had cut clinics.",
    )
    assert services.study_type != "narrative_review"


def test_a_title_regarding_an_article_is_a_letter_not_the_review_it_names():
    tags = tag("Regarding the Article: Denosumab Discontinuation: Current Status and Prospects")
    assert tags.study_type == "commentary"


def test_we_reviewed_studies_is_a_review_of_other_peoples_work():
    tags = tag(
        "Older women's perspectives on fracture prevention services",
        "Older women often decline osteoporosis treatment after a fracture. In the present article, we "
        "reviewed qualitative studies of how women experience fracture liaison services, and we summarised "
        "what they say helps them start and keep taking treatment.",
    )
    assert tags.study_type == "narrative_review"


def test_a_perspective_that_presents_an_overview_is_a_review_not_an_opinion():
    """ "This perspective" reads as opinion, but one that says it presents an overview or a summary of a
    field is a review (chemistry journals type such perspectives Review)."""
    tags = tag(
        "Bisphosphonate-conjugated fluorescent probes for imaging bone remodelling",
        "Imaging where bone is laid down and resorbed needs probes that bind hydroxyapatite selectively. "
        "Bisphosphonates bind mineral with high affinity and carry cargo to bone surfaces. This "
        "perspective presents an overview of the recent developments in bisphosphonate-conjugated "
        "fluorophores, their chemistry, their selectivity for resorbing surfaces and their limits.",
    )
    assert tags.study_type == "narrative_review"


def test_in_response_to_opens_a_letter_only_when_it_answers_something_written():
    """ "In response to the letter by …" opens a reply; "In response to mechanical loading, osteocytes …"
    opens an account of biology, here a review."""
    biology = tag(
        "Osteocyte mechanosensing and the control of bone formation",
        "In response to mechanical loading, osteocytes release prostaglandins and nitric oxide and lower "
        "their expression of sclerostin. This review summarises how the lacuno-canalicular network senses "
        "fluid flow and how these signals reach osteoblasts on the bone surface.",
    )
    assert biology.study_type == "narrative_review"
    reply = tag(
        "Denosumab discontinuation and vertebral fractures",
        "In response to the letter by Andersen and colleagues, we agree that a bisphosphonate should follow "
        "denosumab, and we add the timing our clinic uses for women who stop after several years.",
    )
    assert reply.study_type == "commentary"


def test_a_microbial_community_survey_is_not_laboratory_work():
    """Sequencing the bacteria of a soil or a river is a field survey ("other" by the labels' policy),
    though its abstract names bacterial strains as a laboratory study does; tested strains stay in vitro."""
    survey = tag(
        "Soil bacterial community structure after cadmium stabilisation at a former smelter site",
        "Stabilising agents lower the mobility of cadmium, but their effect on soil life is unclear. We "
        "sampled 48 plots before and 12 months after amendment and sequenced the 16S rRNA gene. Bacterial "
        "richness fell by 18% (p < 0.01), and strains of Proteobacteria replaced Acidobacteria as the "
        "dominant phylum. Available cadmium explained 41% of the variation in community composition.",
    )
    assert survey.study_type != "in_vitro"
    strains = tag(
        "Antibacterial activity of strontium-doped bone cement against clinical isolates",
        "Infection after vertebroplasty is rare but severe. We tested strontium-doped cement against 24 "
        "clinical isolates of Staphylococcus aureus. Minimum inhibitory concentrations were measured and "
        "biofilm formation on cement discs fell by 63% compared with plain cement (p < 0.001).",
    )
    assert strains.study_type == "in_vitro"


def test_a_title_naming_one_patient_with_two_modifiers_is_a_case_report():
    """ "in a COVID-19 positive patient", "in an HIV-positive elderly woman": one patient, however described;
    "in a psychiatric patient sample" is a group."""
    case = tag("Atypical femoral fracture in a COVID-19 positive patient on long-term alendronate")
    assert case.study_type == "case_report"
    group = tag("Bone mineral density in a psychiatric patient sample treated with antipsychotics")
    assert group.study_type != "case_report"


def test_a_review_that_states_its_search_of_named_databases_is_systematic():
    """Draw (q): reviews that said how they searched, in words the review rule alone does not take."""
    queried = tag(
        "Lifestyle and bladder cancer recurrence: available research and future directions",
        "OBJECTIVE: To summarize the literature on lifestyle factors and outcomes of bladder cancer. "
        "METHODS: "
        "PubMed was systematically queried for articles published through March 2019 regarding lifestyle "
        "factors and recurrence. RESULTS: Smoking cessation was associated with lower recurrence.",
    )
    criteria = tag(
        "A review on clotting disorders and retinal hemorrhages: can they mimic abuse?",
        "OBJECTIVE: In this literature review, we sought to assess whether retinal findings in children with "
        "thrombophilia could mimic those of abusive head trauma. METHODS: A literature search of PubMed was "
        "performed. RESULTS: Our initial search yielded 514 results. Forty-three articles met our inclusion "
        "criteria.",
    )
    assert queried.study_type == criteria.study_type == "systematic_review"
    # "A selective search" is a narrative review's house phrase.
    selective = tag(
        "Vitamin D in the treatment of osteoporosis: a review",
        "This review is based on a selective search of PubMed for articles on vitamin D and fractures. "
        "Supplementation lowers the risk of falls in deficient older adults.",
    )
    assert selective.study_type == "narrative_review"
