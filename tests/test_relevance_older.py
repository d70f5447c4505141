"""The relevance stage on older MEDLINE wordings (1970s and 80s records, often a title and NLM's indexing
with no abstract): each rule written for them, on hand-made records in the style of that literature, and
the cases each rule must leave alone."""

from __future__ import annotations

import pytest
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.topics import load_topics

from tests.tagging_helpers import rec


@pytest.fixture(scope="module")
def stage() -> RelevanceStage:
    return RelevanceStage(load_topics())


def decision(stage: RelevanceStage, topic: str, title: str) -> str:
    """The stage's decision on a title-only record, as most older MEDLINE records are."""
    return stage.assess(rec(title))[topic].decision


# --------------------------------------------------------------------------------------------------
# Context rules reach the decision on a title alone
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title",
    [
        "Fractures in the elderly",
        "Femoral fractures in the elderly",
        "Fractures of the femur in elderly patients",
    ],
)
def test_a_fracture_of_older_people_is_about_osteoporosis_with_no_other_word(stage, title):
    # The context rule's general word used to pass the prefilter only beside another term of the topic.
    assert decision(stage, "osteoporosis", title) == "about"


@pytest.mark.parametrize(
    "title",
    [
        "Fractures of the neck of the talus",  # no cue of age
        "Rehabilitation of hospitalized elderly patients after rib fractures",  # chest trauma
        "Forearm fractures in older children and adolescents",  # a cue of age, of children
        "Fractures of older patients as markers of elder abuse",  # trauma, another stated cause
    ],
)
def test_a_general_word_without_its_cue_or_with_another_cause_is_no_word_of_the_topic(stage, title):
    assert decision(stage, "osteoporosis", title) == "none"


# --------------------------------------------------------------------------------------------------
# Older wordings of the topics' names
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("topic", "title"),
    [
        ("osteoporosis", "Fractures of the neck of femur in the elderly"),
        ("osteoporosis", "Fracture of neck of femur: results of primary arthroplasty"),
        ("osteoporosis", "Subcapital fractures of the femur treated with a sliding nail"),
        ("osteoporosis", "[Cervical fractures of the femur in the aged (author's transl)]"),
        ("osteoporosis", "Fractures about the hip: a ten-year review"),
        ("osteoporosis", "Osteopaenia in long-stay patients"),
        ("osteonecrosis", "Necrosis of the head of the femur after renal transplantation"),
        ("osteonecrosis", "Aseptic bone necrosis in compressed-air workers"),
        ("osteonecrosis", "Necrosis of the femoral capital epiphysis in children"),
    ],
)
def test_an_older_wording_names_the_topic_in_a_title(stage, topic, title):
    assert decision(stage, topic, title) == "about"


@pytest.mark.parametrize(
    ("topic", "title", "expected"),
    [
        # A hip fracture with another stated cause stays a mention, in the older wording too.
        ("osteoporosis", "Subcapital fractures of the femur in children", "mentions"),
        ("osteoporosis", "Fractures of the neck of femur after high-energy trauma", "mentions"),
        # Necrosis of bone names the topic less than osteonecrosis does: the sequestrum of osteomyelitis.
        ("osteonecrosis", "Chronic osteomyelitis with necrosis of bone", "mentions"),
    ],
)
def test_an_older_wording_keeps_the_topics_sense_rules_and_weights(stage, topic, title, expected):
    assert decision(stage, topic, title) == expected


# --------------------------------------------------------------------------------------------------
# Bone mass of ageing, the menopause or disuse; fractures of "the aged"
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title",
    [
        "Bone mass and ageing",
        "Loss of bone in the aged",
        "Skeletal mass after oophorectomy",
        "Bone mass in postmenopausal women",
        "Loss of bone during prolonged bed rest",
        "Fractures in the aged",
        "Fractures in old people: a survey",
        "Bone resorption after oophorectomy",
        "Bone turnover in postmenopausal women",
    ],
)
def test_bone_mass_of_ageing_and_fractures_of_the_aged_are_about_osteoporosis(stage, title):
    assert decision(stage, "osteoporosis", title) == "about"


@pytest.mark.parametrize(
    "title",
    [
        "Wnt signalling controls bone mass",  # bone biology, no cue
        "High bone mass with age in knockout mice",  # a genetic model's phenotype
        "Loss of bone around dental implants with ageing",  # dental
        "Loss of bone stock at revision of hip prostheses in older women",  # a local defect
        "Bone resorption in periodontal disease with age",  # dental
        "Bone resorption around loosened prostheses in the elderly",  # around an implant
        "Bone remodeling in osteoclast cultures",  # bone biology, no cue
    ],
)
def test_bone_mass_elsewhere_is_no_word_of_the_topic(stage, title):
    assert decision(stage, "osteoporosis", title) == "none"


# --------------------------------------------------------------------------------------------------
# A weak fracture term beside the cue of older people weighs as a fracture of older people
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Vertebral crush fractures in elderly women", "about"),
        ("Colles fracture in elderly women", "about"),
        ("Vertebral fractures in the aged", "about"),
        # Alone, a crush or vertebral fracture may have any cause: a mention.
        ("Vertebral crush fractures", "mentions"),
        # With another stated cause it stays a mention, never dropped as a general word.
        ("Vertebral fractures after high-energy trauma in elderly patients", "mentions"),
    ],
)
def test_a_weak_fracture_term_of_older_people_weighs_as_their_fracture(stage, title, expected):
    assert decision(stage, "osteoporosis", title) == expected


# --------------------------------------------------------------------------------------------------
# Greek plurals of translated titles
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("topic", "title"),
    [
        ("osteonecrosis", "[Aseptic necroses of bone (author's transl)]"),
        ("osteonecrosis", "Avascular necroses of the femoral head in renal transplant recipients"),
        ("osteoporosis", "[Osteoporoses of old age (author's transl)]"),
    ],
)
def test_a_greek_plural_names_the_topic(stage, topic, title):
    assert decision(stage, topic, title) == "about"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Vertebral collapse in old age", "about"),
        ("Fractures of the trochanteric region in the elderly", "about"),
        # Vertebral collapse alone, or of a tumour, is no word of the topic.
        ("Vertebral collapse", "none"),
        ("Vertebral collapse due to metastases in elderly patients", "none"),
    ],
)
def test_vertebral_collapse_is_a_fracture_of_older_people_only_beside_its_cue(stage, title, expected):
    assert decision(stage, "osteoporosis", title) == expected
