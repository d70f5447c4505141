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
    "terms",
    [
        # Whichever stems the prefilter's cover picks for these terms, a Greek plural passes it ("necros",
        # never "necrosis"): adding two terms once made it pick "necrosis" and drop "avascular necroses".
        ["avascular necrosis", "femoral head necrosis", "exposed bone"],
        ["avascular necrosis"],
        ["necrosis of the lunate", "lunate necrosis", "necrosis"],
    ],
)
def test_the_prefilter_lets_a_greek_plural_through_whatever_stems_it_picks(tmp_path, terms):
    topics = tmp_path / "topics.toml"
    listed = ", ".join(f'"{t}"' for t in terms)
    topics.write_text(f'[topics.necrosis]\npubmed_query = "necrosis"\nterms = [{listed}]\n', encoding="utf-8")
    stage = RelevanceStage([t for t in load_topics(topics) if t.name == "necrosis"])
    plural = terms[0].replace("necrosis", "necroses")
    title = f"{plural.capitalize()} in renal transplant recipients"
    assert stage.assess(rec(title))["necrosis"].decision == "about"


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


# --------------------------------------------------------------------------------------------------
# The older literature's other names for older patients; middle age is not old age
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Fractures in aged patients", "about"),
        ("Fractures in octogenarians", "about"),
        ("Forearm fractures in women over 65 years of age", "about"),
        ("Fractures in patients over the age of 70", "about"),
        # A share is no age, and an old fracture no fracture of the old.
        ("Fractures united in over 65% of cases after plating", "none"),
        ("A very old fracture of the scaphoid", "none"),
        ("Fractures in post-menopausal women", "about"),
        ("Fractures among residents of homes for the aged", "about"),
        # "aged women" inside "middle-aged women" is no cue of old age (a hyphen is a word boundary).
        ("Fractures in middle-aged women", "none"),
        ("Fractures in middle aged men", "none"),
        # ... but a second cue of the same sentence still is.
        ("Fractures in middle-aged and elderly women", "about"),
        # One aged patient with a fracture, and "senile" of a dementia, are no fractures of older people
        # (benchmarks/gold/relevance_judged.tsv judges this nursing case n).
        ("Nursing of an aged patient with a fracture and senile dementia", "none"),
    ],
)
def test_older_names_of_older_patients_cue_their_fractures(stage, title, expected):
    assert decision(stage, "osteoporosis", title) == expected


# --------------------------------------------------------------------------------------------------
# Low bone mass of the other causes the criteria name: gonads, disuse, glucocorticoids
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title",
    [
        "Bone mass after ovariectomy in the rat",
        "Bone resorption after orchidectomy in rats",
        "Decreased bone mass in anorexia nervosa",
        "Bone mass in amenorrhoeic athletes",
        "Bone mass in paraplegia",
        "Bone turnover in hemiplegic patients",
        "Trabecular bone volume during hypokinesia in rats",
        "Skeletal mineral in paraplegic patients",
        "Loss of bone in patients on long-term corticosteroid therapy",
        "Bone mineral in the elderly",
    ],
)
def test_bone_mass_of_the_gonads_disuse_or_glucocorticoids_is_about_osteoporosis(stage, title):
    assert decision(stage, "osteoporosis", title) == "about"


@pytest.mark.parametrize(
    "title",
    [
        "Bone mass in young athletes",  # no cause of low bone mass
        "Bone volume around dental implants in the elderly",  # dental
        "Trabecular bone volume in knockout mice after ovariectomy",  # a genetic model's phenotype
        "Bone mineral of fossil teeth",  # no cue
    ],
)
def test_the_new_bone_mass_words_keep_the_other_senses(stage, title):
    assert decision(stage, "osteoporosis", title) in ("none", "mentions")


# --------------------------------------------------------------------------------------------------
# Older names of other diseases
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Metabolic bone disease named with osteomalacia, rickets or the parathyroids is that disease.
        ("Metabolic bone disease after gastrectomy: osteomalacia in 12 patients", "mentions"),
        ("Metabolic bone disease in renal osteodystrophy", "mentions"),
        ("Metabolic bone disease of prematurity", "about"),
        ("Metabolic bone disease in the elderly", "about"),
        # The lytic phase of Paget's disease of the skull, and the regional osteoporosis of Sudeck's atrophy.
        ("Osteoporosis circumscripta of the skull", "mentions"),
        ("Sudeck's atrophy: osteoporosis after fractures of the wrist", "mentions"),
        ("Osteoporosis after fractures of the wrist", "about"),
    ],
)
def test_older_names_of_other_bone_diseases_are_mentions(stage, title, expected):
    assert decision(stage, "osteoporosis", title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Caisson disease of bone", "about"),
        ("Bone lesions of caisson disease in tunnel workers", "about"),
        ("Aseptic bone necrosis in caisson disease", "about"),
        # Decompression sickness as a whole (the bends, its neurological forms) is not osteonecrosis.
        ("Caisson disease in tunnel workers", "none"),
        ("Decompression sickness in divers: neurological forms", "none"),
    ],
)
def test_caisson_disease_is_osteonecrosis_only_of_bone(stage, title, expected):
    assert decision(stage, "osteonecrosis", title) == expected


# --------------------------------------------------------------------------------------------------
# One sense per discourse, read back to a short title
# --------------------------------------------------------------------------------------------------
_METASTASES = (
    "Zoledronic acid was given every four weeks to 40 patients with bone metastases of breast carcinoma. "
    "Pain fell in 30. We conclude that zoledronic acid relieves the pain of skeletal metastases."
)


def test_a_title_term_the_abstract_uses_only_in_another_sense_means_that_in_the_title(stage):
    result = stage.assess(rec("Zoledronic acid: experience in 40 patients", _METASTASES))["osteoporosis"]
    assert result.decision == "mentions"
    title = [e for e in result.evidence if e.field == "title"]
    assert title and all(e.status == "other_sense" for e in title)
    assert "against cancer" in title[0].note


def test_a_title_term_the_abstract_also_uses_plainly_keeps_counting(stage):
    plain = _METASTASES.replace("relieves the pain of skeletal metastases", "is safe")
    result = stage.assess(rec("Zoledronic acid: experience in 40 patients", plain))["osteoporosis"]
    assert result.decision == "about"
    assert [e.status for e in result.evidence if e.field == "title"] == ["counts"]


# --------------------------------------------------------------------------------------------------
# The older literature's conclusion: "It is concluded that …", not always the last sentence
# --------------------------------------------------------------------------------------------------
def test_it_is_concluded_states_the_conclusion_before_the_last_sentence(stage):
    abstract = (
        "Osteoporosis was produced in adult rats by a diet low in calcium. Femoral ash weight and cortical "
        "thickness were measured after 12 weeks. Both fell by a fifth. It is concluded that a diet low in "
        "calcium causes osteoporosis in the adult rat. Younger rats were not studied."
    )
    result = stage.assess(rec("Effects of a diet low in calcium in adult rats", abstract))["osteoporosis"]
    assert result.decision == "about"
    assert [e.field for e in result.evidence] == ["frame", "conclusion"]


# --------------------------------------------------------------------------------------------------
# An age in years before a cue of older people: "70-year-old" people are older people, "20-year-old" not
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Fractures in 70-year-old people", "about"),
        ("Fractures in 75-year-old women", "about"),
        ("Fractures in old women", "about"),
        # "old people" inside "20-year-old people" said old age before the age was read.
        ("Fractures in 20-year-old people", "none"),
        ("Fractures in 30 year old men", "none"),
        # An age is no fracture: the cue alone names nothing.
        ("Sports injuries in 70-year-old people", "none"),
        # Women after the menopause, however named, with a fracture.
        ("Vertebral fractures in postmenopausal diabetics", "about"),
    ],
)
def test_an_age_in_years_decides_whether_old_people_are_older_people(stage, title, expected):
    assert decision(stage, "osteoporosis", title) == expected


# --------------------------------------------------------------------------------------------------
# The bones under disuse: the older literature's disuse osteoporosis
# --------------------------------------------------------------------------------------------------
_HYPOKINESIA = (
    "Rats kept in small cages for 60 days lost 15 per cent of the density of the femur. Histological "
    "examination showed osteoporosis of the cortex. Static loading of the legs may prevent these changes."
)


def test_bones_under_disuse_with_the_disease_in_the_abstract_are_about_osteoporosis(stage):
    title = "Changes in the femoral bones of rats in hypokinesia"
    result = stage.assess(rec(title, _HYPOKINESIA))["osteoporosis"]
    assert result.decision == "about"
    counted = [(e.field, e.term) for e in result.evidence if e.weight]
    # The title's word (0.75 x 4) and the disease in the results (1) reach the threshold together.
    assert counted == [("title", "bones"), ("abstract", "osteoporosis")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The word names the subject less than the disease: alone it is a mention.
        ("Changes in the femoral bones of rats in hypokinesia", "mentions"),
        ("The skeleton in weightlessness", "mentions"),
        # Bone marrow is another tissue; bone without a cue of disuse is no word of the topic; a limb
        # immobilised after surgery is no disuse model.
        ("Bone marrow cells of rats in hypokinesia", "none"),
        ("Bone grafts in the hand", "none"),
        ("Bone grafting of enchondromas and postoperative immobilization", "none"),
    ],
)
def test_bones_under_disuse_alone_are_a_mention_and_other_bone_words_nothing(stage, title, expected):
    assert decision(stage, "osteoporosis", title) == expected


# --------------------------------------------------------------------------------------------------
# Older wordings: rarefaction of bone
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "title", ["Rarefaction of bone in the aged", "[Rarefaction of the skeleton in old age]"]
)
def test_rarefaction_of_bone_names_osteoporosis(stage, title):
    assert decision(stage, "osteoporosis", title) == "about"


# --------------------------------------------------------------------------------------------------
# The older measures of bone mass on radiographs, beside a cue of age, the menopause or disuse
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Metacarpal cortical thickness in elderly women", "about"),
        ("Radiogrammetry of the metacarpals in postmenopausal women", "about"),
        ("Singh index and metacarpal cortex in old age", "about"),
        # Without the cue they measure growth or another disease's bones: no word of the topic.
        ("Radiogrammetry of the metacarpals in children", "none"),
        ("Metacarpal index in Marfan syndrome", "none"),
    ],
)
def test_radiographic_measures_of_bone_mass_name_osteoporosis_beside_their_cue(stage, title, expected):
    assert decision(stage, "osteoporosis", title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Juvenile osteochondrosis of the hip", "about"),
        ("Osteochondrosis of the capital femoral epiphysis: results of treatment", "about"),
        ("Osteochondrosis of the lunate", "about"),
        # Osteochondrosis of other sites (Osgood-Schlatter, Scheuermann) is no osteonecrosis.
        ("Osteochondrosis of the tibial tubercle (Osgood-Schlatter disease)", "none"),
        ("Vertebral osteochondrosis in adolescents", "none"),
    ],
)
def test_osteochondrosis_of_the_femoral_head_or_lunate_is_osteonecrosis(stage, title, expected):
    assert decision(stage, "osteonecrosis", title) == expected


# --------------------------------------------------------------------------------------------------
# The older abstract opens on what the study did, not on what is known
# --------------------------------------------------------------------------------------------------
_FLUORIDE = (
    "Forty patients with osteoporosis {} with sodium fluoride and calcium for five years. Iliac crest "
    "biopsies showed more trabecular bone. Side effects were mainly gastric and articular."
)


@pytest.mark.parametrize(
    ("said", "role", "expected"),
    [
        # What the study did to its own subjects states its subject: it weighs like the aim.
        ("were treated", "objective", "about"),
        ("received treatment", "objective", "about"),
        # What is known (present tense) is the background.
        ("are often treated", "background", "mentions"),
    ],
)
def test_an_opening_that_reports_the_studys_design_weighs_like_the_aim(stage, said, role, expected):
    record = rec("Treatment with sodium fluoride and calcium: a five-year study", _FLUORIDE.format(said))
    result = stage.assess(record)["osteoporosis"]
    assert [e.field for e in result.evidence if e.term == "osteoporosis"] == [role]
    assert result.decision == expected


def test_a_one_sentence_abstract_is_not_read_as_an_aim(stage):
    record = rec("Sodium fluoride in practice", "Forty patients with osteoporosis were treated.")
    assert [e.field for e in stage.assess(record)["osteoporosis"].evidence] == ["title", "background"]


# --------------------------------------------------------------------------------------------------
# Every wording of the hip fracture keeps the rule of fractures with another stated cause
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Fractures of the femoral neck in children", "mentions"),
        ("Fractures of the femoral neck in young adults", "mentions"),
        ("Pathological fractures of the femoral neck due to metastases", "mentions"),
        ("Stress fractures of the femoral neck in military recruits", "mentions"),
        ("Hip fractures in epileptic patients during seizures", "mentions"),
        ("Intertrochanteric fracture in Paget's disease", "mentions"),
        ("Fractured neck of femur after a traffic accident", "mentions"),
        # Without another cause they name the topic, as before.
        ("Fractures of the femoral neck: internal fixation", "about"),
        ("Intertrochanteric fractures: a comparison of fixation devices", "about"),
    ],
)
def test_each_hip_fracture_wording_with_another_cause_is_a_mention(stage, title, expected):
    assert decision(stage, "osteoporosis", title) == expected


# --------------------------------------------------------------------------------------------------
# Session of 2026-12-07 (forty-sixth): more older wordings, from the standard on hand-made titles
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("topic", "title", "expected"),
    [
        # Perthes' and Kienboeck's diseases as "osteochondritis" of their bones; radiation osteitis.
        ("osteonecrosis", "Osteochondritis of the lunate", "about"),
        ("osteonecrosis", "Osteochondritis of the femoral head in children", "about"),
        ("osteonecrosis", "Radiation osteitis of the mandible", "about"),
        # Osteochondritis dissecans is no osteonecrosis, whatever the bone.
        ("osteonecrosis", "Osteochondritis dissecans of the femoral head", "none"),
        ("osteonecrosis", "Osteochondritis dissecans of the knee in adolescents", "none"),
    ],
)
def test_osteochondritis_of_the_lunate_or_femoral_head_and_radiation_osteitis_are_osteonecrosis(
    stage, topic, title, expected
):
    assert decision(stage, topic, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Collapse of vertebrae in old age", "about"),
        ("Collapsed vertebrae in elderly women", "about"),
        # Without a cue of old age the collapse may be a tumour's or an infection's.
        ("Collapse of vertebrae due to metastases", "none"),
    ],
)
def test_collapsed_vertebrae_of_older_people_in_either_word_order_are_fragility_fractures(
    stage, title, expected
):
    assert decision(stage, "osteoporosis", title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Loss of bone after gastrectomy", "about"),
        ("Bone mass in patients on long-term heparin", "about"),
        ("Bone mineral in children treated with anticonvulsants", "about"),
        # The drug alone, with no bone mass studied, is no word of the topic.
        ("Heparin and bone: a review of anticoagulant pharmacology", "none"),
        ("Long-term heparin in pregnancy and the risk of bleeding", "none"),
    ],
)
def test_bone_mass_under_a_drug_or_after_gastric_surgery_is_about_osteoporosis(stage, title, expected):
    assert decision(stage, "osteoporosis", title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Hip protectors in nursing homes", "about"),
        ("Thyroxine therapy and bone mass", "about"),
        ("Bone mass in patients on corticosteroids", "about"),
        # A glucocorticoid receptor knocked out in mice keeps its genetic model's sense.
        ("Bone mineral density in glucocorticoid receptor knockout mice", "mentions"),
    ],
)
def test_hip_protectors_and_bone_mass_under_glucocorticoids_or_thyroxine_are_about_osteoporosis(
    stage, title, expected
):
    assert decision(stage, "osteoporosis", title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Jaw necrosis in patients receiving bisphosphonates", "about"),
        ("Late segmental collapse after femoral neck fracture", "about"),
        ("Bone necrosis in divers", "about"),
        ("Bone lesions in compressed air workers", "about"),
        # Elsewhere a segmental collapse is the lung's, bone necrosis an osteomyelitis's sequestrum, and
        # divers have other complaints.
        ("Segmental collapse of the lung", "none"),
        ("Necrosis of bone in chronic osteomyelitis", "mentions"),
        ("Hearing loss in divers", "none"),
    ],
)
def test_jaw_necrosis_a_collapsed_head_after_a_neck_fracture_and_divers_bone_necrosis_are_osteonecrosis(
    stage, title, expected
):
    assert decision(stage, "osteonecrosis", title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Skeletal changes after the menopause", "about"),
        ("Calcium and the aging skeleton", "about"),
        ("Forearm fractures and bone mass", "about"),
        # Skeletal muscle, a forensic skeleton's age and children's fractures are not the disease.
        ("Skeletal muscle changes after the menopause", "none"),
        ("Age estimation from the skeleton", "none"),
        ("Forearm fractures in children", "none"),
    ],
)
def test_the_skeleton_after_the_menopause_and_bone_mass_beside_forearm_fractures_are_osteoporosis(
    stage, title, expected
):
    assert decision(stage, "osteoporosis", title) == expected


# --------------------------------------------------------------------------------------------------
# Judged probes of 1965-2010 wordings (benchmarks/probes.py): the rules written from them
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("topic", "title"),
    [
        (
            "osteoporosis",
            "Dashboard injury: fracture of the femoral neck with fracture of the patella in motorists",
        ),
        (
            "osteoporosis",
            "Fractures of the femoral neck after pelvic irradiation for carcinoma of the cervix",
        ),
        ("osteoporosis", "Femoral neck fractures in the young adult"),
        (
            "osteoporosis",
            "Skeletal changes in thalassaemia major: widening of the medullary spaces, cortical thinning and "
            "osteoporosis",
        ),
        (
            "osteoporosis",
            "Radiological features of renal osteodystrophy: subperiosteal erosion, osteosclerosis and "
            "osteopenia",
        ),
        ("osteonecrosis", "Multiple epiphyseal dysplasia mistaken for bilateral Perthes' disease"),
        ("osteoporosis", "Subtrochanteric fractures of the femur from low-velocity gunshot wounds"),
        (
            "osteoporosis",
            "Once-daily teriparatide compared with calcitriol in adults with hypoparathyroidism",
        ),
        ("osteoporosis", "Vertebral fractures in ankylosing spondylitis after minor trauma"),
        (
            "osteoporosis",
            "Segmental bone loss in open tibial fractures: reconstruction by Ilizarov bone transport",
        ),
        ("osteoporosis", "Fractures of the femoral neck in immature dogs"),
        (
            "osteoporosis",
            "Presentation of coeliac disease in adults: anaemia, diarrhoea, weight loss, osteoporosis and "
            "infertility",
        ),
        (
            "osteoporosis",
            "[Spinal injuries in paragliding accidents: thoracolumbar vertebral fractures in pilots]",
        ),
        (
            "osteoporosis",
            "Alendronate in the prevention of collapse of the femoral head in nontraumatic osteonecrosis",
        ),
        (
            "osteoporosis",
            "Teriparatide as an adjunct for a recalcitrant humeral shaft nonunion: a case report",
        ),
        (
            "osteoporosis",
            "Bisphosphonate therapy for bone lesions of Langerhans cell histiocytosis in children",
        ),
        (
            "osteonecrosis",
            "Ulnar impaction syndrome: MR imaging findings and distinction from Kienbock disease",
        ),
        (
            "osteoporosis",
            "Denosumab in patients with giant-cell tumour of bone: an open-label, phase 2 study",
        ),
        (
            "osteoporosis",
            "Alendronate reduces periprosthetic bone loss after cemented total hip arthroplasty",
        ),
        ("osteoporosis", "Percutaneous vertebroplasty for aggressive vertebral hemangiomas"),
        ("osteoporosis", "Bone density in Hounsfield units at implant sites in the posterior maxilla"),
        ("osteoporosis", "Hand DXA of periarticular bone density as a predictor of erosive progression"),
        (
            "osteoporosis",
            "Functional gains after inpatient rehabilitation: a comparison of stroke, hip fracture and "
            "lower-limb amputation",
        ),
        (
            "osteoporosis",
            "Conservative versus surgical management of bisphosphonate-associated osteonecrosis of the jaws",
        ),
        (
            "osteonecrosis",
            "Meyer dysplasia of the femoral head: a developmental variant to be distinguished from "
            "Legg-Calve-Perthes disease",
        ),
        # The topic's drugs for other diseases, and fractures of other causes (the seventh probe round).
        ("osteoporosis", "Denosumab for recurrent aneurysmal bone cysts of the spine in children"),
        ("osteoporosis", "Teriparatide as an adjunct to periodontal flap surgery in chronic periodontitis"),
        ("osteoporosis", "Alendronate in early Legg-Calve-Perthes disease: femoral head sphericity"),
        ("osteoporosis", "Femoral neck fracture after hip resurfacing arthroplasty: a registry study"),
        ("osteoporosis", "Internal fixation of displaced femoral neck fractures in adults under 50"),
        ("osteoporosis", "Vertebroplasty for vertebral compression fractures in patients with cancer"),
        # ... and of the eighth (w13).
        ("osteoporosis", "Adjuvant zoledronic acid and disease-free survival in early breast cancer"),
        ("osteoporosis", "Pamidronate versus etidronate for hypercalcaemia of malignancy"),
        ("osteoporosis", "Fractures of the femoral neck and shaft of the same femur treated with one nail"),
        ("osteoporosis", "Bone mineral density and cardiovascular mortality in older men"),
    ],
)
def test_a_term_of_another_cause_a_disease_s_signs_or_a_misdiagnosis_is_not_the_subject(stage, topic, title):
    assert decision(stage, topic, title) != "about"


@pytest.mark.parametrize(
    ("topic", "title"),
    [
        ("osteoporosis", "Colles' fracture in women over sixty: results of conservative treatment"),
        ("osteoporosis", "Calcium balance and os calcis mineral loss in the Skylab astronauts"),
        ("osteonecrosis", "[Caisson osteoarthropathy: late findings in tunnel workers]"),
        ("osteoporosis", "Early supported discharge of older people after surgical repair of a broken hip"),
        ("osteoporosis", "[Fractures after simple falls in persons aged 50 years and over]"),
        ("osteonecrosis", "Transient painful demineralisation of the hip in middle-aged men"),
        (
            "osteoporosis",
            "Proton pump inhibitors and the risk of hip and other fractures: a case-control study",
        ),
        # A list after a colon that holds other words of the topic is the topic's own list.
        ("osteoporosis", "Bone health in older women: osteoporosis, falls and fractures"),
        ("osteonecrosis", "Kienbock disease: MR imaging findings and the distinction from ulnar impaction"),
        (
            "osteonecrosis",
            "Conservative versus surgical management of bisphosphonate-associated osteonecrosis of the jaws",
        ),
        ("osteonecrosis", "[Koehler's second disease: late results after resection of the metatarsal head]"),
        (
            "osteoporosis",
            "Metabolic bone disease in very low birthweight infants fed human milk: radiological rickets and "
            "fractures",
        ),
        # Transient (regional migratory) osteoporosis: bone marrow oedema syndrome and regional bone loss.
        ("osteoporosis", "Transient osteoporosis of the hip: MR findings in six patients"),
        ("osteonecrosis", "Transient osteoporosis of the hip: MR findings in six patients"),
        ("osteoporosis", "Regional migratory osteoporosis of the lower limbs"),
        # A list of the skeleton's changes that holds other words of the topic is the topic's own list.
        (
            "osteoporosis",
            "Skeletal changes after the menopause: bone loss, vertebral fractures and osteoporosis",
        ),
    ],
)
def test_older_wordings_of_the_subject_found_by_the_probes(stage, topic, title):
    assert decision(stage, topic, title) == "about"


def test_the_disease_as_the_indication_of_a_drug_whose_harm_is_studied_is_a_mention(stage):
    abstract = (
        "PURPOSE: To describe osteonecrosis of the jaws in patients receiving oral bisphosphonates, most of "
        "them for osteoporosis. RESULTS: Thirty patients were identified. The indication was postmenopausal "
        "osteoporosis in 25. CONCLUSION: Jaw osteonecrosis follows long use, often after extractions."
    )
    result = stage.assess(rec("Osteonecrosis of the jaws after oral bisphosphonates: 30 cases", abstract))
    assert result["osteonecrosis"].decision == "about"
    osteoporosis = result["osteoporosis"]
    assert osteoporosis.decision == "mentions" and osteoporosis.score == 0
    named = [e for e in osteoporosis.evidence if "osteoporosis" in e.phrase]
    assert len(named) == 2 and {e.note for e in named} == {"the indication of a drug whose harm is studied"}


def test_bisphosphonates_to_avoid_in_hypophosphatasia_are_a_mention(stage):
    abstract = (
        "OBJECTIVE: To describe adults with hypophosphatasia. RESULTS: Nine had stress fractures. "
        "CONCLUSIONS: Low alkaline phosphatase should be sought before bisphosphonates are started in adult "
        "hypophosphatasia."
    )
    result = stage.assess(rec("Adult hypophosphatasia: features and treatment in 20 patients", abstract))
    assert result["osteoporosis"].score == 0
    assert [e.status for e in result["osteoporosis"].evidence] == ["other_sense"]
