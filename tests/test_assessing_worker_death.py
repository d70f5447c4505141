"""A worker process killed while the run reads its reply: the run hears of the death (or has the reply)
and goes on; it never waits for the rest of a message that will not come.

CPython's process pool reads every worker's reply from one shared pipe. A long reply that its worker is
killed halfway through writing used to leave half a message there, and the pool's reader then waited for
the rest for good (``osteodigest tag`` hung for ever). The test makes that moment certain: the run's
process is stopped (SIGSTOP) so it reads nothing, the worker finishes its task and starts writing a reply
of several MB (a pipe holds 64 KB), the worker is killed, and the run is let go on.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")

#: The task the worker runs (a module of its own: the worker imports it by name).
TASK = """
import pathlib

def big_reply(marker, stage):
    pathlib.Path(marker.decode()).write_text("done")
    return "x" * 8_000_000
"""

#: The run: one worker, one task whose reply is 8 MB; it prints what became of the reply.
RUN = """
import sys
from concurrent.futures import BrokenExecutor
from osteodigest.crawler.assessing import AssessWorker
from osteodigest.crawler.topics import load_topics
import bigtask

worker = AssessWorker(load_topics())
print("started", flush=True)
sys.stdin.readline()  # the test says when
reply = worker.submit_bytes(bigtask.big_reply, sys.argv[1].encode())
try:
    print("reply", len(reply.result()), flush=True)
except BrokenExecutor as exc:
    print("died", type(exc).__name__, flush=True)
worker.close(cancel=True)
"""


def worker_of(pid: int) -> int:
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            command = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in command and b"resource_tracker" not in command:
                return int(child)
    raise AssertionError("no worker process")


def test_a_worker_killed_while_sending_a_long_reply_does_not_hang_the_run(tmp_path):
    (tmp_path / "bigtask.py").write_text(textwrap.dedent(TASK))
    (tmp_path / "run.py").write_text(textwrap.dedent(RUN))
    marker = tmp_path / "marker"
    run = subprocess.Popen(
        [sys.executable, str(tmp_path / "run.py"), str(marker)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert run.stdout is not None and run.stdin is not None
        assert run.stdout.readline().strip() == "started"
        worker = worker_of(run.pid)
        run.stdin.write("go\n")
        run.stdin.flush()
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert time.monotonic() < deadline, "the worker never ran the task"
            time.sleep(0.01)
        os.kill(run.pid, signal.SIGSTOP)  # the run reads nothing now: the reply fills the pipe and waits
        time.sleep(1.0)  # building and writing 8 MB takes a few ms; a second is plenty even on a busy machine
        os.kill(worker, signal.SIGKILL)
        os.kill(run.pid, signal.SIGCONT)
        try:
            out, err = run.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("the run hung on the half-written reply of a killed worker")
    finally:
        if run.poll() is None:
            os.kill(run.pid, signal.SIGCONT)
            run.kill()
            run.wait()
    assert run.returncode == 0, err
    # Either outcome is right: the reply was whole before the kill (a file's name is one atomic write),
    # or the death was seen. What must not happen is the wait above running out.
    assert out.strip().splitlines()[-1] in ("reply 8000000", "died BrokenProcessPool"), out


def test_a_new_worker_clears_the_reply_folders_of_runs_that_are_gone(tmp_path, monkeypatch):
    """A run killed while its worker was still starting leaves its folder of replies; the next run's
    worker removes it, and leaves alone the folders of runs still going and anything not its own."""
    from osteodigest.crawler.assessing import AssessWorker
    from osteodigest.crawler.topics import load_topics

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    gone = tmp_path / f"osteodigest-replies-{ended.stdout.strip()}-abcd"
    gone.mkdir()
    (gone / "1-0.pickle").write_bytes(b"a reply nobody read")
    running = tmp_path / f"osteodigest-replies-{os.getpid()}-efgh"
    running.mkdir()
    unrelated = tmp_path / "osteodigest-replies-notes"
    unrelated.mkdir()
    worker = AssessWorker(load_topics())
    try:
        assert not gone.exists()
        assert running.exists() and unrelated.exists()
        assert len(list(tmp_path.glob(f"osteodigest-replies-{os.getpid()}-*"))) == 2  # its own, and `running`
    finally:
        worker.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, unrelated.name])
