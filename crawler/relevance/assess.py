"""The relevance decision: every occurrence of a topic's terms, weighed by where it stands and what it
means there, and NLM's indexing when the record has it.

1. Prefilter: one pass of a few substring tests per topic over the lower-cased record (and a look at its
   MeSH); most records stop here with ``none`` for every topic.
2. Occurrences: each topic term found in the title, a keyword or an abstract sentence. An occurrence that
   a sense rule or an exclusion puts in another sense, that a negation denies, or that is one item of a
   list of other conditions or outcomes is a mention only; the others count.
3. Score: counted occurrences weigh by field (title > keywords, aim and conclusion > results, methods >
   background) and by term (the name of the disease > a tool or a measurement), repetitions in a field
   count less and less; MeSH major topics weigh like the title.
4. Decision: ``about`` when the score reaches the threshold and some counted evidence is in the title,
   keywords, aim, conclusion or a MeSH major topic; ``mentions`` when anything was found; else ``none``.
   A record about a sub-topic is about its parent too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from osteodigest.crawler.models import Record
from osteodigest.crawler.relevance.document import Document, Unit, document
from osteodigest.crawler.relevance.lexicon import Lexicon, compile_topic
from osteodigest.crawler.relevance.lists import list_item, listed_in_title
from osteodigest.crawler.relevance.model import INDEXED, Decision, Evidence, TopicRelevance
from osteodigest.crawler.relevance.negation import negation
from osteodigest.crawler.relevance.outcomes import principal_outcome, promoted
from osteodigest.crawler.relevance.prefilter import Prefilter
from osteodigest.crawler.relevance.wording import reason
from osteodigest.crawler.topics import Topic, is_abbreviation

#: How much one counted occurrence weighs by where it stands.
FIELD_WEIGHTS = {
    "title": 4.0,
    "keywords": 2.0,
    "objective": 2.0,
    "conclusion": 2.0,
    "outcome": 3.0,  # a principal reported outcome (see outcomes.py)
    "results": 1.0,
    "abstract": 1.0,
    "methods": 0.75,
    "background": 0.5,
    "frame": 2.0,  # the opening sentence of an abstract that concludes on the topic too (see _framed)
}
MESH_MAJOR = 4.0  # a MeSH major topic of the topic, like the title
MESH_MINOR = 0.5  # a minor one: NLM found the topic discussed, not the subject
RELATED_MAJOR = 1.0  # a supporting descriptor as a major topic
#: Each further counted occurrence in the same field weighs this much of the one before.
REPEAT = 0.6
#: The score at which a record is about a topic (one occurrence of the disease's name in the title).
ABOUT = 4.0
#: A term weighing at least this much names the topic (weaker ones only support it).
STRONG = 0.75
#: The field of an opening sentence that frames the study (:func:`_framed`).
FRAME = "frame"
#: Where counted evidence must stand for ``about`` (the abstract's body alone never makes a subject).
ANCHORS = frozenset({"title", "keywords", "objective", "conclusion", "outcome", "mesh_major"})


class RelevanceStage:
    """The topics compiled once; :meth:`assess` is then a pure function of a record."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self.topics = list(topics)
        self.lexicons = [compile_topic(t) for t in self.topics]
        self.prefilter = Prefilter(self.lexicons)
        self._none = {t.name: TopicRelevance(t.name, "none") for t in self.topics}

    def assess(self, records: Record | Sequence[Record] | Document) -> dict[str, TopicRelevance]:
        """Topic name -> decision, for every topic, for one record or the records of one work."""
        if isinstance(records, Document):
            raw, mesh = records.raw, records.mesh
        else:
            raw, mesh = _raw(records)
        hits = self.prefilter.topics(raw, mesh)
        if not hits:
            return dict(self._none)
        doc = records if isinstance(records, Document) else document(records)
        result = dict(self._none)
        for lex in hits:
            result[lex.name] = _decide(lex, _evidence(lex, doc))
        return _promote(self.topics, result)

    def candidates(self, records: Record | Sequence[Record]) -> tuple[str, ...]:
        """The topics a record could be about at all: a term, abbreviation or descriptor of theirs occurs
        in it (the prefilter alone, no decision; a sub-topic's candidate is its parent's too).

        For a source that must drop clearly off-topic items before storing them (a journal's whole feed,
        a preprint server's day): it keeps the records with a candidate, and the decision is made once,
        on the stored work, so the costly reading is never done twice.
        """
        raw, mesh = _raw(records)
        found = {lex.name for lex in self.prefilter.topics(raw, mesh)}
        found |= {t.parent for t in self.topics if t.parent and t.name in found}
        return tuple(t.name for t in self.topics if t.name in found)


def _raw(records: Record | Sequence[Record]) -> tuple[str, frozenset[str]]:
    """A record's (or a work's) text and MeSH for the prefilter, without building a :class:`Document`."""
    group = (records,) if isinstance(records, Record) else records
    raw = "\n".join(f"{r.title}\n{r.abstract}\n{'; '.join(r.keywords)}" for r in group)
    mesh = (
        frozenset(m.strip("* ").lower() for r in group for m in r.mesh)
        if any(r.mesh for r in group)
        else _NO_MESH
    )
    return raw, mesh


_NO_MESH: frozenset[str] = frozenset()


def assess(records: Record | Sequence[Record], topics: Sequence[Topic]) -> dict[str, TopicRelevance]:
    """Compile ``topics`` and assess ``records`` once (use :class:`RelevanceStage` for many records)."""
    return RelevanceStage(topics).assess(records)


# ----------------------------------------------------------------------------------------------------
# Evidence
# ----------------------------------------------------------------------------------------------------
def _evidence(lex: Lexicon, doc: Document) -> list[Evidence]:
    state = _Reading()
    per_unit = [(unit, _unit_evidence(lex, doc, unit, state)) for unit in doc.units]
    per_unit = [(unit, found) for unit, found in per_unit if found]
    if lex.principal_outcome and (index := principal_outcome(per_unit)) is not None:
        per_unit[index] = (per_unit[index][0], promoted(per_unit[index][1]))
    opening = next((u for u in doc.units if u.field not in ("title", "keywords")), None)
    if opening is not None and opening.field == "background":
        per_unit = _framed(lex, opening, per_unit)
    found = _sense_of_the_text(lex, [e for _, unit_found in per_unit for e in unit_found])
    indexed_sense = _sense_of_the_indexing(found)
    for name in sorted(doc.mesh & (lex.mesh_about | lex.mesh_related | lex.mesh_context)):
        major = name in doc.mesh_major
        if name in lex.mesh_about:
            status, note = ("other_sense", indexed_sense) if indexed_sense else ("counts", "")
            found.append(
                Evidence("mesh_major" if major else "mesh", _title_case(name), name, status, note=note)
            )
        elif name in lex.mesh_related:
            # A supporting descriptor: as a major topic it adds a little; as a minor one it adds nothing,
            # but NLM found the topic discussed, so the record mentions it.
            field = "mesh_major" if major else "mesh"
            found.append(Evidence(field, _title_case(name), name, "counts", note="related"))
        elif major:
            # A descriptor of the topic's setting says something only as a major topic.
            found.append(Evidence("mesh_major", _title_case(name), name, "counts", note="related"))
    for name in sorted(doc.mesh & lex.mesh_mention - lex.mesh_about - lex.mesh_related):
        # NLM saw the topic's drug in the paper: a mention, whatever the descriptor's weight.
        found.append(Evidence("mesh", _title_case(name), name, "counts", note=INDEXED))
    return found


def _sense_of_the_indexing(found: list[Evidence]) -> str:
    """NLM indexes what a paper measured: Bone Density on bone measured around a hip stem. Where the text uses
    the topic's words and every one of them in another sense, a descriptor of the topic names that sense too
    (the first the text gave); with no words of the topic in the text, the descriptor is all there is."""
    if any(e.status == "counts" for e in found):
        return ""
    return next((e.note for e in found if e.status == "other_sense"), "")


def _sense_of_the_text(lex: Lexicon, found: list[Evidence]) -> list[Evidence]:
    """One sense per discourse, read back to the title: a term the abstract uses only in another sense
    (every occurrence is a bone-scan tracer, a drug against cancer) means that in the title too, which is
    often too short to show it ("Bone extraction and blood clearance of diphosphonate in the dog")."""
    titled = {e.term for e in found if e.field == "title" and e.status == "counts"}
    if not titled or not lex.senses:
        return found
    meaning: dict[str, str] = {}
    for term in titled:
        rest = [e for e in found if e.term == term and e.field not in ("title", "keywords")]
        notes = {e.note for e in rest}
        if rest and all(e.status == "other_sense" for e in rest) and len(notes) == 1:
            meaning[term] = notes.pop()
    if not meaning:
        return found
    return [
        Evidence(e.field, e.phrase, e.term, "other_sense", note=meaning[e.term])
        if e.field == "title" and e.status == "counts" and e.term in meaning
        else e
        for e in found
    ]


def _framed(
    lex: Lexicon, opening: Unit, per_unit: list[tuple[Unit, list[Evidence]]]
) -> list[tuple[Unit, list[Evidence]]]:
    """An abstract that opens on the topic and concludes on it is framed by it: the opening sentence then
    states what the study is for ("an association between osteoporosis and oxidative damage" … "effective
    in preventing osteoporosis"), and weighs like the aim instead of like background."""

    def names(found: list[Evidence]) -> bool:
        return any(e.status == "counts" and lex.weight(e.term) >= STRONG for e in found)

    at = next((i for i, (unit, _) in enumerate(per_unit) if unit is opening), None)
    if at is None or not names(per_unit[at][1]):
        return per_unit
    if not any(unit.field == "conclusion" and names(found) for unit, found in per_unit):
        return per_unit
    framed = [Evidence(FRAME, e.phrase, e.term, e.status, e.weight, e.note) for e in per_unit[at][1]]
    return [*per_unit[:at], (opening, framed), *per_unit[at + 1 :]]


class _Reading:
    """What reading a record so far has taught about it: abbreviations it defined for a topic term
    ("senile osteoporosis (OP)")."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.alias_pattern: re.Pattern[str] | None = None

    def define(self, alias: str, term: str) -> None:
        if alias not in self.aliases:
            self.aliases[alias] = term
            names = "|".join(re.escape(a) for a in sorted(self.aliases, key=len, reverse=True))
            self.alias_pattern = re.compile(rf"(?<![\w-])(?:{names})s?(?![\w-])")


_DEFINITION = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9-]{1,7})\s*\)")


def _listed(field: str, low: str, start: int, end: int, others: list[tuple[int, int]]) -> bool:
    """Whether an occurrence is one item of a list of other things. A keyword is never; a title's list names
    the paper's subjects unless the title names it as adverse events, complications, differential diagnoses
    or a disease's features (``lists.listed_in_title``)."""
    if field == "keywords":
        return False
    if field == "title":
        return listed_in_title(low, start, end, others)
    return list_item(low, start, end, others)


def _unit_evidence(lex: Lexicon, doc: Document, unit: Unit, state: _Reading) -> list[Evidence]:
    plain = unit.plain.replace("'", " ")
    low = plain.lower()
    spans: list[tuple[int, int]] = []
    if lex.phrases is not None:
        spans += [m.span() for m in lex.phrases.finditer(low)]
    if lex.abbreviations is not None and any(a in plain for a in lex.abbreviation_stems):
        spans += [m.span() for m in lex.abbreviations.finditer(plain)]
    cued: list[tuple[int, int]] = []
    for context in lex.contexts:
        # A general word ("fracture") is the topic's only beside its cue ("older people").
        cue_spans = [m.span() for m in context.pattern.finditer(low)]
        if cue_spans and context.cued(low):
            spans += cue_spans
            cued += cue_spans
    aliased: dict[tuple[int, int], str] = {}
    if state.alias_pattern is not None:
        for match in state.alias_pattern.finditer(plain):
            word = match.group(0)
            term = state.aliases.get(word) or state.aliases.get(word[:-1], "")
            if term:
                aliased[match.span()] = term
        spans += list(aliased)
    if not spans:
        return []
    spans = _longest_first(spans)
    excluded = [m.span() for m in lex.exclude.finditer(low)] if lex.exclude is not None else []
    found: list[Evidence] = []
    for start, end in spans:
        matched = plain[start:end]
        term = aliased.get((start, end)) or lex.term_of(matched if matched.isupper() else low[start:end])
        definition = _DEFINITION.match(plain, end)
        if definition and sum(ch.isupper() for ch in definition.group(1)) >= 2:
            state.define(definition.group(1), term)
        phrase = unit.text[start:end]
        note = ""
        status = "counts"
        exclusion = next(
            (low[a:b] for a, b in excluded if a <= start and end <= b and (a, b) != (start, end)), ""
        )
        if exclusion:
            status, note = "other_sense", f"part of “{exclusion}”, another condition"
        elif sense := _sense(lex, doc, term, low):
            status, note = "other_sense", sense
        elif trigger := negation(low, start, end):
            status, note = "negated", trigger
        elif _listed(unit.field, low, start, end, [s for s in spans if s != (start, end)]):
            status = "list_item"
        if status == "counts":
            term = _cued(lex, low, term, start, end, cued)
        found.append(Evidence(unit.field, phrase, term, status, note=note))
    return found


def _cued(lex: Lexicon, low: str, term: str, start: int, end: int, cued: list[tuple[int, int]]) -> str:
    """A weak term that holds a general word beside its cue weighs as that word does: "Vertebral crush
    fractures in elderly women" are fractures of older people, whatever a crush fracture weighs alone."""
    for a, b in cued:
        if start <= a and b <= end and (a, b) != (start, end):
            general = lex.term_of(low[a:b])
            if lex.weight(general) > lex.weight(term):
                return general
    return term


def _sense(lex: Lexicon, doc: Document, term: str, low: str) -> str:
    """The other sense ``term`` has in the unit ``low``: a rule's cue in the same unit, or in the title, which
    holds for the whole record (one sense per discourse: in "Periprosthetic bone remodelling after hip
    arthroplasty" every bone density of the abstract is measured around the stem, and a keyword means what the
    title does), or the rule's ``anywhere`` phrase in the text."""
    for rule in lex.senses:
        if term not in rule.terms:
            continue
        if (rule.near is not None and (rule.near.search(low) or rule.near.search(doc.folded_title))) or (
            rule.anywhere is not None and rule.anywhere.search(doc.folded)
        ):
            return rule.means
    return ""


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping matches (a phrase and an abbreviation inside it) keep the longest."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= a or start >= b for a, b in kept):
            kept.append((start, end))
    return sorted(kept)


def _title_case(name: str) -> str:
    return " ".join(w if w in {"of", "the", "and"} else w[:1].upper() + w[1:] for w in name.split(" "))


# ----------------------------------------------------------------------------------------------------
# Decision
# ----------------------------------------------------------------------------------------------------
def _decide(lex: Lexicon, evidence: list[Evidence]) -> TopicRelevance:
    # A descriptor of the topic's setting alone (Bone Resorption on an osteolysis case, Fluorides on renal
    # RNA synthesis) is no term of the topic: with nothing else found, the record does not mention it.
    if all(e.field == "mesh_major" and e.term in lex.mesh_context for e in evidence):
        return TopicRelevance(lex.name, "none")
    # So is a model or a tool of the topic that nothing else of the topic joins (ovariectomised rats in a
    # study of the adrenal cortex).
    if all(e.term in lex.support for e in evidence):
        return TopicRelevance(lex.name, "none")
    # A general word ("fracture") is the topic's only where it counts beside its cue: of a child, of a rib,
    # negated, it is no word of the topic, and the record does not mention it.
    evidence = [e for e in evidence if e.term not in lex.general or e.status == "counts"]
    if not evidence:
        return TopicRelevance(lex.name, "none")
    evidence = _unspelled_abbreviations(evidence)
    # Repetitions within a field count less and less (the weightiest first); the evidence then keeps the
    # record's reading order, which the worded reason relies on.
    weights = [0.0] * len(evidence)
    by_field: dict[str, int] = {}
    for index in sorted(range(len(evidence)), key=lambda i: -_base_weight(lex, evidence[i])):
        base = _base_weight(lex, evidence[index])
        if base > 0:
            seen = by_field.get(evidence[index].field, 0)
            by_field[evidence[index].field] = seen + 1
            weights[index] = base * REPEAT**seen
    weighed = [_with_weight(e, w) if w else e for e, w in zip(evidence, weights, strict=True)]
    score = sum(e.weight for e in weighed)
    # The subject must be named somewhere that states it, by a term that names the topic (not only a
    # tool or a measurement: "bone microarchitecture" in a title on implant fixation). A descriptor of the
    # topic's setting (Calcium, Dietary; Fluorides) supports a subject but never names one: NLM files
    # physiology and dentistry under it too.
    anchored = any(
        e.weight > 0
        and e.field in ANCHORS
        and (e.term not in lex.mesh_context if e.field == "mesh_major" else lex.weight(e.term) >= STRONG)
        for e in weighed
    )
    decision: Decision = "about" if score >= ABOUT and anchored else "mentions"
    return TopicRelevance(lex.name, decision, score, reason(decision, weighed), tuple(weighed))


def _unspelled_abbreviations(evidence: list[Evidence]) -> list[Evidence]:
    """An abbreviation counts only in a record that also names the topic in words (a phrase, a defined
    alias, a MeSH descriptor): "the AFF Centers" of agriculture, forestry and fishing never write "atypical
    femoral fracture", and "AVN ablation" never writes "avascular necrosis"."""
    if any(not is_abbreviation(e.term) for e in evidence):
        return evidence
    return [
        Evidence(e.field, e.phrase, e.term, "other_sense", note="an abbreviation the text never spells out")
        if e.status == "counts"
        else e
        for e in evidence
    ]


def _base_weight(lex: Lexicon, item: Evidence) -> float:
    if item.status != "counts" or item.note == INDEXED:
        return 0.0
    if item.field == "mesh_major":
        return RELATED_MAJOR if item.note == "related" else MESH_MAJOR
    if item.field == "mesh":
        return 0.0 if item.note == "related" else MESH_MINOR
    return FIELD_WEIGHTS.get(item.field, 1.0) * lex.weight(item.term)


def _with_weight(item: Evidence, weight: float) -> Evidence:
    return Evidence(item.field, item.phrase, item.term, item.status, weight, item.note)


def _promote(topics: Sequence[Topic], result: dict[str, TopicRelevance]) -> dict[str, TopicRelevance]:
    """A record about a sub-topic is about its parent: the parent takes the sub-topic's evidence."""
    for topic in topics:
        child = result.get(topic.name)
        parent = result.get(topic.parent) if topic.parent else None
        if child is None or parent is None or not child.is_about or parent.is_about:
            continue
        result[topic.parent] = TopicRelevance(
            topic.parent,
            "about",
            max(parent.score, child.score),
            child.why,
            child.evidence + parent.evidence,
        )
    return result
