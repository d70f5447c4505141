"""Shared test fixtures: the real recorded replies in ../shared/fixtures, temp stores and configs."""

from __future__ import annotations

from pathlib import Path

import pytest
from osteodigest.crawler.store import Store

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"


def fixture_path(*parts: str) -> Path:
    """Path of a shared real fixture; skips the test with a clear reason when the folder is absent."""
    path = FIXTURES.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared fixture {path} is absent (run with ../shared/fixtures beside the checkout)")
    return path


def tampered_token(token: str) -> str:
    """The token with one character in the middle of its signature changed.

    Why the middle: a signature's last base64 character carries padding bits the decoder drops, so
    changing only that character can leave the decoded signature (and the token's validity) intact.
    """
    payload, dot, signature = token.rpartition(".")
    middle = len(signature) // 2
    swapped = "A" if signature[middle] != "A" else "B"
    return payload + dot + signature[:middle] + swapped + signature[middle + 1 :]


@pytest.fixture
def fixtures_dir() -> Path:
    return fixture_path()


@pytest.fixture
def store(tmp_path):
    """An empty store in the test's temporary folder (a module wanting another kind defines its own)."""
    with Store(tmp_path / "osteodigest.sqlite3") as s:
        yield s
