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
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from osteodigest.crawler import tagging
from osteodigest.crawler.models import Record, Tags, TopicRelevance, Work
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.topics import Topic

#: A work's assessment: its tags, and the relevance stage's decision per topic.
Assessment = tuple[Tags, dict[str, TopicRelevance]]
#: How often the worker looks whether the run that started it is still there.
_PARENT_POLL = 0.5


def assess(work: Work, stage: RelevanceStage) -> Assessment:
    """A work's tags and relevance decisions, both from all its records: the one assessment every
    changed work gets, in the fetch, the edition's catch-up and ``retag`` alike."""
    return assess_records(work.records, stage)


def assess_records(records: Sequence[Record], stage: RelevanceStage) -> Assessment:
    return tagging.tag_records(records), stage.assess(records)


class AssessWorker:
    """One worker process assessing records, each as the only record of its work, for ``topics``."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(list(topics), os.getpid()),
        )
        try:
            with _main_not_rerun():
                self._pool.submit(_ready)  # the pool starts its process on a first task: now, so, not later
        except BaseException:
            self._pool.shutdown(wait=False, cancel_futures=True)
            raise

    def submit(self, records: Sequence[Record]) -> Future[list[Assessment | None]]:
        """Each record's assessment as a one-record work, in order (None: the worker could not assess
        it, and the run assesses its work itself, meeting the same failure the same way)."""
        return self._pool.submit(_assess_each, list(records))

    def peak_mb(self) -> float:
        """The worker's own peak resident memory so far, in MB (see :func:`own_peak_mb`)."""
        return self._pool.submit(own_peak_mb).result()

    def close(self, cancel: bool = False) -> None:
        """Stop the worker: after what it was given, or (``cancel``) after the reply in hand only."""
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)


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


# Held by the worker process between replies: the topics compiled once.
_WORKER_STAGE: RelevanceStage | None = None


def _start_worker(topics: list[Topic], parent: int) -> None:
    global _WORKER_STAGE
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the run decides
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent watch", daemon=True).start()
    _WORKER_STAGE = RelevanceStage(topics)


def _exit_with_parent(parent: int) -> None:
    """A worker whose run was killed would otherwise wait for work forever (its queue never closes)."""
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL)
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
