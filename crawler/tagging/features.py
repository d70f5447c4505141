"""The sparse features the design model reads: what the rules found, the abstract's structure, its words.

One function, :func:`design_features`, turns a :class:`~crawler.tagging.view.View` and the rules' verdict
into a set of short strings; the weights shipped in ``crawler/data/design_model.json`` give each string a
weight per class. The same function runs at training time (``benchmarks/train_design_model.py``) and at
run time, so the two can never drift apart.

Families (prefix: meaning):

* ``r:`` the rule list's study type, ``rf:`` the field its evidence came from (title, abstract, section);
* ``s:`` each section heading of a structured abstract, ``ns:`` how many there are;
* ``len:``, ``rs:``, ``nd:`` abstract length, strength of "original data" signals, how many numbers;
* ``t:`` / ``a:`` words and word pairs of the title / abstract (numbers become ``0``), ``a0:`` the
  abstract's first two words, ``tq``/``tc`` a title that asks a question / has a colon;
* ``j:`` words of the journal name ("case", "reports", "reviews", "letters" say much about the form);
* ``past:``, ``tense:``, ``we:``, ``stat:`` how the abstract is written: a report of one's own data is told
  in the past tense ("patients were", "it was"), with statistics ("p", "n =", "%"), by "we"; a narrative
  review states knowledge in the present ("is", "are", "can", "may") and counts nothing. Design words
  are missing from many reviews of other fields ("Alcohol use disorder and the liver"); their grammar is
  not, and it carries over to any field.

The rules' words carry over to any field; the model's words were chosen to be design vocabulary, not
topic vocabulary: the training script keeps only words used in many different journals.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from osteodigest.crawler.tagging.view import View, digit_count

#: A word, or (empty group) a number ("12", "1,500", "0.35"): one pass over the text for both. The optional
#: "'s" is an alternative with an empty one rather than a group with "?": ``re`` runs such a group through its
#: general repeat machinery at every word.
_WORD_OR_NUMBER = re.compile(r"([a-z]+(?:'[a-z]+|))|\d+(?:[.,]\d+)*")
#: Bytes of the characters a token can hold (``[a-z0-9'.,]``) kept, every other byte a space.
_TOKEN_BYTES = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789'.," else 32 for c in range(256))
_HEADING = re.compile(r"[^a-z ]+")
#: Words too common to say anything alone; they still take part in word pairs ("we review", "this case").
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "to",
        "for",
        "with",
        "by",
        "at",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "from",
        "that",
        "this",
    ]
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The word features a model knows, by prefix: single words, and word pairs as (first, second)
    tuples. Given one, :func:`design_features` makes only the strings the model can weigh (much faster):
    the pairs of a text that the model knows are one set intersection, done in C, instead of a Python
    loop over every pair of an abstract."""

    unigrams: dict[str, frozenset[str]]
    bigrams: dict[str, frozenset[tuple[str, str]]]

    @classmethod
    def of(cls, features: Iterable[str]) -> Vocabulary:
        uni: dict[str, set[str]] = {}
        bi: dict[str, set[tuple[str, str]]] = {}
        for feature in features:
            prefix, _, rest = feature.partition(":")
            if prefix not in ("t", "a") or not rest:
                continue
            first, _, second = rest.partition(" ")
            if second:
                bi.setdefault(prefix + ":", set()).add((first, second))
            else:
                uni.setdefault(prefix + ":", set()).add(first)
        return cls(
            {p: frozenset(w) for p, w in uni.items()},
            {p: frozenset(pairs) for p, pairs in bi.items()},
        )


#: Past-tense auxiliaries (a report of what was done and found) and present-tense ones (what is known).
_PAST = ("was", "were", "had", "did")
_PRESENT = ("is", "are", "can", "may", "remains", "remain")
_FIRST_PERSON = ("we", "our")
#: "p" (p < 0.05), "n" (n = 12), "ci" (95% CI), "or"/"hr" are not counted: "or" is also a conjunction.
_STATISTICS = ("p", "n", "ci", "sd", "iqr")


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    for i, edge in enumerate(edges):
        if value < edge:
            return i
    return len(edges)


def tokens(text: str) -> list[str]:
    """Lower-case words with every number reduced to ``0``.

    Found in one pass, the same tokens as replacing each number by "0" and then reading the words (what
    training did): words are letters and numbers digits (with inner "." or ","), so neither runs into the
    other.

    An ASCII text is first cut at every character no token holds (a byte translation and a split, in C):
    most pieces are then one word as they are, or one number, and only those with an apostrophe, a full stop
    or a comma go through the pattern. A token never holds a cut character, so the pieces give the same
    tokens as the whole text; the pattern alone costs several times more per word."""
    if not text.isascii():
        return [word or "0" for word in _WORD_OR_NUMBER.findall(text)]
    found: list[str] = []
    add = found.append
    for piece in text.encode("ascii").translate(_TOKEN_BYTES).decode("ascii").split():
        if piece.isalpha():
            add(piece)
        elif piece.isdigit():
            add("0")
        else:
            found.extend([word or "0" for word in _WORD_OR_NUMBER.findall(piece)])
    return found


def _grams(prefix: str, words: list[str], out: set[str], vocabulary: Vocabulary | None) -> None:
    if vocabulary is None:
        out.update(prefix + w for w in set(words) - _STOP)
        out.update(f"{prefix}{a} {b}" for a, b in pairwise(words))
        return
    known = vocabulary.unigrams.get(prefix, frozenset())
    out.update(prefix + w for w in known.intersection(words))
    pairs = vocabulary.bigrams.get(prefix)
    if pairs:
        out.update(f"{prefix}{a} {b}" for a, b in pairs.intersection(pairwise(words)))


def _grammar(words: list[str], abstract: str, out: set[str]) -> None:
    """How the abstract is written (tense, first person, statistics): one Counter pass over its words."""
    counts = Counter(words)
    past = sum(counts[w] for w in _PAST)
    present = sum(counts[w] for w in _PRESENT)
    out.add(f"past:{_bucket(past, (1, 3, 6))}")
    if past + present:
        out.add(f"tense:{_bucket(4 * past // (past + present), (1, 2, 3))}")
    out.add(f"we:{_bucket(sum(counts[w] for w in _FIRST_PERSON), (1, 3))}")
    stats = sum(counts[w] for w in _STATISTICS) + abstract.count("%")
    out.add(f"stat:{_bucket(stats, (1, 3, 8))}")


def design_features(
    view: View,
    rule_type: str | None = None,
    rule_field: str | None = None,
    research: int = 0,
    vocabulary: Vocabulary | None = None,
) -> set[str]:
    """The feature strings of one work (an unordered set: each counts once). With a ``vocabulary``, the
    word features are limited to those it holds (the result is the same once intersected with it)."""
    out: set[str] = set()
    if rule_type:
        out.add("r:" + rule_type)
        if rule_field:
            out.add("rf:" + rule_field.split(" ")[0])
    labels = view.section_labels
    out.update(_heading_features(labels))
    out.add(f"ns:{_bucket(len(labels), (1, 3, 5))}")
    abstract = view.low_abstract
    out.add(f"len:{_bucket(len(abstract), (1, 300, 800, 1500, 2500))}")
    out.add(f"rs:{min(research, 5)}")
    out.add(f"nd:{_bucket(digit_count(abstract), (1, 5, 15, 40))}")
    title_words = tokens(view.low_title)
    _grams("t:", title_words, out, vocabulary)
    if view.low_title.rstrip().endswith("?"):
        out.add("tq")
    if ":" in view.low_title:
        out.add("tc")
    if abstract:
        words = tokens(abstract)
        _grams("a:", words, out, vocabulary)
        out.add("a0:" + " ".join(words[:2]))
        _grammar(words, abstract, out)
    out.update(_journal_features(view.low_journal))
    return out


#: How many section-label sets and journal names are remembered: a bulk file repeats a few hundred of each
#: ("results", "methods"; a journal's name on each of its records), so each is worked out once.
_REMEMBERED = 4096


@functools.lru_cache(maxsize=_REMEMBERED)
def _heading_features(labels: tuple[str, ...]) -> tuple[str, ...]:
    """``s:`` features of an abstract's section labels (their first four words, letters only)."""
    headings = (" ".join(_HEADING.sub(" ", label).split()[:4]) for label in labels)
    return tuple("s:" + heading for heading in headings if heading)


@functools.lru_cache(maxsize=_REMEMBERED)
def _journal_features(journal: str) -> tuple[str, ...]:
    """``j:`` features of a journal's name (its words but the common ones and numbers)."""
    return tuple("j:" + w for w in tokens(journal) if w not in _STOP and w != "0")
