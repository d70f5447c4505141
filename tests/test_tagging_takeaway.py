"""The key takeaway of every abstract: the authors' concluding words, verbatim, at most 400 characters."""

from __future__ import annotations

import pytest
from osteodigest.crawler.models import Record, Tags, Work
from osteodigest.crawler.tagging import tag_records
from osteodigest.crawler.tagging.takeaway import MAX_CHARS
from osteodigest.newsletter.items import key_finding


def takeaway(abstract: str, title: str = "A study", **fields) -> str | None:
    return tag_records([Record(source="t", source_id="1", title=title, abstract=abstract, **fields)]).takeaway


def test_the_conclusion_section_is_the_takeaway():
    sections = (
        ("METHODS", "We followed 200 hips for 5 years."),
        ("CONCLUSIONS", ": Core decompression delayed collapse. Larger trials are needed."),
    )
    found = takeaway(" ".join(t for _, t in sections), abstract_sections=sections)
    assert found == "Core decompression delayed collapse. Larger trials are needed."


def test_without_a_heading_the_last_sentences_that_state_a_finding():
    abstract = (
        "Osteonecrosis of the femoral head affects young adults. We followed 200 hips for five years after "
        "core decompression. Collapse occurred in 40 hips. These results suggest that early decompression "
        "delays collapse. Trial registration: NCT01234567."
    )
    assert takeaway(abstract) == "These results suggest that early decompression delays collapse."


def test_a_finding_sentence_without_a_marker_is_found_from_the_end():
    abstract = (
        "Denosumab is widely used. We studied 120 women who stopped it. Vertebral fractures after stopping "
        "were associated with longer prior use and lower bone density at baseline."
    )
    assert takeaway(abstract) == (
        "Vertebral fractures after stopping were associated with longer prior use and lower bone density "
        "at baseline."
    )


def test_an_abstract_stating_no_finding_has_no_takeaway():
    assert takeaway("Osteonecrosis of the jaw. A lecture given at the annual meeting in Vienna.") is None


def test_a_huge_abstract_gives_at_most_400_characters_never_cut_mid_sentence_without_a_mark():
    long_sentence = "In conclusion, " + ", ".join(["bone loss was lower with treatment"] * 40000) + "."
    found = takeaway("We studied 120 women over two years. " + long_sentence)
    assert found is not None and len(found) <= MAX_CHARS
    assert found.endswith(" …") and found.startswith("In conclusion, bone loss was lower")
    sections = (("CONCLUSION", "x" * 1_000_000),)
    assert takeaway("x" * 1_000_000, abstract_sections=sections) is None


def test_the_digest_quotes_the_tagger_takeaway_and_falls_back_for_old_tags():
    record = Record(
        source="t",
        source_id="1",
        title="t",
        abstract="We followed 200 hips. Collapse occurred in 40 hips. Early decompression may delay "
        "collapse.",
    )
    tags = tag_records([record])
    assert key_finding(Work(id=1, records=(record,), first_seen="2026-01-01", tags=tags)) == (
        "Early decompression may delay collapse."
    )
    old = Tags(study_type="cohort")
    marked = Record(source="t", source_id="2", title="t", abstract="We looked. In conclusion, it works.")
    assert key_finding(Work(id=2, records=(marked,), first_seen="2026-01-01", tags=old)) == (
        "In conclusion, it works."
    )


def test_a_heading_left_inside_the_conclusion_is_not_quoted():
    # NLM split "CONCLUSIONS AND IMPLICATIONS:" into a label and "and Implications: …" (PMID 33516675).
    sections = (
        ("RESULTS", "Seven percent of participants sustained a fracture."),
        ("CONCLUSION", "and Implications: Delayed BP recovery independently predicts fracture."),
    )
    found = takeaway(" ".join(t for _, t in sections), abstract_sections=sections)
    assert found == "Delayed BP recovery independently predicts fracture."


def test_an_unmarked_conclusion_heading_is_not_quoted():
    abstract = (
        "Thirty-eight patients with osteomalacia were compared with 38 with spondyloarthritis. Alkaline "
        "phosphatase was higher in osteomalacia. Conclusion: Clinical presentations of osteomalacia could "
        "simulate those of spondyloarthritis."
    )
    assert takeaway(abstract) == (
        "Clinical presentations of osteomalacia could simulate those of spondyloarthritis."
    )


def test_a_weaker_sign_of_a_finding_gives_a_takeaway_where_no_stronger_one_is_found():
    # Abstracts ending "… was significantly higher …" or "… expand the mutation landscape …" had none.
    abstract = (
        "We sequenced 40 families with the phenotype. Twelve new variants of the gene were seen in them. "
        "Our studies expand the mutation landscape of the gene in patients with such phenotypes."
    )
    assert (
        takeaway(abstract)
        == "Our studies expand the mutation landscape of the gene in patients with such phenotypes."
    )
    # A stronger finding earlier in the tail still wins over a weaker one after it.
    abstract = (
        "We followed 300 women for two years. Fracture risk was reduced by treatment. Adherence was "
        "significantly higher in the reminder group."
    )
    assert takeaway(abstract) == (
        "Fracture risk was reduced by treatment. Adherence was significantly higher in the reminder group."
    )


def test_a_publishers_line_or_a_pointer_to_supplementary_data_is_never_the_takeaway():
    abstract = (
        "We built a model of 2,000 hips. The model predicted collapse better than the Ficat stage. "
        "Supplementary data are available at Bioinformatics online."
    )
    assert takeaway(abstract) == "The model predicted collapse better than the Ficat stage."
    abstract = (
        "We reviewed 80 cases of jaw osteonecrosis. Most healed after surgery, and these results suggest "
        "that early surgery is safe. © 2021 The Authors. Published by Wiley."
    )
    assert takeaway(abstract) == (
        "Most healed after surgery, and these results suggest that early surgery is safe."
    )


@pytest.mark.parametrize(
    "citation",
    [
        "J Orthop Sports Phys Ther 2021;51(6):298-304. Epub 10 May 2021. doi:10.2519/jospt.2021.9735.",
        "J Orthop Sports Phys Ther 2021;51(6):264-268. doi:10.2519/jospt.2021.10428.",
    ],
)
def test_the_journals_citation_line_at_the_end_is_not_part_of_the_takeaway(citation: str):
    """Train records 33971732 and 33971734 quoted their journal's citation line after the finding."""
    abstract = (
        "We followed 200 adults with knee pain for two years. Recent knee injury and lower quadriceps "
        "strength were associated with an increased risk of knee pain exacerbation during walking. "
    ) + citation
    assert takeaway(abstract, title="Knee pain flares: a cohort study") == (
        "Recent knee injury and lower quadriceps strength were associated with an increased risk of knee "
        "pain exacerbation during walking."
    )


def test_a_conclusion_heading_after_a_slash_or_for_practice_starts_the_takeaway():
    """Train record 34090765's last sentence ran into "20% DISCUSSION/CONCLUSION: The conclusion drawn …";
    33914226 quoted its heading "CONCLUSIONS FOR PRACTICE:"."""
    abstract = (
        "We measured skin hydration in 30 feet. There were differences between the placebo and 20% urea "
        "creams, but none between the 5% urea and 20% DISCUSSION/CONCLUSION: Skin hydration was greater with "
        "the 20% urea cream than with the placebo."
    )
    assert takeaway(abstract) == "Skin hydration was greater with the 20% urea cream than with the placebo."
    abstract = (
        "We analysed survey data on 3,000 families. Children with a medical home visited the ED less often. "
        "CONCLUSIONS FOR PRACTICE: The presence of a medical home was associated with better outcomes."
    )
    assert takeaway(abstract) == "The presence of a medical home was associated with better outcomes."


def test_a_practitioner_summary_or_significance_label_is_not_quoted():
    abstract = (
        "Twenty drivers crossed their legs in a vehicle mock-up. Legroom affected the movement. Practitioner "
        "Summary: This research found that the movement is affected by legroom proportions."
    )
    assert takeaway(abstract) == "This research found that the movement is affected by legroom proportions."


def test_implications_for_practice_a_lay_summary_of_the_background_is_not_the_conclusion():
    abstract = (
        "This review discusses the treatment of lobular breast cancer. We found that lobular cancers respond "
        "less to chemotherapy. IMPLICATIONS FOR PRACTICE: The majority of invasive lobular breast cancers "
        "are hormone receptor positive and low grade."
    )
    assert takeaway(abstract) == "We found that lobular cancers respond less to chemotherapy."


def test_a_publishers_line_inside_the_conclusion_section_is_not_quoted():
    sections = (
        ("METHODS", "We followed 200 hips for 5 years."),
        ("CONCLUSIONS", "Core decompression delayed collapse. © 2021 Elsevier Inc. All rights reserved."),
    )
    found = takeaway(" ".join(t for _, t in sections), abstract_sections=sections)
    assert found == "Core decompression delayed collapse."


def test_a_conclusion_heading_left_in_the_running_text_starts_the_takeaway():
    # It used to be passed over for the last sentence alone ("Further studies are needed …").
    abstract = (
        "We followed 120 patients after oesophagectomy for three years. Conclusion: In our series, "
        "pyloroplasty was not associated with better gastric emptying. Further studies are needed to confirm "
        "these findings."
    )
    assert takeaway(abstract) == (
        "In our series, pyloroplasty was not associated with better gastric emptying. Further studies are "
        "needed to confirm these findings."
    )


def test_no_differences_and_a_share_achieved_state_findings():
    abstract = (
        "We compared 60 hips treated with two techniques of core decompression over two years. There were no "
        "significant differences in collapse between the groups."
    )
    assert takeaway(abstract) == "There were no significant differences in collapse between the groups."
    abstract = (
        "The authors present a series of 10 patients in whom a duodenal stent was placed by a new "
        "transhepatic technique. Technical success was 90% with no associated mortality."
    )
    assert takeaway(abstract) == "Technical success was 90% with no associated mortality."


def test_closing_sections_with_a_link_do_not_hide_the_last_finding():
    # Joined without their labels, "… stage. http://… Supplementary data …" is one sentence with a link.
    sections = (
        ("MOTIVATION", "Collapse of the femoral head is hard to predict from radiographs."),
        (
            "RESULTS",
            "We built a model of 2,000 hips. We show that it predicts collapse better than the Ficat stage.",
        ),
        ("AVAILABILITY AND IMPLEMENTATION", "http://example.org/collapse/."),
        ("SUPPLEMENTARY INFORMATION", "Supplementary data are available at Bioinformatics online."),
    )
    found = takeaway(" ".join(t for _, t in sections), abstract_sections=sections)
    assert found == "We show that it predicts collapse better than the Ficat stage."


def test_a_first_report_and_a_recommendation_about_registered_nurses_are_findings():
    abstract = (
        "Intestinal cestodosis was previously reported in wild cats. We examined a dead wild fox. "
        "To our knowledge, this is the first description of peritoneal metacestodosis in any wild carnivore."
    )
    assert takeaway(abstract) == (
        "To our knowledge, this is the first description of peritoneal metacestodosis in any wild carnivore."
    )
    # "registered" marks a trial registration only when something is registered at or with a registry.
    abstract = (
        "We linked staffing records of 300 wards to 40,000 admissions. Lower levels of registered nurses "
        "were linked with higher odds of death. Therefore, substitution of other staff for registered "
        "nurses is not recommended."
    )
    assert takeaway(abstract) == (
        "Therefore, substitution of other staff for registered nurses is not recommended."
    )


def test_a_significance_heading_left_in_the_running_text_is_the_takeaway_without_its_label():
    abstract = (
        "We depleted regulatory T cells in 40 tumour-bearing mice. Tumour vessels regressed within a week. "
        "SIGNIFICANCE: Intratumoral regulatory T cells maintain tumour vessels and tumour growth."
    )
    assert takeaway(abstract) == "Intratumoral regulatory T cells maintain tumour vessels and tumour growth."
    abstract = (
        "We followed 900 women after hip fracture for two years. Conclusions and relevance: Early surgery "
        "was associated with lower mortality. Delays should be avoided."
    )
    assert (
        takeaway(abstract) == "Early surgery was associated with lower mortality. Delays should be avoided."
    )


def test_a_conclusion_heading_glued_to_the_text_before_it_starts_the_takeaway():
    # Sources drop the stop or the space before an inline heading ("… on MSU CONCLUSION: …",
    # "… videoconference.Implications: …"); what follows is the conclusion section all the same, read from
    # its first sentence, not from the last sentence that happens to contain a finding word.
    abstract = (
        "We reviewed 220 hips treated by core decompression over ten years and recorded collapse, "
        "conversion to arthroplasty and pain scores. Fifty-four (24%) hips collapsed within two years "
        "CONCLUSION: Most hips without collapse at two years did not collapse later. Surveillance may "
        "stop at two years in such hips."
    )
    assert takeaway(abstract) == (
        "Most hips without collapse at two years did not collapse later. Surveillance may stop at two "
        "years in such hips."
    )
    glued = (
        "Oncology social workers were surveyed about their work during the pandemic, with questions on "
        "hours, pay and how they reached patients.Findings: Among 939 workers, 20% worked fewer hours."
        "Implications: Results speak to the essential nature of oncology social work."
    )
    assert takeaway(glued) == "Results speak to the essential nature of oncology social work."


def test_the_conclusion_ends_at_the_next_heading_and_a_joint_results_heading_is_not_one():
    registered = (
        "Adults with alcohol use disorder received pregabalin in an open-label study of twelve weeks with "
        "doses rising to 600 mg per day. Conclusions: Pregabalin appears safe and well tolerated in doses up "
        "to 600 mg per day.Trial Registration: clinicaltrials.gov identifier NCT01234567."
    )
    assert takeaway(registered) == "Pregabalin appears safe and well tolerated in doses up to 600 mg per day."
    joint = (
        "Rats underwent spinal cord ischaemia and were compared with sham-operated animals over four weeks "
        "of follow-up. RESULTS & CONCLUSION: The main results were degeneration of motor neurons and "
        "activation of microglia. Thus, the score appears unsuitable as a prognostic tool."
    )
    assert takeaway(joint) == "Thus, the score appears unsuitable as a prognostic tool."


def test_participles_and_claims_without_a_verb_of_showing_state_findings():
    # "suggesting", "indicating" are the verbs the strong list has, in another form; "more likely",
    # "is a valuable tool", "proved", "successfully" claim a result. Without them these abstracts had none.
    suggesting = (
        "Female rats lacking the gene were mated with wild-type males and their fertility was recorded over "
        "six months. The zona pellucida was normal and litter sizes did not differ from those of controls, "
        "suggesting that the gene is dispensable for female fertility."
    )
    assert takeaway(suggesting).startswith("The zona pellucida was normal")
    likely = (
        "We surveyed 153 adults who hear voices about what they believe causes them, with a questionnaire of "
        "causal beliefs. Those who experienced more traumatic events were more likely to endorse trauma as a "
        "cause of their voices."
    )
    assert takeaway(likely) == (
        "Those who experienced more traumatic events were more likely to endorse trauma as a cause of their "
        "voices."
    )
    background = (
        "Osteonecrosis of the jaw is a rare complication of antiresorptive drugs. Its pathogenesis involves "
        "infection and impaired remodelling. Hyperammonemia plays an important role in many diseases."
    )
    assert takeaway(background) is None


def test_a_study_of_people_ends_on_its_lesson_whatever_its_words_but_a_review_does_not():
    case = (
        "A 58-year-old woman with cirrhosis presented with confusion after an episode of vomiting. Her "
        "ammonia level was 190 umol/L and arterial pH 7.52. She was discharged two days after correcting the "
        "alkalosis. Prompt correction of alkalosis is central to the management of hepatic encephalopathy."
    )
    assert takeaway(case, title="Hepatic encephalopathy precipitated by alkalosis: a case report") == (
        "Prompt correction of alkalosis is central to the management of hepatic encephalopathy."
    )
    # The same last sentence closing a review is what the review covers, not a result of its own.
    review = (
        "Hepatic encephalopathy is a frequent complication of cirrhosis. This review summarises its "
        "pathogenesis, from ammonia to inflammation, and the place of lactulose and rifaximin. Prompt "
        "correction of precipitating factors is central to the management of hepatic encephalopathy."
    )
    assert takeaway(review, title="Hepatic encephalopathy: a narrative review") is None
    # A last sentence that states the method or the plan is no takeaway, even in a study of people.
    method = (
        "We enrolled 312 adults with chronic low back pain in three clinics between 2018 and 2020 in this "
        "prospective cohort study. Pain and disability were recorded at baseline and at 6 and 12 months. "
        "Stride parameters were calculated using a motion-capture system after each visit."
    )
    assert takeaway(method, title="Gait in chronic low back pain: a prospective cohort study") is None


def test_a_trial_registry_section_and_an_inplasy_number_are_no_part_of_the_takeaway():
    sections = (
        ("METHODS", "Nurses in 40 wards will be randomly assigned to training or usual care for one year."),
        ("DISCUSSION", "If proven effective, the training programme could be implemented nationally."),
        ("TRIAL REGISTRY", "ISRCTN registry, ISRCTN82180413, Registered 31 December 2019."),
    )
    found = takeaway(" ".join(t for _, t in sections), abstract_sections=sections)
    assert found == "If proven effective, the training programme could be implemented nationally."
    review = (
        "We searched five databases for trials of mind-body exercise in older adults and pooled 14 of them. "
        "Balance improved with tai chi. Direct evidence of the benefits of mind-body exercise may be more "
        "important. INPLASY202140126."
    )
    assert takeaway(review).endswith("may be more important.")


@pytest.mark.parametrize("label", ["Discussion", "Conclusiones", "Schlussfolgerungen"])
def test_a_discussion_or_a_foreign_conclusion_heading_is_not_quoted(label):
    abstract = (
        "We surveyed 400 adults with neuromuscular disease about telehealth visits during the pandemic, "
        f"with a questionnaire on satisfaction and access. {label}: Most patients were satisfied with "
        "telehealth visits and would use them again."
    )
    found = takeaway(abstract)
    assert found == "Most patients were satisfied with telehealth visits and would use them again."


def test_a_reviews_closing_claim_is_its_takeaway_without_the_scope_sentence_after_it():
    review = (
        "Bone marrow edema syndrome is a self-limiting cause of hip pain in middle-aged men and pregnant "
        "women. On magnetic resonance imaging the femoral head and neck are diffusely oedematous. Several "
        "small "
        "series have debated its relation to osteonecrosis; however, whether it is an early stage of "
        "osteonecrosis remains controversial. This review was designed to provide an update on imaging and "
        "treatment."
    )
    assert takeaway(review, title="Bone marrow edema syndrome of the hip: a narrative review") == (
        "Several small series have debated its relation to osteonecrosis; however, whether it is an early "
        "stage of osteonecrosis remains controversial."
    )
    hypothesis = (
        "Osteocytes die before the trabeculae of the femoral head collapse. Here we review how "
        "glucocorticoids "
        "act on osteocytes, endothelial cells and marrow adipocytes. We hypothesize that osteocyte "
        "apoptosis, "
        "not ischemia, starts glucocorticoid-induced osteonecrosis."
    )
    assert takeaway(hypothesis, title="Osteocytes in glucocorticoid-induced osteonecrosis") == (
        "We hypothesize that osteocyte apoptosis, not ischemia, starts glucocorticoid-induced osteonecrosis."
    )
    # A sentence that only tries to shed light is background, not the authors' claim.
    background = (
        "Denosumab discontinuation is followed by rebound bone loss. Multiple studies have attempted to shed "
        "light on the mechanism of this rebound. Here we summarise the clinical course after stopping."
    )
    assert takeaway(background, title="Stopping denosumab: a review") is None


@pytest.mark.parametrize(
    ("finding", "closing"),
    [
        # A closing sentence that says nothing of what was found (train takeaway audit, round 1).
        (
            "Dominant males had higher testosterone levels in stable communities.",
            "In sum, our analyses provide novel insights into how individuals and communities interact.",
        ),
        ("Zoledronate reduced bone loss at the hip by 3%.", "Further research is needed in men."),
        # A sentence that adds to the main point.
        (
            "IL-6 can be used to predict a positive blood culture early in burned patients.",
            "In this context, other biomarkers and body temperature are of limited clinical utility.",
        ),
        (
            "Our model achieves an AUC of 0.92 and was significantly better than the clinical score.",
            "Moreover, it identifies the indicators that contribute to progression.",
        ),
    ],
)
def test_an_empty_or_added_closing_sentence_is_quoted_with_the_finding_before_it(finding: str, closing: str):
    abstract = (
        f"Background words are here. We studied 300 patients in a cohort over 5 years. {finding} {closing}"
    )
    assert takeaway(abstract) == f"{finding} {closing}"


def test_the_finding_before_an_empty_closing_is_left_out_when_both_do_not_fit():
    finding = "Zoledronate reduced bone loss at the hip by 3% in women " + "with low bone density " * 16 + "."
    closing = "Further research is needed in men."
    abstract = f"We studied 300 patients in a cohort over 5 years. {finding.replace(' .', '.')} {closing}"
    assert takeaway(abstract) == closing


def test_a_closing_are_discussed_sentence_is_not_quoted():
    abstract = (
        "We surveyed 244 healthcare workers in two waves. As hypothesized, participative leadership "
        "predicted employees' thriving and helping behaviours. Implications for research, theory, and "
        "practice are discussed."
    )
    assert takeaway(abstract, title="Participative leadership: a cross-sectional survey") == (
        "As hypothesized, participative leadership predicted employees' thriving and helping behaviours."
    )


@pytest.mark.parametrize(
    "label", ["AUTHORS' CONCLUSIONS", "DISCUSSION/CONCLUSION", "KEY FINDINGS AND CONCLUSIONS", "CONCLUSIOS"]
)
def test_a_conclusion_section_under_another_name_is_the_takeaway(label: str):
    """Cochrane's "AUTHORS' CONCLUSIONS" and other names of the conclusion section (bulk train records: the
    later "Trials should be designed to minimise …" was quoted instead)."""
    conclusion = "Current evidence is uncertain about the effects of air surfaces. Trials should be better."
    sections = (("MAIN RESULTS", "We included 12 trials with 1,200 participants."), (label, conclusion))
    assert takeaway(" ".join(t for _, t in sections), abstract_sections=sections) == conclusion


@pytest.mark.parametrize("opening", ["SIGNIFICANCE", "SUMMARY OF BACKGROUND DATA"])
def test_an_opening_significance_or_background_summary_is_not_the_conclusion(opening: str):
    """ "SIGNIFICANCE: Although it is a requirement that … we evaluated predictors of attrition" opens the
    abstract and its conclusions come last (train takeaway audit, round 4: the opening was quoted); Spine's
    "SUMMARY OF BACKGROUND DATA" is background wherever it stands."""
    conclusion = "Several screening factors contributed to attrition. Targeted strategies are needed."
    sections = (
        (opening, "Not all smokers engage in treatment, so we evaluated predictors of attrition."),
        ("METHODS", "We followed 926 participants for a year."),
        ("CONCLUSIONS", conclusion),
    )
    found = takeaway(" ".join(t for _, t in sections), abstract_sections=sections)
    assert found == conclusion


def test_a_summary_opening_the_abstract_is_still_quoted_when_nothing_concludes():
    summary = (
        "PoSeiDon is an easy-to-use pipeline that finds recombination events in protein-coding sequences."
    )
    sections = (("SUMMARY", summary), ("AVAILABILITY AND IMPLEMENTATION", "The code is on GitHub."))
    assert takeaway(" ".join(t for _, t in sections), abstract_sections=sections) == summary
