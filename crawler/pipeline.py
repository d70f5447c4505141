"""A producer on its own thread feeding the caller through a bounded queue.

A run spends most of its fetch time waiting: on the rate limiter (3 requests/s for PubMed) and on the
service. Fetching on a thread of its own while the caller parses, stores, deduplicates and tags the
previous reply overlaps the two, so the run is bounded by the service's rate rather than by the sum of
both. The queue is bounded, so a fast fetch never holds more than a few replies' worth of records in
memory; and only the caller touches the store, so SQLite keeps one writer.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

T = TypeVar("T")

#: Results waiting between the fetch and the store: enough to cover a slow batch, few enough to stay small.
QUEUE_SIZE = 4
#: How often a producer blocked on a full queue looks whether the consumer has gone.
_POLL = 0.1


@dataclass
class _Failed(Generic[T]):
    """The producer raised: the exception travels to the consumer, which raises it in its own thread."""

    exc: BaseException


_DONE = object()


def pipelined(produce: Callable[[], Iterable[T]], size: int = QUEUE_SIZE, name: str = "fetch") -> Iterator[T]:
    """Iterate over ``produce()`` run on a thread of its own, at most ``size`` items ahead of the caller.

    An exception in the producer is raised in the caller where the next item would have been. When the
    caller stops early (an exception, ``close()``), the producer is told to stop at its next item and is
    not waited for beyond that; it is a daemon thread, so a Ctrl-C never waits for a rate-limit pause.
    """
    items: queue.Queue[object] = queue.Queue(maxsize=size)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                items.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        produced = iter(produce())
        try:
            for item in produced:
                if not put(item):
                    return
        except BaseException as exc:  # handed to the consumer, which decides what it means
            put(_Failed(exc))
            return
        finally:
            # A generator left early runs its own clean-up (closing what it opened) here, on its thread.
            close = getattr(produced, "close", None)
            if close is not None:
                close()
        put(_DONE)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    try:
        while True:
            item = _next_of(items)
            if item is _DONE:
                break
            if isinstance(item, _Failed):
                raise item.exc
            yield cast(T, item)
    finally:
        stop.set()
        thread.join(timeout=_POLL * 2)


def _next_of(items: queue.Queue[object]) -> object:
    """The next item, the caller waking every :data:`_POLL` seconds meanwhile: Python raises a Ctrl-C's
    KeyboardInterrupt in the main thread only, when it runs, and the system may hand the signal to the
    producer (in a socket read), which would leave the caller asleep until the service answered."""
    while True:
        try:
            return items.get(timeout=_POLL)
        except queue.Empty:
            continue
