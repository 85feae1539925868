from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from loket.ui.crash_dialog import report_unexpected


def test_an_unexpected_error_is_logged_and_shown_with_a_reference(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    try:
        raise KeyError("printer_profile")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR, logger="loket.crash"):
            reference = report_unexpected(type(exc), exc, exc.__traceback__)
    assert len(reference) == 8
    assert reference in caplog.text and "KeyError: 'printer_profile'" in caplog.text
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "crashDialog"
    ]
    assert boxes, "the crash dialog is shown"
    box = boxes[-1]
    qtbot.addWidget(box)
    assert f"referensi {reference}" in box.text() and "Traceback" not in box.text()
