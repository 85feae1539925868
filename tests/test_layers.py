"""The one-way dependency rule: ui → services → domain + db; domain knows no Qt nor database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "loket"

FORBIDDEN = {
    "domain": ("PySide6", "sqlalchemy", "alembic", "loket.db", "loket.services", "loket.ui"),
    "db": ("PySide6", "loket.services", "loket.ui"),
    "services": ("PySide6", "loket.ui", "loket.i18n"),
}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer: str) -> None:
    offenders = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in sorted((SRC / layer).rglob("*.py"))
        for name in _imports(path)
        if name.startswith(FORBIDDEN[layer])
    ]
    assert offenders == []


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
