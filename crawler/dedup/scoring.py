"""Pair scoring: are two records the same article?

Rules, not a learned model, so every merge has a reason a reader can check (``--explain``). A pair is
a duplicate when enough independent fields agree *and* no hard veto fires. Vetoes encode what
database records never get wrong about distinct papers: two different DOIs or PMIDs, different part
or phase numbers in the title, different first pages, years far apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from osteodigest.crawler.dedup.features import Features, common_dois
from osteodigest.crawler.dedup.normalize import journals_compatible, title_numbers
from rapidfuzz.distance import Indel

#: Verdicts of :func:`compare`.
SAME = "same"  # the same version of the same work
PREPRINT = "preprint"  # a preprint and its published version: one work, two versions
#: Two versions of a Cochrane review (a protocol and its review, a review and its update): two works,
#: linked, so the update reaches readers as new instead of disappearing into the earlier version.
VERSION = "version"
NOTICE = "notice"  # an erratum/retraction/concern notice and the article it concerns
DIFFERENT = "different"


@dataclass(slots=True, frozen=True)
class Verdict:
    """Outcome of comparing two records, with the evidence in words."""

    relation: str
    score: float
    reason: str


_NO = Verdict(DIFFERENT, 0.0, "")
#: Reason prefix of a match on the Cochrane review number; "(another version)" marks a VERSION link.
COCHRANE_REASON = "same Cochrane review"


def title_similarity(a: str, b: str) -> float:
    """Normalized Indel similarity (0–1), tolerant of a title truncated by one of the sources."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    full = Indel.normalized_similarity(a, b)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 40 and len(long_) > len(short) * 1.15:
        prefix = Indel.normalized_similarity(short, long_[: len(short)])
        if prefix >= 0.97:
            return max(full, prefix - 0.02)
    return full


def _surname_equal(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b:
        return False
    if len(a) >= 4 and len(b) >= 4 and (a.endswith(b) or b.endswith(a) or a.startswith(b) or b.startswith(a)):
        return True
    return len(a) >= 5 and Indel.normalized_similarity(a, b) >= 0.8


def author_agreement(a: Features, b: Features) -> float | None:
    """1 = same authors, 0 = contradicting, None = one side has no authors.

    Compares the first author, then the overlap of surname sets, because author lists are often cut
    to the first few names or to "et al"; also recognises given names and surnames swapped
    ("Ching-yi W" for "Wu CY"), a common fault of records exported from Asian-language databases.
    """
    if not a.authors or not b.authors:
        return None
    (sa, ia), (sb, ib) = a.authors[0], b.authors[0]
    first = _surname_equal(sa, sb)
    if first and ia and ib and ia[0] != ib[0]:
        first = False
    if first:
        return 1.0
    shorter, longer = (a.authors, b.authors) if len(a.authors) <= len(b.authors) else (b.authors, a.authors)
    surnames = [s for s, _ in longer]
    common = sum(1 for s, _ in shorter if any(_surname_equal(s, t) for t in surnames))
    if common and common >= max(1, len(shorter) * 0.5):
        return 0.8
    if _swapped(a.authors, b.authors):
        return 0.6
    return 0.0


def _swapped(x: tuple[tuple[str, str], ...], y: tuple[tuple[str, str], ...]) -> bool:
    """Surname and given names exchanged in one list, for the first (up to three) authors.

    The first author must show the exchange; of three, one may be garbled beyond recognition (such
    exports also split compound given names wrongly: "Yusheng, Wangliang" for "Wang, L.").
    """
    count = min(len(x), len(y), 3)
    hits = [
        bool(ix and iy and sx[:1] == iy[:1] and sy[:1] == ix[:1])
        for (sx, ix), (sy, iy) in zip(x[:count], y[:count], strict=True)
    ]
    return count > 0 and hits[0] and sum(hits) >= count - (count == 3)


def _pages_relation(a: Features, b: Features) -> int:
    """2 = same page range, 1 = same first page (or compatible), -1 = different, 0 = unknown.

    Electronic article numbers (``e12724``) and printed ranges (``1-6``) of the same paper differ
    without contradicting each other, and a lone page equal to the other's last page, or the same
    last page of a range, marks a typo or a one-page citation rather than another paper; so do
    ranges sharing two or more pages. Pages are unknown when one record's fields are shifted.
    """
    if a.pages is None or b.pages is None or _field_shift(a, b):
        return 0
    (fa, la), (fb, lb) = a.pages, b.pages
    if fa == fb or (_digits(fa) and _digits(fa) == _digits(fb)):
        return 2 if la == lb and fa != la else 1
    if fa[:1].isalpha() != fb[:1].isalpha():
        return 0
    if la == lb and (fa != la or fb != lb):
        return 1
    if (fa == la and fa == lb) or (fb == lb and fb == la):
        return 1
    if _overlap(a.pages, b.pages) >= 2:
        return 1  # "678-684" and "676-682": two papers never share two pages, a typo does
    return -1


def _overlap(x: tuple[str, str], y: tuple[str, str]) -> int:
    """Pages two numeric ranges have in common (0 when they do not overlap or are not numeric)."""
    if not all(p.isdigit() for p in (*x, *y)):
        return 0
    return max(0, min(int(x[1]), int(y[1])) - max(int(x[0]), int(y[0])) + 1)


def _field_shift(a: Features, b: Features) -> bool:
    """One record's volume, issue and page fields shifted by one place: no volume, the volume in the
    issue field and the issue in the page field (``number=26, pages=9`` for volume 26, issue 9), a
    glitch of some database exports of conference abstracts."""
    for x, y in ((a, b), (b, a)):
        if (
            x.volume is None
            and y.volume
            and x.issue
            and y.issue
            and x.pages
            and x.pages[0] == x.pages[1]
            and _digits(x.issue) == _digits(y.volume)
            and x.pages[0] == _digits(y.issue)
        ):
            return True
    return False


def _adjacent_pages(a: Features, b: Features) -> bool:
    """One page range starts where the other ends: a two-part article or an article and its reply."""
    if a.pages is None or b.pages is None:
        return False
    try:
        (fa, la), (fb, lb) = [
            (int(_digits(p[0]) or -9), int(_digits(p[1]) or -9)) for p in (a.pages, b.pages)
        ]
    except ValueError:
        return False
    return 0 <= fb - la <= 1 or 0 <= fa - lb <= 1


def _strong_identity(a: Features, b: Features) -> str | None:
    """Why a page mismatch should not split two records, or None (see the rules it combines)."""
    return _same_issue_page_typo(a, b) or _same_volume_identity(a, b) or _parallel_edition(a, b)


def _parallel_edition(a: Features, b: Features) -> str | None:
    """The same article in a journal's two language editions, or under its two names ("Aizheng" and
    "Chinese Journal of Cancer"): each edition has its own pages but they share volume and year, and
    the title and full author list are the same. Two journals that merely print the same abstract
    have different volume numbers."""
    if a.year is None or a.year != b.year or a.reply or b.reply or a.notice or b.notice:
        return None
    if _venue_relation(a, b) != -1 or _volume_relation(a, b) <= 0 or _issue_conflict(a, b):
        return None
    if a.title.count(" ") < 5 or (a.title != b.title and title_similarity(a.title, b.title) < 0.98):
        return None
    if len(a.authors) != len(b.authors) or not _authors_in_order(a, b, 3):
        return None
    return "same title, authors, volume and year under another journal name (another edition); pages differ"


def _same_issue_page_typo(a: Features, b: Features) -> str | None:
    """Why a page or journal mismatch should not split two records, or None.

    The same long title by the same authors (in order) in the same issue of the same journal is one
    paper cited with a page typo or as its abstract; the same title and authors in two journals is
    not enough (abstracts are printed in several supplements, guidelines in several journals).
    """
    if a.year is None or a.year != b.year or a.reply or b.reply or a.notice or b.notice:
        return None
    if a.title.count(" ") < 5 or (a.title != b.title and title_similarity(a.title, b.title) < 0.98):
        return None
    if author_agreement(a, b) != 1.0 or _adjacent_pages(a, b):
        return None
    n = min(len(a.authors), len(b.authors), 5)
    in_order = n >= 2 and all(
        _surname_equal(x[0], y[0]) for x, y in zip(a.authors[:n], b.authors[:n], strict=True)
    )
    if (
        in_order
        and a.issue
        and a.issue == b.issue
        and _volume_relation(a, b) > 0
        and _venue_relation(a, b) > 0
    ):
        return "same title and authors in the same journal issue"
    return None


def _same_volume_identity(a: Features, b: Features) -> str | None:
    """Why two records with different pages are still one paper in one journal volume, or None.

    The same long title by the same three or more authors, in order, in the same volume and year of
    the same journal cannot be two papers: one page field is wrong (a typo, a supplement's page).
    Unless the ranges touch, as a two-part article's or an article's and its reply's do. Issue
    numbers, when both known, must agree, and a lone page after the other's range is the shape of
    an erratum and is left alone. A lone page *before* the full article's range in the same volume
    is the meeting abstract of the same study.
    """
    if a.year is None or a.year != b.year or a.reply or b.reply or a.notice or b.notice:
        return None
    if a.title.count(" ") < 5 or (a.title != b.title and title_similarity(a.title, b.title) < 0.98):
        return None
    if _volume_relation(a, b) <= 0 or _venue_relation(a, b) <= 0 or a.pages is None or b.pages is None:
        return None
    if _adjacent_pages(a, b):
        return None  # a two-part article, or an article and the reply printed right after it
    single_first = _single_page_before_range(a, b)
    if single_first is False:
        return None  # an unmarked erratum (a lone page after the article) or a range after another
    if single_first is None and not _issue_conflict(a, b) and _authors_in_order(a, b, 3):
        return "same title and authors in the same journal volume; pages differ"
    if (
        single_first
        and min(len(a.authors), len(b.authors)) >= 3
        and author_agreement(a, b) == 1.0
        and _author_overlap(a, b) >= 0.7
    ):
        return "meeting abstract (one page) and the full article in the same volume"
    return None


def _single_page_before_range(a: Features, b: Features) -> bool | None:
    """True: one record is a lone page before the other's page range; False: a lone page after it;
    None: neither is a lone page facing a range (both ranges, both lone pages, or not numeric)."""
    assert a.pages is not None and b.pages is not None
    for x, y in ((a.pages, b.pages), (b.pages, a.pages)):
        if x[0] == x[1] and y[0] != y[1] and x[0].isdigit() and y[0].isdigit() and y[1].isdigit():
            return int(x[0]) < int(y[0])
    return None


def _authors_in_order(a: Features, b: Features, minimum: int) -> bool:
    """The shorter author list (at least ``minimum`` names) is the head of the longer, in order."""
    n = min(len(a.authors), len(b.authors))
    return n >= minimum and all(
        _surname_equal(x[0], y[0]) for x, y in zip(a.authors[:n], b.authors[:n], strict=True)
    )


def _author_overlap(a: Features, b: Features) -> float:
    """Share of the shorter author list found (by surname) in the longer one."""
    shorter, longer = (a.authors, b.authors) if len(a.authors) <= len(b.authors) else (b.authors, a.authors)
    if not shorter:
        return 0.0
    return sum(1 for s, _ in shorter if any(_surname_equal(s, t) for t, _ in longer)) / len(shorter)


def _same_issue_identity(a: Features, b: Features) -> bool:
    """Same long title, same authors in order, same year, volume and issue: one paper even when the
    journal names do not match (a transliterated or translated journal title)."""
    return bool(
        a.year is not None
        and a.year == b.year
        and a.issue
        and a.issue == b.issue
        and not (a.reply or b.reply)
        and a.title.count(" ") >= 5
        and (a.title == b.title or title_similarity(a.title, b.title) >= 0.98)
        and _volume_relation(a, b) > 0
        and len(a.authors) == len(b.authors)
        and _authors_in_order(a, b, 2)
    )


def _both_cochrane(a: Features, b: Features) -> bool:
    """Both records from the Cochrane Database, whose reviews are re-issued under the same title in
    later years; the year then tells versions apart, not works."""
    return "cochrane" in a.journal and "cochrane" in b.journal


def _number_typo(a: Features, b: Features) -> bool:
    """A bare number differs ("p6INK4a" for "p16INK4a") but the journal, volume, year, full page range
    (not a lone page) and authors are the same: one paper with a typo. Numbered parts, phases or
    stages ("part 1"/"part 2") are never taken for typos."""
    parts_a = {x for x in a.title_numbers if x.startswith("#")}
    parts_b = {x for x in b.title_numbers if x.startswith("#")}
    return parts_a == parts_b and bool(
        _pages_relation(a, b) == 2
        and _volume_relation(a, b) > 0
        and a.year is not None
        and a.year == b.year
        and _venue_relation(a, b) > 0
        and author_agreement(a, b) == 1.0
    )


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _volume_relation(a: Features, b: Features) -> int:
    """1 = same volume, -1 = different, 0 = unknown (missing, or the year written as the volume)."""
    if not a.volume or not b.volume:
        return 1 if _field_shift(a, b) else 0
    if a.volume == b.volume:
        return 1
    if _digits(a.volume) == _digits(b.volume):
        return 1
    if str(a.year) == a.volume or str(b.year) == b.volume:
        return 0  # "volume=2016" for a magazine numbered by year and issue
    return -1


def _issue_conflict(a: Features, b: Features) -> bool:
    """Different small issue numbers of one volume: a column that recurs in every issue."""
    ia, ib = a.issue, b.issue
    if not ia or not ib or ia == ib:
        return False
    if not (ia.isdigit() and ib.isdigit() and len(ia) <= 2 and len(ib) <= 2):
        return False
    return int(ia) != int(ib) and not _field_shift(a, b)


def _numbers_conflict(a: Features, b: Features) -> bool:
    """Titles that differ in a number ("Part 1"/"Part 2", "phase II"/"phase III", "2916 samples").

    When one title is cut short, only the part both titles have is compared, and the last word of
    the shorter one is ignored because a cut can fall inside a number ("among 1" for "among 10 000").
    """
    na, nb = a.title_numbers, b.title_numbers
    if na == nb:
        return False
    ta, tb = a.title, b.title
    if len(ta) != len(tb):
        cut = min(len(ta), len(tb))
        ta, tb = ta[:cut].rsplit(" ", 1)[0], tb[:cut].rsplit(" ", 1)[0]
        na, nb = title_numbers(ta), title_numbers(tb)
        if na == nb:
            return False
    only_a, only_b = na - nb, nb - na
    if only_a and only_b:
        return True
    return any(x.startswith("#") for x in only_a | only_b)


def _is_title_head(short: str, long_: str) -> bool:
    """True when ``short`` is ``long_`` without its subtitle or its heading ("Title: subtitle",
    "MEDICAL PROGRESS Title", "Heading: Title")."""
    if len(short) > len(long_):
        short, long_ = long_, short
    return (
        len(short) >= 12
        and short.count(" ") >= 2
        and (long_.startswith(short + " ") or long_.endswith(" " + short))
    )


def compare(a: Features, b: Features) -> Verdict:
    """Decide whether two prepared records describe the same work, and how they relate.

    In the order of trust: what kind of record each is (a notice or a preprint is linked to its article
    by rules of its own), then shared identifiers, then vetoes on bibliographic facts, and only then
    the feature scores (:func:`score_pair`) weighed (:func:`decide`). The title similarity is worked
    out only where a rule needs it: most candidate pairs are settled by a veto before.
    """
    if a.notice or b.notice or a.preprint != b.preprint:
        linked = _kind_link(a, b)
        if linked is not None:
            return linked
    identified = _identifier_verdict(a, b)
    if identified is not None:
        return identified
    if not a.title or not b.title:
        return _NO  # without a title there is too little left to tell two papers apart
    if a.reply != b.reply:
        return _NO  # a reply or comment titled after the article it answers
    return _citation_verdict(a, b)


def _citation_verdict(a: Features, b: Features) -> Verdict:
    """Two titled records without a shared identifier: hard vetoes on bibliographic facts, then the
    feature scores weighed."""
    if a.year and b.year and abs(a.year - b.year) > 1:
        return _NO
    pages = _pages_relation(a, b)
    if pages < 0:
        strong = _strong_identity(a, b)
        return Verdict(SAME, 0.9, f"{strong}; pages differ") if strong else _NO
    if _numbers_conflict(a, b) and not _number_typo(a, b):
        return _NO
    if pages == 0 and _issue_conflict(a, b):
        return _NO
    return decide(a, b, score_pair(a, b, title_similarity(a.title, b.title), pages))


def _kind_link(a: Features, b: Features) -> Verdict | None:
    """A notice and an article, two kinds of notice, or a preprint and a journal article; None for two
    records of the same kind (two notices of one kind are compared as any two records are)."""
    if a.notice != b.notice:
        return _notice_link(a, b) if a.notice else _notice_link(b, a)
    if a.notice and a.kind != b.kind:
        return _NO
    if a.preprint != b.preprint:
        return _preprint_link(a, b) if a.preprint else _preprint_link(b, a)
    return None


def _identifier_verdict(a: Features, b: Features) -> Verdict | None:
    """What identifiers both records carry decide, unless the titles contradict (a wrong DOI pasted on a
    record); None when no identifier is on both sides."""
    if a.cochrane and b.cochrane:
        return _cochrane_verdict(a, b, a.cochrane)
    if a.dois and b.dois:
        return _doi_verdict(a, b)
    if a.pmid and b.pmid:
        return Verdict(SAME, 1.0, f"same PMID {a.pmid}") if a.pmid == b.pmid else _NO
    if a.pmcid and b.pmcid:
        return Verdict(SAME, 1.0, f"same PMCID {a.pmcid}") if a.pmcid == b.pmcid else _NO
    return None


def _doi_verdict(a: Features, b: Features) -> Verdict:
    """A shared DOI is one work, unless the titles contradict; two different DOIs are two works."""
    shared = common_dois(a, b)
    if shared and (
        title_similarity(a.title, b.title) >= 0.6
        or not a.title
        or not b.title
        or a.translated
        or b.translated
        or _is_title_head(a.title, b.title)
    ):
        return Verdict(SAME, 1.0, f"same DOI {min(shared)}")
    return _NO


def _cochrane_verdict(a: Features, b: Features, number: str) -> Verdict:
    """Every version of a Cochrane review keeps its review number (CD006828, CD006828.pub2 …) and has a
    DOI of its own: one DOI (or, without a DOI on both sides, one year) is one version; another is a
    later version, a work of its own linked to the earlier (:data:`VERSION`). ``number`` is ``a``'s,
    passed in as known to be set."""
    if a.cochrane != b.cochrane or not (
        title_similarity(a.title, b.title) >= 0.6 or _is_title_head(a.title, b.title)
    ):
        return _NO
    same_version = bool(common_dois(a, b)) if a.dois and b.dois else a.year == b.year
    if same_version:
        return Verdict(SAME, 1.0, f"{COCHRANE_REASON} {number.upper()}")
    return Verdict(VERSION, 1.0, f"{COCHRANE_REASON} {number.upper()} (another version)")


class PairScores(NamedTuple):
    """The feature scores of one pair, each from its own scorer, for :func:`decide` to weigh."""

    title: float  # title_similarity: 0-1
    authors: float | None  # author_agreement: 1 same, 0.8 most shared, 0.6 names swapped, 0 not, None unknown
    pages: int  # _pages_relation: 2 same range, 1 compatible, 0 unknown (-1, different, is a veto)
    volume: int  # _volume_relation: 1 same, -1 different, 0 unknown
    venue: int  # _venue_relation: 1 compatible, -1 different journals, -2 different proceedings, 0 unknown
    year_same: bool
    citation: bool  # pages and volume agree, in the same year or with a year unknown
    same_issue: bool


def score_pair(a: Features, b: Features, tsim: float, pages: int) -> PairScores:
    """Every feature score of a pair that passed the vetoes (the title and page scores are already known)."""
    volume = _volume_relation(a, b)
    year_same = a.year is not None and a.year == b.year
    return PairScores(  # by position: a tuple built this way is cheaper, and this runs for most pairs
        tsim,
        author_agreement(a, b),
        pages,
        volume,
        _venue_relation(a, b),
        year_same,
        pages > 0 and volume > 0 and (year_same or not a.year or not b.year),
        bool(a.issue and a.issue == b.issue),
    )


def decide(a: Features, b: Features, scores: PairScores) -> Verdict:
    """The same work or not, from the feature scores: the rules of a matching title, else those of a
    similar, cut-short or translated one, each rule in turn until one speaks."""
    rules = _SAME_TITLE_RULES if scores.title >= 0.95 else _OTHER_TITLE_RULES
    for rule in rules:
        verdict = rule(a, b, scores)
        if verdict is not None:
            return verdict
    return _NO


# A rule returns a Verdict when it decides (a veto returns _NO) and None to leave the pair to the next.
_Rule = Callable[[Features, Features, PairScores], Verdict | None]


def _same_title_and_citation(a: Features, b: Features, s: PairScores) -> Verdict | None:
    """Same title and citation: one match unless the authors contradict (when the full page range and the
    journal agree, not even then)."""
    if s.citation and (s.authors != 0.0 or (s.pages == 2 and s.title >= 0.99 and s.venue >= 0)):
        return _title_match(s)
    return None


def _same_title_contradicted(a: Features, b: Features, s: PairScores) -> Verdict | None:
    """Without the citation, one contradiction is enough to keep two records with the same title apart."""
    if a.title.count(" ") < 3 and (s.pages > 0) + (s.volume > 0) + (s.venue > 0) < 2:
        return _NO  # "Editorial", "Empyema thoracis": generic titles need the citation too
    if s.authors == 0.0 or s.volume < 0:
        return _NO
    # Conference papers carry the meeting's year or the proceedings' year.
    conference = bool(a.container_tokens and b.container_tokens and s.venue > 0 and s.authors == 1.0)
    if not s.year_same and s.pages <= 0 and s.volume <= 0 and not conference:
        return _NO
    return None


def _same_title_other_journal(a: Features, b: Features, s: PairScores) -> Verdict | None:
    """Journals named differently and no pages to compare: one paper only when the issue says so."""
    if s.venue == -1 and s.pages <= 0:
        if not _same_issue_identity(a, b):
            return _NO
        why = f"title {s.title:.2f}, {_evidence(s)}, same issue; journal named otherwise"
        return Verdict(SAME, 0.9, why)
    return None


def _same_title_no_authors(a: Features, b: Features, s: PairScores) -> Verdict | None:
    """A record without authors needs the year and one more bibliographic fact; else the title decides."""
    if s.authors is None and not (s.year_same and (s.pages > 0 or s.volume > 0 or s.venue > 0)):
        return _NO
    return _title_match(s)


def _translated_with_full_citation(a: Features, b: Features, s: PairScores) -> Verdict | None:
    """Translated titles: the full citation (journal, volume, page range, year) must match."""
    if (
        (a.translated or b.translated)
        and s.pages == 2
        and s.volume > 0
        and s.year_same
        and s.venue > 0
        and s.authors != 0.0
    ):
        return _translated_match(s)
    return None


def _authors_must_agree(a: Features, b: Features, s: PairScores) -> Verdict | None:
    """Below a matching title, authors that differ or cannot be compared keep the records apart."""
    return _NO if s.authors == 0.0 or not s.authors else None


def _similar_title(a: Features, b: Features, s: PairScores) -> Verdict | None:
    """A title with a typo or a changed word, and pages or volume that agree with nothing against."""
    if s.title >= 0.85 and (s.pages > 0 or s.volume > 0) and s.volume >= 0 and s.venue >= 0:
        return _title_match(s)
    return None


def _title_without_subtitle(a: Features, b: Features, s: PairScores) -> Verdict | None:
    """One title is the other without its subtitle or heading: pages, or the same journal issue, agree."""
    if not _is_title_head(a.title, b.title):
        return None
    if s.pages > 0 and (s.volume > 0 or s.year_same):
        return Verdict(SAME, 0.85, f"title without subtitle or heading, {_evidence(s)}")
    if s.year_same and s.venue > 0 and s.authors == 1.0 and s.same_issue and s.volume >= 0:
        return Verdict(SAME, 0.85, f"title without subtitle or heading, {_evidence(s)}, same issue")
    return None


def _translated_with_citation(a: Features, b: Features, s: PairScores) -> Verdict | None:
    """Translated titles, or the same article under its original-language title: the full citation
    (volume, page range, year) and the authors must match."""
    if s.citation and s.year_same and (a.translated or b.translated):
        return _translated_match(s)
    return None


def _same_full_citation(a: Features, b: Features, s: PairScores) -> Verdict | None:
    """Titles too different to say, but the same journal, volume, page range and year by the same
    authors (a single author only in the same issue)."""
    if (
        s.pages == 2
        and s.volume > 0
        and s.year_same
        and s.venue > 0
        and s.authors is not None
        and s.authors >= 0.8
        and (len(a.authors) > 1 or s.same_issue)
    ):
        return Verdict(SAME, 0.8, f"same citation (journal, volume, page range, year), {_evidence(s)}")
    return None


def _title_match(s: PairScores) -> Verdict:
    return Verdict(SAME, s.title, f"title {s.title:.2f}, {_evidence(s)}")


def _translated_match(s: PairScores) -> Verdict:
    return Verdict(SAME, 0.8, f"translated title, same citation, {_evidence(s)}")


#: Rules for a title similarity of 0.95 or more, in order; the last always speaks.
_SAME_TITLE_RULES: tuple[_Rule, ...] = (
    _same_title_and_citation,
    _same_title_contradicted,
    _same_title_other_journal,
    _same_title_no_authors,
)
#: Rules for a lower similarity, in order; a pair no rule accepts is two works.
_OTHER_TITLE_RULES: tuple[_Rule, ...] = (
    _translated_with_full_citation,
    _authors_must_agree,
    _similar_title,
    _title_without_subtitle,
    _translated_with_citation,
    _same_full_citation,
)


def _venue_relation(a: Features, b: Features) -> int:
    """1 = compatible journal/proceedings names, -1 = different journals, -2 = different proceedings
    names (weaker: conference names are spelt in too many ways), 0 = unknown."""
    va = a.journal or a.container_tokens
    vb = b.journal or b.container_tokens
    if not va or not vb:
        return 0
    if journals_compatible(va, vb):
        return 1
    return -1 if a.journal and b.journal else -2


def _evidence(s: PairScores) -> str:
    """The scores in words, for the reason of a merge (``--explain``)."""
    authors = s.authors
    parts = ["no authors to compare" if authors is None else "authors agree" if authors else "authors differ"]
    if s.pages > 1:
        parts.append("same pages")
    elif s.pages > 0:
        parts.append("compatible pages")
    if s.volume > 0:
        parts.append("same volume")
    if s.year_same:
        parts.append("same year")
    if s.venue > 0:
        parts.append("same journal")
    return ", ".join(parts)


def _notice_link(notice: Features, article: Features) -> Verdict:
    """An erratum/retraction/concern notice and the article it names (declared, or by quoted title)."""
    for rel_type, id_type, rid in notice.relations:
        if (
            rel_type in ("corrects", "retracts", "concern_for")
            and rid
            and (
                (id_type == "doi" and rid in article.dois)
                or (id_type == "pmid" and rid == article.pmid)
                or (id_type == "pmcid" and rid == article.pmcid)
            )
        ):
            return Verdict(NOTICE, 1.0, f"{notice.kind} declares {id_type} {rid}")
    if notice.target_title and article.title:
        sim = title_similarity(notice.target_title, article.title)
        if sim >= 0.95 and author_agreement(notice, article) != 0.0:
            return Verdict(NOTICE, sim, f"{notice.kind} names the article's title ({sim:.2f})")
    return _NO


def _preprint_link(preprint: Features, article: Features) -> Verdict:
    """A preprint and its journal version: declared links first, then a conservative fuzzy fallback."""
    for rel_type, id_type, rid in preprint.relations:
        if rel_type == "preprint_of" and id_type == "doi" and rid in article.dois:
            return Verdict(PREPRINT, 1.0, f"preprint declares published version {rid}")
    for rel_type, id_type, rid in article.relations:
        if rel_type == "has_preprint" and id_type == "doi" and rid in preprint.dois:
            return Verdict(PREPRINT, 1.0, f"article declares preprint {rid}")
    if shared := common_dois(preprint, article):
        return Verdict(PREPRINT, 1.0, f"same DOI {min(shared)}")
    if preprint.doi and article.doi and any(r[0] == "preprint_of" for r in preprint.relations):
        return _NO  # it declares a different published version
    tsim = title_similarity(preprint.title, article.title)
    if tsim < 0.9 or author_agreement(preprint, article) != 1.0:
        return _NO
    if preprint.year and article.year and not (0 <= article.year - preprint.year <= 2):
        return _NO
    if preprint.published and article.published and article.published[:10] < preprint.published[:10]:
        return _NO
    return Verdict(PREPRINT, tsim, f"preprint: title {tsim:.2f}, same first author, journal version later")


def identity_conflict(a: Features, b: Features) -> str | None:
    """Why two records are different works by identity alone (a notice and its article, two DOIs, two
    PMIDs, two Cochrane reviews), or None. These are issue 4's hard rules; no evidence overrides them."""
    if a.notice != b.notice or (a.notice and a.kind != b.kind):
        return "a notice and an article" if a.notice != b.notice else "two different kinds of notice"
    if a.cochrane and b.cochrane:
        return None if a.cochrane == b.cochrane else "two different Cochrane reviews"
    if a.preprint == b.preprint and a.dois and b.dois and not common_dois(a, b):
        return f"two different DOIs ({a.doi}, {b.doi})"
    if a.pmid and b.pmid and a.pmid != b.pmid:
        return f"two different PMIDs ({a.pmid}, {b.pmid})"
    if a.pmcid and b.pmcid and a.pmcid != b.pmcid:
        return f"two different PMCIDs ({a.pmcid}, {b.pmcid})"
    return None


def hard_conflict(a: Features, b: Features) -> str | None:
    """Why two records may never end up in one work (even through a chain of other records), or None.

    Used when two clusters are about to be joined: every cross pair is checked, so a chain of
    individually plausible merges cannot join two different DOIs or an erratum with its article.
    """
    identity = identity_conflict(a, b)
    if identity or (a.cochrane and b.cochrane):
        return identity
    if common_dois(a, b) or (a.pmid and a.pmid == b.pmid) or a.preprint != b.preprint:
        return None
    if _pages_relation(a, b) < 0 and not _strong_identity(a, b):
        return "different first pages"
    if a.year and b.year and abs(a.year - b.year) > 1 and not _both_cochrane(a, b):
        return "years more than one apart"
    if a.title and b.title and _numbers_conflict(a, b) and not _number_typo(a, b):
        return "different numbers in the titles"
    return None
