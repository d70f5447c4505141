"""What a reader sees of one work: the view model shared by the HTML and the text templates.

Everything shown is taken from the stored records; nothing is paraphrased. The key finding is the
abstract's own conclusion sentence, quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from crawler.models import Work

STUDY_TYPE_LABELS = {
    "meta_analysis": "Meta-analysis",
    "systematic_review": "Systematic review",
    "scoping_review": "Scoping review",
    "narrative_review": "Narrative review",
    "guideline": "Guideline",
    "rct": "Randomised trial",
    "nonrandomised_trial": "Non-randomised trial",
    "cohort": "Cohort study",
    "case_control": "Case-control study",
    "cross_sectional": "Cross-sectional study",
    "case_series": "Case series",
    "case_report": "Case report",
    "diagnostic_accuracy": "Diagnostic accuracy",
    "prediction_model": "Prediction model",
    "economic_evaluation": "Economic evaluation",
    "protocol": "Protocol",
    "mendelian_randomization": "Mendelian randomization",
    "bioinformatics": "Bioinformatics",
    "animal": "Animal study",
    "in_vitro": "In-vitro study",
    "commentary": "Commentary",
    "erratum": "Erratum",
    "retraction_notice": "Retraction notice",
    "other": "Other",
    "trial_registration": "Registered trial",
}

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


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def key_finding(work: Work) -> str | None:
    """The conclusion sentence(s) from the abstract, verbatim; None when the abstract has none."""
    for record in sorted(work.records, key=lambda r: -len(r.abstract)):
        for label, text in record.abstract_sections:
            if _CONCLUSION_LABELS.match(label.strip()) and text.strip():
                return " ".join(sentences(text)[:2])
    abstract = work.abstract
    if not abstract:
        return None
    parts = sentences(abstract)
    for sentence in parts:
        if _CONCLUDING_START.match(sentence):
            return sentence
    return None


@dataclass
class DigestItem:
    work_id: int
    title: str
    url: str | None
    doi_url: str | None
    pubmed_url: str | None
    journal: str | None
    published: str | None
    first_seen: str
    study_type: str | None
    study_label: str | None
    evidence_level: int | None
    key_finding: str | None
    key_numbers: list[str]
    topics: list[str]
    matched_terms: list[str]
    sources: list[str]
    flags: list[str]
    preprint: bool
    retracted: bool
    anchor: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def why(self) -> str:
        """'Osteonecrosis (femoral head necrosis) · found in PubMed, Crossref'."""
        topics = ", ".join(self.topics) or "—"
        terms = f" ({', '.join(self.matched_terms[:4])})" if self.matched_terms else ""
        return f"{topics}{terms} · found in {', '.join(self.sources)}"


def make_item(work: Work, topic_labels: dict[str, str], matched_terms: list[str] | None = None) -> DigestItem:
    record = work.primary
    doi = work.doi
    pmid = work.pmid
    tags = work.tags
    flags = sorted(set(work.flags) | set(tags.flags))
    preprint = record.kind == "preprint" or (
        "preprint" in flags and not any(r.kind != "preprint" for r in work.records)
    )
    return DigestItem(
        work_id=work.id,
        title=record.title or "(untitled)",
        url=f"https://doi.org/{doi}"
        if doi
        else (record.url or (f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else None)),
        doi_url=f"https://doi.org/{doi}" if doi else None,
        pubmed_url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else None,
        journal=record.journal or record.journal_abbrev,
        published=record.published,
        first_seen=work.first_seen[:10],
        study_type=tags.study_type,
        study_label=STUDY_TYPE_LABELS.get(tags.study_type or ""),
        evidence_level=tags.evidence_level,
        key_finding=key_finding(work),
        key_numbers=format_key_numbers(tags.key_numbers),
        topics=[topic_labels.get(t, t) for t in work.topics],
        matched_terms=matched_terms or [],
        sources=[_SOURCE_LABELS.get(s, s) for s in work.sources],
        flags=flags,
        preprint=preprint,
        retracted="retracted" in flags,
        anchor=f"w{work.id}",
    )


_SOURCE_LABELS = {
    "pubmed": "PubMed",
    "europepmc": "Europe PMC",
    "crossref": "Crossref",
    "biorxiv": "bioRxiv/medRxiv",
    "rss": "journal feed",
    "scrape": "journal page",
    "clinicaltrials": "ClinicalTrials.gov",
}


def format_key_numbers(numbers: dict[str, Any]) -> list[str]:
    """Short human lines from the tagger's key numbers; only what was stated."""
    lines = []
    participants = numbers.get("participants")
    if isinstance(participants, dict) and participants.get("n"):
        what = f" {participants['what']}" if participants.get("what") else ""
        lines.append(f"n = {participants['n']}{what}")
    if numbers.get("follow_up"):
        follow = numbers["follow_up"]
        lines.append(f"follow-up {follow['text'] if isinstance(follow, dict) else follow}")
    outcome = numbers.get("primary_outcome")
    if isinstance(outcome, dict) and outcome.get("text"):
        lines.append(str(outcome["text"]))
    registrations = numbers.get("registrations") or []
    if registrations:
        lines.append("registered " + ", ".join(str(r) for r in registrations))
    return lines
