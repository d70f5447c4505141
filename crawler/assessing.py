"""Assessing stored works (tags and relevance), here or in a worker process of the run's own.

A fetch stores each reply's records and then assesses the works they changed: the study-type tagger and
the relevance stage read every title and abstract, and in a first run that is the largest share of the
run's CPU. Python runs one thread's bytecode at a time, so the fetch thread's parsing and the main
thread's storing and assessing add up, however long the rate limit makes the fetch wait. Assessing needs
nothing but the stored works (it writes nothing), so a big batch is handed to a worker process — a second
core — which reads the works from the store through a connection of its own and sends back only the
tags and decisions; the run's own thread keeps writing them, in the order the batches were stored, so
SQLite keeps one writer and a work assessed twice ends with its latest assessment.

The worker is started (``spawn``: a fresh interpreter, safe whatever threads the run holds) for the first
batch big enough to be worth it, so a small run never pays for one. It ignores Ctrl-C (the run decides
when to stop) and exits by itself when the run's process is gone (a SIGTERM, a kill), so it never
outlives the run.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from osteodigest.crawler import tagging
from osteodigest.crawler.models import Tags, TopicRelevance, Work
from osteodigest.crawler.relevance import RelevanceStage
from osteodigest.crawler.sources.guard import describe_error
from osteodigest.crawler.store import Store
from osteodigest.crawler.topics import Topic

#: Works read and assessed at a time (one read of the store, one write back).
ASSESS_BATCH = 500
#: How often the worker looks whether the run that started it is still there.
_PARENT_POLL = 0.5


@dataclass
class Assessed:
    """Tags and relevance decisions of a batch of works, and the works that could not be assessed."""

    tags: dict[int, Tags] = field(default_factory=dict)
    decisions: dict[int, dict[str, TopicRelevance]] = field(default_factory=dict)
    #: (work id, error): left as they were (an unassessed work is about nothing until a later run).
    failures: list[tuple[int, str]] = field(default_factory=list)


def assess(work: Work, stage: RelevanceStage) -> tuple[Tags, dict[str, TopicRelevance]]:
    """A work's tags and relevance decisions, both from all its records: the one assessment every
    changed work gets, in the fetch, the edition's catch-up and ``retag`` alike."""
    return tagging.tag_records(work.records), stage.assess(work.records)


def assess_works(store: Store, work_ids: Sequence[int], stage: RelevanceStage) -> Assessed:
    """Read and assess the given works (at most :data:`ASSESS_BATCH` at a time is the caller's choice);
    writes nothing. One work the tagger cannot handle is a failure of its own, never of the others."""
    assessed = Assessed()
    for work in store.works.get_many(work_ids):
        try:
            assessed.tags[work.id], assessed.decisions[work.id] = assess(work, stage)
        except Exception as exc:
            assessed.failures.append((work.id, describe_error(exc)))
    return assessed


def write_assessed(store: Store, assessed: Assessed) -> None:
    """Keep a batch's tags and decisions, together in one transaction."""
    with store.transaction():
        store.works.set_tags(assessed.tags)
        store.works.set_relevance(assessed.decisions)


class AssessWorker:
    """One worker process assessing batches of works of the store at ``path`` for ``topics``."""

    def __init__(self, path: Path, topics: Sequence[Topic]) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(str(path), list(topics), os.getpid()),
        )

    def submit(self, work_ids: Iterable[int]) -> Future[Assessed]:
        return self._pool.submit(_assess_in_worker, sorted(work_ids))

    def close(self, cancel: bool = False) -> None:
        """Stop the worker: after what it was given, or (``cancel``) after the batch in hand only."""
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)


# Held by the worker process between batches: the store it reads and the topics compiled once.
_WORKER_STORE: Store | None = None
_WORKER_STAGE: RelevanceStage | None = None


def _start_worker(path: str, topics: list[Topic], parent: int) -> None:
    global _WORKER_STORE, _WORKER_STAGE
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the run decides
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent watch", daemon=True).start()
    _WORKER_STORE = Store(path)
    _WORKER_STAGE = RelevanceStage(topics)


def _exit_with_parent(parent: int) -> None:
    """A worker whose run was killed would otherwise wait for work forever (its queue never closes)."""
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL)
    os._exit(0)


def _assess_in_worker(work_ids: list[int]) -> Assessed:
    assert _WORKER_STORE is not None and _WORKER_STAGE is not None, "the worker was not started"
    assessed = Assessed()
    for start in range(0, len(work_ids), ASSESS_BATCH):
        part = assess_works(_WORKER_STORE, work_ids[start : start + ASSESS_BATCH], _WORKER_STAGE)
        assessed.tags.update(part.tags)
        assessed.decisions.update(part.decisions)
        assessed.failures.extend(part.failures)
    return assessed
