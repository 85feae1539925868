"""Every signal the UI connects hands its arguments only to parameters meant for them.

Qt passes a signal's arguments to the slot (``clicked`` sends ``checked``, ``activated`` an
index…). A slot such as ``close_day(self, password=None)`` connected to ``clicked`` receives
``False`` as the password: *Tutup hari…* failed that way while its tests, which called the
method with a password, passed. This test reads the UI's source and fails on the pattern: a
slot whose parameter would receive a signal's argument has a default (so it is meant for
something else), or needs more arguments than the signal sends.
"""

from __future__ import annotations

import ast
from pathlib import Path

import loket

SRC = Path(loket.__file__).parent
UI = SRC / "ui"

# How many arguments each Qt signal we connect sends (PySide6 passes them all when the slot
# takes them). Signals declared with Signal(...) in our own modules are read from the source.
QT_SIGNALS: dict[str, int] = {
    "clicked": 1,
    "toggled": 1,
    "triggered": 1,
    "activated": 1,
    "pressed": 0,
    "released": 0,
    "currentIndexChanged": 1,
    "currentTextChanged": 1,
    "textChanged": 1,
    "textEdited": 1,
    "valueChanged": 1,
    "dateChanged": 1,
    "timeChanged": 1,
    "stateChanged": 1,
    "checkStateChanged": 1,
    "doubleClicked": 1,
    "itemSelectionChanged": 0,
    "currentRowChanged": 1,
    "currentItemChanged": 2,
    "itemChanged": 1,
    "itemDoubleClicked": 1,
    "itemClicked": 1,
    "cellDoubleClicked": 2,
    "returnPressed": 0,
    "editingFinished": 0,
    "accepted": 0,
    "rejected": 0,
    "finished": 1,
    "timeout": 0,
    "selectionChanged": 2,
    "currentChanged": 1,
    "linkActivated": 1,
    "customContextMenuRequested": 1,
    "idButtonClicked": 1,
    "buttonClicked": 1,
    "destroyed": 1,
    "sectionClicked": 1,
    "rowsInserted": 3,
    "modelReset": 0,
    "layoutChanged": 0,
    "started": 0,
    "readyRead": 0,
    "errorOccurred": 1,
    "aboutToQuit": 0,
    "fileChanged": 1,
    "directoryChanged": 1,
    "focusChanged": 2,
    "applicationStateChanged": 1,
}


# A parameter with one of these names says it is there to take the signal's argument
# (`lambda _=False, p=prefix: self.take(p)` binds the loop's value after it).
MEANT_FOR_THE_SIGNAL = {"_", "checked", "_checked", "index", "_index"}


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(UI.rglob("*.py"))]


def _our_signals(trees: list[tuple[Path, ast.Module]]) -> dict[str, int]:
    """`name = Signal(a, b)` in our classes: the name and how many arguments it sends."""
    found: dict[str, int] = {}
    for _, tree in trees:
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name)
                and node.value.func.id == "Signal"
            ):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = max(found.get(target.id, 0), len(node.value.args))
    return found


def _methods(trees: list[tuple[Path, ast.Module]]) -> dict[str, list[ast.FunctionDef]]:
    """Every method of every class in the UI, by name."""
    found: dict[str, list[ast.FunctionDef]] = {}
    for _, tree in trees:
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for item in cls.body:
                if isinstance(item, ast.FunctionDef):
                    found.setdefault(item.name, []).append(item)
    return found


def _class_methods(cls: ast.ClassDef) -> dict[str, ast.FunctionDef]:
    return {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}


def _wrong(fn: ast.FunctionDef | ast.Lambda, sends: int, bound: bool) -> str | None:
    args = fn.args
    params = args.posonlyargs + args.args
    if bound:
        params = params[1:]  # self
    if args.vararg is not None:
        return None  # *args: takes whatever comes
    defaults_from = len(params) - len(args.defaults)
    required = defaults_from
    if required > sends:
        return f"needs {required} arguments, the signal sends {sends}"
    for i, p in enumerate(params[:sends]):
        if i >= defaults_from and p.arg not in MEANT_FOR_THE_SIGNAL:
            return f"parameter '{p.arg}' has a default but receives the signal's argument"
    return None


def test_no_slot_receives_a_signal_argument_it_is_not_meant_for() -> None:
    trees = _modules()
    ours = _our_signals(trees)
    # a name both Qt and we use (finished…): the larger count, the stricter check
    signals = {n: max(QT_SIGNALS.get(n, 0), ours.get(n, 0)) for n in QT_SIGNALS.keys() | ours}
    methods = _methods(trees)
    problems: list[str] = []
    checked = 0
    for path, tree in trees:
        owner = {
            child: cls
            for cls in ast.walk(tree)
            if isinstance(cls, ast.ClassDef)
            for child in ast.walk(cls)
        }
        for node in ast.walk(tree):
            cls = owner.get(node)
            own = _class_methods(cls) if cls is not None else {}
            if True:
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "connect"
                    and isinstance(node.func.value, ast.Attribute)
                    and node.args
                ):
                    continue
                signal = node.func.value.attr
                if signal not in signals:
                    continue
                sends, slot = signals[signal], node.args[0]
                where = f"{path.relative_to(SRC)}:{node.lineno} {signal} →"
                candidates: list[ast.FunctionDef | ast.Lambda]
                if isinstance(slot, ast.Lambda):
                    candidates, bound, name = [slot], False, "lambda"
                elif isinstance(slot, ast.Attribute):
                    name, bound = slot.attr, True
                    if (
                        isinstance(slot.value, ast.Name)
                        and slot.value.id == "self"
                        and (slot.attr in own)
                    ):
                        candidates = [own[slot.attr]]
                    else:
                        candidates = methods.get(slot.attr, [])
                else:
                    continue  # a plain name (a parameter or another signal): nothing to read
                for fn in candidates:
                    checked += 1
                    reason = _wrong(fn, sends, bound)
                    if reason:
                        problems.append(f"{where} {name}: {reason}")
    assert checked > 150, "the check found too few connections: is it still reading the UI?"
    assert not problems, "\n".join(problems)
