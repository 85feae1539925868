"""Running service calls off the GUI thread and getting the result back on it.

Results arrive through signals of a QObject living in the GUI thread, so the slots run
there. Callers tag each job and ignore answers to questions no longer asked.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from loket.domain.errors import LoketError
from loket.ui.crash_dialog import report_unexpected


class JobSignals(QObject):
    done = Signal(int, object)  # tag, result
    failed = Signal(int, object)  # tag, LoketError
    progress = Signal(int, object)  # tag, whatever the job reports


class _Job(QRunnable):
    def __init__(
        self, signals: JobSignals, tag: int, fn: Callable[[Callable[[Any], None]], Any]
    ) -> None:
        super().__init__()
        self._signals, self._tag, self._fn = signals, tag, fn

    def run(self) -> None:
        try:
            result = self._fn(lambda report: self._signals.progress.emit(self._tag, report))
        except LoketError as exc:
            self._signals.failed.emit(self._tag, exc)
        except Exception:  # shown in the crash dialog, on the GUI thread
            info = sys.exc_info()
            self._signals.failed.emit(self._tag, info)
        else:
            self._signals.done.emit(self._tag, result)


class BackgroundRunner(QObject):
    """Owns one :class:`JobSignals`; ``start`` runs a call on Qt's thread pool.

    ``done(tag, result)`` and ``failed(tag, error)`` fire on the GUI thread; unexpected
    exceptions go to the crash dialog instead of ``failed``.
    """

    done = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = JobSignals(self)
        self._signals.done.connect(self.done)
        self._signals.progress.connect(self.progress)
        self._signals.failed.connect(self._on_failed)
        self._next_tag = 0

    def start(self, fn: Callable[[], Any]) -> int:
        return self.start_reporting(lambda _report: fn())

    def start_reporting(self, fn: Callable[[Callable[[Any], None]], Any]) -> int:
        """Like :meth:`start`; ``fn`` gets a callback whose reports arrive as ``progress``."""
        self._next_tag += 1
        QThreadPool.globalInstance().start(_Job(self._signals, self._next_tag, fn))
        return self._next_tag

    def _on_failed(self, tag: int, error: object) -> None:
        if isinstance(error, LoketError):
            self.failed.emit(tag, error)
        else:
            report_unexpected(*error)  # type: ignore[misc]
