"""Key numbers are verbatim spans of the abstract, or absent (crawler.tagging.key_numbers).

Each test named after an error seen in a real digest (issue 14) reproduces that error's shape.
"""

from __future__ import annotations

import re

import pytest
from osteodigest.crawler.models import Record, Work
from osteodigest.crawler.tagging import tag_records
from osteodigest.crawler.tagging.key_numbers import parse_number
from osteodigest.crawler.tagging.view import normalise
from osteodigest.newsletter.items import format_key_numbers, key_finding

from tests.conftest import fixture_path


def numbers(abstract: str, title: str = "Outcomes after treatment", **fields) -> dict:
    return tag_records(
        [Record(source="t", source_id="1", title=title, abstract=abstract, **fields)]
    ).key_numbers


@pytest.mark.parametrize("space", [" ", "\u2009", "\u202f", "\u00a0", ","])
def test_thousands_separators_of_any_kind_keep_the_whole_number(space):
    found = numbers(f"In this nationwide cohort, 75{space}335 participants were included and followed up.")
    assert found["participants"]["n"] == 75335
    assert found["participants"]["text"] in {"75 335 participants", "75,335 participants"}


def test_number_words_are_read_whole():
    found = numbers("One-hundred and eighty-six patients were enrolled at three centres.")
    assert found["participants"]["n"] == 186
    assert found["participants"]["text"] == "One-hundred and eighty-six patients"
    assert parse_number("two thousand three hundred and five") == 2305
    assert parse_number("eighty-eight") == 88


def test_a_count_followed_by_another_count_is_not_the_study_size():
    # The digest once showed "n = 5 only two patients".
    found = numbers("Of the 5 treated, only two patients were enrolled in follow-up visits.")
    assert "only" not in found.get("participants", {}).get("text", "")
    assert found.get("participants", {}).get("n") != 5


def test_a_subgroup_is_not_shown_as_the_study_size():
    # "28 hips of 332": the digest showed n = 28.
    found = numbers("We reviewed the records. Collapse was seen in 28 hips of 332 (8%) at five years.")
    assert found.get("participants", {}).get("n") != 28
    arm = numbers("We randomized patients to two arms; 12 patients (8%) in the control group were analysed.")
    assert arm.get("participants", {}).get("n") != 12


def test_an_empty_n_equals_shows_nothing():
    found = numbers("Methods: participants (n=) were recruited from three clinics and completed a survey.")
    assert "participants" not in found


def test_a_count_without_an_enrolment_verb_is_not_guessed():
    found = numbers("Hip fracture affects 1.5 million people and 300 patients die each day worldwide.")
    assert "participants" not in found


def test_follow_up_is_said_once():
    found = numbers("Methods: 64 patients were enrolled. Mean follow-up follow-up of 3 years was complete.")
    lines = format_key_numbers(found)
    assert not any(re.search(r"follow-up\W+follow-up", line, re.I) for line in lines), lines
    assert found["follow_up"]["value"] == 3


def test_primary_outcome_is_never_cut_mid_word():
    abstract = (
        "Methods: 300 women were randomly assigned. The primary outcome was the composite of death, "
        "myocardial infarction or stroke at one year, which occurred less often with treatment."
    )
    found = numbers(abstract)
    text = found["primary_outcome"]["text"]
    start = abstract.index(text)
    assert not abstract[start + len(text)].isalnum() and not abstract[start - 1].isalnum()


def test_effect_estimates_are_verbatim_with_interval_and_p():
    abstract = (
        "Methods: 1,204 adults were randomly assigned. Results: The primary outcome occurred less often with "
        "treatment (HR 0.62, 95% CI 0.48-0.80; p < 0.001). Falls were similar (odds ratio 1.05 [95% CI, "
        "0.90 to 1.22])."
    )
    found = numbers(abstract)
    effects = found["effects"]
    assert effects[0] == {
        "text": "HR 0.62, 95% CI 0.48-0.80; p < 0.001",
        "measure": "HR",
        "value": 0.62,
        "low": 0.48,
        "high": 0.8,
        "level": 95,
        "primary": True,
        "p": "p < 0.001",
    }
    assert effects[1]["measure"] == "OR" and effects[1]["primary"] is False
    for effect in effects:
        assert effect["text"] in abstract


def test_an_estimate_outside_its_interval_is_dropped():
    found = numbers("Methods: 80 patients were enrolled. Results: OR 3.5 (95% CI 1.1 to 2.0).")
    assert "effects" not in found


def test_every_number_of_every_bone_record_is_in_its_abstract():
    """Every key-number line and every takeaway a digest would show is a span of the abstract."""
    from osteodigest.crawler.sources.medline import parse_medline

    records = list(parse_medline(fixture_path("pubmed", "bone_topic_subset.xml").read_bytes()))
    shown = 0
    for record in records:
        tags = tag_records([record])
        text = normalise(" ".join(t for _, t in record.abstract_sections) or record.abstract)
        for key, value in tags.key_numbers.items():
            if key == "registrations":
                continue
            # The effects line joins several estimates, each of them verbatim.
            spans = [e["text"] for e in value] if key == "effects" else format_key_numbers({key: value})
            for span in spans:
                shown += 1
                assert normalise(span) in text, (record.pmid, span)
        finding = key_finding(Work(id=1, records=(record,), first_seen="2026-01-01", tags=tags))
        if finding:
            assert normalise(finding.removesuffix(" …")) in text, (record.pmid, finding)
            assert len(finding) <= 400
    assert shown > 100
