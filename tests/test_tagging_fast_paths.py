"""The tagger's faster ways of reading a text give exactly what the plain definitions give.

Each shortcut (word sets by byte translation, design-model tokens in one regex pass, the takeaway's
case-insensitive phrases without a leading ``\\b``, the joined text's literals read off its parts', the
relevance trie built with each depth once) is compared with the plain form it replaced, on texts made to
catch the edge cases and on real abstracts.
"""

from __future__ import annotations

import re

import pytest
from osteodigest.crawler.relevance.prefilter import _accented
from osteodigest.crawler.sources.medline import parse_medline
from osteodigest.crawler.tagging.cues import LITERALS, all_cues, leading_literals
from osteodigest.crawler.tagging.evidence import _LEVEL_HINT, _level_hint
from osteodigest.crawler.tagging.features import tokens
from osteodigest.crawler.tagging.key_numbers import _ENROLMENT
from osteodigest.crawler.tagging.takeaway import _FINDING, _NOT_FINDING, _Opening
from osteodigest.crawler.tagging.view import build_view, digit_count, words_of
from osteodigest.crawler.topics import _trie_regex

from tests.conftest import fixture_path

#: Non-ASCII letters and digits (which the ``[a-z0-9]`` word class does not hold), a dotted capital I
#: whose lower case is two characters, a ligature, a Kelvin sign, a lone surrogate, numbers of every shape.
TRICKY = [
    "",
    "osteonecrosis of the femoral head (onfh) in 1,500 patients",
    "kienböck's disease; café-au-lait; naïve t-cells; 25(oh)d3 ≥ 30 ng/ml",
    "i̇stanbul ﬁbrous dysplasia; k\u212a scale; ² ³ ٣٤ ½ ⅓ 10−20",
    "x'1a 1990's o'0 00 0.5.6, 1,,2 a0b don't 'quoted' 1.e5 a'b'c 3d 1,000,000 .5 5.",
    "lone \ud800 surrogate, \u00a0no-break\u2009thin spaces",
    "ΑΒΓ μg/kg; русский текст 42",
]


def _bone_abstract_texts() -> list[str]:
    path = fixture_path("pubmed", "bone_topic_subset.xml")
    texts = []
    for record in parse_medline(path):
        view = build_view([record])
        texts += [view.low_title, view.low_abstract, view.low_journal, view.abstract]
    return texts


def test_word_sets_are_the_words_of_the_plain_pattern():
    plain = re.compile(r"[a-z0-9]+")
    for text in TRICKY + [t.lower() for t in TRICKY]:
        assert words_of(text) == frozenset(plain.findall(text)), text


def test_word_sets_of_real_abstracts_are_the_words_of_the_plain_pattern():
    plain = re.compile(r"[a-z0-9]+")
    texts = _bone_abstract_texts()
    assert any(not t.isascii() for t in texts), "no non-ASCII text to check the fallback on"
    for text in texts:
        assert words_of(text) == frozenset(plain.findall(text))


def _plain_tokens(text: str) -> list[str]:
    """What the design model was trained on: numbers replaced by "0", then the words."""
    return re.findall(r"[a-z]+(?:'[a-z]+)?|0", re.sub(r"\d+(?:[.,]\d+)*", "0", text))


def test_model_tokens_are_the_substitution_then_the_words():
    for text in TRICKY + [t.lower() for t in TRICKY]:
        assert tokens(text) == _plain_tokens(text), text


def test_model_tokens_of_real_abstracts_are_the_substitution_then_the_words():
    for text in _bone_abstract_texts():
        assert tokens(text) == _plain_tokens(text)


SENTENCES = [
    "These results suggest that bisphosphonates are safe.",
    "UNSAFE practice was common.",  # "safe" inside a word: no boundary before it
    "Mayo Clinic data.",  # "may" followed by a letter: no boundary after it
    "It MAY help.",
    "x-may help",
    "_may not",  # the underscore is a word character
    "shown",
    "Registered at ClinicalTrials.gov (NCT01234567).",
    "Trial registration: NCT0",
    "© 2021 The Authors.",  # a non-word opening: \b needs a word character before it
    "text© 2021",
    "Funding: none. Kienböck's disease may progress.",  # not ASCII: the plain pattern
    "no significant difference was found",
    "no  significant difference",
    "We found no association",
    "A total of 120 patients were enrolled.",
    "data from 40 hips; ıncluded",  # a dotless i: not ASCII, the plain pattern
    "Patients were re-enrolled",
    "",
]


@pytest.mark.parametrize(
    "opening", [_FINDING, _NOT_FINDING, _ENROLMENT], ids=["finding", "not_finding", "enrolment"]
)
def test_takeaway_phrases_occur_where_the_plain_case_insensitive_pattern_finds_them(opening: _Opening):
    for sentence in SENTENCES:
        assert opening.occurs(sentence) == bool(opening.plain.search(sentence)), sentence


def test_takeaway_phrases_in_real_abstracts_occur_where_the_plain_pattern_finds_them():
    for text in _bone_abstract_texts():
        for opening in (_FINDING, _NOT_FINDING, _ENROLMENT):
            assert opening.occurs(text) == bool(opening.plain.search(text))


def test_an_opening_pattern_must_start_with_a_boundary_and_be_lower_case():
    with pytest.raises(ValueError):
        _Opening(r"(?:may|might)\b")
    with pytest.raises(ValueError):
        _Opening(r"\b(?:May|might)\b")
    with pytest.raises(ValueError):
        _Opening(r"\b\D+")


def test_trie_pattern_puts_the_longest_continuation_first_at_every_branch():
    """Each trie node's depth is computed once now: the order it gives must still try the longest
    continuation first, so a term that extends another ("osteonecrosis of the jaw") is matched whole."""
    terms = [
        "osteonecrosis",
        "osteonecrosis of the jaw",
        "osteonecrosis of the femoral head",
        "osteoporosis",
        "osteoporotic fracture",
        "osteopenia",
        "bone",
        "bone marrow edema",
        "avn",
    ]
    pattern = re.compile(_trie_regex([list(t) for t in terms]))
    for term in terms:
        found = pattern.match(term)
        assert found is not None and found.group() == term, (term, pattern.pattern)
    # Deeper branches first, at the top and below ("zo…" reaches 6 letters, "a…" 4; "b…" 4, "x" 2).
    nested = _trie_regex([list(t) for t in ["ax", "ab", "abcd", "zo", "zoomed"]])
    assert nested == "(?:zo(?:omed)?|a(?:b(?:cd)?|x))"


def test_every_cue_on_title_and_abstract_joined_agrees_with_its_regex():
    """The joined text's literals are read off the title's and the abstract's (one scan for the three):
    no cue may miss a match in the joined text because of it."""
    path = fixture_path("pubmed", "bone_topic_subset.xml")
    cues = all_cues()
    mismatches = []
    for record in list(parse_medline(path))[:80]:
        view = build_view([record])
        # Asked first about the abstract, the index reads the three texts from one scan of the joined one.
        assert LITERALS.present(view.low_abstract) is not None
        for name, cue in cues.items():
            fast, slow = cue.search(view.low_text), cue.pattern.search(view.low_text)
            if (fast and (fast.span(), fast.group(0))) != (slow and (slow.span(), slow.group(0))):
                mismatches.append((name, record.pmid))
    assert mismatches == []


def test_branches_tried_at_their_starts_skip_only_starts_the_literal_scan_did_not_find():
    """A branch tried where its starting literals occur skips a start that the literal index scans for and
    did not find in the text: it must still find what its regex finds, in texts with and without them."""
    branches = [b for cue in all_cues().values() for b in cue.branches if b.starts]
    assert branches, "no branch is tried at its starts"
    assert any(known is not None for b in branches for _, known in LITERALS.known(b.starts or ())), (
        "no start is a literal the index scans for: nothing would be skipped"
    )
    # A lone surrogate never reaches a cue: records holding one are refused when read (the cue's own search
    # scans the text for literals before any branch runs, and that scan needs UTF-8).
    texts = _bone_abstract_texts()[:200] + [t.lower() for t in TRICKY if "\ud800" not in t]
    mismatches = []
    for text in texts:
        for branch in branches:
            fast, slow = branch.search(text, 0), branch.regex.search(text)
            if slow is not None and branch.boundary:
                slow = branch._scan_from(text, 0)  # the plain regex with its leading \b checked by hand
            if (fast and fast.span()) != (slow and slow.span()):
                mismatches.append((branch.regex.pattern[:40], text[:40]))
    assert mismatches == []


def test_digit_count_is_the_number_of_digits_the_plain_pattern_finds():
    """Digits counted by deleting them from an ASCII text's bytes; other scripts' digits (Arabic-Indic
    ``٣٤``) are counted by the regex, as before."""
    plain = re.compile(r"\d")
    texts = TRICKY + [t.lower() for t in TRICKY] + _bone_abstract_texts()[:200]
    assert any(t.isascii() and plain.search(t) for t in texts) and any(not t.isascii() for t in texts)
    for text in texts:
        assert digit_count(text) == len(plain.findall(text)), text


def test_accented_letters_are_found_where_the_plain_class_finds_them():
    """The relevance prefilter finds U+00C0-U+024F by the UTF-8 lead bytes: every code point around the
    range's edges and in it, beside ASCII, other scripts, astral characters and lone surrogates."""
    plain = re.compile("[\u00c0-\u024f]")
    points = [*range(0x80, 0x2FF), 0xD800, 0xDFFF, 0x2013, 0x3B1, 0x1F600, 0x10FFFF]
    for point in points:
        for text in (chr(point), f"ab{chr(point)}c", f"{chr(point)}\u2013x", f"caf\u00e9{chr(point)}"):
            assert _accented(text) == bool(plain.search(text)), hex(point)
    for text in TRICKY + _bone_abstract_texts()[:200]:
        assert _accented(text) == bool(plain.search(text))


def test_takeaway_phrases_are_tried_only_where_their_opening_words_start():
    """Both phrase lists are tried at the starts of their opening words (one Aho-Corasick pass), so the
    answers above come from that path, not from the scan it replaced."""
    assert all(p.openings is not None for p in (_FINDING, _NOT_FINDING, _ENROLMENT))
    assert leading_literals(r"(?:the )?data (?:set|sets)") == frozenset({"the data ", "data "})
    assert leading_literals(r"(?:a|an)? case") == frozenset({"a case", "an case", " case"})
    assert leading_literals(r"\d+ cases") is None  # a match may start with any digit


def test_level_of_evidence_hint_is_found_where_the_plain_pattern_finds_it():
    """The authors' level of evidence is looked for only where "level" occurs (at a match's start or after
    "evidence "): the same answer as the pattern's scan of the whole abstract."""
    texts = [
        "evidence level 2",
        "the evidence level was high",
        "level of evidence: iv",
        "levels of evidence",
        "level iiib therapeutic",
        "level 4a",
        "xlevel 5",
        "level vi",
        "no level here, evidence only",
        "level 6",
        *[t.lower() for t in _bone_abstract_texts()[:200]],
    ]
    assert any(_LEVEL_HINT.search(t) for t in texts) and not all(_LEVEL_HINT.search(t) for t in texts)
    for text in texts:
        assert _level_hint(text) == bool(_LEVEL_HINT.search(text)), text
