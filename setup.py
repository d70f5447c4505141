"""Builds the tagging hot path as C extensions with mypyc; everything else is in ``pyproject.toml``.

Why: ``osteodigest tag`` on an NLM update file is bound by Python's own dispatch in the tagging rules
(measured: regex and automaton work are only about an eighth of its CPU), and issue 14 asks for 1,500
records/s end to end. mypyc (part of mypy, which the project already type-checks with) compiles the same
type-annotated modules to C, with the same results; on the bulk file it cuts the tagging CPU by about a
tenth (``benchmarks/tagging.py --throughput-only``). Written by hand, the same gain would mean rewriting
the rules engine.

What is compiled is :data:`COMPILED`: the modules every tagged record runs through. The relevance stage
is not (it is a few percent of the time, and its documents cache their parts in ``cached_property``,
which mypyc's native classes do not keep), nor is the PubMed parser: a compiled generator does not close
what its ``with`` block opened when it is dropped unfinished, where Python's does.

Pure Python is built instead, and nothing here is needed, when
* ``OSTEODIGEST_PURE=1`` is set, or
* the install is editable (``pip install -e .``): an extension built next to its ``.py`` file would
  shadow every later edit of it, or
* mypyc is not importable, or compiling fails (no C compiler, no Python headers): each extension is
  ``optional``, so the install goes on without it, and the modules run as Python, only slower.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from setuptools import Extension, setup

ROOT = Path(__file__).resolve().parent
#: mypy finds a module only under its own name, and crawler/ installs as osteodigest.crawler: the build
#: reads the sources through links, as ``.ci/mypy`` does.
TREE = Path("build") / "mypy-tree"
TREES = ("crawler", "newsletter", "templates")
#: The modules a tagged record runs through (parse, view, rules, model, key numbers, evidence, takeaway).
COMPILED = (
    "crawler/abstracts.py",
    "crawler/tagging/cues.py",
    "crawler/tagging/design.py",
    "crawler/tagging/evidence.py",
    "crawler/tagging/features.py",
    "crawler/tagging/flags.py",
    "crawler/tagging/hits.py",
    "crawler/tagging/key_numbers.py",
    "crawler/tagging/model.py",
    "crawler/tagging/study_type.py",
    "crawler/tagging/subtopics.py",
    "crawler/tagging/takeaway.py",
    "crawler/tagging/view.py",
)


def _clean() -> None:
    """setuptools packs whatever an earlier build left in build/lib*: a module compiled then and no longer
    listed (or a pure build after a compiled one) would install its stale extension. Every build starts
    from none."""
    for stale in (*(ROOT / "build").glob("lib.*"), *(ROOT / "build").glob("bdist.*"), ROOT / "build" / "lib"):
        shutil.rmtree(stale, ignore_errors=True)


def _pure() -> bool:
    if os.environ.get("OSTEODIGEST_PURE", "").strip() not in ("", "0"):
        return True
    return any(arg in ("editable_wheel", "develop") for arg in sys.argv)


def _extensions() -> list[Extension]:
    if _pure():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("osteodigest: mypyc is not available; installing pure Python", file=sys.stderr)
        return []
    tree = ROOT / TREE / "osteodigest"
    tree.mkdir(parents=True, exist_ok=True)
    for folder in TREES:
        link = tree / folder
        if not link.is_symlink():
            link.symlink_to(Path("..", "..", "..", folder))
    os.environ["MYPYPATH"] = str(TREE)
    paths = [str(TREE / "osteodigest" / path) for path in COMPILED]
    options = [
        # The build's own environment has none of the run-time packages: what it cannot see is Any to mypy
        # (and an object to the compiled code), which changes no result.
        "--config-file=",
        "--explicit-package-bases",
        "--ignore-missing-imports",
        "--follow-imports=silent",
    ]
    try:
        extensions: list[Extension] = mypycify(options + paths, opt_level="3")
    except (Exception, SystemExit) as exc:  # mypy found a type error, or mypyc cannot compile something
        print(
            f"osteodigest: not compiling the tagging modules ({exc}); installing pure Python", file=sys.stderr
        )
        return []
    for extension in extensions:
        extension.optional = True
    return extensions


_clean()
setup(ext_modules=_extensions())
