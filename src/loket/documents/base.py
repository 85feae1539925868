"""What every document shares: embedded fonts, the letterhead, the QR code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from loket.domain.money import format_rupiah
from loket.domain.verification import Signer
from loket.resources import resource_path

REGULAR, BOLD = "LoketSans", "LoketSans-Bold"
INK = (0.12, 0.12, 0.12)
ACCENT = (0.12, 0.44, 0.26)  # the green of the app


@dataclass(frozen=True)
class Letterhead:
    title: str  # e.g. "JAMINAN SOSIAL KETENAGAKERJAAN"
    branch_name: str
    address: str
    signer: Signer | None = None  # signs the QR codes (the branch's key), when there is one


@cache
def register_fonts() -> None:
    """DejaVu Sans, embedded in every PDF (subset), so names print as typed anywhere."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))


def new_canvas(buffer: object, size: tuple[float, float], title: str, author: str) -> Canvas:
    register_fonts()
    c = Canvas(buffer, pagesize=size, pageCompression=1, invariant=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("Loket")
    return c


def draw_letterhead(c: Canvas, head: Letterhead, left: float, top: float, right: float) -> float:
    """Draws the letterhead; returns the y below it."""
    c.setFillColorRGB(*ACCENT)
    c.setFont(BOLD, 13)
    c.drawString(left, top - 13, head.title)
    c.setFillColorRGB(*INK)
    c.setFont(BOLD, 11)
    c.drawString(left, top - 29, head.branch_name)
    c.setFont(REGULAR, 9)
    c.drawString(left, top - 42, head.address)
    c.setStrokeColorRGB(*ACCENT)
    c.setLineWidth(1.5)
    c.line(left, top - 50, right, top - 50)
    return top - 50


def draw_qr(c: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code (error correction M) with its quiet zone, ``size`` wide, at (x, y).

    Encoded once and drawn as one filled path of horizontal runs: ReportLab's QR widget
    encodes twice and draws a shape per module, which cost 80 % of a receipt's time.
    """
    qr = QRCode(None, QRErrorCorrectLevel.M)  # None: the smallest version that fits
    qr.addData(payload)
    qr.make()
    n = qr.getModuleCount()
    cell = size / (n + 8)  # four modules of quiet zone on each side
    path = c.beginPath()
    for row in range(n):
        top = y + size - (4 + row + 1) * cell
        col = 0
        while col < n:
            if qr.isDark(row, col):
                start = col
                while col < n and qr.isDark(row, col):
                    col += 1
                path.rect(x + (4 + start) * cell, top, (col - start) * cell, cell)
            else:
                col += 1
    c.saveState()
    c.setFillColorRGB(0, 0, 0)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


MM = mm
STAMP_DUTY_THRESHOLD = 5_000_000  # UU 10/2020 tentang Bea Meterai: above this, Rp10.000
STAMP_DUTY = 10_000


def draw_stamp_box(c: Canvas, x: float, y: float) -> None:
    """The dashed place for the Rp10.000 stamp (or e-meterai), 24 × 16 mm at (x, y)."""
    c.setDash(2, 2)
    c.rect(x, y, 24 * MM, 16 * MM)
    c.setDash()
    c.setFont(REGULAR, 6)
    c.drawCentredString(x + 12 * MM, y + 9 * MM, "Meterai")
    c.drawCentredString(x + 12 * MM, y + 5 * MM, format_rupiah(STAMP_DUTY))
