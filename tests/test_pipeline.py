"""A run stores each reply's records while the next is fetched, and a watermark waits for all of them.

The run fetches PubMed on a thread of its own (crawler/pipeline.py) and stores each efetch batch as it
arrives; these tests hold the emulator's second efetch and look into the SQLite file meanwhile.
"""

from __future__ import annotations

import contextlib
import logging
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from osteodigest.crawler.pipeline import pipelined
from osteodigest.crawler.run import RunReport, run_fetch
from osteodigest.crawler.settings import load_settings
from osteodigest.crawler.store import Store

from tests.clocks import FakeClock
from tests.conftest import fixture_path
from tests.emulators.eutils import EUtilsEmulator, Fault
from tests.ops_helpers import HoldPoint, spawn, stored_pmids, watermarks, write_config

BATCH = 100


@pytest.fixture
def emulator(httpserver):
    emu = EUtilsEmulator(fixture_path("pubmed", "bone_topic_subset.xml"))
    emu.base_url = emu.install(httpserver)
    return emu


def _config(tmp_path: Path, emulator: EUtilsEmulator) -> Path:
    # A held request must not time out while the test looks into the store.
    patient = "[http]\nbackoff_factor = 0.05\ntimeout = 120.0\n"
    config = write_config(tmp_path, emulator.base_url, http=patient)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[sources.pubmed]\n", f"[sources.pubmed]\nbatch_size = {BATCH}\n"))
    return config


def _start_run(config: Path) -> tuple[threading.Thread, dict[str, RunReport]]:
    """``run_fetch`` on a thread (its store opened there, as SQLite wants), waits on a fake clock."""
    outcome: dict[str, RunReport] = {}
    settings = load_settings(config)

    def run() -> None:
        with Store(settings.database_path) as store:
            outcome["report"] = run_fetch(settings, store, clock=FakeClock())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _wait_for(condition, timeout: float = 60.0) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` real seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_the_first_batch_is_in_the_store_while_the_second_is_still_being_fetched(emulator, tmp_path):
    config = _config(tmp_path, emulator)
    db = tmp_path / "osteodigest.sqlite3"
    hold = HoldPoint(when=lambda params: len(emulator.calls("efetch")) == 2)
    emulator.hooks["efetch"] = hold
    thread, outcome = _start_run(config)
    try:
        assert hold.arrived.wait(timeout=60), "the run never asked for its second batch"
        first_batch = set(emulator.calls("efetch")[0]["id"].split(","))
        assert _wait_for(lambda: first_batch <= set(stored_pmids(db))), "batch 1 not stored while 2 is held"
        assert thread.is_alive() and len(emulator.calls("efetch")) == 2, "the second reply is still held"
        assert len(stored_pmids(db)) == BATCH, "only the first batch: the second is still on the wire"
        assert watermarks(db) == {}, "no watermark before every record it covers is stored"
    finally:
        hold.release.set()
        thread.join(timeout=120)
    assert outcome["report"].ok, outcome["report"].sources[0].problems
    assert stored_pmids(db) == sorted(emulator.articles)
    assert set(watermarks(db)) == {"osteonecrosis", "osteoporosis"}


def test_a_failure_mid_source_keeps_the_batches_stored_and_the_watermark(emulator, tmp_path):
    config = _config(tmp_path, emulator)
    db = tmp_path / "osteodigest.sqlite3"
    emulator.faults["efetch"].append(Fault(action="healthy"))
    emulator.faults["efetch"].extend([Fault(503, {}, b"<html>Service Unavailable</html>")] * 10)
    thread, outcome = _start_run(config)
    thread.join(timeout=120)
    report = outcome["report"]
    assert not report.ok and report.sources[0].records == BATCH
    assert any("efetch" in line and "503" in line for line in report.sources[0].problems)
    assert stored_pmids(db) == sorted(emulator.calls("efetch")[0]["id"].split(","))
    assert watermarks(db) == {}, "the topics' other records were not fetched: their watermark stays"
    with Store(db) as store:
        (run,) = store.ops.source_runs("pubmed")
    assert not run.ok and run.records == BATCH, "one failed run, counting what it stored"


def test_a_batch_the_store_refuses_keeps_its_topics_watermark_though_the_last_result_stores(
    emulator, tmp_path
):
    """Once batch 1 is stored the store starts refusing records (a trigger): batches 2 and 3 fail, while
    the topics' last results, which carry no records, could still be written. Their watermarks must not."""
    config = _config(tmp_path, emulator)
    db = tmp_path / "osteodigest.sqlite3"
    hold = HoldPoint(when=lambda params: len(emulator.calls("efetch")) == 2)
    emulator.hooks["efetch"] = hold
    thread, outcome = _start_run(config)
    try:
        assert hold.arrived.wait(timeout=60), "the run never asked for its second batch"
        assert _wait_for(lambda: len(stored_pmids(db)) == BATCH), "batch 1 not stored"
        with contextlib.closing(sqlite3.connect(db, timeout=30)) as conn:
            conn.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
            conn.commit()
    finally:
        hold.release.set()
        thread.join(timeout=120)
    report = outcome["report"]
    assert not report.ok and report.sources[0].records == BATCH
    refusals = [line for line in report.sources[0].problems if "refused" in line]
    assert len(refusals) == 1, report.sources[0].problems
    assert len(stored_pmids(db)) == BATCH and watermarks(db) == {}


def test_a_topics_batches_and_the_sessions_requests_are_counted_in_the_fetch_log(emulator, tmp_path):
    """The batches are stored before their topic's last result, and the session's requests are known
    only once the fetch thread has ended: the run's stats must still count every batch and request."""
    config = _config(tmp_path, emulator)
    db = tmp_path / "osteodigest.sqlite3"
    thread, outcome = _start_run(config)
    thread.join(timeout=120)
    assert outcome["report"].ok, outcome["report"].sources[0].problems
    stored = len(stored_pmids(db))
    asked = len(emulator.calls("esearch")) + len(emulator.calls("efetch"))
    assert stored > BATCH and len(emulator.calls("efetch")) > 1, "more than one batch, or nothing is tested"
    counts = outcome["report"].sources[0].counts
    assert counts["new_records"] == stored and counts["requests"] == asked, counts
    with Store(db) as store:
        (run,) = store.ops.source_runs("pubmed")
    assert run.records == stored and run.stats["new_records"] == stored, run
    assert run.stats["requests"] == asked and run.stats["reply: 200"] == asked, run.stats


def test_a_producer_failure_reaches_the_consumer_after_the_items_before_it():
    def produce():
        yield 1
        yield 2
        raise ValueError("third item unreadable")

    seen = []
    with pytest.raises(ValueError, match="third item"):
        for item in pipelined(produce, size=1):
            seen.append(item)
    assert seen == [1, 2]


def test_a_consumer_that_stops_early_stops_the_producer():
    produced = []
    stopped = threading.Event()

    def produce():
        try:
            for i in range(1000):
                produced.append(i)
                yield i
        finally:
            stopped.set()

    items = pipelined(produce, size=2)
    assert next(items) == 0
    items.close()
    assert stopped.wait(timeout=30), "the producer ran on after the consumer left"
    assert len(produced) < 10, "a bounded queue: the producer is never far ahead"


def test_a_paged_service_hands_on_each_page_before_the_topics_last_result(httpserver):
    from osteodigest.crawler.sources import europepmc

    from tests.emulators.jsonapi import JsonReplay, source_context
    from tests.test_sources_europepmc import two_page_service

    service = JsonReplay(httpserver, "/europepmc/webservices/rest/", two_page_service(), "search")
    ctx = source_context("europepmc", service.base_url)
    ctx.topics = ctx.topics[:1]
    results = list(europepmc.stream(ctx))
    *pages, last = results
    assert [r.partial for r in pages] == [True, True] and not last.partial
    assert [len(r.records) for r in pages] == [25, 5], "each page as it came"
    assert last.records == [] and last.state and last.topic == pages[0].topic
    (collected,) = europepmc.fetch(source_context("europepmc", service.base_url, topics=ctx.topics))
    assert collected.records == [r for page in pages for r in page.records] and collected.state == last.state


def _assessments(db: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(
            "SELECT r.pmid, w.topics, w.tags, w.relevance FROM works w JOIN records r"
            " ON r.work_id = w.id ORDER BY r.pmid"
        ).fetchall()


def test_the_worker_process_assesses_big_batches_as_this_process_would(
    emulator, tmp_path, monkeypatch, caplog
):
    """Every reply handed to the assessing worker (threshold 1) ends with the tags and relevance that
    assessing in the run's own process gives; and works did take the worker's assessment (the run
    says how many)."""
    from osteodigest.crawler import run as run_module

    results = {}
    for mode, threshold in (("here", 10**9), ("worker", 1)):
        monkeypatch.setattr(run_module, "WORKER_MIN_RECORDS", threshold)
        folder = tmp_path / mode
        folder.mkdir()
        settings = load_settings(_config(folder, emulator))
        caplog.clear()
        with Store(settings.database_path) as store, caplog.at_level(logging.INFO, "osteodigest.run"):
            report = run_fetch(settings, store, clock=FakeClock())
        assert report.ok, report.sources[0].problems
        ahead = re.search(r"assessed ahead by the worker: (\d+) works", caplog.text)
        assert (ahead is not None and int(ahead[1]) > 0) is (mode == "worker"), caplog.text
        results[mode] = _assessments(settings.database_path)
    assert len(results["here"]) == len(emulator.articles)
    assert all(row[2] and row[3] for row in results["worker"]), "every work tagged and assessed"
    assert results["worker"] == results["here"]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found += [int(child) for child in task.read_text().split()]
    return found


def _assessing_worker(pid: int) -> int | None:
    """The run's assessing worker: its child started by multiprocessing's spawn (not its resource tracker)."""
    for child in _children(pid):
        with contextlib.suppress(OSError):
            command = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in command and b"resource_tracker" not in command:
                return child
    return None


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie nobody reaped yet has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc (Linux)")
def test_the_assessing_worker_ends_with_a_run_that_is_killed(emulator, tmp_path):
    """A run killed outright (SIGKILL: no clean-up of its own) leaves no worker behind waiting for work,
    and no folder of the worker's replies."""
    config = _config(tmp_path, emulator)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # Batches of 150: the first holds more records than WORKER_MIN_RECORDS, so it goes to a worker.
    config.write_text(config.read_text(encoding="utf-8").replace(f"batch_size = {BATCH}", "batch_size = 150"))
    hold = HoldPoint(when=lambda params: len(emulator.calls("efetch")) == 2)
    emulator.hooks["efetch"] = hold
    proc = spawn(config, "run", tmpdir=temporary)
    try:
        assert hold.arrived.wait(timeout=60), "the run never asked for its second batch"
        worker = None

        def started() -> bool:
            nonlocal worker
            worker = _assessing_worker(proc.pid)
            return worker is not None

        assert _wait_for(started), "the first batch never reached an assessing worker"
        # Killed once the worker has started (its thread watching the run is there): a run killed while
        # its worker is still starting leaves the folder to the next run (see the test below).
        assert _wait_for(lambda: len(list(Path(f"/proc/{worker}/task").iterdir())) >= 2), "worker not started"
        proc.kill()
        proc.wait(timeout=30)
        assert _wait_for(lambda: not _running(worker), timeout=20), "the worker outlived its run"
        assert not list(temporary.glob("osteodigest-replies-*")), "the worker's replies were left behind"
    finally:
        hold.release.set()
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)


_SCRIPT = """
import os, sys
with open(sys.argv[1], "a") as marks:  # every process running this script leaves one line
    marks.write(f"{os.getpid()}\\n")
if __name__ == "__main__":
    from osteodigest.crawler.assessing import AssessWorker
    from osteodigest.crawler.models import Record
    from osteodigest.crawler.topics import load_topics
    worker = AssessWorker(load_topics(None))
    record = Record(source="pubmed", source_id="1", title="Denosumab and hip fracture: a randomized trial")
    (assessment,) = worker.submit([record]).result()
    print(assessment is not None, round(worker.peak_mb()) > 0)
    worker.close()
"""


def test_the_assessing_worker_does_not_run_the_script_that_started_it_again(tmp_path):
    """A worker started from a script (as ``osteodigest``, the console script, is) does not run that
    script again on start (multiprocessing's ``spawn`` would, importing the whole CLI into the worker);
    it assesses all the same, and says its own peak memory."""
    script, marks = tmp_path / "start_worker.py", tmp_path / "marks.txt"
    script.write_text(_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(marks)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
    assert len(marks.read_text().split()) == 1, "the script ran again in the worker"


def test_a_ctrl_c_another_thread_catches_interrupts_the_wait_for_the_next_reply_at_once():
    # The system may hand Ctrl-C to the producer (in a socket read); Python raises KeyboardInterrupt in the
    # main thread only, when it runs: a caller asleep on the queue would wait for the service's answer.
    assert threading.main_thread().ident == threading.get_ident()
    answer = threading.Event()

    def produce():
        answer.wait(30)  # a reply that is slow to come
        yield "late"

    items = pipelined(produce)
    helper = threading.Thread(
        target=lambda: (time.sleep(1.0), signal.pthread_kill(threading.get_ident(), signal.SIGINT)),
        daemon=True,
    )
    started = time.monotonic()
    helper.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            next(items)
    finally:
        answer.set()
        helper.join()
        items.close()
    assert time.monotonic() - started < 5, "the interrupt waited for the producer's next item"
