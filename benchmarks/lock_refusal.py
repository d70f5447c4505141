"""How long a second `osteodigest run` takes to give up while another holds the lock (exit 75).

The issue asks for "within a second". This prints wall-clock times of the whole process (interpreter
start-up and imports included) next to `osteodigest --version` (start-up and imports, no lock) and a
bare `python -c pass`, so the lock's own share is visible. Nothing is fetched: the lock is held by this
script, as a running `run` would hold it.

    python benchmarks/lock_refusal.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from osteodigest.crawler.locks import command_lock

REPO = Path(__file__).resolve().parents[1]


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("OSTEODIGEST_CONFIG", None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = folder / "c.toml"
        config.write_text('[general]\ndatabase = "o.sqlite3"\n', encoding="utf-8")
        cli = [sys.executable, "-m", "osteodigest.newsletter.cli", "--config", str(config)]
        rows = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "osteodigest --version": [*cli[:3], "--version"],
            "osteodigest run (locked)": [*cli, "run"],
        }
        with command_lock(folder / "o.sqlite3", "run"):
            print(f"{'command':<28} {'min':>7} {'median':>7} {'max':>7}  exit")
            for name, command in rows.items():
                results = [timed(command, folder, env) for _ in range(args.repeat)]
                times = [t for t, _ in results]
                codes = sorted({c for _, c in results})
                print(
                    f"{name:<28} {min(times):7.3f} {statistics.median(times):7.3f} {max(times):7.3f}"
                    f"  {','.join(map(str, codes))}"
                )
    print(f"seconds over {args.repeat} runs each; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
