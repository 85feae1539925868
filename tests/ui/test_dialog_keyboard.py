"""Every dialog works without the mouse: it opens with the keyboard focus in its first
field, Tab reaches every field and button it shows, and Esc closes it without doing
anything."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import Claim
from loket.services import auth, branch, cash_sessions, participants
from loket.services.actor import Actor
from loket.services.claims import get_claim
from loket.services.registration import register_participant
from loket.ui.cash_count_dialog import CashCountDialog, CountFor
from loket.ui.change_password_dialog import ChangePasswordDialog
from loket.ui.correction_dialog import CorrectionDialog
from loket.ui.local_config import LocalConfig
from loket.ui.login_dialog import LoginDialog
from loket.ui.pages.claims.dialogs import HandoverDialog, PayoutDialog
from loket.ui.supervisor_override import SupervisorOverrideDialog
from tests.claims_office import Branch, jkm_claim
from tests.factories import bpu_worker

_INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractButton)


def _reachable(dialog: QDialog) -> list[QWidget]:
    return [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, _INPUTS)
        and w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not (isinstance(w, QLineEdit) and isinstance(w.parentWidget(), (QComboBox,
                                                                            QAbstractSpinBox)))
    ]  # fmt: skip


def _check(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    first = QApplication.focusWidget()
    assert first is not None and dialog.isAncestorOf(first), type(dialog).__name__
    assert isinstance(first, (QLineEdit, QComboBox, QAbstractSpinBox)), (
        f"{type(dialog).__name__} opens with the focus on {type(first).__name__}"
    )
    wanted = set(map(id, _reachable(dialog)))
    seen: set[int] = set()
    for _ in range(len(wanted) * 2 + 4):
        focused = QApplication.focusWidget()
        while focused is not None and id(focused) not in wanted and focused is not dialog:
            focused = focused.parentWidget()  # a combo's or spin box's own line edit
        if focused is not None:
            seen.add(id(focused))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    missed = [f"{type(w).__name__}#{w.objectName()} {getattr(w, 'text', lambda: '')()!r}"
              for w in _reachable(dialog) if id(w) not in seen]  # fmt: skip
    assert not missed, f"{type(dialog).__name__}: Tab never reaches {missed}"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def _staff(db: Database, pw: dict[str, str]) -> Actor:
    return auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)


DIALOGS: dict[str, Callable[[Database, dict[str, str], LocalConfig], QDialog]] = {
    "login": lambda db, pw, config: LoginDialog(db, config),
    "change password": lambda db, pw, config: ChangePasswordDialog(db, _staff(db, pw)),
    "open the drawer": lambda db, pw, config: CashCountDialog(
        db, _staff(db, pw), CountFor.OPEN, None
    ),
    "supervisor override": lambda db, pw, config: SupervisorOverrideDialog("Selisih kas"),
    "correction": lambda db, pw, config: CorrectionDialog(
        db,
        _staff(db, pw),
        participants.get_participant(
            db,
            _staff(db, pw),
            register_participant(db, _staff(db, pw), bpu_worker()).participant_id,
        ),
    ),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialogs_work_from_the_keyboard(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], config: LocalConfig, name: str
) -> None:
    db, pw = demo
    _check(qtbot, DIALOGS[name](db, pw, config))


def test_the_drawer_count_and_the_claim_dialogs_work_from_the_keyboard(
    qtbot: QtBot, office: Branch
) -> None:
    from loket.services.claims import create_claim, decide_claim, submit_claim
    from loket.services.payments import PaymentLine, pay

    o = office
    pay(o.db, o.staff, [PaymentLine(o.participant_id, 1)], method="cash", tendered=10**6)
    drawer = cash_sessions.current_session(o.db, o.staff)
    _check(qtbot, CashCountDialog(o.db, o.staff, CountFor.CLOSE, drawer))
    _check(qtbot, CashCountDialog(o.db, o.staff, CountFor.HAND_OVER, drawer))
    claim_id = create_claim(o.db, o.staff, jkm_claim(o))
    submit_claim(o.db, o.staff, claim_id)
    decide_claim(o.db, o.head, claim_id, approve=True, password=o.passwords["kepala"])
    with o.db.reader() as s:
        assert s.scalar(select(Claim.status).where(Claim.id == claim_id)) == "approved"
    detail = get_claim(o.db, o.staff, claim_id)
    _check(qtbot, PayoutDialog(o.db, o.staff, detail, None))
    _check(qtbot, HandoverDialog(o.db, o.staff, detail, "Banjarmasin", None))
