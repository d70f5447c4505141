"""Study design from title, abstract and whatever metadata the sources give: small rules over the cue table.

Brand-new PubMed records carry only "Journal Article" and no MeSH for weeks, and feeds and preprints
carry nothing, so the text must decide; NLM publication types and MeSH are used when present, and
refined by the text where NLM is known to be loose (a "Systematic Review" that pools is a
meta-analysis; a "Review" that searched databases is systematic).

The cues are data (:mod:`crawler.tagging.design_cues`: pattern, where it may match, strength, meaning).
Each rule below reads the cues of the families it declares in :data:`RULES` and nothing else (a
:class:`~crawler.tagging.hits.Hits` scope enforces it), and returns a design with the phrase that fired,
so the reader can check it. :data:`STEPS` is the precedence between rules, as data: notices, then the
authors' own label of the article form (letter, protocol, review), then designs that a single phrase
settles (Mendelian randomisation, a case report), then subjects (animals, cells), then the human designs.
A rule that needs another's verdict says so in its declaration (``uses``).

Hard cases handled on purpose:
* systematic review vs meta-analysis vs narrative review: a review is systematic only when the
  authors call it so or describe a search (databases, eligibility, PRISMA); a meta-analysis needs a
  pooling signal; "Research advances in …" with no methods is narrative.
* "random" outside trials: Mendelian randomisation, random sampling/splits/effects, a review *of*
  RCTs and a protocol *for* an RCT are decided before the trial rule, and the trial rule only reads
  allocation phrases ("were randomly assigned"), never the bare word.
* animals "randomly divided" are animal studies: subjects are decided before trials.

Metadata that a brand-new record already has is read too: a CommentsCorrections "comment on" link on a
piece of a few pages (or, without pagination, a short abstract) is commentary; a journal that publishes
only case reports settles a case report whose abstract reads like research. A small statistical model
(``crawler/tagging/design.py``) weighs this verdict: it names the reviews, case reports and commentaries
the rules leave as "other", and infers an observational design for research abstracts that name none.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from osteodigest.crawler.tagging.cues import LITERALS, Hit, meta, quote, quote_span, rx
from osteodigest.crawler.tagging.design_cues import (
    _MESH_DESIGN,
    _METHOD_SECTIONS,
    _NOT_AN_EXPERIMENT_MESH,
    _NOT_SPECIES_BEFORE,
    _NUMBER_BEFORE,
    _PUBTYPE_DIRECT,
    _REAGENT_AFTER,
    _TRIAL_TYPES,
    ABSTRACT,
    JOINED,
    SPECIES,
    SPECIES_TRIGGERS,
    TITLE,
)
from osteodigest.crawler.tagging.hits import Hits, expand
from osteodigest.crawler.tagging.key_numbers import MAX_DIGITS, TENS_WORDS, UNIT_WORDS
from osteodigest.crawler.tagging.view import View, section_at

STUDY_TYPES = (
    "meta_analysis",
    "systematic_review",
    "scoping_review",
    "narrative_review",
    "guideline",
    "rct",
    "nonrandomised_trial",
    "cohort",
    "case_control",
    "cross_sectional",
    "case_series",
    "case_report",
    "diagnostic_accuracy",
    "prediction_model",
    "economic_evaluation",
    "qualitative",
    "protocol",
    "mendelian_randomization",
    "bioinformatics",
    "animal",
    "in_vitro",
    "commentary",
    "erratum",
    "retraction_notice",
    "trial_registration",
    "other",
)


@dataclass(slots=True)
class Decision:
    study_type: str
    why: Hit | None
    flags: dict[str, Hit] = field(default_factory=dict)
    #: The rule of :data:`STEPS` that decided (None: not the rules).
    rule: str | None = None


# --------------------------------------------------------------------------------------------------
# Shared measures: original data, people, animals
# --------------------------------------------------------------------------------------------------
def counted(view: View, text: str, nouns: frozenset[str], limit: int = 6) -> int:
    """How many of the ``nouns`` in ``text`` carry a number within the three words before them.

    The words present are found from the work's word set and their occurrences with ``str.find``: much
    faster than a regex alternation over the whole text.
    """
    positions: list[int] = []
    for word in nouns & view.words:
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if (start == 0 or not text[start - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            ):
                positions.append(start)
            start = text.find(word, end)
    n = 0
    for start in sorted(positions):
        if _NUMBER_BEFORE.search(text, max(0, start - 60), start):
            n += 1
            if n >= limit:
                break
    return n


def research_signals(h: Hits) -> int:
    """How strongly the abstract reports original data (0 = none)."""
    score = 2 if h.heading("signal.research_headings") else 0
    data = h.count("signal.data_phrases", ABSTRACT, 4)
    if data < 4:
        data += h.count("signal.shares_compared", ABSTRACT, 4 - data)
    if data < 4:
        data += h.count("signal.counted_shares", ABSTRACT, min(2, 4 - data))
    score += data
    if counted(h.view, h.view.low_abstract, h.words("signal.subject_nouns"), 1):
        score += 1
    return score


def human_score(h: Hits) -> int:
    """Evidence that people were studied (counted participants and clinical wording), at most 6."""
    low = h.view.low_text
    return min(counted(h.view, low, h.words("signal.human_nouns"), 6) + h.count("signal.human", JOINED, 6), 6)


_SPECIES_CUES = {
    name: rx(r"\b(?:" + pattern + r")\b", SPECIES_TRIGGERS[name]) for name, pattern in SPECIES.items()
}
#: Every species cue's trigger words: a text holding none of them names no species, and the 26 cues are
#: not asked one by one (most records are about people).
_SPECIES_GATE = frozenset().union(*(cue.gate or () for cue in _SPECIES_CUES.values()))
if any(cue.gate is None for cue in _SPECIES_CUES.values()):
    raise ValueError("every species cue needs trigger words (the species gate relies on them)")


def _species(view: View) -> dict[str, Hit]:
    """``animal_species:<name>`` flags for animals studied (not reagents named after animals)."""
    found: dict[str, Hit] = {}
    for field_name, text, written in (
        ("title", view.low_title, view.title),
        ("abstract", view.low_abstract, view.abstract),
    ):
        if not text or _SPECIES_GATE.isdisjoint(LITERALS.present(text)):
            continue
        first: list[tuple[int, str, str]] = []
        for name, cue in _SPECIES_CUES.items():
            if name in found or not cue.possible(text):
                continue
            for m in cue.finditer(text):
                if _REAGENT_AFTER.match(text, m.end()) or _NOT_SPECIES_BEFORE.search(
                    text, max(0, m.start() - 24), m.start()
                ):
                    continue  # "bovine serum albumin", "goat anti-rabbit", "murine macrophage cell line"
                if _fish_test(name, written, text, m.start()):
                    continue
                first.append((m.start(), name, m.group(0)))
                break
        for _, name, phrase in sorted(first):
            if name == "rat" and phrase in {"murine", "rodent", "rodents"}:
                continue
            if name == "mouse" and phrase == "murine" and "rat" in found:
                continue
            if name not in found:
                found[name] = Hit(field_name, phrase)
        if len(found) > 4:
            break
    return found


def _fish_test(name: str, written: str, low: str, start: int) -> bool:
    """ "FISH" in capitals in a text that is not all capitals: fluorescence in situ hybridisation, a
    laboratory test of people's cells, not fish studied."""
    return (
        name == "fish"
        and len(written) == len(low)
        and written.startswith("FISH", start)
        and not written.isupper()
    )


def animal_flags(view: View) -> dict[str, Hit]:
    """``animal_species:<name>`` flags for the animals the work studied."""
    return {f"animal_species:{name}": hit for name, hit in _species(view).items()}


#: The designs of laboratory and animal work: either may report work of both kinds.
_LABORATORY = frozenset({"animal", "in_vitro"})


def laboratory_flags(study_type: str, context: Context) -> dict[str, Hit]:
    """``animal_and_in_vitro`` for a laboratory or animal verdict whose abstract reports cells at the bench
    and an animal experiment too ("knockdown inhibited proliferation, migration and invasion in vitro …
    and xenograft growth in nude mice"): the badge then names both.

    Why a flag and not a third design: the two are graded alike (level 5) and labelled apart by the sets
    the classifier is measured on, where such work is either. What it mends is the reader's badge: on dev
    items of the digest audit's round 8, six of the twelve badges clinicians found wrong or doubtful were such
    work shown as only one of the two, whichever it was. Work of either kind named only as background
    ("Our previous in vitro study on lymphoblastoid cell lines", a BACKGROUND section's "differentiate … in
    vitro and in vivo"), and animals named only as where the cells came from ("astrocytes isolated from
    wild-type rats"), do not count (digest audit, round 10: train and dev items read with this badge)."""
    h = context.hits
    if study_type == "other":
        return _bench_science(context)
    if study_type not in _LABORATORY:
        return {}
    text = h.view.low_abstract
    cells = _own(h, text, ("in_vitro.cells_at_bench",))
    if study_type == "animal":
        if cells is None:
            return {}
        animals = _own(h, text, ("animal.experiment", "animal.animals"))
    else:
        # A laboratory verdict is itself the evidence of the bench work ("melanoma cells were treated"); the
        # animal experiment must be said (digest audit round 12, train: tumour growth in vivo beside cells
        # named without any of the bench cue's words).
        # The laboratory verdict found too few animal phrases for an animal study: those it found mostly
        # name where the cells came from ("primary neurons from transgenic mice", "male Sprague-Dawley
        # rats" killed for their arteries). Only an experiment said to be done in vivo counts (train split).
        animals = _own(h, text, ("animal.in_vivo_said",)) or _own(h, text, ("animal.experiment",), "in vivo")
        if (
            animals is not None
            and text.startswith("in vivo,", animals[0])
            and _ANIMAL_WORDS.isdisjoint(h.view.words)
        ):
            # A sentence opening on "In vivo," names the living animal only where the abstract names animals
            # somewhere: in a study of bacteria or plasmids it is the living microbe ("In vivo, the F7K
            # substitution reduced conjugation"; train split).
            animals = None
    if animals is None:
        return {}
    spans = [span for span in (cells, animals) if span is not None]
    quoted = [quote_span(h.view.abstract, text, *span, _QUOTE_CONTEXT) for span in spans]
    return {"animal_and_in_vitro": Hit("abstract", "; ".join(quoted), *spans[0])}


_QUOTE_CONTEXT = 25
#: Words that name laboratory animals (or their grafts) anywhere in a laboratory verdict's text.
_ANIMAL_WORDS = frozenset(
    {"mice", "mouse", "murine", "rat", "rats", "rodent", "rodents", "rabbit", "rabbits", "zebrafish", "pigs"}
    | {"piglets", "dogs", "animal", "animals", "xenograft", "xenografts", "primates", "monkeys", "hamsters"}
)
#: Different words of bench science (``in_vitro.bench_science``) that make work without a design lab work.
_BENCH_SCIENCE_WORDS = 2
#: ... and beside work in the computer ("density functional", "molecular dynamics").
_BENCH_BESIDE_COMPUTATION = 4


def _bench_science(context: Context) -> dict[str, Hit]:
    """``laboratory_work`` for a work no design was found for whose abstract reports bench science of its
    own (a synthesis, a catalyst, a reactor, a plant mutant …), studies no people and names no computation
    alone in its title: its badge says "Laboratory study", not "Design not stated" (digest audit, round 12:
    readers found 10 of 90 train and dev badges wrong so). The design stays "other", as the labels have it."""
    h = context.hits
    view = h.view
    people = max(context.subjects[1], human_score(h.scope(_SIGNAL_CUES)))
    if (
        len(view.low_abstract) < 200
        or people >= 2
        or h.title("in_vitro.computational")
        or h.title("in_vitro.theory_title")
        or h.title("in_vitro.field_survey")
    ):
        return {}
    words = h.matches("in_vitro.bench_science", ABSTRACT)
    distinct = len({m.group(0) for m in words})
    if h.abstract("in_vitro.in_silico") and distinct < _BENCH_BESIDE_COMPUTATION:
        # Computation beside few bench words is work in the computer; beside many ("crystal structures,
        # NMR and spectroscopy … supported by density functional theory") it serves an experiment.
        return {}
    # Work of the authors' own, or bench words enough to say so ("was designed, synthesised and shown to
    # catalyse …" has no first person).
    if distinct < _BENCH_SCIENCE_WORDS or (
        distinct == _BENCH_SCIENCE_WORDS and not h.abstract("in_vitro.own_work")
    ):
        return {}
    span = words[0].span()
    quoted = quote_span(view.abstract, view.low_abstract, *span, _QUOTE_CONTEXT)
    return {"laboratory_work": Hit("abstract", quoted, *span)}


def _own(h: Hits, text: str, names: tuple[str, ...], saying: str = "") -> tuple[int, int] | None:
    """Where the first match of the cues (holding ``saying``) reports the authors' own work: not background,
    and for animals not named as a source of cells. The first match, which the rules have usually asked for
    already, is tried before the others are looked for."""
    for name in names:
        first = h.abstract(name)
        if first is None:
            continue
        spans = [(first.start, first.end)]
        if not _own_work(text, h.view, spans[0], saying):
            spans = [m.span() for m in h.matches(name, ABSTRACT)[1:]]
        for span in spans:
            if _own_work(text, h.view, span, saying):
                return span
    return None


def _own_work(text: str, view: View, span: tuple[int, int], saying: str) -> bool:
    at = span[0]
    return (
        saying in text[at : span[1]]
        and not _background(view, at)
        and not _SOURCE.search(text, max(0, at - 120), at)
    )


#: Animals named as where cells or tissue came from, just before the animal phrase.
_SOURCE = re.compile(
    r"\b(?:isolated|derived|obtained|harvested|prepared|extracted|collected|taken|dissected|cultured) "
    r"(?:[\w-]+ ){0,3}?from\b[^.;:]*$|\bfrom\b[^.;:]*$"
)
#: A sentence that reports others' work, what is known or what is yet to be done: not the authors' own.
_OTHERS_WORK = re.compile(
    r"\b(?:previous|previously|earlier)\b|\bprior (?:work|studies|study|reports?|research|findings)\b|"
    r"\b(?:has been|have been) (?:shown|reported|demonstrated|described)\b|"
    # ... or what is still to be done ("should be explored for in vivo efficacy in future studies").
    r"\bfuture\b|\bshould be\b|\bwarrant\w*|\b(?:are|is|remain) (?:needed|required|lacking)\b"
)
#: An opening sentence that states the authors' own aim ("Here we …", "This study aimed …").
_OWN_AIM = re.compile(r"\b(?:we|our|here|this study|the present study|aims?|aimed|objectives?|purpose)\b")
#: Sections of a structured abstract that introduce what others found.
_BACKGROUND_SECTIONS = frozenset({"background", "introduction", "context", "rationale", "importance"})


def _background(view: View, at: int) -> bool:
    """Position ``at`` stands in a BACKGROUND section, in an opening sentence that states no aim of the
    authors', or in a sentence that reports others' work."""
    if section_at(view, at)[0] in _BACKGROUND_SECTIONS:
        return True
    text = view.low_abstract
    start = text.rfind(". ", 0, at) + 1
    stop = text.find(". ", at)
    stop = stop if stop != -1 else len(text)
    if start == 0 and not _OWN_AIM.search(text, 0, stop):
        return True
    return _OTHERS_WORK.search(text, start, stop) is not None


def _first(*hits: Hit | None) -> Hit | None:
    """The earliest hit, title before abstract."""
    found = [h for h in hits if h is not None]
    return min(found, key=lambda h: (h.field != "title", h.start)) if found else None


def subjects(h: Hits) -> tuple[int, int, Hit | None]:
    """(animal score, human score, strongest animal evidence).

    Experiment phrases ("ovariectomised rats", "mice were injected") weigh most; a species in the title of
    a research abstract counts too ("… in Drosophila"), but a species word alone in a headline does not:
    news items mention dogs and cattle, and human studies cite animal work in their background.
    """
    view = h.view
    species = _species(view) if "animal" not in h.off else {}
    animal = 0
    evidence: Hit | None = None
    invivo = _first(h.text("animal.experiment"), h.text("animal.animals"), h.text("animal.other_animals"))
    if invivo:
        animal += 4 + min(
            h.count("animal.experiment", JOINED, 4)
            + h.count("animal.animals", JOINED, 4)
            + h.count("animal.other_animals", JOINED, 4)
            - 1,
            3,
        )
        evidence = invivo
    title_species = [s for s in species.values() if s.field == "title"]
    if title_species:
        animal += 3 if len(view.low_abstract) > 200 else 1
        evidence = evidence or title_species[0]
    abstract_species = [s for s in species.values() if s.field == "abstract"]
    if abstract_species:
        animal += min(len(abstract_species), 2)
        evidence = evidence or abstract_species[0]
    if species and h.title("animal.title_in_vivo"):
        animal += 2
    mesh = view.mesh
    if "animals" in mesh and "humans" not in mesh and mesh.isdisjoint(_NOT_AN_EXPERIMENT_MESH):
        animal += 6
        evidence = meta("MeSH", "Animals (without Humans)")
    human = 0
    if animal >= 3 or "humans" in mesh:
        human = human_score(h)
    if "humans" in mesh and "animals" not in mesh:
        human += 6
    return animal, human, evidence


def _substantive(view: View) -> bool:
    """An abstract long enough to describe work (notices and letters rarely have one)."""
    return len(view.low_abstract) >= 400


def _short_piece(view: View, pages: int = 4, abstract: int = 1300) -> bool:
    """A few printed pages, or (no pagination yet) a short abstract: the length of a comment or letter."""
    if view.page_span is not None:
        return view.page_span <= pages
    return len(view.low_abstract) < abstract


# --------------------------------------------------------------------------------------------------
# The rules, one per family of cues (each reads only what RULES declares for it)
# --------------------------------------------------------------------------------------------------
class Context:
    """What the rules of one work share: its view, its cue hits, the shared measures (computed once, when
    first asked for) and the verdicts of the rules other rules declare they use."""

    __slots__ = ("_research", "_subjects", "_verdicts", "hits", "view")

    def __init__(self, view: View, hits: Hits, research: int | None = None) -> None:
        self.view = view
        self.hits = hits
        self._research = research
        self._subjects: tuple[int, int, Hit | None] | None = None
        self._verdicts: dict[str, Decision | None] = {}

    @property
    def research(self) -> int:
        """How strongly the abstract reports original data (:func:`research_signals`), worked out when
        first asked for: a design settled by the publication types never needs it."""
        if self._research is None:
            self._research = research_signals(self.hits.scope(_SIGNAL_CUES))
        return self._research

    @property
    def subjects(self) -> tuple[int, int, Hit | None]:
        """(animal score, human score, the animal evidence)."""
        if self._subjects is None:
            self._subjects = subjects(self.hits.scope(_SUBJECT_CUES))
        return self._subjects

    def verdict(self, rule: str) -> Decision | None:
        """The verdict of one rule (each rule runs at most once per work)."""
        if rule not in self._verdicts:
            spec = RULES[rule]
            self._verdicts[rule] = spec.fn(self.hits.scope(spec.cues), _Uses(self, spec))
        return self._verdicts[rule]


class _Uses:
    """A rule's window on the shared context: the measures, and only the verdicts it declares."""

    __slots__ = ("_ctx", "_spec")

    def __init__(self, ctx: Context, spec: Rule) -> None:
        self._ctx, self._spec = ctx, spec

    @property
    def view(self) -> View:
        return self._ctx.view

    @property
    def research(self) -> int:
        return self._ctx.research

    @property
    def subjects(self) -> tuple[int, int, Hit | None]:
        """(animal score, human score, animal evidence): declared as ``uses=("subjects",)``."""
        if "subjects" not in self._spec.uses:
            raise LookupError(f"rule {self._spec.name!r} does not declare that it uses the subjects")
        return self._ctx.subjects

    def human(self) -> int:
        """The human score even when the animal evidence did not call for it (laboratory work)."""
        return max(self.subjects[1], human_score(self._ctx.hits.scope(_SIGNAL_CUES)))

    def verdict(self, rule: str) -> Decision | None:
        if rule not in self._spec.uses:
            raise LookupError(f"rule {self._spec.name!r} does not declare that it uses {rule!r}")
        return self._ctx.verdict(rule)

    def text_only(self) -> Decision:
        """The verdict on the text alone (publication types, MeSH and kind set aside)."""
        if "*" not in self._spec.uses:
            raise LookupError(f"rule {self._spec.name!r} does not declare that it uses the text's verdict")
        ctx = self._ctx
        view = dataclasses.replace(
            ctx.view, publication_types=frozenset(), mesh=frozenset(), kinds=frozenset()
        )
        return classify(view, ctx.research, ctx.hits.same_text(view))


# Notices ------------------------------------------------------------------------------------------
def _notice(h: Hits, c: _Uses) -> Decision | None:
    view = c.view
    kinds, types, rels = view.kinds, view.publication_types, view.relations
    if "retraction" in kinds:
        return Decision("retraction_notice", meta("kind", "retraction"))
    if "retraction of publication" in types:
        return Decision("retraction_notice", meta("publication type", "Retraction of Publication"))
    if "retracts" in rels:
        return Decision("retraction_notice", meta("relation", "retracts"))
    hit = h.title("notice.retraction_title") or h.title("notice.retracted_cited")
    article = h.title("notice.retracted_article")
    if hit and not (article and view.title[:10].isupper() and _substantive(view)):
        return Decision("retraction_notice", hit)
    if not _substantive(view) or len(view.low_abstract) < 1200:
        hit = h.abstract("notice.retraction_abstract")
        if hit and not article:
            return Decision("retraction_notice", hit)
    if "erratum" in kinds:
        return Decision("erratum", meta("kind", "erratum"))
    if "published erratum" in types:
        return Decision("erratum", meta("publication type", "Published Erratum"))
    if "corrects" in rels:
        return Decision("erratum", meta("relation", "corrects"))
    short = len(view.low_abstract) < 1500
    hit = h.title("notice.erratum_title")
    if hit and short:
        return Decision("erratum", hit)
    if short:
        hit = h.abstract("notice.erratum_abstract")
        if hit:
            return Decision("erratum", hit)
    if "expression_of_concern" in kinds or "expression of concern" in types or "concern_for" in rels:
        return Decision(
            "other", meta("kind", "expression of concern"), {"expression_of_concern": meta("kind", "")}
        )
    hit = h.title("notice.concern_title")
    if hit:
        return Decision("other", hit, {"expression_of_concern": hit})
    return None


# Commentary ---------------------------------------------------------------------------------------
#: Types NLM uses for opinion rather than data: taken as commentary unless the abstract reports research.
_OPINION_TYPES = frozenset({"letter", "editorial", "comment"})
#: Designs the text of a letter or comment may name over its form label (research letters, case letters).
_DESIGNS_OVER_FORM = frozenset(
    {
        "case_report",
        "case_series",
        "animal",
        "rct",
        "nonrandomised_trial",
        "cohort",
        "case_control",
        "cross_sectional",
        "protocol",
        "meta_analysis",
        "systematic_review",
        "mendelian_randomization",
        "diagnostic_accuracy",
    }
)


def _commentary(h: Hits, c: _Uses) -> Decision | None:
    """The article form says comment/letter/editorial. Original data in the abstract overrides a bare
    metadata label (research letters), but not the authors' own "Letter to the editor:" title."""
    view, research = c.view, c.research
    hit = h.title("commentary.title")
    if hit:
        return Decision("commentary", hit)
    hit = h.abstract("commentary.opening") or h.abstract("commentary.body")
    if hit and (research < 4 or hit.start < 40):
        case = c.verdict("case")
        if case is not None and case.study_type == "case_report":
            # A letter that reports a patient ("To the Editor: … We describe a 30-year-old man …") is a
            # case report, as NLM types it ("Case Reports" with "Letter"; the labels put the case first).
            return case
        return Decision("commentary", hit)
    if "comment_on" in view.relations and research < 3 and _short_piece(view):
        # PubMed links a comment to the article it discusses; a long research paper that carries the link
        # by mistake is kept out by its length.
        return Decision("commentary", meta("relation", "comment on another article"))
    opinion = sorted(view.publication_types & _OPINION_TYPES)
    if (opinion or "comment" in view.kinds) and research < 3 and not h.title("case.title"):
        # Letters and comments also carry case reports and research letters: the text decides when it
        # names a design; otherwise the form label stands. Without an abstract there is nothing to read.
        text_only = c.text_only()
        # A short abstract says too little to overrule the form, unless the title names the design
        # ("… : a retrospective study of 72 cases").
        if text_only.study_type in _DESIGNS_OVER_FORM and (
            len(view.low_abstract) >= 200 or (text_only.why is not None and text_only.why.field == "title")
        ):
            return text_only
        if opinion:
            return Decision("commentary", meta("publication type", opinion[0].title()))
        return Decision("commentary", meta("kind", "comment"))
    return None


#: Field work of the abstract's own: a title that argues ("The case for a holistic lighting assessment") over
#: "participant observations from 15 consultations, document analysis, and interviews" heads a study.
_FIELDWORK = re.compile(
    r"\binterviews?\b|\bparticipant observations?\b|\bdocument analysis\b|\bfocus groups?\b|"
    r"\bcase stud(?:y|ies)\b|\bsurvey(?:ed)?\b"
)


def _weak_commentary(h: Hits, c: _Uses) -> Decision | None:
    """Last resort before "other": an abstract without data that argues in the first person or calls for
    action, or nothing but a title with a comment link or an opinion-style title. Research titles ("X in
    Y: a retrospective study") are caught by earlier rules."""
    view = c.view
    if view.low_abstract and c.research <= 1:
        hit = h.abstract("commentary.opinion")
        if hit is None:
            # A title that calls for something ("A call for …", "The case for …", "An essay on …") over an
            # abstract without data, unless the abstract names interviews or observations of its own.
            hit = h.title("commentary.call_title")
            if hit is not None and _FIELDWORK.search(view.low_abstract):
                hit = None
        if hit:
            return Decision("commentary", hit)
    if view.low_abstract and len(view.low_abstract) > 300:
        return None
    if "comment_on" in view.relations:
        return Decision("commentary", meta("relation", "comment_on"))
    hit = h.title("commentary.opinion_title")
    if hit and not view.low_abstract:
        return Decision("commentary", hit)
    return None


def _opinion_in_abstract(h: Hits, c: _Uses) -> Decision | None:
    """First-person argument in an abstract without data. When the abstract also says what it covers ("In
    this perspective, we discuss …", "… provides an overview"), it is a review written in the first person:
    NLM types such pieces Review, and on the bulk train split 20 of 20 opinion verdicts were reviews."""
    if not c.view.low_abstract:
        return None
    decision = _weak_commentary(h, c)
    if decision is not None and decision.why is not None and decision.why.field in ("abstract", "title"):
        review = c.verdict("narrative_weak")
        if review is not None:
            return review
    return decision


# Protocols ----------------------------------------------------------------------------------------
def _protocol(h: Hits, c: _Uses) -> Decision | None:
    view = c.view
    section = h.heading("protocol.headings")
    if section and not {"results", "findings"} & set(view.section_labels):
        return Decision("protocol", section)
    hit = h.title("protocol.title")
    future = h.count("protocol.future", ABSTRACT, 5)
    if (
        hit
        and not future
        and not h.abstract("protocol.past_results")
        and h.abstract("protocol.present_design")
    ):
        return Decision("protocol", hit)
    if hit and (future >= 1 or not view.low_abstract or "protocol" in hit.phrase.lower()):
        if "protocol" in hit.phrase.lower() and not future and h.abstract("protocol.past_results"):
            return None
        return Decision("protocol", hit)
    hit = h.abstract("protocol.abstract")
    if hit and future >= 1:
        return Decision("protocol", hit)
    if future >= 3 and not h.abstract("protocol.past_results"):
        return Decision("protocol", h.abstract("protocol.future"))
    running = h.abstract("protocol.running")
    if (
        running
        and (h.count("protocol.running", ABSTRACT, 2) >= 2 or h.abstract("protocol.present_design"))
        and not h.abstract("protocol.past_results")
    ):
        # A trial in progress described, with no results: "we are using a randomized design … the
        # intervention is being implemented in two hospitals".
        return Decision("protocol", running)
    return None


# Bibliometric analyses ----------------------------------------------------------------------------
def _bibliometric(h: Hits, c: _Uses) -> Decision | None:
    """Publications counted and mapped (a bibliometric or scientometric analysis): "other", and final, as a
    methods article is: its search of Web of Science reads like a systematic review's, and its "hotspots",
    "trends" and "frontiers" read like a review to the model. An article that calls itself a review as well
    (a systematic, scoping or meta-analytic review in its title or abstract, "this review") is left to the
    review rules, whatever bibliometrics it adds."""
    hit = h.title("review.bibliometric_title") or h.abstract("review.bibliometric_self")
    if hit is None:
        return None
    if (
        h.title("review.sr_title")
        or h.title("review.ma_title")
        or h.text("review.scoping")
        or h.abstract("review.sr_self")
        or h.abstract("review.ma_self")
        or h.abstract("narrative.abstract")
    ):
        return None
    return Decision("other", hit)


# Reviews: meta-analysis, systematic, scoping ------------------------------------------------------
def _review(h: Hits, c: _Uses) -> Decision | None:
    """Meta-analysis, systematic or scoping review — or None when the article is not one.

    Self-description is read from the title and from sentences that name *this* work ("this
    systematic review", "we performed a meta-analysis"), never from mentions of earlier reviews; the
    spelled-out name of the PRISMA statement is removed first, because it mentions "meta-analyses".
    """
    if not h.vocabulary("review.vocabulary"):
        return None
    view = c.view
    low_a = view.low_abstract
    if "preferred reporting" in low_a:
        low_a = h.sub("review.prisma_name", "prisma", low_a)
        view = dataclasses.replace(view, low_abstract=low_a, abstract=low_a)
        h = h.derived(view)
    ma = h.title("review.ma_title")
    ma_self = h.abstract("review.ma_self")
    pooled = h.abstract("review.pooling")
    estimate = h.abstract("review.pooled_estimate")
    search = h.abstract("review.search")
    if search and h.abstract("review.selective_search"):
        # "Based on a selective search in PubMed" is the house phrase of a narrative review.
        search = None
    section = h.heading("review.headings")
    if section and not search:
        search = section
    many_methods = bool(section) or bool(
        h.abstract("review.search_strong")
        and len({m.group(0) for m in h.matches("review.search", ABSTRACT)}) >= 2
    )
    sr = h.title("review.sr_title") or h.abstract("review.sr_self")
    scoping = h.text("review.scoping")
    umbrella = h.text("review.umbrella")
    if ma and h.title("review.ma_not_this"):
        ma = None
    if scoping and not (ma or ma_self):
        return Decision("scoping_review", scoping)
    if umbrella and not (ma and h.title("review.umbrella_and_ma")):
        return Decision("systematic_review", umbrella)
    if ma and (ma_self or pooled or search or sr or not low_a):
        return Decision("meta_analysis", ma)
    if ma_self and (pooled or search or sr or ma):
        return Decision("meta_analysis", ma_self)
    if ma:
        return Decision("meta_analysis", ma)
    pooled_search = bool(search and pooled and h.abstract("review.search_strong"))
    if (
        sr
        or pooled_search
        or (search and (many_methods or h.title("review.review_word") or h.abstract("narrative.abstract")))
    ):
        # A review that describes its search is systematic whatever it calls itself; it is a
        # meta-analysis when it also reports pooled estimates.
        if pooled and estimate and (search or ma_self):
            return Decision("meta_analysis", pooled)
        return Decision("systematic_review", sr or search)
    if ma_self and search:
        return Decision("meta_analysis", ma_self)
    return None


# Narrative reviews --------------------------------------------------------------------------------
def _narrative(h: Hits, c: _Uses, strong_only: bool) -> Decision | None:
    """A review by its form; systematic when it states a search of named literature databases."""
    decision = _narrative_form(h, c, strong_only)
    return _searched(h, decision) if decision is not None else None


def _searched(h: Hits, review: Decision) -> Decision:
    """A review that states its search of named databases ("PubMed was systematically queried for
    articles …", "a literature search in Medline and Scopus …; 43 articles met our inclusion criteria") is
    systematic by the labels' policy, whatever it calls itself: the review rule asks more (a second search
    phrase, a review word in the title) only because it decides without knowing the article is a review.
    Not "a selective search in PubMed", a narrative review's house phrase. Draw (q): 7 of 120 unlabelled
    train/dev verdicts of narrative review were such reviews."""
    search = h.abstract("review.search")
    if search is None or not h.abstract("review.search_strong") or h.abstract("review.selective_search"):
        return review
    return Decision("systematic_review", search)


def _narrative_form(h: Hits, c: _Uses, strong_only: bool) -> Decision | None:
    view, research = c.view, c.research
    if h.abstract("narrative.method_article") or h.abstract("narrative.account_of_initiative"):
        # "This protocol describes …": a methods article teaches a technique; "this report summarizes the
        # workshop", "this article outlines … implementing a telehealth program": an account of an initiative
        # reports what was done or agreed. Neither reviews anything.
        return None
    section = h.heading("narrative.headings")
    if section and not h.heading("signal.research_headings") and not h.abstract("narrative.own_study"):
        # "Areas covered: … formulated in the current work": a research article under a review's headings.
        # "Major conclusions" heads reviews in some journals, and research abstracts beside "Results".
        return Decision("narrative_review", section)
    method = _method_reads_literature(h, view)
    if method is not None:
        return Decision("narrative_review", method)
    inline = h.abstract("narrative.inline_headings")
    if inline and not view.section_labels and not h.abstract("narrative.inline_research_headings"):
        return Decision("narrative_review", inline)
    hit = h.title("narrative.title")
    weak = hit and h.search("narrative.weak_title", hit.phrase.lower())
    if weak and (research or h.title("narrative.data_title")):
        # "Trends in BMI, 2004-14" and "phylogenomic insights into …" report data of their own.
        hit = None
    if hit and h.title("narrative.study_and_review"):
        # "… : a retrospective review", "a registry study and literature review": a study of its own.
        hit = None
    review_word = hit and h.search("narrative.review_word", hit.phrase.lower())
    if hit and not review_word and h.abstract("narrative.own_study"):
        # "Insights into …", "developments in …" over an abstract that says "in this study" or "here we
        # report": the title names what the study found.
        hit = None
    if hit and (research < 5 or review_word):
        return Decision("narrative_review", hit)
    if h.abstract("narrative.own_series"):
        # "… in our series are discussed": the authors' own patients, reported (a series), not a review.
        return None
    if research < (3 if strong_only else 5):
        hit = h.abstract("narrative.abstract") or h.abstract("narrative.review_self")
        if hit and not h.search("narrative.not_literature", hit.phrase.lower()):
            return Decision("narrative_review", hit)
    if strong_only or research >= 2 or h.abstract("narrative.own_findings"):
        # The weaker cues ("this paper explores", "… are discussed") say what an article covers; beside
        # findings of its own ("we have modelled …", "in this study") they introduce a study.
        return None
    hit = h.abstract("narrative.weak")
    # Reviews say what they cover early on; research abstracts end with "… are discussed".
    in_issue = "in this issue" in view.low_abstract
    if hit and not in_issue and hit.start < 0.6 * len(view.low_abstract):
        return Decision("narrative_review", hit)
    hit = h.abstract("narrative.covered") or h.abstract("narrative.here_we")
    if hit and not in_issue:
        # "… are summarised in this article", "… is addressed here": the article is about a body of
        # knowledge, and without data of its own that is a review wherever the sentence stands.
        return Decision("narrative_review", hit)
    return None


def methods_article(view: View, hits: Hits | None = None) -> bool:
    """The abstract names itself a protocol or a tutorial: never a review, whatever a model reads in it.

    ``hits``: the view's hits when the rules have read it (:attr:`Context.hits`): a cue they read already is
    not matched again."""
    return (hits or Hits(view)).abstract("narrative.method_article") is not None


def account_of_initiative(view: View, hits: Hits | None = None) -> bool:
    """The abstract names itself an account of a programme, project or meeting ("this article provides a
    roadmap for …", "this report summarizes the workshop"): never a review, whatever a model reads in it
    (its background, "challenges", "strategies" read like one). ``hits`` as for :func:`methods_article`."""
    return (hits or Hits(view)).abstract("narrative.account_of_initiative") is not None


def reports_own_work(view: View, hits: Hits | None = None) -> bool:
    """The abstract reports findings of its own ("we found", "we reveal", "our calculations have shown"):
    the model's reading of it as a review (background, "recent", "strategies") is not one. The broader
    "here we present", "this study aimed" are left out: reviews on the train split say them too. ``hits``
    as for :func:`methods_article`."""
    return (hits or Hits(view)).abstract("narrative.own_findings") is not None


def _method_reads_literature(h: Hits, view: View) -> Hit | None:
    """A methods section that is a reading of the literature ("Methods: a summary of available literature"):
    the article's method is a review, so figures elsewhere in the abstract are quoted, not its own data."""
    for label, text in view.sections:
        if label.lower() in _METHOD_SECTIONS:
            found = h.search("narrative.method_literature", text.lower())
            if found is not None:
                return Hit("abstract", f"{label.lower()}: {found.group(0).strip()}")
    return None


# Guidelines ---------------------------------------------------------------------------------------
def _guideline(h: Hits, c: _Uses) -> Decision | None:
    hit = h.title("guideline.title")
    if hit and not h.title("guideline.about_guidelines") and not h.title("guideline.research"):
        return Decision("guideline", hit)
    if c.research >= 4 or h.joined("guideline.research"):
        # A chart review that ends with "recommendations", a finite-element or modelling study: results of
        # its own make an article research, whatever it recommends.
        return None
    hit = h.abstract("guideline.abstract")
    if hit and not h.joined("guideline.about_guidelines"):
        return Decision("guideline", hit)
    return None


# Mendelian randomisation, bioinformatics ----------------------------------------------------------
def _mendelian(h: Hits, c: _Uses) -> Decision | None:
    hit = h.title("mendelian.name")
    if hit:
        return Decision("mendelian_randomization", hit)
    hit = h.abstract("mendelian.name")
    if hit and (h.abstract("mendelian.method") or h.count("mendelian.name", ABSTRACT, 3) >= 2):
        return Decision("mendelian_randomization", hit)
    return None


#: The animal score (``subjects``) of two in-vivo phrases, or of a species in the title and two in the
#: abstract: one phrase alone ("in vitro and in vivo", "a mouse model") is as often a docking study's outlook
#: or a finite-element model's comparison as an experiment of the authors'.
_ANIMAL_WORK = 5


def _bioinformatics(h: Hits, c: _Uses) -> Decision | None:
    """Analysis of existing sequence and expression data, unless the authors' own bench work or animal
    experiment stands beside it (TCGA looked up, then the gene knocked down in cell lines and xenografts in
    nude mice), or a compound's or tissue's assay beside the docking ("IC50", "qRT-PCR"): then the laboratory
    or animal rules decide (train draws (an) and (ao): 18 and 22 such studies, labelled animal or in vitro,
    came out "bioinformatics")."""
    title_hit = h.title("bioinformatics.title")
    strong = h.abstract("bioinformatics.method")
    if title_hit and (strong or not c.view.low_abstract):
        hit = title_hit
    elif strong and h.count("bioinformatics.method", ABSTRACT, 5) >= 2:
        hit = strong
    else:
        return None
    if (
        c.subjects[0] >= _ANIMAL_WORK
        or h.abstract("in_vitro.bench_abstract")
        or h.abstract("in_vitro.assay")
        or _bench_words(h) >= 2
    ):
        return None
    return Decision("bioinformatics", hit)


# Case reports and case series ---------------------------------------------------------------------
#: "a case" and "an index case" count one, as the number words do.
_UNITS = {**UNIT_WORDS, "a": 1, "an": 1}


def number_value(text: str) -> int | None:
    """The value of "12", "three", "eighty-eight" or "two hundred"; None when it is not a number."""
    text = text.strip().lower().replace(",", "")
    if text.isdigit():
        return int(text) if len(text) <= MAX_DIGITS else None
    if text in _UNITS:
        return _UNITS[text]
    tens, _, unit = text.partition("-")
    if tens in TENS_WORDS and (not unit or unit in _UNITS):
        return TENS_WORDS[tens] + (_UNITS.get(unit, 0) if unit else 0)
    head, _, tail = text.partition(" ")
    if tail == "hundred" and head in _UNITS:
        return 100 * _UNITS[head]
    return None


_SERIES_GROUPS = ("n", "n2", "n3", "n4", "n5", "n6", "n7", "n8")
_SERIES_CONTEXT = 10


def _a_patient(h: Hits) -> bool:
    """The abstract describes its patients: "we report a case", "a 45-year-old woman presented", "Mr. A",
    "three patients … aged 78, 84, 88 were managed for …", or a case named in the title."""
    return any(
        (
            h.abstract("case.abstract"),
            h.abstract("case.aged_person"),
            h.abstract("case.named_patient"),
            h.abstract("case.patients_described"),
            h.title("case.title"),
        )
    )


def _case(h: Hits, c: _Uses) -> Decision | None:
    view, research = c.view, c.research
    if h.abstract("case.vignette") and not h.title("case.title"):
        # "A 52-year-old woman … How should her case be managed? This article reviews …": the patient is a
        # clinical-practice review's vignette, put to the reader.
        return None
    series = h.text("case.series")
    if series:
        m = next(iter(h.matches("case.series", TITLE)), None)
        if m is None:
            # The first series the abstract names as its own, not one of other people's ("numerous case
            # series and small studies describe …": a review's sentence).
            low = view.low_abstract
            m = next(
                (
                    x
                    for x in h.matches("case.series", ABSTRACT)
                    if not h.search("case.series_mentioned", low[max(0, x.start() - 40) : x.start()])
                ),
                None,
            )
            series = (
                None
                if m is None
                else Hit("abstract", quote(view.abstract, low, m, _SERIES_CONTEXT), m.start(), m.end())
            )
    if series:
        groups = m.groupdict() if m else {}
        n_text = next((groups[g] for g in _SERIES_GROUPS if groups.get(g)), "")
        n = number_value(n_text) if n_text else None
        if n and n <= 3:
            return Decision("case_report", series)
        explicit = any(groups.get(g) for g in ("n2", "n3", "n5")) or "case series" in series.phrase.lower()
        if explicit or (n and n <= 30 and research < 6):
            return Decision("case_series", series)
    section = h.heading("case.headings")
    if section and section.phrase.lower().startswith("observation") and not _a_patient(h):
        # "Importance / Observations / Conclusions and Relevance" heads JAMA's reviews as well as its case
        # reports: a case report's observations describe a patient ("A 60-year-old man presented …").
        section = None
    if section:
        return Decision("case_report", section)
    hit = h.title("case.title")
    if hit and h.title("case.not_a_case"):
        hit = None
    abstract_hit = h.abstract("case.abstract") or h.abstract("case.named_patient")
    if (
        hit
        and h.title("case.case_study")
        and (
            not h.joined("case.patient_matter")
            or h.joined("case.case_study_research")
            or ("case stud" in view.low_title and not abstract_hit and not h.title("case.patient_matter"))
        )
    ):
        # "A case study of the European Union", "the case of Kidderia species": a case, but not a patient;
        # "a qualitative case study of three hospitals": a research design (health services, education); a
        # "case study" whose title names no patient or clinical matter and whose abstract describes none:
        # a study of an example ("… a case study on RNA-seq data", "A case study in distributed team
        # science", "The first case study of wastewater-based epidemiology of COVID-19").
        hit = None
    # The veto reads the match itself: the quoted context of "this case report" starts "In this case".
    if abstract_hit and h.search("case.not_a_case", view.low_abstract[abstract_hit.start : abstract_hit.end]):
        abstract_hit = None
    if abstract_hit and _illustrates(h, abstract_hit):
        # "We illustrate these challenges with the case of a 16-year-old boy": a review's example patient.
        abstract_hit = None
    if (hit or abstract_hit) and view.low_abstract and not h.joined("case.clinical"):
        # A reported case whose abstract names no patient, clinic or disease is not a patient's case: "we
        # report a particular case of pressure-tuned re-arrangement", "optical trends in a family of
        # complexes" (chemistry and physics on the dev split). A title alone is too terse to ask this of:
        # "Enlarging verrucous plaque in a Guatemalan male" names no clinical word the cue knows.
        hit = abstract_hit = None
    if hit and (abstract_hit or research < 5 or "case report" in hit.phrase.lower()):
        return Decision("case_report", hit)
    if abstract_hit:
        return Decision("case_report", abstract_hit)
    if research < 4 and (initials := _patient_initials(h, view)):
        return Decision("case_report", initials)
    if (
        research < 2
        and len(view.low_abstract) < 1000
        and not h.abstract("case.cell_line")
        and not h.title("review.review_word")
    ):
        # A short abstract without data that names one patient by age is about that patient; longer
        # texts name an example patient, a donor or a cell line's source the same way, and so does a
        # review its title names ("Capgras syndrome: a review" recalls the first case, "a 53-year-old woman").
        hit = h.abstract("case.aged_person")
        if hit and not _illustrates(h, hit):
            return Decision("case_report", hit)
    if (
        h.journal("case.journal")
        and len(view.low_abstract) >= 200
        and not h.title("commentary.opinion_title")
    ):
        # Journals that publish only case reports ("Journal of Medical Case Reports", "… Case Reports"):
        # a series or a review there has been caught above by its own words.
        return Decision("case_report", meta("journal", view.journal))
    return None


#: Capitals that follow "patient" without naming one: "patient ID", "patient QOL".
_NOT_INITIALS = frozenset(
    {"ID", "IDS", "QOL", "HR", "OR", "RR", "CI", "SD", "IQ", "BMI", "AE", "ICU", "ED", "GP"}
)


def _patient_initials(h: Hits, view: View) -> Hit | None:
    """The first patient the abstract knows by initials written in capitals ("patient SM", "Patient HM2")."""
    low = view.low_abstract
    for m in h.matches("case.patient_initials", ABSTRACT):
        group = "i1" if m.group("i1") else "i2"
        written = quote_span(view.abstract, low, m.start(group), m.end(group))
        if written.isupper() and written.rstrip("0123456789") not in _NOT_INITIALS:
            return Hit("abstract", quote(view.abstract, low, m, 10), m.start(), m.end())
    return None


def _illustrates(h: Hits, hit: Hit) -> bool:
    """The case found is one an illustration introduces ("we illustrate … with the case of a 16-year-old")."""
    return any(m.start() <= hit.start < m.end() + 40 for m in h.matches("case.illustration", ABSTRACT))


def _case_in_title(h: Hits, c: _Uses) -> Decision | None:
    """A case report its title announces wins over a review or guideline the abstract also reads like."""
    if not h.title("case.title"):
        return None
    case = c.verdict("case")
    if case and case.study_type == "case_report" and case.why and case.why.field == "title":
        return case
    return None


# Subjects: animals and cells ----------------------------------------------------------------------
def _methods_article(h: Hits, c: _Uses) -> Decision | None:
    """A laboratory or animal methods article ("this protocol describes how to …", "a step by step
    protocol"), a data article (a genome assembly or sequence announced in the title) or a natural product's
    total synthesis (organic chemistry, whatever bioassay it adds): it teaches a procedure, describes data
    or makes a molecule and reports no study, "other" by the labels' policy, and final — the model,
    reading the mice or the cells, would call it an animal or laboratory study. Not where people were
    studied: a surgical technique with its patients' outcomes is a series, the genomes of 27 patients'
    viruses an epidemiological study. The journal alone (JoVE, Methods in Molecular Biology, Data in Brief)
    decides nothing: tried, it made "other" of videos of mouse models that NLM indexes, and the test-only
    sample's labels count, as animal studies."""
    hit = (
        h.abstract("in_vitro.methods_article")
        or h.title("in_vitro.data_title")
        or h.title("in_vitro.synthesis_title")
    )
    return Decision("other", hit) if hit is not None and _no_people(h, c, 2) else None


def _plant_study(h: Hits, c: _Uses) -> Decision | None:
    """Plant biology (the title names plants as the organism studied, or a plant-science journal published
    it) reporting data of its own, with no animals or people counted: "other" by the labels' policy, and
    final, as a methods article is — its transfected lines, bacteria and qRT-PCR would read as laboratory
    work on cells to the model. Without data it may be a review of plant biology, which the review rules and
    the model decide."""
    if c.research < 2:
        return None
    hit = _plant_title(h)
    if hit is None and h.journal("in_vitro.plant_journal"):
        hit = meta("journal", c.view.journal)
    if hit is None:
        return None
    animal, human, _ = c.subjects
    return Decision("other", hit) if animal < 3 and human < 2 else None


def _plant_title(h: Hits) -> Hit | None:
    """The title names plants as the organism studied (not where its words name something else)."""
    return h.title("in_vitro.plant_title") if not h.title("in_vitro.plant_not") else None


def _animal_first(h: Hits, c: _Uses) -> Decision | None:
    animal, human, why = c.subjects
    if animal >= 3 and animal > human and not _animals_only_cited(h, c):
        return _animal_or_bench(h, why)
    return None


#: The cues of animals used in an experiment (``subjects`` weighs them most).
_ANIMAL_EXPERIMENT = ("animal.experiment", "animal.animals", "animal.other_animals")


def _animals_only_cited(h: Hits, c: _Uses) -> bool:
    """An abstract that counts people of its own and names animals only where it introduces others' work
    ("CD31 has been involved in … homing in mice cells" under BACKGROUND, "Research in rats has shown …"
    opening an abstract on 75 people) studies people: the animals are cited, not studied (digest audit,
    round 24, dev: flow cytometry of 41 people with HIV and 34 controls shown as an animal study). Any
    animal in the title, in MeSH, or anywhere outside the background keeps the animal study."""
    view = c.view
    if c.human() < 1 or "animals" in view.mesh or not view.low_abstract:
        return False
    if any(hit.field == "title" for hit in _species(view).values()):
        return False
    for name in _ANIMAL_EXPERIMENT:
        if h.title(name) or any(not _background(view, m.start()) for m in h.matches(name, ABSTRACT)):
            return False
    text = view.low_abstract
    for cue in _SPECIES_CUES.values():
        if cue.possible(text) and any(not _background(view, m.start()) for m in cue.finditer(text)):
            return False
    return True


def _animal_or_bench(h: Hits, why: Hit | None) -> Decision:
    """An animal study, unless the title sets the work at the bench alone ("Effect of EPA on Neonatal Pig
    Sertoli Cells In Vitro", "Gallic acid promotes the in vitro development of sheep follicles"): the species
    then names where the cells came from (digest audit, round 5: cultured pig cells shown as an animal study;
    the train and dev hand labels of such titles, 2 of 3 in vitro)."""
    setting = h.title("in_vitro.title_setting")
    if setting is not None and not h.title("in_vitro.title_in_vivo"):
        return Decision("in_vitro", setting)
    return Decision("animal", why)


def _animal_weak(h: Hits, c: _Uses) -> Decision | None:
    animal, _, why = c.subjects
    return _animal_or_bench(h, why) if animal >= 3 and not _animals_only_cited(h, c) else None


def _laboratory(h: Hits) -> Hit | None:
    """The laboratory evidence: cells, assays and microbes, or molecules and formulations at the bench;
    none for computational work named in the title ("genome-scale metabolic modelling", "… using a deep
    neural network") unless title or abstract name bench work beside it, a compound's assay included."""
    if (
        h.title("in_vitro.computational")
        and not h.title("in_vitro.bench_title")
        and not h.abstract("in_vitro.bench_abstract")
        and not h.abstract("in_vitro.compound_assay")
    ):
        return None
    return h.text("in_vitro.lab") or h.text("in_vitro.molecular")


def _in_vitro_with_data(h: Hits, c: _Uses) -> Decision | None:
    """Laboratory work that reports data, unless people were studied too, or the title names a microbial
    community (soil, water, sediment, air or reactor surveys) or an environmental process (wastewater
    treatment, remediation, biosorption): "other" by the labels' policy.

    One counted group of people is the cells' donors only where the abstract works with cells ("stem cells
    were cultured", "transfected"); otherwise the assay is how those people were measured (ELISA of 45
    workers' serum, swabs of 524 health care workers): a study of people. Train split: 11 such records,
    labelled cohort, cross-sectional or case-control, were tagged in vitro; 1 specimen study was lost."""
    if c.research < 2 or h.title("in_vitro.community") or h.title("in_vitro.environment"):
        return None
    hit = _laboratory(h)
    limit = 2 if h.abstract("in_vitro.cell_work") else 1
    return Decision("in_vitro", hit) if hit is not None and _no_people(h, c, limit) else None


def _no_people(h: Hits, c: _Uses, limit: int) -> bool:
    """Fewer people than ``limit`` were studied: those counted beside stem cells, organoids or cells
    derived from patients are the cells' donors."""
    return c.human() < limit or h.text("in_vitro.donor_cells") is not None


def _in_vitro_without_data(h: Hits, c: _Uses) -> Decision | None:
    """Laboratory work without a data phrase. Kept although every such verdict on a *labelled* bulk record
    was wrong (0 of 77, mostly reviews): labels there come from publication types, which research articles
    lack, and read by hand, the 209 dev-split records it decides are nearly all laboratory research."""
    if (
        c.research >= 2
        or not c.view.low_abstract
        or h.title("in_vitro.community")
        or h.title("in_vitro.environment")
        or _plant_title(h)
    ):
        # Without an abstract, laboratory words are a headline's: "Development of new antibacterial agents",
        # "Delta variant is now UK's most dominant strain" (13 such verdicts on train and dev, none a study).
        # Plant biology without a data phrase is "other" as it is with one (`_plant_study`), or a review the
        # model reads (dev: a maize gene family's genome-wide survey came out in_vitro).
        return None
    if h.abstract("in_vitro.others_findings") and not h.abstract("in_vitro.own_work"):
        # Findings told as others' ("later work revealed …") and no work of its own: a literature, reviewed.
        return None
    hit = _laboratory(h)
    return Decision("in_vitro", hit) if hit is not None and _no_people(h, c, 1) else None


# Trials -------------------------------------------------------------------------------------------
#: Designs of a trial the investigators did not randomise, each a cue of its own (the rare ones kept out of
#: ``trial.nonrandomised``, which runs on most clinical abstracts).
_NONRANDOMISED_CUES = ("trial.nonrandomised", "trial.controlled_before_after", "trial.crossover")


def _trial(h: Hits, c: _Uses) -> Decision | None:
    view = c.view
    low_a = view.low_abstract
    if (
        h.title("trial.title_qualitative")
        or h.text("trial.observational_within")
        or h.title("trial.economic_title")
    ):
        # A qualitative study, a cohort analysis or an economic evaluation set in a trial: the trial is where
        # its people or its data came from.
        return None
    title = h.title("trial.rct_title")
    if h.title("trial.methods_title") and h.abstract("trial.methods_paper") and c.human() < 2:
        # A paper on the statistics of trials, titled so, with no people of its own: the trials are what it
        # serves ("a cluster randomized trial of a school programme" whose sample size came from a
        # simulation study is a trial).
        return None
    if title and h.search("trial.not_allocation", view.low_title):
        title = None
    own_design = title is None and h.title("trial.title_not_rct") is not None
    if _bench_specimens(h, c):
        # Extracted teeth or ceramic blocks randomised into groups: a laboratory study, not a trial.
        return None
    # Spans of the trials the abstract re-analyses ("a secondary analysis of …"): their design words are the
    # data's source, not this study's.
    sources = [(s.start(), s.end()) for s in h.matches("trial.secondary", ABSTRACT)]
    if sources and h.text("trial.secondary_observational") and not h.text("trial.secondary_arms"):
        # A secondary analysis of an exposure the trial did not randomise, and no comparison of its arms: the
        # trial is where the people came from; the design is observational.
        return None
    if h.title("trial.observational_question") and not h.title("trial.effect_title"):
        # A title asking an observational question of a trial's people ("Association of … polymorphism with
        # …", "… to predict clinical outcomes"): the trial is where the people came from, as above.
        return None
    found = []
    for m in () if own_design else h.matches("trial.allocation", ABSTRACT):
        if h.search("trial.not_allocation", low_a[max(0, m.start() - 25) : m.end() + 60]) or _called_for(
            h, low_a, m
        ):
            continue
        if m.group(0) == "rct" and (
            quote_span(view.abstract, low_a, *m.span()) != "RCT" or h.abstract("trial.rct_defined_otherwise")
        ):
            # "Rct" is a charge-transfer resistance, "rct" a variable: only the capitals abbreviate a trial,
            # and only where the abstract did not define them as something else ("radiochemotherapy (RCT)").
            continue
        found.append(m)
    if not found and not own_design:
        for m in h.matches("trial.placebo_allocation", ABSTRACT):
            if (
                _not_this_trial(h, low_a, m, sources)
                or h.search("trial.not_allocation", low_a[max(0, m.start() - 25) : m.end() + 60])
                or (not sources and _PLURAL_TRIALS.match(low_a, m.end()))
            ):
                # Others' trials ("evidence from randomized, double-blind, placebo-controlled trials"), unless
                # the abstract analyses them again ("data from both trials were pooled in this post hoc
                # analysis"): then they are the data's design, as in the non-randomised loop below.
                continue
            found.append(m)
            break
    if (
        found
        and title is None
        and h.abstract("qualitative.method")
        and all(_names_a_trial(m) for m in found)
        and not sources
        and not h.abstract("protocol.future")
    ):
        # Interviews with "participants of a randomized trial", "prior to a cluster randomized trial": a
        # qualitative study set in a trial, which names the trial but allocates no one (nor is it one).
        return None
    if (
        found
        and title is None
        and h.abstract("trial.declared_observational")
        and not any(_names_a_trial(m) for m in found)
    ):
        # "DESIGN: Prospective observational crossover study" with masks worn "in randomized order": the
        # declared design stands where no randomised trial is named.
        return None
    if found and title is None and (quasi := h.abstract("trial.quasi_random")):
        # Allocated by an identification number, a birth date or in turn: quasi-random, so not randomised.
        return Decision("nonrandomised_trial", quasi)
    abstract = found[0] if found else None
    if title or abstract:
        flags: dict[str, Hit] = {}
        secondary = h.text("trial.secondary")
        if secondary:
            flags["rct_secondary_analysis"] = secondary
        if title:
            return Decision("rct", title, flags)
        assert abstract is not None
        return Decision(
            "rct", Hit("abstract", quote(view.abstract, low_a, abstract, 15), abstract.start()), flags
        )
    # A title that names an observational design ("a population-based cohort study") leaves the abstract's
    # trial words to the trials it cites; a quasi-experimental or non-randomised title names this one.
    # In the abstract, a trial that is only the data's source ("participants in a double-blind phase III
    # trial", a secondary analysis) or not this study at all (called for, someone else's) names no design.
    # A design the title names for trials in the plural is its topic: "The ethics of placebo-controlled
    # trials of surgery".
    # A trial the title compares the study with ("… with comparisons to the randomized controlled trial")
    # names no design of its own either.
    hit = None
    if not h.title("trial.yardstick"):
        hit = next(
            (
                Hit("title", quote(view.title, view.low_title, m), m.start(), m.end())
                for cue in _NONRANDOMISED_CUES
                for m in h.matches(cue, TITLE)
                if not _PLURAL_TRIALS.match(view.low_title, m.end())
            ),
            None,
        )
    if hit is None and not own_design:
        named = sorted(
            (m for cue in _NONRANDOMISED_CUES for m in h.matches(cue, ABSTRACT)), key=lambda x: x.start()
        )
        for m in named:
            if not sources and _PLURAL_TRIALS.match(low_a, m.end()):
                # "Evidence from double-blind, placebo-controlled trials": others' trials, unless the abstract
                # analyses them again ("this post hoc analysis of …").
                continue
            if not _not_this_trial(h, low_a, m, sources):
                hit = Hit("abstract", quote(view.abstract, low_a, m, 10), m.start(), m.end())
                break
    return Decision("nonrandomised_trial", hit) if hit else None


_PLURAL_TRIALS = re.compile(r",? (?:[\w-]+ ){0,2}?(?:trials|studies)\b")


def _not_this_trial(h: Hits, low_a: str, m: re.Match[str], sources: list[tuple[int, int]]) -> bool:
    """A trial's words that name the data's source (inside a re-analysed trial's span) or another trial
    (called for, lacking, someone else's: ``trial.not_this_trial`` around them)."""
    if any(start < m.end() and m.start() < end for start, end in sources):
        return True
    return bool(
        h.search("trial.not_this_trial", low_a[max(0, m.start() - 50) : m.end() + 60])
    ) or _called_for(h, low_a, m)


def _bench_specimens(h: Hits, c: _Uses) -> bool:
    """Specimens at the bench (extracted teeth, ceramic blocks) and fewer than two people counted."""
    return h.text("in_vitro.specimens") is not None and c.human() < 2


def _cells_beside_a_database(h: Hits) -> bool:
    """A public database's patients beside the authors' own cell work (two distinct bench words): a
    laboratory study that looked its genes up, not a cohort."""
    if not h.abstract("in_vitro.public_database"):
        return False
    return _bench_words(h) >= 2


def _bench_words(h: Hits) -> int:
    """Distinct words of the authors' cell work in the abstract: one "cell line" or "luciferase" is cited as
    often as done, two are work of their own."""
    return len({m.group(0).replace("-", " ") for m in h.matches("in_vitro.bench_work", ABSTRACT)})


def _called_for(h: Hits, low_a: str, m: re.Match[str]) -> bool:
    """The sentence of a trial's words calls for that trial ("A randomized trial comparing … is
    warranted")."""
    left = max(low_a.rfind(". ", 0, m.start()), low_a.rfind(": ", 0, m.start()))
    start = left + 2 if left >= 0 else 0  # the abstract's first sentence starts at 0, not 1
    end = low_a.find(". ", m.end())
    return h.search("trial.called_for", low_a[start : end if end >= 0 else len(low_a)]) is not None


def _names_a_trial(m: re.Match[str]) -> bool:
    """A randomisation phrase that only names a trial ("a cluster randomized trial"), allocating no one."""
    phrase = m.group(0)
    return phrase.startswith("randomi") and phrase.endswith(("trial", "study"))


def _trial_with_types(h: Hits, c: _Uses) -> Decision | None:
    text = c.verdict("trial")
    present = [t for t in _TRIAL_TYPES if t in c.view.publication_types]
    if not present:
        return text
    if text and text.study_type in {"rct", "nonrandomised_trial"}:
        return text
    return Decision("nonrandomised_trial", meta("publication type", present[0].title()))


# Observational and other clinical designs ---------------------------------------------------------
#: The cohort words that name the design (the others, "nationwide", "retrospectively", "registry", describe a
#: setting or a source that qualitative studies share).
_COHORT_NAMED = frozenset({"cohort", "cohorts", "longitudinal", "follow-up", "follow up", "followed up"})


def _cohort(h: Hits, hit: Hit) -> Decision:
    """A cohort, shown as an inferred design when the abstract measures nothing over time (no follow-up,
    baseline, "years after", repeated measures: ``observational.time_course``). Without such words a
    retrospective, registry or "cohort of patients" study was a cohort by the hand labels only 48 of 131
    times on train and 21 of 54 on dev (with them 109 of 160 and 49 of 70; the rest mostly cross-sectional
    studies, case series and laboratory work), and clinicians auditing digest items found the badge right on
    8 of 22 such train and dev items against 49 of 58 (``benchmarks/digest_audit.py``). The design stays
    (it is still the likeliest), and the badge says it was inferred."""
    if h.abstract("observational.time_course"):
        return Decision("cohort", hit)
    return Decision("cohort", hit, {"design_inferred": Hit(hit.field, f"cohort inferred: {hit.phrase}")})


def _observational(h: Hits, c: _Uses) -> Decision | None:
    research = c.research
    if _bench_specimens(h, c):
        # "The incidence of over-extended readings" in thirty extracted premolars: no people, no cohort.
        return None
    if _cells_beside_a_database(h):
        return None
    hit = h.text("observational.economic")
    if hit and (h.title("observational.economic") or h.count("observational.economic", ABSTRACT, 4) >= 2):
        return Decision("economic_evaluation", hit)
    for name, cue in (
        ("case_control", "observational.case_control"),
        ("cross_sectional", "observational.cross_sectional"),
        ("diagnostic_accuracy", "observational.diagnostic"),
        ("prediction_model", "observational.prediction"),
    ):
        hit = h.title(cue)
        if hit:
            return Decision(name, hit)
    cohort_title = h.title("observational.cohort")
    hit = h.abstract("observational.diagnostic")
    if hit and h.count("observational.diagnostic", ABSTRACT, 4) >= 2:
        return Decision("diagnostic_accuracy", hit)
    hit = h.abstract("observational.prediction")
    if hit and h.count("observational.prediction", ABSTRACT, 4) >= 2:
        return Decision("prediction_model", hit)
    hit = h.abstract("observational.case_control_named")
    if hit:
        return Decision("case_control", hit)
    hit = h.abstract("observational.cross_sectional")
    if (
        hit
        and (not cohort_title or _own_cross_sectional(h, c.view))
        and not _survey_then_followed(hit, c.view)
    ):
        return Decision("cross_sectional", hit)
    if cohort_title:
        return _cohort(h, cohort_title)
    named = h.title("qualitative.design")
    if (named and "mixed" not in named.phrase.lower()) or (
        h.abstract("qualitative.method")
        and not any(m.group(0) in _COHORT_NAMED for m in h.matches("observational.cohort", ABSTRACT))
    ):
        # A qualitative study ("a qualitative study" in the title, or semi-structured interviews) is not made
        # a cohort or a case-control study by "recruited from ongoing cohort studies", "a nationwide" or
        # "matched controls" beside it. Without the title's word, an abstract that names a cohort or a
        # follow-up beside its interviews stays a cohort; so does a "mixed methods" study.
        return None
    hit = h.abstract("observational.cohort")
    if hit and research >= 2:
        return _cohort(h, hit)
    hit = h.abstract("observational.before_after")
    if hit and research >= 2 and c.human() >= 2 and c.subjects[0] < 3:
        return Decision("cohort", hit)
    hit = h.abstract("observational.case_control")
    if hit and research >= 2:
        return Decision("case_control", hit)
    if hit := h.abstract("observational.prediction"):
        return Decision("prediction_model", hit)
    if hit := h.abstract("observational.diagnostic"):
        return Decision("diagnostic_accuracy", hit)
    return None


#: The abstract calls its own design cross-sectional: "A cross-sectional study design was used", "In this
#: large-scale cross-sectional study", "This study was an observational study using a cross-sectional
#: method" (not "cross-sectional muscle area", "prior cross-sectional research").
_OWN_CROSS_SECTIONAL = re.compile(
    r"\b(?:this|a|an|our|the present) (?:[\w-]+,? ){0,3}?cross[- ]sectional (?:study|design|survey|method)\b|"
    r"\bcross[- ]sectional (?:study )?design (?:was|is) (?:used|employed|adopted)\b"
)


def _own_cross_sectional(h: Hits, view: View) -> bool:
    """The abstract's own cross-sectional design over a title that names only the study's setting ("… : a
    population-based study", "a nationwide registry"), not a cohort or a follow-up, in an abstract that
    measures nothing longitudinally (digest audit, round 20, train: "population-based" in the title made a
    cohort of "A cross-sectional study design was used")."""
    return (
        not any(m.group(0) in _COHORT_NAMED for m in h.matches("observational.cohort", TITLE))
        and "longitudinal" not in view.low_abstract
        and _OWN_CROSS_SECTIONAL.search(view.low_abstract) is not None
    )


#: Time to an event measured in the study's own people: a hazard ratio, "during a 13-year follow-up".
_TIME_TO_EVENT = re.compile(
    r"\bhazard ratios?\b|\b(?:\d+|[a-z]+)[- ](?:years?|months?)(?:'s?)? follow[- ]?up\b"
)


def _survey_then_followed(hit: Hit, view: View) -> bool:
    """A survey that starts a study whose people are then followed to an event ("A risk factor survey was
    sent, followed by nurse-led counselling … hazard ratio for all-cause mortality … during a 13-year
    follow-up") is no cross-sectional study: the survey is only its first step (digest audit, round 24,
    dev). The abstract's own "cross-sectional" stands."""
    return "cross" not in hit.phrase.lower() and _TIME_TO_EVENT.search(view.low_abstract) is not None


def _qualitative(h: Hits, c: _Uses) -> Decision | None:
    return Decision("qualitative", h.text("qualitative.design")) if h.joined("qualitative.design") else None


def _survey(h: Hits, c: _Uses) -> Decision | None:
    """People who answered questionnaires once, reporting data, in an abstract that names no design: a
    survey at one time. After the qualitative rule: interviews and surveys together are mixed methods."""
    hit = h.abstract("observational.questionnaire")
    if hit and c.research >= 2 and not h.abstract("observational.time_course"):
        return Decision("cross_sectional", hit)
    return None


def _experiment(h: Hits, c: _Uses) -> Decision | None:
    """People tested in the authors' own experiments ("In Experiment 1, we compared …"), or whose brain or
    body was measured with data reported (fMRI, EEG, eye tracking), in an abstract that names no design:
    measured in one session, a cross-sectional study. After the animal rules and laboratory work with data,
    which take the experiments done on animals, plants and cells."""
    if not h.abstract("observational.experiment_people") and not _people_tested_unnamed(h):
        return None
    hit = h.abstract("observational.experiment")
    if hit is None and (
        c.research >= 2 or h.abstract("narrative.own_findings") or h.abstract("narrative.own_results")
    ):
        # People whose brain or body was measured, with data or findings of the authors' own reported
        # ("participants (n = 36) … fMRI", "we found that …"), not a review of such work.
        hit = h.abstract("observational.human_measurement")
    return Decision("cross_sectional", hit) if hit else None


def _people_tested_unnamed(h: Hits) -> bool:
    """People tested though the abstract never names them: experiments numbered as psychology numbers its
    own, or the brain or body measured with findings of the authors' own, in either case with a task,
    responses, memory or perception measured. Animals, plants and cells were decided before; a simulation's
    or a food store's "experiments", chemistry's reaction times and a signal-processing method are no study
    of people."""
    if not h.abstract("observational.behaviour_measured") or h.title("in_vitro.computational"):
        return False
    if h.abstract("observational.numbered_experiments"):
        return True
    measured = h.abstract("observational.human_measurement")
    return (
        measured is not None
        and "reaction time" not in measured.phrase.lower()
        and bool(h.abstract("narrative.own_findings") or h.abstract("narrative.own_results"))
        and not h.title("observational.signal_method_title")
    )


# Metadata (NLM publication types and MeSH), refined by text ---------------------------------------
_REVIEW_KINDS = frozenset({"meta_analysis", "scoping_review", "systematic_review"})


def _metadata(h: Hits, c: _Uses) -> Decision | None:
    types = c.view.publication_types
    for name, study_type in _PUBTYPE_DIRECT:
        if name not in types:
            continue
        why = meta("publication type", name.title())
        if study_type in _REVIEW_KINDS:
            # NLM tags many pooled reviews "Systematic Review" only; the text settles it.
            text_review = c.verdict("review")
            if text_review and text_review.study_type in _REVIEW_KINDS:
                if study_type == "meta_analysis" and text_review.study_type != "meta_analysis":
                    return Decision(study_type, why)
                return Decision(text_review.study_type, text_review.why)
            if study_type == "systematic_review":
                bioinformatics = c.verdict("bioinformatics")
                if bioinformatics:
                    return bioinformatics
            return Decision(study_type, why)
        if study_type == "case_report":
            text_case = c.verdict("case")
            if text_case and text_case.study_type == "case_series":
                return text_case
        if study_type == "rct":
            flags = {}
            secondary = h.text("trial.secondary")
            if secondary:
                flags["rct_secondary_analysis"] = secondary
            return Decision("rct", why, flags)
        return Decision(study_type, why)
    return None


def _review_type(h: Hits, c: _Uses) -> Decision | None:
    if "review" in c.view.publication_types and not c.verdict("case"):
        return c.verdict("review") or _searched(
            h, Decision("narrative_review", meta("publication type", "Review"))
        )
    return None


def _mesh_mendelian(h: Hits, c: _Uses) -> Decision | None:
    design, study_type = _MESH_DESIGN[0]
    return Decision(study_type, meta("MeSH", design.title())) if design in c.view.mesh else None


def _mesh_design(h: Hits, c: _Uses) -> Decision | None:
    for design, study_type in _MESH_DESIGN[1:]:
        if design in c.view.mesh:
            observational = c.verdict("observational")
            if observational and observational.study_type in {
                "diagnostic_accuracy",
                "prediction_model",
                "economic_evaluation",
            }:
                return observational
            return Decision(study_type, meta("MeSH", design.title()))
    return None


def _observational_type(h: Hits, c: _Uses) -> Decision | None:
    if "observational study" in c.view.publication_types:
        return Decision("cohort", meta("publication type", "Observational Study"))
    return None


# --------------------------------------------------------------------------------------------------
# Declarations and precedence
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Rule:
    """A rule and what it may read: cue families or single cues (``reads``) and other rules' verdicts
    (``uses``; ``*`` is the verdict on the text alone, which reads every family)."""

    name: str
    fn: Callable[[Hits, _Uses], Decision | None]
    reads: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()

    @property
    def cues(self) -> frozenset[str]:
        return _EXPANDED[self.name]


#: What :func:`_searched` reads of the review family.
_SEARCH_CUES = ("review.search", "review.search_strong", "review.selective_search")


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {r.name: r for r in rules}


RULES: dict[str, Rule] = _rules(
    Rule("notice", _notice, ("notice",)),
    Rule("metadata", _metadata, ("trial.secondary",), ("review", "case", "bioinformatics")),
    Rule("commentary", _commentary, ("commentary", "case.title"), ("*", "case")),
    Rule("review_type", _review_type, _SEARCH_CUES, ("review", "case")),
    Rule("protocol", _protocol, ("protocol",)),
    Rule("case_in_title", _case_in_title, ("case.title",), ("case",)),
    Rule(
        "bibliometric",
        _bibliometric,
        (
            "review.bibliometric_title",
            "review.bibliometric_self",
            "review.sr_title",
            "review.ma_title",
            "review.scoping",
            "review.sr_self",
            "review.ma_self",
            "narrative.abstract",
        ),
    ),
    Rule("review", _review, ("review", "narrative.abstract")),
    Rule("guideline", _guideline, ("guideline",)),
    Rule("mesh_mendelian", _mesh_mendelian),
    Rule("mendelian", _mendelian, ("mendelian",)),
    Rule("case", _case, ("case", "commentary.opinion_title", "review.review_word")),
    Rule(
        "narrative_strong",
        lambda h, c: _narrative(h, c, True),
        ("narrative", "signal.research_headings", *_SEARCH_CUES),
    ),
    Rule(
        "bioinformatics",
        _bioinformatics,
        ("bioinformatics", "in_vitro.bench_abstract", "in_vitro.assay", "in_vitro.bench_work"),
        ("subjects",),
    ),
    Rule(
        "methods_article",
        _methods_article,
        (
            "in_vitro.methods_article",
            "in_vitro.data_title",
            "in_vitro.synthesis_title",
            "in_vitro.donor_cells",
        ),
        ("subjects",),
    ),
    Rule(
        "plant_study",
        _plant_study,
        ("in_vitro.plant_title", "in_vitro.plant_journal", "in_vitro.plant_not"),
        ("subjects",),
    ),
    Rule(
        "animal_first",
        _animal_first,
        ("in_vitro.title_setting", "in_vitro.title_in_vivo", *_ANIMAL_EXPERIMENT),
        ("subjects",),
    ),
    Rule(
        "trial",
        _trial,
        ("trial", "qualitative.method", "protocol.future", "in_vitro.specimens"),
        ("subjects",),
    ),
    Rule("trial_types", _trial_with_types, (), ("trial",)),
    Rule("mesh_design", _mesh_design, (), ("observational",)),
    Rule(
        "observational",
        _observational,
        (
            "observational",
            "qualitative.design",
            "qualitative.method",
            "in_vitro.specimens",
            "in_vitro.public_database",
            "in_vitro.bench_work",
        ),
        ("subjects",),
    ),
    Rule("observational_type", _observational_type),
    Rule(
        "animal_weak",
        _animal_weak,
        ("in_vitro.title_setting", "in_vitro.title_in_vivo", *_ANIMAL_EXPERIMENT),
        ("subjects",),
    ),
    Rule("opinion", _opinion_in_abstract, ("commentary",), ("narrative_weak",)),
    Rule("qualitative", _qualitative, ("qualitative",)),
    Rule("survey", _survey, ("observational.questionnaire", "observational.time_course")),
    Rule("in_vitro_with_data", _in_vitro_with_data, ("in_vitro",), ("subjects",)),
    Rule(
        "experiment",
        _experiment,
        (
            "observational.experiment",
            "observational.experiment_people",
            "observational.numbered_experiments",
            "observational.behaviour_measured",
            "observational.signal_method_title",
            "observational.human_measurement",
            "in_vitro.computational",
            "narrative.own_findings",
            "narrative.own_results",
        ),
    ),
    Rule(
        "narrative_weak",
        lambda h, c: _narrative(h, c, False),
        ("narrative", "signal.research_headings", *_SEARCH_CUES),
    ),
    Rule("commentary_weak", _weak_commentary, ("commentary",)),
    Rule("in_vitro", _in_vitro_without_data, ("in_vitro",), ("subjects",)),
)
_EXPANDED = {name: expand(rule.reads) for name, rule in RULES.items()}
#: The shared measures read the signal and animal families, whatever rule asks for them.
_SIGNAL_CUES = expand(("signal",))
_SUBJECT_CUES = expand(("signal", "animal"))

#: The rules' precedence, most decisive first: the first that names a design decides. Reading this table
#: is reading which class wins when two could; a rule's own cues can move only the records it decides
#: (and those of the rules that declare they use its verdict), which ``tests/test_tagging_cues.py``
#: checks by switching each family off on real records.
STEPS: tuple[tuple[str, str], ...] = (
    ("notice (erratum, retraction, concern)", "notice"),
    ("NLM publication types, refined by the text", "metadata"),
    ("the article's form: letter, comment, editorial", "commentary"),
    ("publication type Review", "review_type"),
    ("protocol", "protocol"),
    ("case report named in the title", "case_in_title"),
    ("bibliometric analysis (no review, no study)", "bibliometric"),
    ("systematic review, meta-analysis, scoping review", "review"),
    ("guideline", "guideline"),
    ("Mendelian randomisation (MeSH)", "mesh_mendelian"),
    ("Mendelian randomisation", "mendelian"),
    ("case report or case series", "case"),
    ("narrative review, strong cue", "narrative_strong"),
    ("bioinformatics", "bioinformatics"),
    ("laboratory or animal methods article, data article (no study)", "methods_article"),
    ("plant biology (no study of animals or people)", "plant_study"),
    ("animal study, animals outweigh people", "animal_first"),
    ("trial, randomised or not (publication types refined by the text)", "trial_types"),
    ("observational design (MeSH)", "mesh_design"),
    ("observational design (text)", "observational"),
    ("publication type Observational Study", "observational_type"),
    ("animal study", "animal_weak"),
    ("opinion in the abstract", "opinion"),
    ("qualitative study", "qualitative"),
    ("survey: questionnaires answered once", "survey"),
    ("in-vitro study with data", "in_vitro_with_data"),
    ("experiment with people, one session", "experiment"),
    ("narrative review, weaker cue", "narrative_weak"),
    ("commentary, weaker cue", "commentary_weak"),
    ("in-vitro study", "in_vitro"),
)


def rules_reading(family: str) -> frozenset[str]:
    """The rules whose verdict may depend on a cue family: those that read it, those that use the measure
    it feeds (the animal family feeds the subjects), and those that use such a rule's verdict."""
    reached = {
        name
        for name, rule in RULES.items()
        if any(cue.partition(".")[0] == family for cue in rule.cues)
        or (family == "animal" and "subjects" in rule.uses)
    }
    while True:
        more = {
            name
            for name, rule in RULES.items()
            if name not in reached and ("*" in rule.uses or not reached.isdisjoint(rule.uses))
        }
        if not more:
            return frozenset(reached)
        reached |= more


def classify(view: View, research: int | None = None, hits: Hits | None = None) -> Decision:
    """The first design the rules of :data:`STEPS` name, or "other"."""
    return _classified(Context(view, hits or Hits(view), research))


def _classified(ctx: Context) -> Decision:
    for _, rule in STEPS:
        decision = ctx.verdict(rule)
        if decision is not None:
            if decision.rule is None:
                decision.rule = rule
            return decision
    return Decision("other", None)


def rules(view: View, off: frozenset[str] = frozenset()) -> tuple[Decision, Context]:
    """The rules' decision, and the context they shared: its ``research`` (the strength of the abstract's
    original-data signals) is computed only when asked for.

    ``off``: cue families switched off (they never match), for the isolation test.
    """
    ctx = Context(view, Hits(view, off))
    decision = _classified(ctx)
    if decision.study_type == "animal" or ("animals" in view.mesh and "humans" not in view.mesh):
        for name, hit in _species(view).items():
            decision.flags[f"animal_species:{name}"] = hit
    return decision, ctx


def rule_verdict(view: View, off: frozenset[str] = frozenset()) -> tuple[Decision, int]:
    """The rules' decision and the strength of the abstract's original-data signals (0 = none)."""
    decision, ctx = rules(view, off)
    return decision, ctx.research
