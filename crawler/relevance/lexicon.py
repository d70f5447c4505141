"""A topic's vocabulary compiled once for the relevance stage: term patterns, the prefilter's substrings,
term weights, sense rules and MeSH descriptors.

Everything here comes from the topics file (``crawler/data/topics.toml`` and a user's file), so teaching
the stage a new term, weight or sense is a data change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from osteodigest.crawler.topics import Topic, compile_terms, fold_for_matching, is_abbreviation

#: Words too common in biomedical abstracts to be a term's prefilter substring ("bone health" is sought by
#: "bone", not "health").
_COMMON_WORDS = frozenset(
    {
        *("health", "loss", "mass", "risk", "disease", "syndrome", "density", "treatment", "lesion"),
        *("marker", "turnover", "score", "content", "surgery", "acid", "women", "older", "induced"),
        *("related", "associated", "head", "neck", "rats", "mice", "mouse", "skeletal", "plana"),
        # Words of every text: a phrase's stem is never one of them ("osteochondrosis of the hip" offered
        # "the", which the greedy cover took for serving many phrases at once).
        *("the", "and", "for", "with", "index", "thickness", "cortical", "cortex"),
        # ... and words that would serve several phrases at once but occur in every other text ("hip" inside
        # "relationship", "second", "transient", "broken").
        *("hip", "hips", "second", "transient", "broken", "painful", "regional", "changes", "workers"),
    }
)
_SHORTEST_STEM = 6


@dataclass(frozen=True)
class SenseRule:
    """A compiled :class:`crawler.topics.Sense` (or an ``ambiguous`` entry: text-wide cues)."""

    terms: frozenset[str]
    near: re.Pattern[str] | None
    anywhere: re.Pattern[str] | None
    means: str


@dataclass(frozen=True)
class ContextRule:
    """A compiled :class:`crawler.topics.Context`: ``pattern`` finds its terms, ``near`` its cues."""

    pattern: re.Pattern[str]
    near: re.Pattern[str]

    def cued(self, text: str) -> bool:
        """Whether one of the cues occurs in ``text`` (lower-case), as a cue: "aged women" inside "middle-aged
        women" says the opposite of old age, and so does "old people" inside "20-year-old people" (a hyphen
        is a word boundary for the patterns); "70-year-old people" are older people."""
        for match in self.near.finditer(text):
            before = text[max(0, match.start() - 12) : match.start()]
            if _MIDDLE.search(before):
                continue
            years = _YEARS.search(before)
            if years and int(years.group(1)) < OLD_AGE:
                continue
            return True
        return False


#: What, right before a cue of age, makes it middle age ("middle-aged", "middle aged").
_MIDDLE = re.compile(r"middle[\s-]$")
#: An age in years right before a cue ("70-year-old people", "20 year old women"): the cue is one of old age
#: only from :data:`OLD_AGE` on.
_YEARS = re.compile(r"(\d+)[\s-]*years?[\s-]+$")
#: The youngest age in years that makes "N-year-old people" older people (the cues' "aged 60" too).
OLD_AGE = 60


@dataclass
class Lexicon:
    """One topic, compiled."""

    topic: Topic
    phrases: re.Pattern[str] | None
    abbreviations: re.Pattern[str] | None
    exclude: re.Pattern[str] | None
    #: Lower-case substrings, one of which every phrase occurrence contains (the prefilter).
    stems: tuple[str, ...]
    #: Abbreviations as written (the prefilter looks for them in the raw text).
    abbreviation_stems: tuple[str, ...]
    weights: dict[str, float]
    senses: tuple[SenseRule, ...]
    mesh_about: frozenset[str]
    mesh_related: frozenset[str]
    mesh_context: frozenset[str]
    #: Descriptors that make a mention only (see ``Topic.mesh_mention``).
    mesh_mention: frozenset[str]
    principal_outcome: bool
    contexts: tuple[ContextRule, ...] = ()
    #: Terms that count only beside another of the topic's terms or descriptors (see ``Topic.support``).
    support: frozenset[str] = frozenset()
    #: The general words of context rules that are not terms of the topic themselves ("fracture").
    general: frozenset[str] = frozenset()
    _single: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)
    _term_of: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return self.topic.name

    def term_of(self, matched: str) -> str:
        """The topic term (folded, as the topics file spells it) that produced a match."""
        key = " ".join(matched.split())
        term = self._term_of.get(key)
        if term is None:
            term = next((t for t, p in self._single.items() if p.fullmatch(key)), fold_for_matching(key))
            if len(self._term_of) < 4096:
                self._term_of[key] = term
        return term

    def weight(self, term: str) -> float:
        return self.weights.get(term, 1.0)


def compile_topic(topic: Topic) -> Lexicon:
    ambiguous = dict(topic.ambiguous)
    # An ambiguous term counts as a term (it need not be repeated in `terms`).
    vocabulary = list(dict.fromkeys([*topic.terms, *ambiguous]))
    phrases = [t for t in vocabulary if not is_abbreviation(t)]
    abbreviations = [t for t in vocabulary if is_abbreviation(t)]
    single = {_key(t): p for t in vocabulary if (p := compile_terms([t], is_abbreviation(t))) is not None}
    contextual = [t for context in topic.contexts for t in context.terms if _key(t) not in single]
    single.update({_key(t): p for t in contextual if (p := compile_terms([t], False)) is not None})
    contexts = tuple(
        ContextRule(pattern, near)
        for context in topic.contexts
        if (pattern := compile_terms(list(context.terms), False)) is not None
        and (near := compile_terms(list(context.near), False)) is not None
    )
    weights = {_key(t): context.weight for context in topic.contexts for t in context.terms}
    weights.update({_key(t): w for t, w in topic.weights})
    senses = [
        SenseRule(
            terms=frozenset(_key(t) for t in sense.terms),
            near=compile_terms(list(sense.near), abbreviations=False),
            anywhere=compile_terms(list(sense.anywhere), abbreviations=False),
            means=sense.means,
        )
        for sense in topic.senses
    ]
    senses += [
        SenseRule(
            frozenset({_key(term)}), None, compile_terms(list(cues), abbreviations=False), "another sense"
        )
        for term, cues in topic.ambiguous
        if cues
    ]
    return Lexicon(
        topic=topic,
        phrases=compile_terms(phrases, abbreviations=False),
        abbreviations=compile_terms(abbreviations, abbreviations=True),
        exclude=compile_terms(list(topic.exclude), abbreviations=False),
        stems=_stems([*phrases, *contextual]),
        abbreviation_stems=tuple(dict.fromkeys(abbreviations)),
        weights=weights,
        senses=tuple(senses),
        mesh_about=frozenset(m.lower() for m in topic.mesh_about),
        mesh_related=frozenset(m.lower() for m in topic.mesh_related),
        mesh_context=frozenset(m.lower() for m in topic.mesh_context),
        mesh_mention=frozenset(m.lower() for m in topic.mesh_mention),
        principal_outcome=topic.principal_outcome,
        contexts=contexts,
        support=frozenset(_key(t) for t in topic.support),
        general=frozenset(_key(t) for t in contextual),
        _single=single,
    )


def _key(term: str) -> str:
    """How terms are compared: abbreviations as written, phrases folded with single spaces."""
    return term if is_abbreviation(term) else " ".join(fold_for_matching(term.rstrip("*")).split())


def _stem_end(word: str) -> int:
    """How much of ``word`` a stem may take: a word in "-sis" also matches its Greek plural in "-ses"
    (``crawler.topics``), so a stem must stop before its last two letters ("necros", never "necrosis", or
    "avascular necroses" would pass the prefilter only while some other stem happened to be chosen)."""
    return len(word) - 2 if len(word) > 4 and word.endswith("sis") else len(word)


def _stems(phrases: list[str]) -> tuple[str, ...]:
    """Few substrings such that every occurrence of every phrase contains one of them.

    A phrase offers the prefixes (six letters or more) of each of its words that is long and uncommon
    enough ("bone health" offers "bone", not "health"); a greedy cover then picks the substring that serves
    the most phrases, the longest among equals, so "osteop" serves osteoporosis and osteopenia while
    "absorptiometry" is not cut down to "absorpt" (absorption). Folding is the prefilter's, so the letters
    are ASCII.
    """
    offers: dict[str, set[str]] = {}
    for phrase in phrases:
        words = [w for w in re.split(r"[^a-z0-9]+", fold_for_matching(phrase.rstrip("*"))) if w]
        good = [w for w in words if len(w) >= 3 and w not in _COMMON_WORDS] or words
        offers[phrase] = {
            w[:n] for w in good for end in (_stem_end(w),) for n in range(min(_SHORTEST_STEM, end), end + 1)
        }
    chosen: list[str] = []
    uncovered = set(offers)
    while uncovered:
        counts: dict[str, int] = {}
        for phrase in uncovered:
            for stem in offers[phrase]:
                counts[stem] = counts.get(stem, 0) + 1
        best = max(counts, key=lambda s: (counts[s], len(s), s))
        chosen.append(best)
        uncovered = {p for p in uncovered if best not in offers[p]}
    return tuple(chosen)
