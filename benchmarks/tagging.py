"""Score the study-type tagger on real PubMed records, with and without NLM indexing; print throughput.

Run from the repository root:

    python benchmarks/tagging.py                 # samples, bulk train/dev/test splits, throughput
    python benchmarks/tagging.py --errors        # also list the bulk TRAIN and DEV splits' disagreements
    python benchmarks/tagging.py --errors-sample # list the test-only sample's disagreements (not for tuning)
    python benchmarks/tagging.py --no-bulk       # skip the 20,788-record bulk file (splits, throughput)
    python benchmarks/tagging.py --throughput-only   # only the bulk file's throughput lines
    python benchmarks/tagging.py --throughput-only --repeat 5   # five runs and their median

Which data trained what: the design model's weights were learned from the bulk file's TRAIN split (70% of
its journals) and its thresholds calibrated on the DEV split (15%); the TEST split (15%) and the two sample
files were never used for either (``benchmarks/design_split.md``). The run prints the model's own record
of this first, then the figures per data set.

Data (read in place, never copied): ``../shared/fixtures/pubmed/pubtype_sample.xml`` and
``bone_topic_subset.xml`` (922 records, 660 + 262, deduplicated by PMID), and for throughput
``bulk/pubmed21n1298.xml.gz``.

Throughput: the tagger alone (parse, then tag, per CPU), and the real ``osteodigest tag`` path end to end
(parse + tag + relevance + JSON lines, :func:`crawler.tag_command.run` writing to /dev/null) in one
process (records per CPU second) and with its worker processes (records per wall second, and the CPU of
all processes), each as a ratio to issue 14's bar of 1,500 records/s. The load average is printed with it:
on a machine shared with other jobs the wall figure moves with the load, the CPU figure much less. Each
line says whether the tagging modules ran compiled (``pip install .`` compiles them with mypyc, see
``setup.py``) or as Python (an editable install): run it in a non-editable install for the figures users get.

Runs
----
* **indexed** – the records as NLM published them (publication types, MeSH).
* **stripped** – publication types reduced to "Journal Article", MeSH removed and ``kind`` reset to
  "article" (the kind is derived from publication types), i.e. what a brand-new record looks like.
  Title, abstract, journal, author keywords and CommentsCorrections links are kept.
* **text only** – stripped, and the CommentsCorrections links removed too (what a feed item or a
  scraped page gives). Printed as a summary line only.

Gold labels
-----------
Derived from NLM indexing first (the mapping below, first match wins), then overridden by the
hand-labelled file ``benchmarks/gold/tagging_gold.tsv`` (PMID, label, one-line justification) for
what NLM cannot settle or gets wrong: narrative vs systematic review vs meta-analysis (NLM tags many
pooled reviews "Systematic Review" only), case series, cohort vs case-control, protocols, research
letters that report original data, and records with no design indexing at all.

NLM publication type -> gold class:
    Retraction of Publication -> retraction_notice
    Published Erratum -> erratum
    Randomized Controlled Trial, Veterinary / Clinical Trial, Veterinary -> animal
    Meta-Analysis / Network Meta-Analysis -> meta_analysis
    Scoping Review -> scoping_review
    Systematic Review -> systematic_review
    Practice Guideline / Guideline / Consensus Development Conference (, NIH) -> guideline
    Clinical Trial Protocol -> protocol
    Randomized Controlled Trial / Pragmatic Clinical Trial / Equivalence Trial -> rct
    Case Reports -> case_report
    Letter / Editorial / Comment -> commentary
    Controlled Clinical Trial / Clinical Trial (, Phase I–IV) -> nonrandomised_trial
    Review -> narrative_review
then MeSH:
    Mendelian Randomization Analysis -> mendelian_randomization
    Animals without Humans -> animal
    Case-Control Studies -> case_control
    Cross-Sectional Studies -> cross_sectional
    Cohort / Prospective / Longitudinal / Retrospective Studies -> cohort
    Observational Study (publication type) -> cohort
otherwise no gold label ("unlabelled"). Unlabelled records are not counted for recall, but a
prediction of a scored class on one counts as a false positive until a hand label says otherwise,
so precision is never flattered by missing gold.

Bulk splits: the bulk file's records (minus the samples' PMIDs) split by journal into train/dev/test
(``benchmarks/design_data.py``), each stripped and tagged, scored against the labels the records carry:
publisher publication types (weak), hand labels (``benchmarks/gold/design_hand_labels.tsv``), and "other"
for records without a design word in journals that type their reviews. Only labelled records are scored,
so precision there counts errors among labelled records only.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import gzip
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from osteodigest.crawler.models import Record
from osteodigest.crawler.tagging import tag_records
from osteodigest.crawler.tagging.design import LEAST_ABSTRACT

ROOT = Path(__file__).resolve().parents[1]

FIXTURES = ROOT.parent / "shared" / "fixtures" / "pubmed"
SAMPLES = ("pubtype_sample.xml", "bone_topic_subset.xml")
BULK = FIXTURES / "bulk" / "pubmed21n1298.xml.gz"
#: PMIDs above this were assigned from about 1999 on;
#: older abstracts (here mostly 1979) rarely state the design.
MODERN_PMID = 10_000_000
GOLD_FILE = ROOT / "benchmarks" / "gold" / "tagging_gold.tsv"
KNOWN_MISSES = ROOT / "tests" / "tagging_gold_known_misses.tsv"
#: Blind labels of records whose verdict no publication type helped: for measuring only, never trained on.
AUDIT_FILE = ROOT / "benchmarks" / "gold" / "design_audit_labels.tsv"

#: The classes with acceptance bars on stripped records: (precision, recall). Issue 14's bars, with
#: systematic reviews and meta-analyses scored as one class, and animal and in-vitro studies as one.
TARGETS = {
    "rct": (0.90, 0.90),
    "sr+ma": (0.95, 0.90),
    "case_report": (0.90, 0.90),
    "narrative_review": (0.85, 0.80),
    "animal+in_vitro": (0.93, 0.90),
    "commentary": (0.97, 0.95),
    "erratum": (0.97, 0.95),
    "retraction_notice": (0.97, 0.95),
}
#: Issue 14: tagging with relevance, end to end on the bulk file (parse included), in records/s.
THROUGHPUT_BAR = 1500
#: At most this share of human research abstracts may be left without a design.
MAX_UNTYPED = 0.15
_MERGED = {
    "meta_analysis": "sr+ma",
    "systematic_review": "sr+ma",
    "animal": "animal+in_vitro",
    "in_vitro": "animal+in_vitro",
}
#: Gold classes that are human research (primary studies of people): "untyped" when tagged "other".
HUMAN_RESEARCH = frozenset(
    {
        "rct",
        "nonrandomised_trial",
        "cohort",
        "case_control",
        "cross_sectional",
        "case_series",
        "diagnostic_accuracy",
        "prediction_model",
        "economic_evaluation",
        "qualitative",
        "mendelian_randomization",
        # a labelled set's generic class (benchmarks/score_labels.py); the project's labels never use it
        "observational",
    }
)
UNTYPED = frozenset({"other", None})


def merged(label: str | None) -> str | None:
    return _MERGED.get(label, label) if label else label


def untyped_share(pairs: list[tuple[str | None, str]]) -> tuple[int, int]:
    """(human research abstracts left "other", human research abstracts) among gold-labelled pairs."""
    research = [pred for gold, pred in pairs if gold in HUMAN_RESEARCH]
    return sum(1 for pred in research if pred in UNTYPED), len(research)


_PUBTYPE_GOLD = (
    ("retraction of publication", "retraction_notice"),
    ("published erratum", "erratum"),
    ("randomized controlled trial, veterinary", "animal"),
    ("clinical trial, veterinary", "animal"),
    ("meta-analysis", "meta_analysis"),
    ("network meta-analysis", "meta_analysis"),
    ("scoping review", "scoping_review"),
    ("systematic review", "systematic_review"),
    ("practice guideline", "guideline"),
    ("guideline", "guideline"),
    ("consensus development conference", "guideline"),
    ("consensus development conference, nih", "guideline"),
    ("clinical trial protocol", "protocol"),
    ("randomized controlled trial", "rct"),
    ("pragmatic clinical trial", "rct"),
    ("equivalence trial", "rct"),
    ("case reports", "case_report"),
    ("letter", "commentary"),
    ("editorial", "commentary"),
    ("comment", "commentary"),
    ("controlled clinical trial", "nonrandomised_trial"),
    ("clinical trial", "nonrandomised_trial"),
    ("clinical trial, phase i", "nonrandomised_trial"),
    ("clinical trial, phase ii", "nonrandomised_trial"),
    ("clinical trial, phase iii", "nonrandomised_trial"),
    ("clinical trial, phase iv", "nonrandomised_trial"),
    ("review", "narrative_review"),
)
_MESH_GOLD = (
    ("case-control studies", "case_control"),
    ("cross-sectional studies", "cross_sectional"),
    ("cohort studies", "cohort"),
    ("prospective studies", "cohort"),
    ("longitudinal studies", "cohort"),
    ("retrospective studies", "cohort"),
)


def nlm_gold(record: Record) -> str | None:
    """The gold class NLM indexing implies (see the module docstring), or None."""
    types = {t.lower() for t in record.publication_types}
    mesh = {m.lower() for m in record.mesh}
    for name, label in _PUBTYPE_GOLD:
        if name in types:
            return label
    if "mendelian randomization analysis" in mesh:
        return "mendelian_randomization"
    if "animals" in mesh and "humans" not in mesh:
        return "animal"
    for name, label in _MESH_GOLD:
        if name in mesh:
            return label
    if "observational study" in types:
        return "cohort"
    return None


def load_hand_gold(path: Path = GOLD_FILE) -> dict[str, tuple[str, str]]:
    gold: dict[str, tuple[str, str]] = {}
    if not path.exists():
        return gold
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "pmid":
                continue
            gold[row[0].strip()] = (row[1].strip(), row[2].strip() if len(row) > 2 else "")
    return gold


# --------------------------------------------------------------------------------------------------
# Reading PubMed XML
# --------------------------------------------------------------------------------------------------
def read_pubmed(path: Path) -> list[Record]:
    """Records from a PubMed XML file, through the project's parser when it exists."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        from osteodigest.crawler.sources.medline import parse_medline
    except ImportError:
        parse_medline = None
    if parse_medline is not None:
        try:
            with opener(path, "rb") as handle:
                return list(parse_medline(handle))
        except Exception as exc:  # the parser is young; never let it block the benchmark
            print(
                f"warning: parse_medline failed on {path.name} ({exc!r}); using the benchmark's reader",
                file=sys.stderr,
            )
    with opener(path, "rb") as handle:
        return list(_fallback_parse(handle))


def _fallback_parse(handle) -> Iterator[Record]:
    """Minimal reader used only until crawler.sources.medline lands (benchmark only)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    tree = etree.parse(handle, parser)
    relation_types = {
        "ErratumFor": "corrects",
        "RetractionOf": "retracts",
        "CommentOn": "comment_on",
        "RetractionIn": "retracted_by",
        "ErratumIn": "corrected_by",
        "CommentIn": "commented_by",
        "ExpressionOfConcernFor": "concern_for",
    }
    for article in tree.iter("PubmedArticle"):
        citation = article.find("MedlineCitation")
        pmid = citation.findtext("PMID") or ""
        art = citation.find("Article")
        title_el = art.find("ArticleTitle")
        title = "".join(title_el.itertext()).strip() if title_el is not None else ""
        sections = []
        for node in art.findall("Abstract/AbstractText"):
            sections.append((node.get("Label") or "", "".join(node.itertext()).strip()))
        abstract = " ".join(text for _, text in sections)
        if len(sections) == 1 and not sections[0][0]:
            sections = []
        pubtypes = tuple(x.text or "" for x in art.findall("PublicationTypeList/PublicationType"))
        mesh = tuple(x.text or "" for x in citation.findall("MeshHeadingList/MeshHeading/DescriptorName"))
        keywords = tuple("".join(x.itertext()).strip() for x in citation.findall("KeywordList/Keyword"))
        relations = []
        from osteodigest.crawler.models import Relation

        for cc in citation.findall("CommentsCorrectionsList/CommentsCorrections"):
            rel = relation_types.get(cc.get("RefType") or "")
            ref = cc.findtext("PMID")
            if rel and ref:
                relations.append(Relation(rel, "pmid", ref.strip()))
        lower = {t.lower() for t in pubtypes}
        kind = "article"
        if "retraction of publication" in lower:
            kind = "retraction"
        elif "published erratum" in lower:
            kind = "erratum"
        elif "preprint" in lower:
            kind = "preprint"
        yield Record(
            source="pubmed",
            source_id=pmid,
            pmid=pmid,
            title=title,
            abstract=abstract,
            abstract_sections=tuple(sections),
            journal=art.findtext("Journal/Title"),
            publication_types=pubtypes,
            mesh=mesh,
            keywords=keywords,
            relations=tuple(relations),
            kind=kind,
        )


def strip_indexing(record: Record, keep_relations: bool = True) -> Record:
    return dataclasses.replace(
        record,
        publication_types=("Journal Article",),
        mesh=(),
        kind="article",
        relations=record.relations if keep_relations else (),
    )


# --------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------
def score(pairs: list[tuple[str | None, str]]) -> dict[str, dict[str, float]]:
    """Per class: tp, fp, fn, precision, recall. Gold None (unlabelled) counts only as a false positive."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[pred] += 1
        else:
            fp[pred] += 1
            if gold is not None:
                fn[gold] += 1
    out = {}
    for label in set(tp) | set(fp) | set(fn):
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        out[label] = {"tp": tp[label], "fp": fp[label], "fn": fn[label], "precision": p, "recall": r}
    return out


def print_table(title: str, pairs: list[tuple[str | None, str]], confusion: bool = True) -> dict:
    from intervals import wilson  # beside this script

    stats = score(pairs)
    joined = score([(merged(g), merged(p)) for g, p in pairs])
    print(f"\n== {title}: {len(pairs)} records, {sum(1 for g, _ in pairs if g)} with gold labels")
    print(f"{'class':<24}{'gold':>6}{'pred':>6}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}   target")
    rows = [(label, joined[label]) for label in TARGETS if label in joined]
    rows += [(label, stats[label]) for label in sorted(stats) if label not in TARGETS]
    for label, s in rows:
        gold_n = s["tp"] + s["fn"]
        pred_n = s["tp"] + s["fp"]
        target = ""
        if label in TARGETS:
            tp_, tr_ = TARGETS[label]
            ok = s["precision"] >= tp_ and s["recall"] >= tr_
            target = (
                f"P>={tp_:.2f} R>={tr_:.2f} {'ok' if ok else 'MISSED'}"
                f"  (95%: P {wilson(s['tp'], pred_n)}, R {wilson(s['tp'], gold_n)})"
            )
        print(
            f"{label:<24}{gold_n:>6}{pred_n:>6}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}"
            f"{s['precision']:>8.3f}{s['recall']:>8.3f}   {target}"
        )
    left, research = untyped_share(pairs)
    if research:
        share = left / research
        verdict = "ok" if share <= MAX_UNTYPED else "MISSED"
        print(
            f"human research left untyped: {left}/{research} = {share:.3f}   "
            f"target <= {MAX_UNTYPED} {verdict}"
        )
    if confusion:
        print_confusion(pairs)
    return joined


_ABBREV = {
    "meta_analysis": "MA",
    "systematic_review": "SR",
    "scoping_review": "ScR",
    "narrative_review": "NR",
    "guideline": "GL",
    "rct": "RCT",
    "nonrandomised_trial": "nRT",
    "cohort": "Coh",
    "case_control": "CC",
    "cross_sectional": "XS",
    "case_series": "CS",
    "case_report": "CR",
    "diagnostic_accuracy": "Dx",
    "prediction_model": "Pred",
    "economic_evaluation": "Econ",
    "protocol": "Prot",
    "mendelian_randomization": "MR",
    "bioinformatics": "Bio",
    "animal": "Anim",
    "in_vitro": "InV",
    "commentary": "Com",
    "erratum": "Err",
    "retraction_notice": "Ret",
    "qualitative": "Qual",
    "trial_registration": "Reg",
    "other": "Oth",
    None: "unlab",
}


def print_confusion(pairs: list[tuple[str | None, str]]) -> None:
    matrix: dict[str | None, Counter[str]] = defaultdict(Counter)
    for gold, pred in pairs:
        matrix[gold][pred] += 1
    labels = [
        k for k in _ABBREV if k is not None and (k in matrix or any(k in row for row in matrix.values()))
    ]
    rows = [*labels, None] if None in matrix else labels
    print("\nconfusion (rows gold, columns predicted)")
    print(f"{'':>6}" + "".join(f"{_ABBREV[c]:>5}" for c in labels))
    for g in rows:
        if g not in matrix:
            continue
        print(f"{_ABBREV[g]:>6}" + "".join(f"{(matrix[g][c] or '.')!s:>5}" for c in labels))


#: The least a text must say for a reader to name the design at all: a record of the class whose title
#: and abstract hold none of these words cannot be found from its text, by rules or by anyone.
_DESIGN_WORDS = {
    "rct": re.compile(r"random|blind|placebo|allocat|cross-?over|trial", re.I),
    "case_report": re.compile(r"\bcases?\b|patient|year-old|\b(?:man|woman|boy|girl|infant|child)\b", re.I),
    "narrative_review": re.compile(r"review|overview|update|advances|discuss|summar|literature", re.I),
}


def print_miss_causes(batch: list[Record], gold: dict[str, str | None], predictions: dict) -> None:
    """Where each scored class's misses sit: records from before about 1999 (NLM indexed them from the
    full text; their abstracts, when there is one, rarely state the design), records with no abstract,
    and the rest, which are what the rules could still learn from. "no design word" counts the misses
    whose text lacks every word of :data:`_DESIGN_WORDS`; "text ceiling" is the recall left once those
    are given up, the most any tagger reading only the text can reach."""
    causes: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter(merged(label) for label in gold.values() if merged(label) in TARGETS)
    for record in batch:
        label = merged(gold[record.pmid])
        if label not in TARGETS or merged(predictions[record.pmid].study_type) == label:
            continue
        if int(record.pmid) < MODERN_PMID:
            causes[label]["before 1999"] += 1
        elif not (record.abstract or "").strip():
            causes[label]["no abstract"] += 1
        else:
            causes[label]["with an abstract"] += 1
        words = _DESIGN_WORDS.get(label)
        if words is not None and not words.search(f"{record.title} {record.abstract or ''}"):
            causes[label]["no design word"] += 1
    print("\nmissed records by kind (stripped):")
    kinds = ("before 1999", "no abstract", "with an abstract")
    for label in TARGETS:
        if causes[label]:
            parts = ", ".join(f"{k} {causes[label][k]}" for k in kinds)
            if label in _DESIGN_WORDS:
                blind = causes[label]["no design word"]
                ceiling = (totals[label] - blind) / totals[label]
                parts += f"; no design word {blind}, text ceiling {ceiling:.3f}"
            print(f"  {label:<20} {parts}")


def load_samples() -> list[Record]:
    records: dict[str, Record] = {}
    for name in SAMPLES:
        path = FIXTURES / name
        if not path.exists():
            raise SystemExit(f"fixture missing: {path}")
        for record in read_pubmed(path):
            records.setdefault(record.pmid or record.source_id, record)
    return list(records.values())


def throughput(records: Iterable[Record]) -> tuple[int, float, float]:
    """(records, wall seconds, CPU seconds): CPU time is steadier on a machine shared with other jobs."""
    batch = list(records)
    wall, cpu = time.perf_counter(), time.process_time()
    for record in batch:
        tag_records([record])
    return len(batch), time.perf_counter() - wall, time.process_time() - cpu


def end_to_end(path: Path) -> str:
    """The real ``osteodigest tag`` on ``path`` (output to /dev/null): in one process, CPU time; with the
    default worker processes, wall time and the CPU of this process and its workers together."""
    import os

    from osteodigest.crawler.assessing import usable_cpus
    from osteodigest.crawler.tag_command import run

    def once(jobs: int) -> tuple[int, float, float]:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            before, wall = os.times(), time.perf_counter()
            status = run([path], out=sink, jobs=jobs)
            wall, after = time.perf_counter() - wall, os.times()
        if status != 0:
            raise SystemExit(f"osteodigest tag failed on {path} (exit {status})")
        cpu = sum(after[:4]) - sum(before[:4])  # user + system, this process and its finished workers
        return status, wall, cpu

    with gzip.open(path, "rb") as handle:
        n = sum(line.count(b"<PubmedArticle>") for line in handle)
    jobs = usable_cpus()
    _, _, cpu_one = once(1)
    _, wall_many, cpu_many = once(jobs) if jobs > 1 else (0, 0.0, 0.0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    line = (
        f"== end to end (osteodigest tag: parse + tag + relevance + JSON) on {path.name}, {n:,} records: "
        f"one process {cpu_one:.1f} s CPU = {n / cpu_one:,.0f} records/s per CPU "
        f"({n / cpu_one / THROUGHPUT_BAR:.2f}x the {THROUGHPUT_BAR:,}/s bar)"
    )
    if jobs > 1:
        line += (
            f"; {jobs} worker processes: {wall_many:.1f} s wall = {n / wall_many:,.0f} records/s "
            f"({n / wall_many / THROUGHPUT_BAR:.2f}x the bar), {cpu_many:.1f} s CPU in all processes"
        )
    else:
        line += "; one usable CPU: no worker processes"
    return line + f"; load average {load:.1f} on {os.cpu_count()} CPUs; tagger {tagger_build()}"


def repeated_end_to_end(path: Path, repeat: int) -> str:
    """:func:`end_to_end` ``repeat`` times, summarised by :func:`summarise_runs`. Why: on a virtual machine
    shared with other jobs the same build on the same file ran at 1,147 and 1,532 records/s in consecutive
    runs (session of 2026-12-07, forty-sixth), so one run says little about the bar."""
    return summarise_runs([end_to_end(path) for _ in range(max(1, repeat))])


def summarise_runs(lines: list[str]) -> str:
    """Every run's line (none dropped) and, from two runs on, the worker processes' records/s of each and
    their median against the bar."""
    if len(lines) == 1:
        return lines[0]
    rates = sorted(float(m.group(1).replace(",", "")) for line in lines if (m := _WORKER_RATE.search(line)))
    summary = f"== {len(lines)} runs"
    if rates:
        median = statistics.median(rates)
        summary += (
            f": worker processes' records/s {', '.join(f'{r:,.0f}' for r in rates)}; median {median:,.0f} "
            f"({median / THROUGHPUT_BAR:.2f}x the {THROUGHPUT_BAR:,}/s bar)"
        )
    return "\n".join([*lines, summary])


_WORKER_RATE = re.compile(r"worker processes: [\d.]+ s wall = ([\d,]+) records/s")


def tagger_build() -> str:
    """Whether the tagging modules run compiled (``pip install .`` builds them with mypyc, setup.py) or as
    Python (an editable install, ``OSTEODIGEST_PURE=1``): the throughput figures depend on it."""
    from osteodigest.crawler.tagging import cues

    where = Path(cues.__file__ or "")
    return "compiled (mypyc)" if where.suffix in (".so", ".pyd") else "pure Python (not compiled)"


def check_gating(limit: int = 2500) -> int:
    """Every Cue must find exactly what its plain regex finds; gating and branch splitting only save work."""
    from osteodigest.crawler.tagging.cues import all_cues
    from osteodigest.crawler.tagging.view import build_view

    cues = all_cues()
    records = load_samples() + (read_pubmed(BULK)[:limit] if BULK.exists() else [])
    mismatches = 0
    for record in records:
        view = build_view([record])
        for text in (view.low_title, view.low_abstract, view.low_text):
            for name, cue in cues.items():
                fast = cue.search(text)
                slow = cue.pattern.search(text)
                if (fast and (fast.span(), fast.group(0))) != (slow and (slow.span(), slow.group(0))):
                    mismatches += 1
                    if mismatches <= 20:
                        print(f"MISMATCH search {name} pmid={record.pmid}: {fast} vs {slow}")
                if [m.span() for m in cue.finditer(text)] != [m.span() for m in cue.pattern.finditer(text)]:
                    mismatches += 1
                    if mismatches <= 20:
                        print(f"MISMATCH finditer {name} pmid={record.pmid}")
    print(f"checked {len(cues)} cues on {len(records)} records (3 texts each): {mismatches} mismatches")
    return 1 if mismatches else 0


def write_known_misses(batch: list[Record], gold: dict[str, str | None], predictions: dict) -> None:
    rows = [
        (r.pmid, gold[r.pmid], predictions[r.pmid].study_type)
        for r in batch
        if gold[r.pmid] is not None and predictions[r.pmid].study_type != gold[r.pmid]
    ]
    with KNOWN_MISSES.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("pmid", "gold", "tagged"))
        writer.writerows(sorted(rows, key=lambda row: int(row[0])))
    print(f"wrote {len(rows)} known misses to {KNOWN_MISSES.relative_to(ROOT)}")


def print_model_info() -> None:
    from osteodigest.crawler.tagging.model import load_model

    model = load_model()
    if model is None:
        print("design model: none shipped (rules only)")
        return
    info = model.info
    print("design model (crawler/data/design_model.json):")
    for key in ("trained_on", "calibrated_on", "never_seen", "vocabulary", "C"):
        if key in info:
            print(f"  {key}: {info[key]}")
    print(f"  features kept: {len(model.weights)}; classes: {len(model.classes)}")


def bulk_splits(bulk: list[Record], sample_pmids: set[str], errors: bool = False) -> None:
    """Per split of the bulk file (by journal, see benchmarks/design_split.md): the full tagger on stripped
    records against the labels the records carry (publisher types, hand labels, "other" in journals that
    type their reviews). Rule verdicts used as silver training labels are not scored."""
    import design_data

    hand = design_data.load_hand_labels()
    by_split: dict[str, list[tuple[str | None, str, str]]] = defaultdict(list)
    for ex in design_data.examples(bulk, sample_pmids, hand):
        if ex.source in ("publisher", "hand", "journal"):
            by_split[ex.split].append((ex.pmid, ex.label, ex.source))
    records = {r.pmid: r for r in bulk}
    for split in ("train", "dev", "test"):
        tagged = [
            (label, tag_records([strip_indexing(records[pmid])]).study_type, source)
            for pmid, label, source in by_split[split]
        ]
        if errors and split != "test":
            # The splits rules may be tuned on; the test split's errors are never listed.
            print(f"\n{split} disagreements (label/source, tagged, title):")
            for (pmid, _, _), (label, predicted, source) in zip(by_split[split], tagged, strict=True):
                if merged(label) != merged(predicted):
                    print(f"  {pmid} {label}/{source} tagged={predicted} | {records[pmid].title[:110]}")
        pairs = [(label, predicted) for label, predicted, _ in tagged]
        role = {
            "train": "TRAINED the weights (figures flattered)",
            "dev": "calibrated the thresholds",
            "test": "never used for training or tuning",
        }[split]
        print_table(f"bulk {split} split, stripped ({role}); labelled records only", pairs, confusion=False)
        # The "journal" labels ("other" in a journal that types its reviews) are derived with the rules'
        # verdict, so they move when a rule does: the publisher and hand labels alone, for comparing changes.
        own = [
            (pmid, label, predicted)
            for (pmid, _, _), (label, predicted, source) in zip(by_split[split], tagged, strict=True)
            if source != "journal"
        ]
        print(f"   {split}, publisher and hand labels only, P/R: {target_summary(own, counts=False)}")
        # The held-out sets of issue 14 are abstracts: the same labels on records with an abstract of at
        # least LEAST_ABSTRACT characters (title-only letters and picture case reports left out).
        with_text = [x for x in own if len((records[x[0]].abstract or "").strip()) >= LEAST_ABSTRACT]
        print(
            f"   {split}, the same on abstracts of >= {LEAST_ABSTRACT} characters, P/R: "
            f"{target_summary(with_text)}"
        )
        # The same labels in journals of the nervous system and the mind (draws (ah)-(aj) read that field).
        field = [x for x in own if design_data.FIELD_JOURNALS.search(records[x[0]].journal or "")]
        left, research = untyped_share([(label, predicted) for _, label, predicted in field])
        print(
            f"   {split}, journals of the nervous system and the mind ({len(field)} records), P/R: "
            f"{target_summary(field)}; human research left untyped {left}/{research}"
        )


def audited_verdicts(bulk: list[Record]) -> None:
    """The tagger's current verdicts on the audit file's records (train records no publication type typed,
    drawn by what an earlier tagger called them and labelled blind): per barred class, how many of the
    records it now calls that class are labelled so. A measure that training cannot flatter, since the
    model never reads these labels."""
    import design_data

    labels = design_data.load_hand_labels(AUDIT_FILE)  # same layout as the training labels' file
    if not labels:
        return
    records = {r.pmid: r for r in bulk if r.pmid in labels}
    hits: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    for pmid, label in labels.items():
        predicted = merged(tag_records([strip_indexing(records[pmid])]).study_type)
        if predicted in TARGETS:
            calls[predicted] += 1
            hits[predicted] += merged(label) == predicted
    shown = ", ".join(f"{k} {hits[k]}/{calls[k]} = {hits[k] / calls[k]:.2f}" for k in TARGETS if calls[k])
    print(
        f"\n== audited train records without publication types ({len(labels)}, {AUDIT_FILE.name}; labels "
        f"never trained on): precision of the current verdicts: {shown}"
    )


def target_summary(rows: list[tuple[str, str | None, str]], counts: bool = True) -> str:
    """P/R of each barred class on (pmid, label, predicted) rows, classes merged as the bars merge them;
    ``counts`` adds each class's number of labelled records."""
    own = score([(merged(label), merged(predicted)) for _, label, predicted in rows])
    return ", ".join(
        f"{k} {own[k]['precision']:.2f}/{own[k]['recall']:.2f}"
        + (f" (n={own[k]['tp'] + own[k]['fn']:.0f})" if counts else "")
        for k in TARGETS
        if k in own
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--errors", action="store_true", help="list disagreements on the bulk train and dev splits (stripped)"
    )
    parser.add_argument(
        "--errors-sample",
        action="store_true",
        help="list disagreements on the stripped sample (TEST ONLY: to check, never to tune on)",
    )
    parser.add_argument(
        "--errors-indexed",
        action="store_true",
        help="list disagreements on the indexed sample (TEST ONLY: to check, never to tune on)",
    )
    parser.add_argument("--no-bulk", action="store_true", help="skip the bulk file (splits and throughput)")
    parser.add_argument("--throughput-only", action="store_true", help="only the bulk file's throughput")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="run the end-to-end throughput N times and print each run and the median (a shared machine's "
        "speed varies by a third between consecutive runs)",
    )
    parser.add_argument(
        "--write-known-misses",
        action="store_true",
        help=f"write the stripped sample's misses to {KNOWN_MISSES.relative_to(ROOT)} (the gold test)",
    )
    parser.add_argument(
        "--check-gating",
        action="store_true",
        help="verify every cue's shortcuts against its plain regex on real records, then exit",
    )
    args = parser.parse_args(argv)

    if args.check_gating:
        return check_gating()
    if args.throughput_only:
        if not BULK.exists():
            raise SystemExit(f"fixture missing: {BULK}")
        print(repeated_end_to_end(BULK, args.repeat))
        return 0
    print_model_info()
    print("split: benchmarks/design_split.md (the two sample files are test-only)")
    records = load_samples()
    hand = load_hand_gold()
    gold: dict[str, str | None] = {}
    for record in records:
        pmid = record.pmid or record.source_id
        gold[pmid] = hand[pmid][0] if pmid in hand else nlm_gold(record)
    print(
        f"{len(records)} sample records (TEST ONLY); {len(hand)} hand labels in {GOLD_FILE.relative_to(ROOT)}"
    )

    runs = {
        "sample, indexed (NLM publication types and MeSH visible)": records,
        "sample, stripped (Journal Article only, no MeSH)": [strip_indexing(r) for r in records],
    }
    for title, batch in runs.items():
        predictions = {r.pmid: tag_records([r]) for r in batch}
        pairs = [(gold[r.pmid], predictions[r.pmid].study_type) for r in batch]
        print_table(title, pairs)
        if "stripped" in title:
            modern = [
                (gold[r.pmid], predictions[r.pmid].study_type) for r in batch if int(r.pmid) >= MODERN_PMID
            ]
            print_table(
                f"sample, stripped, records from about 1999 on (PMID >= {MODERN_PMID:,})",
                modern,
                confusion=False,
            )
            print_miss_causes(batch, gold, predictions)
        if "stripped" in title and args.write_known_misses:
            write_known_misses(batch, gold, predictions)
        wanted = args.errors_sample if "stripped" in title else args.errors_indexed
        if wanted:
            print("\ndisagreements:")
            for r in batch:
                g, p = gold[r.pmid], predictions[r.pmid].study_type
                if merged(g) != merged(p):
                    print(
                        f"  {r.pmid} gold={g} pred={p} why={predictions[r.pmid].why.get('study_type')} "
                        f"| {r.title[:110]}"
                    )
    text_only = [strip_indexing(r, keep_relations=False) for r in records]
    pairs = [(merged(gold[r.pmid]), merged(tag_records([r]).study_type)) for r in text_only]
    stats = score(pairs)
    summary = ", ".join(
        f"{k} {stats[k]['precision']:.2f}/{stats[k]['recall']:.2f}" for k in TARGETS if k in stats
    )
    print(f"\n== sample, text only (stripped and no CommentsCorrections links), P/R: {summary}")

    if args.no_bulk or not BULK.exists():
        return 0
    c0 = time.process_time()
    bulk = list(read_pubmed(BULK))
    parse_cpu = time.process_time() - c0
    bulk_splits(bulk, {r.pmid for r in records}, errors=args.errors)
    audited_verdicts(bulk)
    n, seconds, cpu = throughput(bulk)
    print(
        f"\n== throughput on {BULK.name}: parse {n} records in {parse_cpu:.1f} s CPU = "
        f"{n / parse_cpu:,.0f}/s; "
        f"tag {cpu:.1f} s CPU = {n / cpu:,.0f} records/s per core ({n / seconds:,.0f}/s wall); "
        f"parse + tag end to end {n / (parse_cpu + cpu):,.0f} records/s; tagger {tagger_build()}"
    )
    print(repeated_end_to_end(BULK, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
