"""Reviews of laboratory and animal topics: named "in vitro" or "animal" by their subjects' words alone.

On the bulk train split they were the largest family of missed narrative reviews ("Integrating microbes into
pollination", "Stingless bees and microbial interactions"): with no data of their own, the model may call
them reviews at a lower probability than it needs to overrule other rules, unless the abstract states
results of its own.
"""

from __future__ import annotations

from osteodigest.crawler.models import Record
from osteodigest.crawler.tagging.design import decide
from osteodigest.crawler.tagging.hits import Hits
from osteodigest.crawler.tagging.model import DesignModel
from osteodigest.crawler.tagging.study_type import rule_verdict
from osteodigest.crawler.tagging.view import View, build_view

MICROBES_REVIEW = (
    # No finding told as others' ("are thought to …"): that alone would keep it from laboratory work.
    "Bacteria and fungi living in the bone marrow niche may shape how osteoclasts and "
    "osteoblasts respond to inflammation. Cultured cells exposed to bacterial products release cytokines "
    "that favour resorption, and germ-free animals keep more trabecular bone. How far these observations "
    "carry over to people with osteoporosis is far from settled, and the prospects of probiotic "
    "treatment, the gaps in knowledge and the questions for future work are considered in turn."
)
OWN_RESULTS = (
    " These results suggest that bacterial products act on osteoclast precursors directly, not through "
    "the stromal cells that support them."
)


def view_of(title: str, abstract: str) -> View:
    return build_view([Record(source="t", source_id="1", title=title, abstract=abstract)])


def review_or(ruled: str, review_weight: float) -> DesignModel:
    """The rules' class, narrative review and other; the word "prospects" votes for the review. The model
    names a review alone at p >= 0.5 and overrules the rules at >= 0.95; ``review_weight`` 2.5 gives
    p = 0.86 (between the two), 1.2 gives p = 0.62."""
    return DesignModel(
        {
            "classes": [ruled, "narrative_review", "other"],
            "intercept": [0.0, 0.0, 0.0],
            "weights": {"a:prospects": [1, review_weight]},
            "thresholds": {"narrative_review": 0.5},
            "override": {"narrative_review": 0.95},
        }
    )


def test_a_review_of_a_laboratory_topic_is_a_review_below_the_override_threshold():
    view = view_of("Microbes and bone: a link through the osteoclast?", MICROBES_REVIEW)
    verdict, research = rule_verdict(view)
    assert (verdict.study_type, verdict.rule, research) == ("in_vitro", "in_vitro", 0)
    decision = decide(view, review_or("in_vitro", 2.5))
    assert decision.study_type == "narrative_review"
    assert decision.why is not None and decision.why.field == "model"
    # Less sure than the lab-topic threshold (0.65; p = 0.62 here): the laboratory verdict stands.
    assert decide(view, review_or("in_vitro", 1.2)).study_type == "in_vitro"


def test_an_abstract_that_states_results_of_its_own_keeps_its_laboratory_verdict():
    view = view_of("Microbes and bone: a link through the osteoclast?", MICROBES_REVIEW + OWN_RESULTS)
    verdict, research = rule_verdict(view)
    assert (verdict.study_type, research) == ("in_vitro", 0)
    assert decide(view, review_or("in_vitro", 2.5)).study_type == "in_vitro"


def test_an_animal_topic_without_data_gets_the_same_lower_threshold():
    abstract = (
        "The ovariectomised rat and mouse have long served as models of postmenopausal bone loss, and "
        "rodents respond to oestrogen withdrawal much as women do. Yet mice lack Haversian remodelling, so "
        "the prospects and limits of each model are weighed for readers planning preclinical work."
    )
    view = view_of("Rodent models of osteoporosis", abstract)
    verdict, research = rule_verdict(view)
    assert (verdict.study_type, verdict.rule, research) == ("animal", "animal_first", 0)
    assert decide(view, review_or("animal", 2.5)).study_type == "narrative_review"


def test_one_counted_figure_does_not_keep_a_review_of_a_laboratory_topic_from_being_one():
    """A review may quote one figure ("40 samples of marrow"): research signal 1, no data of its own. On
    the train split three publisher-typed reviews of laboratory topics were held back by that one figure."""
    abstract = MICROBES_REVIEW + " One series found bacterial DNA in 40 samples of marrow."
    view = view_of("Microbes and bone: a link through the osteoclast?", abstract)
    verdict, research = rule_verdict(view)
    assert (verdict.study_type, verdict.rule, research) == ("in_vitro", "in_vitro", 1)
    assert decide(view, review_or("in_vitro", 2.5)).study_type == "narrative_review"


def test_a_first_person_commentary_still_needs_the_override_threshold():
    """Only the laboratory- and animal-subject rules get the lower threshold: "we argue" stays a
    commentary unless the model overrules it at its full override threshold."""
    abstract = (
        "Fracture liaison services are praised in every guideline, yet few hospitals fund them. We argue "
        "that the prospects of such services depend less on evidence than on who pays for the nurse, and "
        "that payers should be asked to share the savings they make on second fractures."
    )
    view = view_of("Who pays for fracture liaison?", abstract)
    verdict, research = rule_verdict(view)
    assert (verdict.study_type, research) == ("commentary", 0)
    assert decide(view, review_or("commentary", 2.5)).study_type == "commentary"


def test_results_of_ones_own_are_told_from_results_of_others():
    def own(abstract: str) -> bool:
        return Hits(view_of("t", abstract)).abstract("narrative.own_results") is not None

    assert own("These results suggest a role for the receptor.")
    assert own("Here, we show that the receptor is cleaved.")
    assert own("The present data indicate a dose effect.")
    assert not own("Recent studies show that the receptor is cleaved.")
    assert not own("Results of earlier trials suggest a dose effect.")
