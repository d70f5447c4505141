"""Typed records that pass from stage to stage.

Every stage (fetch, normalize, relevance, dedup, tag, select, render) takes and returns these frozen
dataclasses, so no stage needs to know another's internals. JSON round-tripping lives here too, because
the store, the exporter and the CLI all need the same lossless representation.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

from osteodigest.crawler import registry
from osteodigest.crawler.abstracts import abstract_sections

#: Record kinds, decided before any matching: notices never merge with the articles they concern.
RECORD_KINDS = (
    "article",
    "preprint",
    "conference_abstract",
    "erratum",
    "retraction",
    "expression_of_concern",
    "comment",
    "trial",
)

#: Kinds that are notices about another article (linked to it, never merged with it).
NOTICE_KINDS = frozenset({"erratum", "retraction", "expression_of_concern"})
#: NLM's status (``MedlineCitation/@Status``) of a PubMed record that NLM has not indexed yet: supplied by
#: the publisher, or under review. Indexing adds the MeSH headings and publication types the tagger reads
#: first, so such a record is asked for again later (``recheck_batch``); "MEDLINE", "PubMed-not-MEDLINE",
#: "OLDMEDLINE" and "Completed" are final.
AWAITING_INDEXING = ("Publisher", "In-Data-Review", "In-Process")


@dataclass(frozen=True, slots=True)
class Relation:
    """A declared link from one record to another work.

    ``type`` uses a small vocabulary shared by all sources: ``corrects`` (erratum for), ``retracts``,
    ``concern_for``, ``comment_on``, ``preprint_of`` (this record is the preprint of ``id``),
    ``has_preprint`` (``id`` is this record's preprint), ``updated_by``, ``corrected_by``,
    ``retracted_by``, ``commented_by``; PubMed's CommentsCorrections add ``concern_in`` (an expression
    of concern about this record is ``id``), ``updates`` (``id`` is the earlier version this one
    supersedes), ``republished_from``/``republished_in`` and ``reprint_of``/``reprinted_in``.
    ``id_type`` is ``doi``, ``pmid`` or ``pmcid``.
    """

    type: str
    id_type: str
    id: str


@dataclass(frozen=True, slots=True)
class Record:
    """One source's view of one article (or trial registration).

    Sources fill what they know and leave the rest empty; later stages never assume a field is present.
    Dates are ISO strings, possibly partial (``2021``, ``2021-03``, ``2021-03-05``), because that is
    what the sources give and inventing a day would mislead the reader.
    """

    source: str
    source_id: str
    title: str
    kind: str = "article"
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    pii: str | None = None
    abstract: str = ""
    #: (label, text) pairs of a structured abstract; empty for an unstructured one.
    abstract_sections: tuple[tuple[str, str], ...] = ()
    #: "Surname Initials" (PubMed style), or a collective name as given.
    authors: tuple[str, ...] = ()
    affiliation: str | None = None
    journal: str | None = None
    journal_abbrev: str | None = None
    issn: tuple[str, ...] = ()
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    published: str | None = None
    entered: str | None = None
    publication_status: str | None = None
    publication_types: tuple[str, ...] = ()
    mesh: tuple[str, ...] = ()
    #: The MeSH descriptors NLM marked as a major topic of the article (a subset of ``mesh``).
    mesh_major: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    language: str | None = None
    url: str | None = None
    relations: tuple[Relation, ...] = ()
    #: Topics this record is a candidate for: the search that found it, or whose terms it contains. Not a
    #: verdict: the relevance stage decides, per work, which topics it is about (``Work.topics``).
    topics: tuple[str, ...] = ()
    #: Source-specific facts that do not fit above (trial status, phase, enrolment, server, version …).
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def labelled_sections(self) -> tuple[tuple[str, str], ...]:
        """The structured abstract's sections: the source's, or those whose headings the source wrote into
        the text ("BACKGROUND: … METHODS: …"), so a structured abstract reads alike from every source; empty
        for a plain abstract."""
        return self.abstract_sections or abstract_sections(self.abstract)

    @property
    def is_notice(self) -> bool:
        return self.kind in NOTICE_KINDS

    @property
    def indexing_status(self) -> str | None:
        """NLM's status of a PubMed record when it was fetched (see :data:`AWAITING_INDEXING`); None for
        a record of any other source."""
        status = self.extra.get("medline_status")
        return status if isinstance(status, str) else None

    @property
    def awaits_indexing(self) -> bool:
        return self.indexing_status in AWAITING_INDEXING

    def to_dict(self) -> dict[str, Any]:
        return record_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return record_from_dict(data)


def _slot_setting_init(cls: type) -> None:
    """Give a frozen, slotted dataclass an ``__init__`` that stores its fields as plain attributes.

    Why: the ``__init__`` that ``dataclass(frozen=True)`` writes calls ``object.__setattr__`` once per
    field (the only way past the ``__setattr__`` that refuses changes), a generic call each time; for
    the 31 fields of a Record that was about a tenth of the MEDLINE parser's own work. This one lends
    the new instance, for the length of ``__init__``, to a twin class with the same slots and no such
    ``__setattr__`` (so each field is one specialised slot store, about a twentieth of the cost), then
    gives it back its class. The parameters, defaults and default factories are the dataclass's own,
    so keywords, ``dataclasses.replace``, equality, hashing and pickling are unchanged, and an instance
    stays immutable (assigning a field still raises FrozenInstanceError). A subclass would come out of
    this ``__init__`` as ``cls``: give it the dataclass's own ``__init__`` instead.
    """
    if hasattr(cls, "__post_init__"):  # this __init__ would silently skip it
        raise TypeError(f"{cls.__name__} has __post_init__: keep the dataclass's own __init__")
    twin = type(f"_{cls.__name__}BeingBuilt", (), {"__slots__": vars(cls)["__slots__"]})
    names: dict[str, Any] = {"_new_default": object(), "_set_class": object.__setattr__, "_cls": cls}
    names["_twin"] = twin
    parameters, body = [], ["    _set_class(self, '__class__', _twin)"]
    for item in dataclasses.fields(cls):
        name = item.name
        if item.default is not dataclasses.MISSING:
            names[f"_default_{name}"] = item.default
            parameters.append(f"{name}=_default_{name}")
            body.append(f"    self.{name} = {name}")
        elif item.default_factory is not dataclasses.MISSING:
            names[f"_factory_{name}"] = item.default_factory
            parameters.append(f"{name}=_new_default")
            body.append(f"    self.{name} = _factory_{name}() if {name} is _new_default else {name}")
        else:
            parameters.append(name)
            body.append(f"    self.{name} = {name}")
    body.append("    _set_class(self, '__class__', _cls)")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + "\n".join(body) + "\n"
    exec(source, names)  # the source is built above from the dataclass's own field names only
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = vars(cls)["__init__"].__doc__
    cls.__init__ = init  # type: ignore[misc]


_slot_setting_init(Record)


@dataclass(frozen=True, slots=True)
class Tag:
    """One tag with the evidence that produced it (a phrase from the text or a metadata field)."""

    name: str
    value: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class Tags:
    """What the tagger concluded about a work. Empty until the tagger has run."""

    study_type: str | None = None
    evidence_level: int | None = None
    flags: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    key_numbers: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    why: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    # Added later; optional, so tags stored before them still load (from_dict leaves them empty).
    #: The badge a reader sees: "Systematic review of cohort studies", "Registered trial",
    #: "Design not stated".
    label: str | None = None
    #: How the level was reached and what the authors themselves said: ``level``, ``scale``, ``basis``,
    #: ``included`` (reviews), ``authors`` ({``text``, ``level``, ``scale``}), ``disagrees``.
    evidence: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    #: The abstract's own finding, verbatim, at most 400 characters.
    takeaway: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "study_type": self.study_type,
            "evidence_level": self.evidence_level,
            "flags": list(self.flags),
            "topics": list(self.topics),
            "key_numbers": dict(self.key_numbers),
            "why": dict(self.why),
            "label": self.label,
            "evidence": dict(self.evidence),
            "takeaway": self.takeaway,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Tags:
        data = data or {}
        return cls(
            study_type=data.get("study_type"),
            evidence_level=data.get("evidence_level"),
            flags=tuple(data.get("flags") or ()),
            topics=tuple(data.get("topics") or ()),
            key_numbers=dict(data.get("key_numbers") or {}),
            why=dict(data.get("why") or {}),
            label=data.get("label"),
            evidence=dict(data.get("evidence") or {}),
            takeaway=data.get("takeaway"),
        )


Decision = Literal["about", "mentions", "none"]
DECISIONS: tuple[Decision, ...] = ("about", "mentions", "none")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One occurrence of a topic term (or one MeSH descriptor) in one field of the record."""

    field: str
    #: The words as the record writes them (a MeSH descriptor's name for indexing).
    phrase: str
    #: The topic term (or descriptor) it matched.
    term: str
    status: str = "counts"
    #: What it added to the score (0 when it does not count).
    weight: float = 0.0
    #: For ``other_sense``: the other sense in words; for ``negated``: the negating words.
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"field": self.field, "phrase": self.phrase, "status": self.status}
        if self.weight:
            data["weight"] = round(self.weight, 2)
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True, slots=True)
class TopicRelevance:
    """The relevance stage's decision for one topic: ``about`` (the paper's subject), ``mentions`` (a term
    occurs, the paper is about something else) or ``none``; a score (the weighted evidence), a reason in
    words for a reader (empty for ``none``) and the evidence."""

    topic: str
    decision: Decision
    score: float = 0.0
    why: str = ""
    evidence: tuple[Evidence, ...] = ()

    @property
    def is_about(self) -> bool:
        return self.decision == "about"

    def to_dict(self, evidence: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"decision": self.decision, "score": round(self.score, 2), "why": self.why}
        if evidence:
            data["evidence"] = [e.to_dict() for e in self.evidence]
        return data


def relevance_to_json(decisions: dict[str, TopicRelevance]) -> dict[str, Any]:
    """A work's decisions as the store keeps them: topic -> decision, score, reason and evidence, the
    ``none`` decisions left out (a topic not named is ``none``)."""
    return {
        name: {
            "decision": r.decision,
            "score": round(r.score, 3),
            "why": r.why,
            "evidence": [
                {k: v for k, v in dataclasses.asdict(e).items() if v or k in ("field", "phrase", "term")}
                for e in r.evidence
            ],
        }
        for name, r in decisions.items()
        if r.decision != "none"
    }


def relevance_from_json(data: dict[str, Any] | None) -> dict[str, TopicRelevance]:
    decisions: dict[str, TopicRelevance] = {}
    for name, item in (data or {}).items():
        evidence = tuple(Evidence(**e) for e in item.get("evidence") or ())
        decisions[name] = TopicRelevance(
            name, item["decision"], float(item.get("score") or 0.0), item.get("why") or "", evidence
        )
    return decisions


@dataclass(frozen=True, slots=True)
class Work:
    """The merged article: one per real-world work, with every Record that described it.

    ``topics`` are the topics the work is *about*, as the relevance stage decided from all its records
    (never the searches that found it): only they put a work in an edition or under a reader's topic.
    """

    id: int
    records: tuple[Record, ...]
    first_seen: str
    topics: tuple[str, ...] = ()
    tags: Tags = field(default_factory=Tags)
    #: ``retracted``, ``corrected``, ``published`` (a preprint now in a journal) …
    flags: tuple[str, ...] = ()
    #: When a status change (now published, corrected, retracted) was last recorded.
    changed_at: str | None = None
    #: The relevance stage's decisions from all the work's records, per topic (``about`` and ``mentions``;
    #: a topic not named is ``none``). ``topics`` names the ``about`` ones, the weightiest first.
    relevance: dict[str, TopicRelevance] = field(default_factory=dict, hash=False, compare=False)

    def reason(self, topic: str) -> str:
        """The worded reason the work is about ``topic`` ("" when it is not, or was never assessed)."""
        decision = self.relevance.get(topic)
        return decision.why if decision is not None and decision.is_about else ""

    @property
    def primary(self) -> Record:
        """The record the reader should see: a journal version before a preprint, richest first."""
        return max(self.records, key=_primary_rank)

    @property
    def doi(self) -> str | None:
        return _first(r.doi for r in self.records)

    @property
    def pmid(self) -> str | None:
        return _first(r.pmid for r in self.records)

    @property
    def pmcid(self) -> str | None:
        return _first(r.pmcid for r in self.records)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({r.source for r in self.records}))

    @property
    def abstract(self) -> str:
        return max((r.abstract for r in self.records), key=len, default="")


def _primary_rank(record: Record) -> tuple[int, int, int]:
    """A journal version before a preprint, then the source's rank in the registry, then the richest."""
    return (record.kind != "preprint", registry.rank(record.source), len(record.abstract))


def _first(values: Any) -> Any:
    return next((v for v in values if v), None)


@dataclass(frozen=True, slots=True)
class SetAside:
    """One record of a reply that could not be read, checked or stored, kept instead of stopping the run.

    ``raw`` is the record as the source sent it (a JSON object, an XML element, a feed item, a page), so a
    parser fix can replay it; ``what`` names it for a maintainer ("Europe PMC result MED:123").
    ``source_id`` is the id it would have been stored under, when the source could read it: a caller that
    must know which record was unreadable (PubMed tells "unreadable" from "not returned") reads it here,
    never from ``what``, whose wording is for people.
    """

    source: str
    what: str
    error: str
    raw: bytes
    #: The record as far as it was built (None when building it failed), for a topic filter to judge.
    record: Any = field(default=None, compare=False)
    #: The record's id in its source (a PMID, ``MED:123``, a DOI), None when it could not be read.
    source_id: str | None = None


@dataclass(slots=True)
class FetchResult:
    """What one source returned for one topic: records, or an error as data (like feedparser's bozo).

    ``state`` is the source's new watermark/conditional-GET state; the runner stores it only in the same
    transaction as ``records``, and never when ``error`` is set.

    A source that hands records on as they arrive yields a *partial* result per batch (``partial``: only
    ``records`` and ``set_aside`` count, more follow for the same topic) and then the topic's last result,
    which carries its state, error, warnings and requests; the runner stores each batch as it comes, so
    the state is written only after every record it covers.
    """

    source: str
    topic: str
    records: list[Record] = field(default_factory=list)
    error: str | None = None
    state: dict[str, Any] = field(default_factory=dict)
    #: Raw reply that failed to parse, kept so a parser fix can replay it.
    raw_failed: bytes | None = None
    requests: int = 0
    warnings: list[str] = field(default_factory=list)
    #: Records of the reply that could not be read or stored; the others are stored without them.
    set_aside: list[SetAside] = field(default_factory=list)
    #: The error is an unexpected exception (a bug or an input no rule foresaw), not a service's failure.
    crashed: bool = False
    #: More results for this topic follow; this one holds a batch of its records only.
    partial: bool = False
    #: What was counted fetching it, by name (the Scrapy stats model): ``items_read`` and ``off_topic``
    #: (items the relevance filter set aside) from the source; ``requests``, ``retry: CAUSE`` and
    #: ``reply: STATUS`` from the session, added by the runner to a source's last result.
    counts: dict[str, int] = field(default_factory=dict)
    #: A *recheck* rather than a search (None for a search): the ids of stored records of this source
    #: asked for again, awaiting a later version (a PubMed record NLM had not indexed yet). The store
    #: stamps when each was checked, and logs the result as what it asked and what came back changed,
    #: never as records found: a source whose searches go quiet must still look quiet.
    rechecked: list[str] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


_TUPLE_FIELDS = ("authors", "issn", "publication_types", "mesh", "mesh_major", "keywords", "topics")


def record_to_dict(record: Record) -> dict[str, Any]:
    data = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    data["relations"] = [dataclasses.asdict(r) for r in record.relations]
    data["abstract_sections"] = [list(s) for s in record.abstract_sections]
    for key in _TUPLE_FIELDS:
        data[key] = list(data[key])
    return data


_RECORD_FIELDS = frozenset(f.name for f in dataclasses.fields(Record))


def record_from_dict(data: dict[str, Any]) -> Record:
    values = {k: v for k, v in data.items() if k in _RECORD_FIELDS}
    for key in _TUPLE_FIELDS:
        if key in values:
            values[key] = tuple(values[key] or ())
    values["relations"] = tuple(Relation(**r) for r in values.get("relations") or ())
    values["abstract_sections"] = tuple(tuple(s) for s in values.get("abstract_sections") or ())
    values["extra"] = dict(values.get("extra") or {})
    return Record(**values)
