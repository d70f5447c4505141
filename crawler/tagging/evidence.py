"""Oxford CEBM 2011 level of evidence from the study design, the badge a reader sees, and the authors' own.

The treatment-benefits row is used unless the design itself points to diagnosis or prognosis
(diagnostic accuracy studies, prediction models). In every CEBM 2011 row level 1 is "a systematic
review of the level-2 design", so a review is graded one step above the studies it includes: level 1
for reviews of trials (or of accuracy studies / prognostic cohorts), level 2 for reviews of other
observational studies, level 5 for reviews of cell and animal work. The level is a property of the
design, not of the single study's quality; the reader sees the design next to it. Forms that are not
evidence (commentary, errata, retraction notices, protocols, guidelines) get no level rather than a
misleading one; registrations and protocols report no results and are labelled so.

A review's level follows what it included, and its badge says so ("Systematic review of cohort
studies"); what it included is read from the methods and results, not from the background. The level
the authors state ("LEVEL OF EVIDENCE: IV", "Level III, therapeutic study") is read and kept beside ours
with its scale; when the two differ the tags record it, so the item can say so rather than pick one.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from osteodigest.crawler.tagging.key_numbers import TENS_WORDS, UNIT_WORDS
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
    "qualitative": "qualitative research: no CEBM 2011 design row",
    "trial_registration": "trial registration reports no results, not graded",
    "other": "design not stated, not graded",
}
#: What a reader sees for each study type (the badge); reviews and inferred designs are qualified.
LABELS = {
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
    "diagnostic_accuracy": "Diagnostic accuracy study",
    "prediction_model": "Prediction model study",
    "economic_evaluation": "Economic evaluation",
    "qualitative": "Qualitative study",
    "protocol": "Protocol",
    "mendelian_randomization": "Mendelian randomization study",
    "bioinformatics": "Bioinformatic analysis",
    "animal": "Animal study",
    "in_vitro": "In-vitro study",
    "commentary": "Commentary",
    "erratum": "Erratum",
    "retraction_notice": "Retraction notice",
    "other": "Design not stated",
    "trial_registration": "Registered trial",
}
SCALE = "OCEBM 2011"

# What a review included, read where the authors report it (methods, results), each with its level and
# the words of the badge. Checked in this order: the first family present decides, except that trials
# next to observational studies make a review of both.
#: A count of studies, in figures or words ("17 trials", "thirteen randomised controlled trial", "twenty-one
#: RCTs"), from the number words the key numbers read; not "one" (one trial beside unnamed others).
_COUNT_WORDS = "|".join(
    [w for w, value in UNIT_WORDS.items() if value >= 2] + [rf"{w}(?:-\w+)?" for w in TENS_WORDS]
)
#: Not the phase of one trial ("a phase 3 randomized trial").
_COUNT = r"(?<!phase )(?:\d+|" + _COUNT_WORDS + ")"
#: "randomized", "randomised controlled", "randomized, double-blind, placebo-controlled", "randomized
#: control"; never "non-randomised" or "quasi-randomised" (a review of "12 non-randomised studies" was badged
#: one of randomised and observational studies).
_RANDOM = r"(?<!non-)(?<!non)(?<!quasi-)randomi[sz]ed"
_RANDOMISED = _RANDOM + r",? (?:[\w-]+,? ){0,3}?"
_INCLUDED = (
    (
        "trials",
        re.compile(
            r"\b" + _COUNT + r" (?:\w+ ){0,2}?(?:" + _RANDOM + r"|controlled|clinical) "
            r"(?:[\w-]+ ){0,2}?trials?\b|"
            r"\b" + _RANDOMISED + r"(?:trials?|studies) (?:\(rcts?\) )?(?:were|was|are|met|of|with|that|"
            r"involving|including|comparing|published|examining|evaluating|assessing|investigating|reporting|"
            # "SETTING AND PARTICIPANTS: Randomized controlled trials enrolling older people" (train digest
            # audit, round 31: "designs of included studies not stated")
            r"conducted|in which|enrolling|recruiting)\b|"
            r"\b" + _COUNT + r" rcts?\b|"
            r"\brcts (?:\(\w+ ?= ?[\d,]+\) )?(?:were|was|met|with|involving|including|comparing|examining|"
            r"evaluating|assessing|investigating|reporting|published|of)\b|"
            r"\b(?:included|eligible|identified) (?:\w+ ){0,2}?(?:rcts|" + _RANDOM + r")|"
            # "eight randomized controlled studies", "eligibility criteria for selecting studies were:
            # clinical trials;" (dev digest audit, round 2: both "designs of included studies not stated")
            r"\b" + _COUNT + r" " + _RANDOM + r" (?:controlled )?studies\b|"
            r"\b(?:inclusion|eligibility) criteria\b[^.]{0,50}?\b(?:" + _RANDOM + r"|controlled|"
            r"clinical) trials\b|"
            # "databases were searched for randomized placebo-controlled trials on probiotics" (train digest
            # audit, round 3)
            r"\bsearched (?:[\w-]+ ){0,4}?for (?:[\w-]+ ){0,2}?" + _RANDOM + r" (?:[\w-]+ ){0,2}?trials\b|"
            # The review's own name for what it pooled: "a network meta-analysis of randomized trials",
            # "systematic review and meta-analysis of randomized controlled trials (RCTs)", "a meta-analysis
            # based on randomized controlled trials", "current evidence from randomised controlled trials",
            # "Only randomized control trials … were included", "studies employing RCT designs" (the bulk
            # train split's reviews badged "designs of included studies not stated", session of 2026-12-07,
            # thirty-seventh)
            r"\b(?:reviews?|meta-?analys[ie]s|overview|synthesis|pooled analysis) of (?:(?:all|published|"
            r"available|eligible|individual|participant|patient|data|from|the|\d+|"
            + _COUNT_WORDS
            + r")[ ,-]+){0,4}"
            r"(?:" + _RANDOM + r"|rcts?\b)|"
            r"\b(?:based on|evidence from|data from|restricted to|limited to|only) "
            + _RANDOMISED
            + r"(?:trials?|studies)\b|"
            r"\b(?:employing|using|with) (?:an? )?rct designs?\b|"
            # "17 trials comprising 1645 patients randomized to 13 treatments were included"
            r"\btrials (?:comprising|involving|including|with|of) [\d,]+ (?:[\w-]+ ){0,2}?" + _RANDOM + r"\b|"
            # The appraisal tools made for trials: Cochrane's risk-of-bias tool (RoB 2), the PEDro scale, the
            # Jadad score (digest audit, round 20: "the average quality … was good for randomised controlled
            # trials (median PEDro score = 7)" badged "designs … not stated")
            r"\bcochrane (?:collaboration'?s? )?risk[- ]of[- ]bias (?:tool|assessment|criteria)\b|\brob ?2\b|"
            r"\brisk of bias 2\b|\bpedro (?:scale|score)|\bjadad (?:scale|score)|"
            # ... and a count in brackets: "randomised control trials (n = 4), non-controlled trials (n = 3)"
            # (digest audit, round 22, dev)
            r"\b" + _RANDOM + r" (?:controlled |control )?trials? \(n ?= ?\d+\)"
        ),
    ),
    (
        "diagnostic",
        re.compile(
            r"\bdiagnostic (?:accuracy|test accuracy) stud|\bpooled (?:sensitivity|specificity)|"
            r"\bsummary receiver operating|\bsensitivity and specificity of\b|"
            # "validation studies which compared ICD codes … to a clinical reference standard" (train digest
            # audit, round 3)
            r"\bvalidation studies\b[^.]{0,80}?\breference standard"
        ),
    ),
    (
        "cohort",
        re.compile(
            r"\b(?:prospective |retrospective |longitudinal )?cohort studies\b|"
            # "We included longitudinal studies that examined physical function …" (digest audit, round 5)
            r"\b(?:included|eligible|selected) (?:[\w-]+ ){0,2}?longitudinal (?:observational )?studies\b|"
            r"\bcohorts? (?:were|was) included"
        ),
    ),
    (
        "observational",
        re.compile(
            # "12 case-control designed studies … were included" (digest audit, round 12, train)
            r"\bobservational (?:studies|design)\b|"
            r"\bcase[- ]control(?:led)? (?:designed? )?(?:studies|series)\b|"
            r"\bcross[- ]sectional studies\b|"
            # What the included studies were, said in the results: "the majority of these studies were
            # cross-sectional", "4 were retrospective, one was a prospective cohort study" (train reviews
            # badged "designs of included studies not stated", digest audit round 19).
            r"\bstudies were (?:mostly |mainly |predominantly |largely |all )?(?:cross[- ]sectional|"
            r"retrospective|observational|case[- ]control)\b|"
            r"\b" + _COUNT + r" (?:were|was) (?:retrospective|cross[- ]sectional|observational|"
            r"case[- ]control)\b|"
            r"\bnon-?randomi[sz]ed (?:\w+ )?studies\b|\bretrospective studies\b|\bprospective studies\b|"
            # A count of them: "15 studies (3 RCTs, 12 observational)".
            r"\b" + _COUNT + r" observational\b|"
            r"\bcomparative studies\b|"
            # ... and the tools made for observational and other non-randomised studies: the Newcastle-Ottawa
            # scale, ROBINS-I (digest audit, round 17: "risk of bias was assessed with the Newcastle-Ottawa
            # Scale" badged "designs … not stated")
            r"\bnewcastle[- ]ottawa\b|\brobins-i\b|"
            # Non-randomised trials and quasi-experiments, graded with the observational studies ("n = 5
            # randomized controlled trials; n = 4 quasi-experimental studies", digest audit, round 22, dev)
            r"\bquasi-?experimental (?:studies|designs|trials)\b|"
            r"\bnon-?randomi[sz]ed (?:controlled )?trials\b|"
            # "Thirteen were surveys, 3 chart reviews and 1 combined both" (dev digest audit, round 3; not
            # "quantitative and qualitative studies", which may be trials)
            r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen) "
            r"(?:were )?(?:surveys|chart reviews|questionnaire studies)\b"
        ),
    ),
    (
        "case series",
        re.compile(
            r"\bcase[- ](?:series|reports)\b|\bpilot (?:studies|trials)\b|"
            r"\bsingle[- ]arm (?:studies|trials)\b|\buncontrolled before-after studies\b"
        ),
    ),
    (
        "preclinical",
        # Studies of animals or of cells, named as such (a review of mechanisms is found by
        # :data:`_MECHANISTIC` instead: one such word is no more than a topic any review may touch).
        re.compile(
            # "the SAMP8 mouse model" (dev digest audit, round 23: a meta-analysis of mouse studies badged as
            # one whose designs are not stated)
            r"\b(?:animal|mouse|murine|rat|rodent) (?:studies|models?|experiments)\b|\bpreclinical\b|"
            r"\bin vitro\b|\bin vivo\b|\b(?:rats|mice|rodents)\b|\bcell (?:lines|cultures|studies)\b"
        ),
    ),
    (
        "qualitative",
        # Interview and focus-group studies, pooled by a qualitative evidence synthesis ("Qualitative
        # systematic review and thematic synthesis", "a systematic literature review of qualitative
        # studies", "eligibility criteria included a qualitative design"). Not "a qualitative synthesis" or
        # "qualitative analysis" of the included studies, a narrative summary of any design, nor a bare
        # "meta-synthesis" ("Bootstrap approach for meta-synthesis of MRI findings").
        re.compile(
            r"\bqualitative (?:primary )?(?:systematic reviews?|studies|research|evidence synthesis|"
            r"meta-?synthesis|designs?|papers|articles)\b|\bqualitative data\b(?! synthesis)|"
            r"\bmeta-?ethnograph|\bmeta-aggregation\b|\bthematic synthesis\b|"
            r"\b(?:reviews?|synthesis) of qualitative\b"
        ),
    ),
)
#: A review that names quantitative studies besides qualitative ones ("19 qualitative, 1 mixed-methods, and
#: 14 quantitative", "both quantitative and qualitative studies") or calls itself a mixed-methods review
#: ("a mixed methods systematic review", "quality assessed using Mixed Method Appraisal Tool", "synthesised
#: using the Joanna Briggs Institute convergent integrated approach"): a review of both kinds (digest audit,
#: round 20, train: two such badges read "designs of included studies not stated").
_NOT_ONLY_QUALITATIVE = re.compile(r"\bquantitative\b|\bmixed[- ]methods?\b")
_MIXED_METHODS = re.compile(
    r"\bmixed[- ]methods? (?:systematic |integrative )?reviews?\b|\bmixed[- ]methods? appraisal tool\b|"
    r"\bconvergent (?:integrated|segregated)\b|\b(?:quantitative and qualitative|qualitative and "
    r"quantitative) (?:studies|research|evidence|data)\b"
)
#: A review that names studies of people besides those of animals or cells ("18 human studies and four
#: animal studies", "preclinical and clinical data"), or names animal studies only as excluded: what it
#: included is not only preclinical, so the preclinical family says nothing about it.
_NOT_ONLY_PRECLINICAL = re.compile(
    r"\bhuman (?:studies|subjects|participants|trials|data)\b|"
    r"\bclinical (?:studies|data|trials?|evidence|outcomes|research|practice)\b|"
    r"\bexclu\w* [^.;]{0,80}\banimal|\banimal (?:studies|models|experiments) (?:were|was) excluded\b"
)
_REVIEW_LEVELS = {
    "trials": (1, "randomised trials", "CEBM 2011 level 1"),
    "trials+observational": (2, "randomised and observational studies", "graded by its non-randomised part"),
    "diagnostic": (1, "diagnostic accuracy studies", "CEBM 2011 level 1 in the diagnosis row"),
    "cohort": (2, "cohort studies", "one level above the cohort studies it pooled (CEBM 2011)"),
    "observational": (3, "observational studies", "one level above case-control and cross-sectional studies"),
    "case series": (4, "case series and pilot studies", "no better than the case series it reviewed"),
    "preclinical": (5, "animal and laboratory studies", "mechanism-based reasoning (CEBM 2011 level 5)"),
    # People's experiences and views: evidence of another kind, which the CEBM levels of treatment
    # benefit and harm do not rank.
    "qualitative": (None, "qualitative studies", "qualitative evidence, not graded on the CEBM 2011 levels"),
    "mixed methods": (
        None,
        "quantitative and qualitative studies",
        "designs of its quantitative studies not stated, so not graded",
    ),
}
_BACKGROUND = frozenset(
    {"background", "introduction", "context", "rationale", "objective", "objectives", "aim", "aims"}
)


def evidence_level(study_type: str | None, view: View | None = None) -> tuple[int | None, str]:
    """(level or None, the reason shown in ``why``)."""
    if study_type is None:
        return None, ""
    if study_type in {"meta_analysis", "systematic_review"}:
        level, _, why = _review_level(study_type, view)
        return level, why
    if study_type == "diagnostic_accuracy" and view is not None:
        low = view.low_abstract
        if "consecutive" in low and ("reference standard" in low or "gold standard" in low):
            return 2, "diagnosis row: consecutive patients against a reference standard (CEBM 2011 level 2)"
    if study_type in LEVELS:
        return LEVELS[study_type]
    return None, _NOT_GRADED.get(study_type, f"{study_type}: not graded")


_UNSTATED_DESIGNS = "designs of included studies not stated"


#: The badge of an observational design the model inferred but was unsure of (``design_uncertain``).
UNSURE_LABEL = "Observational study (design not stated)"
#: ... and its level: the weakest observational design's, since the abstract does not say which it is.
_UNSURE_LEVEL = (
    4,
    "observational study, design not stated: graded as the weakest observational design (CEBM 2011 level 4)",
)


#: The badge of laboratory or animal work that reports both (flag ``animal_and_in_vitro``).
BOTH_LABEL = "Animal and in-vitro study"
#: The badge of bench science no design was found for (flag ``laboratory_work``): chemistry, materials …
BENCH_LABEL = "Laboratory study"


def label_of(study_type: str | None, view: View | None = None, flags: Collection[str] = ()) -> str:
    """The badge text: the design, qualified by what a review included or by "design inferred"; an inferred
    design the model was unsure of is shown only as an observational study, work with cells and animals as
    both, and bench science without a design as laboratory work (``flags``: the tagger's flags)."""
    if study_type is None:
        return LABELS["other"]
    if "laboratory_work" in flags and study_type == "other":
        return BENCH_LABEL
    if "design_uncertain" in flags:
        return UNSURE_LABEL
    if "animal_and_in_vitro" in flags and study_type in {"animal", "in_vitro"}:
        return BOTH_LABEL
    label = LABELS.get(study_type, study_type.replace("_", " ").capitalize())
    if study_type in {"meta_analysis", "systematic_review"}:
        _, included, _ = _review_level(study_type, view)
        # Not "(included studies not stated)": clinicians auditing digest items (2026-12-06) read that as
        # "how many not stated" where the abstract gave the count; what it leaves out is their designs.
        label = f"{label} of {included}" if included else f"{label} ({_UNSTATED_DESIGNS})"
    if "design_inferred" in flags:
        label += " (design inferred)"
    return label


def _review_level(study_type: str, view: View | None) -> tuple[int | None, str | None, str]:
    """(level, what the review included in words, why)."""
    name = "meta-analysis" if study_type == "meta_analysis" else "systematic review"
    text = _methods_text(view) if view is not None else ""
    found = _included_families(text)
    if not found:
        return None, None, f"{name}; the studies it included are not stated, so not graded"
    key = found[0]
    if key == "trials" and ("observational" in found or "cohort" in found):
        key = "trials+observational"
    elif key == "cohort" and ("observational" in found or "case series" in found):
        # Cohort studies beside cross-sectional, case-control studies or case series ("19 cross-sectional
        # studies and four cohort studies"): graded as the weaker part, not as a review of cohorts.
        key = "observational"
    level, words, reason = _REVIEW_LEVELS[key]
    return level, words, f"{name} of {words}: {reason}"


_CALL_FOR_RESEARCH = re.compile(
    r"\b(?:are|is|be) (?:still )?(?:needed|required|warranted|necessary|lacking)\b|\bfuture\b|"
    r"\b(?:further|additional|larger) (?:[\w-]+ ){0,3}?(?:studies|trials|research)\b"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_EXCLUDED = re.compile(r"\bexclu(?:ded|sion)\b")


#: The words of a review of mechanisms. One alone says little: a review of natalizumab's risk in patients
#: ("its proposed mechanism"), of nurses' coping "mechanisms", of clinical "pathways" or of a "molecular
#: response" to therapy was badged "of animal and laboratory studies" at level 5 by one of them. Three
#: different ones ("innate immune cells …, cytokine networks and emerging pathways") make its subject
#: mechanisms, and its evidence the laboratory's.
_MECHANISTIC = re.compile(
    r"\b(?:(?P<mechanism>mechanis(?:m|ms|tic))|(?P<pathway>pathways?)|(?P<signalling>signal(?:l)?ing)|"
    r"(?P<cytokine>cytokines?)|(?P<molecular>molecular)|(?P<immune_cells>immune cells))\b"
)
_MECHANISTIC_WORDS = 3


def _mechanistic(text: str) -> bool:
    return len({m.lastgroup for m in _MECHANISTIC.finditer(text)}) >= _MECHANISTIC_WORDS


@lru_cache(maxsize=8)
def _included_families(text: str) -> tuple[str, ...]:
    """The kinds of study a review's methods text names, in :data:`_INCLUDED` order. Remembered for the
    last few texts: the level, the badge and the item's "included" line all ask for the same review.
    A sentence that calls for more research ("Randomized controlled trials are required for definite
    conclusions") names what the review lacked, not what it included: it is left out."""
    said = text
    if _CALL_FOR_RESEARCH.search(text) or _EXCLUDED.search(text):
        # Nor does a sentence that only excludes ("Papers published before 2000, case reports, and level V
        # evidence were excluded"; digest audit, round 5).
        said = " ".join(
            s
            for s in _SENTENCE_END.split(text)
            if not _CALL_FOR_RESEARCH.search(s) and not (_EXCLUDED.search(s) and "includ" not in s)
        )
    found = tuple(family for family, pattern in _INCLUDED if pattern.search(said))
    if not found and _mechanistic(said):
        found = ("preclinical",)
    if found == ("preclinical",) and _NOT_ONLY_PRECLINICAL.search(text):
        return ()
    if (not found or found == ("qualitative",)) and _MIXED_METHODS.search(said):
        return ("mixed methods",)
    if found == ("qualitative",) and _NOT_ONLY_QUALITATIVE.search(said):
        return ("mixed methods",)
    return found


def _methods_text(view: View) -> str:
    """Title and the abstract without its background: what the review did, not what others did."""
    if view.sections:
        parts = [text for label, text in view.sections if label.lower().strip() not in _BACKGROUND]
        return f"{view.low_title} \n " + " ".join(parts).lower()
    return view.low_text


# --------------------------------------------------------------------------------------------------
# The authors' own level of evidence
# --------------------------------------------------------------------------------------------------
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
_LEVEL_VALUE = r"(?P<level>iv|v|i{1,3}|[1-5])[abc]?\b"
_KIND = r"(?P<kind>therapeutic|therapy|prognostic|prognosis|diagnostic|diagnosis|economic|treatment)"
_AUTHORS_LEVEL = (
    re.compile(
        r"\blevels? of evidence\s*(?:[:\-–=]|was|is)?\s*(?:" + _KIND + r"\s*(?:study)?,?\s*)?"
        r"(?:level\s*)?" + _LEVEL_VALUE,
        re.I,
    ),
    re.compile(r"\bevidence level\s*[:\-–=]?\s*(?:level\s*)?" + _LEVEL_VALUE, re.I),
    re.compile(r"\blevel " + _LEVEL_VALUE + r"\s*[,;:]?\s*" + _KIND + r"\b", re.I),
    re.compile(_KIND + r"\s+(?:study,?\s+)?level\s+" + _LEVEL_VALUE, re.I),
)


#: The level in a section of its own ("TYPE OF STUDY/LEVEL OF EVIDENCE: Therapeutic IV."): the numeral
#: must start a word, or the "i" ending "Therapeutic" read as level I.
_SECTION_LEVEL = re.compile(
    r"(?:" + _KIND + r"\s*(?:study)?,?\s*)?(?:level\s*)?(?<![a-z])" + _LEVEL_VALUE, re.I
)
_LEVEL_HINT = re.compile(r"levels? of evidence|evidence level|level (?:iv|v|i{1,3}|[1-5])[abc]?\b")
#: Where a match of :data:`_LEVEL_HINT` starts, from an occurrence of "level" it holds ("evidence level").
_HINT_OFFSETS = (0, len("evidence "))


def _level_hint(low: str) -> bool:
    """Whether :data:`_LEVEL_HINT` occurs in ``low``: tried only where "level" is (every match holds it, at
    its start or after "evidence "), not at every "l" and "e" of the abstract."""
    at = low.find("level")
    while at >= 0:
        for offset in _HINT_OFFSETS:
            if at >= offset and _LEVEL_HINT.match(low, at - offset):
                return True
        at = low.find("level", at + 1)
    return False


def authors_level(view: View) -> dict[str, object] | None:
    """What the authors state as their level of evidence: the words, the level (1–5) and its scale."""
    for label, text in view.sections:
        if "level of evidence" in label.lower() or "evidence level" in label.lower():
            m = _SECTION_LEVEL.search(text)
            if m:
                return _stated(f"{label}: {text}".strip(), m)
    low = view.low_abstract
    if "level" not in low or not _level_hint(low):
        return None
    for pattern in _AUTHORS_LEVEL:
        m = pattern.search(view.abstract)
        if m:
            return _stated(m.group(0), m)
    return None


def _stated(text: str, m: re.Match[str]) -> dict[str, object]:
    raw = m.group("level").lower()
    level = _ROMAN.get(raw) or int(raw)
    kind = (m.groupdict().get("kind") or "").lower()
    scale = "authors' level (I–V)" + (f", {kind}" if kind else "")
    return {"text": " ".join(text.split())[:120], "level": level, "scale": scale}


def assess(study_type: str | None, view: View, flags: Collection[str] = ()) -> dict[str, object]:
    """Everything the item says about the evidence: our level and why, the badge, the authors' level
    (``flags``: the tagger's flags, which qualify the badge and the level of an unsure inference)."""
    level, why = _UNSURE_LEVEL if "design_uncertain" in flags else evidence_level(study_type, view)
    result: dict[str, object] = {"level": level, "scale": SCALE, "basis": why}
    if study_type in {"meta_analysis", "systematic_review"}:
        _, included, _ = _review_level(study_type, view)
        if included:
            result["included"] = included
    authors = authors_level(view)
    if authors is not None:
        result["authors"] = authors
        result["disagrees"] = level is not None and authors["level"] != level
    result["label"] = label_of(study_type, view, flags)
    return result
