"""Human research that counts no one: people who did what the study asked are a study of people.

Psychology and education experiments on the dev split ("Children were asked to recall …", "participants
completed …") gave no counted participants and no statistics, so no design was inferred for them and they
were shown "Design not stated" although they plainly studied people.
"""

from __future__ import annotations

from osteodigest.crawler.models import Record
from osteodigest.crawler.tagging.design import decide
from osteodigest.crawler.tagging.hits import Hits
from osteodigest.crawler.tagging.model import DesignModel
from osteodigest.crawler.tagging.study_type import rule_verdict
from osteodigest.crawler.tagging.view import View, build_view

EXPERIMENT = (
    "Young children often learn facts about the world from picture books, yet books differ in whether they "
    "tell a realistic story or a fantastical one. Whether the genre changes what is remembered is not "
    "known. Children were asked to recall facts about animals from a realistic and from a fantastical "
    "book, read to them on separate days by the same adult. Recall of facts was better after the realistic "
    "book, and younger children more often mixed the two books up than older ones did, which suggests "
    "that realistic framing helps children keep facts apart."
)
#: The same abstract with nobody doing anything: the topic is children, but nothing says they took part.
ESSAY = EXPERIMENT.replace(
    "Children were asked to recall facts about animals from a realistic and from a fantastical book, read "
    "to them on separate days by the same adult.",
    "Picture books for children mix facts about animals with fantasy in many ways.",
)


def leaning(cross_sectional: float = 0.0, thresholds: dict[str, float] | None = None) -> DesignModel:
    """A model without weights over four inferable designs and "other", all equally likely but for
    ``cross_sectional``'s intercept."""
    return DesignModel(
        {
            "classes": ["case_control", "cohort", "cross_sectional", "qualitative", "other"],
            "intercept": [0.0, 0.0, cross_sectional, 0.0, 0.0],
            "weights": {},
            "thresholds": thresholds or {},
            "override": {},
        }
    )


#: Four inferable designs and "other", all equally likely: a spread the inference accepts only for an
#: abstract that surely studied people (its floor is then 0.20 of the inferable share, else 0.35).
SPREAD = leaning()


def view_of(title: str, abstract: str) -> View:
    return build_view([Record(source="t", source_id="1", title=title, abstract=abstract)])


def test_an_experiment_on_children_gets_an_inferred_design_without_counts_or_statistics():
    view = view_of("Preschoolers' learning from realistic and fantastical books", EXPERIMENT)
    verdict, research = rule_verdict(view)
    assert (verdict.study_type, research) == ("other", 0)
    decision = decide(view, SPREAD)
    assert decision.study_type in {"case_control", "cohort", "cross_sectional", "qualitative"}
    assert "design_inferred" in decision.flags


def test_an_abstract_about_children_that_studied_no_one_infers_nothing():
    view = view_of("Preschoolers' learning from realistic and fantastical books", ESSAY)
    assert rule_verdict(view)[1] == 0
    assert decide(view, SPREAD).study_type == "other"


def test_people_taking_part_are_told_from_people_talked_about():
    def acted(abstract: str) -> bool:
        return Hits(view_of("t", abstract)).abstract("signal.participants_acted") is not None

    assert acted("Participants completed a lexical decision task.")
    assert acted("Listeners were presented with sentences in noise.")
    assert acted("Adults (n = 24) were asked to rate each face.")
    assert not acted("Children with asthma are often asked about their symptoms.")
    assert not acted("Participants in earlier trials differed in age.")
    # People of any kind who filled in the study's instruments took part too.
    assert acted("A total of 1,512 secondary school students completed the questionnaire.")
    assert acted("Healthy volunteers (n = 50) completed a battery of neuropsychological tests.")
    assert not acted("Most patients completed chemotherapy before the trial began.")
    assert not acted("Students completed their training in 2019.")


def test_counted_people_who_received_the_studys_sessions_took_part():
    def took_part(abstract: str) -> bool:
        hits = Hits(view_of("t", abstract))
        return hits.abstract("signal.participants_received") is not None

    assert took_part(
        "Twenty adolescents aged 13-18 years with major depressive disorder received 10 daily sessions."
    )
    assert took_part("In all, 48 patients underwent two sessions of stimulation.")
    assert took_part(
        "Forty healthy young adults underwent functional magnetic resonance imaging during an n-back task."
    )
    assert took_part("In a within-subject design, 28 healthy volunteers learned emotional pictures.")
    assert took_part("Thirty participants performed a visual search task twice.")
    assert not took_part("Patients with depression often received several drugs before referral.")
    assert not took_part("Patients often underwent surgery in earlier series.")
    assert not took_part("Twenty adolescents took part.")


def test_neonates_studied_with_data_are_human_research():
    # "neonates" and "newborns" were not people to the inference: a dev cohort of asphyxiated neonates
    # with 103 digits of results was left "Design not stated".
    abstract = (
        "Birth asphyxia may impair myelination. We compared myelin water fraction on MRI between 40 neonates "
        "with birth asphyxia and 30 without at 4 to 6 weeks of age. Myelination was lower after asphyxia in "
        "the internal capsule (0.12 vs 0.15, p = 0.01) and the corpus callosum (0.08 vs 0.11, p = 0.02). "
        "Lower myelination went with a worse motor score at one year, and the difference persisted after "
        "adjustment for gestational age and birth weight."
    )
    decision = decide(
        view_of("Myelination may be impaired in neonates following birth asphyxia", abstract), SPREAD
    )
    assert decision.study_type in {"case_control", "cohort", "cross_sectional", "qualitative"}
    assert "design_inferred" in decision.flags


#: A psychology experiment with one sign of data ("the results revealed") and few digits: people counted as
#: the study's own ("we presented 30 adults") make it a study of people (train split: such experiments and
#: surveys were left "Design not stated").
COUNTED = (
    "Mental images are thought to reuse the eye movements made while looking. Whether images formed from "
    "sounds reuse the places where a conflicting picture was seen is not known. To test this, we presented "
    "30 adults with pictures paired with mismatching sounds and later asked them to imagine the object that "
    "each sound named. The results revealed that gaze returned to where the picture had been, and the "
    "mismatch did not slow the forming of the image, so eye movements may serve imagery flexibly."
)


#: A model that finds a cross-sectional study likelier than the other inferable designs (share 0.47).
LEANING = leaning(1.0)


def test_people_counted_as_the_studys_own_with_some_data_are_human_research():
    view = view_of("Gaze during imagery of sounds", COUNTED)
    verdict, research = rule_verdict(view)
    assert (verdict.study_type, research) == ("other", 1)
    decision = decide(view, LEANING)
    assert decision.study_type == "cross_sectional"
    assert "design_inferred" in decision.flags
    # Without the count, nothing says the adults were this study's.
    uncounted = view_of("Gaze during imagery of sounds", COUNTED.replace("30 adults", "adults"))
    assert decide(uncounted, LEANING).study_type == "other"
    # Nor do words that count animals and genes as well as people ("38 individuals" of a fish stock).
    fish = view_of("Gaze during imagery of sounds", COUNTED.replace("30 adults", "30 individuals"))
    assert decide(fish, LEANING).study_type == "other"


def test_an_observational_design_the_model_names_alone_is_flagged_as_inferred():
    # The model's own threshold for a cross-sectional study (calibrated on a few dev records) named designs
    # without the flag the inference sets, so a reader saw "Cross-sectional study" as if the text said so.
    confident = leaning(3.0, {"cross_sectional": 0.5})
    view = view_of("Gaze during imagery of sounds", COUNTED.replace("30 adults", "adults"))
    decision = decide(view, confident)
    assert decision.study_type == "cross_sectional"
    assert "design_inferred" in decision.flags
