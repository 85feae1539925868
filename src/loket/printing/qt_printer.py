"""Printing PDF bytes through QPrinter: the system's printers (CUPS, Windows), or a PDF file."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from loket.printing.printer import PrintFailed


def pdf_document(pdf: bytes) -> QPdfDocument:
    """``pdf`` loaded for rendering; :class:`PrintFailed` if it has no page."""
    document = QPdfDocument()
    buffer = QBuffer(document)  # lives as long as the document
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.pageCount() == 0:
        raise PrintFailed("dokumen kosong")
    return document


def render_onto(pdf: bytes, printer: QPrinter) -> None:
    """Draws every page of ``pdf`` onto ``printer``, scaled to fit its page."""
    document = pdf_document(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(printer.printerName() or "printer tidak dapat dibuka")
    try:
        for i in range(document.pageCount()):
            if i and not printer.newPage():
                raise PrintFailed("halaman berikutnya ditolak printer")
            target = painter.viewport()
            points = document.pagePointSize(i)
            scale = min(target.width() / points.width(), target.height() / points.height())
            painter.drawImage(
                0,
                0,
                document.render(
                    i, QSize(int(points.width() * scale), int(points.height() * scale))
                ),
            )
    finally:
        painter.end()


class QtPrinter:
    """The counter's configured printer (or the system default when none is named)."""

    def __init__(self, printer_name: str = "", *, output_file: str = "") -> None:
        self.name = printer_name or "default"
        self._printer_name, self._output_file = printer_name, output_file

    def print_pdf(self, pdf: bytes, title: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        if self._output_file:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(self._output_file)
        elif self._printer_name:
            if self._printer_name not in QPrinterInfo.availablePrinterNames():
                raise PrintFailed(f"printer {self._printer_name} tidak ditemukan")
            printer.setPrinterName(self._printer_name)
        elif QPrinterInfo.defaultPrinter().isNull():
            raise PrintFailed("tidak ada printer yang terpasang")
        render_onto(pdf, printer)
