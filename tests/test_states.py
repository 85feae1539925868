"""Every state is compared through its enum (``domain/states.py``, ``domain/claim_status.py``),
never against a string literal typed again: a state renamed in one place would leave the
other comparing against nothing."""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path

from loket.domain import claim_status, states

SRC = Path(__file__).resolve().parents[1] / "src" / "loket"
ENUMS = [
    e
    for module in (states, claim_status)
    for e in vars(module).values()
    if isinstance(e, type) and issubclass(e, StrEnum) and e is not StrEnum
]
VALUES = {m.value for e in ENUMS for m in e if m.value}
HOLDERS = ("status", "method", "state", "action")  # what the compared expression names


def _names(node: ast.expr) -> str:
    return ast.unparse(node).lower()


def _literals(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [v for elt in node.elts for v in _literals(elt)]
    return []


def test_no_state_is_compared_as_a_string_literal() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "in_"
            ):
                sides = [node.func.value, *node.args]
            else:
                continue
            named = any(h in _names(s) for s in sides for h in HOLDERS if not _literals(s))
            found = [v for s in sides for v in _literals(s) if v in VALUES]
            if named and found:
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno} {ast.unparse(node)}")
    assert offenders == []


def test_the_check_sees_a_literal_state() -> None:
    tree = ast.parse('ticket.status == "waiting"')
    compare = tree.body[0].value  # type: ignore[attr-defined]
    assert _literals(compare.comparators[0]) == ["waiting"] and "status" in _names(compare.left)
