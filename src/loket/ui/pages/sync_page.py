"""*Server pusat* (admin): the server's address, the branch token (kept in the OS keyring),
a connection test, "sync now", and how sync is doing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.bundle import token_branch
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.i18n import error_text
from loket.keys import KeyringUnavailable, keyring_backend, load_token, store_token
from loket.services import recovery, settings, sync
from loket.services.actor import Actor
from loket.services.errors import ValidationError
from loket.sync.client import SyncClient
from loket.sync.worker import WorkerReport
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.pages.page_header import make_page_title
from loket.ui.retranslating import Retranslating
from loket.ui.sync_controller import SyncController
from loket.ui.sync_status import sync_status_text
from loket.ui.workers import BackgroundRunner

_WRONG_BRANCH = QT_TRANSLATE_NOOP(
    "LoketError", "Token ini bukan token cabang {code} (salin lagi dari server pusat)."
)


class SyncPage(Retranslating, QWidget):
    settings_saved = Signal()

    def __init__(
        self,
        db: Database,
        actor: Actor,
        controller: SyncController,
        timezone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._controller = db, actor, controller
        self._timezone = timezone
        self._status = sync.status(db)
        self.title = make_page_title()
        self.url = QLineEdit(settings.get_setting(db, "sync_server_url"))
        self.url.setObjectName("serverUrl")
        self.url.setPlaceholderText("https://loket-pusat.example:8750")
        self.token = QLineEdit()
        self.token.setObjectName("token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.keyring_state = QLabel()
        self.keyring_state.setObjectName("keyringState")
        self.keyring_state.setWordWrap(True)
        self.save = QPushButton()
        self.save.setObjectName("saveSync")
        self.save.clicked.connect(self._save)
        self.test = QPushButton()
        self.test.setObjectName("testConnection")
        self.test.clicked.connect(self._test)
        self.sync_now = QPushButton()
        self.sync_now.setObjectName("syncNow")
        self.sync_now.clicked.connect(controller.sync_now)
        self.state = QLabel()
        self.state.setObjectName("syncState")
        self.state.setWordWrap(True)
        self.error = make_error_label("syncError")
        self.result = QLabel()
        self.result.setObjectName("syncResult")
        self.result.setWordWrap(True)
        self.recovered = QLabel()  # after a restore: what came back, what to re-enter
        self.recovered.setObjectName("recovered")
        self.recovered.setWordWrap(True)
        self.recovered.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refused_title = QLabel()
        self.refused = QListWidget()  # events the server refused, with its reason
        self.refused.setObjectName("refusedEvents")
        self.refused.setMaximumHeight(140)
        self._labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        form.addRow(self._labels[0], self.url)
        form.addRow(self._labels[1], self.token)
        form.addRow("", self.keyring_state)
        form.addRow(self._labels[2], self.state)
        buttons = QHBoxLayout()
        for button in (self.save, self.test, self.sync_now):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addWidget(self.recovered)
        layout.addWidget(self.refused_title)
        layout.addWidget(self.refused)
        layout.addStretch(1)
        self._runner = BackgroundRunner(self)
        self._runner.done.connect(self._tested)
        self._runner.failed.connect(self._test_failed)
        controller.report.connect(self._show_report)
        self.retranslate_ui()

    def _fields(self) -> dict[str, QWidget]:
        return {"sync_server_url": self.url, "token": self.token}

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Server pusat"))
        for label, text in zip(
            self._labels,
            (self.tr("Alamat server"), self.tr("Token cabang"), self.tr("Keadaan")),
            strict=True,
        ):
            label.setText(text)
        self.save.setText(self.tr("Simpan"))
        self.test.setText(self.tr("Uji koneksi"))
        self.sync_now.setText(self.tr("Sinkronkan sekarang"))
        self._show_keyring()
        self._show_report(self._controller.last)

    def _show_keyring(self) -> None:
        backend = keyring_backend()
        if not backend:
            self.keyring_state.setText(error_text(KeyringUnavailable()))
            self.keyring_state.setStyleSheet("color: #b3261e;")
            return
        stored = load_token(self._status.branch_code) is not None
        self.keyring_state.setStyleSheet("")
        self.keyring_state.setText(
            (
                self.tr("Token tersimpan di keyring sistem ({backend}); kosongkan agar tetap.")
                if stored
                else self.tr("Belum ada token; token disimpan di keyring sistem ({backend}).")
            ).format(backend=backend.rsplit(".", 1)[-1])
        )

    def _show_report(self, report: WorkerReport | None) -> None:
        status = report.status if report else sync.status(self._db)
        text, tip = sync_status_text(True, report, status, self._timezone)
        self.state.setText(text + (f"\n{tip}" if tip else ""))
        refused = sync.refused_events(self._db) if status.refused else []
        self.refused_title.setText(
            self.tr(
                "Ditolak server pusat ({count}): tidak diterapkan di sana; kejadian lain tetap "
                "terkirim. Laporkan ke kantor wilayah."
            ).format(count=len(refused))
        )
        self.refused.clear()
        for e in refused:
            self.refused.addItem(
                f"#{e.seq} · {e.type} · {e.created_at:%d-%m-%Y %H:%M} · {e.reason}"
            )
        self.refused_title.setVisible(bool(refused))
        self.refused.setVisible(bool(refused))
        self._show_recovery()

    def _show_recovery(self) -> None:
        text = ""
        if (restore := recovery.waiting(self._db)) is not None:
            text = self.tr(
                "Database dipulihkan dari cadangan {backup}. Sinkronisasi berikutnya menarik "
                "dari server pusat apa yang dibuat sesudah cadangan itu, sebelum mengirim apa pun."
            ).format(backup=restore["backup"])
        elif (found := recovery.last_recovery(self._db)) is not None:
            lines = [
                self.tr(
                    "Dipulihkan dari cadangan {backup}: {events} kejadian sesudahnya ditarik "
                    "dari server pusat; nomor berikutnya melanjutkan nomor itu."
                ).format(backup=found.backup, events=found.events)
            ]
            for label, items in (
                (self.tr("Masukkan lagi dari arsip kertas — kuitansi:"), found.receipts),
                (self.tr("Klaim:"), found.claims),
                (self.tr("Berita acara:"), found.handovers),
                (self.tr("PERHATIAN, nomor terpakai dua kali:"), found.issued_twice),
            ):
                if items:
                    lines.append(f"{label} {', '.join(items)}")
            text = "\n".join(lines)
        self.recovered.setText(text)
        self.recovered.setVisible(bool(text))

    def _typed_token(self) -> str:
        token = self.token.text().strip()
        if token and token_branch(token) != self._status.branch_code:
            raise ValidationError(_WRONG_BRANCH, field="token", code=self._status.branch_code)
        return token

    def _save(self) -> None:
        clear_error(self.error, self._fields())
        self.result.clear()
        try:
            token = self._typed_token()
            settings.set_setting(self._db, self._actor, "sync_server_url", self.url.text().strip())
            if token:
                store_token(self._status.branch_code, token)
        except LoketError as exc:
            show_error(self.error, exc, self._fields())
            return
        self.token.clear()
        self._show_keyring()
        self.result.setText(self.tr("Tersimpan. Sinkronisasi dimulai."))
        self.settings_saved.emit()

    def _test(self) -> None:
        clear_error(self.error, self._fields())
        self.result.setText(self.tr("Menghubungi server…"))
        url = self.url.text().strip()
        try:
            token = self._typed_token() or load_token(self._status.branch_code) or ""
            # the setting's own rule; "" (not set up) is no address to test
            settings.check_setting("sync_server_url", url or None)
        except LoketError as exc:
            self.result.clear()
            show_error(self.error, exc, self._fields())
            return
        self.test.setEnabled(False)

        def ask() -> dict[str, str]:
            with SyncClient(url, token, timeout=10) as client:
                return client.whoami()

        self._runner.start(ask)

    def _tested(self, _tag: int, answer: dict[str, str]) -> None:
        self.test.setEnabled(True)
        self.result.setText(
            self.tr("Tersambung: server mengenali cabang {code} ({name}).").format(
                code=answer["branch"], name=answer["name"]
            )
        )

    def _test_failed(self, _tag: int, error: LoketError) -> None:
        self.test.setEnabled(True)
        self.result.clear()
        show_error(self.error, error, self._fields())
