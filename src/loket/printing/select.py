"""The printer a counter's setting names: an ESC/POS URI or a system printer."""

from __future__ import annotations

from loket.printing.escpos_printer import EscPosPrinter
from loket.printing.printer import Printer
from loket.printing.qt_printer import QtPrinter
from loket.printing.targets import is_escpos_target


def printer_for(name: str) -> Printer:
    """``escpos+…`` → raw ESC/POS; any other name → that system printer; "" → the default."""
    if is_escpos_target(name):
        return EscPosPrinter(name)
    return QtPrinter(name)
