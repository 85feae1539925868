"""Claim intake: who, what happened, who claims, where to pay, which documents were seen —
and what each benefit needs besides (the children and their school, the days off work,
the injuries, the JHT statement and the amount asked for)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.benefits import (
    DOCUMENTS,
    HEARING_PER_10_DB,
    JHT_PARTIAL_PERCENT,
    SCALP,
    BenefitType,
    JhtReason,
    JkkLapsed,
    ScholarshipCause,
    injuries,
    percent_text,
    required_documents,
)
from loket.domain.errors import LoketError
from loket.domain.heirs import LEVEL_YEARS, EducationLevel, Relation, guess_level
from loket.domain.local_time import BranchTime
from loket.domain.money import InvalidAmount, format_rupiah, parse_rupiah
from loket.domain.registration import Segment
from loket.i18n import error_text, translate
from loket.services import claims, participants
from loket.services.actor import Actor
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.heirs_editor import RELATION_NAMES
from loket.ui.pages.claims.names import BENEFIT_NAMES, CONTEXT, date_edit, py_date
from loket.ui.retranslating import Retranslating
from loket.ui.supervisor_override import SupervisorOverrideDialog
from loket.ui.tables import fit_columns

INJURIES = {i.code: i for i in injuries()}

# Benefits that may carry the children's scholarship in the same claim.
WITH_CHILDREN = {BenefitType.JKM, BenefitType.JKK, BenefitType.JKK_TOTAL, BenefitType.BEASISWA}
INCLUDE, NAME, BORN, LEVEL, GRADE = range(5)
MEASURE = Qt.ItemDataRole.UserRole + 1  # an injury row's measure from the doctor (0: none)
ARRANGER_CHOICE = -1  # the claimant combo's "whoever arranged the funeral" (no heir)


def _money(edit: QLineEdit) -> int | None:
    """The amount typed, 0 when empty, ``None`` when it is not an amount."""
    try:
        return parse_rupiah(edit.text()) if edit.text().strip() else 0
    except InvalidAmount:
        return None


class ClaimForm(Retranslating, QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        when: BranchTime | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self._when = when or BranchTime()
        self.claim_id: int | None = None
        self.participant: participants.ParticipantDetail | None = None
        self.who = QLineEdit()
        self.who.setObjectName("claimParticipant")
        self.who.returnPressed.connect(self.find_participant)
        self.who_name = QLabel()
        self.benefit = QComboBox()
        self.benefit.setObjectName("benefit")
        for b in BENEFIT_NAMES:
            self.benefit.addItem("", b.value)
        self.event_date = date_edit("eventDate", self._when.today())
        self.cause = QLineEdit()
        self.claimant = QComboBox()
        self.claimant.setObjectName("claimant")
        self.arranger_name = QLineEdit()  # no heir: whoever arranged the funeral
        self.arranger_name.setObjectName("arrangerName")
        self.arranger_nik = QLineEdit()
        self.arranger_nik.setObjectName("arrangerNik")
        self.scholarship_cause = QComboBox()
        self.scholarship_cause.setObjectName("scholarshipCause")
        for c in ScholarshipCause:
            self.scholarship_cause.addItem("", c.value)
        self.children_table = QTableWidget(0, 5)
        self.children_table.setObjectName("children")
        self.children_table.verticalHeader().hide()
        self.children_table.setMaximumHeight(110)
        fit_columns(self.children_table, NAME)
        self.jht_box = self._jht_box()
        self.stmb_box = self._stmb_box()
        self.injury_box = QGroupBox()
        self.injuries = QListWidget()
        self.injuries.setObjectName("injuries")
        for injury in injuries():
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, injury.code)
            item.setData(MEASURE, 0)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.injuries.addItem(item)
        # the doctor's figure for the chosen row: % of function lost, a scalp loss's extent,
        # a hearing loss in dB (0: none — the part itself is lost)
        self.measure = QSpinBox()
        self.measure.setObjectName("injuryMeasure")
        self.measure.setRange(0, 150)
        self.measure.setEnabled(False)
        self.measure_label = QLabel()
        self.injuries.currentItemChanged.connect(lambda item, _old: self._show_measure(item))
        self.measure.valueChanged.connect(self._measure_changed)
        self.left_handed = QCheckBox()  # the doctor's statement says so: the sides swap
        self.left_handed.setObjectName("leftHanded")
        measure_row = QHBoxLayout()
        measure_row.addWidget(self.measure_label, 1)
        measure_row.addWidget(self.measure)
        injury_column = QVBoxLayout(self.injury_box)
        injury_column.addWidget(self.injuries)
        injury_column.addLayout(measure_row)
        injury_column.addWidget(self.left_handed)
        self.bank_name = QLineEdit()
        self.bank_name.setObjectName("bankName")
        self.bank_account = QLineEdit()
        self.bank_account.setObjectName("bankAccount")
        self.account_holder = QLineEdit()
        self.account_holder.setObjectName("accountHolder")
        self.documents = QListWidget()
        self.documents.setObjectName("documents")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveClaim")
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitClaim")
        self.cancel_button = QPushButton()
        self.error = make_error_label("claimError")

        who_row = QWidget()
        who_layout = QHBoxLayout(who_row)
        who_layout.setContentsMargins(0, 0, 0, 0)
        who_layout.addWidget(self.who, 1)
        who_layout.addWidget(self.who_name, 2)
        who_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._rows = {
            "who": who_row,
            "benefit": self.benefit,
            "event_date": self.event_date,
            "cause": self.cause,
            "claimant": self.claimant,
            "arranger_name": self.arranger_name,
            "arranger_nik": self.arranger_nik,
            "scholarship_cause": self.scholarship_cause,
            "children": self.children_table,
            "bank_name": self.bank_name,
            "bank_account": self.bank_account,
            "account_holder": self.account_holder,
        }
        self._labels = {key: QLabel() for key in self._rows}
        self._form = QFormLayout()
        for key, row in self._rows.items():
            self._form.addRow(self._labels[key], row)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.submit_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self._documents_label = QLabel()
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(self._form)
        for box in (self.jht_box, self.stmb_box, self.injury_box):
            left.addWidget(box)
        right = QVBoxLayout()
        right.addWidget(self._documents_label)
        right.addWidget(self.documents, 1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.fields: dict[str, QWidget] = {
            "participant": self.who,
            "benefit": self.benefit,
            "event_date": self.event_date,
            "claimant": self.claimant,
            "arranger_name": self.arranger_name,
            "arranger_nik": self.arranger_nik,
            "scholarship_cause": self.scholarship_cause,
            "children": self.children_table,
            "bank_name": self.bank_name,
            "bank_account": self.bank_account,
            "account_holder": self.account_holder,
            "documents": self.documents,
            "jht_balance": self.jht_balance,
            "jht_statement_date": self.jht_statement,
            "jht_reason": self.jht_reason,
            "jht_requested": self.jht_requested,
            "stmb_period": self.stmb_first,
            "injuries": self.injuries,
            "declared_income": self.benefit,
        }
        self.benefit.currentIndexChanged.connect(self.refresh_documents)
        self.claimant.currentIndexChanged.connect(self.refresh_documents)
        self.jht_reason.currentIndexChanged.connect(self.refresh_documents)
        self.retranslate_ui()

    def _jht_box(self) -> QGroupBox:
        box = QGroupBox()
        self.jht_balance = QLineEdit()
        self.jht_balance.setObjectName("jhtBalance")
        self.jht_statement = date_edit("jhtStatementDate", self._when.today())
        self.jht_reason = QComboBox()
        self.jht_reason.setObjectName("jhtReason")
        for r in JhtReason:
            self.jht_reason.addItem("", r.value)
        self.jht_requested = QLineEdit()
        self.jht_requested.setObjectName("jhtRequested")
        self._jht_labels = [QLabel() for _ in range(4)]
        form = QFormLayout(box)
        for label, w in zip(
            self._jht_labels,
            (self.jht_balance, self.jht_statement, self.jht_reason, self.jht_requested),
            strict=True,
        ):
            form.addRow(label, w)
        return box

    def _stmb_box(self) -> QGroupBox:
        box = QGroupBox()
        self.stmb_first = date_edit("stmbFirstDay", self._when.today())
        self.stmb_last = date_edit("stmbLastDay", self._when.today())
        self._stmb_labels = [QLabel(), QLabel()]
        form = QFormLayout(box)
        form.addRow(self._stmb_labels[0], self.stmb_first)
        form.addRow(self._stmb_labels[1], self.stmb_last)
        return box

    def retranslate_ui(self) -> None:
        for key, text in {
            "who": self.tr("KPJ atau NIK peserta"),
            "benefit": self.tr("Jenis manfaat"),
            "event_date": self.tr("Tanggal kejadian"),
            "cause": self.tr("Sebab / keterangan"),
            "claimant": self.tr("Pengaju"),
            "arranger_name": self.tr("Nama pengurus pemakaman"),
            "arranger_nik": self.tr("NIK pengurus pemakaman"),
            "scholarship_cause": self.tr("Dasar beasiswa"),
            "children": self.tr("Anak (beasiswa)"),
            "bank_name": self.tr("Bank penerima"),
            "bank_account": self.tr("Nomor rekening"),
            "account_holder": self.tr("Nama pemilik rekening"),
        }.items():
            self._labels[key].setText(text)
        self.who.setPlaceholderText(self.tr("ketik lalu Enter"))
        for i in range(self.benefit.count()):
            b = BenefitType(self.benefit.itemData(i))
            self.benefit.setItemText(i, translate(CONTEXT, BENEFIT_NAMES[b]))
        causes = {
            "death": self.tr("Peserta meninggal bukan karena kerja (masa iur ≥ 36 bulan)"),
            "work_death": self.tr("Peserta meninggal karena kecelakaan kerja"),
            "work_total_disability": self.tr("Cacat total tetap akibat kecelakaan kerja"),
            "other": self.tr("Lainnya (cacat bukan karena kerja): tidak ada beasiswa"),
        }
        for i in range(self.scholarship_cause.count()):
            self.scholarship_cause.setItemText(i, causes[self.scholarship_cause.itemData(i)])
        reasons = {
            "age_56": self.tr("Usia 56 tahun"),
            "stopped_working": self.tr("Berhenti bekerja"),
            "left_country": self.tr("Pindah ke luar negeri"),
            "total_disability": self.tr("Cacat total tetap"),
            "death": self.tr("Meninggal dunia (ahli waris)"),
            "partial_10": self.tr("Sebagian, paling banyak 10% (persiapan pensiun)"),
            "partial_30": self.tr("Sebagian, paling banyak 30% (perumahan)"),
        }
        for i in range(self.jht_reason.count()):
            self.jht_reason.setItemText(i, reasons[self.jht_reason.itemData(i)])
        self.jht_box.setTitle(self.tr("JHT: dari rincian saldo pusat"))
        for label, text in zip(
            self._jht_labels,
            (
                self.tr("Saldo JHT"),
                self.tr("Tanggal rincian saldo"),
                self.tr("Alasan"),
                self.tr("Jumlah diminta (sebagian)"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.stmb_box.setTitle(self.tr("Masa tidak mampu bekerja (surat dokter)"))
        self._stmb_labels[0].setText(self.tr("Mulai"))
        self._stmb_labels[1].setText(self.tr("Sampai (sembuh / hari ini)"))
        self.injury_box.setTitle(self.tr("Jenis cacat (tabel peraturan; surat dokter)"))
        for i in range(self.injuries.count()):
            self._label_injury(self.injuries.item(i))
        self._show_measure(self.injuries.currentItem())
        self.left_handed.setText(
            self.tr(
                "Pekerja kidal menurut surat dokter (persentase lengan/tangan kanan dan kiri "
                "bertukar)"
            )
        )
        self.children_table.setHorizontalHeaderLabels(
            [
                self.tr("Ikut"),
                self.tr("Nama"),
                self.tr("Tanggal lahir"),
                self.tr("Jenjang"),
                self.tr("Kelas/tahun"),
            ]
        )
        self._documents_label.setText(self.tr("Berkas yang sudah diperiksa (wajib semua)"))
        self.save_button.setText(self.tr("Simpan draf"))
        self.submit_button.setText(self.tr("Simpan dan ajukan"))
        self.cancel_button.setText(self.tr("Batal"))
        self.refresh_documents()

    # -- filling in ------------------------------------------------------------------
    def start(self, detail: claims.ClaimDetail | None = None) -> None:
        """A new claim, or ``detail`` to change."""
        clear_error(self.error, self.fields)
        self.claim_id = detail.id if detail else None
        self.participant = None
        self.who.clear()
        self.who_name.clear()
        self.claimant.clear()
        self.children_table.setRowCount(0)
        for w in (
            self.cause,
            self.arranger_name,
            self.arranger_nik,
            self.bank_name,
            self.bank_account,
            self.account_holder,
            self.jht_balance,
            self.jht_requested,
        ):
            w.clear()
        today = self._when.today()
        for edit in (self.event_date, self.stmb_first, self.stmb_last):
            edit.setDate(QDate(today.year, today.month, today.day))
        self._check_injuries(())
        self.left_handed.setChecked(False)
        if detail is not None and detail.input is not None:
            self._show_input(detail, detail.input)
        self.refresh_documents()
        self.who.setFocus()

    def _show_input(self, detail: claims.ClaimDetail, data: claims.ClaimInput) -> None:
        self.who.setText(detail.kpj)
        self.load_participant(detail.participant_id)
        self.benefit.setCurrentIndex(self.benefit.findData(detail.benefit))
        self.event_date.setDate(QDate(detail.event_date))
        self.cause.setText(detail.cause)
        self.claimant.setCurrentIndex(max(0, self.claimant.findData(detail.claimant_heir_id)))
        if data.funeral_arranger is not None:
            self.claimant.setCurrentIndex(self.claimant.findData(ARRANGER_CHOICE))
            self.arranger_name.setText(data.funeral_arranger.name)
            self.arranger_nik.setText(data.funeral_arranger.nik)
        self.bank_name.setText(detail.bank_name)
        self.bank_account.setText(detail.bank_account)
        self.account_holder.setText(detail.account_holder)
        self.scholarship_cause.setCurrentIndex(
            max(0, self.scholarship_cause.findData(str(data.scholarship_cause)))
        )
        if data.jht_balance:
            self.jht_balance.setText(format_rupiah(data.jht_balance).removeprefix("Rp"))
        if data.jht_requested:
            self.jht_requested.setText(format_rupiah(data.jht_requested).removeprefix("Rp"))
        if data.jht_statement_date:
            self.jht_statement.setDate(QDate(data.jht_statement_date))
        self.jht_reason.setCurrentIndex(max(0, self.jht_reason.findData(str(data.jht_reason))))
        if data.stmb_first_day and data.stmb_last_day:
            self.stmb_first.setDate(QDate(data.stmb_first_day))
            self.stmb_last.setDate(QDate(data.stmb_last_day))
        self._check_injuries(data.injuries, data.measures)
        self.left_handed.setChecked(data.left_handed)
        chosen = {c.name: c for c in data.children}
        for row in range(self.children_table.rowCount()):
            name = self._cell_text(row, NAME)
            include = self.children_table.cellWidget(row, INCLUDE)
            assert isinstance(include, QCheckBox)
            include.setChecked(name in chosen)
            if name in chosen:
                self._level(row).setCurrentIndex(self._level(row).findData(str(chosen[name].stage)))
                self._grade(row).setValue(chosen[name].grade)
        self._tick(data.documents)

    def find_participant(self) -> None:
        try:
            participant_id = participants.find_by_identifier(self._db, self._actor, self.who.text())
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        clear_error(self.error, self.fields)
        self.load_participant(participant_id)
        self.benefit.setFocus()

    def load_participant(self, participant_id: int) -> None:
        p = participants.get_participant(self._db, self._actor, participant_id)
        self.participant = p
        self.who_name.setText(f"{p.full_name} · {p.kpj}")
        self.claimant.clear()
        self.claimant.addItem(self.tr("— peserta sendiri —"), None)
        for h in p.heirs:
            relation = translate(
                "HeirsEditor", RELATION_NAMES.get(Relation(h.relation), h.relation)
            )
            self.claimant.addItem(f"{h.name} ({relation})", h.id)
        if len(p.heirs):
            self.claimant.setCurrentIndex(1)
        else:  # no heir and no will: the funeral cost to whoever arranged the funeral
            self.claimant.addItem(
                self.tr("— pengurus pemakaman (tidak ada ahli waris) —"), ARRANGER_CHOICE
            )
        children = [h for h in p.heirs if h.relation == "child" and h.birth_date is not None]
        self.children_table.setRowCount(len(children))
        today = self._when.today()
        for row, h in enumerate(children):
            assert h.birth_date is not None
            # The level is the school statement's, at the claim: pre-filled by a guess from
            # the child's age, not from what was recorded at registration years ago.
            level, grade = guess_level(h.birth_date, today)
            include = QCheckBox()
            include.setChecked(level is not EducationLevel.NONE)
            include.toggled.connect(lambda _on: self.refresh_documents())
            self.children_table.setCellWidget(row, INCLUDE, include)
            self.children_table.setItem(row, NAME, QTableWidgetItem(h.name))
            born = QTableWidgetItem(h.birth_date.strftime("%d-%m-%Y"))
            born.setData(Qt.ItemDataRole.UserRole, h.birth_date)
            self.children_table.setItem(row, BORN, born)
            levels = QComboBox()
            for choice in LEVEL_YEARS:
                levels.addItem(choice.value, choice.value)
            levels.setCurrentIndex(max(0, levels.findData((level or EducationLevel.SD).value)))
            self.children_table.setCellWidget(row, LEVEL, levels)
            spin = QSpinBox()
            spin.setRange(1, max(LEVEL_YEARS.values()))
            spin.setValue(max(1, grade))
            self.children_table.setCellWidget(row, GRADE, spin)
        self.refresh_documents()

    def _cell_text(self, row: int, col: int) -> str:
        item = self.children_table.item(row, col)
        return item.text() if item else ""

    def _level(self, row: int) -> QComboBox:
        w = self.children_table.cellWidget(row, LEVEL)
        assert isinstance(w, QComboBox)
        return w

    def _grade(self, row: int) -> QSpinBox:
        w = self.children_table.cellWidget(row, GRADE)
        assert isinstance(w, QSpinBox)
        return w

    def chosen_children(self) -> tuple[claims.ChildInput, ...]:
        out = []
        for row in range(self.children_table.rowCount()):
            include = self.children_table.cellWidget(row, INCLUDE)
            born = self.children_table.item(row, BORN)
            if isinstance(include, QCheckBox) and include.isChecked() and born is not None:
                out.append(
                    claims.ChildInput(
                        self._cell_text(row, NAME),
                        born.data(Qt.ItemDataRole.UserRole),
                        str(self._level(row).currentData()),
                        self._grade(row).value(),
                    )
                )
        return tuple(out)

    def _checked(self, widget: QListWidget) -> list[str]:
        return [
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _check_injuries(
        self, codes: tuple[str, ...], measures: tuple[tuple[str, int], ...] = ()
    ) -> None:
        measured = dict(measures)
        for i in range(self.injuries.count()):
            item = self.injuries.item(i)
            code = item.data(Qt.ItemDataRole.UserRole)
            item.setCheckState(Qt.CheckState.Checked if code in codes else Qt.CheckState.Unchecked)
            item.setData(MEASURE, measured.get(code, 0))
            self._label_injury(item)
        self._show_measure(self.injuries.currentItem())

    def _label_injury(self, item: QListWidgetItem) -> None:
        injury = INJURIES[item.data(Qt.ItemDataRole.UserRole)]
        mark = self.tr(" (tabel sementara)") if injury.provisional else ""
        text = f"{injury.name} — {percent_text(injury.percent)}%{mark}"
        measure = int(item.data(MEASURE) or 0)
        if measure and injury.code == SCALP:
            text += self.tr(" · luas {value}%").format(value=measure)
        elif measure and injury.code in HEARING_PER_10_DB:
            text += self.tr(" · {value} dB").format(value=measure)
        elif measure:
            text += self.tr(" · fungsi hilang {value}%").format(value=measure)
        item.setText(text)

    def _show_measure(self, item: QListWidgetItem | None) -> None:
        """The chosen row's measure, with what it means for that row."""
        code = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if code == SCALP:
            text = self.tr("Luas kehilangan kulit kepala, % (10–30):")
        elif code in HEARING_PER_10_DB:
            text = self.tr("Penurunan pendengaran, dB (audiogram):")
        else:
            text = self.tr("Fungsi yang hilang, % (kosong: bagian tubuh hilang):")
        self.measure_label.setText(text)
        self.measure.setEnabled(item is not None)
        self.measure.blockSignals(True)
        self.measure.setValue(int(item.data(MEASURE) or 0) if item is not None else 0)
        self.measure.blockSignals(False)

    def _measure_changed(self, value: int) -> None:
        item = self.injuries.currentItem()
        if item is not None:
            item.setData(MEASURE, value)
            self._label_injury(item)

    def _measures(self) -> tuple[tuple[str, int], ...]:
        return tuple(
            (item.data(Qt.ItemDataRole.UserRole), int(item.data(MEASURE)))
            for item in (self.injuries.item(i) for i in range(self.injuries.count()))
            if item.checkState() == Qt.CheckState.Checked and item.data(MEASURE)
        )

    def refresh_documents(self) -> None:
        """What this benefit asks for is shown; the checklist for it, where what was
        ticked stays ticked."""
        benefit = BenefitType(self.benefit.currentData())
        reason = JhtReason(self.jht_reason.currentData())
        self.jht_box.setVisible(benefit is BenefitType.JHT)
        self.jht_requested.setEnabled(reason in JHT_PARTIAL_PERCENT)
        self.stmb_box.setVisible(benefit is BenefitType.JKK_STMB)
        self.injury_box.setVisible(benefit is BenefitType.JKK_PARTIAL)
        for key, shown in (
            ("children", benefit in WITH_CHILDREN and not self._arranger_chosen()),
            ("scholarship_cause", benefit is BenefitType.BEASISWA),
            ("arranger_name", self._arranger_chosen()),
            ("arranger_nik", self._arranger_chosen()),
        ):
            self._form.setRowVisible(self._rows[key], shown)
        seen = self.ticked()
        self.documents.clear()
        codes = required_documents(
            benefit,
            with_scholarship=bool(self.chosen_children()) and benefit in WITH_CHILDREN,
            jht_reason=reason,
            jht_balance=_money(self.jht_balance) or 0,
            employer_paid=self.participant is not None and self.participant.segment != Segment.BPU,
            funeral_arranger=self._arranger_chosen(),
        )
        for code in codes:
            item = QListWidgetItem(DOCUMENTS[code])  # as on the printed receipt
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in seen else Qt.CheckState.Unchecked)
            self.documents.addItem(item)

    def _arranger_chosen(self) -> bool:
        return bool(self.claimant.currentData() == ARRANGER_CHOICE)

    def ticked(self) -> frozenset[str]:
        return frozenset(self._checked(self.documents))

    def _tick(self, codes: frozenset[str]) -> None:
        self.refresh_documents()
        for i in range(self.documents.count()):
            item = self.documents.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in codes:
                item.setCheckState(Qt.CheckState.Checked)

    def tick_all(self) -> None:
        for i in range(self.documents.count()):
            self.documents.item(i).setCheckState(Qt.CheckState.Checked)

    # -- saving ----------------------------------------------------------------------
    def claim_input(self) -> claims.ClaimInput:
        if self.participant is None:
            raise LoketError(
                self.tr("Cari peserta dengan KPJ atau NIK lebih dulu."), field="participant"
            )
        benefit = BenefitType(self.benefit.currentData())
        jht = benefit is BenefitType.JHT
        balance, requested = _money(self.jht_balance), _money(self.jht_requested)
        if balance is None:
            raise LoketError(self.tr("Saldo JHT bukan jumlah rupiah."), field="jht_balance")
        if requested is None:
            raise LoketError(self.tr("Jumlah diminta bukan jumlah rupiah."), field="jht_requested")
        stmb = benefit is BenefitType.JKK_STMB
        arranger = (
            claims.Arranger(self.arranger_name.text(), self.arranger_nik.text())
            if self._arranger_chosen()
            else None
        )
        return claims.ClaimInput(
            participant_id=self.participant.id,
            benefit=benefit.value,
            event_date=py_date(self.event_date.date()),
            cause=self.cause.text(),
            bank_name=self.bank_name.text(),
            bank_account=self.bank_account.text(),
            account_holder=self.account_holder.text(),
            documents=self.ticked(),
            children=self.chosen_children() if benefit in WITH_CHILDREN else (),
            scholarship_cause=str(self.scholarship_cause.currentData())
            if benefit is BenefitType.BEASISWA
            else "",
            jht_balance=balance if jht else 0,
            jht_statement_date=py_date(self.jht_statement.date()) if jht else None,
            jht_reason=str(self.jht_reason.currentData()) if jht else "",
            jht_requested=requested if jht and self.jht_requested.isEnabled() else 0,
            stmb_first_day=py_date(self.stmb_first.date()) if stmb else None,
            stmb_last_day=py_date(self.stmb_last.date()) if stmb else None,
            injuries=tuple(self._checked(self.injuries))
            if benefit is BenefitType.JKK_PARTIAL
            else (),
            left_handed=benefit is BenefitType.JKK_PARTIAL and self.left_handed.isChecked(),
            measures=self._measures() if benefit is BenefitType.JKK_PARTIAL else (),
            claimant_heir_id=None if arranger is not None else self.claimant.currentData(),
            funeral_arranger=arranger,
        )

    def save(self, *, submit: bool, late: claims.LateApproval | None = None) -> int | None:
        """Creates or updates the claim (and submits it); its id, or ``None`` after showing
        the mistake at its field. A JKK claim past its two years asks a supervisor's leave
        and written reason, then tries again with it."""
        clear_error(self.error, self.fields)
        try:
            data = self.claim_input()
            if self.claim_id is None:
                self.claim_id = claims.create_claim(self._db, self._actor, data, late=late)
            else:
                claims.update_claim(self._db, self._actor, self.claim_id, data, late=late)
            if submit:
                claims.submit_claim(self._db, self._actor, self.claim_id)
        except JkkLapsed as exc:
            show_error(self.error, exc, self.fields)
            dialog = SupervisorOverrideDialog(error_text(exc), self, asks_why=True)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            leave = claims.LateApproval(dialog.override(), dialog.why.text())
            return self.save(submit=submit, late=leave)
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return None
        return self.claim_id
