"""Opening a receipt in the preview, printing to the counter's printer on its paper."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from loket.db.engine import Database
from loket.printing.printer import Printer
from loket.services import receipts
from loket.services.actor import Actor
from loket.ui.pdf_preview import PdfPreview


def open_receipt_preview(
    parent: QWidget,
    db: Database,
    actor: Actor,
    receipt_id: int,
    number: str,
    *,
    printer: Printer | None,
    layout: str,
    after_print: Callable[[], None] | None = None,
) -> PdfPreview:
    """The receipt as it prints next (original, or SALINAN ke-N); a print that went
    through is counted, then ``after_print`` runs."""
    pdf = receipts.receipt_document(db, actor, receipt_id, layout=layout)

    def printed() -> None:
        receipts.mark_printed(db, actor, receipt_id)
        if after_print is not None:
            after_print()

    title = QCoreApplication.translate("ReceiptPreview", "Kuitansi {number}").format(number=number)
    preview = PdfPreview(
        pdf, title, f"{number.replace('/', '-')}.pdf", parent, printer=printer, on_printed=printed
    )
    preview.open()
    return preview
