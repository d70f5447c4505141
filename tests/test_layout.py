"""The repository layout and the installed layout agree.

The folders ``crawler/``, ``newsletter/`` and ``templates/`` sit at the top of the repository but install
as ``osteodigest.crawler`` … through an explicit package list in ``pyproject.toml``; a new sub-package
missing from that list would silently be left out of the wheel.
"""

from __future__ import annotations

import ast
import re
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


def _map_names() -> set[str]:
    """Every name in backticks in the README's "How the code is laid out" section."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("## How the code is laid out")
    section = readme[start : readme.index("\n## ", start + 1)]
    return {part for token in re.findall(r"`([^`]+)`", section) for part in token.strip("/").split("/")}


def test_the_readme_map_names_every_package_and_module() -> None:
    """The map is the current layout: a package or module it does not name is a map out of date."""
    names = _map_names()
    # The templates are data, named by their folder; crawler/data holds data files, no code.
    code = [
        path
        for tree in TREES[:2]
        for path in sorted((REPO / tree).iterdir())
        if path.suffix == ".py" or ((path / "__init__.py").exists() and path.name != "data")
    ]
    code += sorted((REPO / "crawler" / "store").glob("*.py"))
    missing = [str(p.relative_to(REPO)) for p in code if p.name != "__init__.py" and p.name not in names]
    assert not missing, f"name these in README's 'How the code is laid out': {missing}"


def _top_level_names(source: str) -> list[str]:
    names: list[str] = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            names += [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
    return names


def test_no_module_defines_a_top_level_name_twice() -> None:
    """A second pattern of the same name silently replaces the first for every function that reads it (a new
    ``_PART_BEFORE`` in key_numbers.py once changed a rule written long before it, and no check complained).
    Ruff's redefinition check covers imports and functions, not assignments."""
    twice = {}
    for tree in TREES[:2]:
        for path in sorted((REPO / tree).rglob("*.py")):
            names = _top_level_names(path.read_text(encoding="utf-8"))
            repeated = sorted({name for name in names if names.count(name) > 1})
            if repeated:
                twice[str(path.relative_to(REPO))] = repeated
    assert not twice, f"top-level names defined twice: {twice}"


def test_the_check_for_names_defined_twice_finds_one() -> None:
    assert _top_level_names("A = 1\ndef f(): pass\nA: int = 2\n") == ["A", "f", "A"]
