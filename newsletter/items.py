"""What a reader sees of one work: the view model shared by the email, the web page and the text part.

One function (:func:`make_item`) turns a stored :class:`Work` into a :class:`DigestItem`, and one item
template (``templates/_item.html.j2``) draws it for the email and the web alike, so a status note, a
warning or a reason can never be on one and missing from the other.

Everything shown is taken from the stored records and tags; nothing is paraphrased. The key takeaway is
the tagger's takeaway (the abstract's concluding sentences, verbatim), or for works tagged before it
existed the abstract's conclusion, quoted once. The only
machine-written text, the optional plain-language headline, is labelled as such and is set by
:mod:`newsletter.headlines` after its own checks. Links are built only from identifiers (DOI, PMID) or
from http(s) URLs: a scraped ``javascript:`` or ``data:`` URL never reaches an ``href``.

Numbers are shown as the abstract words them (the tagger keeps each with its verbatim span), the effect
estimate included: a reader checking the abstract finds the same characters. Tags stored by an older
tagger (no label, takeaway or evidence record) still render, with less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from osteodigest.crawler import registry
from osteodigest.crawler.models import NOTICE_KINDS, Work
from osteodigest.crawler.normalize import clean_line
from osteodigest.crawler.tagging.evidence import LABELS as DESIGN_LABELS

#: What a reader is shown of one work is capped, whatever a source sent (the store keeps it all): a
#: runaway or hostile field must not turn one item into a megabyte of email.
TITLE_CHARS = 500
QUOTE_CHARS = 400
JOURNAL_CHARS = 200
DATE_CHARS = 40
#: How much of an abstract is read to find the quoted conclusion.
ABSTRACT_CHARS = 30_000

#: The study types a reader can choose among, named as the tagger's badges name them; four are shorter
#: here, where they stand in a list of choices.
STUDY_TYPE_LABELS = {
    **DESIGN_LABELS,
    "diagnostic_accuracy": "Diagnostic accuracy",
    "prediction_model": "Prediction model",
    "mendelian_randomization": "Mendelian randomization",
    "bioinformatics": "Bioinformatics",
}

#: What a status change of a work sent earlier means for the reader, most serious first.
STATUS_NOTES = (
    ("retracted", "Retracted since it was listed"),
    ("concern", "Expression of concern published"),
    ("corrected", "Correction published"),
    ("updated", "A new version of this review is out"),
    ("published", "Now published in a journal"),
)

#: Tagger and store flags worth a word next to the design badge (preprint and retraction get banners).
FLAG_NOTES = {
    "rct_secondary_analysis": "secondary analysis of a trial",
    "corrected": "corrected",
    "concern": "expression of concern",
}

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}
_CONCLUSION_LABELS = re.compile(
    r"^(conclusions?|interpretation|conclusions? and relevance|implications?|summary)\b", re.IGNORECASE
)
_CONCLUDING_START = re.compile(
    r"^(in conclusion|in summary|to conclude|taken together|overall|collectively"
    r"|these (findings|results|data)"
    r"|this (study|review|meta-analysis|trial) (shows|suggests|demonstrates|indicates|found)|we conclude"
    r"|our (findings|results|data))",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])")
_UNSAFE_URL_CHARS = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\]")


def shorten(text: str | None, limit: int, *, whole_words: bool = False) -> str | None:
    """``text`` as one clean line of at most ``limit`` characters, cut at a word and ended with "…".

    Cleaning again here (normalization already does it) covers works stored by earlier versions. A title
    is cut inside its last word rather than lose more than a fifth of the room; ``whole_words`` never
    cuts inside one (a key number's line: a cut inside "117 months" would misquote it).
    """
    if text is None:
        return None
    text = clean_line(text[: limit * 4] if len(text) > limit * 4 else text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > (0 if whole_words else limit * 0.8):
        cut = cut[:space]
    return cut.rstrip(" ,;:.([" if whole_words else " ,;:.") + "…"


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def key_finding(work: Work) -> str | None:
    """The conclusion sentence(s) from the abstract, verbatim; None when the abstract has none.

    The tagger's takeaway (at most 400 characters, also for abstracts without a "Conclusion:" heading)
    is used when the work has one; works tagged before it existed fall back to the heading or marker."""
    if work.tags.takeaway:
        return work.tags.takeaway
    for record in sorted(work.records, key=lambda r: -len(r.abstract)):
        for label, text in record.labelled_sections():
            if _CONCLUSION_LABELS.match(label.strip()) and text.strip(" .;:,"):
                # A stray separator left by the source's markup is not part of the authors' words.
                return " ".join(sentences(text[:ABSTRACT_CHARS].lstrip(" .;:,"))[:2])
    abstract = work.abstract[:ABSTRACT_CHARS]
    if not abstract:
        return None
    for sentence in sentences(abstract):
        if _CONCLUDING_START.match(sentence):
            return sentence
    return None


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) address, else None (scraped links are untrusted)."""
    if not url or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def doi_url(doi: str | None) -> str | None:
    return f"https://doi.org/{quote(doi.strip(), safe='/:;()._-')}" if doi and doi.strip() else None


def pubmed_url(pmid: str | None) -> str | None:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid and pmid.isdigit() else None


#: Evidence levels grouped for the badge's colour; the badge's words say the same (not colour alone).
EVIDENCE_BANDS = ((2, "high"), (3, "moderate"), (5, "low"))
#: How a sub-topic tag (``<facet>:<value>``) reads in "why you see this"; unknown facets read as the value.
_FACET_WORDING = {
    "site": "the {}",
    "staging": "{} staging",
    "exposure": "{} exposure",
}
_MAX_AUTHORS = 3


@dataclass
class DigestItem:
    work_id: int
    title: str
    url: str | None
    doi_url: str | None
    pubmed_url: str | None
    #: The journal as a reader cites it: the ISO abbreviation when a source gave one, else the full title.
    journal: str | None
    published: str | None
    first_seen: str
    study_type: str | None
    study_label: str | None
    evidence_level: int | None
    key_finding: str | None
    key_numbers: list[str]
    #: Labels of the main topics the work is about, for the reader.
    topics: list[str]
    sources: list[str]
    flags: list[str]
    preprint: bool
    retracted: bool
    anchor: str
    #: Names of every topic the work is about (sub-topics too): what a reader's topics are matched with.
    topic_keys: list[str] = field(default_factory=list)
    #: The tagger's facets (``site:jaw``, ``drug:denosumab``): matched with a reader's topics too.
    subtopics: list[str] = field(default_factory=list)
    kind: str = "article"
    #: Set for items in the status-changes section: what happened since the work was listed.
    status_note: str | None = None
    #: Short qualifiers from the flags ("secondary analysis of a trial", "in mice").
    notes: list[str] = field(default_factory=list)
    #: "Smith J, Doe A, Lee K et al." (first three authors), or None when no source named any.
    authors: str | None = None
    #: The journal's full title, when ``journal`` shows its abbreviation.
    journal_full: str | None = None
    #: The level the authors themselves state, beside ours ("level IV, differs from ours").
    stated_level: str | None = None
    #: The primary outcome's effect estimate as the abstract words it ("HR 0.62; 95% CI 0.48 to 0.80"), or
    #: else the sentence that reports the abstract's first estimate when it is about what the title names.
    effect: str | None = None
    #: What ``effect`` is: "Primary effect estimate" or "Result" (the sentence, quoted).
    effect_label: str | None = None
    #: The whole abstract as (label, text) sections; the label is empty for an unstructured abstract.
    abstract: list[tuple[str, str]] = field(default_factory=list)
    #: Why the work is about its topics, in words, as the relevance stage stored it with the work (leads
    #: "why you see this"; never recomputed while rendering).
    reason: str | None = None
    #: The accepted machine-written plain-language headline and the model that wrote it (see headlines).
    headline: str | None = None
    headline_model: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_notice(self) -> bool:
        return self.kind in NOTICE_KINDS or self.study_type in ("erratum", "retraction_notice")

    @property
    def evidence_band(self) -> str:
        """``high`` (levels 1–2), ``moderate`` (3), ``low`` (4–5) or ``none``: the badge's colour class."""
        level = self.evidence_level
        if not level:
            return "none"
        return next((band for top, band in EVIDENCE_BANDS if level <= top), "low")

    @property
    def evidence_label(self) -> str:
        """Every item says where it stands, in words: a level and its band, or that the design has none."""
        if not self.evidence_level:
            return "No evidence level"
        return f"Evidence level {self.evidence_level} · {self.evidence_band}"

    @property
    def practice_relevant(self) -> bool:
        if self.retracted or self.is_notice:
            return False
        return practice_relevant(self.study_type, self.evidence_level)

    @property
    def why(self) -> str:
        """In words: "Osteonecrosis of the femoral head — in the title; core decompression in the
        conclusion; about the femoral head, core decompression. Found in PubMed, Crossref."

        The reason is the relevance stage's, stored with the work: it cites only words that made the
        work about its topic (never a negated or incidental one). No tag syntax reaches the reader."""
        sentence = (self.reason or ", ".join(self.topics)).rstrip(". ")
        about = [a for a in (worded_subtopic(s) for s in self.subtopics) if a][:4]
        if about:
            sentence = f"{sentence}; about {_and_list(about)}" if sentence else f"About {_and_list(about)}"
        found = f"Found in {', '.join(self.sources) or 'the store'}."
        return f"{sentence}. {found}" if sentence else found


def practice_relevant(study_type: str | None, evidence_level: int | None) -> bool:
    """A guideline, or a determined design graded at level 1 or 2 (a level-5 review is not)."""
    if study_type == "guideline":
        return True
    return bool(study_type) and study_type != "other" and evidence_level is not None and evidence_level <= 2


def worded_subtopic(tag: str) -> str | None:
    """``site:femoral_head`` -> "the femoral head"; ``site:other`` (no word for it) -> None."""
    facet, _, value = tag.partition(":")
    if not value:
        facet, value = "", facet
    if value == "other":
        return None
    text = value.replace("_", " ")
    return _FACET_WORDING.get(facet, "{}").format(text)


def _and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def author_line(authors: tuple[str, ...] | list[str]) -> str | None:
    """The first three authors, then "et al." (as PubMed and Vancouver cite them)."""
    names = [a.strip() for a in authors if a and a.strip()]
    if not names:
        return None
    shown = ", ".join(names[:_MAX_AUTHORS])
    return f"{shown} et al." if len(names) > _MAX_AUTHORS else shown


def abstract_sections(work: Work) -> list[tuple[str, str]]:
    """The longest abstract of the work, in its labelled sections when the source kept them, at most
    :data:`ABSTRACT_CHARS` of it (a runaway field must not make one item a megabyte of page)."""
    record = max(work.records, key=lambda r: len(r.abstract), default=None)
    if record is None or not record.abstract.strip():
        return []
    sections = record.labelled_sections() or (("", record.abstract),)
    shown, left = [], ABSTRACT_CHARS
    for label, text in sections:
        text = text.strip()
        if text and left > 0:
            shown.append((shorten(label.strip(), DATE_CHARS) or "", shorten(text, left) or ""))
            left -= len(text)
    return shown


def primary_effect(effects: Any) -> str | None:
    """The primary outcome's effect estimate, verbatim: a reader must find the same words in the abstract,
    so nothing is reformatted, and an estimate the tagger could not tie to the primary outcome is not
    promoted (when unsure, show nothing)."""
    if not isinstance(effects, list):
        return None
    return next(
        (str(e["text"]) for e in effects if isinstance(e, dict) and e.get("primary") and e.get("text")), None
    )


def reported_result(effects: Any, takeaway: str | None) -> str | None:
    """The sentence reporting the abstract's first estimate, as the tagger chose it (about what the title
    names, not one item of a list), when no estimate is tied to the primary outcome: the whole sentence, so
    the estimate is read with what it estimates. Not when the takeaway already says it."""
    if not isinstance(effects, list):
        return None
    result = next((str(e["result"]) for e in effects if isinstance(e, dict) and e.get("result")), None)
    if result is None or (takeaway and (result in takeaway or takeaway in result)):
        return None
    return result


def stated_level(evidence: dict[str, Any]) -> str | None:
    """The authors' own level of evidence beside ours, with the disagreement said rather than hidden."""
    authors = evidence.get("authors") if evidence else None
    if not isinstance(authors, dict) or authors.get("level") not in _ROMAN:
        return None
    text = f"level {_ROMAN[authors['level']]}"
    return text + ", differs from ours" if evidence.get("disagrees") else text


def relevance_reason(work: Work, topic_labels: dict[str, str]) -> str | None:
    """Why the work is about its main topics, in the relevance stage's words as stored with the work:
    the one reason when it is about one topic, each prefixed with its topic's label when several."""
    reasons: dict[str, str] = {}
    for name in work.topics:
        why = work.reason(name)
        if name in topic_labels and why and why not in reasons.values():
            reasons[topic_labels[name]] = why.rstrip(". ")
    if len(reasons) <= 1:
        return next(iter(reasons.values()), None)
    return ". ".join(f"{label}: {why}" for label, why in reasons.items())


def make_item(work: Work, topic_labels: dict[str, str], status_note: str | None = None) -> DigestItem:
    """The one view model of a work, for every template (email, web page, text part, feed).

    ``topic_labels`` names the main topics (those with a section of their own); the work's sub-topics
    are matched with a reader's topics but not listed."""
    record = work.primary
    tags = work.tags
    flags = sorted(set(work.flags) | set(tags.flags))
    preprint = record.kind == "preprint" or (
        "preprint" in flags and not any(r.kind != "preprint" for r in work.records)
    )
    doi_link = doi_url(work.doi)
    pubmed_link = pubmed_url(work.pmid)
    page = next((u for u in (safe_url(r.url) for r in work.records) if u), None)
    study_type = tags.study_type or ("trial_registration" if record.kind == "trial" else None)
    abbrev = next((r.journal_abbrev for r in (record, *work.records) if r.journal_abbrev), None)
    numbers = dict(tags.key_numbers or {})
    effects = numbers.pop("effects", None)
    effect = primary_effect(effects)
    finding = key_finding(work)
    result = None if effect else reported_result(effects, finding)
    reason = relevance_reason(work, topic_labels)
    return DigestItem(
        work_id=work.id,
        title=shorten(record.title or "", TITLE_CHARS) or "(untitled)",
        url=doi_link or page or pubmed_link,
        doi_url=doi_link,
        pubmed_url=pubmed_link,
        journal=shorten(abbrev or record.journal, JOURNAL_CHARS) or None,
        journal_full=shorten(record.journal, JOURNAL_CHARS) if abbrev and record.journal != abbrev else None,
        published=shorten(record.published, DATE_CHARS) or None,
        first_seen=work.first_seen[:10],
        study_type=study_type,
        study_label=tags.label or STUDY_TYPE_LABELS.get(study_type or "", "Study type not determined"),
        evidence_level=tags.evidence_level,
        key_finding=shorten(finding, QUOTE_CHARS),
        key_numbers=format_key_numbers(numbers),
        topics=[topic_labels[t] for t in work.topics if t in topic_labels],
        sources=[registry.label(s) for s in work.sources],
        flags=flags,
        preprint=preprint,
        retracted="retracted" in flags,
        anchor=f"w{work.id}",
        topic_keys=list(work.topics),
        subtopics=list(tags.topics),
        kind=record.kind,
        status_note=status_note,
        notes=flag_notes(flags),
        authors=shorten(
            author_line(record.authors or next((r.authors for r in work.records if r.authors), ())),
            JOURNAL_CHARS,
        ),
        stated_level=stated_level(tags.evidence),
        effect=shorten(effect or result, QUOTE_CHARS),
        effect_label="Primary effect estimate" if effect else "Result" if result else None,
        abstract=abstract_sections(work),
        reason=shorten(reason, QUOTE_CHARS),
    )


def flag_notes(flags: list[str]) -> list[str]:
    notes = [FLAG_NOTES[f] for f in flags if f in FLAG_NOTES]
    species = [f.split(":", 1)[1] for f in flags if f.startswith("animal_species:")]
    if species:
        notes.append("in " + ", ".join(s.replace("_", " ") for s in species[:3]))
    return notes


def status_note(work: Work) -> str | None:
    """What changed about a work listed earlier, from its flags (most serious change first)."""
    if work.primary.kind in NOTICE_KINDS:
        return {"retraction": "Retraction notice", "erratum": "Correction notice"}.get(
            work.primary.kind, "Notice"
        )
    flags = set(work.flags) | set(work.tags.flags)
    return next((note for flag, note in STATUS_NOTES if flag in flags), "Record updated")


_MAX_NUMBER_LINES = 5
#: Known key numbers first, in reading order; the store keeps them sorted by name.
_NUMBER_ORDER = (
    "studies",
    "participants",
    "follow_up",
    "primary_outcome",
    "registrations",
    "registration",
)
_MAX_NUMBER_CHARS = 160


def format_key_numbers(numbers: dict[str, Any]) -> list[str]:
    """Short human lines from the tagger's key numbers; only what was stated, whatever its shape.

    The tagger's vocabulary is still growing, so known keys get a tailored line and any other key is
    shown as ``label: value`` rather than dropped.
    """
    lines: list[str] = []
    numbers = numbers or {}
    ordered = [k for k in _NUMBER_ORDER if k in numbers] + [k for k in numbers if k not in _NUMBER_ORDER]
    for key, value in ((k, numbers[k]) for k in ordered):
        line = _number_line(str(key), value)
        if line:
            lines.append(shorten(line, _MAX_NUMBER_CHARS, whole_words=True) or line)
    return lines[:_MAX_NUMBER_LINES]


def _number_line(key: str, value: Any) -> str | None:
    if value in (None, "", [], {}):
        return None
    # The tagger keeps each number with the words it was read from (``text``): shown as written.
    if key in ("participants", "studies") and isinstance(value, dict) and value.get("text"):
        return str(value["text"])
    if key == "participants" and isinstance(value, dict):
        if not value.get("n"):
            return _plain(value)
        what = f" {value['what']}" if value.get("what") else ""
        return f"n = {value['n']}{what}"
    if key == "studies" and isinstance(value, dict) and value.get("n"):
        return f"{value['n']} studies included"
    if key == "follow_up":
        text = _plain(value)
        return text if "follow" in text.lower() else f"follow-up {text}"
    if key in ("registrations", "registration"):
        return "registered " + _plain(value)
    if key == "primary_outcome":
        # Under "Key numbers" an outcome's name alone reads as a number's label: say what it is.
        return f"primary outcome: {_plain(value)}"
    return f"{key.replace('_', ' ')}: {_plain(value)}"


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        if value.get("text"):
            return str(value["text"])
        return ", ".join(
            f"{k.replace('_', ' ')} {_plain(v)}" for k, v in value.items() if v not in (None, "")
        )
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)
