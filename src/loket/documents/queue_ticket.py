"""The queue ticket from the kiosk's thermal printer: the number large, the service, when
it was taken, how many wait ahead, and a QR code to follow the queue. No name, no NIK."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.utils import simpleSplit

from loket.documents.base import BOLD, MM, REGULAR, Letterhead, draw_qr, new_canvas, register_fonts


def queue_ticket_pdf(
    head: Letterhead,
    code: str,
    service: str,
    taken_at: datetime,
    ahead: int,
    qr_text: str,
    *,
    priority: bool = False,
    slot: datetime | None = None,
) -> bytes:
    buffer = io.BytesIO()
    register_fonts()
    width, left, right = 80 * MM, 4 * MM, 76 * MM
    middle = width / 2
    taken = ("PRIORITAS · " if priority else "") + f"Diambil {taken_at:%d-%m-%Y %H:%M}"
    lines = [
        (part, font, size)
        for text, font, size in (
            (head.branch_name, BOLD, 9),
            (service, BOLD, 10),
            (taken, REGULAR, 8),
            (
                f"Jadwal booking {slot:%H:%M}" if slot else f"{ahead} orang menunggu sebelum Anda",
                REGULAR,
                8,
            ),
        )
        for part in simpleSplit(text, font, size, right - left)
    ]
    qr = 24 * MM
    height = 10 * MM + 9 + 34 + sum(size + 3 for _, _, size in lines) + qr + 30
    c = new_canvas(buffer, (width, height), f"Nomor antrean {code}", head.branch_name)
    y = height - 6 * MM
    c.setFont(BOLD, 9)
    c.drawCentredString(middle, y - 9, "NOMOR ANTREAN")
    y -= 9 + 40
    c.setFont(BOLD, 40)
    c.drawCentredString(middle, y, code)
    y -= 6
    for part, font, size in lines:
        y -= size
        c.setFont(font, size)
        c.drawCentredString(middle, y, part)
        y -= 3
    draw_qr(c, qr_text, middle - qr / 2, y - qr - 4, qr)
    c.setFont(REGULAR, 6.5)
    c.drawCentredString(middle, y - qr - 12, "Pindai untuk melihat antrean. Simpan tiket ini.")
    c.showPage()
    c.save()
    return buffer.getvalue()
