"""``osteodigest dedup INPUT… -o OUT.csv [--explain]``: deduplicate a bibliography file.

Kept apart from ``newsletter/cli.py`` so the command works without a config or a store: it reads
CSV, RIS or PubMed XML, clusters the records with the same engine the store uses, and writes one
``id,cluster_id`` row per input record.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any, TextIO

from osteodigest.crawler.dedup.bibio import read_records
from osteodigest.crawler.dedup.engine import DedupResult, cluster_features
from osteodigest.crawler.dedup.features import prepare
from osteodigest.crawler.errors import OsteoDigestError
from osteodigest.crawler.exits import EXIT_OK, EXIT_USAGE
from osteodigest.crawler.files import cause, replacing
from osteodigest.crawler.inputs import DEFAULT_MAX_INPUT_BYTES


def run_dedup_command(
    inputs: list[Path],
    output: Path,
    explain: bool,
    out: TextIO | None = None,
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
) -> int:
    """Read every input, cluster, write ``output``; with ``explain`` print why each merge happened.

    Inputs are streamed: what is held is each record's comparison features, never the files' bytes.
    Returns the exit code: 0 on success, 2 when an input is missing, cannot be read, or is larger than
    ``max_input_bytes`` once decompressed, or the output cannot be written.
    """
    out = out or sys.stdout  # looked up at call time, so a redirected stdout (tests, wrappers) gets it
    ids: list[str] = []
    features = []
    shared: dict[Any, Any] = {}  # the batch's repeated values, held once (see prepare)
    try:
        for path in inputs:
            if str(path) != "-" and not path.is_file():
                print(f"osteodigest dedup: no such file: {path}", file=sys.stderr)
                return EXIT_USAGE
            for rid, record in read_records(path, max_input_bytes):
                ids.append(rid)
                features.append(prepare(record, cached=False, shared=shared))
    except (OsteoDigestError, UnicodeError, csv.Error, OSError) as exc:
        print(f"osteodigest dedup: cannot read {path}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    del shared
    result = cluster_features(features, explain=explain)
    try:
        write_clusters(output, ids, result)
    except OSError as exc:
        print(f"osteodigest dedup: cannot write {output}: {cause(exc)}", file=sys.stderr)
        return EXIT_USAGE
    if explain:
        print_explanation(ids, result, out)
    clusters = len(set(result.cluster_ids))
    print(
        f"{len(ids)} records, {clusters} works, {len(ids) - clusters} duplicates removed, "
        f"{len(result.edges)} notice links",
        file=out,
    )
    return EXIT_OK


def write_clusters(output: Path, ids: list[str], result: DedupResult) -> None:
    """``id,cluster_id`` rows in input order; cluster ids are numbered by first appearance. The file
    appears whole or not at all (a full disk leaves no truncated CSV behind)."""
    numbers: dict[int, int] = {}
    output.parent.mkdir(parents=True, exist_ok=True)
    with replacing(output) as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "cluster_id"])
        for rid, label in zip(ids, result.cluster_ids, strict=True):
            number = numbers.setdefault(label, len(numbers) + 1)
            writer.writerow([rid, number])


def print_explanation(ids: list[str], result: DedupResult, out: TextIO) -> None:
    """One line per merge and per notice link, naming records by their input ids."""
    for i, j, reason in result.merges:
        print(f"merged {ids[i]} + {ids[j]}: {reason}", file=out)
    for notice, edge, article in result.edges:
        print(f"linked {ids[notice]} {edge} {ids[article]} (kept apart: {result.kinds[notice]})", file=out)
