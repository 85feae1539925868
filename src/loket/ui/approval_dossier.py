"""What the approver reads before signing: for a claim, its components with their legal
basis, who receives what, the heirs, the scholarship schedule, the documents as ticked, the
facts behind eligibility, overrides and the staff's notes; for a void, the receipt itself;
for a correction, before and after; for a NIK conflict, both records.

The claim's part is a page of text with room below for the scanned documents."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from loket.domain.benefits import DOCUMENTS
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.heirs import Relation
from loket.domain.local_time import BranchTime
from loket.domain.money import format_rupiah
from loket.i18n import current_language, translate
from loket.printing.qt_printer import pdf_document
from loket.services.claims import ARRANGER, ClaimDossier
from loket.services.corrections import PendingCorrection
from loket.services.receipts import ReceiptSummary
from loket.services.sync import ConflictInfo
from loket.ui.heirs_editor import RELATION_NAMES
from loket.ui.pages.claims.names import ACTION_NAMES, benefit_name

# the participant's fields a correction changes, as the approver reads them
FIELD_NAMES = {
    "nik": QT_TRANSLATE_NOOP("ApprovalsPage", "NIK"),
    "full_name": QT_TRANSLATE_NOOP("ApprovalsPage", "Nama"),
    "birth_date": QT_TRANSLATE_NOOP("ApprovalsPage", "Tanggal lahir"),
    "sex": QT_TRANSLATE_NOOP("ApprovalsPage", "Jenis kelamin"),
}


def _row(*cells: str, head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"


def _heading(text: str) -> str:
    return f"<h4>{escape(text)}</h4>"


def _table(rows: list[str]) -> str:
    return '<table cellspacing="0" cellpadding="3" width="100%">' + "".join(rows) + "</table>"


class ApprovalDossier(QWidget):
    """The selected item's dossier, beside the list of what waits."""

    def __init__(self, parent: QWidget | None = None, *, when: BranchTime | None = None) -> None:
        super().__init__(parent)
        self._when = when or BranchTime()
        self.text = QTextBrowser()
        self.text.setObjectName("approvalDossier")
        self.text.setOpenLinks(False)
        self.receipt_title = QLabel()
        self.receipt_title.setObjectName("voidReceiptTitle")
        self.receipt_title.setWordWrap(True)
        self.receipt = QPdfView()
        self.receipt.setObjectName("voidReceipt")
        self.receipt.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        receipt_page = QWidget()
        receipt_layout = QVBoxLayout(receipt_page)
        receipt_layout.setContentsMargins(0, 0, 0, 0)
        receipt_layout.addWidget(self.receipt_title)
        receipt_layout.addWidget(self.receipt, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.text)
        self.stack.addWidget(receipt_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._shown: tuple[object, ...] = ()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._shown:
            self.show_item(*self._shown)
        super().changeEvent(event)

    def clear(self) -> None:
        self._shown = ()
        self.text.clear()
        self.stack.setCurrentWidget(self.text)

    def show_item(self, item: object, extra: object = None) -> None:
        """``extra``: the claim's dossier, or the receipt's PDF for a void."""
        self._shown = (item, extra)
        if isinstance(item, ReceiptSummary) and isinstance(extra, bytes):
            self._receipt(item, extra)
            return
        self.stack.setCurrentWidget(self.text)
        if isinstance(extra, ClaimDossier):
            self.text.setHtml(self._claim(extra))
        elif isinstance(item, PendingCorrection):
            self.text.setHtml(self._correction(item))
        elif isinstance(item, ConflictInfo):
            self.text.setHtml(self._conflict(item))
        self.text.verticalScrollBar().setValue(0)

    # -- a void: the receipt as it printed ---------------------------------------------
    def _receipt(self, r: ReceiptSummary, pdf: bytes) -> None:
        self.receipt_title.setText(
            self.tr("Pembatalan kuitansi {number} ({total}), diminta {who}: {reason}").format(
                number=r.number,
                total=format_rupiah(r.total),
                who=r.void_requested_by,
                reason=r.void_reason,
            )
        )
        old = self.receipt.document()
        document = pdf_document(pdf)
        document.setParent(self)
        self.receipt.setDocument(document)
        if old is not None:
            old.deleteLater()
        self.stack.setCurrentIndex(1)

    # -- a claim -----------------------------------------------------------------------
    def _claim(self, dossier: ClaimDossier) -> str:
        d = dossier.detail
        parts = [
            f"<h3>{escape(d.number)} · {escape(benefit_name(d.benefit))}</h3>",
            "<p>"
            + self.tr("Peserta: {name} (KPJ {kpj}) · kejadian {date}: {cause}").format(
                name=escape(d.participant_name),
                kpj=d.kpj,
                date=f"{d.event_date:%d-%m-%Y}",
                cause=escape(d.cause),
            )
            + "</p>",
        ]
        for flag in d.flags:
            parts.append(f"<p><b>⚠ {escape(translate('LoketError', flag))}</b></p>")
        rows = [
            _row(
                self.tr("Komponen"),
                self.tr("Hak"),
                self.tr("Dibayar sekarang"),
                self.tr("Dasar"),
                head=True,
            )
        ]
        rows += [
            _row(
                escape(c.label_in(current_language())),
                format_rupiah(c.amount),
                format_rupiah(c.payable_now),
                escape(c.basis),
            )
            for c in d.components
        ]
        rows.append(
            _row(
                "<b>" + self.tr("Jumlah") + "</b>",
                f"<b>{format_rupiah(d.total)}</b>",
                f"<b>{format_rupiah(d.payable_now)}</b>",
                escape(d.rule_version),
            )
        )
        parts += [_heading(self.tr("Manfaat")), _table(rows)]
        relation = self._relation(d.claimant_relation)
        parts.append(_heading(self.tr("Penerima")))
        parts.append(
            "<p>"
            + self.tr(
                "{name} ({relation}), NIK {nik} — ke rekening {bank} {account} a.n. {holder}"
            ).format(
                name=escape(d.claimant_name),
                relation=escape(relation),
                nik=d.claimant_nik,
                bank=escape(d.bank_name),
                account=escape(d.bank_account),
                holder=escape(d.account_holder),
            )
            + "</p>"
        )
        if dossier.heirs:
            rows = [
                _row(
                    self.tr("Ahli waris tercatat"), self.tr("Hubungan"), self.tr("Lahir"), head=True
                )
            ]
            rows += [
                _row(
                    escape(h.name),
                    escape(self._relation(h.relation)),
                    f"{h.birth_date:%d-%m-%Y}" if h.birth_date else "—",
                )
                for h in dossier.heirs
            ]
            parts.append(_table(rows))
        if d.schedule:
            rows = [
                _row(
                    self.tr("Anak"),
                    self.tr("Tahun"),
                    self.tr("Jenjang"),
                    self.tr("Jumlah"),
                    head=True,
                )
            ]
            rows += [
                _row(escape(s.child), str(s.year), f"{s.stage} {s.grade}", format_rupiah(s.amount))
                for s in d.schedule
            ]
            parts += [_heading(self.tr("Jadwal beasiswa")), _table(rows)]
        parts.append(_heading(self.tr("Dokumen (dicentang petugas)")) + "<p>")
        for code in d.required_documents:
            mark = "☑" if code in d.documents else "☐ <b>" + self.tr("belum ada") + "</b>"
            parts.append(f"{mark} {escape(DOCUMENTS.get(code, code))}<br>")
        parts.append("</p>")
        parts += [_heading(self.tr("Fakta kelayakan")), self._facts(dossier)]
        notes = [h for h in d.history if h.note]
        parts.append(_heading(self.tr("Riwayat dan catatan petugas")) + "<p>")
        for h in d.history:
            note = f" — <i>{escape(h.note)}</i>" if h.note else ""
            action = translate("ClaimsPage", ACTION_NAMES.get(h.action, h.action))
            parts.append(
                f"{self._when.stamp(h.at)} · {escape(h.full_name)} · {escape(action)}{note}<br>"
            )
        if not notes:
            parts.append(self.tr("(tidak ada catatan)"))
        parts.append("</p>")
        # the scanned documents will be shown here, beside what they prove
        return "".join(parts)

    def _facts(self, dossier: ClaimDossier) -> str:
        first, last = dossier.first_month_paid, dossier.last_month_paid
        paid = (
            self.tr("%n bulan iuran dibayar ({first} s.d. {last})", "", dossier.months_paid).format(
                first=f"{first:%m/%Y}", last=f"{last:%m/%Y}"
            )
            if first and last
            else self.tr("belum ada iuran dibayar")
        )
        covered = (
            self.tr("✓ bulan kejadian tertanggung iuran")
            if dossier.event_month_covered
            else self.tr("✗ bulan kejadian TIDAK tertanggung iuran")
        )
        lines = [
            self.tr("Segmen {segment}, terdaftar {date}").format(
                segment=dossier.segment, date=f"{dossier.registered_on:%d-%m-%Y}"
            ),
            paid,
            covered,
        ]
        for o in dossier.overrides:
            lines.append(
                self.tr("Pengecualian disetujui {who} pada {at}: {what}").format(
                    who=escape(o.confirmed_by),
                    at=self._when.stamp(o.at),
                    what=self.tr("tanggal lahir berbeda dari NIK ({date})").format(
                        date=o.detail.get("nik_date", "")
                    ),
                )
            )
        return "<p>" + "<br>".join(lines) + "</p>"

    def _relation(self, code: str) -> str:
        if code == ARRANGER:
            return self.tr("pengurus pemakaman, tidak ada ahli waris")
        try:
            return translate("HeirsEditor", RELATION_NAMES[Relation(code)])
        except (ValueError, KeyError):
            return code

    # -- a correction and a conflict ---------------------------------------------------
    def _correction(self, c: PendingCorrection) -> str:
        rows = [_row(self.tr("Data"), self.tr("Sebelum"), self.tr("Sesudah"), head=True)]
        rows += [
            _row(
                escape(translate("ApprovalsPage", FIELD_NAMES.get(f, f))),
                escape(str(c.old_values.get(f, ""))),
                f"<b>{escape(str(v))}</b>",
            )
            for f, v in c.changes.items()
        ]
        head = self.tr("Perubahan data {name} (KPJ {kpj}), diminta {who} pada {at}").format(
            name=escape(c.full_name),
            kpj=c.kpj,
            who=escape(c.requested_by),
            at=self._when.stamp(c.requested_at),
        )
        reason = self.tr("Alasan: {reason}").format(reason=escape(c.reason))
        return f"<h3>{head}</h3>{_table(rows)}<p>{reason}</p>"

    def _conflict(self, c: ConflictInfo) -> str:
        rows = [_row("", self.tr("Cabang ini"), escape(c.there.branch), head=True)]
        unread = self.tr("(di server pusat)")
        for label, here, there in (
            (self.tr("KPJ"), c.here.kpj, c.there.kpj),
            (self.tr("Nama"), c.here.full_name, c.there.full_name or unread),
            (
                self.tr("Tanggal lahir"),
                c.here.birth_date.strftime("%d-%m-%Y") if c.here.birth_date else "",
                c.there.birth_date.strftime("%d-%m-%Y") if c.there.birth_date else unread,
            ),
        ):
            rows.append(_row(label, escape(here), escape(there)))
        title = self.tr("Konflik NIK {nik}").format(nik=c.nik)
        return f"<h3>{title}</h3>{_table(rows)}"
