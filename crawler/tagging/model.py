"""The learned design model: sparse features times shipped weights, in plain Python.

The weights (``crawler/data/design_model.json``) are a multinomial logistic regression trained offline by
``benchmarks/train_design_model.py`` on weakly labelled real PubMed records; the file also carries, per
class, the probability above which the model may name that class (``thresholds``) and the higher one at
which it may overrule a rule that named another (``override``), both calibrated on the development split.
The file says which data trained it. Nothing is downloaded or unpickled: it is JSON read once.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from osteodigest.crawler.tagging.features import Vocabulary

_MODEL_FILE = "design_model.json"


@dataclass(frozen=True, slots=True)
class Prediction:
    """Class probabilities of one work, best first."""

    ranked: tuple[tuple[str, float], ...]

    @property
    def best(self) -> tuple[str, float]:
        return self.ranked[0] if self.ranked else ("other", 0.0)

    def prob(self, study_type: str) -> float:
        return next((p for c, p in self.ranked if c == study_type), 0.0)


class DesignModel:
    """Weights per feature and class; :meth:`predict` is a sum over the features present."""

    __slots__ = ("classes", "info", "intercept", "known", "override", "thresholds", "vocabulary", "weights")

    def __init__(self, data: dict[str, Any]) -> None:
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.intercept: tuple[float, ...] = tuple(data["intercept"])
        raw: dict[str, list[float]] = data["weights"]
        # [class index, weight, class index, weight, …] -> one weight per class. A record's scores are the
        # column sums of its features' rows, which zip and sum compute in C: far cheaper than adding the
        # pairs one by one in Python.
        zero = 0.0
        self.weights: dict[str, tuple[float, ...]] = {}
        for feature, flat in raw.items():
            row = [zero] * len(self.classes)
            for i in range(0, len(flat), 2):
                row[int(flat[i])] = float(flat[i + 1])
            self.weights[feature] = tuple(row)
        self.known = frozenset(self.weights)
        self.vocabulary = Vocabulary.of(self.known)
        self.thresholds: dict[str, float] = dict(data.get("thresholds", {}))
        self.override: dict[str, float] = dict(data.get("override", {}))
        self.info: dict[str, Any] = dict(data.get("info", {}))

    def scores(self, features: set[str]) -> list[float]:
        # Summed in the features' sorted order, so a score does not depend on the order the set gives them in,
        # which changes with the process's string-hash seed (two runs could otherwise round two near-equal
        # classes differently and name different designs for the same record). Sorting and ``sum`` cost
        # less than half of ``math.fsum``, which this ran before: about 3% of all tagging time.
        rows = list(map(self.weights.__getitem__, sorted(features & self.known)))
        rows.append(self.intercept)
        return list(map(sum, zip(*rows, strict=True)))

    def predict(self, features: set[str]) -> Prediction:
        scores = self.scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        ranked = sorted(
            ((c, e / total) for c, e in zip(self.classes, exps, strict=True)), key=lambda cp: -cp[1]
        )
        return Prediction(tuple(ranked))

    def reasons(self, features: set[str], study_type: str, limit: int = 3) -> list[str]:
        """The readable features that pushed most towards ``study_type`` (words, headings), strongest
        first."""
        if study_type not in self.classes:
            return []
        index = self.classes.index(study_type)
        found: list[tuple[float, str]] = []
        for feature in features & self.known:
            weight = self.weights[feature][index]
            if weight > 0 and feature.startswith(("t:", "a:", "s:", "j:")):
                found.append((weight, feature))
        found.sort(key=lambda wf: (-wf[0], wf[1]))
        return [_readable(f) for _, f in found[:limit]]


_FAMILY = {"t:": "title", "a:": "abstract", "s:": "heading", "j:": "journal"}


def _readable(feature: str) -> str:
    return f'{_FAMILY[feature[:2]]} "{feature[2:]}"'


@lru_cache(maxsize=1)
def load_model() -> DesignModel | None:
    """The shipped model, or None when the package carries none (the rules then decide alone)."""
    try:
        text = resources.files("osteodigest.crawler.data").joinpath(_MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return DesignModel(json.loads(text))
