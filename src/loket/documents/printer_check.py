"""A printer's test page: what the counter's receipts will look like on that printer and
paper (letterhead, a line with an amount, the QR code's size, the printable width)."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.pagesizes import A5
from reportlab.lib.utils import simpleSplit

from loket.documents.base import (
    BOLD,
    MM,
    REGULAR,
    Letterhead,
    draw_qr,
    new_canvas,
    register_fonts,
)
from loket.domain.money import format_rupiah


def printer_check_pdf(
    head: Letterhead, counter_name: str, printer: str, paper: str, printed_at: datetime
) -> bytes:
    """``paper``: ``"80mm"`` (thermal roll) or ``"a5"``, as the counter's receipts."""
    buffer = io.BytesIO()
    register_fonts()  # simpleSplit measures with them
    if paper == "80mm":
        width, left, right, scale = 80 * MM, 4 * MM, 76 * MM, 1.0
    else:
        width, left, right, scale = A5[0], 15 * MM, A5[0] - 15 * MM, 1.4
    texts = (
        (head.title, BOLD, 7.5),
        (head.branch_name, BOLD, 8),
        (head.address, REGULAR, 6.5),
        ("HALAMAN UJI PRINTER", BOLD, 11),
        (f"Loket: {counter_name}", REGULAR, 8),
        (f"Printer: {printer}", REGULAR, 8),
        (f"Kertas: {paper}", REGULAR, 8),
        (f"Dicetak: {printed_at:%d-%m-%Y %H:%M}", REGULAR, 8),
    )
    lines = [
        (part, font, base * scale)
        for text, font, base in texts
        for part in simpleSplit(text, font, base * scale, right - left)
    ]
    qr = 26 * MM
    # the roll is cut where the page ends: as long as what it shows (A5 is A5)
    used = sum(size + 3 for _, _, size in lines) + 14 * scale + qr + 16
    size = (width, used + 12 * MM) if paper == "80mm" else A5
    c = new_canvas(buffer, size, f"Halaman uji {counter_name}", head.branch_name)
    y = size[1] - 6 * MM
    for part, font, points in lines:
        y -= points  # the baseline a line's own height below the one above: none overlap
        c.setFont(font, points)
        c.drawString(left, y, part)
        y -= 3
    c.setFont(BOLD, 10 * scale)
    c.drawString(left, y - 10 * scale, "Contoh jumlah")
    c.drawRightString(right, y - 10 * scale, format_rupiah(36_800))
    y -= 14 * scale
    c.setLineWidth(0.5)
    c.line(left, y, right, y)  # the printable width, edge to edge
    draw_qr(c, "LOKET-TEST", left, y - qr - 2, qr)
    c.setFont(REGULAR, 6.5 * scale)
    c.drawString(left, y - qr - 10, "Kode QR kuitansi berukuran sama: harus terbaca pemindai.")
    c.showPage()
    c.save()
    return buffer.getvalue()
