"""Assessing a work (tags and relevance), and assessing a reply's records ahead in a worker process.

A fetch stores each reply's records and assesses the works they changed in the same transaction (see
:meth:`Store.save_fetch`). The study-type tagger and the relevance stage read every title and abstract,
and in a first run that is the largest share of the run's CPU; Python runs one thread's bytecode at a
time, so the fetch thread's parsing and the main thread's storing and assessing add up, however long
the rate limit makes the fetch wait.

Most records of a reply become a work of their own, and the assessment of a work is a function of its
records alone. So a big reply's records are handed, as they come out of the prepare step, to a worker
process — a second core — which assesses each as a one-record work while the run's thread deduplicates
and stores them; in the save's transaction, a changed work whose only record is the very record the
worker assessed takes that assessment, and any other work (a record that joined an older one, a record
the worker could not assess) is assessed there as before. Same tags, same transaction; the worker never
touches the store.

The worker is started (``spawn``: a fresh interpreter, safe whatever threads the run holds) for the first
reply big enough to be worth it, so a small run never pays for one. It ignores Ctrl-C (the run decides
when to stop) and exits by itself when the run's process is gone (a SIGTERM, a kill), so it never
outlives the run.

A worker hands its results back through a file and replies with the file's name (see
:meth:`AssessWorker._submit_by_file`): a worker killed while replying then always shows as dead, where a
long reply cut in half used to leave the run waiting for the rest for ever.

``osteodigest tag`` uses the same workers, several of them, through :func:`each_in_order`: a stream of
records, tagged in chunks by as many processes as there are cores, the results handed back in the
records' order. A record whose task raises, or that kills the process running it, is reported as
:class:`Failed` on its own, and the other records still get their results.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import importlib
import importlib.machinery
import itertools
import logging
import multiprocessing
import os
import pickle
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from osteodigest.crawler.models import Record, Tags, TopicRelevance, Work
from osteodigest.crawler.sources.guard import describe_error
from osteodigest.crawler.topics import Topic

# The tagging rules and the relevance stage are imported where they are used, in the processes that
# assess: ``osteodigest tag`` hands a PubMed file to its workers without ever needing them itself.
if TYPE_CHECKING:
    from osteodigest.crawler.relevance import RelevanceStage

#: A work's assessment: its tags, and the relevance stage's decision per topic.
Assessment = tuple[Tags, dict[str, TopicRelevance]]
#: How often the worker looks whether the run that started it is still there.
_PARENT_POLL = 0.5
#: How often a run waiting for a worker's result wakes (see :func:`waited`).
_WAKE = 0.25

T = TypeVar("T")
K = TypeVar("K")
#: What a worker runs on each record: a module-level function (it is sent to the worker by name) of the
#: record and the worker's relevance stage.
Task = Callable[[Record, "RelevanceStage"], T]

logger = logging.getLogger("osteodigest.assessing")


@dataclass(frozen=True, slots=True)
class Failed:
    """A record a task could not handle, and why in one line: the exception's type and message, or the
    death of the process that was running it."""

    why: str


def attempt(task: Task[T], record: Record, stage: RelevanceStage) -> T | Failed:
    """``task`` on one record; an exception becomes :class:`Failed`, so one bad record costs only itself."""
    try:
        return task(record, stage)
    except Exception as exc:
        return Failed(describe_error(exc))


def assess(work: Work, stage: RelevanceStage) -> Assessment:
    """A work's tags and relevance decisions, both from all its records: the one assessment every
    changed work gets, in the fetch, the edition's catch-up and ``retag`` alike."""
    return assess_records(work.records, stage)


def assess_records(records: Sequence[Record], stage: RelevanceStage) -> Assessment:
    from osteodigest.crawler.tagging import tag_records

    return tag_records(records), stage.assess(records)


@dataclass(frozen=True, slots=True)
class Named:
    """A module-level function named by its module and name, imported where it is first called: a task
    the process that hands it to the workers never imports (``osteodigest tag`` and the tagging rules)."""

    module: str
    name: str

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _function(self.module, self.name)(*args, **kwargs)


@functools.cache
def _function(module: str, name: str) -> Callable[..., Any]:
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


class AssessWorker:
    """Worker processes (one unless asked for more) assessing records for ``topics``: each as the only
    record of its work (:meth:`submit`), or through any task (:meth:`submit_each`)."""

    def __init__(self, topics: Sequence[Topic], processes: int = 1) -> None:
        _sweep_replies()
        self._replies = tempfile.mkdtemp(prefix=f"{_REPLIES_PREFIX}{os.getpid()}-")
        self._given = itertools.count()
        try:
            self._pool = ProcessPoolExecutor(
                max_workers=processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(list(topics), os.getpid(), self._replies),
            )
        except BaseException:
            shutil.rmtree(self._replies, ignore_errors=True)
            raise
        try:
            # The pool starts a process per task while none is idle, up to ``processes``: all now, not later.
            for _ in range(processes):
                self._submit(_ready)
        except BaseException:
            self.close(cancel=True)
            raise

    def _submit(self, fn: Callable[..., T], *args: object) -> Future[T]:
        # Any submit may start a process (one that died is replaced): never one that re-runs the script.
        with _main_not_rerun():
            return self._pool.submit(fn, *args)

    def _submit_by_file(self, fn: Callable[..., T], *args: object) -> Future[T]:
        """``fn(*args)`` in a worker, its result (or exception) handed back through a file.

        CPython's process pool reads a worker's reply from a pipe all the workers share. A reply longer
        than the pipe's atomic write (``PIPE_BUF``, 4 KB on Linux) that a worker is killed halfway
        through leaves half a message there, and the pool's reader waits for the rest for good: the run
        hangs instead of seeing the death. A chunk's results are far longer than that; a file's name is
        not. So the worker writes its result to a file and replies with the name, and a death always
        shows as :class:`concurrent.futures.BrokenExecutor`.
        """
        reply: Future[T] = Future()
        sent: Future[str] = self._submit(_reply_by_file, fn, *args)
        sent.add_done_callback(lambda done: _read_reply(done, reply))
        return reply

    def submit(self, records: Sequence[Record]) -> Future[list[Assessment | None]]:
        """Each record's assessment as a one-record work, in order (None: the worker could not assess
        it, and the run assesses its work itself, meeting the same failure the same way)."""
        return self._submit_by_file(_assess_each, list(records))

    def submit_each(self, task: Task[T], records: Sequence[Record]) -> Future[list[T | Failed]]:
        """``task`` on each record with the worker's relevance stage, in order; a record whose task raises
        gives :class:`Failed` and the others go on. The future fails as a whole only when the worker
        process dies (:class:`concurrent.futures.BrokenExecutor`)."""
        return self._submit_by_file(_apply_each, task, list(records))

    def submit_bytes(self, task: Callable[[bytes, RelevanceStage], T], data: bytes) -> Future[T]:
        """``task(data, stage)`` with the worker's relevance stage, ``data`` handed over through a file; the
        future holds what it returns or raises (and :class:`concurrent.futures.BrokenExecutor` when the
        worker process dies).

        The pool sends a call through one pipe all the workers share, 64 KB at a time, each write
        waiting for a worker to read and for this process's feeder thread to get the GIL back: a
        megabyte took some sixteen round trips between the processes, and the workers of ``tag --jobs``
        waited between pieces (1.3-1.9 s per worker of a 45-58 s run on a loaded machine). Written to a
        file in the run's folder, which the worker reads in one go and removes, it costs them 0.3-0.8 s;
        a file left by a worker that died goes with the folder.
        """
        path = os.path.join(self._replies, f"in-{next(self._given)}")
        with open(path, "wb") as file:
            file.write(data)
        return self._submit_by_file(_apply_call_on_file, task, path)

    def peak_mb(self) -> float:
        """The worker's own peak resident memory so far, in MB (see :func:`own_peak_mb`)."""
        return waited(self._submit(own_peak_mb))

    def close(self, cancel: bool = False) -> None:
        """Stop the worker: after what it was given, or (``cancel``) after the reply in hand only."""
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)
        # Replies never read (a cancelled run) go with the folder; a worker still writing one after a
        # cancel finds the folder gone and its reply is dropped, as the pool would drop it.
        shutil.rmtree(self._replies, ignore_errors=True)


#: The name of a run's folder of replies begins with this and the run's process id.
_REPLIES_PREFIX = "osteodigest-replies-"


def waited(future: Future[T]) -> T:
    """``future.result()``, waking every :data:`_WAKE` seconds. Python runs a signal handler (Ctrl-C's
    KeyboardInterrupt) in the main thread only, and only when that thread runs: a Ctrl-C the system hands
    to another thread (the pool's) would otherwise wait for the result, a whole piece of work later."""
    while True:
        try:
            return future.result(timeout=_WAKE)
        except TimeoutError:
            if future.done():
                raise  # the task's own TimeoutError, not the wait's


def _sweep_replies() -> None:
    """Remove the reply folders of runs whose process is gone.

    A run removes its folder when it closes its workers, and a worker whose run was killed removes it on
    its way out; a run killed while its worker was still starting leaves one (empty, or with replies
    nobody read). The next run clears those, going by the process id in the name (a folder whose id has
    been reused is left for a later sweep).
    """
    for folder in Path(tempfile.gettempdir()).glob(f"{_REPLIES_PREFIX}*-*"):
        owner = folder.name[len(_REPLIES_PREFIX) :].split("-", 1)[0]
        if not owner.isdigit():
            continue
        try:
            os.kill(int(owner), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive, but another user's
            continue


def _read_reply(sent: Future[str], reply: Future[T]) -> None:
    """The result a worker wrote to a file (see :meth:`AssessWorker._submit_by_file`), into ``reply``."""
    if sent.cancelled():
        reply.cancel()
        return
    failure = sent.exception()
    if failure is not None:  # the worker died, or could not write the reply
        reply.set_exception(failure)
        return
    path = sent.result()
    try:
        with open(path, "rb") as file:
            ok, value, where = pickle.load(file)
        os.unlink(path)
    except BaseException as exc:  # the folder went with a cancel, or the disk failed: the reply is lost
        reply.set_exception(exc)
        return
    if ok:
        reply.set_result(value)
    else:
        value.add_note(where)  # what the pool would say: where in the worker it was raised
        reply.set_exception(value)


@contextlib.contextmanager
def _main_not_rerun() -> Iterator[None]:
    """Start processes without re-running the run's main script in them.

    A ``spawn`` child first runs the parent's ``__main__`` again, by path when it was started as a script
    — for ``osteodigest``, the console script, importing the whole CLI (the store, dedup, HTTP, the
    newsletter), ~20 MB the worker never uses; only when ``__main__`` has a module spec does it import
    it by name, and a name of ``__main__`` it skips (multiprocessing's own rule for ``-m`` packages).
    Everything the worker runs is in this module, found by its import name, so the script is not
    needed there. The spec is set only while the pool starts its process, and only when there was none.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        yield
        return
    main.__spec__ = importlib.machinery.ModuleSpec("__main__", None)
    try:
        yield
    finally:
        main.__spec__ = None


def _ready() -> None:
    """A first task, to start the worker's process (see :meth:`AssessWorker.__init__`)."""


def own_peak_mb() -> float:
    """This process's peak resident memory, in MB: the high-water mark of its own address space.

    Not ``ru_maxrss``: Linux carries into a child's ``ru_maxrss`` the resident size its parent had when
    it was started (the worker's would read as the run's size at the first big reply, whatever the
    worker itself used); ``VmHWM`` starts afresh with the worker's own image. Where ``/proc`` is absent,
    ``ru_maxrss`` is the best there is.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Held by the worker process between replies: the topics compiled once, and where replies are written.
_WORKER_STAGE: RelevanceStage | None = None
_WORKER_REPLIES = ""
_WORKER_SENT = itertools.count()


def _start_worker(topics: list[Topic], parent: int, replies: str) -> None:
    global _WORKER_STAGE, _WORKER_REPLIES
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the run decides
    _WORKER_REPLIES = replies
    watch = threading.Thread(
        target=_exit_with_parent, args=(parent, replies), name="parent watch", daemon=True
    )
    watch.start()
    atexit.register(_leave_at_once)
    from osteodigest.crawler.relevance import RelevanceStage

    _WORKER_STAGE = RelevanceStage(topics)


def _leave_at_once() -> None:
    """End a worker without the interpreter's teardown, the last thing it does after the pool's stop.

    Freeing every module and object of the tagging rules one by one took the workers about 0.1 s after
    their last task (0.12-0.15 s on a loaded machine), and the run waits for them (``pool.close()``, and
    a reader of its output for every holder of the pipe): the tail of each ``tag --jobs`` run. Nothing a
    worker holds needs it: its replies are closed files, and multiprocessing has run its exit handler by
    then. The exit status is 0 either way the pool stops a worker; a worker that dies is seen by its
    process ending early, not by its status.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # gone, closed, or a reader that went away
            stream.flush()
    os._exit(0)


def _reply_by_file(fn: Callable[..., T], *args: object) -> str:
    """Run ``fn`` and write what it returns or raises to a file of its own; the file's name is the
    (short) reply. See :meth:`AssessWorker._submit_by_file`."""
    try:
        outcome: tuple[bool, object, str] = (True, fn(*args), "")
    except Exception as exc:
        outcome = (False, exc, "raised in the worker process:\n" + traceback.format_exc())
    path = os.path.join(_WORKER_REPLIES, f"{os.getpid()}-{next(_WORKER_SENT)}.pickle")
    with open(path, "wb") as file:
        pickle.dump(outcome, file, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _exit_with_parent(parent: int, replies: str) -> None:
    """A worker whose run was killed would otherwise wait for work forever (its queue never closes). The
    run's folder of replies is removed on the way out: a killed run could not."""
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL)
    shutil.rmtree(replies, ignore_errors=True)
    os._exit(0)


def _assess_each(records: list[Record]) -> list[Assessment | None]:
    assert _WORKER_STAGE is not None, "the worker was not started"
    found: list[Assessment | None] = []
    for record in records:
        try:
            found.append(assess_records((record,), _WORKER_STAGE))
        except Exception:  # the run assesses this work itself, and reports what goes wrong
            found.append(None)
    return found


def _apply_call_on_file(task: Callable[[bytes, RelevanceStage], T], path: str) -> T:
    """``task`` on the bytes :meth:`AssessWorker.submit_bytes` wrote to ``path``, which is then removed."""
    assert _WORKER_STAGE is not None, "the worker was not started"
    with open(path, "rb") as file:
        data = file.read()
    os.unlink(path)
    return task(data, _WORKER_STAGE)


def _apply_each(task: Task[T], records: list[Record]) -> list[T | Failed]:
    assert _WORKER_STAGE is not None, "the worker was not started"
    return [attempt(task, record, _WORKER_STAGE) for record in records]


#: Below this many records a stream is handled in this process. Starting a worker costs about half a
#: second of CPU (a fresh interpreter importing the tagger and compiling the topics) and 0.7 s before its
#: first result: two cost what tagging about 1,000 records here costs, and on two idle cores they finish
#: sooner only from about 1,400 records on (measured on the shared PubMed samples and bulk file).
WORKERS_FROM = 1000
#: Records per task sent to a worker: big enough that sending them costs little beside tagging them,
#: small enough that the workers share the end of a stream evenly.
CHUNK = 100


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def each_in_order(
    items: Iterable[tuple[K, Record]],
    task: Task[T],
    stage: RelevanceStage,
    processes: int = 1,
    workers_from: int = WORKERS_FROM,
    chunk: int = CHUNK,
) -> Generator[tuple[K, Record, T | Failed], None, None]:
    """``task`` on every record of ``items`` (each with a key of the caller's, handed back), results in
    the items' order, by ``processes`` worker processes — or by this process, when ``processes`` is 1,
    when the stream ends before ``workers_from`` records (a small input never pays for a worker) or when
    no process can be started.

    Items are read ahead of the results by a few chunks per process, no more, so memory stays flat. A
    worker that dies (killed, out of memory, a crash in native code) loses the chunks it had: the first
    is done again one record at a time in fresh workers, alone, so a record that kills a worker again is
    reported as :class:`Failed` on its own; the chunks behind it are sent again as they were. Close the
    iterator (it is a generator) to stop early: the workers then stop after the chunk in hand.
    """
    source = iter(items)
    if processes <= 1:
        for key, record in source:
            yield key, record, attempt(task, record, stage)
        return
    head = list(itertools.islice(source, workers_from))
    if len(head) < workers_from:
        for key, record in head:
            yield key, record, attempt(task, record, stage)
        return
    yield from _Workers[K, T](task, stage, processes).run(itertools.chain(head, source), chunk)


def each_piece_in_order(
    pieces: Iterable[bytes],
    task: Callable[[bytes, RelevanceStage], T],
    topics: Sequence[Topic],
    processes: int,
) -> Generator[T, None, None]:
    """``task(piece, stage)`` on every piece by ``processes`` worker processes, each with its relevance
    stage for ``topics``, each result in the pieces' order, pieces read ahead by a few per process, no
    more, so memory stays flat.

    Unlike :func:`each_in_order` nothing is retried here: a task that raises, or a worker that dies,
    ends the stream with that exception after the results before it, as does a piece ``pieces`` cannot
    give or a pool that cannot start. The caller knows what the results so far covered and goes on from
    there its own way. Close the iterator to stop early: the workers then stop after the piece in hand.
    """
    pool = AssessWorker(topics, processes)
    pending: deque[Future[T]] = deque()
    source, done = iter(pieces), False
    try:
        while True:
            while not done and len(pending) < 2 * processes + 2:
                piece = next(source, None)
                if piece is None:
                    done = True
                    break
                pending.append(pool.submit_bytes(task, piece))
            if not pending:
                break
            yield waited(pending.popleft())
        pool.close()
    finally:
        pool.close(cancel=True)


class _Workers(Generic[K, T]):
    """The worker side of :func:`each_in_order`: chunks in flight, in order, and what a death costs."""

    def __init__(self, task: Task[T], stage: RelevanceStage, processes: int) -> None:
        self.task, self.stage, self.processes = task, stage, processes
        self.pool: AssessWorker | None = None
        self._start()

    def _start(self) -> None:
        try:
            self.pool = AssessWorker(self.stage.topics, self.processes)
        except Exception as exc:  # no process could be started (a limit, no memory): go on here
            logger.warning("no worker process (%s); going on in this process", describe_error(exc))
            self.pool = None

    def _stop(self, cancel: bool) -> None:
        if self.pool is not None:
            self.pool.close(cancel=cancel)
            self.pool = None

    def run(self, items: Iterator[tuple[K, Record]], chunk: int) -> Iterator[tuple[K, Record, T | Failed]]:
        pending: deque[tuple[list[tuple[K, Record]], Future[list[T | Failed]] | None]] = deque()
        limit = 2 * self.processes + 2
        done = False
        try:
            while True:
                while not done and len(pending) < limit:
                    batch = list(itertools.islice(items, chunk))
                    if not batch:
                        done = True
                        break
                    pending.append((batch, self._send(batch)))
                if not pending:
                    break
                batch, future = pending.popleft()
                try:
                    results = self._results(batch, future)
                except BrokenExecutor:
                    yield from self._after_death(batch, pending)
                    continue
                for (key, record), result in zip(batch, results, strict=True):
                    yield key, record, result
            self._stop(cancel=False)
        finally:
            self._stop(cancel=True)  # left early (Ctrl-C, a closed pipe …): the workers stop soon

    def _send(self, batch: list[tuple[K, Record]]) -> Future[list[T | Failed]] | None:
        if self.pool is None:
            return None
        try:
            return self.pool.submit_each(self.task, [record for _, record in batch])
        except BrokenExecutor as exc:  # a worker died since the last chunk: this one is lost with it
            lost: Future[list[T | Failed]] = Future()
            lost.set_exception(exc)
            return lost

    def _results(
        self, batch: list[tuple[K, Record]], future: Future[list[T | Failed]] | None
    ) -> list[T | Failed]:
        if future is None:  # no worker: here
            return [attempt(self.task, record, self.stage) for _, record in batch]
        return waited(future)

    def _after_death(
        self,
        batch: list[tuple[K, Record]],
        pending: deque[tuple[list[tuple[K, Record]], Future[list[T | Failed]] | None]],
    ) -> Iterator[tuple[K, Record, T | Failed]]:
        """A worker died: every chunk in flight is lost. The first is done again record by record, each
        alone in the workers (so a death names its record), then the others are sent again."""
        behind = [b for b, _ in pending]
        pending.clear()
        logger.warning("a worker process died; its %d records are tagged again one at a time", len(batch))
        self._stop(cancel=True)
        self._start()
        for key, record in batch:
            if self.pool is None:
                yield key, record, attempt(self.task, record, self.stage)
                continue
            try:
                (result,) = waited(self.pool.submit_each(self.task, [record]))
            except BrokenExecutor:
                result = Failed("the worker process died on it")
                self._stop(cancel=True)
                self._start()
            yield key, record, result
        for again in behind:
            pending.append((again, self._send(again)))
