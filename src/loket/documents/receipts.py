"""The kuitansi: 80 mm thermal roll (its height follows the content) or A5.

Shows the letterhead, number, date and time, counter and staff, payer, a line per
participant and program with its months, the total in figures and in words, the payment
method, a QR code (number + content digest), the place for stamp duty when the amount
calls for it (UU 10/2020: above Rp5.000.000), and SALINAN ke-N on a reprint or BATAL on a
voided receipt.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A5
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from loket.documents.base import (
    BOLD,
    MM,
    REGULAR,
    STAMP_DUTY_THRESHOLD,
    Letterhead,
    draw_qr,
    draw_stamp_box,
    new_canvas,
)
from loket.domain.money import format_rupiah, terbilang
from loket.domain.nik import mask_nik
from loket.domain.states import PaymentMethod
from loket.domain.verification import qr_payload

METHOD_NAMES: dict[str, str] = {
    PaymentMethod.CASH: "Tunai",
    PaymentMethod.TRANSFER: "Transfer bank",
    PaymentMethod.QRIS: "QRIS",
}


@dataclass(frozen=True)
class ReceiptItem:
    kpj: str
    nik: str
    full_name: str
    program: str
    period: str  # "11/2026–01/2027"
    months: int
    amount: int
    relief: int = 0  # what a dues relief took off these months (amount + relief = normal)
    relief_basis: str = ""


@dataclass(frozen=True)
class ReceiptDoc:
    number: str
    issued_at: datetime  # in the branch's time zone
    counter_name: str
    staff_name: str
    payer: str
    items: tuple[ReceiptItem, ...]
    total: int
    method: str
    reference: str
    tendered: int | None
    change: int | None
    copy_number: int  # 0 for the original, N for "SALINAN ke-N"
    void: bool


def receipt_content(r: ReceiptDoc) -> dict[str, str]:
    return {
        "total": str(r.total),
        "payer": r.payer,
        "issued": r.issued_at.isoformat(),
        "kpj": ",".join(sorted({i.kpj for i in r.items})),
    }


def _lines(r: ReceiptDoc) -> list[tuple[str, str, str]]:
    """(style, left, right) rows, the same for both layouts."""
    rows: list[tuple[str, str, str]] = [
        ("title", "KUITANSI IURAN", ""),
        ("plain", f"No. {r.number}", ""),
        ("plain", f"{r.issued_at:%d-%m-%Y %H:%M} {r.issued_at.tzname() or ''}".strip(), ""),
        ("plain", f"{r.counter_name} · {r.staff_name}", ""),
        ("plain", f"Diterima dari: {r.payer}", ""),
        ("rule", "", ""),
    ]
    current = None
    for item in r.items:
        if item.kpj != current:
            current = item.kpj
            rows.append(("bold", item.full_name, ""))
            rows.append(("small", f"KPJ {item.kpj} · NIK {mask_nik(item.nik)}", ""))
        rows.append(
            (
                "plain",
                f"  {item.program} {item.period} ({item.months} bln)",
                format_rupiah(item.amount),
            )
        )
        if item.relief:
            normal, relief = format_rupiah(item.amount + item.relief), format_rupiah(item.relief)
            rows.append(("small", f"    normal {normal}, keringanan −{relief}", ""))
    bases = sorted({i.relief_basis for i in r.items if i.relief})
    relief_total = sum(i.relief for i in r.items)
    rows += [("rule", "", "")]
    if relief_total:
        rows += [
            ("plain", "Iuran normal", format_rupiah(r.total + relief_total)),
            ("plain", f"{'; '.join(bases)}", f"−{format_rupiah(relief_total)}"),
        ]
    rows += [
        ("total", "TOTAL", format_rupiah(r.total)),
        ("words", f"Terbilang: {terbilang(r.total)} rupiah", ""),
    ]
    method = METHOD_NAMES.get(r.method, r.method)
    if r.method == PaymentMethod.CASH and r.tendered is not None:
        rows += [
            ("plain", f"{method}: diterima", format_rupiah(r.tendered)),
            ("plain", "Kembali", format_rupiah(r.change or 0)),
        ]
    else:
        rows.append(("plain", f"{method}, ref. {r.reference}", ""))
    return rows


_STYLE = {
    "title": (BOLD, 11),
    "bold": (BOLD, 8.5),
    "plain": (REGULAR, 8),
    "small": (REGULAR, 7),
    "total": (BOLD, 10),
    "words": (REGULAR, 7.5),
    "rule": (REGULAR, 8),
}


def _address_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """The address wrapped between its parts (``street · Telp. 0511-3252123``): a part goes
    whole to the next line rather than break, so the telephone number is never cut."""
    lines: list[str] = []
    for part in text.split(" · "):
        joined = f"{lines[-1]} · {part}" if lines else part
        if lines and stringWidth(joined, font, size) <= width:
            lines[-1] = joined
        elif stringWidth(part, font, size) <= width:
            lines.append(part)
        else:
            lines += simpleSplit(part, font, size, width)
    return lines


def _draw(
    c: Canvas,
    r: ReceiptDoc,
    head: Letterhead,
    left: float,
    right: float,
    top: float,
    scale: float = 1.0,
) -> float:
    y = top
    for text, base, font, split in (
        (head.title, 7.5, BOLD, simpleSplit),
        (head.branch_name, 8, BOLD, simpleSplit),
        (head.address, 6.5, REGULAR, _address_lines),
    ):
        size = base * scale
        for part in split(text, font, size, right - left):
            c.setFont(font, size)
            c.drawString(left, y, part)
            y -= size + 2
    y -= 4
    for style, text, amount in _lines(r):
        font, size = _STYLE[style]
        size *= scale
        if style == "rule":  # a dotted line with a line's room below it
            c.setDash(1, 2)
            c.line(left, y + size / 2, right, y + size / 2)
            c.setDash()
            y -= size + 1
            continue
        width = right - left - (c.stringWidth(amount, font, size) + 4 if amount else 0)
        parts = simpleSplit(text, font, size, width) or [""]
        for i, part in enumerate(parts):
            c.setFont(font, size)
            c.drawString(left, y, part)
            if amount and i == 0:
                c.drawRightString(right, y, amount)
            y -= size + 3
    return y


def _marks(c: Canvas, r: ReceiptDoc, x: float, y: float) -> None:
    if r.void:
        c.saveState()
        c.setFillColorRGB(0.75, 0.1, 0.1)
        c.setFont(BOLD, 28)
        c.translate(x, y)
        c.rotate(25)
        c.drawCentredString(0, 0, "BATAL")
        c.restoreState()
    elif r.copy_number:
        c.setFont(BOLD, 9)
        c.drawCentredString(x, y, f"SALINAN ke-{r.copy_number}")


def receipt_pdf(head: Letterhead, r: ReceiptDoc, *, layout: str = "thermal") -> bytes:
    """``layout`` is ``"thermal"`` (80 mm roll) or ``"a5"``."""
    buffer = io.BytesIO()
    stamp = r.total > STAMP_DUTY_THRESHOLD
    qr = 26 * MM
    if layout == "thermal":
        # The roll is cut where the content ends: measure it on a scratch canvas first.
        width, left, right = 80 * MM, 4 * MM, 76 * MM
        scratch = new_canvas(io.BytesIO(), (width, 10_000), "", "")
        used = 10_000 - _draw(scratch, r, head, left, right, 10_000)
        height = used + qr + (22 if r.copy_number else 14) * MM
        size = (width, height)
        top = height - 6 * MM
    elif layout == "a5":
        size = A5
        width, height = A5
        left, right, top = 15 * MM, width - 15 * MM, height - 15 * MM
    else:
        raise ValueError(f"unknown receipt layout {layout!r}")
    c = new_canvas(buffer, size, f"Kuitansi {r.number}", head.branch_name)
    y = _draw(c, r, head, left, right, top, 1.0 if layout == "thermal" else 1.4) - 4
    draw_qr(c, qr_payload("KW", r.number, receipt_content(r), signer=head.signer), left, y - qr, qr)
    if stamp:
        draw_stamp_box(c, right - 24 * MM, y - 18 * MM)
    c.setFont(REGULAR, 6.5)
    c.drawString(left, y - qr - 8, "Pindai untuk verifikasi. Simpan kuitansi ini.")
    _marks(c, r, (left + right) / 2, y - qr / 2 if r.void else y - qr - 20)
    c.showPage()
    c.save()
    return buffer.getvalue()
