"""Oxford CEBM 2011 level of evidence from the study design.

The treatment-benefits row is used unless the design itself points to diagnosis or prognosis
(diagnostic accuracy studies, prediction models). In every CEBM 2011 row level 1 is "a systematic
review of the level-2 design", so a review is graded one step above the studies it includes: level 1
for reviews of trials (or of accuracy studies / prognostic cohorts), level 2 for reviews of other
observational studies, level 5 for reviews of cell and animal work. The level is a property of the
design, not of the single study's quality; the reader sees the design next to it. Forms that are not
evidence (commentary, errata, retraction notices, protocols, guidelines) get no level rather than a
misleading one.
"""

from __future__ import annotations

import re

from osteodigest.crawler.tagging.view import View

#: study type -> (level, the CEBM 2011 reasoning shown in ``why``)
LEVELS: dict[str, tuple[int, str]] = {
    "rct": (2, "randomised trial (CEBM 2011 level 2)"),
    "nonrandomised_trial": (3, "non-randomised controlled study (CEBM 2011 level 3)"),
    "cohort": (3, "cohort/follow-up study (CEBM 2011 level 3)"),
    "mendelian_randomization": (
        3,
        "genetic-instrument observational analysis, graded as cohort (CEBM 2011 level 3)",
    ),
    "diagnostic_accuracy": (
        3,
        "diagnosis row: accuracy study without stated consecutive enrolment and "
        "reference standard (CEBM 2011 level 3)",
    ),
    "prediction_model": (3, "prognosis row: cohort-based prediction (CEBM 2011 level 3)"),
    "case_control": (4, "case-control study (CEBM 2011 level 4)"),
    "cross_sectional": (4, "cross-sectional study (CEBM 2011 level 4)"),
    "case_series": (4, "case series (CEBM 2011 level 4)"),
    "case_report": (4, "case report, a case series of one (CEBM 2011 level 4)"),
    "narrative_review": (
        5,
        "narrative review: expert synthesis without systematic search (CEBM 2011 level 5)",
    ),
    "scoping_review": (5, "scoping review maps evidence without appraising it (CEBM 2011 level 5)"),
    "animal": (5, "animal study: mechanism-based reasoning (CEBM 2011 level 5)"),
    "in_vitro": (5, "in-vitro study: mechanism-based reasoning (CEBM 2011 level 5)"),
    "bioinformatics": (5, "bioinformatic analysis: mechanism-based reasoning (CEBM 2011 level 5)"),
}
_NOT_GRADED = {
    "commentary": "commentary is opinion, not graded",
    "erratum": "erratum notice, not graded",
    "retraction_notice": "retraction notice, not graded",
    "protocol": "protocol reports no results, not graded",
    "guideline": "guideline: graded by its own recommendations, not by CEBM design level",
    "economic_evaluation": "economic evaluation: no CEBM 2011 design row",
    "other": "design not recognised, not graded",
}
_TRIALS = re.compile(
    r"\brandomi[sz]ed\b|\brandomised\b|\brcts?\b|\b(?:clinical|controlled|placebo-controlled|intervention|"
    r"eligible|included) trials\b|\btrials (?:were|was) (?:included|identified|eligible)"
)
_ACCURACY = re.compile(
    r"\bdiagnostic (?:accuracy|performance|test accuracy|value)|\bsensitivity and specificity\b|"
    r"\bpooled (?:sensitivity|specificity)|\bprognostic (?:factors?|value|accuracy|models?|cohorts?|"
    r"studies)\b"
)
_OBSERVATIONAL = re.compile(
    r"\bcohort|\bcase[- ]control|\bcross[- ]sectional|\bobservational|\bprevalence|\bincidence|\bregistr|"
    r"\bpopulation-based|\bretrospective|\bprospective|\bpatients\b|\bparticipants\b|\bcase series|"
    r"\bcase reports"
)
_PRECLINICAL = re.compile(
    r"\banimal|\bmice\b|\brats?\b|\bin vitro\b|\bcells?\b|\bmechanism|\bpathway|\bsignal(?:l)?ing\b|"
    r"\bcytokines?\b|\bmolecular\b|\bpreclinical\b"
)


def evidence_level(study_type: str | None, view: View | None = None) -> tuple[int | None, str]:
    """(level or None, the reason shown in ``why``)."""
    if study_type is None:
        return None, ""
    if study_type in {"meta_analysis", "systematic_review"}:
        return _review_level(study_type, view)
    if study_type == "diagnostic_accuracy" and view is not None:
        low = view.low_abstract
        if "consecutive" in low and ("reference standard" in low or "gold standard" in low):
            return 2, "diagnosis row: consecutive patients against a reference standard (CEBM 2011 level 2)"
    if study_type in LEVELS:
        return LEVELS[study_type]
    return None, _NOT_GRADED.get(study_type, f"{study_type}: not graded")


def _review_level(study_type: str, view: View | None) -> tuple[int | None, str]:
    label = "meta-analysis" if study_type == "meta_analysis" else "systematic review"
    text = view.low_text if view is not None else ""
    if _TRIALS.search(text):
        return 1, f"{label} of trials (CEBM 2011 level 1)"
    if _ACCURACY.search(text):
        return 1, f"{label} of diagnostic or prognostic studies (CEBM 2011 level 1 in that row)"
    if _OBSERVATIONAL.search(text):
        return 2, f"{label} of non-randomised studies: one level above them (CEBM 2011 level 2)"
    if _PRECLINICAL.search(text):
        return 5, f"{label} of mechanistic/preclinical work (CEBM 2011 level 5)"
    return 2, f"{label}; included designs not stated, not graded as a review of trials (level 2)"
