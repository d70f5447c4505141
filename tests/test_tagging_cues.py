"""The cue engine's shortcuts (word gating, branch literals, \\b fast path) never change a match."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from osteodigest.crawler.models import Record
from osteodigest.crawler.tagging.cues import _required, all_cues, rx
from osteodigest.crawler.tagging.view import build_view

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"


def test_branch_split_and_boundary_fast_path_match_the_plain_regex():
    cue = rx(r"\bcase report\b|\b(?:a|an) \d+[- ]year[- ]old\b|^\W*letter\b")
    for text in (
        "a 45-year-old woman",
        "showcase report",
        "case report of",
        "letter to",
        "x letter",
        "lesa 45-year-old",
        "the case report",
        "",
    ):
        fast, slow = cue.search(text), cue.pattern.search(text)
        assert (fast and fast.span()) == (slow and slow.span()), text
        assert [m.span() for m in cue.finditer(text)] == [m.span() for m in cue.pattern.finditer(text)]


def test_a_branch_tried_only_where_its_starting_literals_occur_matches_the_plain_regex():
    """An alternation-first branch (``(?:rats|mice|rabbits)…``) is tried only where one of its starting
    words occurs: the leftmost match, a leading \\b, overlapping and repeated starts, a search from an
    offset and a text with more starts than are worth trying one by one all agree with the plain regex."""
    cue = rx(r"\b(?:rats|mice|rabbits|ratsnake) (?:were|was) (?:fed|treated)\b|\bmice\b")
    assert any(b.starts for b in cue.branches), "the fast path is not taken"
    many = " ".join(["rats were seen"] * 20) + " rabbits were fed"
    for text in (
        "the mice were fed a diet",
        "pirats were fed; rats were fed",
        "ratsnake was treated and rats were treated",
        "rabbits were treated",
        "micemice were fed",
        many,
        "no animals here",
        "",
    ):
        fast, slow = cue.search(text), cue.pattern.search(text)
        assert (fast and fast.span()) == (slow and slow.span()), text
        assert [m.span() for m in cue.finditer(text)] == [m.span() for m in cue.pattern.finditer(text)]
    branch = cue.branches[0]
    for pos in range(0, 30, 3):
        text = "pirats were fed; rats were fed"
        found, plain = branch.search(text, pos), cue.pattern.search(text, pos)
        assert (found and found.span()) == (plain and plain.span()), pos


def test_optional_characters_and_short_classes_give_a_branch_literals_it_needs():
    """``mg-?63``, ``raw ?264``, ``tumou?r``, ``saos[- ]?2``: the run of literals around an optional
    character or a short class is one of a few strings, so the branch is gated on them (a bare "mg"
    would be too short to gate on) and runs only where one occurs; what it finds is the plain regex's
    match, including a class repeated (``[- ]+``), a range or a negated class (no literal read from it)."""
    gated = rx(r"\b(?:mg-?63|raw ?264\.7|tumou?r cells|saos[- ]?2|hfob[- ]+1\.19)\b")
    assert all(branch.ids is not None for branch in gated.branches), "not gated"
    plain = rx(r"\bx[a-c]y|z[^q]w|v[- ]{2}u")
    for text in (
        "mg-63 and saos-2 cells",
        "mg63 cells; the dose was 5 mg 63 times",
        "raw 264.7 macrophages and raw264.7",
        "raw  264.7",
        "tumor cells, tumour cells, tumoor cells",
        "saos 2 and saos--2",
        "hfob - 1.19 and hfob --1.19",
        "xby and xdy, zaw and zqw, v- u and v--u",
        "5 mg of drug",
        "",
    ):
        for cue in (gated, plain):
            fast, slow = cue.search(text), cue.pattern.search(text)
            assert (fast and fast.span()) == (slow and slow.span()), text
            assert [m.span() for m in cue.finditer(text)] == [m.span() for m in cue.pattern.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"mg-?63", {"mg-63", "mg63"}),
        (r"tumou?r cells", {"tumour cells", "tumor cells"}),
        (r"saos[- ]?2", {"saos"}),
        (r"year[- ]old", {"year-old", "year old"}),
        (r"hek ?293t?", {"hek 293", "hek293"}),
        (r"analy[sz]ed", {"analysed", "analyzed"}),
        (r"ab[a-z]cde", {"cde"}),
        (r"ab[^x]cde", {"cde"}),
        (r"abc[- ]+def", {"abc-", "abc "}),
        (r"abcd[- ]{2}e", {"abcd-", "abcd "}),
    ],
)
def test_the_literals_a_pattern_needs(pattern, literals):
    assert _required(pattern) == frozenset(literals)


def test_trigger_words_skip_only_text_that_cannot_match():
    cue = rx(r"\brandomly (?:assigned|allocated)\b", "randomly")
    view = build_view(
        [Record(source="t", source_id="1", title="t", abstract="patients were randomly assigned")]
    )
    assert cue.search(view.low_abstract)
    view = build_view(
        [Record(source="t", source_id="2", title="t", abstract="patients were assigned at random")]
    )
    assert cue.search(view.low_abstract) is None


def test_every_cue_agrees_with_its_regex_on_real_abstracts():
    path = FIXTURES / "pubmed" / "bone_topic_subset.xml"
    if not path.exists():
        pytest.skip(f"fixture {path} not present")
    from osteodigest.crawler.sources.medline import parse_medline

    cues = all_cues()
    assert len(cues) > 50
    mismatches = []
    for record in list(parse_medline(path.read_bytes()))[:150]:
        view = build_view([record])
        for text in (view.low_title, view.low_abstract):
            for name, cue in cues.items():
                fast, slow = cue.search(text), cue.pattern.search(text)
                if (fast and (fast.span(), fast.group(0))) != (slow and (slow.span(), slow.group(0))):
                    mismatches.append((name, record.pmid))
    assert mismatches == []


def test_patterns_compile_without_flags():
    # Cues match lower-cased text; a stray IGNORECASE would hide upper-case-only patterns.
    for name, cue in all_cues().items():
        assert not cue.pattern.flags & re.IGNORECASE, name


def test_a_rule_may_read_only_the_cues_it_declares():
    from osteodigest.crawler.tagging.hits import Hits, UndeclaredCue, expand

    view = build_view(
        [Record(source="t", source_id="3", title="A systematic review and meta-analysis", abstract="")]
    )
    case_only = Hits(view).scope(expand(("case",)))
    assert case_only.title("case.title") is None
    with pytest.raises(UndeclaredCue):
        case_only.title("review.ma_title")
    with pytest.raises(UndeclaredCue):  # a title cue may not be read in the abstract
        Hits(view).abstract("case.title")
    # Switched off, a family's cues never match.
    assert Hits(view).title("review.ma_title") is not None
    assert Hits(view, off=frozenset({"review"})).title("review.ma_title") is None


def test_switching_a_family_off_moves_only_the_records_its_rules_decide():
    """Class isolation on real records: with one family's cues off, every record whose design changes was
    decided (before or after) by a rule that reads that family or declares it uses such a rule's verdict."""
    from osteodigest.crawler.tagging.hits import FAMILIES
    from osteodigest.crawler.tagging.study_type import rule_verdict, rules_reading

    path = FIXTURES / "pubmed" / "pubtype_sample.xml"
    if not path.exists():
        pytest.skip(f"fixture {path} not present")
    import dataclasses

    from osteodigest.crawler.sources.medline import parse_medline

    records = list(parse_medline(path.read_bytes()))
    # As NLM indexed them (metadata rules) and stripped to what a brand-new record carries (text rules).
    stripped = [
        dataclasses.replace(r, publication_types=("Journal Article",), mesh=(), kind="article")
        for r in records
    ]
    views = [build_view([r]) for r in records + stripped]
    before = [rule_verdict(v)[0] for v in views]
    seen = set()
    for family in sorted(FAMILIES - {"signal"}):
        reached = rules_reading(family)
        moved = 0
        for view, old in zip(views, before, strict=True):
            new = rule_verdict(view, off=frozenset({family}))[0]
            if (new.study_type, str(new.why)) != (old.study_type, str(old.why)):
                moved += 1
                assert old.rule in reached or new.rule in reached, (family, old.rule, new.rule)
        if moved:
            seen.add(family)
    # The sample holds no Mendelian randomisation study; every other family decides some record, so
    # switching it off is seen.
    assert sorted(FAMILIES - {"signal", "mendelian"} - seen) == []


def test_every_trigger_word_is_a_word_the_gate_can_see():
    """A gate compares whole ``[a-z0-9]+`` words: "cross-sectional" or "case-control" named as one never
    opens it, and the cue then fires only when another of its words is there (the trial-baseline cue of the
    twentieth session did, until its gate was corrected). Substrings (``subs``) may hold any characters."""
    import importlib
    import pkgutil

    import osteodigest.crawler.tagging as package
    from osteodigest.crawler.tagging.cues import Cue

    cues = dict(all_cues())
    # ... and those held in module-level tuples, as the subtopics' (tag, cue) pairs are.
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"osteodigest.crawler.tagging.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, tuple):
                for i, item in enumerate(value):
                    for part in item if isinstance(item, tuple) else (item,):
                        if isinstance(part, Cue):
                            cues[f"{info.name}.{name}[{i}]"] = part
    for name, cue in cues.items():
        for word in cue.words or ():
            assert re.fullmatch(r"[a-z0-9]+", word), f"{name}: trigger word {word!r} is never a whole word"


def test_kienbocks_disease_written_with_its_umlaut_alone_finds_the_site():
    """Only "Kienböck" names the necrosis here; the gate once held "kienböck", a word it never sees."""
    from osteodigest.crawler.tagging.subtopics import subtopics

    view = build_view([Record(source="t", source_id="1", title="Radial shortening for Kienböck's disease")])
    assert "site:wrist" in subtopics(view)
