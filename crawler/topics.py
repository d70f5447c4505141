"""The two topics: their service queries and the local matcher used for feeds, pages and preprints.

Topics are data (``crawler/data/topics.toml``, or the file named by ``general.topics_file``) so a
maintainer can widen a query without touching code.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from osteodigest.crawler.errors import ConfigError

_TOPIC_KEYS = {
    "label",
    "pubmed_query",
    "europepmc_query",
    "crossref_query",
    "clinicaltrials_condition",
    "terms",
    "exclude",
    "ambiguous",
}


@dataclass(frozen=True)
class Topic:
    name: str
    label: str
    pubmed_query: str
    europepmc_query: str = ""
    crossref_query: str = ""
    clinicaltrials_condition: str = ""
    terms: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: Term -> phrases that, found in the same text, show it means something else there (BMD next to
    #: "Becker muscular dystrophy", DXA next to "body composition"). The term counts as usual otherwise.
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def pubmed_term(self) -> str:
        """The PubMed query on one line, as E-utilities expects it."""
        return " ".join(self.pubmed_query.split())


def fold(text: str) -> str:
    """Lower-case, accent-free, dash-normalised text for matching (Kienböck == kienbock)."""
    return _plain(text).casefold()


#: Combining marks left by NFKD (the accents of Latin letters, and the other blocks of diacritics).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_APOSTROPHE_S = re.compile(r"['\u2019\u02bc][sS]\b")
_APOSTROPHE = re.compile(r"['\u2019\u02bc\u2018]")


def _plain(text: str) -> str:
    """Accents removed, dashes unified, possessives dropped ("Perthes' disease" == "Perthes disease").

    Case is kept, because abbreviations are matched case-sensitively: "BMD" is bone mineral density,
    a lower-case "bmd" in running text rarely is.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = _COMBINING.sub("", text)
        text = _DASHES.sub("-", text)
    if "'" in text or not text.isascii():
        text = _APOSTROPHE.sub("", _APOSTROPHE_S.sub("", text))
    return text


def is_abbreviation(term: str) -> bool:
    """ONFH, MRONJ, BMD, DXA: written in capitals (digits allowed), matched only in capitals."""
    return len(term) >= 2 and term.isupper() and term.replace("-", "").isalnum()


_GAP = r"[\s-]+"
_PLURAL = "(?:e?s)?"
_END = ""  # trie key marking that a term may end here


def _term_units(term: str, abbreviation: bool) -> list[str]:
    """A term as regex units: one escaped character each, word gaps, and an optional ending."""
    if abbreviation:
        # Plural ("ONFHs") and nothing else; the pattern runs on text whose case was kept.
        return [re.escape(ch) for ch in _plain(term)] + ["s?"]
    wildcard = term.endswith("*")
    words = [w for w in re.split(r"[\s-]+", fold(term.rstrip("*")).strip()) if w]
    units: list[str] = []
    for index, word in enumerate(words):
        if index:
            units.append(_GAP)
        units.extend(re.escape(ch) for ch in word)
    if wildcard:
        return [*units, r"\w*"]
    # An English plural costs nothing to allow and saves listing "fracture"/"fractures" twice.
    return [*units, _PLURAL] if words and words[-1][-1:].isalpha() else units


def _trie_regex(sequences: list[list[str]]) -> str:
    """One alternation with shared prefixes factored out ("osteo(?:necros…|porot…)").

    A flat alternation of a hundred terms makes the engine try every term at every position of a long
    abstract; the factored form tries only the branch that the next character allows, which is what
    keeps matching fast enough for bulk preprint and feed filtering.
    """
    trie: dict[str, Any] = {}
    for units in sequences:
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[_END] = {}

    def depth(node: dict[str, Any]) -> int:
        return 1 + max((depth(child) for child in node.values()), default=0)

    def emit(node: dict[str, Any]) -> str:
        # Longer continuations first: the engine takes the first alternative that succeeds, and the
        # longest term is the one to report ("osteonecrosis of the jaw", not "osteonecrosis").
        branches = sorted((u for u in node if u != _END), key=lambda u: -depth(node[u]))
        alternatives = [unit + emit(node[unit]) for unit in branches]
        if not alternatives:
            return ""
        if len(alternatives) == 1 and _END not in node:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")" + ("?" if _END in node else "")

    return emit(trie)


def _compile(terms: list[str], abbreviations: bool) -> re.Pattern[str] | None:
    sequences = [_term_units(t, abbreviations) for t in dict.fromkeys(t for t in terms if t.strip())]
    if not sequences:
        return None
    # Letters and digits are word characters; a hyphen is a boundary ("ONFH-like", "non-osteoporotic").
    return re.compile(r"(?<!\w)" + _trie_regex(sequences) + r"(?!\w)")


class _TopicPatterns:
    """The compiled form of one topic: phrases (any case), abbreviations (capitals), exclusions, and the
    ambiguous terms, each with the cues that veto it."""

    def __init__(self, topic: Topic) -> None:
        ambiguous = dict(topic.ambiguous)
        terms = [t for t in dict.fromkeys(topic.terms) if t not in ambiguous]
        self.phrases = _compile([t for t in terms if not is_abbreviation(t)], abbreviations=False)
        self.abbreviations = _compile([t for t in terms if is_abbreviation(t)], abbreviations=True)
        self.exclude = _compile(list(topic.exclude), abbreviations=False)
        self.guarded = [
            (is_abbreviation(term), _compile([term], is_abbreviation(term)), _compile(list(cues), False))
            for term, cues in ambiguous.items()
        ]
        # One scan that says whether any ambiguous term occurs at all (usually none does).
        self.any_guarded_phrase = _compile([t for t in ambiguous if not is_abbreviation(t)], False)
        self.any_guarded_abbreviation = _compile([t for t in ambiguous if is_abbreviation(t)], True)

    def find(self, plain: str, folded: str) -> list[str]:
        if self.exclude is not None:
            # Exclusions are blanked in both forms; blanking keeps the two strings aligned.
            for match in reversed(list(self.exclude.finditer(folded))):
                start, end = match.span()
                plain = plain[:start] + " " * (end - start) + plain[end:]
                folded = folded[:start] + " " * (end - start) + folded[end:]
        found: list[str] = []
        if self.phrases is not None:
            found += [m.group(0) for m in self.phrases.finditer(folded)]
        if self.abbreviations is not None:
            found += [m.group(0) for m in self.abbreviations.finditer(plain)]
        phrase_seen = self.any_guarded_phrase is not None and self.any_guarded_phrase.search(folded)
        abbreviation_seen = (
            self.any_guarded_abbreviation is not None and self.any_guarded_abbreviation.search(plain)
        )
        for abbreviation, pattern, cues in self.guarded:
            if not (abbreviation_seen if abbreviation else phrase_seen):
                continue
            text = plain if abbreviation else folded
            hits = [m.group(0) for m in pattern.finditer(text)] if pattern else []
            if hits and (cues is None or not cues.search(folded)):
                found += hits
        return list(dict.fromkeys(" ".join(f.split()) for f in found))


def _fold_char(ch: str) -> str:
    for candidate in (ch.casefold(), ch.lower()):
        if len(candidate) == 1:
            return candidate
    return ch


class TopicMatcher:
    """Decides locally whether a title/abstract belongs to a topic, and which terms said so.

    Phrases match on word boundaries whatever their case, accents, hyphenation or plural; abbreviations
    (terms written in capitals) match only in capitals, and an ambiguous term is ignored where the text
    shows its other sense. This is what feeds, scraped pages and preprint servers are filtered with, so
    it errs towards precision on abbreviations and towards recall on spelled-out phrases.
    """

    def __init__(self, topics: list[Topic]) -> None:
        self.topics = topics
        self._patterns = {t.name: _TopicPatterns(t) for t in topics if t.terms or t.ambiguous}

    def matches(self, *texts: str | None) -> dict[str, list[str]]:
        """Topic name -> distinct matched terms (as found, accents removed), for every topic that matches."""
        plain = _plain(" ".join(t for t in texts if t))
        folded = plain.casefold()
        if len(folded) != len(plain):
            # A character whose case-folding changes length (ß -> ss): fold char by char so the two
            # strings stay aligned for blanking exclusions.
            folded = "".join(_fold_char(ch) for ch in plain)
        result: dict[str, list[str]] = {}
        for name, patterns in self._patterns.items():
            found = patterns.find(plain, folded)
            if found:
                result[name] = found
        return result

    def topics_for(self, *texts: str | None) -> tuple[str, ...]:
        return tuple(self.matches(*texts))


def load_topics(path: str | Path | None = None) -> list[Topic]:
    """The shipped topics, or those of a user's TOML file."""
    if path:
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read topics file {path}: {exc.strerror}") from None
        origin = str(path)
    else:
        raw = resources.files("osteodigest.crawler.data").joinpath("topics.toml").read_text(encoding="utf-8")
        origin = "shipped topics.toml"
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: invalid TOML: {exc}") from None
    tables = data.get("topics")
    if not isinstance(tables, dict) or not tables:
        raise ConfigError(f"{origin}: no [topics.NAME] tables")
    topics = []
    for name, table in tables.items():
        unknown = set(table) - _TOPIC_KEYS
        if unknown:
            raise ConfigError(f"unknown config key 'topics.{name}.{sorted(unknown)[0]}' in {origin}")
        if not table.get("pubmed_query"):
            raise ConfigError(f"missing value for 'topics.{name}.pubmed_query' in {origin}")
        topics.append(
            Topic(
                name=name,
                label=table.get("label", name.title()),
                pubmed_query=table["pubmed_query"],
                europepmc_query=" ".join(table.get("europepmc_query", "").split()),
                crossref_query=table.get("crossref_query", ""),
                clinicaltrials_condition=table.get("clinicaltrials_condition", ""),
                terms=tuple(table.get("terms", ())),
                exclude=tuple(table.get("exclude", ())),
                ambiguous=_ambiguous(table.get("ambiguous", {}), f"topics.{name}.ambiguous", origin),
            )
        )
    return topics


def _ambiguous(table: object, where: str, origin: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(table, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in table.values()
    ):
        raise ConfigError(f"bad value for '{where}' in {origin}: expected a table of lists of phrases")
    return tuple((term, tuple(cues)) for term, cues in table.items() if term.strip())
