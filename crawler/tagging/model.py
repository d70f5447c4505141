"""A small linear model of the article *form* (research, review, case report, commentary).

The rules settle designs that a phrase names; what no phrase names is the form of an article whose
abstract simply starts talking ("Eosinophil infiltration is a common finding …") or that has no
abstract at all ("Yentl syndrome and the ICU."). Publishers send the form with every new PubMed
record as a publication type, so a model can learn it from shipped, real records: it was trained
offline on the NLM daily update file in the shared fixtures (``crawler/tagging/training.py``), and
its weights are a plain JSON file read at first use — no pickle, no download, no numpy at run time.

The model only ever breaks ties the rules leave open; its probability and strongest words are quoted
in ``why`` like any other evidence.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from crawler.tagging.view import View

CLASSES = ("other", "narrative_review", "case_report", "commentary")
_WORD = re.compile(r"[a-z][a-z0-9'-]*[a-z0-9]|[a-z]")
_STOP = frozenset(
    "a an the of in on and or to for with by at from as is are was were be been this that these those it its "
    "we our their his her they there which who whom".split()
)
_NUMBER = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s?%")
_PVALUE = re.compile(r"\bp\s*[<=>≤]\s*0?\.\d")
_CI = re.compile(r"\b95\s?%\s?(?:ci|confidence)")
_N_SUBJECTS = re.compile(r"\b\d[\d,]* (?:\w+ ){0,2}?(?:patients|participants|subjects|women|men|children|cases|"
                         r"rats|mice|adults|individuals|eyes|samples)\b")


def features(title: str, abstract: str, section_labels: tuple[str, ...] = ()) -> list[str]:
    """Feature names for one article (lower-cased text in, strings out); shared with training."""
    feats: list[str] = []
    title_words = [w for w in _WORD.findall(title) if w not in _STOP]
    feats.extend(f"t:{w}" for w in title_words)
    feats.extend(f"t:{a}_{b}" for a, b in zip(title_words, title_words[1:], strict=False))
    if title.rstrip().endswith("?"):
        feats.append("t:?")
    if ":" in title:
        feats.append("t::")
    n_title = len(title_words)
    feats.append("tlen:" + ("short" if n_title <= 5 else "mid" if n_title <= 12 else "long"))
    if not abstract:
        feats.append("abs:none")
        return feats
    words = [w for w in _WORD.findall(abstract) if w not in _STOP]
    n = len(words)
    feats.append("alen:" + ("<50" if n < 50 else "<120" if n < 120 else "<250" if n < 250 else "250+"))
    seen: set[str] = set()
    for w in words:
        if w not in seen:
            seen.add(w)
            feats.append(f"a:{w}")
    for a, b in zip(words, words[1:], strict=False):
        key = f"a:{a}_{b}"
        if key not in seen:
            seen.add(key)
            feats.append(key)
    for label in section_labels:
        feats.append(f"s:{label}")
    if not section_labels:
        feats.append("s:none")
    digits = len(_NUMBER.findall(abstract))
    feats.append("num:" + ("0" if digits == 0 else "<10" if digits < 10 else "<40" if digits < 40 else "40+"))
    if _PERCENT.search(abstract):
        feats.append("has:%")
    if _PVALUE.search(abstract):
        feats.append("has:p")
    if _CI.search(abstract):
        feats.append("has:ci")
    if _N_SUBJECTS.search(abstract):
        feats.append("has:n")
    return feats


@dataclass(frozen=True, slots=True)
class Prediction:
    probabilities: dict[str, float]
    top_words: dict[str, list[str]]

    def best(self) -> tuple[str, float]:
        label = max(self.probabilities, key=self.probabilities.__getitem__)
        return label, self.probabilities[label]

    def why(self, label: str) -> str:
        words = ", ".join(w.split(":", 1)[1].replace("_", " ") for w in self.top_words.get(label, [])[:4])
        return f"form model: {label} p={self.probabilities[label]:.2f}" + (f" ({words})" if words else "")


@lru_cache(maxsize=1)
def _weights() -> tuple[dict[str, list[float]], list[float]]:
    data = json.loads(resources.files("crawler.tagging.data").joinpath("form_model.json").read_text("utf-8"))
    if tuple(data["classes"]) != CLASSES:
        raise ValueError("form_model.json was trained for other classes")
    return data["weights"], data["bias"]


def available() -> bool:
    try:
        _weights()
    except (FileNotFoundError, ModuleNotFoundError, KeyError, ValueError):
        return False
    return True


def predict(view: View) -> Prediction:
    weights, bias = _weights()
    scores = list(bias)
    contributions: list[list[tuple[float, str]]] = [[] for _ in CLASSES]
    for feat in features(view.low_title, view.low_abstract, view.section_labels):
        w = weights.get(feat)
        if w is None:
            continue
        for i, value in enumerate(w):
            scores[i] += value
            if value > 0.3:
                contributions[i].append((value, feat))
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    probabilities = {label: e / total for label, e in zip(CLASSES, exp, strict=True)}
    top_words = {
        label: [f for _, f in sorted(contributions[i], reverse=True) if not f.startswith(("alen", "tlen", "num"))]
        for i, label in enumerate(CLASSES)
    }
    return Prediction(probabilities, top_words)
