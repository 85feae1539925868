"""Fakes at the true edges only: the printer device (the clock is in conftest)."""

from __future__ import annotations

from loket.printing.printer import PrintFailed


class FakePrinter:
    """The printer device: the one thing faked (paper and drivers are outside our code)."""

    name = "Epson TM-T82 (uji)"

    def __init__(self) -> None:
        self.printed: list[bytes] = []
        self.out_of_paper = False

    def print_pdf(self, pdf: bytes, title: str) -> None:
        if self.out_of_paper:
            raise PrintFailed("kertas habis")
        self.printed.append(pdf)
