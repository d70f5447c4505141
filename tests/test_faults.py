"""Fault injection over a local E-utilities emulator: whatever breaks, nothing is lost or duplicated.

Each scenario ends the same way: once the server is healthy again, every record it served is stored
exactly once, and the failed run said clearly what went wrong and where.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import sqlite3
import threading
import time

import pytest
from osteodigest.crawler.run import run_fetch
from osteodigest.crawler.settings import load_settings
from osteodigest.crawler.store import Store

from tests.clocks import FakeClock, main
from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator, Fault
from tests.ops_helpers import HoldPoint, kill_while_held, spawn, stored_pmids, watermarks, write_config


@pytest.fixture
def emulator(httpserver):
    emu = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    emu.base_url = emu.install(httpserver)
    return emu


def assert_everything_stored_once(emulator: EUtilsEmulator, db) -> None:
    pmids = stored_pmids(db)
    assert len(pmids) == len(set(pmids)), "nothing duplicated"
    assert sorted(pmids) == sorted(emulator.articles), "nothing lost"


def fetch_log_rows(db) -> int:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT COUNT(*) FROM fetch_log").fetchone()[0]


# --------------------------------------------------------------------------------------------- transient
def test_503_and_429_first_then_every_served_record_is_stored(emulator, tmp_path, capsys):
    """Done-when: a server failing its first attempts with 503 and 429 costs nothing."""
    emulator.faults["esearch"].extend(
        [Fault(503, {}, b"<html>Service Unavailable</html>"), Fault(429, {"Retry-After": "1"}, b"slow down")]
    )
    emulator.faults["efetch"].extend([Fault(429, {"Retry-After": "1"}, b""), Fault(503, {}, b"")])
    config = write_config(tmp_path, emulator.base_url)
    clock = FakeClock()
    assert main(["--config", str(config), "run"], clock=clock) == 0
    assert capsys.readouterr().err == "", "retried quietly"
    # esearch: 503 (retried at once), 429 (after its Retry-After); efetch: 429 (likewise), then 503 after
    # the back-off of a second error in a row (0.05 s doubled). The rate limit is 1000/s.
    assert [s for s in clock.sleeps if s > 0.01] == [1.0, 1.0, 0.1]
    assert len(emulator.calls("esearch")) == 2 + 2 and len(emulator.calls("efetch")) == 2 + 2
    assert_everything_stored_once(emulator, tmp_path / "osteodigest.sqlite3")


def test_500_502_a_reset_and_a_slow_reply_are_retried_within_the_run(emulator, tmp_path, capsys):
    emulator.faults["esearch"].extend(
        [Fault(500, {}, b"Internal Server Error"), Fault(action="reset"), Fault(502, {}, b"Bad Gateway")]
    )
    emulator.faults["efetch"].append(Fault(delay=2.0))  # longer than the 1 s time-out: a read time-out
    config = write_config(tmp_path, emulator.base_url, http="[http]\nbackoff_factor = 0.05\ntimeout = 1.0\n")
    assert main(["--config", str(config), "fetch"]) == 0, capsys.readouterr().err
    assert_everything_stored_once(emulator, tmp_path / "osteodigest.sqlite3")


# --------------------------------------------------------------------------------------------- persistent
#: A reply efetch cannot parse: the message must name efetch and say what was wrong with the XML.
NOT_MEDLINE = r"efetch: .*(XML|PubMed reply)"

#: case -> (endpoint, fault, how many in a row, regular expression the `pubmed: …` line must match)
PERSISTENT = {
    "503": ("esearch", lambda: Fault(503, {}, b"<html>Service Unavailable</html>"), 2, "HTTP 503"),
    "429-too-long": ("esearch", lambda: Fault(429, {"Retry-After": "7200"}, b""), 1, "Retry-After: 7200"),
    "reset": ("esearch", lambda: Fault(action="reset"), 2, "was reset or closed before a full reply"),
    "read-timeout": ("esearch", lambda: Fault(delay=1.5), 2, "read timed out waiting for"),
    "redirect-loop": ("esearch", lambda: Fault(action="redirect"), 12, "too many redirects"),
    "html-instead-of-xml": (
        "esearch",
        lambda: Fault(200, {}, b"<html><body>Bad Gateway"),
        1,
        "not valid XML",
    ),
    "json-instead-of-xml": (
        "efetch",
        lambda: Fault(200, {}, b'{"error":"API rate limit"}'),
        1,
        NOT_MEDLINE,
    ),
    "empty-body": ("efetch", lambda: Fault(200, {}, b""), 1, NOT_MEDLINE),
    "html-error-page": ("efetch", lambda: Fault(200, {}, b"<html><body>Error</body></html>"), 1, "<html>"),
}


@pytest.mark.parametrize("case", list(PERSISTENT))
def test_a_fault_beyond_the_retries_fails_clearly_and_the_next_run_stores_everything(
    case, emulator, tmp_path, capsys
):
    endpoint, make_fault, count, cause = PERSISTENT[case]
    emulator.faults[endpoint].extend(make_fault() for _ in range(count))
    http = "[http]\nretries = 1\nbackoff_factor = 0.05\ntimeout = 1.0\n"
    config = write_config(tmp_path, emulator.base_url, http=http)
    db = tmp_path / "osteodigest.sqlite3"

    assert main(["--config", str(config), "fetch"]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("pubmed: ")]
    assert lines and any(re.search(cause, line) for line in lines), err
    if endpoint == "esearch":  # the first topic failed; the second was stored with its watermark
        assert set(watermarks(db)) == {"osteoporosis"}
    else:  # nothing parsed: no topic may move its watermark
        assert watermarks(db) == {}
        if case != "empty-body":  # an empty reply has nothing to keep
            assert list((tmp_path / "data" / "failed").glob("pubmed-*.raw.gz")), "the raw reply is kept"
    pmids = stored_pmids(db)
    assert len(pmids) == len(set(pmids))

    assert main(["--config", str(config), "fetch"]) == 0, capsys.readouterr().err
    assert_everything_stored_once(emulator, db)
    assert set(watermarks(db)) == {"osteonecrosis", "osteoporosis"}


def test_truncated_reply_exits_1_names_the_source_keeps_the_raw_reply_then_recovers(
    emulator, tmp_path, capsys
):
    """Done-when: a truncating server → exit 1, the source named, the raw reply kept; then all stored."""
    emulator.faults["efetch"].append(Fault(truncate_to=60_000))
    config = write_config(tmp_path, emulator.base_url)
    db = tmp_path / "osteodigest.sqlite3"
    assert main(["--config", str(config), "run"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pubmed: efetch: ") and "raw reply kept in" in err
    (raw,) = (tmp_path / "data" / "failed").glob("pubmed-*.raw.gz")
    kept = gzip.decompress(raw.read_bytes())
    assert len(kept) == 60_000 and kept.startswith(b"<?xml")
    assert kept == emulator.efetch_body(emulator.calls("efetch")[0]["id"].split(","))[:60_000]
    assert (
        "truncated" in raw.with_suffix(".error.txt").read_text()
        or "XML" in raw.with_suffix(".error.txt").read_text()
    )
    assert watermarks(db) == {}, "the watermark did not move past records it does not hold"
    partial = stored_pmids(db)
    assert 0 < len(partial) < len(emulator.articles), "complete records before the cut are kept"

    assert main(["--config", str(config), "run"]) == 0
    assert_everything_stored_once(emulator, db)


# --------------------------------------------------------------------------------------------- crashes
def test_process_killed_between_fetch_and_commit_loses_and_duplicates_nothing(emulator, tmp_path):
    """The store is held locked, so the run can fetch everything but commit nothing; then it is killed."""
    config = write_config(tmp_path, emulator.base_url)
    db = tmp_path / "osteodigest.sqlite3"
    Store(db).close()  # an existing store, as after earlier runs
    fetched = threading.Event()
    emulator.hooks["efetch"] = lambda params: fetched.set()
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    proc = spawn(config, "run")
    try:
        assert fetched.wait(timeout=60), "the run never reached efetch"
        time.sleep(1.0)  # let it parse and queue for the write lock; the kill lands before any commit
        assert proc.poll() is None, proc.communicate()
        proc.kill()
        proc.communicate(timeout=60)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert stored_pmids(db) == [] and watermarks(db) == {} and fetch_log_rows(db) == 0, "no partial state"
    emulator.hooks.clear()
    assert main(["--config", str(config), "run"]) == 0
    assert_everything_stored_once(emulator, db)


def test_process_killed_mid_fetch_then_rerun(emulator, tmp_path):
    config = write_config(tmp_path, emulator.base_url)
    db = tmp_path / "osteodigest.sqlite3"
    hold = HoldPoint()
    emulator.hooks["efetch"] = hold
    proc = spawn(config, "run")
    kill_while_held(proc, hold, wait=60, what="the run never reached its first efetch")
    assert stored_pmids(db) == [] and watermarks(db) == {}
    emulator.hooks.clear()
    assert main(["--config", str(config), "run"]) == 0
    assert_everything_stored_once(emulator, db)


# --------------------------------------------------------------------------------------------- the store
def test_a_full_disk_is_a_clear_error_with_no_partial_state(emulator, tmp_path):
    config = write_config(tmp_path, emulator.base_url)
    settings = load_settings(config)
    db = settings.database_path
    with Store(db) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 5}")  # a disk with 20 kB to spare
        report = run_fetch(settings, store)
        assert not report.ok
        errors = [e for s in report.sources for e in s.errors]
        assert errors and all("database or disk is full" in e and "nothing kept" in e for e in errors)
        assert store.counts()["records"] == 0
    # Every record went with the first topic that found it; that topic's watermark must not have moved
    # (the other topic, holding no records, could still be written into the pages left).
    assert "osteonecrosis" not in watermarks(db), "no watermark moved past records it does not hold"

    assert main(["--config", str(config), "fetch"]) == 0, "room again: the next run stores everything"
    assert_everything_stored_once(emulator, db)


def test_a_locked_database_is_a_clear_error_with_no_partial_state(emulator, tmp_path, capsys):
    config = write_config(tmp_path, emulator.base_url)
    settings = load_settings(config)
    db = settings.database_path
    Store(db).close()
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with Store(db, timeout=0.2) as store:
            report = run_fetch(settings, store)
        errors = [e for s in report.sources for e in s.errors]
        assert errors and all("is busy or unwritable: database is locked" in e for e in errors)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert stored_pmids(db) == [] and watermarks(db) == {} and fetch_log_rows(db) == 0

    assert main(["--config", str(config), "fetch"]) == 0
    assert_everything_stored_once(emulator, db)
