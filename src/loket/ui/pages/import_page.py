"""The admin's import of the central office's participant export, with progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.i18n import error_text
from loket.services import participant_import
from loket.services.actor import Actor
from loket.services.participant_import import ImportReport
from loket.ui.file_dialogs import ask_open_path
from loket.ui.form_feedback import ERROR_STYLE
from loket.ui.pages.page_header import make_page_title
from loket.ui.retranslating import Retranslating
from loket.ui.workers import BackgroundRunner


class ImportPage(Retranslating, QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.title = make_page_title()
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.file = QLineEdit()
        self.file.setObjectName("importFile")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.update_existing = QCheckBox()
        self.update_existing.setObjectName("updateExisting")
        self.start_button = QPushButton()
        self.start_button.setObjectName("startImport")
        self.start_button.clicked.connect(self.start)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.hide()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self._runner = BackgroundRunner(self)
        self._runner.progress.connect(lambda _tag, report: self._show(report))
        self._runner.done.connect(lambda _tag, result: self._finished(*result))
        self._runner.failed.connect(lambda _tag, error: self._failed(error_text(error)))
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addLayout(row)
        layout.addWidget(self.update_existing)
        layout.addWidget(self.start_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Impor data peserta"))
        self.explain.setText(
            self.tr(
                "Berkas CSV ekspor kantor pusat (kolom dijelaskan di README). "
                "Baris yang salah tidak diimpor dan dicatat di berkas "
                "*.errors.csv di sebelahnya; impor yang terputus dapat diulang."
            )
        )
        self.file.setPlaceholderText(self.tr("Pilih berkas .csv"))
        self.browse.setText(self.tr("Pilih…"))
        self.update_existing.setText(
            self.tr("Perbarui peserta yang NIK-nya sudah ada (bila tidak: lewati)")
        )
        self.start_button.setText(self.tr("Mulai impor"))

    def _browse(self) -> None:
        name = ask_open_path(self, self.tr("Berkas ekspor"), "CSV (*.csv)")
        if name is not None:
            self.file.setText(str(name))

    def start(self) -> None:
        path = Path(self.file.text().strip())
        if not path.is_file():
            self._failed(self.tr("Berkas {file} tidak ada.").format(file=path))
            return
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Mengimpor…"))
        self.start_button.setEnabled(False)
        self.progress.setRange(0, participant_import.estimate_rows(path))
        self.progress.setValue(0)
        self.progress.show()
        db, actor, update = self._db, self._actor, self.update_existing.isChecked()

        def job(report: object) -> tuple[ImportReport, Path]:
            result = participant_import.import_file(
                db,
                actor,
                path,
                update_existing=update,
                progress=report,  # type: ignore[arg-type]
            )
            errors = path.with_suffix(".errors.csv")
            if result.errors:
                participant_import.write_errors(errors, result.errors)
            return result, errors

        self._runner.start_reporting(job)

    def _show(self, report: ImportReport) -> None:
        if report.read > self.progress.maximum():  # the row count was an estimate
            self.progress.setMaximum(report.read)
        self.progress.setValue(report.read)
        self.summary.setText(self._text(report))

    def _text(self, r: ImportReport) -> str:
        return self.tr(
            "{read} baris dibaca: {imported} baru, {updated} diperbarui, "
            "{skipped} dilewati, {bad} ditolak"
        ).format(
            read=r.read,
            imported=r.imported,
            updated=r.updated,
            skipped=r.skipped,
            bad=len(r.errors),
        )

    def _finished(self, report: ImportReport, errors: Path) -> None:
        self.start_button.setEnabled(True)
        self.progress.setValue(self.progress.maximum())
        text = self.tr("Selesai. ") + self._text(report)
        if report.errors:
            text += "\n" + self.tr("Baris yang ditolak dan alasannya: {file}").format(file=errors)
        self.summary.setText(text)

    def _failed(self, text: str) -> None:
        self.start_button.setEnabled(True)
        self.progress.hide()
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(text)
