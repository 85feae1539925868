"""A period's report as data files for the regional IT desk: CSV and XLSX.

The tables are the PDF's. XLSX has one sheet per table with a bold, frozen header row,
amounts as numbers formatted with thousands separators and dates as dates, written with
openpyxl. CSV is one file in long form — ``tabel,baris,kolom,nilai``, one line per cell,
amounts as plain whole Rupiah — so a script reads every table with one parser.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from loket.domain.branch_report import Report

TEXT, COUNT, RUPIAH, DATE, DATETIME = "text", "count", "rupiah", "date", "datetime"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class ExportTable:
    name: str  # the sheet's name and the CSV's first column
    columns: tuple[Column, ...]
    rows: Sequence[Any]


def _c(header: str, kind: str, value: Callable[[Any], Any]) -> Column:
    return Column(header, kind, value)


def tables(report: Report) -> list[ExportTable]:
    tz = ZoneInfo(report.timezone)

    def local(at: datetime | None) -> datetime | None:
        return at.astimezone(tz).replace(tzinfo=None) if at else None

    return [
        ExportTable("program", (
            _c("Program", TEXT, lambda r: r.program),
            _c("Iuran menurut tarif", RUPIAH, lambda r: r.normal),
            _c("Keringanan PP 50/2025", RUPIAH, lambda r: r.relief),
            _c("Diterima", RUPIAH, lambda r: r.paid),
        ), report.programs),
        ExportTable("cara_bayar", (
            _c("Cara bayar", TEXT, lambda r: r.method),
            _c("Kuitansi", COUNT, lambda r: r.receipts),
            _c("Jumlah", RUPIAH, lambda r: r.amount),
        ), report.methods),
        ExportTable("nomor_kuitansi", (
            _c("Tahun", COUNT, lambda r: r.year),
            _c("Pertama", TEXT, lambda r: r.first),
            _c("Terakhir", TEXT, lambda r: r.last),
            _c("Jumlah", COUNT, lambda r: r.issued),
            _c("Tanpa celah", TEXT, lambda r: "ya" if r.gapless else "tidak"),
            _c("Nomor urut hilang", TEXT, lambda r: " ".join(map(str, r.missing))),
        ), report.numbers),
        ExportTable("pembatalan", (
            _c("Nomor", TEXT, lambda r: r.number),
            _c("Tanggal kuitansi", DATE, lambda r: r.issued_on),
            _c("Dibatalkan", DATETIME, lambda r: local(r.voided_at)),
            _c("Cara bayar", TEXT, lambda r: r.method),
            _c("Jumlah", RUPIAH, lambda r: r.total),
            _c("Alasan", TEXT, lambda r: r.reason),
            _c("Diminta oleh", TEXT, lambda r: r.requested_by),
            _c("Disetujui oleh", TEXT, lambda r: r.approved_by),
            _c("Sesi kuitansi", COUNT, lambda r: r.receipt_session),
            _c("Sesi pengembalian", COUNT, lambda r: r.refund_session),
        ), report.voids),
        ExportTable("pendaftaran", (
            _c("Segmen", TEXT, lambda r: r.segment),
            _c("Terdaftar", COUNT, lambda r: r.registered),
        ), report.registrations),
        ExportTable("klaim", (
            _c("Manfaat", TEXT, lambda r: r.benefit),
            _c("Disetujui", COUNT, lambda r: r.approved),
            _c("Ditolak", COUNT, lambda r: r.rejected),
            _c("Nilai disetujui", RUPIAH, lambda r: r.approved_amount),
            _c("Dibayar", COUNT, lambda r: r.paid),
            _c("Nilai dibayar", RUPIAH, lambda r: r.paid_amount),
        ), report.claims),
        ExportTable("serah_terima", (
            _c("Nomor", TEXT, lambda r: r.number),
            _c("Tanggal", DATE, lambda r: r.handed_on),
            _c("Klaim", TEXT, lambda r: r.claim_number),
            _c("Manfaat", TEXT, lambda r: r.benefit),
            _c("Penerima", TEXT, lambda r: r.recipient),
        ), report.handovers),
        ExportTable("kas", (
            _c("Sesi", COUNT, lambda r: r.session_id),
            _c("Tanggal", DATE, lambda r: r.business_date),
            _c("Loket", TEXT, lambda r: r.counter),
            _c("Pemegang", TEXT, lambda r: r.holder),
            _c("Dibuka", DATETIME, lambda r: local(r.opened_at)),
            _c("Ditutup", DATETIME, lambda r: local(r.closed_at)),
            _c("Modal awal", RUPIAH, lambda r: r.opening_float),
            _c("Tunai masuk", RUPIAH, lambda r: r.received),
            _c("Dikembalikan", RUPIAH, lambda r: r.refunded),
            _c("Harus ada", RUPIAH, lambda r: r.expected),
            _c("Dihitung", RUPIAH, lambda r: r.counted),
            _c("Selisih", RUPIAH, lambda r: r.difference),
            _c("Alasan selisih", TEXT, lambda r: r.reason),
            _c("Disetujui oleh", TEXT, lambda r: r.approved_by),
            _c("Diserahkan kepada", TEXT, lambda r: r.handed_over_to),
        ), report.cash),
        ExportTable("non_tunai", (
            _c("Nomor", TEXT, lambda r: r.number),
            _c("Cara bayar", TEXT, lambda r: r.method),
            _c("Referensi", TEXT, lambda r: r.reference),
            _c("Jumlah", RUPIAH, lambda r: r.total),
            _c("Loket", TEXT, lambda r: r.counter),
            _c("Dibatalkan", TEXT, lambda r: "ya" if r.void else ""),
        ), report.non_cash),
        ExportTable("antrean", (
            _c("Layanan", TEXT, lambda r: r.label or "Jumlah"),
            _c("Nomor", COUNT, lambda r: r.issued),
            _c("Dilayani", COUNT, lambda r: r.served),
            _c("Tidak hadir", COUNT, lambda r: r.no_show),
            _c("Pergi/menunggu", COUNT, lambda r: r.left_waiting),
            _c("Tunggu rata-rata (menit)", TEXT, lambda r: _minutes(r.wait_minutes)),
            _c("Layanan rata-rata (menit)", TEXT, lambda r: _minutes(r.service_minutes)),
            _c("Nilai rata-rata", TEXT, lambda r: _minutes(r.rating)),
        ), report.queue),
    ]  # fmt: skip


def _minutes(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_csv(report: Report) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["tabel", "baris", "kolom", "nilai"])
    w.writerow(["laporan", 1, "Cabang", report.branch_code])
    w.writerow(["laporan", 1, "Dari", report.first.isoformat()])
    w.writerow(["laporan", 1, "Sampai", report.last.isoformat()])
    for table in tables(report):
        for i, row in enumerate(table.rows, start=1):
            for col in table.columns:
                w.writerow([table.name, i, col.header, _plain(col.value(row))])
    return out.getvalue()


_FORMATS = {RUPIAH: "#,##0", COUNT: "0", DATE: "dd-mm-yyyy", DATETIME: "dd-mm-yyyy hh:mm"}


def to_xlsx(report: Report) -> bytes:
    """Written in openpyxl's write-only mode: a month of a large branch (tens of thousands of
    rows) in a fraction of the time of the in-memory workbook."""
    from openpyxl import Workbook  # imported here: only exports need it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    about = wb.create_sheet("laporan")
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 36

    def formatted(ws: Any, value: Any, kind: str) -> Any:
        cell = WriteOnlyCell(ws, value=value)
        if (fmt := _FORMATS.get(kind)) is not None:
            cell.number_format = fmt
        return cell

    def text(ws: Any, value: Any) -> Any:
        """openpyxl writes a string that starts with "=" as a live formula: text typed at
        the counter (a transfer reference "=HYPERLINK(…)", a name) stays text."""
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            return cell
        return value

    for label, value, kind in (
        ("Cabang", f"{report.branch_name} ({report.branch_code})", TEXT),
        ("Dari", report.first, DATE),
        ("Sampai", report.last, DATE),
        ("Diterima (Rp)", report.paid, RUPIAH),
        ("Keringanan PP 50/2025 (Rp)", report.relief, RUPIAH),
        ("Kuitansi", report.receipts, COUNT),
        ("Nomor kuitansi tanpa celah", "ya" if report.gapless else "tidak", TEXT),
    ):
        about.append([label, text(about, value) if kind == TEXT else formatted(about, value, kind)])
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F7042")
    for table in tables(report):
        ws = wb.create_sheet(table.name)
        ws.freeze_panes = "A2"
        for i, col in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(12, len(col.header) + 4)
        if table.rows:
            last = get_column_letter(len(table.columns))
            ws.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
        header = []
        for col in table.columns:
            cell = WriteOnlyCell(ws, value=col.header)
            cell.font, cell.fill = bold, fill
            header.append(cell)
        ws.append(header)
        for row in table.rows:
            ws.append(
                [
                    formatted(ws, c.value(row), c.kind)
                    if c.kind in _FORMATS
                    else text(ws, c.value(row))
                    for c in table.columns
                ]
            )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
