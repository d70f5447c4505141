"""Every module-level name of the package is bound once: a second ``_WORD = …`` further down a module
replaces the first for every function that reads it, at run time, with no error (a tokenizer written for
one reader changed two study-size lines of another)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MODULES = sorted(p for tree in ("crawler", "newsletter") for p in (REPO / tree).rglob("*.py"))


def _bound_twice(source: str) -> list[str]:
    counts: Counter[str] = Counter()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            counts.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            counts[node.target.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            counts[node.name] += 1
    return sorted(name for name, n in counts.items() if n > 1)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(REPO)))
def test_each_module_level_name_is_bound_once(path: Path) -> None:
    assert _bound_twice(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_name_bound_twice() -> None:
    assert _bound_twice("_WORD = 1\n\ndef f():\n    return _WORD\n\n_WORD = 2\n") == ["_WORD"]
