"""The repository layout and the installed layout agree.

The folders ``crawler/``, ``newsletter/`` and ``templates/`` sit at the top of the repository but install
as ``osteodigest.crawler`` … through an explicit package list in ``pyproject.toml``; a new sub-package
missing from that list would silently be left out of the wheel.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TREES = ("crawler", "newsletter", "templates")


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_installed_under_the_osteodigest_namespace() -> None:
    folders = {
        "osteodigest." + ".".join(init.parent.relative_to(REPO).parts)
        for tree in TREES
        for init in (REPO / tree).rglob("__init__.py")
    }
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    assert folders - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert listed - folders == set(), "these listed packages have no folder with an __init__.py"


def test_the_three_trees_map_to_one_namespace_and_the_command_lives_there() -> None:
    data = _pyproject()
    assert data["tool"]["setuptools"]["package-dir"] == {f"osteodigest.{t}": t for t in TREES}
    assert data["project"]["scripts"]["osteodigest"].startswith("osteodigest.")
    assert not (REPO / "osteodigest" / "__init__.py").exists(), "osteodigest is a namespace package"
