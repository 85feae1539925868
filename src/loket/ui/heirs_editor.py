"""The heirs (ahli waris) part of the registration form: a small editable table."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.heirs import EducationLevel, Relation
from loket.i18n import translate
from loket.services.errors import ValidationError
from loket.services.registration import HeirInput
from loket.ui.retranslating import Retranslating
from loket.ui.tables import fit_columns

RELATION_NAMES = {
    Relation.SPOUSE: QT_TRANSLATE_NOOP("HeirsEditor", "Suami/istri"),
    Relation.CHILD: QT_TRANSLATE_NOOP("HeirsEditor", "Anak"),
    Relation.PARENT: QT_TRANSLATE_NOOP("HeirsEditor", "Orang tua"),
    Relation.GRANDPARENT: QT_TRANSLATE_NOOP("HeirsEditor", "Kakek/nenek"),
    Relation.GRANDCHILD: QT_TRANSLATE_NOOP("HeirsEditor", "Cucu"),
    Relation.SIBLING: QT_TRANSLATE_NOOP("HeirsEditor", "Saudara kandung"),
    Relation.PARENT_IN_LAW: QT_TRANSLATE_NOOP("HeirsEditor", "Mertua"),
    Relation.NAMED_IN_WILL: QT_TRANSLATE_NOOP("HeirsEditor", "Ditunjuk dalam wasiat"),
}
LEVEL_NAMES = {
    EducationLevel.NONE: "—",
    EducationLevel.TK: "TK",
    EducationLevel.SD: "SD",
    EducationLevel.SMP: "SMP",
    EducationLevel.SMA: "SMA",
    EducationLevel.PT: QT_TRANSLATE_NOOP("HeirsEditor", "Kuliah/pelatihan"),
}
NAME, RELATION, NIK, BORN, LEVEL = range(5)


class HeirsEditor(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heirs")
        self.caption = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("heirsTable")
        self.table.verticalHeader().hide()
        fit_columns(self.table, NAME)
        self.table.setMaximumHeight(130)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addHeir")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.caption, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.caption.setText(self.tr("Ahli waris (boleh kosong)"))
        self.add_button.setText(self.tr("Tambah ahli waris"))
        self.remove_button.setText(self.tr("Hapus baris"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Nama"),
                self.tr("Hubungan"),
                self.tr("NIK (boleh kosong)"),
                self.tr("Tgl lahir (hh-bb-tttt)"),
                self.tr("Pendidikan anak"),
            ]
        )
        for row in range(self.table.rowCount()):
            for col, names in ((RELATION, RELATION_NAMES), (LEVEL, LEVEL_NAMES)):
                combo = self.table.cellWidget(row, col)
                assert isinstance(combo, QComboBox)
                for i, text in enumerate(names.values()):
                    combo.setItemText(i, translate("HeirsEditor", text))

    def add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem("")
        self.table.setItem(row, NAME, name)
        for col in (NIK, BORN):
            self.table.setItem(row, col, QTableWidgetItem(""))
        for col, names in ((RELATION, RELATION_NAMES), (LEVEL, LEVEL_NAMES)):
            combo = QComboBox()
            for value, text in names.items():
                combo.addItem(translate("HeirsEditor", text), value.value)
            self.table.setCellWidget(row, col, combo)
        self.table.setCurrentCell(row, NAME)
        self.table.editItem(name)

    def remove_row(self) -> None:
        if (row := self.table.currentRow()) >= 0:
            self.table.removeRow(row)

    def clear(self) -> None:
        self.table.setRowCount(0)

    def set_row(
        self,
        row: int,
        name: str,
        relation: Relation,
        nik: str = "",
        born: str = "",
        level: EducationLevel = EducationLevel.NONE,
    ) -> None:
        """Fills a row as if typed (used by keyboard-less callers and tests)."""
        while self.table.rowCount() <= row:
            self.add_row()
        for col, text in ((NAME, name), (NIK, nik), (BORN, born)):
            item = self.table.item(row, col)
            assert item is not None
            item.setText(text)
        for col, value in ((RELATION, relation.value), (LEVEL, level.value)):
            combo = self.table.cellWidget(row, col)
            assert isinstance(combo, QComboBox)
            combo.setCurrentIndex(combo.findData(value))

    def heirs(self) -> list[HeirInput]:
        """The rows that have a name; a date that cannot be read is refused at this table."""
        found = []
        for row in range(self.table.rowCount()):
            name = (self.table.item(row, NAME) or QTableWidgetItem()).text().strip()
            if not name:
                continue
            born_text = (self.table.item(row, BORN) or QTableWidgetItem()).text().strip()
            born: date | None = None
            if born_text:
                try:
                    born = datetime.strptime(born_text, "%d-%m-%Y").date()
                except ValueError:
                    raise ValidationError(
                        QT_TRANSLATE_NOOP(
                            "LoketError", "Tanggal lahir ahli waris {name} harus hh-bb-tttt."
                        ),
                        field="heirs",
                        name=name,
                    ) from None
            relation, level = (self.table.cellWidget(row, c) for c in (RELATION, LEVEL))
            assert isinstance(relation, QComboBox) and isinstance(level, QComboBox)
            found.append(
                HeirInput(
                    name=name,
                    relation=str(relation.currentData()),
                    nik=(self.table.item(row, NIK) or QTableWidgetItem()).text(),
                    birth_date=born,
                    education_level=str(level.currentData()),
                )
            )
        return found
