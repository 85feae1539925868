"""A printer is anything that takes PDF bytes and prints them, or says why it could not."""

from __future__ import annotations

import logging
from typing import Protocol

from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError


class PrintFailed(LoketError):
    """The document did not print (no printer, paper out, driver error). Nothing is lost:
    whatever was committed stays, and can be printed again."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("LoketError", "Gagal mencetak: {reason}"),
            field="printer",
            reason=reason,
        )


class Printer(Protocol):
    name: str

    def print_pdf(self, pdf: bytes, title: str) -> None:
        """Prints every page, or raises :class:`PrintFailed`."""


def log_print(printer: str, title: str, error: LoketError | None = None) -> None:
    """One line in the log per print: the printer, the document (titles name a number or a
    KPJ, never a person) and, when it failed, why."""
    log = logging.getLogger("loket.printing")
    if error is None:
        log.info("printed %r on %s", title, printer)
    else:
        log.warning("print of %r on %s failed: %s", title, printer, error.text())
