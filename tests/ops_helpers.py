"""Helpers shared by the operations tests (locks, scheduler, status, backfill, faults).

They run the real ``osteodigest`` command — in process through :func:`newsletter.cli.main`, or as a
``python -m osteodigest.newsletter.cli`` subprocess where a test must kill it or run two at once — against the
E-utilities emulator, with a config file in the test's temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: Fast retries so fault tests do not sleep through real back-off schedules.
FAST_HTTP = "[http]\nbackoff_factor = 0.05\ntimeout = 5.0\n"


#: PubMed's rate limit for these tests: a subprocess cannot be handed a fake clock (see tests/clocks.py), and
#: the spacing is not what they test (the source and http tests assert it on a fake clock).
FAST_PUBMED = "rate_limit = 1000.0\nrate_limit_with_key = 1000.0\n"


def write_config(folder: Path, base_url: str, extra: str = "", http: str = FAST_HTTP) -> Path:
    """A config whose store, outbox and data folder live in ``folder`` and whose PubMed is the emulator."""
    config = folder / "osteodigest.toml"
    config.write_text(
        f'[general]\ndatabase = "osteodigest.sqlite3"\n\n[sources.pubmed]\nbase_url = "{base_url}"\n'
        f"{FAST_PUBMED}\n{http}\n{extra}",
        encoding="utf-8",
    )
    return config


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OSTEODIGEST_CONFIG", "NCBI_API_KEY")}
    env["PYTHONPATH"] = str(REPO)
    # A command that hangs can be made to print every thread's stack (SIGABRT): see finish_or_dump.
    env["PYTHONFAULTHANDLER"] = "1"
    return env


def finish_or_dump(proc: subprocess.Popen[str], timeout: float, what: str) -> tuple[str, str]:
    """``proc.communicate(timeout)``; a command still running then is aborted with its threads' stacks
    (Python's fault handler prints them on SIGABRT) in the failure message, so a hang says where."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
        _, err = proc.communicate(timeout=60)
        raise AssertionError(f"{what}: still running after {timeout:.0f} s; its threads:\n{err}") from None


def spawn(config: Path, *args: str, tmpdir: Path | None = None) -> subprocess.Popen[str]:
    """Start ``osteodigest --config CONFIG ARGS`` (this checkout's code) without waiting for it; its
    temporary files in ``tmpdir`` when given."""
    env = cli_env()
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    return subprocess.Popen(
        [sys.executable, "-m", "osteodigest.newsletter.cli", "--config", str(config), *args],
        cwd=config.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_cli(config: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "osteodigest.newsletter.cli", "--config", str(config), *args],
        cwd=config.parent,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def stored_pmids(database: Path) -> list[str]:
    """Every PMID stored, one entry per record row (so duplicates would show)."""
    if not database.exists():
        return []
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return [r[0] for r in conn.execute("SELECT pmid FROM records WHERE source = 'pubmed' ORDER BY pmid")]


def watermarks(database: Path) -> dict[str, str]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        rows = conn.execute("SELECT key, state FROM source_state WHERE source = 'pubmed'")
        return {r[0]: r[1] for r in rows}


class HoldPoint:
    """An emulator hook that holds the first request ``when`` accepts until :attr:`release` is set.

    While a command is held mid-request a test can kill it, signal it or start a second one, knowing
    exactly where the command stands; :attr:`arrived` says the held request came in.
    """

    def __init__(self, when: Callable[[dict[str, str]], bool] = lambda params: True) -> None:
        self.when = when
        self.arrived = threading.Event()
        self.release = threading.Event()

    def __call__(self, params: dict[str, str]) -> None:
        if self.when(params) and not self.arrived.is_set():
            self.arrived.set()
            self.release.wait(timeout=120)


def kill_while_held(proc: subprocess.Popen[str], hold: HoldPoint, wait: float = 60, what: str = "") -> None:
    """SIGKILL ``proc`` once it is held at ``hold`` (failing if it never gets there within ``wait`` s).

    The hold is released afterwards whatever happened, and a process still alive is killed, so no
    test leaves a command or a server thread behind.
    """
    try:
        assert hold.arrived.wait(timeout=wait), what or "the command never reached the held request"
        proc.kill()
        proc.communicate(timeout=60)
    finally:
        hold.release.set()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def sleep_then_echo(data: bytes, stage: object) -> bytes:
    """A worker task (``AssessWorker.submit_bytes``) that takes ``data`` seconds: a piece of work in hand."""
    time.sleep(float(data))
    return data
