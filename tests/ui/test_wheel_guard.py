"""Scrolling the registration form over its fields scrolls the form and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.services import auth, branch
from loket.ui.local_config import LocalConfig
from loket.ui.login_dialog import LoginDialog
from loket.ui.pages.registration_page import RegistrationPage
from loket.ui.wheel_guard import WheelGuard, install_wheel_guard


@pytest.fixture
def guard(qapp: QApplication) -> Iterator[WheelGuard]:
    installed = install_wheel_guard(qapp)
    yield installed
    qapp.removeEventFilter(installed)


def wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_not_the_occupation(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], guard: WheelGuard
) -> None:
    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    page = RegistrationPage(db, staff)
    qtbot.addWidget(page)
    page.resize(900, 400)  # shorter than the form: it scrolls
    page.show()
    qtbot.waitExposed(page)
    occupation, birth = page.occupation, page.fields["birth_date"]
    scrollbar = page.findChild(QWidget, "registrationScroll").verticalScrollBar()
    before = (occupation.currentIndex(), birth.date(), scrollbar.value())
    assert occupation.focusPolicy() == Qt.FocusPolicy.StrongFocus
    wheel_down(occupation)
    wheel_down(birth)
    assert (occupation.currentIndex(), birth.date()) == before[:2]
    assert scrollbar.value() > before[2]  # the page moved instead
    # a field the user chose takes the wheel
    occupation.setFocus()
    qtbot.waitUntil(occupation.hasFocus)
    wheel_down(occupation)
    assert occupation.currentIndex() == before[0] + 1


def test_the_login_guards_its_own_fields_before_the_application_wide_guard(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig
) -> None:
    db, _ = demo
    dialog = LoginDialog(db, config)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.username.setFocus()
    before = dialog.counter.currentIndex(), dialog.language.currentIndex()
    wheel_down(dialog.counter)
    wheel_down(dialog.language)
    assert (dialog.counter.currentIndex(), dialog.language.currentIndex()) == before
