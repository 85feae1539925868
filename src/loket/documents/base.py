"""What every document shares: embedded fonts, the letterhead, the QR code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from loket.resources import resource_path

REGULAR, BOLD = "LoketSans", "LoketSans-Bold"
INK = (0.12, 0.12, 0.12)
ACCENT = (0.12, 0.44, 0.26)  # the green of the app


@dataclass(frozen=True)
class Letterhead:
    title: str  # e.g. "JAMINAN SOSIAL KETENAGAKERJAAN"
    branch_name: str
    address: str


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
    widget = QrCodeWidget(payload, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, x, y)


MM = mm
