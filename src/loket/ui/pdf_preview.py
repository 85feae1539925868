"""Previewing a PDF inside Loket, then printing it or saving it as a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loket.domain.errors import LoketError
from loket.i18n import error_text
from loket.printing.printer import Printer, log_print
from loket.printing.qt_printer import pdf_document, render_onto
from loket.private_files import write_private
from loket.ui.file_dialogs import ask_save_path
from loket.ui.form_feedback import ERROR_STYLE
from loket.ui.retranslating import Retranslating
from loket.ui.screen_fit import fit_to_screen
from loket.ui.workers import BackgroundRunner


class _ChosenPrinter:
    """The printer picked in the print dialog."""

    def __init__(self, printer: QPrinter) -> None:
        self._printer, self.name = printer, printer.printerName() or printer.outputFileName()

    def print_pdf(self, pdf: bytes, title: str) -> None:
        render_onto(pdf, self._printer)


class PdfPreview(Retranslating, QDialog):
    """``printer``: print straight to the counter's printer (else the print dialog asks);
    ``on_printed`` runs after a print to it went through. Printing runs off the GUI
    thread (a driver or a network printer may take seconds); ``print_finished(ok)``
    tells when it is over."""

    print_finished = Signal(bool)

    def __init__(
        self,
        pdf: bytes,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
        *,
        printer: Printer | None = None,
        on_printed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.pdf, self._file_name = pdf, file_name
        self._printer, self._on_printed = printer, on_printed
        self._printing_on = ""
        self._runner = BackgroundRunner(self)
        self._runner.done.connect(self._printed)
        self._runner.failed.connect(self._print_failed)
        self.setWindowTitle(title)
        self.document = pdf_document(pdf)
        self.document.setParent(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self._print)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self._save)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for b in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 760, 900)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.print_button.setText(self.tr("Cetak…"))
        self.save_button.setText(self.tr("Simpan PDF…"))
        self.close_button.setText(self.tr("Tutup"))

    def _print(self) -> None:
        printer: Printer | None = self._printer
        if printer is None:
            chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(chosen, self).exec() != QDialog.DialogCode.Accepted:
                return
            printer = _ChosenPrinter(chosen)
        self.print_button.setEnabled(False)
        self._say(self.tr("Mencetak ke {name}…").format(name=printer.name))
        pdf, title, name = self.pdf, self.windowTitle(), printer.name
        self._runner.start(lambda: printer.print_pdf(pdf, title))
        self._printing_on = name

    def _printed(self, _tag: int, _result: object) -> None:
        log_print(self._printing_on, self.windowTitle())
        self.print_button.setEnabled(True)
        self._say(self.tr("Dikirim ke printer {name}.").format(name=self._printing_on))
        if self._on_printed is not None and self._printer is not None:
            self._on_printed()
        self.print_finished.emit(True)

    def _print_failed(self, _tag: int, error: object) -> None:
        self.print_button.setEnabled(True)
        assert isinstance(error, LoketError)
        log_print(self._printing_on, self.windowTitle(), error)
        self._say(error_text(error), error=True)
        self.print_finished.emit(False)

    def save_to(self, path: Path) -> None:
        write_private(path, self.pdf)

    def _save(self) -> None:
        name = ask_save_path(self, self.tr("Simpan PDF"), self._file_name, "PDF (*.pdf)")
        if name is None:
            return
        try:
            self.save_to(name)
        except OSError as exc:
            self._say(self.tr("Gagal menyimpan: {reason}").format(reason=exc.strerror), error=True)
            return
        self._say(self.tr("Tersimpan di {path}").format(path=name))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
