"""The branch's report (A4): the daily closing (*rekap harian*) a supervisor signs, or the
figures of any period. Tables flow over pages with their header row repeated."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from loket.documents.base import ACCENT, BOLD, INK, MM, REGULAR, Letterhead, register_fonts
from loket.documents.claims import BENEFIT_NAMES
from loket.domain.branch_report import ClosingStamp, QueueRow, Report
from loket.domain.dates import tanggal
from loket.domain.money import format_rupiah
from loket.domain.states import PaymentMethod

PROGRAM_NAMES = {
    "JKK": "JKK — Jaminan Kecelakaan Kerja",
    "JKM": "JKM — Jaminan Kematian",
    "JHT": "JHT — Jaminan Hari Tua",
}
METHOD_NAMES: dict[str, str] = {
    PaymentMethod.CASH: "Tunai",
    PaymentMethod.TRANSFER: "Transfer bank",
    PaymentMethod.QRIS: "QRIS",
}
SEGMENT_NAMES = {
    "BPU": "Bukan penerima upah (BPU)",
    "PU": "Penerima upah (PU)",
    "JAKON": "Jasa konstruksi (JAKON)",
}
LONG_LIST = 300  # a period's lists longer than this are summed up, not listed

WIDTH, HEIGHT = A4
MARGIN = 16 * MM
_TEXT = ParagraphStyle("text", fontName=REGULAR, fontSize=9, leading=12, textColor=INK)
_SMALL = ParagraphStyle("small", parent=_TEXT, fontSize=7.5, leading=9.5)
_HEADING = ParagraphStyle(
    "heading",
    parent=_TEXT,
    fontName=BOLD,
    fontSize=10.5,
    leading=14,
    spaceBefore=8,
    spaceAfter=3,
    keepWithNext=1,
)
_HEADER = ParagraphStyle("header", parent=_SMALL, fontName=BOLD, textColor=colors.white, leading=9)
_HEADER_RIGHT = ParagraphStyle("header_right", parent=_HEADER, alignment=2)
_TITLE = ParagraphStyle("title", parent=_TEXT, fontName=BOLD, fontSize=14, leading=18, alignment=1)
_SUBTITLE = ParagraphStyle("subtitle", parent=_TEXT, fontSize=10, alignment=1, spaceAfter=6)


def _rp(amount: int) -> str:
    """An amount in a table whose header says (Rp): ``-2.000``, ``385.200``."""
    return format_rupiah(amount).replace("Rp", "")


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    total: Sequence[Any] | None = None,
) -> Table:
    """A table with a repeated header, numbers right-aligned, and an optional total row."""
    body: list[list[Any]] = [
        [Paragraph(h, _HEADER_RIGHT if i in numeric else _HEADER) for i, h in enumerate(header)]
    ]
    for row in rows:
        body.append(
            [
                c
                if isinstance(c, Flowable)
                else Paragraph(str(c), _SMALL)
                if i not in numeric
                else str(c)
                for i, c in enumerate(row)
            ]
        )
    if total is not None:
        body.append(list(total))
    t = Table(body, colWidths=[w * MM for w in widths], repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, 0), BOLD, 7.5),
        ("FONT", (0, 1), (-1, -1), REGULAR, 7.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(*ACCENT)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.Color(0.75, 0.75, 0.75)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i in numeric:
        style.append(("ALIGN", (i, 0), (i, -1), "RIGHT"))
    if total is not None:
        style += [
            ("FONT", (0, -1), (-1, -1), BOLD, 7.5),
            ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.93, 0.96, 0.93)),
        ]
    t.setStyle(TableStyle(style))
    return t


def _when(at: datetime | None, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%d-%m-%Y %H:%M") if at else "—"


def _period(r: Report) -> str:
    if r.first == r.last:
        return tanggal(r.first)
    return f"{tanggal(r.first)} s.d. {tanggal(r.last)}"


def _receipts(r: Report) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("1. Penerimaan iuran per program", _HEADING)]
    out.append(
        _table(
            ["Program", "Iuran menurut tarif (Rp)", "Keringanan PP 50/2025 (Rp)", "Diterima (Rp)"],
            [
                [PROGRAM_NAMES.get(p.program, p.program), _rp(p.normal), _rp(p.relief), _rp(p.paid)]
                for p in r.programs
            ],
            [70, 38, 38, 36],
            numeric=(1, 2, 3),
            total=["Jumlah", _rp(r.paid + r.relief), _rp(r.relief), _rp(r.paid)],
        )
    )
    out.append(Paragraph("2. Penerimaan per cara bayar", _HEADING))
    out.append(
        _table(
            ["Cara bayar", "Kuitansi", "Jumlah (Rp)"],
            [[METHOD_NAMES.get(m.method, m.method), m.receipts, _rp(m.amount)] for m in r.methods],
            [70, 38, 74],
            numeric=(1, 2),
            total=["Jumlah", str(r.receipts), _rp(sum(m.amount for m in r.methods))],
        )
    )
    out.append(Paragraph("3. Nomor kuitansi", _HEADING))
    if not r.numbers:
        out.append(Paragraph("Tidak ada kuitansi diterbitkan pada periode ini.", _TEXT))
    else:
        rows = []
        for n in r.numbers:
            if n.gapless:
                state = "berurutan, tanpa nomor yang hilang"
            else:
                lost = ", ".join(str(s) for s in n.missing)
                state = (
                    "TIDAK BERURUTAN"
                    + (f": nomor urut {lost} tidak ada" if lost else "")
                    + ("" if n.follows else "; nomor pertama tidak menyambung dari sebelumnya")
                )
            rows.append([n.year, n.first, n.last, n.issued, state])
        out.append(
            _table(
                ["Tahun", "Pertama", "Terakhir", "Jumlah", "Keadaan"],
                rows,
                [14, 42, 42, 16, 68],
                numeric=(3,),
            )
        )
    return out


def _voids(r: Report, tz: ZoneInfo) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("4. Kuitansi dibatalkan", _HEADING)]
    if not r.voids:
        out.append(Paragraph("Tidak ada pembatalan.", _TEXT))
        return out
    rows = []
    for v in r.voids:
        back = "di luar sesi kas" if v.refund_session is None else f"sesi #{v.refund_session}"
        if v.from_another_session:
            back += f" (kuitansi dari sesi #{v.receipt_session} yang sudah ditutup)"
        rows.append(
            [
                v.number,
                v.issued_on.strftime("%d-%m-%Y"),
                _rp(v.total),
                METHOD_NAMES.get(v.method, v.method),
                v.reason,
                f"{v.requested_by} / {v.approved_by}",
                _when(v.voided_at, tz),
                back,
            ]
        )
    out.append(
        _table(
            [
                "Nomor",
                "Tanggal",
                "Jumlah (Rp)",
                "Cara",
                "Alasan",
                "Diminta / disetujui",
                "Dibatalkan",
                "Uang kembali dari",
            ],
            rows,
            [38, 20, 17, 14, 21, 22, 22, 24],
            numeric=(2,),
            total=["Jumlah", "", _rp(sum(v.total for v in r.voids)), "", "", "", "", ""],
        )
    )
    return out


def _people(r: Report) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("5. Pendaftaran peserta per segmen", _HEADING)]
    out.append(
        _table(
            ["Segmen", "Terdaftar"],
            [[SEGMENT_NAMES.get(s.segment, s.segment), s.registered] for s in r.registrations],
            [120, 62],
            numeric=(1,),
            total=["Jumlah", str(sum(s.registered for s in r.registrations))],
        )
    )
    out.append(Paragraph("6. Klaim diputuskan dan dibayar per manfaat", _HEADING))
    if not r.claims:
        out.append(Paragraph("Tidak ada klaim diputuskan atau dibayar.", _TEXT))
    else:
        c = r.claims
        out.append(
            _table(
                [
                    "Manfaat",
                    "Disetujui",
                    "Ditolak",
                    "Nilai disetujui (Rp)",
                    "Dibayar",
                    "Nilai dibayar (Rp)",
                ],
                [
                    [
                        BENEFIT_NAMES.get(x.benefit, x.benefit),
                        x.approved,
                        x.rejected,
                        _rp(x.approved_amount),
                        x.paid,
                        _rp(x.paid_amount),
                    ]
                    for x in c
                ],
                [62, 18, 16, 33, 17, 36],
                numeric=(1, 2, 3, 4, 5),
                total=[
                    "Jumlah",
                    str(sum(x.approved for x in c)),
                    str(sum(x.rejected for x in c)),
                    _rp(sum(x.approved_amount for x in c)),
                    str(sum(x.paid for x in c)),
                    _rp(sum(x.paid_amount for x in c)),
                ],
            )
        )
    out.append(Paragraph("7. Berita acara serah terima", _HEADING))
    if not r.handovers:
        out.append(Paragraph("Tidak ada berita acara diterbitkan.", _TEXT))
    elif len(r.handovers) > LONG_LIST:
        h = r.handovers
        out.append(
            Paragraph(f"{len(h)} berita acara, nomor {h[0].number} s.d. {h[-1].number}.", _TEXT)
        )
    else:
        out.append(
            _table(
                ["Nomor", "Tanggal", "Klaim", "Manfaat", "Penerima"],
                [
                    [
                        h.number,
                        h.handed_on.strftime("%d-%m-%Y"),
                        h.claim_number,
                        h.benefit,
                        h.recipient,
                    ]
                    for h in r.handovers
                ],
                [38, 20, 38, 26, 60],
            )
        )
    return out


def _cash(r: Report, tz: ZoneInfo) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("8. Kas per loket", _HEADING)]
    if not r.cash:
        out.append(Paragraph("Tidak ada sesi kas.", _TEXT))
    else:
        rows = []
        for c in r.cash:
            notes = []
            if c.closed_at is None:
                notes.append("BELUM DITUTUP")
            if not c.float_counted:
                notes.append("modal awal tidak dihitung (dibuka oleh pembayaran)")
            if c.reason:
                notes.append(f"alasan selisih: {c.reason}; disetujui {c.approved_by}")
            if c.handed_over_to:
                notes.append(f"diserahterimakan kepada {c.handed_over_to}")
            diff = c.difference
            rows.append(
                [
                    f"#{c.session_id} {c.counter}<br/>"
                    f"{_when(c.opened_at, tz)[-5:]}–{_when(c.closed_at, tz)[-5:]}",
                    c.holder,
                    _rp(c.opening_float),
                    _rp(c.received),
                    _rp(c.refunded),
                    _rp(c.expected),
                    "—" if c.counted is None else _rp(c.counted),
                    "—" if diff is None else _rp(diff),
                    "; ".join(notes),
                ]
            )
        cash = r.cash
        out.append(
            _table(
                [
                    "Sesi, loket, jam",
                    "Pemegang",
                    "Modal awal (Rp)",
                    "Tunai masuk",
                    "Kembali",
                    "Harus ada",
                    "Dihitung",
                    "Selisih",
                    "Keterangan",
                ],
                rows,
                [22, 22, 16, 17, 17, 17, 18, 15, 34],
                numeric=(2, 3, 4, 5, 6, 7),
                total=[
                    "Jumlah",
                    "",
                    _rp(sum(c.opening_float for c in cash)),
                    _rp(sum(c.received for c in cash)),
                    _rp(sum(c.refunded for c in cash)),
                    _rp(sum(c.expected for c in cash)),
                    _rp(sum(c.counted or 0 for c in cash)),
                    _rp(sum(c.difference or 0 for c in cash)),
                    "",
                ],
            )
        )
    out.append(Paragraph("9. Penerimaan non-tunai (untuk dicocokkan dengan bank)", _HEADING))
    if not r.non_cash:
        out.append(Paragraph("Tidak ada penerimaan transfer atau QRIS.", _TEXT))
    elif len(r.non_cash) > LONG_LIST:
        out.append(
            Paragraph(
                f"{len(r.non_cash)} kuitansi non-tunai: daftarnya ada di ekspor CSV/XLSX.", _TEXT
            )
        )
    else:
        out.append(
            _table(
                ["Nomor", "Cara", "Referensi", "Jumlah (Rp)", "Loket", "Keterangan"],
                [
                    [
                        n.number,
                        METHOD_NAMES.get(n.method, n.method),
                        n.reference,
                        _rp(n.total),
                        n.counter,
                        "dibatalkan" if n.void else "",
                    ]
                    for n in r.non_cash
                ],
                [38, 22, 46, 26, 26, 24],
                numeric=(3,),
            )
        )
    return out


def _queue(r: Report) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("10. Antrean per layanan", _HEADING)]
    if not r.queue:
        out.append(Paragraph("Tidak ada nomor antrean diambil.", _TEXT))
        return out

    def minutes(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f}".replace(".", ",")

    def cells(q: QueueRow) -> list[str]:
        return [
            str(q.issued),
            str(q.served),
            str(q.no_show),
            str(q.left_waiting),
            minutes(q.wait_minutes),
            minutes(q.service_minutes),
            minutes(q.rating),
        ]

    *services, total = r.queue
    header = ["Layanan", "Nomor", "Dilayani", "Tidak hadir", "Pergi/ menunggu"]
    header += ["Tunggu (mnt)", "Layanan (mnt)", "Nilai"]
    out.append(
        _table(
            header,
            [[q.label, *cells(q)] for q in services],
            [50, 16, 18, 18, 24, 20, 22, 14],
            numeric=(1, 2, 3, 4, 5, 6, 7),
            total=["Jumlah", *cells(total)],
        )
    )
    out.append(
        Paragraph(
            "Tunggu: dari mengambil nomor sampai dipanggil pertama kali; layanan: dari "
            "panggilan terakhir sampai selesai (rata-rata). Pergi/menunggu: nomor yang belum "
            "dipanggil saat laporan dibuat.",
            _SMALL,
        )
    )
    return out


def _signatures(stamp: ClosingStamp | None) -> Flowable:
    closer = stamp.closed_by_name if stamp else ""
    blank = "(" + "." * 30 + ")"
    t = Table(
        [
            ["Ditutup oleh,", "Diperiksa,", "Diketahui,"],
            ["Supervisor pelayanan", "Petugas keuangan", "Kepala kantor cabang"],
            ["", "", ""],
            [closer or blank, blank, blank],
        ],
        colWidths=[(WIDTH - 2 * MARGIN) / 3] * 3,
        rowHeights=[12, 12, 42, 12],
    )
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("FONT", (0, 3), (-1, 3), BOLD, 9),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ]
        )
    )
    return KeepTogether([Spacer(1, 10 * MM), t])


def branch_report_pdf(head: Letterhead, report: Report, stamp: ClosingStamp | None) -> bytes:
    """The period's report; with ``stamp``, the signed daily closing."""
    register_fonts()
    tz = ZoneInfo(report.timezone)
    buffer = io.BytesIO()
    title = "REKAP HARIAN" if stamp else "LAPORAN CABANG"
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{title} {report.branch_code} {_period(report)}",
        author=head.branch_name,
        creator="Loket",
        invariant=1,
    )
    story: list[Flowable] = [
        Paragraph(
            head.title,
            ParagraphStyle(
                "org", parent=_TEXT, fontName=BOLD, fontSize=11, textColor=colors.Color(*ACCENT)
            ),
        ),
        Paragraph(f"{head.branch_name} ({report.branch_code})", _TEXT),
        Paragraph(head.address, _SMALL),
        Spacer(1, 5 * MM),
        Paragraph(title, _TITLE),
        Paragraph(_period(report), _SUBTITLE),
    ]
    if stamp:
        story.append(
            Paragraph(
                f"Ditutup oleh {stamp.closed_by_name} pada {_when(stamp.closed_at, tz)}. "
                f"Kepala rantai audit saat penutupan: entri #{stamp.audit_seq}, "
                f"<font name='{BOLD}'>{stamp.audit_hash}</font> — perubahan data hari ini "
                "sesudah penutupan terdeteksi oleh 'loket-admin audit verify'.",
                _SMALL,
            )
        )
    story += _receipts(report) + _voids(report, tz) + _people(report) + _cash(report, tz)
    story += _queue(report)
    story.append(_signatures(stamp))

    def footer(canvas: Any, doc_: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7)
        canvas.setFillColorRGB(*INK)
        canvas.drawString(MARGIN, 9 * MM, f"{title} {report.branch_code} · {_period(report)}")
        canvas.drawRightString(WIDTH - MARGIN, 9 * MM, f"Halaman {doc_.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
