"""The queue's set-up (admin; *Cabang, loket & printer → Antrean*): the services with their
letters, names and daily quotas, and which services each counter serves in which order."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.services import branch, queue
from loket.services.actor import Actor
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.retranslating import Retranslating
from loket.ui.tables import rows_only


class QueueSetup(Retranslating, QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.services: list[queue.ServiceInfo] = []
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("queueServices")
        rows_only(self.table, stretch=1)
        self.table.itemSelectionChanged.connect(self._service_selected)
        self.prefix = QLineEdit()
        self.prefix.setObjectName("servicePrefix")
        self.prefix.setMaxLength(1)
        self.prefix.setFixedWidth(48)
        self.name = QLineEdit()
        self.name.setObjectName("serviceName")
        self.quota = QSpinBox()
        self.quota.setObjectName("serviceQuota")
        self.quota.setRange(0, 999)
        self.active = QCheckBox()
        self.active.setObjectName("serviceActive")
        self.save_service = QPushButton()
        self.save_service.setObjectName("saveService")
        self.save_service.clicked.connect(self.save)
        self.counter = QComboBox()
        self.counter.setObjectName("queueCounter")
        self.counter.currentIndexChanged.connect(self._counter_selected)
        self.counter_services = QLineEdit()
        self.counter_services.setObjectName("counterServices")
        self.save_counter = QPushButton()
        self.save_counter.setObjectName("saveCounterServices")
        self.save_counter.clicked.connect(self.save_counter_services)
        self.error = make_error_label("queueSetupError")
        self.message = QLabel()
        self.message.setObjectName("queueSetupMessage")
        self.message.setWordWrap(True)
        self.fields = {
            "prefix": self.prefix,
            "name": self.name,
            "daily_quota": self.quota,
            "service": self.counter_services,
            "services": self.counter_services,
            "counter": self.counter,
        }
        self.service_box, self.counter_box = QGroupBox(), QGroupBox()
        self._labels = [QLabel() for _ in range(6)]
        form = QFormLayout(self.service_box)
        first = QHBoxLayout()
        first.addWidget(self.prefix)
        first.addWidget(self._labels[1])
        first.addWidget(self.name, 1)
        form.addRow(self._labels[0], first)
        second = QHBoxLayout()
        second.addWidget(self.quota)
        second.addWidget(self.active)
        second.addStretch(1)
        second.addWidget(self.save_service)
        form.addRow(self._labels[2], second)
        form.addRow("", self._labels[3])
        counter_form = QFormLayout(self.counter_box)
        row = QHBoxLayout()
        row.addWidget(self.counter)
        row.addWidget(self.counter_services, 1)
        row.addWidget(self.save_counter)
        counter_form.addRow(self._labels[4], row)
        counter_form.addRow("", self._labels[5])
        for label in self._labels[3], self._labels[5]:
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.service_box)
        layout.addWidget(self.counter_box)
        layout.addWidget(self.error)
        layout.addWidget(self.message)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Huruf"), self.tr("Layanan"), self.tr("Kuota harian"), self.tr("Keadaan"),
             self.tr("Hari ini")]
        )  # fmt: skip
        self.service_box.setTitle(self.tr("Layanan terpilih atau baru"))
        self.counter_box.setTitle(self.tr("Layanan tiap loket"))
        texts = (
            self.tr("Huruf"),
            self.tr("Nama"),
            self.tr("Kuota harian"),
            self.tr("0: tanpa batas. Bila kuota habis, kiosk menawarkan booking online."),
            self.tr("Loket"),
            self.tr("Huruf layanan menurut urutan, mis. C,A (loket memanggil C dulu); kosong: "
                    "semua layanan."),
        )  # fmt: skip
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.active.setText(self.tr("Melayani"))
        self.save_service.setText(self.tr("Simpan layanan"))
        self.save_counter.setText(self.tr("Simpan"))
        self.refresh()

    def refresh(self) -> None:
        self.services = queue.list_services(self._db)
        self.table.setRowCount(len(self.services))
        for r, s in enumerate(self.services):
            cells = (
                s.prefix,
                s.name,
                str(s.daily_quota) if s.daily_quota else self.tr("tanpa batas"),
                self.tr("melayani") if s.active else self.tr("dihentikan"),
                self.tr("%n nomor, {waiting} menunggu", "", s.issued).format(waiting=s.waiting),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        chosen = self.counter.currentData()
        self.counter.blockSignals(True)
        self.counter.clear()
        for info in branch.list_counters(self._db):
            self.counter.addItem(info.name, info.number)
        self.counter.setCurrentIndex(max(0, self.counter.findData(chosen)))
        self.counter.blockSignals(False)
        self._counter_selected()

    def _service_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        s = self.services[rows[0].row()]
        self.prefix.setText(s.prefix)
        self.name.setText(s.name)
        self.quota.setValue(s.daily_quota)
        self.active.setChecked(s.active)

    def _counter_selected(self) -> None:
        number = self.counter.currentData()
        served = queue.counter_services(self._db).get(number, ())
        self.counter_services.setText(",".join(served))

    def _call(self, call: Callable[[], object]) -> bool:
        clear_error(self.error, self.fields)
        self.message.clear()
        try:
            call()
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return False
        return True

    def save(self) -> None:
        letter = self.prefix.text().strip().upper()
        known = any(s.prefix == letter for s in self.services)
        if self._call(
            lambda: queue.configure_service(
                self._db,
                self._actor,
                letter,
                name=self.name.text(),
                daily_quota=self.quota.value(),
                active=self.active.isChecked() if known else True,
            )
        ):
            self.message.setText(self.tr("Layanan {prefix} tersimpan.").format(prefix=letter))
            self.refresh()

    def save_counter_services(self) -> None:
        number = self.counter.currentData()
        letters = [p for p in self.counter_services.text().replace(" ", "").split(",") if p]
        if self._call(lambda: queue.set_counter_services(self._db, self._actor, number, letters)):
            self.message.setText(
                self.tr("{counter} melayani: {services}.").format(
                    counter=self.counter.currentText(),
                    services=", ".join(letters) or self.tr("semua layanan"),
                )
            )
            self.refresh()
