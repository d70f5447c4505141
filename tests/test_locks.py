"""Single-instance locks: a second job of the same kind refuses at once, a dead holder frees its lock."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from osteodigest.crawler.errors import LockedError
from osteodigest.crawler.locks import command_lock, job_lock, lock_path
from osteodigest.newsletter.cli import main

from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator
from tests.ops_helpers import HoldPoint, cli_env, spawn, stored_pmids, write_config


def test_second_holder_is_refused_with_the_holder_named(tmp_path):
    db = tmp_path / "s.sqlite3"
    with job_lock(db, "fetch", "run"):
        with pytest.raises(LockedError) as refused, job_lock(db, "fetch", "fetch"):
            pass
        message = str(refused.value)
        assert "\n" not in message
        assert message.startswith("fetch not started: the fetch lock is held")
        assert "osteodigest run" in message and "pid " in message
    with job_lock(db, "fetch", "fetch") as path:  # released on leaving the block
        assert path == lock_path(db, "fetch") == tmp_path / "s.sqlite3.fetch.lock"


def test_run_excludes_fetch_and_digest_but_not_backfill(tmp_path):
    db = tmp_path / "s.sqlite3"
    with command_lock(db, "run"):
        for other in ("fetch", "digest", "run"):
            with pytest.raises(LockedError), command_lock(db, other):
                pass
        with command_lock(db, "backfill"), command_lock(db, "status"):
            pass


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    db = tmp_path / "s.sqlite3"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from osteodigest.crawler.locks import job_lock\n"
            "with job_lock(Path(sys.argv[1]), 'fetch', 'fetch'):\n"
            "    print('held', flush=True); time.sleep(600)\n",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockedError, match=f"pid {holder.pid}"), job_lock(db, "fetch"):
            pass
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        with job_lock(db, "fetch"):  # the kernel released it with the process
            pass
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        holder.stdout.close()


def test_locked_command_exits_75_with_one_line(tmp_path, capsys):
    config = write_config(tmp_path, "http://127.0.0.1:9/unused/")
    with job_lock(tmp_path / "osteodigest.sqlite3", "fetch", "run"):
        assert main(["--config", str(config), "fetch"]) == 75
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("osteodigest: fetch not started: the fetch lock is held")


def test_two_runs_started_together_one_works_the_other_exits_75_at_once(httpserver, tmp_path):
    """The winner is held inside its first request until the loser has exited: the loser did not wait."""
    emulator = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    hold = HoldPoint()
    emulator.hooks["esearch"] = hold
    config = write_config(tmp_path, emulator.install(httpserver))
    started = time.monotonic()
    runs = [spawn(config, "run"), spawn(config, "run")]
    try:
        loser = None
        deadline = time.monotonic() + 60  # a hang guard, not a timing assertion
        while loser is None and time.monotonic() < deadline:
            loser = next((p for p in runs if p.poll() is not None), None)
            time.sleep(0.02)
        assert loser is not None, "neither run exited"
        elapsed = time.monotonic() - started
        winner = runs[1 - runs.index(loser)]
        out, err = loser.communicate()
        assert loser.returncode == 75, err
        assert winner.poll() is None, "the other run is still at work (held by the server)"
        assert err.count("\n") == 1 and "lock is held" in err and f"pid {winner.pid}" in err
        assert out == ""
        print(f"second run exited 75 after {elapsed:.2f}s (including interpreter start-up)")
        assert hold.arrived.wait(timeout=60)
        hold.release.set()
        out, err = winner.communicate(timeout=120)
        assert winner.returncode == 0, err
    finally:
        hold.release.set()
        for p in runs:
            if p.poll() is None:
                p.kill()
                p.communicate()
    pmids = stored_pmids(tmp_path / "osteodigest.sqlite3")
    assert len(pmids) == len(set(pmids)) == len(emulator.articles)
