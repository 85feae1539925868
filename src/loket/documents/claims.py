"""Claim documents (A4): the documents receipt given at intake (*tanda terima berkas*),
the handover record (*berita acara serah terima santunan*) and the scholarship schedule
letter for the family."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit

from loket.documents.base import (
    BOLD,
    INK,
    MM,
    REGULAR,
    STAMP_DUTY_THRESHOLD,
    Letterhead,
    draw_letterhead,
    draw_qr,
    draw_stamp_box,
    new_canvas,
)
from loket.domain.dates import hari_tanggal, tanggal
from loket.domain.money import format_rupiah, terbilang
from loket.domain.nik import mask_nik
from loket.domain.verification import qr_payload

BENEFIT_NAMES = {
    "JKM": "Jaminan Kematian (JKM)",
    "JKK": "Jaminan Kecelakaan Kerja (JKK) — meninggal dunia",
    "JHT": "Jaminan Hari Tua (JHT)",
    "BEASISWA": "Beasiswa pendidikan anak",
    "JKK_STMB": "Jaminan Kecelakaan Kerja (JKK) — sementara tidak mampu bekerja (STMB)",
    "JKK_TOTAL": "Jaminan Kecelakaan Kerja (JKK) — cacat total tetap",
    "JKK_PARTIAL": "Jaminan Kecelakaan Kerja (JKK) — cacat sebagian",
}
LIVING = ("JKK_STMB", "JKK_TOTAL", "JKK_PARTIAL")  # the participant survived the accident
RELATION_NAMES = {
    "": "Peserta sendiri",
    "spouse": "Suami/istri",
    "child": "Anak",
    "parent": "Orang tua",
    "grandparent": "Kakek/nenek",
    "grandchild": "Cucu",
    "sibling": "Saudara kandung",
    "parent_in_law": "Mertua",
    "will": "Penerima wasiat",
    "funeral_arranger": "Pengurus pemakaman",
}
WIDTH, HEIGHT = A4
LEFT, RIGHT = 22 * MM, WIDTH - 22 * MM
BOTTOM = 22 * MM


@dataclass(frozen=True)
class ClaimDoc:
    number: str
    benefit: str
    participant_name: str
    kpj: str
    participant_nik: str
    event_date: date
    cause: str
    claimant_name: str
    claimant_relation: str
    claimant_nik: str
    bank_name: str
    bank_account: str
    account_holder: str
    components: tuple[tuple[str, int, int], ...]  # label, entitlement, paid now
    schedule: tuple[tuple[str, int, str, int, int], ...]  # child, year, stage, grade, amount
    total: int
    payable_now: int
    documents: tuple[str, ...]  # names of the documents seen
    rule_version: str
    created_on: date
    staff_name: str
    arrears: tuple[date, ...] = ()  # months owed at the event, still unpaid
    held: int = 0  # what waits until they are paid
    continues: str = ""  # the number of the claim whose held rest this one pays


@dataclass(frozen=True)
class HandoverDoc:
    number: str
    handed_on: date
    place: str
    recipient_name: str
    recipient_nik: str
    witnesses: tuple[str, ...]
    staff_name: str
    payout: str  # "Transfer Bank Kalsel 0123456789, ref. TRF-…"
    approver_name: str = ""  # who approved the payout, signing for the branch
    approver_title: str = "Kepala kantor cabang"
    # the stamp's place above Rp5.000.000: a branch setting, since UU 10/2020 art. 7 may
    # exempt payments related to employment (domain notes §5)
    stamp_duty: bool = True


class _Page:
    """An A4 document being drawn: it starts a new page (with a small running head) when a
    block would not fit, and gives the PDF's bytes when finished."""

    def __init__(self, head: Letterhead, number: str, pdf_title: str) -> None:
        self._buffer = io.BytesIO()
        self.c = new_canvas(self._buffer, A4, pdf_title, head.branch_name)
        self.head, self.number = head, number
        self.y = draw_letterhead(self.c, head, LEFT, HEIGHT - 18 * MM, RIGHT) - 12 * MM

    def finish(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self._buffer.getvalue()

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.c.showPage()
            self.c.setFont(REGULAR, 8)
            self.c.drawString(LEFT, HEIGHT - 15 * MM, f"{self.head.branch_name} · {self.number}")
            self.y = HEIGHT - 25 * MM

    def title(self, text: str, sub: str) -> None:
        self.c.setFillColorRGB(*INK)
        self.c.setFont(BOLD, 13)
        self.c.drawCentredString(WIDTH / 2, self.y, text)
        self.c.setFont(REGULAR, 10)
        self.c.drawCentredString(WIDTH / 2, self.y - 15, sub)
        self.y -= 38

    def heading(self, text: str) -> None:
        self.need(40)
        self.c.setFont(BOLD, 10.5)
        self.c.drawString(LEFT, self.y, text)
        self.y -= 16

    def rows(self, rows: list[tuple[str, str]]) -> None:
        for label, value in rows:
            lines = simpleSplit(value, REGULAR, 10, RIGHT - LEFT - 62 * MM) or [""]
            self.need(15 * len(lines))
            self.c.setFont(REGULAR, 10)
            self.c.drawString(LEFT + 4 * MM, self.y, label)
            self.c.drawString(LEFT + 56 * MM, self.y, ":")
            for line in lines:
                self.c.drawString(LEFT + 60 * MM, self.y, line)
                self.y -= 14
        self.y -= 6

    def paragraph(self, text: str, size: float = 10) -> None:
        for line in simpleSplit(text, REGULAR, size, RIGHT - LEFT):
            self.need(15)
            self.c.setFont(REGULAR, size)
            self.c.drawString(LEFT, self.y, line)
            self.y -= size + 4.5
        self.y -= 6

    def money_table(self, lines: list[tuple[str, str]], total: tuple[str, str]) -> None:
        for label, amount in lines:
            wrapped = simpleSplit(label, REGULAR, 10, RIGHT - LEFT - 45 * MM)
            self.need(14 * len(wrapped))
            self.c.setFont(REGULAR, 10)
            for i, line in enumerate(wrapped):
                self.c.drawString(LEFT + 4 * MM, self.y, line)
                if i == 0:
                    self.c.drawRightString(RIGHT, self.y, amount)
                self.y -= 14
        self.need(24)
        self.c.setLineWidth(0.6)
        self.c.line(LEFT, self.y + 8, RIGHT, self.y + 8)
        self.c.setFont(BOLD, 10.5)
        self.c.drawString(LEFT + 4 * MM, self.y - 4, total[0])
        self.c.drawRightString(RIGHT, self.y - 4, total[1])
        self.y -= 22


def _identity_rows(d: ClaimDoc) -> list[tuple[str, str]]:
    return [
        ("Nomor klaim", d.number),
        ("Manfaat", BENEFIT_NAMES.get(d.benefit, d.benefit)),
        ("Peserta", f"{d.participant_name} (KPJ {d.kpj})"),
        ("NIK peserta", mask_nik(d.participant_nik)),
        ("Tanggal kejadian", tanggal(d.event_date) + (f" — {d.cause}" if d.cause else "")),
        (
            "Penerima",
            f"{d.claimant_name} ({RELATION_NAMES.get(d.claimant_relation, d.claimant_relation)})",
        ),
        ("NIK penerima", mask_nik(d.claimant_nik)),
        ("Rekening", f"{d.bank_name} {d.bank_account} a.n. {d.account_holder}"),
    ]


def _schedule(p: _Page, d: ClaimDoc) -> None:
    if not d.schedule:
        return
    p.heading("Jadwal beasiswa per anak per tahun")
    c = p.c
    columns = (LEFT + 4 * MM, LEFT + 60 * MM, LEFT + 80 * MM)
    p.need(16)
    c.setFont(BOLD, 9)
    for x, text in zip(columns, ("Anak", "Tahun", "Jenjang / kelas"), strict=True):
        c.drawString(x, p.y, text)
    c.drawRightString(RIGHT, p.y, "Jumlah")
    p.y -= 13
    for child, year, stage, grade, amount in d.schedule:
        p.need(13)
        c.setFont(REGULAR, 9)
        for x, text in zip(columns, (child, str(year), f"{stage} {grade}"), strict=True):
            c.drawString(x, p.y, text)
        c.drawRightString(RIGHT, p.y, format_rupiah(amount))
        p.y -= 12
    p.y -= 8


def _months(months: tuple[date, ...]) -> str:
    return ", ".join(m.strftime("%m/%Y") for m in months)


def _content(d: ClaimDoc, extra: dict[str, str]) -> dict[str, str]:
    return {
        "kpj": d.kpj,
        "claimant_nik": d.claimant_nik,
        "total": str(d.total),
        "paid": str(d.payable_now),
        **extra,
    }


def intake_receipt(head: Letterhead, d: ClaimDoc, *, place: str) -> bytes:
    """*Tanda terima berkas*: what was handed in, what the claim is, what happens next."""
    p = _Page(head, d.number, f"Tanda terima berkas {d.number}")
    c = p.c
    p.title("TANDA TERIMA BERKAS KLAIM", f"Nomor {d.number}")
    p.rows(_identity_rows(d))
    p.heading("Berkas yang diterima dan diperiksa")
    for name in d.documents:
        p.need(14)
        c.setFont(REGULAR, 10)
        c.drawString(LEFT + 4 * MM, p.y, f"☑  {name}")
        p.y -= 14
    p.y -= 6
    p.heading("Perkiraan manfaat (menunggu persetujuan)")
    p.money_table(
        [(label, format_rupiah(amount)) for label, amount, _ in d.components],
        ("Jumlah", format_rupiah(d.total)),
    )
    if d.held:
        p.paragraph(
            f"Iuran bulan {_months(d.arrears)} tertunggak saat kejadian: dibayarkan lebih dahulu "
            f"{format_rupiah(d.payable_now)}; sisa {format_rupiah(d.held)} setelah tunggakan "
            "dilunasi di loket (PP 44/2015 pasal 42 ayat (1) huruf a)."
        )
    p.paragraph(
        "Klaim ini diperiksa dan diputuskan oleh kepala bidang pelayanan. Bila disetujui, "
        "manfaat dibayar ke rekening di atas dan diserahkan dengan berita acara serah terima. "
        "Simpan tanda terima ini dan bawa saat dihubungi petugas."
    )
    _signatures(
        p,
        place,
        d.created_on,
        [("Penyerah berkas,", d.claimant_name), ("Petugas pelayanan,", d.staff_name)],
    )
    _qr(p, qr_payload("KLAIM", d.number, _content(d, {}), signer=head.signer))
    return p.finish()


def handover_record(head: Letterhead, d: ClaimDoc, h: HandoverDoc) -> bytes:
    """*Berita acara serah terima santunan*, to be signed by the recipient, the staff and
    the branch head, with the stamp-duty place above Rp5.000.000 (UU 10/2020)."""
    p = _Page(head, h.number, f"Berita acara {h.number}")
    p.title("BERITA ACARA SERAH TERIMA SANTUNAN", f"Nomor {h.number}")
    p.paragraph(
        f"Pada hari ini, {hari_tanggal(h.handed_on)}, bertempat di {h.place}, {head.branch_name} "
        f"menyerahkan manfaat jaminan sosial ketenagakerjaan kepada ahli waris/penerima "
        "berikut:"
    )
    p.rows(_identity_rows(d))
    p.heading("Rincian manfaat")
    paid_later = any(amount != now for _, amount, now in d.components)
    p.money_table(
        [(label, format_rupiah(amount)) for label, amount, _ in d.components],
        ("Jumlah manfaat", format_rupiah(d.total)),
    )
    p.paragraph(f"Terbilang: {terbilang(d.total)} rupiah.")
    if d.continues:
        p.paragraph(
            f"Pembayaran ini adalah sisa manfaat klaim {d.continues}, yang ditangguhkan sampai "
            "tunggakan iuran peserta dilunasi (PP 44/2015 pasal 42 ayat (1) huruf a)."
        )
    if d.held:
        p.paragraph(
            f"Dibayarkan saat ini {format_rupiah(d.payable_now)} ({terbilang(d.payable_now)} "
            f"rupiah) melalui {h.payout}. Sisa {format_rupiah(d.held)} ({terbilang(d.held)} "
            f"rupiah) dibayarkan setelah tunggakan iuran bulan {_months(d.arrears)} dilunasi "
            "(PP 44/2015 pasal 42 ayat (1) huruf a)."
        )
    elif paid_later:
        p.paragraph(
            f"Dibayarkan saat ini {format_rupiah(d.payable_now)} ({terbilang(d.payable_now)} "
            f"rupiah) melalui {h.payout}; beasiswa tahun berikutnya dibayar setiap tahun sesuai "
            "jadwal di bawah, setelah surat keterangan sekolah tahun berjalan diserahkan."
        )
    else:
        p.paragraph(f"Dibayarkan melalui {h.payout}.")
    _schedule(p, d)
    closing = (
        "Penerima menyatakan telah menerima manfaat tersebut di atas dengan baik. Berita acara "
        f"ini dibuat dengan sebenarnya menurut {d.rule_version}."
    )
    # the statement, the signatures and the witnesses stay on one page: signatures alone on
    # a page of their own certify nothing
    p.need(paragraph_height(closing) + SIGNATURES_HEIGHT + WITNESSES_HEIGHT)
    p.paragraph(closing)
    blocks = [
        ("Yang menerima,", h.recipient_name),
        ("Petugas pelayanan,", h.staff_name),
        (f"{h.approver_title},", h.approver_name),
    ]
    _signatures(
        p, h.place, h.handed_on, blocks, stamp=h.stamp_duty and d.payable_now > STAMP_DUTY_THRESHOLD
    )
    witnesses = [*h.witnesses, "", ""][: max(2, len(h.witnesses))]
    _signatures(p, "", None, [(f"Saksi {i},", name) for i, name in enumerate(witnesses, 1)])
    _qr(
        p,
        qr_payload(
            "BA", h.number, _content(d, {"recipient_nik": h.recipient_nik}), signer=head.signer
        ),
    )
    return p.finish()


def scholarship_letter(head: Letterhead, d: ClaimDoc, *, place: str, issued_on: date) -> bytes:
    """The schedule of scholarship payments, per child and year, for the family."""
    p = _Page(head, d.number, f"Jadwal beasiswa {d.number}")
    p.title("SURAT PEMBERITAHUAN JADWAL BEASISWA", f"Nomor klaim {d.number}")
    p.paragraph(
        f"Kepada Yth. {d.claimant_name}. Anak-anak "
        f"{'' if d.benefit in LIVING else 'almarhum/almarhumah '}{d.participant_name} "
        f"(KPJ {d.kpj}) berhak atas beasiswa pendidikan sebagai berikut. Beasiswa dibayar "
        "setiap tahun ke rekening penerima setelah surat keterangan sekolah tahun berjalan "
        "diserahkan ke kantor cabang; jenjang dan kelas mengikuti keadaan anak pada tahun itu."
    )
    children = [(label, amount) for label, amount, now in d.components if amount != now]
    p.money_table(
        [(label, format_rupiah(amount)) for label, amount in children],
        ("Jumlah beasiswa", format_rupiah(sum(a for _, a in children))),
    )
    _schedule(p, d)
    _signatures(p, place, issued_on, [("Petugas pelayanan,", d.staff_name)])
    _qr(p, qr_payload("BSW", d.number, _content(d, {}), signer=head.signer))
    return p.finish()


SIGNATURES_HEIGHT = 120  # the place and date, and a row of signature blocks
WITNESSES_HEIGHT = 95  # a row of signature blocks without the date


def paragraph_height(text: str, size: float = 10) -> float:
    """How far ``_Page.paragraph`` moves down for ``text``."""
    return len(simpleSplit(text, REGULAR, size, RIGHT - LEFT)) * (size + 4.5) + 6


def _signatures(
    p: _Page,
    place: str,
    on: date | None,
    blocks: list[tuple[str, str]],
    *,
    stamp: bool = False,
) -> None:
    """A row of signature blocks (role, then the name under the space to sign), under the
    place and date unless ``on`` is ``None``."""
    p.need(SIGNATURES_HEIGHT if on is not None else WITNESSES_HEIGHT)
    c = p.c
    if on is not None:
        c.setFont(REGULAR, 10)
        c.drawRightString(RIGHT, p.y, f"{place}, {tanggal(on)}")
        p.y -= 22
    width = (RIGHT - LEFT) / len(blocks)
    deepest = 1
    for i, (role, name) in enumerate(blocks):
        x = LEFT + i * width
        c.setFont(REGULAR, 10)
        c.drawString(x, p.y, role)
        if stamp and i == 0:  # the recipient signs over the stamp
            draw_stamp_box(c, x, p.y - 50)
        c.setFont(BOLD, 10)
        # a long name wraps inside its own block instead of running into the next one
        lines = simpleSplit(name, BOLD, 10, width - 3 * MM) or ["(" + "." * 26 + ")"]
        for k, line in enumerate(lines):
            c.drawString(x, p.y - 70 - 12 * k, line)
        deepest = max(deepest, len(lines))
    p.y -= 95 + 12 * (deepest - 1)


def _qr(p: _Page, payload: str) -> None:
    """The verification code in the bottom margin of the last page, where no block is
    drawn: it never needs a page of its own."""
    size = 22 * MM
    draw_qr(p.c, payload, RIGHT - size, 2 * MM, size)
    p.c.setFont(REGULAR, 7.5)
    p.c.drawRightString(RIGHT - size - 1 * MM, 12 * MM, "Pindai untuk verifikasi dokumen ini.")
