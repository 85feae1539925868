"""*Rekap harian*: the day's drawers, closing the branch's day, and reports of any period.

A supervisor sees every counter's cash session of the chosen day, counts and closes one a
clerk left open, and closes the day (with their password) once every drawer is closed; the
closing report opens in the preview to print or save. Below, a report for any period is
written as PDF, CSV or XLSX off the GUI thread.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.domain.money import format_rupiah
from loket.i18n import error_text
from loket.services import backups, cash_sessions, closing
from loket.services.actor import Actor
from loket.services.cash_sessions import SessionView
from loket.services.clock import Clock, system_clock
from loket.services.permissions import Permission, can
from loket.ui.cash_count_dialog import CashCountDialog, CountFor
from loket.ui.file_dialogs import ask_save_path
from loket.ui.form_feedback import ERROR_STYLE, clear_error, make_error_label, show_error
from loket.ui.pages.page_header import make_page_title
from loket.ui.pdf_preview import PdfPreview
from loket.ui.retranslating import Retranslating
from loket.ui.tables import rows_only
from loket.ui.workers import BackgroundRunner

COLUMNS = 8


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ClosingPage(Retranslating, QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        timezone: str = "Asia/Makassar",
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._clock = db, actor, clock
        self._timezone, self._tz = timezone, ZoneInfo(timezone)
        self.drawers: list[SessionView] = []
        self.dialog: CashCountDialog | None = None
        self.preview: PdfPreview | None = None
        self.title = make_page_title()
        today = clock().astimezone(self._tz).date()
        self.day = QDateEdit(_qdate(today))
        self.day.setObjectName("closingDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.dateChanged.connect(self.refresh)
        self.state = QLabel()
        self.state.setObjectName("dayState")
        self.state.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("drawers")
        rows_only(self.table, stretch=COLUMNS - 1)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.close_drawer_button = QPushButton()
        self.close_drawer_button.setObjectName("closeDrawer")
        self.close_drawer_button.clicked.connect(self.close_selected_drawer)
        self.close_day_button = QPushButton()
        self.close_day_button.setObjectName("closeDay")
        self.close_day_button.clicked.connect(self.close_day)
        self.show_closing_button = QPushButton()
        self.show_closing_button.setObjectName("showClosing")
        self.show_closing_button.clicked.connect(self.show_closing)
        self.error = make_error_label("closingError")
        self.fields: dict[str, QWidget] = {"day": self.day, "cash_session": self.table}

        self.first = QDateEdit(_qdate(today.replace(day=1)))
        self.first.setObjectName("reportFirst")
        self.last = QDateEdit(_qdate(today))
        self.last.setObjectName("reportLast")
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.format = QComboBox()
        self.format.setObjectName("reportFormat")
        for code in ("pdf", "xlsx", "csv"):
            self.format.addItem(code.upper(), code)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportReport")
        self.export_button.clicked.connect(self.export)
        self.export_state = QLabel()
        self.export_state.setObjectName("exportState")
        self.export_error = make_error_label("exportError")
        self._runner = BackgroundRunner(self)
        self._runner.done.connect(self._exported)
        self._runner.failed.connect(self._export_failed)
        self._export_tag = 0
        # the day's backup, made off the GUI thread once the day is closed
        self._backups = BackgroundRunner(self)
        self._backups.done.connect(self._backed_up)
        self._backups.failed.connect(self._backup_failed)
        self.backup_state = QLabel()
        self.backup_state.setObjectName("backupState")
        self.backup_state.setWordWrap(True)

        top = QHBoxLayout()
        self._day_label = QLabel()
        top.addWidget(self._day_label)
        top.addWidget(self.day)
        top.addWidget(self.state, 1)
        buttons = QHBoxLayout()
        for b in (self.close_drawer_button, self.close_day_button, self.show_closing_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.report_box = QGroupBox()
        report_row = QHBoxLayout(self.report_box)
        self._from_label, self._to_label = QLabel(), QLabel()
        for w in (self._from_label, self.first, self._to_label, self.last, self.format,
                  self.export_button):  # fmt: skip
            report_row.addWidget(w)
        report_row.addWidget(self.export_state, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(self.backup_state)
        layout.addWidget(self.report_box)
        layout.addWidget(self.export_error)
        self.retranslate_ui()
        self.refresh()

    # -- texts -------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Rekap harian"))
        self._day_label.setText(self.tr("Hari"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Sesi"),
                self.tr("Loket"),
                self.tr("Pemegang"),
                self.tr("Dibuka–ditutup"),
                self.tr("Seharusnya"),
                self.tr("Dihitung"),
                self.tr("Selisih"),
                self.tr("Keterangan"),
            ]
        )
        self.close_drawer_button.setText(self.tr("Hitung dan tutup kas terpilih…"))
        self.close_day_button.setText(self.tr("Tutup hari…"))
        self.show_closing_button.setText(self.tr("Lihat rekap harian"))
        self.report_box.setTitle(self.tr("Laporan periode"))
        self._from_label.setText(self.tr("Dari"))
        self._to_label.setText(self.tr("sampai"))
        self.export_button.setText(self.tr("Simpan laporan…"))
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    # -- the day -------------------------------------------------------------------
    def chosen_day(self) -> date:
        return _date(self.day.date())

    def refresh(self) -> None:
        if not hasattr(self, "close_day_button"):
            return  # still being built
        day = self.chosen_day()
        try:
            state = closing.day_state(self._db, self._actor, day)
            self.drawers = cash_sessions.sessions_of_day(self._db, self._actor, day)
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        if state.closed and state.closed_at is not None:
            self.state.setText(
                self.tr("Hari {day} sudah ditutup oleh {name} pada {at}.").format(
                    day=f"{day:%d-%m-%Y}",
                    name=state.closed_by,
                    at=state.closed_at.astimezone(self._tz).strftime("%d-%m-%Y %H:%M"),
                )
            )
        elif state.open_drawers:
            self.state.setText(
                self.tr("Terbuka: %n kas loket belum ditutup.", "", len(state.open_drawers))
            )
        else:
            self.state.setText(self.tr("Semua kas loket sudah ditutup: hari dapat ditutup."))
        self.table.setRowCount(len(self.drawers))
        for row, d in enumerate(self.drawers):
            self._fill_row(row, d)
        approver = can(self._actor, Permission.CLOSE_DAY)
        self.close_day_button.setEnabled(approver and not state.closed and not state.open_drawers)
        self.show_closing_button.setEnabled(state.closed)
        self._selection_changed()

    def _fill_row(self, row: int, d: SessionView) -> None:
        def when(at: object) -> str:
            return at.astimezone(self._tz).strftime("%H:%M") if at else "…"  # type: ignore[attr-defined]

        notes = []
        if d.is_open:
            notes.append(self.tr("BELUM DITUTUP"))
        if not d.float_counted:
            notes.append(self.tr("modal tidak dihitung"))
        if d.difference_reason:
            notes.append(
                self.tr("{reason} (disetujui {who})").format(
                    reason=d.difference_reason, who=d.difference_approved_by
                )
            )
        if d.handed_over_to:
            notes.append(self.tr("diserahkan ke {who}").format(who=d.handed_over_to))
        diff = d.difference
        cells = [
            f"#{d.id}",
            d.counter_name,
            d.full_name,
            f"{when(d.opened_at)}–{when(d.closed_at)}",
            format_rupiah(d.balance.expected),
            "—" if d.counted is None else format_rupiah(d.counted),
            "—" if diff is None else format_rupiah(diff),
            "; ".join(notes),
        ]
        for col, text in enumerate(cells):
            self.table.setItem(row, col, QTableWidgetItem(text))

    def _selected(self) -> SessionView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.drawers[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self._selected()
        self.close_drawer_button.setEnabled(chosen is not None and chosen.is_open)

    def close_selected_drawer(self) -> None:
        chosen = self._selected()
        if chosen is None or not chosen.is_open:
            return
        self.dialog = CashCountDialog(
            self._db, self._actor, CountFor.CLOSE, chosen, self,
            timezone=self._timezone, clock=self._clock,
        )  # fmt: skip
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    def close_day(self) -> None:
        """Asks for the supervisor's password, closes the day and opens its report to print."""
        clear_error(self.error, self.fields)
        day = self.chosen_day()
        password, ok = QInputDialog.getText(
            self,
            self.tr("Tutup hari"),
            self.tr("Tutup hari {date}? Ketik kata sandi Anda untuk menandatangani.").format(
                date=day.strftime("%d-%m-%Y")
            ),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        try:
            done = closing.close_day(self._db, self._actor, day, password=password,
                                     clock=self._clock)  # fmt: skip
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        self.refresh()
        db, actor = self._db, self._actor
        self.backup_state.setText(self.tr("Membuat cadangan database…"))
        self._backups.start(lambda: backups.backup(db, actor))
        self._preview(done.pdf, day)

    def _backed_up(self, _tag: int, made: backups.Backup) -> None:
        self.backup_state.setText(
            self.tr("Cadangan dibuat dan diperiksa: {file}").format(file=made.path)
        )

    def _backup_failed(self, _tag: int, error: LoketError) -> None:
        self.backup_state.setText(
            self.tr("Cadangan GAGAL: {reason} Ulangi dengan 'loket-admin backup'.").format(
                reason=error_text(error)
            )
        )
        self.backup_state.setStyleSheet(ERROR_STYLE)

    def show_closing(self) -> None:
        day = self.chosen_day()
        try:
            pdf = closing.closing_pdf(self._db, self._actor, day)
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        self._preview(pdf, day)

    def _preview(self, pdf: bytes, day: date) -> None:
        title = self.tr("Rekap harian {date}").format(date=day.strftime("%d-%m-%Y"))
        self.preview = PdfPreview(pdf, title, f"rekap-harian-{day.isoformat()}.pdf", self)
        self.preview.open()

    # -- reports -----------------------------------------------------------------------
    def export(self) -> None:
        """Asks where to save and writes the report off the GUI thread."""
        self.export_error.hide()
        fmt = str(self.format.currentData())
        first, last = _date(self.first.date()), _date(self.last.date())
        suggested = f"laporan-{first.isoformat()}-{last.isoformat()}.{fmt}"
        out = ask_save_path(self, self.tr("Simpan laporan"), suggested, f"{fmt.upper()} (*.{fmt})")
        if out is None:
            return
        self.export_button.setEnabled(False)
        self.export_state.setText(self.tr("Menyusun laporan…"))
        db, actor = self._db, self._actor
        self._export_tag = self._runner.start(
            lambda: (closing.save_report(db, actor, first, last, fmt, out).receipts, out)
        )

    def _exported(self, tag: int, result: object) -> None:
        if tag != self._export_tag:
            return
        assert isinstance(result, tuple)
        receipts, out = result
        self.export_button.setEnabled(True)
        self.export_state.setText(
            self.tr("Tersimpan: {file} (%n kuitansi).", "", receipts).format(file=out)
        )

    def _export_failed(self, tag: int, error: object) -> None:
        if tag != self._export_tag:
            return
        self.export_button.setEnabled(True)
        self.export_state.clear()
        assert isinstance(error, LoketError)
        show_error(self.export_error, error, {"last": self.last, "first": self.first})
