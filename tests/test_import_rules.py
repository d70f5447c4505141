"""The import rules of the README's "How the code is laid out", checked on the source with ``ast``.

- ``crawler`` never imports ``newsletter``.
- No SQL outside ``crawler/store/``: no SQL string literal, no ``execute``/``executemany``/
  ``executescript`` call and no ``.conn`` anywhere else in ``crawler/``, ``newsletter/`` or
  ``templates/`` (tests and benchmarks may inspect a store directly and are not checked).
- Inside the store, each owner module runs SQL only on the tables it declares (``TABLES``), and every
  table of the schema has exactly one owner. The store imports nothing of the stages above it.
- A source module (one defining ``fetch``) imports only the shared source helpers (the other modules of
  ``crawler/sources/``) and the few crawler modules every source needs (errors, http, models, settings,
  textutil, topics, and the relevance stage a source asks before dropping off-topic items): never another
  source, never the store. The helpers never import a source either, so a change to one source cannot
  move another.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from osteodigest.crawler.store import Store

REPO = Path(__file__).resolve().parents[1]
TREES = ("crawler", "newsletter", "templates")
STORE = REPO / "crawler" / "store"
SOURCES = REPO / "crawler" / "sources"

#: SQL as the project writes it (upper-case keywords in their usual places); prose never reads so.
SQL = re.compile(
    r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
    r"|\bCREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX)\b|\bALTER\s+TABLE\b|\bDROP\s+(?:TABLE|INDEX)\b|\bPRAGMA\s+\w+"
    r"|\bBEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED)\b|\bSAVEPOINT\s+\w+|\bROLLBACK\b(?!\))"
)
#: Table names after the keywords that name one (``DO UPDATE SET`` of an upsert names none).
TABLE_REFERENCE = re.compile(
    r"\b(?:FROM|JOIN|INTO|(?<!DO )UPDATE|TABLE(?:\s+IF\s+NOT\s+EXISTS)?|INDEX\s+\w+\s+ON)\s+(\w+)"
)
SQL_CALLS = {"execute", "executemany", "executescript"}

#: What a source module may import from the crawler besides the shared source helpers.
SOURCE_MAY_IMPORT = {
    "osteodigest.crawler.abstracts",
    "osteodigest.crawler.errors",
    "osteodigest.crawler.http",
    "osteodigest.crawler.models",
    "osteodigest.crawler.relevance",
    "osteodigest.crawler.settings",
    "osteodigest.crawler.textutil",
    "osteodigest.crawler.topics",
}
#: The shared helpers may also use the text normalization the deduplicator uses.
HELPER_MAY_IMPORT = SOURCE_MAY_IMPORT | {"osteodigest.crawler.dedup.normalize"}
#: What the store may import: it stores and places records, and knows nothing of the stages above it.
STORE_MAY_IMPORT = {
    "osteodigest.crawler.dedup",
    "osteodigest.crawler.errors",
    "osteodigest.crawler.files",
    "osteodigest.crawler.models",
}


def _files(*trees: str) -> Iterator[Path]:
    for tree in trees:
        yield from sorted((REPO / tree).rglob("*.py"))


@functools.cache
def _tree(path: Path) -> ast.Module:
    """Each file parsed once for all the checks."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    parts = parts[:-1] if parts[-1] == "__init__" else parts
    return "osteodigest." + ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Everything ``path`` imports, as absolute dotted names (``from a import b`` is ``a.b``)."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _strings(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal that is not a docstring (f-strings by their fixed parts)."""
    tree = _tree(path)
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            yield node.lineno, text
            skip.update(id(v) for v in node.values)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def _sql_use(path: Path) -> list[str]:
    """Where ``path`` runs or writes SQL: SQL literals, ``execute*`` calls, ``.conn`` attributes."""
    where = [
        f"{path.relative_to(REPO)}:{line}: SQL {text[:60]!r}"
        for line, text in _strings(path)
        if SQL.search(text)
    ]
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Attribute) and (node.attr in SQL_CALLS or node.attr == "conn"):
            where.append(f"{path.relative_to(REPO)}:{node.lineno}: .{node.attr}")
    return where


def _within(name: str, allowed: set[str]) -> bool:
    """Whether ``name`` is one of ``allowed`` or inside one (a submodule, or a name it defines)."""
    return any(name == ok or name.startswith(ok + ".") for ok in allowed)


def _is_source(path: Path) -> bool:
    tree = _tree(path)
    return any(isinstance(node, ast.FunctionDef) and node.name == "fetch" for node in tree.body)


def test_crawler_never_imports_newsletter():
    offenders = {
        str(path.relative_to(REPO)): sorted(
            n for n in _imports(path) if n.startswith("osteodigest.newsletter")
        )
        for path in _files("crawler")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_sql_outside_the_store_package():
    found = [use for path in _files(*TREES) if STORE not in path.parents for use in _sql_use(path)]
    assert not found, "move these into an owner in crawler/store/:\n" + "\n".join(found)


def test_the_sql_check_finds_sql_where_it_is():
    """The rule above is only worth something if the check sees SQL: it must find the store's."""
    assert _sql_use(STORE / "works.py") and _sql_use(STORE / "subscribers.py")
    assert SQL.search("SELECT id FROM works") and SQL.search("INSERT OR IGNORE INTO work_keys")
    assert not SQL.search("Select what goes into an edition; update the preferences from the form")


def _owners() -> dict[Path, tuple[str, ...]]:
    owners = {}
    for path in sorted(STORE.glob("*.py")):
        tree = _tree(path)
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "TABLES" for t in node.targets):
                owners[path] = tuple(ast.literal_eval(node.value))
    return owners


def test_each_owner_touches_only_its_own_tables():
    owners = _owners()
    assert {p.stem for p in owners} == {"works", "editions", "subscribers", "ops", "headlines"}
    # The shipped migrations span families (kept word for word); the connection keeps the ledger of
    # migrations; the facade composes owners and runs no SQL of its own.
    allowed = {**owners, STORE / "database.py": ("migrations",), STORE / "__init__.py": ()}
    for path, tables in allowed.items():
        named = {
            table for _, text in _strings(path) if SQL.search(text) for table in TABLE_REFERENCE.findall(text)
        }
        assert named <= set(tables), f"{path.name} runs SQL on {sorted(named - set(tables))}, not its tables"


def test_every_table_has_exactly_one_owner(tmp_path):
    owned = [table for tables in _owners().values() for table in tables]
    assert len(owned) == len(set(owned)), "a table with two owners"
    with Store(tmp_path / "s.sqlite3") as store:
        tables = {
            r[0]
            for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("sqlite_")
        }
    assert tables - {"migrations"} == set(owned)


def test_the_store_imports_nothing_above_it():
    for path in _files("crawler/store"):
        imported = {n for n in _imports(path) if n.startswith("osteodigest.")}
        stray = {n for n in imported if not _within(n, STORE_MAY_IMPORT | {"osteodigest.crawler.store"})}
        assert not stray, f"{path.name} imports {sorted(stray)}"


@pytest.mark.parametrize(
    "path", sorted(p for p in SOURCES.glob("*.py") if p.name != "__init__.py"), ids=lambda p: p.stem
)
def test_sources_import_only_the_shared_helpers(path):
    modules = [p for p in SOURCES.glob("*.py") if p.name != "__init__.py"]
    sources = {_module_name(p) for p in modules if _is_source(p)}
    helpers = {_module_name(p) for p in modules if not _is_source(p)}
    assert len(sources) >= 7, "the check must recognise the source modules (they define fetch)"
    allowed = (SOURCE_MAY_IMPORT if _module_name(path) in sources else HELPER_MAY_IMPORT) | helpers
    imported = {n for n in _imports(path) if n.startswith("osteodigest.")}
    stray = {n for n in imported if not _within(n, allowed)}
    assert not stray, f"{path.name} imports {sorted(stray)}"


def test_the_stages_never_reach_the_store():
    """Normalising, relevance, deduplication and tagging are functions of records and works: they never
    open the store (the store calls dedup, not the other way round), nor the run that drives them."""
    stages = [REPO / "crawler" / "topics.py", REPO / "crawler" / "normalize.py"]
    for package in ("relevance", "dedup", "tagging"):
        stages += sorted((REPO / "crawler" / package).rglob("*.py"))
    above = {f"osteodigest.crawler.{name}" for name in ("store", "run", "backfill", "status", "failed")}
    for path in stages:
        stray = sorted(n for n in _imports(path) if _within(n, above))
        assert not stray, f"{path.relative_to(REPO)} imports {stray}"
