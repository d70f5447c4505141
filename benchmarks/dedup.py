"""Deduplication benchmark: labelled shared sets, a synthetic version-linking suite, throughput.

Run from the repository root: ``python benchmarks/dedup.py`` (``--quick`` skips the 20,000-record,
incremental and memory figures; ``--memory`` runs only the labelled sets, the synthetic suite and the
memory figures; ``--show-errors`` prints every missed duplicate and false merge).

Memory: peak resident memory of ``osteodigest dedup`` in a process of its own at 25,000, 50,000 and
100,000 records, per record and as ratios to issue 20's bar (5 KB per record at 100,000) and to the
floor measured in the same run (the command on a 13-record set); the recall and precision that go
with it are the labelled sets' above, from the same code in the same run.

How recall and precision are counted (identical to BibDedupe's ``compare_dedupe_id``, implemented in
:mod:`crawler.dedup.evaluate`): every predicted cluster keeps one survivor (its first record in input
order) and "removes" the rest. For a labelled duplicate group G with k survivors: TP += |G| − k and
FN += k − 1; if k = 0, TP += |G| − 1 and FP += 1. A record labelled unique that gets removed is a
false merge (FP += 1). Recall = TP / Σ(|G| − 1) (records a perfect tool removes), precision =
TP / (TP + FP). Records/s on the labelled sets times the whole ``osteodigest dedup`` path: CSV
reading, clustering and writing the output CSV.

The synthetic suite is built from real records (PubMed fixtures, medRxiv/bioRxiv records with their
``published`` DOIs): preprint/journal pairs (declared links, and undeclared ones for the fuzzy
fallback), errata and retraction notices with their articles, translated titles with a language tag,
truncated titles with abbreviated page ranges. Its "precision" also counts any notice clustered with
its article as a false merge, and it reports how many notice→article links were found. Its gold counts a
preprint and its journal article as one paper, as ``osteodigest dedup`` does for a bibliography; the
store answers another question (is the article news to a reader?) and keeps them as two works linked
``published_as``: the suite saved into a store reports how many pairs it linked so.

The ``ceiling`` column is the best recall any tool can reach on a set while keeping issue 4's hard
rules (an erratum or retraction notice is never clustered with its article; a cluster never holds two
different DOIs or two different PMIDs; :func:`crawler.dedup.scoring.identity_conflict`): labelled groups
that break them cannot be merged whole.
"""

from __future__ import annotations

import argparse
import csv
import gc
import gzip
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from osteodigest.crawler.dedup import cluster_records
from osteodigest.crawler.dedup.cli_command import run_dedup_command
from osteodigest.crawler.dedup.evaluate import read_groups, removal_metrics
from osteodigest.crawler.dedup.features import _CACHE as _FEATURE_CACHE
from osteodigest.crawler.models import Record, Relation

ROOT = Path(__file__).resolve().parents[1]

FIXTURES = ROOT.parent / "shared" / "fixtures"
SETS = ("respiratory", "cytology_screening", "haematology", "stroke", "digital_work", "special_cases")
BIBDEDUPE = {
    "respiratory": 0.936,
    "cytology_screening": 0.992,
    "haematology": 0.889,
    "stroke": 0.994,
    "digital_work": 0.997,
}


def labelled_sets(show_errors: bool = False) -> None:
    print("Labelled sets (recall = correctly removed / Σ(group size − 1)); time = read CSV + cluster + write")
    header = f"{'set':20} {'records':>7} {'to_remove':>9} {'TP':>5} {'FP':>3} {'FN':>4} {'recall':>7} "
    print(header + f"{'ceiling':>7} {'BibDedupe':>9} {'precision':>9} {'rec/s':>7}")
    pooled = [0, 0, 0]
    errors: list[tuple[str, Path, list[str], list[int], list[list[str]]]] = []
    for name in SETS:
        folder = FIXTURES / "dedup" / name
        if not folder.is_dir():
            print(f"{name:20} missing ({folder})")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out.csv"
            start = time.perf_counter()
            run_dedup_command([folder / "records_pre_merged.csv"], out, False, out=io.StringIO())
            elapsed = time.perf_counter() - start
            with out.open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
        ids = [r["id"] for r in rows]
        labels = [int(r["cluster_id"]) for r in rows]
        groups = read_groups(str(folder / "merged_record_ids.csv"))
        m = removal_metrics(ids, labels, groups)
        if name != "special_cases":
            pooled = [pooled[0] + m.tp, pooled[1] + m.fp, pooled[2] + m.fn]
        if show_errors:
            errors.append((name, folder, ids, labels, groups))
        peer = f"{BIBDEDUPE[name]:.3f}" if name in BIBDEDUPE else "-"
        ceiling = rule_ceiling(folder / "records_pre_merged.csv", groups) / (m.tp + m.fn)
        print(
            f"{name:20} {len(ids):7d} {m.tp + m.fn:9d} {m.tp:5d} {m.fp:3d} {m.fn:4d} {m.recall:7.4f} "
            f"{ceiling:7.4f} {peer:>9} {m.precision:9.4f} {len(ids) / elapsed:7.0f}"
        )
    tp, fp, fn = pooled
    print(
        f"{'pooled (5 sets)':20} {'':7} {tp + fn:9d} {tp:5d} {fp:3d} {fn:4d} {tp / (tp + fn):7.4f} "
        f"{'':7} {'0.974':>9} {tp / (tp + fp):9.4f}"
    )
    for args in errors:
        print_errors(*args)


def rule_ceiling(path: Path, groups: list[list[str]]) -> int:
    """Records a tool keeping the issue's hard rules can remove at most: each labelled group is split
    into as few parts as those rules allow (exactly: the fewest colours of the group's conflict graph),
    and each part keeps one record."""
    from osteodigest.crawler.dedup.bibio import read_records
    from osteodigest.crawler.dedup.features import prepare
    from osteodigest.crawler.dedup.scoring import identity_conflict

    features = {rid: prepare(record) for rid, record in read_records(path)}
    removable = 0
    for group in groups:
        members = [features[rid] for rid in group]
        conflicts = {
            (i, j) for i in range(len(members)) for j in range(i) if identity_conflict(members[i], members[j])
        }
        removable += len(group) - _fewest_parts(len(members), conflicts)
    return removable


def _fewest_parts(n: int, conflicts: set[tuple[int, int]]) -> int:
    """The chromatic number of a small graph (labelled groups have a handful of records)."""
    if not conflicts:
        return 1

    def colourable(k: int, colours: list[int]) -> bool:
        i = len(colours)
        if i == n:
            return True
        for c in range(min(k, max(colours, default=-1) + 2)):
            free = all(colours[j] != c for j in range(i) if (i, j) in conflicts)
            if free and colourable(k, [*colours, c]):
                return True
        return False

    return next(k for k in range(2, n + 1) if colourable(k, []))


_SHOWN = ("title", "author", "year", "journal", "volume", "number", "pages", "doi", "booktitle", "ENTRYTYPE")


def print_errors(name: str, folder: Path, ids: list[str], labels: list[int], groups: list[list[str]]) -> None:
    """Missed duplicates (a labelled group split over clusters) and false merges (a cluster holding
    records of different labelled works), each record with its fields and predicted cluster."""
    from osteodigest.crawler.dedup.bibio import read_records
    from osteodigest.crawler.dedup.features import prepare
    from osteodigest.crawler.dedup.scoring import compare, hard_conflict

    path = folder / "records_pre_merged.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        raw = {row["ID"]: row for row in csv.DictReader(handle)}
    features = {rid: prepare(record) for rid, record in read_records(path)}
    label_of = dict(zip(ids, labels, strict=True))

    def show(rid: str) -> None:
        row = raw.get(rid, {})
        fields = " | ".join(f"{k}={(row.get(k) or '')[:120]}" for k in _SHOWN if row.get(k))
        print(f"    [{rid} cluster {label_of.get(rid)} {features[rid].kind}] {fields}")

    print(f"\n== {name}: missed duplicates")
    for group in groups:
        clusters: dict[int, list[str]] = {}
        for rid in group:
            clusters.setdefault(label_of[rid], []).append(rid)
        if len(clusters) < 2:
            continue
        print(f"  FN group {';'.join(group)}")
        for rid in group:
            show(rid)
        heads = [members[0] for members in clusters.values()]
        for x, a in enumerate(heads):
            for b in heads[x + 1 :]:
                verdict = compare(features[a], features[b])
                veto = hard_conflict(features[a], features[b])
                print(f"    {a} vs {b}: {verdict.relation} {verdict.reason!r}; veto: {veto}")
    print(f"== {name}: false merges")
    work_of = {rid: k for k, group in enumerate(groups) for rid in group}
    members: dict[int, list[str]] = {}
    for rid, label in zip(ids, labels, strict=True):
        members.setdefault(label, []).append(rid)
    for cluster in members.values():
        if len({work_of.get(rid, rid) for rid in cluster}) > 1:
            print(f"  FP cluster {';'.join(cluster)}")
            for rid in cluster:
                show(rid)


def labelled_sets_through_store() -> None:
    """The same sets saved record by record into a real store (the incremental path): the works it
    forms should score as the batch clusters do."""
    from osteodigest.crawler.dedup.bibio import read_records
    from osteodigest.crawler.store import Store

    print("Labelled sets through store.works.save (one record at a time, incremental decisions)")
    for name in SETS[:-1]:
        folder = FIXTURES / "dedup" / name
        if not folder.is_dir():
            continue
        items = list(read_records(folder / "records_pre_merged.csv"))
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "store.sqlite3") as store:
            start = time.perf_counter()
            store.works.save(record for _, record in items)
            elapsed = time.perf_counter() - start
            work_of = dict(store.conn.execute("SELECT source_id, work_id FROM records").fetchall())
        ids = [rid for rid, _ in items]
        groups = read_groups(str(folder / "merged_record_ids.csv"))
        m = removal_metrics(ids, [work_of[rid] for rid in ids], groups)
        print(
            f"{name:20} TP {m.tp:4d} FP {m.fp} FN {m.fn:3d} recall {m.recall:.4f} "
            f"precision {m.precision:.4f} {len(ids) / elapsed:7.0f} rec/s"
        )


# ------------------------------------------------------------------------------------ synthetic suite
def _pubmed(name: str) -> list[Record]:
    from osteodigest.crawler.sources.medline import parse_medline

    path = FIXTURES / "pubmed" / name
    return list(parse_medline(path.read_bytes())) if path.is_file() else []


def _rxiv_author(name: str) -> str:
    parts = name.strip().split()
    if len(parts) < 2:
        return name.strip()
    return f"{parts[-1]} {''.join(p[0] for p in parts[:-1]).upper()}"


def _abbreviate_pages(pages: str | None) -> str | None:
    if not pages or "-" not in pages:
        return pages
    first, last = pages.split("-", 1)
    if first.isdigit() and last.isdigit() and len(first) == len(last):
        common = 0
        while common < len(first) - 1 and first[common] == last[common]:
            common += 1
        return f"{first}-{last[common:]}"
    return pages


def synthetic_suite() -> tuple[list[Record], list[set[int]], list[tuple[int, int]]]:
    """Records, true same-work groups (index sets) and (notice, article) pairs."""
    rng = random.Random(4)
    records: list[Record] = []
    groups: list[set[int]] = []
    notices: list[tuple[int, int]] = []

    def add(record: Record) -> int:
        records.append(record)
        return len(records) - 1

    base = [r for r in _pubmed("bone_topic_subset.xml") if r.title and r.authors and r.kind == "article"]
    # Distractors: every real record once.
    index_of = {id(r): add(r) for r in base}

    # Preprint ↔ published: declared links (half) and undeclared ones (fuzzy fallback).
    for path in sorted((FIXTURES / "biorxiv").glob("*.json")):
        for n, item in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            published = item.get("published")
            if not published or published == "NA":
                continue
            authors = tuple(_rxiv_author(a) for a in item["authors"].split(";") if a.strip())
            declared = n % 2 == 0
            pre = add(
                Record(
                    source="biorxiv",
                    source_id=item["doi"],
                    title=item["title"],
                    kind="preprint",
                    doi=item["doi"],
                    authors=authors,
                    published=item["date"],
                    relations=(Relation("preprint_of", "doi", published),) if declared else (),
                )
            )
            year = int(item["date"][:4]) + 1
            pub = add(
                Record(
                    source="crossref",
                    source_id=published,
                    title=item["title"].rstrip(".") + ".",
                    doi=published,
                    authors=authors,
                    published=f"{year}-03-01",
                    journal="Some Journal",
                )
            )
            groups.append({pre, pub})

    sample = rng.sample(base, min(60, len(base)))
    for k, article in enumerate(sample):
        a = index_of[id(article)]
        # An erratum (declared, PubMed style) or a retraction notice (title only, Crossref style).
        if k % 3 == 0:
            notice = add(
                Record(
                    source="pubmed",
                    source_id=f"n{k}",
                    title=f"Erratum: {article.title}",
                    kind="erratum",
                    pmid=f"9{k:07d}",
                    authors=article.authors,
                    journal=article.journal,
                    issn=article.issn,
                    volume=article.volume,
                    published=article.published,
                    publication_types=("Published Erratum",),
                    relations=(Relation("corrects", "pmid", article.pmid or ""),),
                )
            )
        else:
            notice = add(
                Record(
                    source="crossref",
                    source_id=f"n{k}",
                    title=f"Retraction notice to \u201c{article.title}\u201d",
                    authors=article.authors,
                    journal=article.journal,
                    volume=article.volume,
                    published=article.published,
                    pages=article.pages,
                )
            )
        notices.append((notice, a))
        # A second copy of the article: truncated title, abbreviated pages, no identifiers, author
        # names as a reference manager writes them.
        words = article.title.split()
        truncated = " ".join(words[: max(6, int(len(words) * 0.7))]) if len(words) > 8 else article.title
        copy = add(
            Record(
                source="csv",
                source_id=f"c{k}",
                title=truncated,
                authors=tuple(
                    a.split(" ")[0] + ", " + ". ".join(a.split(" ")[-1]) + "." for a in article.authors
                ),
                journal=article.journal_abbrev or article.journal,
                volume=article.volume,
                issue=article.issue,
                pages=_abbreviate_pages(article.pages),
                published=(article.published or "")[:4],
            )
        )
        groups.append({a, copy})
    # Translated titles: foreign-language PubMed records cited with a language tag instead of brackets.
    for k, article in enumerate(r for r in base if r.language and r.language != "eng"):
        title = article.title.strip().strip(".").strip("[]") + f" [{article.language.title()}]"
        copy = add(
            Record(
                source="csv",
                source_id=f"t{k}",
                title=title,
                authors=article.authors,
                journal=article.journal,
                volume=article.volume,
                pages=article.pages,
                published=article.published,
            )
        )
        groups.append({index_of[id(article)], copy})
    return records, groups, notices


def synthetic() -> None:
    records, groups, notices = synthetic_suite()
    if not records:
        print("synthetic suite: fixtures missing")
        return
    result = cluster_records(records)
    ids = [str(i) for i in range(len(records))]
    merged = [sorted(str(i) for i in g) for g in groups]
    m = removal_metrics(ids, result.cluster_ids, merged)
    with_notice = sum(1 for n, a in notices if result.cluster_ids[n] == result.cluster_ids[a])
    edges = {(n, a) for n, _t, a in result.edges}
    linked = sum(1 for n, a in notices if (n, a) in edges)
    preprint_pairs = sum(1 for g in groups if any(records[i].kind == "preprint" for i in g))
    pre_ok = sum(
        1
        for g in groups
        if any(records[i].kind == "preprint" for i in g) and len({result.cluster_ids[i] for i in g}) == 1
    )
    print(
        f"\nSynthetic suite from real records: {len(records)} records, {len(groups)} true pairs, "
        f"{len(notices)} notices\n  recall {m.recall:.4f}  precision {m.precision:.4f} "
        f"(TP {m.tp}, FP {m.fp}, FN {m.fn}); preprint↔published joined {pre_ok}/{preprint_pairs}; "
        f"notices clustered with their article: {with_notice} (must be 0); "
        f"notice links found {linked}/{len(notices)}"
    )
    store_preprint_links(records, groups)


def store_preprint_links(records: list[Record], groups: list[set[int]]) -> None:
    """The same suite saved one record at a time into a real store, which keeps a preprint and its
    journal article as two works linked ``published_as`` (so the article is news to every reader),
    where the batch clustering above, for a bibliography, counts them as one paper."""
    from osteodigest.crawler.store import PUBLISHED_AS, Store

    pairs = [sorted(g, key=lambda i: records[i].kind != "preprint") for g in groups]
    pairs = [(pre, pub) for pre, pub in pairs if records[pre].kind == "preprint"]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "store.sqlite3") as store:
        store.works.save(records)
        work_of = {
            (source, source_id): work_id
            for source, source_id, work_id in store.conn.execute(
                "SELECT source, source_id, work_id FROM records"
            )
        }
        linked = {
            (row[0], row[1])
            for row in store.conn.execute(
                "SELECT from_work, to_work FROM work_links WHERE type = ?", (PUBLISHED_AS,)
            )
        }

        def work(i: int) -> int:
            return work_of[(records[i].source, records[i].source_id)]

        two_linked = sum(
            1 for pre, pub in pairs if work(pre) != work(pub) and (work(pre), work(pub)) in linked
        )
        joined = sum(1 for pre, pub in pairs if work(pre) == work(pub))
    print(
        f"  through the store (one record at a time): preprint↔published as two works linked "
        f"{PUBLISHED_AS} {two_linked}/{len(pairs)}, joined into one work {joined} (must be 0), "
        f"{len(linked)} {PUBLISHED_AS} links in all"
    )


# ----------------------------------------------------------------------------------------- throughput
def _bulk_records() -> list[Record]:
    from osteodigest.crawler.sources.medline import parse_medline

    path = FIXTURES / "pubmed" / "bulk" / "pubmed21n1298.xml.gz"
    return list(parse_medline(gzip.decompress(path.read_bytes()))) if path.is_file() else []


_COLUMNS = ("ID", "title", "year", "author", "pages", "volume", "number", "journal", "doi")


def _csv_rows(records: list[Record], total: int) -> list[dict[str, str]]:
    """``total`` CSV rows: every row of the labelled sets (their real duplicates), then ``records``."""
    rows: list[dict[str, str]] = []
    for name in SETS:
        path = FIXTURES / "dedup" / name / "records_pre_merged.csv"
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    rows.append({c: row.get(c, "") or "" for c in _COLUMNS} | {"ID": f"{name}:{row['ID']}"})
    for record in records:
        if len(rows) >= total:
            break
        rows.append(
            {
                "ID": f"pmid:{record.pmid}",
                "title": record.title,
                "year": (record.published or "")[:4],
                "author": " and ".join(record.authors),
                "pages": record.pages or "",
                "volume": record.volume or "",
                "number": record.issue or "",
                "journal": record.journal or "",
                "doi": record.doi or "",
            }
        )
    return rows[:total]


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def throughput(bulk: list[Record]) -> None:
    """20,000 records through ``osteodigest dedup``: the labelled sets plus real PubMed records."""
    rows = _csv_rows(bulk, 20_000)
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        _write_csv(src, rows)
        start = time.perf_counter()
        run_dedup_command([src], out, False, out=io.StringIO())
        elapsed = time.perf_counter() - start
        print(
            f"\nThroughput: {len(rows)} records (CSV in, CSV out) in {elapsed:.2f} s = "
            f"{len(rows) / elapsed:,.0f} records/s"
        )
        bulk_path = FIXTURES / "pubmed" / "bulk" / "pubmed21n1298.xml.gz"
        if bulk_path.is_file():
            start = time.perf_counter()
            run_dedup_command([bulk_path], out, False, out=io.StringIO())
            elapsed = time.perf_counter() - start
            n = len(bulk)
            print(
                f"Throughput: {n} PubMed XML records (.xml.gz in, CSV out) in {elapsed:.2f} s = "
                f"{n / elapsed:,.0f} records/s"
            )


def stripped_bulk(bulk: list[Record]) -> None:
    """Real PubMed records with every identifier removed: merges here must be real duplicates (the
    bulk file holds Spanish journals' English editions and re-indexed versions); print them to check."""
    from dataclasses import replace

    if not bulk:
        return
    stripped = [replace(r, pmid=None, doi=None, pmcid=None, pii=None) for r in bulk]
    result = cluster_records(stripped, explain=True)
    sizes: dict[int, int] = {}
    for label in result.cluster_ids:
        sizes[label] = sizes.get(label, 0) + 1
    merged = sum(1 for v in sizes.values() if v > 1)
    same_pmid = sum(1 for i, j, _ in result.merges if bulk[i].pmid == bulk[j].pmid)
    print(
        f"PubMed bulk without identifiers: {len(bulk)} records, {merged} clusters of 2+ "
        f"({same_pmid} of {len(result.merges)} merges re-join one PMID's versions; the rest, inspected, "
        "are one article indexed twice)"
    )


def _store_works(bulk: list[Record], target: int = 100_080) -> list[Record]:
    """About ``target`` distinct works: the real bulk records, then other papers made from them (a
    title with words around it, another record's authors, a third's journal and volume with the pages
    moved on, the year moved back by 3 per copy, another PMID, no DOI), so key blocks have the sizes a
    store of real literature has: a handful of works per title key, real surname + year blocks."""
    from dataclasses import replace

    heads = ("Revisiting", "Assessing", "Beyond", "Rethinking", "Measuring", "Explaining")
    tails = ("in older adults", "a cohort study", "across regions", "over ten years", "in practice", "again")
    works: list[Record] = []
    n = len(bulk)
    for copy in range(target // max(1, n) + 2):
        for i, r in enumerate(bulk):
            if len(works) >= target:
                return works
            if copy == 0:
                works.append(r)
                continue
            people, venue = bulk[(i + 7919 * copy) % n], bulk[(i + 15_881 * copy) % n]
            works.append(
                replace(
                    r,
                    source_id=f"v{copy}-{r.source_id}",
                    pmid=f"9{copy}{r.pmid}",
                    doi=None,
                    pmcid=None,
                    title=f"{heads[copy % len(heads)]} {r.title.rstrip('.')} {tails[copy % len(tails)]}",
                    authors=people.authors,
                    journal=venue.journal,
                    journal_abbrev=venue.journal_abbrev,
                    issn=venue.issn,
                    volume=venue.volume,
                    issue=venue.issue,
                    pages=_shift_pages(venue.pages, 1000 * copy),
                    published=str(int((r.published or "2000")[:4]) - 3 * copy),
                )
            )
    return works


def _shift_pages(pages: str | None, by: int) -> str | None:
    """Another paper's pages in the same volume: the range moved by ``by`` pages."""
    if not pages:
        return pages
    first, _, last = pages.partition("-")
    if not first.isdigit():
        return pages
    return f"{int(first) + by}-{int(last) + by}" if last.isdigit() else str(int(first) + by)


def incremental(bulk: list[Record], rebuild: bool = False) -> None:
    """1,000 new records saved into a real SQLite store of 100,000 works (``store.works.save``).

    The store is built once through ``store.works.save`` (the same dedup path) and kept in the
    temporary directory between runs (``--rebuild-store`` rebuilds it); each run saves the batch into a
    fresh copy. The batch is 800 other-source copies of stored articles (no PMID, title upper-cased:
    they must join their works) and 200 articles the store has not seen (new works).
    """
    if not bulk:
        return
    import hashlib
    import shutil
    from dataclasses import replace

    from osteodigest.crawler.store import Store

    rng = random.Random(7)
    unseen = set(rng.sample(range(len(bulk)), 200))
    stored_bulk = [r for i, r in enumerate(bulk) if i not in unseen]
    # Keyed on the code that decides what the store holds, so a changed rule or key rebuilds it.

    code = [
        *sorted((ROOT / "crawler" / "dedup").glob("*.py")),
        *sorted((ROOT / "crawler" / "store").glob("*.py")),
    ]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in code)).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / f"osteodigest-bench-store-100k-{digest}.sqlite3"
    if rebuild or not cache.is_file():
        for stale in Path(tempfile.gettempdir()).glob("osteodigest-bench-store-100k*"):
            stale.unlink(missing_ok=True)  # half a gigabyte each: keep only the current one
        works = _store_works(stored_bulk)
        start = time.perf_counter()
        building = cache.with_suffix(".building")
        building.unlink(missing_ok=True)
        with Store(building) as store:
            for at in range(0, len(works), 5_000):
                store.works.save(works[at : at + 5_000])
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            count = store.counts()["works"]
        building.replace(cache)
        built = time.perf_counter() - start
        print(f"Store of {count:,} works built through store.works.save in {built:.0f} s")
    stored = rng.sample(stored_bulk, 800)
    batch = [
        replace(r, source="europepmc", source_id=f"MED/{r.pmid}", pmid=None, title=r.title.upper())
        for r in stored
    ] + [bulk[i] for i in sorted(unseen)]
    rng.shuffle(batch)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store.sqlite3"
        shutil.copyfile(cache, path)
        _FEATURE_CACHE.clear()
        gc.collect()
        with Store(path) as store:
            works_before = store.counts()["works"]
            start = time.perf_counter()
            summary = store.works.save(batch)
            elapsed = time.perf_counter() - start
    joined = summary.new_records - summary.new_works
    print(
        f"Incremental: 1,000 new records saved into a store of {works_before:,} works in {elapsed:.2f} s "
        f"({joined} joined a stored work, {summary.new_works} new works; expected 800 and 200)"
    )


# ----------------------------------------------------------------------------------------------- memory
#: Issue 20's bar for ``osteodigest dedup``: peak resident memory per record at 100,000 records.
MEMORY_BAR_KB = 5.0


@dataclass(frozen=True, slots=True)
class ChildRun:
    """One ``osteodigest`` run in a process of its own."""

    status: int
    wall: float
    cpu: float  # user + system seconds of the child (its rusage)
    peak_mb: float  # the child's own peak at exit (VmHWM)
    summary: str  # the last line it printed (an error's, if any, else stdout's)


#: Runs the ``osteodigest`` entry point and, at exit, prints the process's own peak resident memory
#: (:func:`crawler.assessing.own_peak_mb`, already imported by the CLI). ``ru_maxrss`` would not do: Linux
#: carries the parent's peak over fork and exec, and this script holds hundreds of megabytes of
#: records while it builds the inputs.
_PEAK_WRAPPER = """
import atexit, sys
from osteodigest.crawler.assessing import own_peak_mb
from osteodigest.newsletter.cli import main

atexit.register(lambda: print("peak-mb", own_peak_mb(), file=sys.stderr))
sys.argv[0] = "osteodigest"
sys.exit(main())
"""


def run_child(args: list[str]) -> ChildRun:
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen([sys.executable, "-c", _PEAK_WRAPPER, *args], stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        errors = err.read().splitlines()
        peak = [line.split()[1] for line in errors if line.startswith("peak-mb ")]
        lines = out.read().strip().splitlines() + [line for line in errors if not line.startswith("peak-mb ")]
    return ChildRun(
        os.waitstatus_to_exitcode(status),
        wall,
        usage.ru_utime + usage.ru_stime,
        float(peak[-1]) if peak else float("nan"),
        lines[-1] if lines else "",
    )


def memory(bulk: list[Record], sizes: tuple[int, ...] = (25_000, 50_000, 100_000)) -> None:
    """Peak resident memory of ``osteodigest dedup`` (CSV in, CSV out) against the number of records
    (KB = 1,024 bytes).

    Inputs, each written to a CSV first: (a) the rows of the labelled sets (their real duplicates),
    then the real PubMed records of the bulk file, then other papers made from them (as for the
    incremental store: :func:`_store_works`), up to each size; (b) ``benchmarks/input_memory.py``'s
    input, the four clinical sets' rows repeated with fresh IDs (95% duplicates: the most pairs to
    hold). The reference, measured in the same run, is the floor: the same command on the 13-record
    ``special_cases`` set (interpreter and imports). Nothing here is trained or tuned.
    """
    from input_memory import build_csv  # the same generated input as benchmarks/input_memory.py

    if not bulk:
        print("\nMemory: the PubMed bulk file is missing; skipped")
        return
    print(
        f"\nMemory of `osteodigest dedup` (own process, peak RSS; bar <= {MEMORY_BAR_KB:.0f} KB/record "
        "at 100,000 records, issue 20)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = str(folder / "out.csv")
        floor = run_child(
            ["dedup", str(FIXTURES / "dedup" / "special_cases" / "records_pre_merged.csv"), "-o", out]
        )
        print(f"  reference: floor (13-record set: interpreter + imports) {floor.peak_mb:.0f} MB")
        print(
            f"  {'input':34} {'records':>7} {'CSV MB':>6} {'peak MB':>7} {'KB/rec':>6} {'/ bar':>5} "
            f"{'/ floor':>7} {'marginal KB/rec':>15} {'wall s':>6} {'CPU s':>6}  summary"
        )
        works = _store_works(bulk, max(sizes))
        cases = [("labelled sets + PubMed + variants", size) for size in sizes]
        cases.append(("clinical sets repeated (input_memory)", max(sizes)))
        previous: tuple[int, float] | None = None
        for label, size in cases:
            src = folder / "in.csv"
            if label.startswith("clinical"):
                build_csv(src, size)
                previous = None
            else:
                _write_csv(src, _csv_rows(works, size))
            run = run_child(["dedup", str(src), "-o", out])
            per_record = run.peak_mb * 1024 / size
            marginal = (
                f"{(run.peak_mb - previous[1]) * 1024 / (size - previous[0]):15.2f}"
                if previous
                else f"{(run.peak_mb - floor.peak_mb) * 1024 / size:15.2f}"
            )
            said = run.summary if run.status == 0 else f"exit {run.status}: {run.summary}"
            print(
                f"  {label:34} {size:7,d} {src.stat().st_size / 1e6:6.0f} {run.peak_mb:7.0f} "
                f"{per_record:6.2f} {per_record / MEMORY_BAR_KB:5.2f} {run.peak_mb / floor.peak_mb:7.1f} "
                f"{marginal} {run.wall:6.0f} {run.cpu:6.0f}  {said}",
                flush=True,
            )
            previous = (size, run.peak_mb)
    print(
        "  KB/rec = peak / records; marginal = extra peak per extra record since the row above (the first "
        "row of each input: above the floor)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the throughput and incremental timings")
    parser.add_argument(
        "--show-errors",
        action="store_true",
        help="print every missed duplicate group and every false merge of the labelled sets, with the "
        "pair verdict and the veto that kept them apart",
    )
    parser.add_argument(
        "--memory",
        action="store_true",
        help="after the labelled sets and the synthetic suite, only the memory figures (no throughput, store "
        "or incremental timings)",
    )
    parser.add_argument(
        "--rebuild-store",
        action="store_true",
        help="rebuild the cached 100,000-work store of the incremental timing",
    )
    args = parser.parse_args()
    if not FIXTURES.is_dir():
        sys.exit(f"shared fixtures not found at {FIXTURES} (run with ../shared/fixtures beside the checkout)")
    labelled_sets(show_errors=args.show_errors)
    synthetic()
    if args.memory:
        memory(_bulk_records())
    elif not args.quick:
        labelled_sets_through_store()
        bulk = _bulk_records()
        throughput(bulk)
        stripped_bulk(bulk)
        incremental(bulk, rebuild=args.rebuild_store)
        memory(bulk)


if __name__ == "__main__":
    main()
