"""Articles that read like reviews but are not (issue 14, dev false narrative reviews of round h14w): a
methods article or a data descriptor in the third person, an abstract reporting findings of its own, and a
research article under a review's headings. Each text is written for the test."""

from __future__ import annotations

from osteodigest.crawler.tagging.design import decide
from osteodigest.crawler.tagging.study_type import rule_verdict

from tests.tagging_helpers import review_model, tag, tag_sections, view_of


def test_this_paper_provides_protocols_is_not_a_review_whatever_the_model_reads():
    view = view_of(
        "Preparing undecalcified bone sections for histomorphometry",
        "Histomorphometry of undecalcified bone remains the reference for measuring bone formation, yet "
        "sample preparation remains a significant bottleneck. Embedding in resin preserves mineral and "
        "labels, but requires careful handling to prevent cracking. A recent report describes an easy-to-use "
        "sectioning block that minimizes the number of manual handling steps. This paper provides "
        "step-by-step protocols for the embedding, sectioning and staining of undecalcified bone.",
    )
    assert rule_verdict(view)[0].study_type == "other"
    assert decide(view, review_model("histomorphometry")).study_type == "other"


def test_protocols_a_chapter_presents_are_not_a_review_whatever_the_model_reads():
    view = view_of(
        "Assessing bone microarchitecture by high-resolution peripheral tomography",
        "In recent years, a number of advancements have been made in imaging the microarchitecture of bone "
        "in health and disease. High-resolution peripheral tomography separates cortical and trabecular bone "
        "and estimates cortical porosity at the distal radius and tibia. Protocols for positioning the limb, "
        "scanning and analysing cortical porosity will be described in relation to the effects of "
        "antiresorptive drugs.",
    )
    assert rule_verdict(view)[0].study_type == "other"
    assert decide(view, review_model("microarchitecture")).study_type != "narrative_review"


def test_a_data_article_is_not_a_review():
    tags = tag(
        "Fracture clinic waiting times in public and private hospitals",
        "The datasets summarized in this article include more than two million waiting times that patients "
        "with fractures experienced when seeking care since 2015. Waiting times are reported at the "
        "referral level and at the hospital level, and are stratified by fracture site. Researchers may use "
        "these datasets to identify variations in access to care over time and to study policies that "
        "improve it.",
    )
    assert tags.study_type != "narrative_review"


def test_findings_of_its_own_are_not_a_review_to_the_model():
    view = view_of(
        "Mineral binding of bisphosphonates: a theoretical study",
        "Bisphosphonates are essential drugs in the treatment of osteoporosis, and in the last few years it "
        "has been shown that their affinity for bone mineral shapes their clinical profile. However, the "
        "nature of the initial binding step is unknown. Our quantum chemical calculations have shown the "
        "possibility of fast proton transfer between the phosphonate groups and the mineral surface. It was "
        "demonstrated for the first time that the binding of nitrogen-containing bisphosphonates resembles "
        "that of pyrophosphate.",
    )
    assert rule_verdict(view)[0].study_type == "other"
    assert decide(view, review_model("bisphosphonates")).study_type == "other"


def test_we_reveal_and_discover_are_findings_of_its_own():
    view = view_of(
        "Variants of the sclerostin gene across Europe",
        "Variants of the sclerostin gene have received much attention for their possible effects on bone "
        "density and on antibody therapies. We reveal that most frequent variants strengthen the binding "
        "between sclerostin and its receptor. In particular, we discover new variants that also enhance the "
        "binding, and we hypothesize that variants escaping the antibody will pose a threat to treatment.",
    )
    assert decide(view, review_model("sclerostin")).study_type == "other"


def test_a_review_model_still_names_a_review_without_findings_of_its_own():
    view = view_of(
        "Bisphosphonates and bone mineral",
        "Bisphosphonates are essential drugs in the treatment of osteoporosis, and their affinity for bone "
        "mineral shapes their clinical profile. The binding step, its chemistry and the open questions it "
        "leaves for treatment are set out here.",
    )
    assert decide(view, review_model("bisphosphonates")).study_type == "narrative_review"


def test_a_review_heading_over_the_present_work_is_research():
    sections = (
        (
            "INTRODUCTION",
            "Teriparatide is an anabolic drug for osteoporosis whose daily injection limits adherence. "
            "Therefore, different vesicular nanocarriers were developed in the current work for its "
            "transdermal delivery.",
        ),
        (
            "AREAS COVERED",
            "Teriparatide was formulated in liposomes and transfersomes using the thin-film hydration "
            "method. Results revealed that transfersomes were the carrier of choice, with a particle size of "
            "146 nm and an entrapment efficiency of 97.6%.",
        ),
        (
            "EXPERT OPINION",
            "Findings of this study show that nanocarriers may allow transdermal anabolic treatment.",
        ),
    )
    tags = tag_sections(
        "Teriparatide vesicular formulations for transdermal delivery",
        sections,
    )
    assert tags.study_type != "narrative_review"


def test_a_review_heading_over_a_review_stays_a_review():
    sections = (
        ("INTRODUCTION", "Teriparatide is an anabolic drug for osteoporosis given by daily injection."),
        (
            "AREAS COVERED",
            "This review summarises published evidence on transdermal and oral delivery of teriparatide.",
        ),
        ("EXPERT OPINION", "Non-injectable delivery may improve adherence to anabolic treatment."),
    )
    tags = tag_sections(
        "Delivering teriparatide without needles",
        sections,
    )
    assert tags.study_type == "narrative_review"


def test_what_chemistry_and_methods_papers_say_of_their_own_work_is_not_a_review():
    """Draw (q): "this work focuses on the development of …", "… is reported in this work", "we propose a new
    method", "the present work describes a new reaction" took the weaker review cues or a title's "insights
    into" on chemistry, materials and mathematics papers."""
    platform = view_of(
        "An electrocatalytic platform for quantification of fatty acid isomers in biofluids",
        "Positional isomers of alkenes are frequently transparent to the mass spectrometer. This work "
        "focuses "
        "on the development of a new reactive nano-electrospray platform that utilizes non-inert metal "
        "electrodes for rapid detection of fatty acids, with localization of the double bond.",
    )
    reported = view_of(
        "Azathioprine adsorption onto reduced graphene oxide electrodes",
        "The azathioprine adsorption onto screen-printed electrodes modified with reduced graphene oxide is "
        "reported in this work. Using cyclic voltammetry, an irreversible process at the interface is "
        "highlighted to take place.",
    )
    method = view_of(
        "The energy distance for scenario reduction",
        "Scenario reduction techniques are widely applied. We propose a new method for scenario reduction "
        "based on the energy distance. We discuss the choice of energy distance in detail, in comparison "
        "with the Wasserstein distance.",
    )
    reaction = view_of(
        "Asymmetric synthesis of furopyrrole derivatives: further insights into chiral phosphoric acid "
        "catalysts",
        "Multicomponent reactions imitate enzymatic machinery. In this context, the present work describes a "
        "new reaction for the asymmetric synthesis of furopyrrole derivatives with a dual catalytic system.",
    )
    for view in (platform, reported, method, reaction):
        assert rule_verdict(view)[0].study_type != "narrative_review", view.title
    # A review's conclusion that proposes a disease model is still a review's.
    proposal = view_of(
        "The prenatal phase of retinopathy of prematurity",
        "Retinopathy of prematurity has been considered a postnatal disease. We review the evidence that it "
        "begins in utero. We propose a novel aetio-pathogenetic model of the disease and discuss its "
        "implications for prevention.",
    )
    assert decide(proposal, review_model("utero")).study_type == "narrative_review"
