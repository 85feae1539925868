"""The registration letter (A4) and the participant card (ID-1, front and back on one page)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from loket.documents.base import (
    ACCENT,
    BOLD,
    INK,
    MM,
    REGULAR,
    Letterhead,
    draw_letterhead,
    draw_qr,
    new_canvas,
)
from loket.domain.dates import tanggal
from loket.domain.money import format_rupiah
from loket.domain.nik import mask_nik
from loket.domain.verification import qr_payload

CARD_W, CARD_H = 85.6 * MM, 53.98 * MM  # ISO/IEC 7810 ID-1


@dataclass(frozen=True)
class ParticipantDoc:
    kpj: str
    nik: str
    full_name: str
    birth_place: str
    birth_date: date
    sex: str
    address: str
    occupation: str
    segment: str
    programs: tuple[str, ...]
    declared_income: int | None
    registered_on: date


def spaced_kpj(kpj: str) -> str:
    """``63100000015`` → ``631 0000001 5``: the branch, the sequence, the check digit."""
    return f"{kpj[:3]} {kpj[3:10]} {kpj[10:]}" if len(kpj) == 11 else kpj


def letter_content(p: ParticipantDoc, issued_on: date) -> dict[str, str]:
    return {
        "nik": p.nik,
        "name": p.full_name,
        "born": p.birth_date.isoformat(),
        "programs": ",".join(p.programs),
        "issued": issued_on.isoformat(),
    }


def card_content(p: ParticipantDoc) -> dict[str, str]:
    return {"nik": p.nik, "name": p.full_name, "born": p.birth_date.isoformat()}


def registration_letter(
    head: Letterhead, p: ParticipantDoc, *, staff_name: str, place: str, issued_on: date
) -> bytes:
    buffer = io.BytesIO()
    width, height = A4
    left, right = 25 * MM, width - 25 * MM
    c = new_canvas(buffer, A4, f"Surat pendaftaran {p.kpj}", head.branch_name)
    y = draw_letterhead(c, head, left, height - 20 * MM, right) - 14 * MM
    c.setFillColorRGB(*INK)
    c.setFont(BOLD, 13)
    c.drawCentredString(width / 2, y, "SURAT KETERANGAN PENDAFTARAN PESERTA")
    c.setFont(REGULAR, 10)
    c.drawCentredString(width / 2, y - 15, f"Nomor peserta (KPJ): {spaced_kpj(p.kpj)}")
    y -= 45
    c.setFont(REGULAR, 10.5)
    c.drawString(left, y, "Yang bertanda tangan di bawah ini menerangkan bahwa:")
    y -= 22
    rows = [
        ("Nama", p.full_name),
        ("NIK", mask_nik(p.nik)),
        ("Tempat, tanggal lahir", f"{p.birth_place}, {tanggal(p.birth_date)}"),
        ("Jenis kelamin", "Laki-laki" if p.sex == "L" else "Perempuan"),
        ("Alamat", p.address),
        ("Pekerjaan", p.occupation),
        ("Segmen", p.segment),
        ("Program", " + ".join(p.programs)),
        ("Penghasilan dilaporkan", format_rupiah(p.declared_income) if p.declared_income else "—"),
        ("Tanggal terdaftar", tanggal(p.registered_on)),
    ]
    for label, value in rows:
        c.setFont(REGULAR, 10.5)
        c.drawString(left + 8 * MM, y, label)
        c.drawString(left + 58 * MM, y, ":")
        c.setFont(BOLD if label in ("Nama", "Program") else REGULAR, 10.5)
        c.drawString(left + 62 * MM, y, value[:80])
        y -= 17
    y -= 10
    c.setFont(REGULAR, 10.5)
    body = (
        f"telah terdaftar sebagai peserta jaminan sosial ketenagakerjaan pada {head.branch_name} "
        f"dengan nomor peserta (KPJ) {p.kpj}. Perlindungan berlaku setelah iuran bulan pertama "
        "dibayar. Simpan surat ini dan kartu peserta Anda."
    )
    for line in simpleSplit(body, REGULAR, 10.5, right - left):
        c.drawString(left, y, line)
        y -= 15
    y -= 25
    c.drawString(right - 70 * MM, y, f"{place}, {tanggal(issued_on)}")
    c.drawString(right - 70 * MM, y - 15, "Petugas Pelayanan,")
    c.setFont(BOLD, 10.5)
    c.drawString(right - 70 * MM, y - 70, staff_name)
    draw_qr(
        c,
        qr_payload("REG", p.kpj, letter_content(p, issued_on), signer=head.signer),
        left,
        y - 80,
        30 * MM,
    )
    c.setFont(REGULAR, 7.5)
    c.drawString(left, y - 88, "Pindai untuk verifikasi")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _cut_marks(c: Canvas, x: float, y: float) -> None:
    c.setStrokeColorRGB(0.6, 0.6, 0.6)
    c.setLineWidth(0.3)
    for cx, cy in ((x, y), (x + CARD_W, y), (x, y + CARD_H), (x + CARD_W, y + CARD_H)):
        c.line(cx - 3 * MM, cy, cx - 1 * MM, cy)
        c.line(cx + 1 * MM, cy, cx + 3 * MM, cy)
        c.line(cx, cy - 3 * MM, cx, cy - 1 * MM)
        c.line(cx, cy + 1 * MM, cx, cy + 3 * MM)


def participant_card(head: Letterhead, p: ParticipantDoc, *, issued_on: date) -> bytes:
    """Both sides of the card next to each other on A4 card stock, with cut marks."""
    buffer = io.BytesIO()
    _, height = A4
    c = new_canvas(buffer, A4, f"Kartu peserta {p.kpj}", head.branch_name)
    x, y = 15 * MM, height - 20 * MM - CARD_H
    back_x = x + CARD_W + 12 * MM
    for cx in (x, back_x):
        _cut_marks(c, cx, y)
        c.setStrokeColorRGB(0.8, 0.8, 0.8)
        c.roundRect(cx, y, CARD_W, CARD_H, 3 * MM, stroke=1, fill=0)
    # front
    c.setFillColorRGB(*ACCENT)
    c.rect(x, y + CARD_H - 11 * MM, CARD_W, 11 * MM, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont(BOLD, 7)
    c.drawString(x + 4 * MM, y + CARD_H - 5 * MM, head.title)
    c.setFont(BOLD, 9)
    c.drawString(x + 4 * MM, y + CARD_H - 9 * MM, "KARTU PESERTA")
    c.setFillColorRGB(*INK)
    c.setFont(BOLD, 9.5)
    c.drawString(x + 4 * MM, y + CARD_H - 17 * MM, p.full_name[:34])
    c.setFont(REGULAR, 6.5)
    c.drawString(x + 4 * MM, y + CARD_H - 22 * MM, "Nomor peserta (KPJ)")
    c.setFont(BOLD, 12)
    c.drawString(x + 4 * MM, y + CARD_H - 27.5 * MM, spaced_kpj(p.kpj))
    c.setFont(REGULAR, 6.5)
    c.drawString(x + 4 * MM, y + 12 * MM, f"Tanggal lahir: {tanggal(p.birth_date)}")
    c.drawString(x + 4 * MM, y + 8 * MM, f"Program: {' + '.join(p.programs)}")
    c.drawString(x + 4 * MM, y + 4 * MM, f"Segmen: {p.segment}")
    draw_qr(
        c,
        qr_payload("CARD", p.kpj, card_content(p), signer=head.signer),
        x + CARD_W - 25 * MM,
        y + 3 * MM,
        22 * MM,
    )
    # back
    c.setFont(BOLD, 7.5)
    c.drawString(back_x + 4 * MM, y + CARD_H - 7 * MM, "PERHATIAN")
    c.setFont(REGULAR, 6.5)
    notes = (
        "Kartu ini bukti kepesertaan jaminan sosial ketenagakerjaan.",
        "Bawa kartu ini dan KTP saat membayar iuran atau mengajukan klaim.",
        "Laporkan kehilangan kartu ke kantor cabang terdekat.",
        "Bila menemukan kartu ini, mohon kembalikan ke:",
        head.branch_name,
        head.address,
    )
    lines = [part for note in notes for part in simpleSplit(note, REGULAR, 6.5, CARD_W - 8 * MM)]
    for i, line in enumerate(lines[:9]):
        c.drawString(back_x + 4 * MM, y + CARD_H - (13 + i * 3.6) * MM, line)
    c.setFont(REGULAR, 6)
    c.drawString(back_x + 4 * MM, y + 4 * MM, f"Diterbitkan {tanggal(issued_on)}")
    c.setFont(REGULAR, 8)
    c.setFillColorRGB(0.4, 0.4, 0.4)
    c.drawString(
        x, y - 10 * MM, "Gunting di garis tanda; lipat dan rekatkan sisi depan dan belakang."
    )
    c.showPage()
    c.save()
    return buffer.getvalue()
