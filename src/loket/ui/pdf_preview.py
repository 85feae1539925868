"""Previewing a PDF inside Loket, then printing it or saving it as a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loket.i18n import error_text
from loket.printing.printer import Printer, PrintFailed
from loket.printing.qt_printer import render_onto
from loket.ui.form_feedback import ERROR_STYLE


class PdfPreview(QDialog):
    """``printer``: print straight to the counter's printer (else the print dialog asks);
    ``on_printed`` runs after a print that went through."""

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
        self.setWindowTitle(title)
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
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
        self.resize(760, 900)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.print_button.setText(self.tr("Cetak…"))
        self.save_button.setText(self.tr("Simpan PDF…"))
        self.close_button.setText(self.tr("Tutup"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def print_to(self, printer: QPrinter) -> bool:
        """Renders every page onto ``printer``; ``False`` if it failed."""
        try:
            render_onto(self.pdf, printer)
        except PrintFailed:
            return False
        return True

    def _print(self) -> None:
        if self._printer is not None:
            try:
                self._printer.print_pdf(self.pdf, self.windowTitle())
            except PrintFailed as exc:
                self._say(error_text(exc), error=True)
                return
            self._say(self.tr("Dikirim ke printer {name}.").format(name=self._printer.name))
            if self._on_printed is not None:
                self._on_printed()
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        if self.print_to(printer):
            self._say(self.tr("Dikirim ke printer {name}.").format(name=printer.printerName()))
        else:
            self._say(
                self.tr(
                    "Gagal mencetak: printer tidak dapat dibuka. Coba lagi atau simpan sebagai PDF."
                ),
                error=True,
            )

    def save_to(self, path: Path) -> None:
        path.write_bytes(self.pdf)

    def _save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan PDF"), self._file_name, "PDF (*.pdf)"
        )
        if not name:
            return
        try:
            self.save_to(Path(name))
        except OSError as exc:
            self._say(self.tr("Gagal menyimpan: {reason}").format(reason=exc.strerror), error=True)
            return
        self._say(self.tr("Tersimpan di {path}").format(path=name))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
