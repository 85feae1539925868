"""*Cabang, loket & printer* (admin): the branch's data printed on its documents and its
KPJ range; the counters with their printers (and a test page); the branch's rules in
words, those the central server decides shown as such. Every change goes through the
services, which check and audit it; the CLI does the same through the same calls."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.money import format_rupiah, parse_rupiah
from loket.domain.states import PaymentMethod
from loket.i18n import translate
from loket.printing.printer import Printer, log_print
from loket.printing.select import printer_for
from loket.services import branch, settings
from loket.services.actor import Actor
from loket.services.branch import CounterInfo
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.pages.page_header import make_page_title
from loket.ui.pages.queue_setup import QueueSetup
from loket.ui.tables import rows_only
from loket.ui.workers import BackgroundRunner

# Each setting as the admin reads it: its name and what it does, in words.
SETTING_TEXTS: dict[str, tuple[str, str]] = {
    "idle_lock_minutes": (
        QT_TRANSLATE_NOOP("BranchPage", "Kunci layar setelah diam"),
        QT_TRANSLATE_NOOP(
            "BranchPage",
            "Layar loket terkunci bila tidak ada ketikan atau gerakan tetikus selama ini; "
            "data peserta tidak terbuka untuk orang yang lewat.",
        ),
    ),
    "letterhead_title": (
        QT_TRANSLATE_NOOP("BranchPage", "Judul kop surat"),
        QT_TRANSLATE_NOOP(
            "BranchPage",
            "Baris pertama kop setiap kuitansi, surat dan berita acara, di atas nama dan "
            "alamat cabang.",
        ),
    ),
    "jkm_min_paid_months": (
        QT_TRANSLATE_NOOP("BranchPage", "Masa iuran minimum JKM"),
        QT_TRANSLATE_NOOP(
            "BranchPage",
            "Bulan iuran yang harus sudah dibayar sebelum santunan kematian dapat diajukan "
            "(0: cukup kepesertaan aktif pada bulan meninggal).",
        ),
    ),
    "approval_limit_supervisor": (
        QT_TRANSLATE_NOOP("BranchPage", "Batas persetujuan kepala bidang"),
        QT_TRANSLATE_NOOP(
            "BranchPage",
            "Klaim dengan jumlah di atas batas ini harus disetujui kepala kantor cabang "
            "(0: tanpa batas).",
        ),
    ),
    "approval_limit_head": (
        QT_TRANSLATE_NOOP("BranchPage", "Batas persetujuan kepala kantor cabang"),
        QT_TRANSLATE_NOOP(
            "BranchPage",
            "Jumlah klaim terbesar yang dapat disetujui kepala kantor cabang (0: tanpa batas).",
        ),
    ),
    "handover_stamp_duty": (
        QT_TRANSLATE_NOOP("BranchPage", "Meterai pada berita acara"),
        QT_TRANSLATE_NOOP(
            "BranchPage",
            "Berita acara serah terima di atas Rp5.000.000 memuat tempat meterai Rp10.000 "
            "(UU 10/2020; pasal 7 dapat membebaskan pembayaran terkait hubungan kerja).",
        ),
    ),
    "payout_methods": (
        QT_TRANSLATE_NOOP("BranchPage", "Cara pembayaran manfaat"),
        QT_TRANSLATE_NOOP(
            "BranchPage", "Cara yang boleh dipilih petugas saat membayar klaim yang disetujui."
        ),
    ),
    "backup_keep_daily": (
        QT_TRANSLATE_NOOP("BranchPage", "Cadangan harian disimpan"),
        QT_TRANSLATE_NOOP(
            "BranchPage",
            "Cadangan database dibuat saat hari ditutup dan saat Loket pertama dibuka tiap "
            "hari; yang terbaru dari sekian hari terakhir disimpan.",
        ),
    ),
    "backup_keep_monthly": (
        QT_TRANSLATE_NOOP("BranchPage", "Cadangan bulanan disimpan"),
        QT_TRANSLATE_NOOP(
            "BranchPage", "Selain itu, yang terbaru dari tiap bulan untuk sekian bulan terakhir."
        ),
    ),
    "backup_directory": (
        QT_TRANSLATE_NOOP("BranchPage", "Folder cadangan"),
        QT_TRANSLATE_NOOP(
            "BranchPage",
            "Satu folder bagi semua komputer cabang, di disk lain atau server berkas cabang; "
            "kosong: di samping database.\nContoh: \\\\SERVER\\cadangan-loket atau "
            "/srv/cadangan-loket",
        ),
    ),
    "backup_every_hours": (
        QT_TRANSLATE_NOOP("BranchPage", "Cadangan selama hari kerja"),
        QT_TRANSLATE_NOOP(
            "BranchPage",
            "Cadangan dibuat lagi bila yang terbaru lebih tua dari sekian jam (0: hanya saat "
            "dibuka pertama dan saat hari ditutup): yang hilang bila disk rusak paling banyak "
            "sekian jam kerja.",
        ),
    ),
    "sync_server_url": (
        QT_TRANSLATE_NOOP("BranchPage", "Alamat server pusat"),
        QT_TRANSLATE_NOOP("BranchPage", "Diatur di halaman Server pusat, bersama tokennya."),
    ),
    "sync_interval_seconds": (
        QT_TRANSLATE_NOOP("BranchPage", "Jeda sinkronisasi"),
        QT_TRANSLATE_NOOP(
            "BranchPage",
            "Detik antara dua sinkronisasi selama server menjawab. Diatur di halaman Server pusat.",
        ),
    ),
}
_ELSEWHERE = ("sync_server_url", "sync_interval_seconds")  # the Server pusat page's
_MONEY = ("approval_limit_supervisor", "approval_limit_head")
_PAPERS = ("80mm", "a5")


class _SettingEditor:
    """One setting's editor: reads the widget as the value the service checks."""

    def __init__(self, key: str, value: Any, published: datetime | None) -> None:
        self.key, self.original = key, value
        self.widget: QWidget
        self.boxes: dict[str, QCheckBox] = {}
        if key in _MONEY:
            self.widget = QLineEdit()
            self.widget.setMinimumWidth(180)
        elif isinstance(value, bool):
            self.widget = QCheckBox()
        elif isinstance(value, int):
            spin = QSpinBox()
            spin.setRange(0, 3600)
            self.widget = spin
        elif isinstance(value, list):
            self.widget = QWidget()
            row = QHBoxLayout(self.widget)
            row.setContentsMargins(0, 0, 0, 0)
            for method in (PaymentMethod.TRANSFER, PaymentMethod.CASH):
                self.boxes[method] = QCheckBox()
                row.addWidget(self.boxes[method])
            row.addStretch(1)
        else:
            self.widget = QLineEdit()
            self.widget.setMinimumWidth(360)
        self.widget.setObjectName(f"setting_{key}")
        self.show(value, published)

    def show(self, value: Any, published: datetime | None) -> None:
        """The value in force; editable unless the server decides it or another page does."""
        self.original = value
        w = self.widget
        if self.key in _MONEY:
            assert isinstance(w, QLineEdit)
            w.setText(format_rupiah(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(value)
        elif isinstance(w, QSpinBox):
            w.setValue(value)
        elif self.boxes:
            for method, box in self.boxes.items():
                box.setChecked(method in value)
        else:
            assert isinstance(w, QLineEdit)
            w.setText(str(value))
        w.setEnabled(published is None and self.key not in _ELSEWHERE)

    def value(self) -> Any:
        w = self.widget
        if self.key in _MONEY:
            assert isinstance(w, QLineEdit)
            return parse_rupiah(w.text())
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            return w.value()
        if self.boxes:
            return [m for m, box in self.boxes.items() if box.isChecked()]
        assert isinstance(w, QLineEdit)
        return w.text()


class BranchPage(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        printer_factory: Any = printer_for,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self._printer_factory = printer_factory  # a fake in tests: the device is the edge
        self.counters: list[CounterInfo] = []
        self.editors: dict[str, _SettingEditor] = {}
        self._runner = BackgroundRunner(self)
        self._runner.done.connect(self._printed)
        self._runner.failed.connect(self._print_failed)
        self.title = make_page_title()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("branchTabs")
        self.tabs.addTab(self._branch_tab(), "")
        self.tabs.addTab(self._counters_tab(), "")
        self.tabs.addTab(self._rules_tab(), "")
        self.queue_setup = QueueSetup(db, actor)
        self.tabs.addTab(self.queue_setup, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()
        self.refresh()

    # -- building -----------------------------------------------------------------------

    def _branch_tab(self) -> QWidget:
        tab = QWidget()
        self.code = QLabel()
        self.code.setObjectName("branchCode")
        self.name = QLineEdit()
        self.name.setObjectName("branchName")
        self.address = QLineEdit()
        self.address.setObjectName("branchAddress")
        self.phone = QLineEdit()
        self.phone.setObjectName("branchPhone")
        self.save_branch = QPushButton()
        self.save_branch.setObjectName("saveBranch")
        self.save_branch.clicked.connect(self.save_branch_data)
        self.kpj_prefix = QLineEdit()
        self.kpj_prefix.setObjectName("kpjPrefix")
        self.kpj_prefix.setMaxLength(3)
        self.kpj_prefix.setMaximumWidth(80)
        self.set_prefix = QPushButton()
        self.set_prefix.setObjectName("setKpjPrefix")
        self.set_prefix.clicked.connect(self.save_kpj_prefix)
        self.prefix_note = QLabel()
        self.prefix_note.setWordWrap(True)
        self.branch_error = make_error_label("branchError")
        self.branch_message = QLabel()
        self.branch_message.setObjectName("branchMessage")
        self.branch_fields: dict[str, QWidget] = {
            "name": self.name,
            "address": self.address,
            "phone": self.phone,
            "kpj_prefix": self.kpj_prefix,
        }
        self._branch_labels = [QLabel() for _ in range(5)]
        form = QFormLayout()
        prefix_row = QHBoxLayout()
        prefix_row.addWidget(self.kpj_prefix)
        prefix_row.addWidget(self.set_prefix)
        prefix_row.addStretch(1)
        rows: list[QWidget | QHBoxLayout] = [
            self.code, self.name, self.address, self.phone, prefix_row
        ]  # fmt: skip
        for label, field in zip(self._branch_labels, rows, strict=True):
            label.setBuddy(field if isinstance(field, QWidget) else self.kpj_prefix)
            form.addRow(label, field)
        form.addRow("", self.prefix_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_branch)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.branch_error)
        layout.addWidget(self.branch_message)
        layout.addStretch(1)
        return tab

    def _counters_tab(self) -> QWidget:
        tab = QWidget()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("counters")
        rows_only(self.table, stretch=2)
        self.table.itemSelectionChanged.connect(self._counter_selected)
        self.counter_name = QLineEdit()
        self.counter_name.setObjectName("counterName")
        self.rename = QPushButton()
        self.rename.setObjectName("renameCounter")
        self.rename.clicked.connect(self.rename_counter)
        self.printer = QComboBox()
        self.printer.setObjectName("printer")
        self.printer.setEditable(True)  # a system printer, or an escpos+… address typed in
        self.printer.setMinimumWidth(320)
        self.paper = QComboBox()
        self.paper.setObjectName("paper")
        for paper in _PAPERS:
            self.paper.addItem("", paper)
        self.save_printer = QPushButton()
        self.save_printer.setObjectName("savePrinter")
        self.save_printer.clicked.connect(self.save_counter_printer)
        self.test_print = QPushButton()
        self.test_print.setObjectName("printTestPage")
        self.test_print.clicked.connect(self.print_test_page)
        self.retire = QPushButton()
        self.retire.setObjectName("retireCounter")
        self.retire.clicked.connect(self.toggle_counter)
        self.new_counter = QLineEdit()
        self.new_counter.setObjectName("newCounterName")
        self.add_counter = QPushButton()
        self.add_counter.setObjectName("addCounter")
        self.add_counter.clicked.connect(self.add_new_counter)
        self.new_counter.returnPressed.connect(self.add_new_counter)
        self.printer_note = QLabel()
        self.printer_note.setWordWrap(True)
        self.counter_error = make_error_label("counterError")
        self.counter_message = QLabel()
        self.counter_message.setObjectName("counterMessage")
        self.counter_message.setWordWrap(True)
        self.counter_fields: dict[str, QWidget] = {
            "counter": self.table,
            "name": self.counter_name,
            "printer": self.printer,
            "paper": self.paper,
        }

        self.edit_box = QGroupBox()
        self._counter_labels = [QLabel() for _ in range(3)]
        for label, field in zip(
            self._counter_labels, (self.counter_name, self.printer, self.paper), strict=True
        ):
            label.setBuddy(field)
        form = QFormLayout(self.edit_box)
        name_row = QHBoxLayout()
        name_row.addWidget(self.counter_name, 1)
        name_row.addWidget(self.rename)
        form.addRow(self._counter_labels[0], name_row)
        form.addRow(self._counter_labels[1], self.printer)
        form.addRow("", self.printer_note)
        paper_row = QHBoxLayout()
        paper_row.addWidget(self.paper)
        paper_row.addWidget(self.save_printer)
        paper_row.addWidget(self.test_print)
        paper_row.addStretch(1)
        paper_row.addWidget(self.retire)
        form.addRow(self._counter_labels[2], paper_row)
        add_row = QHBoxLayout()
        self._new_label = QLabel()
        self._new_label.setBuddy(self.new_counter)
        add_row.addWidget(self._new_label)
        add_row.addWidget(self.new_counter, 1)
        add_row.addWidget(self.add_counter)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.edit_box)
        layout.addLayout(add_row)
        layout.addWidget(self.counter_error)
        layout.addWidget(self.counter_message)
        return tab

    def _rules_tab(self) -> QWidget:
        tab = QWidget()
        self.rules_form = QFormLayout()
        self.rules_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(self.rules_form)
        self.published_box = QGroupBox()
        self.published = QLabel()
        self.published.setObjectName("publishedRules")
        self.published.setWordWrap(True)
        QVBoxLayout(self.published_box).addWidget(self.published)
        inner_layout.addWidget(self.published_box)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("rulesScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.save_rules = QPushButton()
        self.save_rules.setObjectName("saveRules")
        self.save_rules.clicked.connect(self.save_settings)
        self.rules_error = make_error_label("rulesError")
        self.rules_message = QLabel()
        self.rules_message.setObjectName("rulesMessage")
        self.rules_message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_rules)
        buttons.addWidget(self.rules_message, 1)
        layout = QVBoxLayout(tab)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.rules_error)
        layout.addLayout(buttons)  # below the scroll: always in view
        self._rule_labels: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        return tab

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Cabang, loket & printer"))
        self.tabs.setTabText(0, self.tr("&Cabang"))
        self.tabs.setTabText(1, self.tr("&Loket && printer"))
        self.tabs.setTabText(2, self.tr("Atu&ran cabang"))
        self.tabs.setTabText(3, self.tr("Antrean"))
        texts = (self.tr("Kode cabang"), self.tr("&Nama cabang"), self.tr("&Alamat"),
                 self.tr("&Telepon"), self.tr("Awalan &KPJ"))  # fmt: skip
        for label, text in zip(self._branch_labels, texts, strict=True):
            label.setText(text)
        self.save_branch.setText(self.tr("Simpan data cabang"))
        self.set_prefix.setText(self.tr("Tetapkan"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Nama"), self.tr("Printer"), self.tr("Kertas"),
             self.tr("Keadaan")]
        )  # fmt: skip
        self.edit_box.setTitle(self.tr("Loket terpilih"))
        for label, text in zip(
            self._counter_labels,
            (self.tr("Na&ma"), self.tr("&Printer"), self.tr("K&ertas")),
            strict=True,
        ):
            label.setText(text)
        self.rename.setText(self.tr("Ganti nama"))
        entry = self.printer.lineEdit()
        assert entry is not None  # editable
        entry.setPlaceholderText(self.tr("(bawaan sistem)"))
        self.printer_note.setText(
            self.tr("Pilih printer sistem, kosongkan untuk printer bawaan, atau ketik alamat "
                    "printer thermal ESC/POS: escpos+tcp://192.168.1.50, escpos+usb://04b8:0202, "
                    "escpos+file:///dev/usb/lp0.")
        )  # fmt: skip
        self.paper.setItemText(0, self.tr("Gulungan thermal 80 mm"))
        self.paper.setItemText(1, self.tr("A5"))
        self.save_printer.setText(self.tr("Simpan printer"))
        self.test_print.setText(self.tr("Cetak halaman uji"))
        self._new_label.setText(self.tr("Loket &baru"))
        self.new_counter.setPlaceholderText(self.tr("nama, mis. Loket 4 (boleh kosong)"))
        self.add_counter.setText(self.tr("Tambah loket"))
        self.published_box.setTitle(self.tr("Ditetapkan server pusat"))
        self.save_rules.setText(self.tr("Simpan aturan"))
        self._counter_selected()
        self._fill_rules()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_rule_labels"):
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    # -- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        if not hasattr(self, "_rule_labels"):
            return
        home = branch.get_home_branch(self._db)
        if home is not None:
            self.code.setText(f"{home.code} · {home.timezone}")
            self.name.setText(home.name)
            self.address.setText(home.address)
            self.phone.setText(home.phone)
            self.kpj_prefix.setText(home.kpj_prefix or "")
            fixed = home.kpj_prefix_in_use
            self.kpj_prefix.setReadOnly(fixed)
            self.set_prefix.setEnabled(not fixed)
            self.prefix_note.setText(
                self.tr("Tidak dapat diubah lagi: KPJ pertama dengan awalan ini sudah "
                        "diterbitkan.")
                if fixed
                else self.tr("Tiga angka dari kantor pusat; dapat diubah sampai KPJ pertama "
                             "diterbitkan.")
            )  # fmt: skip
        self._fill_counters()
        self._fill_rules()
        self.queue_setup.refresh()

    def _fill_counters(self) -> None:
        chosen = self._selected()
        self.counters = branch.all_counters(self._db, self._actor)
        self.table.setRowCount(len(self.counters))
        papers = {"80mm": self.tr("80 mm"), "a5": self.tr("A5")}
        for row, c in enumerate(self.counters):
            cells = (
                str(c.number),
                c.name,
                c.receipt_printer or self.tr("(bawaan sistem)"),
                papers.get(c.paper, c.paper),
                self.tr("melayani") if c.active else self.tr("dihentikan"),
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
            if chosen is not None and c.number == chosen.number:
                self.table.selectRow(row)
        self._counter_selected()

    def _fill_rules(self) -> None:
        if not hasattr(self, "_rule_labels"):
            return
        states = settings.list_settings(self._db)
        if not self.editors:
            for state in states:
                editor = _SettingEditor(state.key, state.value, state.published_at)
                self.editors[state.key] = editor
                name, meaning, source = QLabel(), QLabel(), QLabel()
                name.setBuddy(editor.widget)
                meaning.setWordWrap(True)
                meaning.setStyleSheet("color: #555;")
                source.setObjectName(f"source_{state.key}")
                source.setStyleSheet("color: #1f6f43; font-weight: bold;")
                field = QWidget()
                column = QVBoxLayout(field)
                column.setContentsMargins(0, 0, 0, 6)
                line = QHBoxLayout()
                line.addWidget(editor.widget)
                line.addWidget(source)
                line.addStretch(1)
                column.addLayout(line)
                column.addWidget(meaning)
                meaning.setFixedWidth(640)  # a fixed width: wrapped lines get their height
                self.rules_form.addRow(name, field)
                self._rule_labels[state.key] = (name, meaning, source)
        for state in states:
            self.editors[state.key].show(state.value, state.published_at)
            name, meaning, source = self._rule_labels[state.key]
            label, text = SETTING_TEXTS.get(state.key, (state.key, ""))
            name.setText(translate("BranchPage", label))
            meaning.setText(translate("BranchPage", text))
            # the wrapped text's own height: the form would otherwise give some rows one line
            meaning.setMinimumHeight(meaning.heightForWidth(meaning.width()))
            source.setText(
                self.tr("ditetapkan server pusat, {date}").format(
                    date=state.published_at.strftime("%d-%m-%Y"))
                if state.published_at is not None
                else ""
            )  # fmt: skip
            editor = self.editors[state.key]
            if editor.boxes:
                editor.boxes[PaymentMethod.TRANSFER].setText(self.tr("Transfer bank"))
                editor.boxes[PaymentMethod.CASH].setText(self.tr("Tunai di loket"))
            if isinstance(editor.widget, QSpinBox):
                editor.widget.setSuffix(
                    self.tr(" menit") if state.key == "idle_lock_minutes"
                    else self.tr(" bulan") if state.key in ("jkm_min_paid_months",
                                                            "backup_keep_monthly")
                    else self.tr(" hari") if state.key == "backup_keep_daily"
                    else self.tr(" jam") if state.key == "backup_every_hours"
                    else self.tr(" detik")
                )  # fmt: skip
            if isinstance(editor.widget, QCheckBox):
                editor.widget.setText(self.tr("ya"))
        rules = settings.published_rules(self._db)
        self.published.setText(
            "\n".join(f"• {name} ({at:%d-%m-%Y})" for name, at in rules)
            if rules
            else self.tr("Belum ada tabel tarif, keringanan atau aturan tunggakan dari server "
                         "pusat: berlaku tabel bawaan Loket (PP 44/2015 dan perubahannya).")
        )  # fmt: skip

    def _selected(self) -> CounterInfo | None:
        if not hasattr(self, "counters"):
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.counters[rows[0].row()] if rows else None

    def _counter_selected(self) -> None:
        c = self._selected()
        for w in (self.counter_name, self.rename, self.printer, self.paper, self.save_printer,
                  self.test_print, self.retire):  # fmt: skip
            w.setEnabled(c is not None)
        self.retire.setText(
            self.tr("Aktifkan lagi") if c is not None and not c.active
            else self.tr("Hentikan loket")
        )  # fmt: skip
        if c is None:
            return
        self.counter_name.setText(c.name)
        self.printer.clear()
        self.printer.addItem("")
        self.printer.addItems(self._system_printers())
        self.printer.setCurrentText(c.receipt_printer)
        self.paper.setCurrentIndex(max(0, self.paper.findData(c.paper)))

    @staticmethod
    def _system_printers() -> list[str]:
        from PySide6.QtPrintSupport import QPrinterInfo

        return list(QPrinterInfo.availablePrinterNames())

    # -- changing -----------------------------------------------------------------------

    def save_branch_data(self) -> None:
        clear_error(self.branch_error, self.branch_fields)
        try:
            b = branch.update_branch(
                self._db,
                self._actor,
                name=self.name.text(),
                address=self.address.text(),
                phone=self.phone.text(),
            )
        except LoketError as exc:
            show_error(self.branch_error, exc, self.branch_fields)
            return
        self.branch_message.setText(
            self.tr(
                "Tersimpan. Dokumen berikutnya memakai data ini: {name}, {address}, telp. {phone}."
            ).format(name=b.name, address=b.address or "—", phone=b.phone or "—")
        )
        self.refresh()

    def save_kpj_prefix(self) -> None:
        clear_error(self.branch_error, self.branch_fields)
        try:
            b = branch.set_kpj_prefix(self._db, self._actor, self.kpj_prefix.text().strip())
        except LoketError as exc:
            show_error(self.branch_error, exc, self.branch_fields)
            return
        self.branch_message.setText(self.tr("Awalan KPJ: {prefix}.").format(prefix=b.kpj_prefix))
        self.refresh()

    def _counter_done(self, text: str) -> None:
        self.counter_message.setText(text)
        self._fill_counters()

    def _counter_call(self, call: Any) -> Any:
        """The service's answer, or None after showing its refusal at the field."""
        clear_error(self.counter_error, self.counter_fields)
        self.counter_message.clear()
        try:
            return call()
        except LoketError as exc:
            show_error(self.counter_error, exc, self.counter_fields)
            return None

    def rename_counter(self) -> None:
        c = self._selected()
        if c is None:
            return
        done = self._counter_call(
            lambda: branch.rename_counter(self._db, self._actor, c.number, self.counter_name.text())
        )
        if done is not None:
            self._counter_done(self.tr("Loket nomor {number} kini {name}.").format(
                number=done.number, name=done.name))  # fmt: skip

    def save_counter_printer(self) -> None:
        c = self._selected()
        if c is None:
            return
        done = self._counter_call(
            lambda: branch.set_counter_printer(
                self._db,
                self._actor,
                c.number,
                printer=self.printer.currentText(),
                paper=str(self.paper.currentData()),
            )
        )
        if done is not None:
            self._counter_done(
                self.tr("{name}: printer {printer}, kertas {paper}. Berlaku saat petugas "
                        "masuk berikutnya di loket ini.").format(
                    name=done.name,
                    printer=done.receipt_printer or self.tr("(bawaan sistem)"),
                    paper=self.paper.currentText())
            )  # fmt: skip

    def print_test_page(self) -> None:
        """Prints the test page on the counter's saved printer, off the GUI thread."""
        c = self._selected()
        if c is None:
            return
        made = self._counter_call(
            lambda: branch.printer_check_page(self._db, self._actor, c.number)
        )
        if made is None:
            return
        page: CounterInfo = made[0]
        pdf: bytes = made[1]
        printer: Printer = self._printer_factory(page.receipt_printer)
        self.test_print.setEnabled(False)
        self.counter_message.setText(self.tr("Mencetak halaman uji ke {printer}…").format(
            printer=printer.name))  # fmt: skip

        def send() -> CounterInfo:
            try:
                printer.print_pdf(pdf, f"Halaman uji {page.name}")
            except LoketError as exc:
                log_print(printer.name, f"Halaman uji {page.name}", exc)
                raise
            log_print(printer.name, f"Halaman uji {page.name}")
            return page

        self._runner.start(send)

    def _printed(self, _tag: int, page: CounterInfo) -> None:
        self.test_print.setEnabled(self._selected() is not None)
        self.counter_message.setText(
            self.tr("Halaman uji {name} terkirim ke printer. Periksa: kop utuh, jumlah di "
                    "tepi kanan, garis dari tepi ke tepi, kode QR terbaca.").format(
                name=page.name)
        )  # fmt: skip

    def _print_failed(self, _tag: int, error: LoketError) -> None:
        self.test_print.setEnabled(self._selected() is not None)
        self.counter_message.clear()
        show_error(self.counter_error, error, self.counter_fields)

    def toggle_counter(self) -> None:
        c = self._selected()
        if c is None:
            return
        done = self._counter_call(
            lambda: branch.set_counter_active(self._db, self._actor, c.number, not c.active)
        )
        if done is not None:
            self._counter_done(
                self.tr("{name} melayani lagi.").format(name=done.name)
                if done.active
                else self.tr("{name} dihentikan: tidak lagi ditawarkan saat masuk; catatannya "
                             "tetap.").format(name=done.name)
            )  # fmt: skip

    def add_new_counter(self) -> None:
        done = self._counter_call(
            lambda: branch.add_counter(self._db, self._actor, name=self.new_counter.text())
        )
        if done is not None:
            self.new_counter.clear()
            self._counter_done(self.tr("{name} (nomor {number}) ditambahkan.").format(
                name=done.name, number=done.number))  # fmt: skip

    def save_settings(self) -> None:
        """Saves every changed rule, each through the service (each audited on its own);
        stops at the first the service refuses, at its field."""
        fields = {key: e.widget for key, e in self.editors.items()}
        clear_error(self.rules_error, fields)
        self.rules_message.clear()
        saved = []
        for key, editor in self.editors.items():
            if not editor.widget.isEnabled():
                continue
            try:
                value = editor.value()
                if value == editor.original:
                    continue
                settings.set_setting(self._db, self._actor, key, value)
            except LoketError as exc:  # at its field; an amount that does not read, here too
                show_error(self.rules_error, exc, {**fields, "": editor.widget})
                break
            editor.show(value, None)
            saved.append(translate("BranchPage", SETTING_TEXTS[key][0]))
        if saved:
            self.rules_message.setText(
                self.tr("Tersimpan: {names}.").format(names=", ".join(saved))
            )
        elif not self.rules_error.isVisible():
            self.rules_message.setText(self.tr("Tidak ada yang berubah."))
