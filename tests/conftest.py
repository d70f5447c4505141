"""Shared test fixtures: the real recorded replies in ../shared/fixtures, temp stores and configs."""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import signal
import socket
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from osteodigest.crawler.store import Store

from tests.browser import ARTIFACTS_ROOT

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"


def fixture_path(*parts: str) -> Path:
    """Path of a shared real fixture; skips the test with a clear reason when the folder is absent."""
    path = FIXTURES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared fixture {path} is absent (run with ../shared/fixtures beside the checkout)")
    return path


def benchmark_module(name: str) -> ModuleType:
    """A script of ``benchmarks/`` imported as a module (the folder is not a package)."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def refused_port() -> Iterator[int]:
    """A local port that refuses connections while the block runs: bound but never listening, so no other
    test running alongside can start listening there meanwhile (as it could on a port closed again)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def tampered_token(token: str) -> str:
    """The token with one character in the middle of its signature changed.

    Why the middle: a signature's last base64 character carries padding bits the decoder drops, so
    changing only that character can leave the decoded signature (and the token's validity) intact.
    """
    payload, dot, signature = token.rpartition(".")
    middle = len(signature) // 2
    swapped = "A" if signature[middle] != "A" else "B"
    return payload + dot + signature[:middle] + swapped + signature[middle + 1 :]


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Ctrl-C tests need the commands they start to hear SIGINT. A suite started in the background (a
    shell's ``cmd &``, ``nohup``) inherits SIGINT ignored, and an ignored signal stays ignored across
    exec, so those commands would carry on as if no one had pressed Ctrl-C. A handler installed here is
    reset to the default in every child at exec, whatever started the suite."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Empty test-artifacts/ once per run, in the process that runs the session (xdist's controller,
    whose own hook starts the workers after this one), so the screenshots there are this run's and no
    worker deletes what another wrote."""
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(ARTIFACTS_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def no_user_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the config of whoever runs the tests: the user config folder (platformdirs honours
    $XDG_CONFIG_HOME) is an empty folder of the test's, and $OSTEODIGEST_CONFIG is unset."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
    monkeypatch.delenv("OSTEODIGEST_CONFIG", raising=False)


@pytest.fixture
def fixtures_dir() -> Path:
    return fixture_path()


@pytest.fixture
def store(tmp_path):
    """An empty store in the test's temporary folder (a module wanting another kind defines its own)."""
    with Store(tmp_path / "osteodigest.sqlite3") as s:
        yield s
