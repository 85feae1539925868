"""The one-way dependency rule, as one table: each package of ``src/loket`` and the packages
it may import — ui → services → domain + db, the keyring below both — and no import circle
between any two modules, lazy imports inside functions included."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "loket"

# package (or top-level module) → the packages of Loket it may import
ALLOWED: dict[str, set[str]] = {
    "resources": set(),
    "private_files": set(),
    "domain": {"resources"},  # knows no Qt and no database (THIRD_PARTY below)
    "keys": {"domain"},  # the operating system's keyring: the token and what derives from it
    "logs": {"domain", "private_files"},
    "db": {"domain", "keys", "private_files"},
    "documents": {"domain", "resources"},
    "printing": {"domain"},
    "i18n": {"domain", "resources"},
    "services": {"db", "documents", "domain", "keys", "logs", "printing", "private_files"},
    "sync": {"db", "domain", "keys", "logs", "private_files", "services"},
    "server": {"db", "domain", "keys", "logs", "private_files"},  # never a branch's services
    # ui: the screens, over the services (and the sync worker they start)
    "ui": {"db", "domain", "i18n", "keys", "logs", "printing", "private_files", "resources"}
    | {"services", "sync"},
    "cli": {"db", "domain", "i18n", "keys", "logs", "private_files", "services", "sync"},
    "app": {"db", "domain", "i18n", "logs", "printing", "private_files", "resources", "ui"},
}
# third-party packages a layer must not use
THIRD_PARTY = {
    "domain": ("PySide6", "sqlalchemy", "alembic", "keyring", "httpx"),
    "keys": ("PySide6", "sqlalchemy"),
    "db": ("PySide6",),
    "services": ("PySide6", "httpx"),
    "sync": ("PySide6",),
    "server": ("PySide6",),
}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _package(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        name = ".".join(("loket", *path.relative_to(SRC).with_suffix("").parts))
        found[name.removesuffix(".__init__")] = path
    return found


def test_the_table_names_every_package() -> None:
    packages = {_package(p) for p in SRC.rglob("*.py") if p.parent != SRC or p.stem != "__init__"}
    assert packages == set(ALLOWED)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_what_the_table_allows(package: str) -> None:
    offenders = sorted(
        f"{path.relative_to(SRC)} imports {name}"
        for path in SRC.rglob("*.py")
        if _package(path) == package
        for name in _imports(path)
        if (
            name.startswith("loket.")
            and name.split(".")[1] != package
            and name.split(".")[1] in ALLOWED
            and name.split(".")[1] not in ALLOWED[package]
        )
        or name.startswith(THIRD_PARTY.get(package, ("\0",)))
    )
    assert offenders == []


def _graph() -> dict[str, set[str]]:
    modules = _modules()

    def owner(name: str) -> str:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {owner(n) for n in _imports(path) if n.startswith("loket")}
        # a module importing its own package's names is not a circle through the package
        graph[name] = {t for t in targets if t and t != name and not name.startswith(t + ".")}
    return graph


def _circles(graph: dict[str, set[str]]) -> Iterator[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(v: str) -> Iterator[list[str]]:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                yield from visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                yield sorted(component)

    for v in sorted(graph):
        if v not in index:
            yield from visit(v)


def test_no_import_circle() -> None:
    assert list(_circles(_graph())) == []


def test_a_circle_would_be_found() -> None:
    assert list(_circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})) == [["a", "b", "c"]]


def test_widgets_never_touch_a_session() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in sorted((SRC / "ui").rglob("*.py"))
        if any(
            n.startswith(("sqlalchemy", "loket.db.models", "loket.db.sequences"))
            for n in _imports(path)
        )
        or ".transaction()" in path.read_text()
        or ".reader()" in path.read_text()
    ]
    assert offenders == []
