"""``osteodigest tag --jobs N``: records tagged by worker processes, the output the same bytes in the
same order as tagging in one process; items that are no record, a worker that dies and Ctrl-C."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from osteodigest.crawler.tag_command import run
from osteodigest.newsletter.cli import main

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
BONE = FIXTURES / "pubmed" / "bone_topic_subset.xml"

#: Abstracts written for these tests (a trial, a cohort, a case report, a review), repeated under new ids
#: to make an input big enough for workers.
ABSTRACTS = [
    (
        "Zoledronic acid after hip fracture: a randomized controlled trial",
        "We randomly assigned 1,065 patients with a hip fracture to zoledronic acid or placebo. New clinical "
        "fractures occurred in 8.6% and 13.9% (hazard ratio 0.65; 95% CI 0.50 to 0.84; P=0.001).",
    ),
    (
        "Denosumab discontinuation and vertebral fractures in a nationwide cohort",
        "In this retrospective cohort study of 2,345 women followed for a median of 3.1 years, vertebral "
        "fractures after stopping denosumab were more frequent than after stopping alendronate.",
    ),
    (
        "Osteonecrosis of the jaw after a single dose of denosumab: a case report",
        "We report a 71-year-old woman who developed osteonecrosis of the jaw after one injection.",
    ),
    (
        "Glucocorticoid-induced osteoporosis: a narrative review",
        "This review summarises how glucocorticoids weaken bone and how the fracture risk is assessed.",
    ),
]


def write_jsonl(path: Path, count: int, extra: dict[int, dict] | None = None) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            title, abstract = ABSTRACTS[i % len(ABSTRACTS)]
            row = {"id": f"r{i}", "title": title, "abstract": abstract, "journal": "Bone"}
            row.update((extra or {}).get(i, {}))
            handle.write(json.dumps(row) + "\n")
    return path


def tag(paths: list[Path], jobs: int, workers_from: int = 1, explain: bool = False) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run(paths, explain=explain, out=out, err=err, jobs=jobs, workers_from=workers_from)
    return status, out.getvalue(), err.getvalue()


def children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


@pytest.mark.skipif(not BONE.exists(), reason=f"shared fixture missing: {BONE}")
@pytest.mark.parametrize("explain", [False, True], ids=["plain", "explain"])
def test_workers_write_the_bytes_one_process_writes(tmp_path, explain):
    """262 real PubMed records and a JSON Lines file after them, in chunks across two workers: every
    line the same, in the same order, as tagging all in this process."""
    second = write_jsonl(tmp_path / "more.jsonl", 150)
    here = tag([BONE, second], jobs=1, explain=explain)
    before = children_cpu()
    workers = tag([BONE, second], jobs=2, explain=explain)
    assert children_cpu() > before, "no worker process ran"
    assert here[0] == workers[0] == 0
    assert workers[1].count("\n") == 262 + 150
    assert workers[1] == here[1]


def test_a_small_input_starts_no_worker(tmp_path):
    """Below ``workers_from`` records every record is tagged here: no process is started (the children's
    CPU time does not move), and the same input past the threshold does start them."""
    path = write_jsonl(tmp_path / "in.jsonl", 20)
    before = children_cpu()
    small = tag([path], jobs=2, workers_from=21)
    assert children_cpu() == before
    big = tag([path], jobs=2, workers_from=20)
    assert children_cpu() > before
    assert small == big and small[0] == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_items_that_are_no_record_are_named_and_the_others_are_tagged(tmp_path, jobs):
    """Lines a user's export really can hold: a lone surrogate (valid JSON, never text), a line that is
    not JSON, JSON nested too deeply to read, an array instead of an object. One line on stderr names
    each, every other record is written, exit 1 — the same in this process and in the workers."""
    path = write_jsonl(tmp_path / "in.jsonl", 8, extra={1: {"title": "\ud800 osteoporosis"}})
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3], lines[5], lines[6] = "{not json", "[" * 100_000, "[1, 2]"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, err = tag([path], jobs=jobs)
    assert status == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["r0", "r2", "r4", "r7"]
    assert err.splitlines() == [
        f"osteodigest tag: {path}: line 2: not a record"
        " (field 'title' holds a lone surrogate (U+D800), not text)",
        f"osteodigest tag: {path}: line 4: not JSON (Expecting property name enclosed in double quotes)",
        f"osteodigest tag: {path}: line 6: not JSON (nested too deeply)",
        f"osteodigest tag: {path}: line 7: expected a JSON object",
    ]
    assert out == tag([path], jobs=1)[1]


def test_odd_but_valid_values_are_read_not_refused(tmp_path):
    """A follow-up of 5,000 digits (Python refuses to read over 4,300 as an int: this record once made
    the tagger raise) is no number, and one commented-on PMID given as a number is read as one."""
    huge = "9" * 5000
    extra = {0: {"abstract": f"Patients were followed for {huge} years."}, 1: {"comment_on": 31415926}}
    path = write_jsonl(tmp_path / "in.jsonl", 2, extra=extra)
    status, out, err = tag([path], jobs=1)
    assert (status, err) == (0, "")
    first, second = (json.loads(line) for line in out.splitlines())
    assert "follow_up" not in first["key_numbers"]
    assert second["study_type"] == "commentary"


def test_jobs_must_be_a_whole_number_of_at_least_one(tmp_path, capsys):
    path = write_jsonl(tmp_path / "in.jsonl", 1)
    assert main(["tag", "--jobs", "0", str(path)]) == 2
    assert "must be at least 1" in capsys.readouterr().err


# -------------------------------------------------------------------------------- the real command
def spawn_tag(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "osteodigest.newsletter.cli", "tag", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches it
    )


def workers_of(pid: int) -> list[int]:
    """The command's worker processes: its children started by multiprocessing's spawn (not the
    resource tracker)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            for child in task.read_text().split():
                command = Path(f"/proc/{child}/cmdline").read_bytes()
                if b"spawn_main" in command and b"resource_tracker" not in command:
                    found.append(int(child))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


needs_proc = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")


@needs_proc
def test_a_worker_killed_midway_loses_no_record(tmp_path):
    """A worker killed outright (as the out-of-memory killer would) while the command runs: its chunks
    are tagged again, and the output is every record, byte for byte what one process writes; stderr
    says what happened."""
    path = write_jsonl(tmp_path / "in.jsonl", 2000)
    with spawn_tag("--jobs", "2", str(path)) as proc:
        # A run that hangs (see test_assessing_worker_death.py) is ended by a watchdog, and fails here,
        # instead of hanging the whole suite.
        watchdog = threading.Timer(120, proc.kill)
        watchdog.start()
        try:
            assert proc.stdout is not None and proc.stderr is not None
            first = proc.stdout.readline()  # the workers are running
            workers = workers_of(proc.pid)
            assert workers, "no worker process"
            os.kill(workers[0], signal.SIGKILL)
            rest = proc.stdout.read()  # through the same reader: communicate() would skip what it holds
            err = proc.stderr.read()
            proc.wait(timeout=120)
        finally:
            watchdog.cancel()
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode != -signal.SIGKILL, "the command hung after its worker was killed"
    assert proc.returncode == 0, err
    assert "a worker process died" in err
    assert first + rest == tag([path], jobs=1)[1]


@needs_proc
def test_ctrl_c_stops_the_command_and_its_workers(tmp_path):
    """Ctrl-C (SIGINT to the whole process group) while workers tag: exit 130 within seconds, the
    workers gone with it."""
    path = write_jsonl(tmp_path / "in.jsonl", 20000)
    with spawn_tag(str(path)) as proc:
        try:
            assert proc.stdout is not None
            proc.stdout.readline()
            workers = workers_of(proc.pid)
            assert workers, "no worker process"
            os.killpg(proc.pid, signal.SIGINT)
            began = time.monotonic()
            _, err = proc.communicate(timeout=30)
            stopped = time.monotonic() - began
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert stopped < 10, f"took {stopped:.1f} s to stop"
    assert wait_for(lambda: not any(running(w) for w in workers), timeout=10), "a worker outlived the command"


def test_a_ctrl_c_another_thread_catches_interrupts_the_wait_for_a_worker_at_once():
    # Ctrl-C reaches the whole process group and the system may hand it to any thread of the command;
    # Python raises KeyboardInterrupt in the main thread only, when that thread runs. A wait for a worker's
    # result without a timeout would let a 12 s piece of work finish first.
    from osteodigest.crawler.assessing import each_piece_in_order
    from osteodigest.crawler.topics import load_topics

    from tests.ops_helpers import sleep_then_echo

    assert threading.main_thread().ident == threading.get_ident()
    results = each_piece_in_order([b"12"], sleep_then_echo, load_topics(), processes=1)
    helper = threading.Thread(
        target=lambda: (time.sleep(3.0), signal.pthread_kill(threading.get_ident(), signal.SIGINT)),
        daemon=True,
    )
    started = time.monotonic()
    helper.start()
    with pytest.raises(KeyboardInterrupt):
        next(results)
    helper.join()
    assert time.monotonic() - started < 8, "the interrupt waited for the piece of work in hand"
    results.close()
