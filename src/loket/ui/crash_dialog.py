"""Unexpected errors: logged with a reference, shown in a dialog, and the work kept open."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from loket.i18n import translate

log = logging.getLogger("loket.crash")
_shown: list[QMessageBox] = []  # parentless boxes die with their last Python reference


def report_unexpected(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """Logs the error (the traceback goes to the log file only) and shows a dialog with the
    reference the staff can quote to support. Returns the reference."""
    reference = os.urandom(4).hex().upper()
    log.error(
        "unexpected error %s\n%s", reference, "".join(traceback.format_exception(exc_type, exc, tb))
    )
    if QApplication.instance() is not None:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(translate("CrashDialog", "Terjadi kesalahan"))
        box.setText(
            translate(
                "CrashDialog",
                "Terjadi kesalahan yang tidak terduga (referensi {ref}). Pekerjaan Anda tetap "
                "terbuka; simpan bila bisa dan laporkan referensi ini ke admin cabang.",
            ).format(ref=reference)
        )
        box.setObjectName("crashDialog")
        _shown.append(box)
        box.finished.connect(lambda _result: _shown.remove(box))
        box.open()  # not exec(): never nests an event loop inside a failing slot
    return reference


def install_crash_handler() -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report_unexpected(exc_type, exc, tb)

    sys.excepthook = hook
