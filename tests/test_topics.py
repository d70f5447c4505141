"""The local topic matcher on real titles and abstracts: PubMed bone records must match, journal feeds of
other fields must not, and abbreviations with another meaning must not fool it."""

from __future__ import annotations

import re

import feedparser
import pytest
from osteodigest.crawler.errors import ConfigError
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.topics import Topic, TopicMatcher, is_abbreviation, load_topics

from tests.conftest import fixture_path


@pytest.fixture(scope="module")
def matcher() -> TopicMatcher:
    return TopicMatcher(load_topics())


@pytest.fixture(scope="module")
def bone_records() -> dict[str, object]:
    return {r.pmid: r for r in parse_medline(fixture_path("pubmed", "bone_topic_subset.xml"))}


#: Real PubMed titles (bone_topic_subset.xml) and the topic each must be filed under on its title alone.
POSITIVE_TITLES = {
    "34088323": "osteonecrosis",  # avascular necrosis of the femoral head
    "34092542": "osteonecrosis",  # medication-related osteonecrosis of the jaws
    "34095295": "osteonecrosis",  # ... of the Jaw (MRONJ)
    "33939272": "osteonecrosis",  # glucocorticoid-induced osteonecrosis
    "34087895": "osteonecrosis",  # "osteonecrosis of the femeral head" (sic)
    "409255": "osteonecrosis",  # Aseptic necrosis
    "424787": "osteonecrosis",  # Aseptic (avascular) necrosis of the femoral head
    "34083636": "osteoporosis",  # Denosumab versus romosozumab
    "34087881": "osteoporosis",  # vertebroplasty, osteoporotic vertebral compression fractures
    "34089098": "osteoporosis",  # bisphosphonate, atypical femoral fracture, Fracture Liaison Service
    "34089424": "osteoporosis",  # FRAX-based intervention thresholds
    "34094860": "osteoporosis",  # trabecular bone score and bone mineral density
    "34095361": "osteoporosis",  # osteopenic postmenopausal woman
    "422605": "osteoporosis",  # intertrochanteric hip fractures (plural)
}


@pytest.mark.parametrize(("pmid", "topic"), sorted(POSITIVE_TITLES.items()))
def test_real_bone_titles_match_their_topic(matcher, bone_records, pmid, topic):
    record = bone_records[pmid]
    assert topic in matcher.matches(record.title), record.title


def test_real_abstracts_rescue_titles_without_a_term(matcher, bone_records):
    # A hip fracture-dislocation case: only the abstract names the avascular necrosis it risks.
    record = bone_records["32649158"]
    assert matcher.matches(record.title) == {}
    assert "osteonecrosis" in matcher.matches(record.title, record.abstract)


def test_off_topic_bone_titles_are_not_matched(matcher, bone_records):
    # Real records in the bone subset that are about neither topic.
    starts = ("Regional anesthesia in the time", "Baicalein")
    off_topic = [r for r in bone_records.values() if r.title.startswith(starts)]
    assert len(off_topic) == 2
    for record in off_topic:
        assert matcher.matches(record.title) == {}, record.title
    # "Lesser curve necrosis following proximal cell vagotomy": avascular necrosis of the stomach wall.
    stomach = bone_records["424940"]
    assert "avascular necrosis" in stomach.abstract
    assert matcher.matches(stomach.title, stomach.abstract) == {}


def test_real_feeds_of_other_fields_are_rejected(matcher):
    folder = fixture_path("rss")
    items = 0
    for path in sorted(folder.iterdir()):
        parsed = feedparser.parse(path.read_bytes())
        for entry in parsed.entries:
            items += 1
            title = re.sub(r"<[^>]+>", " ", entry.get("title", ""))
            summary = re.sub(r"<[^>]+>", " ", entry.get("summary", ""))
            assert matcher.matches(title, summary) == {}, (path.name, title)
    assert items > 400, "all thirteen feeds were read"


def test_abbreviations_with_another_meaning_in_real_abstracts(matcher):
    """AVN as the atrioventricular node and BMD as benchmark dose, from an NLM update file."""
    wanted = {"34053145", "34095968"}
    found = {}
    for record in parse_medline(fixture_path("pubmed", "bulk", "pubmed21n1298.xml.gz")):
        if record.pmid in wanted:
            found[record.pmid] = record
            if len(found) == len(wanted):
                break
    assert set(found) == wanted
    assert "(AVN)" in found["34053145"].abstract and "(BMD)" in found["34095968"].abstract
    for record in found.values():
        assert matcher.matches(record.title, record.abstract) == {}, record.title


@pytest.mark.parametrize(
    ("text", "topic", "term"),
    [
        ("Outcomes of KIENBÖCK'S DISEASE treated by radial shortening", "osteonecrosis", "kienbock"),
        ("Legg–Calvé–Perthes disease in twins", "osteonecrosis", "legg-calve-perthes"),
        ("Perthes’ disease: a 20-year follow-up", "osteonecrosis", "perthes disease"),
        ("Bone-marrow oedema syndrome of the knee", "osteonecrosis", "bone-marrow oedema syndrome"),
        ("ONFH-like lesions after steroids", "osteonecrosis", "ONFH"),
        ("Risk of AVN after femoral neck fixation", "osteonecrosis", "AVN"),
        ("Fragility Fractures in men", "osteoporosis", "fragility fractures"),
        ("Non-osteoporotic women", "osteoporosis", "osteoporotic"),
        ("Denosumab raised BMD at the hip", "osteoporosis", "BMD"),
    ],
)
def test_spelling_variants_match(matcher, text, topic, term):
    assert term in matcher.matches(text).get(topic, [])


@pytest.mark.parametrize(
    "text",
    [
        "Anti-tumor necrosis factor therapy in Crohn disease",  # exclusion
        "Becker muscular dystrophy (BMD): cardiac involvement",  # BMD in its other sense
        "AVN ablation and pacing for atrial fibrillation",  # AV node
        "Body composition by DXA: fat mass and lean mass in athletes",  # DXA for body composition
        "Marginal bone loss around dental implants",  # dental bone loss
        "bmd and avn written in lower case are ordinary letters",  # abbreviations only in capitals
        "Osteoporosisology and osteonecrotically",  # no partial words
        "Ischemic necrosis of the small bowel",  # necrosis of another tissue
    ],
)
def test_near_misses_do_not_match_the_wrong_topic(matcher, text):
    assert matcher.matches(text) == {}


def test_transient_osteoporosis_is_both_topics(matcher):
    """Bone marrow oedema syndrome (osteonecrosis's) and a regional loss of bone mass as the disease."""
    matches = matcher.matches("Transient osteoporosis of the hip in pregnancy")
    assert "osteoporosis" in matches and "osteonecrosis" in matches


def test_ambiguity_cues_only_veto_their_own_term(matcher):
    text = "Becker muscular dystrophy (BMD) patients had low bone mineral density"
    assert matcher.matches(text) == {"osteoporosis": ["bone mineral density"]}


def test_is_abbreviation():
    assert is_abbreviation("MRONJ") and is_abbreviation("BMD") and is_abbreviation("SONFH")
    assert not is_abbreviation("osteonecrosis") and not is_abbreviation("Kienbock")
    assert not is_abbreviation("A")


def test_user_topics_file_with_ambiguous_terms(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text(
        '[topics.hip]\npubmed_query = "hip"\nterms = ["hip fracture"]\n'
        '[topics.hip.ambiguous]\nTHA = ["Tetrahydroacridine"]\n',
        encoding="utf-8",
    )
    topics = [t for t in load_topics(path) if t.name == "hip"]
    assert topics[0].ambiguous == (("THA", ("Tetrahydroacridine",)),)
    matcher = TopicMatcher(topics)
    assert tuple(matcher.matches("Revision THA after hip fracture")) == ("hip",)
    assert matcher.matches("THA (tetrahydroacridine) in dementia") == {}
    path.write_text('[topics.hip]\npubmed_query = "hip"\nambiguous = ["THA"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"topics\.hip\.ambiguous"):
        load_topics(path)


def test_topic_without_terms_matches_nothing():
    assert (
        TopicMatcher([Topic(name="x", label="X", queries={"pubmed_query": "x"})]).matches("osteoporosis")
        == {}
    )
