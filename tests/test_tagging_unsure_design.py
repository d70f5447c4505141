"""An observational design the model inferred but was unsure of is shown only as an observational study.

Clinicians auditing digest items (``benchmarks/digest_audit.py``) found inferred badges below a share of 0.8
of the inferable designs' probability wrong about as often as right; the reader is then told what is known
(an observational study, its design not stated) and the level of the weakest observational design. The
decision itself stays, flagged, for the classifier's measures and filters."""

from __future__ import annotations

from osteodigest.crawler.tagging.design import decide
from osteodigest.crawler.tagging.evidence import UNSURE_LABEL, assess

from tests.test_tagging_participants import COUNTED, leaning, view_of

VIEW = view_of("Gaze during imagery of sounds", COUNTED)


def test_an_unsure_inference_is_flagged_and_shown_as_an_observational_study():
    # Four inferable designs nearly equally likely: the inferred one holds well under 0.8 of their share.
    decision = decide(VIEW, leaning(1.0))
    assert decision.study_type == "cross_sectional"
    assert {"design_inferred", "design_uncertain"} <= set(decision.flags)
    evidence = assess(decision.study_type, VIEW, {"design_inferred", "design_uncertain"})
    assert evidence["label"] == UNSURE_LABEL
    assert evidence["level"] == 4


def test_a_sure_inference_keeps_its_name_and_level():
    decision = decide(VIEW, leaning(6.0))
    assert decision.study_type == "cross_sectional"
    assert "design_inferred" in decision.flags
    assert "design_uncertain" not in decision.flags
    evidence = assess(decision.study_type, VIEW, {"design_inferred"})
    assert evidence["label"] == "Cross-sectional study (design inferred)"
    assert evidence["level"] == 4
    cohort = assess("cohort", VIEW, {"design_inferred"})
    assert (cohort["label"], cohort["level"]) == ("Cohort study (design inferred)", 3)
