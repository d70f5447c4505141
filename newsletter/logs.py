"""What goes to stderr, and in which format: ``--log-format text`` (lines for a person) or ``json`` (one
JSON object a line, for a log collector).

With ``json``, *every* line on stderr is JSON, not only the logging module's: the one-line ``source:
cause`` problems, "no edition made", a usage error from argparse, a line printed by a stage. Rather than
chase each ``print(..., file=sys.stderr)``, :func:`json_stderr` puts a line-wrapping stream in place of
``sys.stderr`` for the command's duration, so a line written by code that knows nothing of the format
(argparse, a library) comes out as ``{"level": "error", "message": …}`` too.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from typing import TextIO

#: The level given to a line that was written to stderr rather than logged: it says something went wrong.
PLAIN_LINE_LEVEL = "error"


def json_line(message: str, level: str, logger: str, created: float | None = None) -> str:
    """One log line as JSON, the same fields for a logged record and a plain stderr line."""
    when = time.localtime(created if created is not None else time.time())
    return json.dumps(
        {
            "time": time.strftime("%Y-%m-%d %H:%M:%S", when),
            "level": level,
            "logger": logger,
            "message": message,
        },
        ensure_ascii=False,
    )


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + self.formatException(record.exc_info)
        return json_line(message, record.levelname.lower(), record.name, record.created)


class JsonLines(io.TextIOBase):
    """A text stream that writes each complete line it is given to ``target`` as a JSON object."""

    def __init__(self, target: TextIO) -> None:
        self.target = target
        self._pending = ""

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False  # no progress bar drawn with carriage returns

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            if line.strip():
                self.target.write(json_line(line.rstrip("\r"), PLAIN_LINE_LEVEL, "osteodigest") + "\n")
        return len(text)

    def flush(self) -> None:
        if getattr(self.target, "closed", False):
            # Finalisation (``io`` closes, so flushes, a wrapper it collects) after the stream it wrapped was
            # closed by its owner: there is nothing left to write to, and raising here would only be noise.
            return
        if self._pending.strip():
            self.target.write(json_line(self._pending, PLAIN_LINE_LEVEL, "osteodigest") + "\n")
        self._pending = ""
        self.target.flush()


def wanted_format(argv: Sequence[str]) -> str:
    """The ``--log-format`` of a command line, read before argparse (whose own errors must follow it)."""
    fmt = "text"
    for index, arg in enumerate(argv):
        if arg == "--log-format" and index + 1 < len(argv):
            fmt = argv[index + 1]
        elif arg.startswith("--log-format="):
            fmt = arg.partition("=")[2]
    return fmt


@contextlib.contextmanager
def json_stderr(enabled: bool) -> Iterator[None]:
    """Every line written to ``sys.stderr`` in the block comes out as JSON (when ``enabled``)."""
    if not enabled:
        yield
        return
    original = sys.stderr
    wrapper = JsonLines(original)
    sys.stderr = wrapper
    try:
        yield
    finally:
        wrapper.flush()
        sys.stderr = original


def setup_logging(verbose: bool, fmt: str) -> None:
    """The ``osteodigest`` loggers to stderr (as it is now: the real one, or a test's capture), INFO with
    ``--verbose``, else WARNING; JSON records are written as they are, not wrapped again."""
    target = sys.stderr.target if isinstance(sys.stderr, JsonLines) else sys.stderr
    handler = logging.StreamHandler(target)
    text = logging.Formatter("%(levelname)s: %(message)s")
    handler.setFormatter(JsonFormatter() if fmt == "json" else text)
    root = logging.getLogger("osteodigest")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    root.propagate = False
