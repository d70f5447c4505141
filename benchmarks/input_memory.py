"""Peak memory and time of ``osteodigest tag`` and ``dedup`` on large inputs, and on a gzip bomb.

Run from the repository root: ``python benchmarks/input_memory.py [--rows N]``. Each command runs in its
own process (the installed ``osteodigest``), so its peak resident memory (``ru_maxrss`` of the child) is
its own. Inputs:

* the NLM update file ``../shared/fixtures/pubmed/bulk/pubmed21n1298.xml.gz`` (40 MB, 20,788 records);
* a CSV of ``--rows`` rows (default 100,000) built in a temporary folder from the four clinical dedup
  sets in ``../shared/fixtures/dedup`` (their rows repeated, each with a fresh ``ID``);
* a 1 MB-class ``.gz`` of zeros that inflates to 1 GiB, given with ``--max-input-size 256M``: the
  command must stop in one line (exit 2) having read only up to the cap.

Nothing here is tuned or trained; the figures say what streaming the inputs costs. ``tag`` holds one
record at a time; ``dedup`` holds every record's comparison features, which it needs to cluster them.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from osteodigest.crawler.exits import EXIT_USAGE

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures"
BULK = FIXTURES / "pubmed" / "bulk" / "pubmed21n1298.xml.gz"
SETS = ("respiratory", "cytology_screening", "haematology", "stroke")


def measure(args: list[str], errors: Path) -> tuple[int, float, float, str]:
    """Exit status, wall seconds, peak RSS in MB of one ``osteodigest`` run, and its last stderr line."""
    command = shutil.which("osteodigest") or "osteodigest"
    start = time.perf_counter()
    with open(errors, "w+", encoding="utf-8") as err:
        child = subprocess.Popen([command, *args], stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not every child's maximum
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        err.seek(0)
        lines = err.read().strip().splitlines()
    return child.returncode, wall, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def build_csv(path: Path, rows: int) -> None:
    found: list[dict[str, str]] = []
    header: list[str] = []
    for name in SETS:
        with open(FIXTURES / "dedup" / name / "records_pre_merged.csv", newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            header = list(reader.fieldnames or [])
            found.extend(reader)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        for number in range(rows):
            writer.writerow({**found[number % len(found)], "ID": f"id_{number:07d}"})


def build_bomb(path: Path, mebibytes: int) -> None:
    block = b"0" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(b"ID,title\n1,")
        for _ in range(mebibytes):
            fh.write(block)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the generated CSV")
    args = parser.parse_args()
    if not BULK.exists():
        print(f"shared fixtures not found beside the checkout: {BULK}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        table, bomb = work / "records.csv", work / "bomb.csv.gz"
        build_csv(table, args.rows)
        build_bomb(bomb, 1024)
        print(
            f"inputs: {BULK.name} ({BULK.stat().st_size / 1e6:.0f} MB), {args.rows:,}-row CSV "
            f"({table.stat().st_size / 1e6:.0f} MB), bomb {bomb.stat().st_size / 1e6:.1f} MB -> 1 GiB"
        )
        runs = [
            ("tag, gzip bomb (--max-input-size 256M)", ["tag", "--max-input-size", "256M", str(bomb)]),
            (
                "dedup, gzip bomb (--max-input-size 256M)",
                ["dedup", "--max-input-size", "256M", str(bomb), "-o", str(work / "o.csv")],
            ),
            ("tag, NLM .xml.gz", ["tag", str(BULK)]),
            (f"tag, {args.rows:,}-row CSV", ["tag", str(table)]),
            ("dedup, NLM .xml.gz", ["dedup", str(BULK), "-o", str(work / "o.csv")]),
            (f"dedup, {args.rows:,}-row CSV", ["dedup", str(table), "-o", str(work / "o.csv")]),
        ]
        for label, command in runs:
            status, wall, peak, last = measure(command, work / "stderr.txt")
            print(f"  {label:42s} exit {status}  {wall:7.1f} s  peak RSS {peak:7.0f} MB", flush=True)
            if status == EXIT_USAGE:
                print(f"    {last}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
