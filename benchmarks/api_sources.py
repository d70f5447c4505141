"""Parser throughput of the JSON API sources (Europe PMC, Crossref, bioRxiv, ClinicalTrials.gov).

Run from the repository root: ``python benchmarks/api_sources.py``. Each parser is fed the real
recorded replies in ``../shared/fixtures`` (bioRxiv records wrapped in the API's envelope), repeated
until about a second has passed, and the figure printed is records parsed per second — the cost of
parsing relative to the network, where a 1,000-record page takes seconds to arrive.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from osteodigest.crawler.sources import biorxiv, clinicaltrials, crossref, europepmc

ROOT = Path(__file__).resolve().parents[1]

FIXTURES = ROOT.parent / "shared" / "fixtures"


def rate(parse: Callable[[bytes], int], bodies: list[bytes]) -> tuple[float, int]:
    """(records per second, records per pass) over ``bodies``, repeated for about a second."""
    count, passes, started = 0, 0, time.perf_counter()
    while time.perf_counter() - started < 1.0:
        count = sum(parse(body) for body in bodies)
        passes += 1
    elapsed = time.perf_counter() - started
    return passes * count / elapsed, count


def main() -> None:
    if not FIXTURES.exists():
        sys.exit(f"fixtures not found at {FIXTURES}")
    bodies = {
        "europepmc (core JSON)": [
            (FIXTURES / "europepmc" / "pyeuropepmc_search_cancer_core.json").read_bytes()
        ],
        "crossref (work lists, JATS abstracts)": [
            p.read_bytes()
            for p in sorted((FIXTURES / "crossref").glob("habanero_work*_*.json"))
            if not p.name.endswith(".meta.json") and "error" not in p.name
        ],
        "biorxiv (details, enveloped)": [
            json.dumps({"messages": [{"status": "ok"}], "collection": json.loads(p.read_bytes())}).encode()
            for p in sorted((FIXTURES / "biorxiv").glob("*.records.json"))
        ],
        "clinicaltrials (study documents + lists)": [
            p.read_bytes()
            for p in sorted((FIXTURES / "clinicaltrials").rglob("*.json"))
            if "receipt" not in p.name
        ],
    }
    parsers: dict[str, Callable[[bytes], int]] = {
        "europepmc (core JSON)": lambda b: len(europepmc.parse_search(b).records),
        "crossref (work lists, JATS abstracts)": lambda b: len(crossref.parse_works(b).records),
        "biorxiv (details, enveloped)": lambda b: sum(
            biorxiv.parse_preprint(item, "medrxiv") is not None
            for item in biorxiv.parse_details(b).collection
        ),
        "clinicaltrials (study documents + lists)": lambda b: len(clinicaltrials.parse_studies(b).records),
    }
    for name, parse in parsers.items():
        per_second, per_pass = rate(parse, bodies[name])
        size = sum(len(b) for b in bodies[name]) / 1024
        print(f"{name:42s} {per_pass:4d} records/pass ({size:7.1f} KiB)  {per_second:10,.0f} records/s")


if __name__ == "__main__":
    main()
