"""The topics: their service queries, the data the relevance stage reads, and the local matcher used for
feeds, pages and preprints.

Topics are data (``crawler/data/topics.toml``, plus the file named by ``general.topics_file``) so a
maintainer can widen a query or teach the relevance stage a new sense of a word without touching code.
A user's file adds topics to the shipped ones and overrides them by name, key by key; ``enabled = false``
drops a shipped topic. A topic with a ``parent`` is a sub-topic (``jaw_osteonecrosis`` under
``osteonecrosis``): it has no searches of its own, is decided by the relevance stage on the records its
parent's searches bring, and a record about it is about its parent too.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from osteodigest.crawler import registry
from osteodigest.crawler.errors import ConfigError

#: The keys of a ``[topics.NAME]`` table besides the sources' query keys, which each source declares in
#: the registry (``pubmed_query``, ``europepmc_query`` …).
_TOPIC_KEYS = {
    "label",
    "enabled",
    "parent",
    "terms",
    "exclude",
    "ambiguous",
    "weights",
    "senses",
    "mesh",
    "principal_outcome",
    "contexts",
    "support",
}
_CONTEXT_KEYS = {"terms", "near", "weight", "means"}
_SENSE_KEYS = {"terms", "near", "anywhere", "means"}
_MESH_KEYS = {"about", "related", "context", "mention"}


@dataclass(frozen=True)
class Sense:
    """A sense rule: where one of ``near`` is in the same sentence (or the title) as one of ``terms``, or
    one of ``anywhere`` is in the same text, that occurrence of the term means something else (``means``,
    worded for a reader: "bone loss around teeth or implants"). The relevance stage counts it as a mention.
    Phrases match like terms (word boundaries, any case); one ending in "*" matches any ending.
    """

    name: str
    terms: tuple[str, ...]
    near: tuple[str, ...] = ()
    anywhere: tuple[str, ...] = ()
    means: str = ""


@dataclass(frozen=True)
class Context:
    """A context rule: ``terms`` too general to name the topic alone ("fracture") count, with ``weight``,
    where one of ``near`` is in the same sentence or title ("fracture in community-dwelling older people":
    a fragility fracture). Elsewhere they are not the topic's words at all."""

    name: str
    terms: tuple[str, ...]
    near: tuple[str, ...]
    weight: float = 1.0
    means: str = ""


@dataclass(frozen=True)
class Topic:
    name: str
    label: str
    #: The query of each source searched per topic, by the topics-file key its registry entry names
    #: (``{"pubmed_query": "…", "crossref_query": "…"}``); a source without one is not asked.
    queries: dict[str, str] = field(default_factory=dict, hash=False)
    terms: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: Term -> phrases that, found in the same text, show it means something else there (BMD next to
    #: "Becker muscular dystrophy", DXA next to "body composition"). The term counts as usual otherwise.
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The topic this one is a sub-topic of ("" for a main topic).
    parent: str = ""
    #: Term -> how much one occurrence says the paper is about the topic (1.0 when not listed): a term that
    #: is often a measurement or a tool (DXA, kyphoplasty) weighs less than the name of the disease.
    weights: tuple[tuple[str, float], ...] = ()
    #: Sense rules of the relevance stage (see :class:`Sense`).
    senses: tuple[Sense, ...] = ()
    #: MeSH descriptors (names, as NLM writes them) that put an indexed record under the topic (``about``),
    #: support it (``related``: as a minor descriptor, NLM saw the topic discussed) or only describe its
    #: setting (``context``: bone remodelling, dietary calcium; as a minor descriptor they say nothing).
    mesh_about: tuple[str, ...] = ()
    mesh_related: tuple[str, ...] = ()
    mesh_context: tuple[str, ...] = ()
    #: Descriptors that, indexed at all, make a record mention the topic and never support it (the topic's
    #: drugs as older MEDLINE indexes them: etidronate, calcitonin, mostly for other diseases then).
    mesh_mention: tuple[str, ...] = ()
    #: Whether the relevance stage reads the topic as a principal reported outcome when the abstract
    #: reports its frequency and names it again ("avascular necrosis occurred in 52 per cent").
    principal_outcome: bool = False
    #: Context rules of the relevance stage (see :class:`Context`).
    contexts: tuple[Context, ...] = ()
    #: Terms of a model or a tool that are the topic's only beside another of its terms or descriptors
    #: (ovariectomised rats model menopause for the uterus and the brain too): alone, not the topic's words.
    support: tuple[str, ...] = ()

    def query(self, key: str) -> str:
        """The query under ``key`` on one line ("" when the topic has none): the services want one line,
        and a long query is easier to keep in the topics file over several."""
        return " ".join(self.queries.get(key, "").split())


def fold_for_matching(text: str) -> str:
    """Lower-case, accent-free, dash-normalized text without possessives, as topic terms are matched
    (Kienböck == kienbock, "Perthes' disease" == "Perthes disease").

    Not :func:`crawler.dedup.normalize.fold_for_comparison`, which spells Greek letters out and keeps
    possessives: that one makes the keys records are compared by, this one the text phrases are found in.
    """
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


#: A gap between a term's words; a possessive before it is allowed ("Preiser's disease", "Parkinson's
#: disease"): the deeper reading sees an apostrophe as a space, so the possessive is a lone "s" there.
_GAP = r"(?:(?:'|\s+)s(?=[\s-]))?[\s-]+"
_PLURAL = "(?:e?s)?"
_END = ""  # trie key marking that a term may end here


def _term_units(term: str, abbreviation: bool) -> list[str]:
    """A term as regex units: one escaped character each, word gaps, and an optional ending."""
    if abbreviation:
        # Plural ("ONFHs") and nothing else; the pattern runs on text whose case was kept.
        return [re.escape(ch) for ch in _plain(term)] + ["s?"]
    wildcard = term.endswith("*")
    words = [w for w in re.split(r"[\s-]+", fold_for_matching(term.rstrip("*")).strip()) if w]
    units: list[str] = []
    for index, word in enumerate(words):
        if index:
            units.append(_GAP)
        units.extend(re.escape(ch) for ch in word)
    if wildcard:
        return [*units, r"\w*"]
    if words and len(words[-1]) > 4 and words[-1].endswith("sis"):
        # A Greek plural, common in translated titles of older MEDLINE ("aseptic necroses of bone").
        return [*units[:-2], "[ie]", units[-1]]
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

    # Each node's depth once: asked afresh at every level, it cost most of the start of `osteodigest tag`.
    depths: dict[int, int] = {}

    def depth(node: dict[str, Any]) -> int:
        found = depths.get(id(node))
        if found is None:
            found = depths[id(node)] = 1 + max((depth(child) for child in node.values()), default=0)
        return found

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


def compile_terms(terms: list[str], abbreviations: bool) -> re.Pattern[str] | None:
    """One pattern for all ``terms`` (None when there are none), matched as the topic matcher matches them:
    phrases on text :func:`fold_for_matching` made (any case, accents, hyphens, an English plural, "*" for
    any ending), abbreviations on text whose case was kept. The relevance stage compiles its vocabulary
    with it too."""
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
        self.phrases = compile_terms([t for t in terms if not is_abbreviation(t)], abbreviations=False)
        self.abbreviations = compile_terms([t for t in terms if is_abbreviation(t)], abbreviations=True)
        self.exclude = compile_terms(list(topic.exclude), abbreviations=False)
        self.guarded = [
            (
                is_abbreviation(term),
                compile_terms([term], is_abbreviation(term)),
                compile_terms(list(cues), False),
            )
            for term, cues in ambiguous.items()
        ]
        # One scan that says whether any ambiguous term occurs at all (usually none does).
        self.any_guarded_phrase = compile_terms([t for t in ambiguous if not is_abbreviation(t)], False)
        self.any_guarded_abbreviation = compile_terms([t for t in ambiguous if is_abbreviation(t)], True)

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
    shows its other sense. Presence, not aboutness: no source filters with it any more (they ask the
    relevance stage); ``benchmarks/relevance.py`` keeps it as the baseline the stage is measured against.
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


def load_topics(path: str | Path | None = None) -> list[Topic]:
    """The shipped topics, with a user's TOML file (if any) merged in by name.

    A ``[topics.NAME]`` table of the user's file adds a topic, or overrides the keys it sets of the shipped
    topic of that name (the others stay); ``enabled = false`` drops a topic. Shipped topics keep their
    order and new ones follow in the file's order. ``replace_shipped = true`` at the top of the user's
    file starts from no topic instead (for those who want only their own).
    """
    shipped = resources.files("osteodigest.crawler.data").joinpath("topics.toml").read_text(encoding="utf-8")
    tables = _tables(shipped, "shipped topics.toml")
    origins = dict.fromkeys(tables, "shipped topics.toml")
    if path:
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read topics file {path}: {exc.strerror}") from None
        if _replaces_shipped(raw, str(path)):
            tables, origins = {}, {}
        for name, table in _tables(raw, str(path)).items():
            tables[name] = {**tables.get(name, {}), **table}
            origins[name] = str(path)
    topics = [
        _topic(name, table, origins[name]) for name, table in tables.items() if table.get("enabled", True)
    ]
    names = {t.name: t for t in topics}
    for topic in topics:
        parent = names.get(topic.parent) if topic.parent else None
        if topic.parent and (parent is None or parent.parent):
            raise ConfigError(
                f"bad value for 'topics.{topic.name}.parent' in {origins[topic.name]}: "
                f"'{topic.parent}' is not a main topic"
            )
    if not main_topics(topics):
        raise ConfigError(f"{path or 'shipped topics.toml'}: no main topic is left enabled")
    return topics


def main_topics(topics: list[Topic]) -> list[Topic]:
    """The topics that are searched, listed in editions and offered to subscribers (not sub-topics)."""
    return [t for t in topics if not t.parent]


def _replaces_shipped(raw: str, origin: str) -> bool:
    try:
        value = tomllib.loads(raw).get("replace_shipped", False)
    except tomllib.TOMLDecodeError:
        return False  # _tables says what is wrong with it
    if not isinstance(value, bool):
        raise ConfigError(f"bad value for 'replace_shipped' in {origin}: expected true or false")
    return value


def _tables(raw: str, origin: str) -> dict[str, dict[str, Any]]:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: invalid TOML: {exc}") from None
    tables = data.get("topics")
    if not isinstance(tables, dict) or not tables:
        raise ConfigError(f"{origin}: no [topics.NAME] tables")
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise ConfigError(f"bad value for 'topics.{name}' in {origin}: expected a table")
        unknown = set(table) - _TOPIC_KEYS - set(registry.topic_query_keys())
        if unknown:
            raise ConfigError(f"unknown config key 'topics.{name}.{sorted(unknown)[0]}' in {origin}")
    return tables


def _topic(name: str, table: dict[str, Any], origin: str) -> Topic:
    parent = str(table.get("parent", "") or "")
    for spec in registry.sources():
        if spec.query_required and not table.get(spec.topic_query) and not parent:
            raise ConfigError(f"missing value for 'topics.{name}.{spec.topic_query}' in {origin}")
    mesh = table.get("mesh", {})
    if not isinstance(mesh, dict):
        raise ConfigError(f"bad value for 'topics.{name}.mesh' in {origin}: expected a table")
    if unknown := sorted(set(mesh) - _MESH_KEYS):
        raise ConfigError(f"unknown config key 'topics.{name}.mesh.{unknown[0]}' in {origin}")
    return Topic(
        name=name,
        label=table.get("label", name.replace("_", " ").capitalize()),
        queries=_queries(table, f"topics.{name}", origin),
        terms=_phrases(table, "terms", f"topics.{name}", origin),
        exclude=_phrases(table, "exclude", f"topics.{name}", origin),
        ambiguous=_ambiguous(table.get("ambiguous", {}), f"topics.{name}.ambiguous", origin),
        parent=parent,
        weights=_weights(table.get("weights", {}), f"topics.{name}.weights", origin),
        senses=_senses(table.get("senses", {}), f"topics.{name}.senses", origin),
        mesh_about=_phrases(mesh, "about", f"topics.{name}.mesh", origin),
        mesh_related=_phrases(mesh, "related", f"topics.{name}.mesh", origin),
        mesh_context=_phrases(mesh, "context", f"topics.{name}.mesh", origin),
        mesh_mention=_phrases(mesh, "mention", f"topics.{name}.mesh", origin),
        principal_outcome=_flag(table, "principal_outcome", f"topics.{name}", origin),
        contexts=_contexts(table.get("contexts", {}), f"topics.{name}.contexts", origin),
        support=_phrases(table, "support", f"topics.{name}", origin),
    )


def _queries(table: dict[str, Any], where: str, origin: str) -> dict[str, str]:
    queries = {}
    for key in registry.topic_query_keys():
        value = table.get(key, "")
        if not isinstance(value, str):
            raise ConfigError(f"bad value for '{where}.{key}' in {origin}: expected a string")
        if value.strip():
            queries[key] = value
    return queries


def _contexts(table: object, where: str, origin: str) -> tuple[Context, ...]:
    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise ConfigError(f"bad value for '{where}' in {origin}: expected [{where}.NAME] tables")
    contexts = []
    for name, rule in table.items():
        if unknown := sorted(set(rule) - _CONTEXT_KEYS):
            raise ConfigError(f"unknown config key '{where}.{name}.{unknown[0]}' in {origin}")
        weight = rule.get("weight", 1.0)
        if not isinstance(weight, int | float) or isinstance(weight, bool) or not 0 <= weight <= 10:
            raise ConfigError(
                f"bad value for '{where}.{name}.weight' in {origin}: expected a number (0 to 10)"
            )
        context = Context(
            name=name,
            terms=_phrases(rule, "terms", f"{where}.{name}", origin),
            near=_phrases(rule, "near", f"{where}.{name}", origin),
            weight=float(weight),
            means=str(rule.get("means", "") or name.replace("_", " ")),
        )
        if not context.terms or not context.near:
            raise ConfigError(f"bad value for '{where}.{name}' in {origin}: needs terms and near")
        contexts.append(context)
    return tuple(contexts)


def _flag(table: dict[str, Any], key: str, where: str, origin: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"bad value for '{where}.{key}' in {origin}: expected true or false")
    return value


def _weights(table: object, where: str, origin: str) -> tuple[tuple[str, float], ...]:
    if not isinstance(table, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 10 for v in table.values()
    ):
        raise ConfigError(f"bad value for '{where}' in {origin}: expected term = number (0 to 10)")
    return tuple((term, float(weight)) for term, weight in table.items())


def _senses(table: object, where: str, origin: str) -> tuple[Sense, ...]:
    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise ConfigError(f"bad value for '{where}' in {origin}: expected [{where}.NAME] tables")
    senses = []
    for name, rule in table.items():
        unknown = set(rule) - _SENSE_KEYS
        if unknown:
            raise ConfigError(f"unknown config key '{where}.{name}.{sorted(unknown)[0]}' in {origin}")
        sense = Sense(
            name=name,
            terms=_phrases(rule, "terms", f"{where}.{name}", origin),
            near=_phrases(rule, "near", f"{where}.{name}", origin),
            anywhere=_phrases(rule, "anywhere", f"{where}.{name}", origin),
            means=str(rule.get("means", "") or name.replace("_", " ")),
        )
        if not sense.terms or not (sense.near or sense.anywhere):
            raise ConfigError(f"bad value for '{where}.{name}' in {origin}: needs terms and near or anywhere")
        senses.append(sense)
    return tuple(senses)


def _phrases(table: dict[str, Any], key: str, where: str, origin: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"bad value for '{where}.{key}' in {origin}: expected a list of phrases")
    return tuple(v for v in value if v.strip())


def _ambiguous(table: object, where: str, origin: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(table, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in table.values()
    ):
        raise ConfigError(f"bad value for '{where}' in {origin}: expected a table of lists of phrases")
    return tuple((term, tuple(cues)) for term, cues in table.items() if term.strip())
