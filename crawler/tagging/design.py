"""The study design of a work: the rules' verdict, weighed by the learned model. One small decision.

1. Notices (errata, retraction notices) and designs settled by NLM indexing (publication types, MeSH) or
   by a record's kind are the rules' alone: metadata is not second-guessed by word statistics. So is a
   laboratory or animal methods article ("this protocol describes how to …"): no study, "other".
2. Otherwise the model (:mod:`crawler.tagging.model`) reads the rules' verdict together with the
   abstract's structure and words and gives a probability per class.
   * It agrees with the rules: the rules' verdict stands, with the rules' quoted phrase as evidence.
   * The rules found no design: the model may name one when its probability clears that class's
     threshold (calibrated on held-out journals); its evidence is the words that weighed most, and an
     observational design so named is flagged as inferred (``design_inferred``). An abstract with no
     data of its own may be named a narrative review at a lower probability.
   * The rules named a narrative review from the text's words alone ("Advances in …", "we discuss"), not
     from words that name the form ("a review", "this review", "a pictorial essay"): the model has a second
     say, and below an even chance the work is no review — a commentary when the model reads one (the
     editorial titled like a topic update), else decided as a work the rules found no design for.
   * The rules named another design: it stands, except that a commentary found only by the abstract's
     wording ("we argue …"), laboratory work named only by its vocabulary (no data phrase), or a design
     named by a topic word in an abstract with no data of its own ("mice", "guidelines", "a case of"),
     may be a review, when the model says so above a higher threshold (for laboratory or animal subjects
     in an abstract with no data and no results of its own, a lower fixed one: reviews of such topics
     were the rules' largest family of missed reviews).
3. A research abstract about people that still has no design (no rule fired, and no class cleared its
   threshold) gets the most probable observational design as an *inferred* design (flag
   ``design_inferred``), never a trial, a review or a case report: the reader sees it is an inference.
   Anything else stays "other", shown as "Design not stated".

Each class's cues live with that class in :mod:`crawler.tagging.study_type`; nothing here depends on the
order in which they are tried, so a change to one class's cues moves only that class's evidence.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from osteodigest.crawler.tagging.cues import Hit, meta
from osteodigest.crawler.tagging.features import design_features
from osteodigest.crawler.tagging.hits import Hits
from osteodigest.crawler.tagging.key_numbers import TENS_WORDS, UNIT_WORDS
from osteodigest.crawler.tagging.model import DesignModel, Prediction, load_model
from osteodigest.crawler.tagging.study_type import (
    Context,
    Decision,
    account_of_initiative,
    animal_flags,
    laboratory_flags,
    methods_article,
    reports_own_work,
    rules,
)
from osteodigest.crawler.tagging.view import View, digit_count

#: Evidence fields that mean metadata settled the design.
_METADATA_FIELDS = frozenset({"publication type", "MeSH", "kind"})
_RULES_ONLY = frozenset({"erratum", "retraction_notice"})
#: Rules whose verdict the model never weighs: a methods article or a plant study is "other" however much
#: its mice, cells or transfected lines read like an animal or laboratory study to the model, and a
#: bibliometric analysis however much its "hotspots" and "trends" read like a review.
_FINAL_RULES = frozenset({"methods_article", "plant_study", "bibliometric"})
#: Designs a research abstract about people may be given as an inference (never one with a higher level).
INFERABLE = (
    "cohort",
    "cross_sectional",
    "case_control",
    "case_series",
    "diagnostic_accuracy",
    "prediction_model",
    "qualitative",
)
#: The model decides nothing for a record with less abstract than this.
LEAST_ABSTRACT = 200
#: No design is inferred for an abstract the model finds this likely to be a review or a commentary.
_FORM_CEILING = 0.3
#: An inferred design must be at least this probable among the inferable ones (relative share).
_INFER_FLOOR = 0.35
#: ... or at least this probable when the abstract reports data of its own (``research`` >= 2: counted
#: participants, results, statistics): the work is then a study of people for certain, and only which
#: observational design is uncertain, which the "inferred" flag says. On the dev split these abstracts
#: were nearly all human research (experiments on volunteers, surveys, measurements of patients) whose
#: inferable shares were spread (0.24-0.35) over several designs. Participants who did what the study asked
#: of them ("children were asked to …") count as such data.
_INFER_FLOOR_WITH_DATA = 0.2
#: Rules (names of ``study_type.STEPS``) whose verdict the model may overrule above its ``override``
#: threshold. "in_vitro" is laboratory vocabulary without a data phrase: on labelled records of the train
#: and dev splits it mostly fires on reviews of laboratory topics ("molecular strategies for enhancing the
#: plant immune system"); on the dev split, records it decides that the model calls a review at p >= the
#: override threshold (0.95) were all reviews (3 of 3), and the rule's verdict stands on the rest.
_WEAK_RULES = frozenset({"in_vitro"})
#: Rules that name a research design from its vocabulary ("mice", "guidelines", "survey of", "a case of",
#: "protocol"). In an abstract with no data of its own (research signal 0) such a word describes the topic,
#: not the article: a review of a mouse model, of guidelines, of a technique. There the model may overrule
#: them above the class's override threshold, as it may the weak rules. On the dev split the 4 records this
#: changed (at the override threshold, 0.963 for narrative reviews) were all publisher or hand-labelled
#: reviews, and no silver-labelled or unlabelled record changed; the train split moves the same way.
#: Self-descriptions ("a systematic review", "case report" in the title) and the article's form (letter,
#: editorial) are not here.
_TOPIC_RULES = frozenset(
    {
        "animal_first",
        "animal_weak",
        "bioinformatics",
        "case",
        "guideline",
        "in_vitro_with_data",
        "mendelian",
        "observational",
        "protocol",
        "qualitative",
        "trial",
        "trial_types",
    }
)
#: ... but a guideline or protocol named in the title ("a position paper", "consensus statement",
#: "rationale and design") is the article's own label of its form, which the model does not overrule (on
#: the train split such records typed only "Review" were consensus statements and position papers).
_FORM_IN_TITLE = frozenset({"guideline", "protocol"})
#: Rules that name laboratory work or an animal study from its subjects' vocabulary ("bacteria", "cells",
#: "mice", "bees"). In an abstract with no data of its own (research signal 0) that states no results of its
#: own ("our data showed", "we found", "these results suggest", "we show"), the model may call it a review at
#: this probability, below the class's override threshold (0.978, calibrated on every rule the model
#: disagrees with, most of which it may not overrule): reviews of laboratory and animal topics were the
#: largest family of missed reviews on the train split (49 of 123 with an abstract). Chosen on the dev split
#: (sweep 0.60-0.95: from 0.78 down to 0.62 the same 2 publisher reviews are gained and no other labelled or
#: silver dev record changes; the own-results veto keeps an insect immunity experiment at 0.83 in vitro);
#: 0.75 kept a margin above a methods paper at 0.61. On train every record it changed at 0.75 was a
#: publisher review but one unlabelled review-like essay ("Plastics in our water: fish microbiomes at risk?").
#: Session of 2026-12-06 (twenty-eighth), train split: one counted figure (research signal 1: "40 samples")
#: held back three publisher reviews the in-vitro rule named, so research <= 1 qualifies (the weak rule's
#: verdict only: the animal rules are overruled at research 0 alone); a sweep of 0.60-0.75 on train gained 3
#: more publisher reviews and a Japanese review from 0.65 down, and at 0.60 lost a dev animal study, so 0.65
#: (still above the methods paper's 0.61). No dev or test record changes at 0.65.
_LAB_SUBJECT_RULES = frozenset({"in_vitro", "animal_first", "animal_weak"})
_REVIEW_OVER_LAB_TOPIC = 0.65
_LAB_TOPIC_MOST_RESEARCH = 1
#: A narrative review named by the text's words (not by metadata) stands only if the model, reading that
#: verdict among its features, gives it at least this probability. Found on the train split (the blind labels
#: of 160 unlabelled train review verdicts, session of 2026-12-04 seventh, kept outside the repository) and
#: checked on the labels the benchmark reads: the 13 labelled train verdicts it undoes were none of them
#: reviews (9 editorials and comments, now commentaries; a meeting's notes, a methods chapter, an animal and a
#: bench study, now "other"), and on dev 2, no review lost; 0.4 and 0.5 undo the same records on every split,
#: and 0.5 is an even chance, not a fitted value. The test split was printed in the same runs.
_REVIEW_SECOND_OPINION = 0.5
#: ... unless the words name the form ("a review and synthesis", "this review", "a pictorial essay", "a
#: critical reappraisal"): the authors' own label of their article, which the model does not overrule (the
#: rules' verdicts it undid on train and dev were topic-update titles, "Advances in …", "New perspectives on
#: …", "Update on …", and phrases of other kinds).
_NAMES_A_REVIEW = re.compile(
    r"\breview|\boverview\b|\bessay\b|\breappraisal\b|\bprimer\b|\bstate of the art\b"
)
#: An abstract with no data of its own (no research signal at all) that the model finds most like a
#: narrative review is one at this probability, below the class's general threshold: without data, the
#: alternatives (a study) are already unlikely. Chosen on the bulk dev split (narrative-review recall
#: 0.64 -> 0.67 at precision 0.95 -> 0.94); the train split moves the same way.
_REVIEW_WITHOUT_DATA = 0.35


def decide(view: View, model: DesignModel | None = None) -> Decision:
    """The study type of the work (``model``: the shipped one unless another is given)."""
    if view.kinds == frozenset({"trial"}):
        # A registry entry (ClinicalTrials.gov): a plan, whatever design it names; no level.
        return Decision("trial_registration", meta("kind", "trial registration"))
    verdict, context = rules(view)
    decision = _decided(view, verdict, context, model)
    decision.flags.update(laboratory_flags(decision.study_type, context))
    cohort = decision.study_type == "cohort"
    if cohort and "design_inferred" not in decision.flags and not _names_a_cohort(view):
        # A cohort the rules read from "this retrospective study", a registry or patients followed up, in
        # an abstract that never calls it a cohort: the design is the likeliest, but the authors did not
        # name it, and the badge must not read as theirs. Clinicians auditing train and dev items found such
        # "Cohort study" badges not right 34 times in 95, against 16 in 94 where the abstract names a cohort
        # (digest audit rounds 1 to 20; four of them doubtful only for the missing qualifier).
        decision.flags["design_inferred"] = Hit(
            decision.why.field if decision.why else "rules", "cohort inferred: the abstract names no cohort"
        )
    return decision


#: The words by which an abstract calls its design a cohort ("a retrospective cohort study", "this
#: longitudinal study", "a prospective cohort of 1,200 women").
_COHORT_WORDS = re.compile(r"\bcohorts?\b|\blongitudinal\b")


def _names_a_cohort(view: View) -> bool:
    return bool(_COHORT_WORDS.search(view.low_title) or _COHORT_WORDS.search(view.low_abstract))


def _decided(view: View, verdict: Decision, context: Context, model: DesignModel | None) -> Decision:
    why = verdict.why
    if (
        verdict.study_type in _RULES_ONLY
        or verdict.rule in _FINAL_RULES
        or (why is not None and why.field in _METADATA_FIELDS)
    ):
        return verdict
    research = context.research
    rule = verdict.study_type
    model = model or load_model()
    doubted = _doubted_review(view, verdict, research, model) if rule == "narrative_review" else None
    if doubted is not None:
        if doubted.study_type == "commentary":
            return doubted
        # No review after all: decided as a work the rules found no design for, never a review again.
        verdict, rule, why = doubted, "other", None
    inferred_cohort = rule == "cohort" and "design_inferred" in verdict.flags
    if inferred_cohort and model is not None and len(view.low_abstract) >= LEAST_ABSTRACT:
        return _setting_only_cohort(view, verdict, research, model)
    if rule != "other" and not model_may_overrule(verdict, research):
        # A design the rules named stands (the dev split showed the model overruling them correctly too
        # rarely to be worth it); only a first-person or "this editorial" commentary, or a weak rule's
        # verdict, or a topic rule's on an abstract without data, may be overruled, and only above the
        # class's higher ``override`` threshold.
        return verdict
    if model is None:
        return verdict
    features = design_features(view, rule, why.field if why else None, research, model.vocabulary)
    prediction = model.predict(features)
    best, p = prediction.best
    if best == rule != "other":
        return verdict
    if doubted is not None and best == "narrative_review":
        best, p = next(((c, q) for c, q in prediction.ranked if c != "narrative_review"), ("other", 0.0))
    hits = context.hits
    if best == "narrative_review" and (methods_article(view, hits) or account_of_initiative(view, hits)):
        # A protocol or tutorial reads like a review to the model (background, "we highlight"), and so does an
        # account of a programme or a meeting ("challenges", "strategies"); neither is one.
        return verdict
    if best == "narrative_review" and rule == "other" and reports_own_work(view, hits):
        # Nor is an abstract that reports findings of its own ("we reveal", "our calculations have shown").
        return verdict
    if len(view.low_abstract) < LEAST_ABSTRACT:
        # A title alone (and a journal name) is too little to name a design the rules did not find.
        return verdict
    if best == "cross_sectional" and rule == "other" and _FOLLOWED.search(view.low_abstract):
        # People measured more than once are followed, which no cross-sectional study is, however probable
        # the model finds one: the likeliest other observational design is inferred.
        p, best, _ = _likeliest_inferable(view, prediction)
    if best != "other" and p >= (model.thresholds if rule == "other" else model.override).get(best, 1.0):
        decision = _from_model(view, best, p, model.reasons(features, best), verdict)
        # An observational design no rule found is the model's inference, however probable: the reader is
        # told so, as for the inference below.
        if rule == "other" and best in INFERABLE:
            return _inferred(decision, _share(prediction, best))
        return decision
    if (
        best == "narrative_review"
        and research <= _LAB_TOPIC_MOST_RESEARCH
        and verdict.rule in _LAB_SUBJECT_RULES
        and p >= _REVIEW_OVER_LAB_TOPIC
        and not reports_own_work(view, hits)
        and hits.abstract("narrative.own_results") is None
    ):
        # A review of a laboratory or animal topic, named by its subjects' words alone.
        return _from_model(view, best, p, model.reasons(features, best), verdict)
    if rule == "other" and research == 0 and best == "narrative_review" and p >= _REVIEW_WITHOUT_DATA:
        return _from_model(view, best, p, model.reasons(features, best), verdict)
    # Not bench tests on specimens that name "patients" in passing: a laboratory study has no design of
    # people to infer.
    specimens = hits.text("in_vitro.specimens") is not None and context.subjects[1] < 2
    if rule == "other" and _human_research(view, research, hits) and not specimens:
        q, inferred, total = _likeliest_inferable(view, prediction)
        unlike_form = all(prediction.prob(c) < _FORM_CEILING for c in ("narrative_review", "commentary"))
        floor = _INFER_FLOOR_WITH_DATA if research >= 2 or _participants_acted(hits) else _INFER_FLOOR
        if total > 0 and q / total >= floor and unlike_form:
            decision = _from_model(view, inferred, q, model.reasons(features, inferred), verdict)
            return _inferred(decision, q / total)
    return verdict


def _likeliest_inferable(view: View, prediction: Prediction) -> tuple[float, str, float]:
    """The inferable design the model finds likeliest, its probability, and all inferable designs' total."""
    # People measured more than once are followed, which no cross-sectional study is.
    once = not _MEASURED_AGAIN.search(view.low_abstract)
    shares = [(prediction.prob(c), c) for c in INFERABLE if once or c != "cross_sectional"]
    q, inferred = max(shares)
    return q, inferred, sum(q for q, _ in shares)


#: The authors name their study a cohort: "a retrospective cohort study", "a cohort analysis within a
#: randomized trial", "were included in this prospective cohort" (not "in a population-based cohort",
#: "selection into a retrospective cohort": where people came from).
_COHORT_SELF_LABEL = re.compile(
    r"\bcohort (?:study|analysis|design)\b|\b(?:this|our) (?:retrospective|prospective|historical) cohort\b"
)
#: A design section that opens by naming a cohort: "DESIGN: Retrospective cohort.", "Study design: a
#: prospective, multicentre cohort".
_COHORT_DESIGN_SECTION = re.compile(r"^\W*(?:an? )?(?:[\w-]+,? ){0,3}?cohort\b")


def _authors_name_a_cohort(view: View) -> bool:
    if _COHORT_SELF_LABEL.search(view.low_title) or _COHORT_SELF_LABEL.search(view.low_abstract):
        return True
    return any(
        "design" in label.lower() and _COHORT_DESIGN_SECTION.match(text.lower())
        for label, text in view.sections
    )


def _setting_only_cohort(view: View, verdict: Decision, research: int, model: DesignModel) -> Decision:
    """A cohort the rules named from its setting alone ("retrospective", "registry", "a cohort of …") in an
    abstract that measures nothing over time: which observational design it is, the model says, reading the
    abstract as if no rule had named one (as it does for an abstract no rule typed), and the badge says it
    is inferred. Such abstracts (their authors not calling them cohort studies) were cohorts by the hand
    labels 41 of 130 times on train and 16 of 49 on dev; the design now inferred is right 91 and 25 times
    (the rest mostly cross-sectional studies), and clinicians auditing the digest found the cohort badge
    wrong on such train items measured at one time (digest audit round 3: venograms reviewed for anomalies,
    one-off vitamin D levels)."""
    if _authors_name_a_cohort(view):
        # The authors' own label ("a retrospective cohort study", "DESIGN: Retrospective cohort.") is neither
        # second-guessed nor shown as an inference: clinicians auditing digest items found "(design
        # inferred)" beside such a label misleading on 6 of 48 train and dev items (round 17).
        flags = {name: hit for name, hit in verdict.flags.items() if name != "design_inferred"}
        return dataclasses.replace(verdict, flags=flags)
    features = design_features(view, "other", None, research, model.vocabulary)
    prediction = model.predict(features)
    q, inferred, total = _likeliest_inferable(view, prediction)
    if inferred == "cohort":
        return _doubted(verdict, q / total)
    return _inferred(_from_model(view, inferred, q, model.reasons(features, inferred), verdict), q / total)


def _inferred(decision: Decision, share: float) -> Decision:
    """The decision flagged as an inferred design: the badge then says "(design inferred)", or, when the
    model was unsure which design it is, only that it is an observational study (:func:`_doubted`)."""
    decision.flags["design_inferred"] = Hit("model", f"{decision.study_type.replace('_', ' ')} inferred")
    return _doubted(decision, share)


#: An inferred design the model gives less than this share of the inferable designs' probability is not
#: shown by name: clinicians auditing digest items found such badges wrong 16 times and right 14 times (train
#: and dev rounds 1 to 3 and 5), against 11 wrong in 75 above it; the test rounds, read after the threshold
#: was chosen, 7 wrong and 8 right below it, 4 wrong in 43 above. The decision stays (the hand labels, which
#: the classifier is measured on, agree with it more often than not); the badge says what is known.
SURE_INFERENCE = 0.8
#: The designs an unsure inference is shown as one of ("Observational study (design not stated)").
_OBSERVATIONAL = frozenset({"cohort", "cross_sectional", "case_control", "case_series"})


def _doubted(decision: Decision, share: float) -> Decision:
    """``decision``, flagged ``design_uncertain`` when it is an observational design the model was unsure
    of (``share`` of the inferable designs' probability below :data:`SURE_INFERENCE`)."""
    if decision.study_type in _OBSERVATIONAL and share < SURE_INFERENCE:
        decision.flags["design_uncertain"] = Hit(
            "model",
            f"{decision.study_type.replace('_', ' ')}: {share:.0%} of the inferable designs' probability",
        )
    return decision


def _share(prediction: Prediction, design: str) -> float:
    """``design``'s share of the inferable designs' probability."""
    total = sum(prediction.prob(c) for c in INFERABLE)
    return prediction.prob(design) / total if total else 0.0


def model_may_overrule(verdict: Decision, research: int) -> bool:
    """Whether the model may overrule the rules' design (above the class's ``override`` threshold): only a
    first-person or "this editorial" commentary, a weak rule's verdict, or a topic rule's on an abstract
    without data. The training script calibrates ``override`` on exactly these verdicts: a threshold set on
    verdicts the model may never overrule (a scoping review the abstract names) would move with them."""
    why = verdict.why
    return (
        (verdict.study_type == "commentary" and why is not None and why.field == "abstract")
        or verdict.rule in _WEAK_RULES
        or (research == 0 and _topic_word(verdict))
    )


def _doubted_review(
    view: View, verdict: Decision, research: int, model: DesignModel | None
) -> Decision | None:
    """The model's second say on a review the text's words alone named ("Advances in …", "we discuss"; not
    words that name the form): None when it stands, else a commentary when the model reads one (an
    editorial titled like a topic update), or "other" (no review) with the model's reading as evidence."""
    why = verdict.why
    if model is None or why is None or _NAMES_A_REVIEW.search(why.phrase.lower()):
        return None
    if why.field == "abstract section":
        # A review's headings ("Areas covered", "Expert opinion", "Purpose of review") are its journal's form
        # for reviews, as much the article's own label as "a review" in the title.
        return None
    features = design_features(view, "narrative_review", why.field, research, model.vocabulary)
    second = model.predict(features)
    best, p = second.best
    if best == "narrative_review" or second.prob("narrative_review") >= _REVIEW_SECOND_OPINION:
        # The model agrees, or finds a review the likeliest of its classes: the rules' review stands.
        return None
    if best == "commentary":
        # On the train and dev labels, 10 of 10 such verdicts were commentaries.
        words = ", ".join(model.reasons(features, best)) or "the abstract's structure"
        return Decision(best, Hit("model", f"{words} (p = {p:.2f}; not the review {why} suggests)"))
    return Decision(
        "other", Hit("model", f"not a review: reads as {best.replace('_', ' ')} (p = {p:.2f}) despite {why}")
    )


def _topic_word(verdict: Decision) -> bool:
    """The rules' design came from a word that may name the topic rather than the article's form."""
    if verdict.rule not in _TOPIC_RULES:
        return False
    return not (verdict.rule in _FORM_IN_TITLE and verdict.why is not None and verdict.why.field == "title")


#: A "cohort" this small, with nobody to compare against, is a case series (CEBM level 4, not 3).
_SMALL_SERIES = 10
_COMPARISON = re.compile(
    r"\bcontrols?\b|\bcompar|\bversus\b|\bvs\.?\b|\bgroups\b|\brandomi|\bmatched\b|\bhealthy\b"
)


def refine(decision: Decision, view: View, numbers: dict[str, Any]) -> Decision:
    """Corrections that need the key numbers: a single group of a handful of patients is a case series."""
    if decision.study_type != "cohort":
        return decision
    participants = numbers.get("participants")
    if not isinstance(participants, dict):
        return decision
    n = participants.get("n")
    if isinstance(n, int) and n <= _SMALL_SERIES and not _COMPARISON.search(view.low_abstract):
        why = Hit(
            "abstract", f"a single group of {n} ({participants.get('text') or participants.get('what')})"
        )
        return Decision("case_series", why, decision.flags)
    return decision


#: People followed over a stated time or measured on a schedule: "were followed for one year", "three times a
#: day … for 14 days", "measured seasonally", "every 10 days", ecological momentary assessment (digest
#: audit, round 3: such studies shown as cross-sectional). Strong enough to veto a cross-sectional design the
#: model names above its threshold, which the looser phrases below are not (on train, "at baseline and after
#: 34.5 h", "six weeks later" and "tested 27 days later" were in hand-labelled cross-sectional studies).
_FOLLOWED_OVER_TIME = (
    r"\bfollowed (?:up )?for (?:\d+|one|two|three|four|five|six|a|an) (?:\w+ )?"
    r"(?:days?|weeks?|months?|years?)\b|"
    r"\b(?:\d+|two|three|four|five|six) times (?:a|per) (?:day|week|month)\b|"
    r"\becological momentary assessment|\bevery \d+ (?:days|weeks|months)\b|"
    r"\bmeasured (?:seasonally|monthly|weekly|daily|annually|repeatedly)\b"
)
#: ... or to an event: survival analysed over time ("overall survival … Cox regression", "5- and 10-year
#: survival"), which no cross-sectional study measures (train digest audit, round 26: a SEER survival
#: analysis inferred as cross-sectional).
_TO_AN_EVENT = (
    r"\b(?:overall|disease-specific|cancer-specific|progression-free|recurrence-free|disease-free|"
    r"event-free|relapse-free) survival\b|\bkaplan[- ]meier\b|\bcox (?:proportional|regression|model|analys)"
)
_FOLLOWED_OR_TO_AN_EVENT = _FOLLOWED_OVER_TIME + "|" + _TO_AN_EVENT
_FOLLOWED = re.compile(_FOLLOWED_OR_TO_AN_EVENT)
#: People measured more than once, said plainly ("at baseline and six months later", "in three waves",
#: "follow-up questionnaires"). The rules' wider list of time words ("daily lives", "later life", "followed
#: by") is too loose to veto a design (on the dev split it vetoed four hand-labelled cross-sectional studies).
_MEASURED_AGAIN = re.compile(
    r"\bat baseline and\b|\b(?:\d+|one|two|three|four|five|six|nine|twelve|eighteen) "
    r"(?:days|weeks|months|years) later\b|"
    r"\bfollow-up (?:assessments?|surveys?|questionnaires?|interviews?|visits?|measurements?)\b|"
    r"\bin (?:two|three|four|five|six|\d) (?:annual |yearly |consecutive )?waves\b|"
    r"\b(?:again|repeatedly) (?:at|after)\b|" + _FOLLOWED_OR_TO_AN_EVENT
)


def _from_model(view: View, study_type: str, p: float, reasons: list[str], verdict: Decision) -> Decision:
    words = ", ".join(reasons) if reasons else "the abstract's structure"
    decision = Decision(study_type, Hit("model", f"{words} (p = {p:.2f}; rules said {verdict.study_type})"))
    if study_type == "animal":
        decision.flags.update(animal_flags(view))
    return decision


_PEOPLE = frozenset(
    [
        "patients",
        "participants",
        "women",
        "men",
        "children",
        "adults",
        "people",
        "persons",
        "individuals",
        "respondents",
        "physicians",
        "nurses",
        "students",
        "workers",
        "employees",
        "caregivers",
        "carers",
        "residents",
        "volunteers",
        "infants",
        "neonates",
        "newborns",
        "adolescents",
        "survivors",
        "veterans",
        "athletes",
        "mothers",
        "fathers",
        "parents",
        "pregnant",
        "outpatients",
        "inpatients",
        "clinicians",
        "surgeons",
        "doctors",
        "subjects",
        "smokers",
        "users",
        "girls",
        "boys",
        "families",
        "households",
        # People named by what they do or are (experiments in psychology, sport and education):
        "dancers",
        "singers",
        "musicians",
        "players",
        "runners",
        "drivers",
        "soldiers",
        "recruits",
        "addicts",
        "twins",
        "couples",
        "pupils",
        "teenagers",
        "toddlers",
        "preschoolers",
        "undergraduates",
        "learners",
        "teachers",
        "listeners",
        "readers",
        "consumers",
        "midwives",
        "pharmacists",
        "dentists",
        "therapists",
        # People named by where they come from or live (an interview survey of 254 undocumented immigrants,
        # dev split, was left untyped once chemistry words no longer made it laboratory work):
        "immigrants",
        "migrants",
        "refugees",
        "prisoners",
        "inmates",
    ]
)
_OWN_STUDY = frozenset(["aim", "aimed", "objective", "objectives", "purpose", "we", "study"])


def _human_research(view: View, research: int, hits: Hits) -> bool:
    """An abstract reporting original data about people (not a letter, an essay or a lab study)."""
    if len(view.low_abstract) < 400 or _PEOPLE.isdisjoint(view.words):
        return False
    if _studied_people(view, research, hits):
        return True
    return not _OWN_STUDY.isdisjoint(view.words) and digit_count(view.low_abstract) >= 6


def _studied_people(view: View, research: int, hits: Hits) -> bool:
    """The abstract surely reports data of its own about people: counted participants with results or
    statistics (``research`` >= 2), people who did what the study asked, or people counted as the study's own
    with a sign of data ("we presented 30 adults with …", "among 298 survivors who sought services" with
    "the results revealed"). Psychology reports few digits: train-split experiments and surveys of that kind
    were left "Design not stated" for want of them."""
    if research >= 2 or _participants_acted(hits):
        return True
    return (
        research >= 1
        and not _OWN_STUDY.isdisjoint(view.words)
        and _COUNTED_PEOPLE.search(view.low_abstract) is not None
    )


#: People words that also count animals, genes, plants or software's users ("38 individuals" of a fish
#: stock, "three families" of a stem-cell line's donors, "new Dre recombinase drivers"): not counted.
_NOT_ONLY_PEOPLE = frozenset(
    [
        "individuals",
        "families",
        "households",
        "users",
        "consumers",
        "players",
        "drivers",
        "readers",
        "couples",
        "subjects",
        "learners",
        "recruits",
        "twins",
    ]
)
#: A count of people: "30 adults", "298 LGBTQ IPV survivors", "twenty healthy volunteers".
_COUNTED_PEOPLE = re.compile(
    r"\b(?:\d[\d,]*|"
    + "|".join(sorted(set(UNIT_WORDS) - {"zero", "one"} | set(TENS_WORDS) | {"hundred"}))
    + r") (?:[\w-]+ ){0,4}?(?:"
    + "|".join(sorted(_PEOPLE - _NOT_ONLY_PEOPLE))
    + r")\b"
)


def _participants_acted(hits: Hits) -> bool:
    """People took part and did what the study asked ("children were asked to …", "participants completed
    …"): a study of people as surely as counted participants and statistics are, though it gives neither
    (psychology and education experiments on the dev split were left untyped for want of them)."""
    return (
        hits.abstract("signal.participants_acted") is not None
        or hits.abstract("signal.participants_received") is not None
    )
