"""*Dasbor*: the branch today and this month, for supervisors, the branch head and the admin.

The figures load off the GUI thread (a large branch's month takes a moment) and refresh
each time the page is shown and every few minutes; the charts are Qt Charts.
"""

from __future__ import annotations

import math
import re
from zoneinfo import ZoneInfo

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QHideEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.money import format_rupiah
from loket.services import dashboard
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.ui.pages.page_header import make_page_title
from loket.ui.retranslating import Retranslating
from loket.ui.service_names import service_name
from loket.ui.workers import BackgroundRunner

GREEN = QColor(31, 112, 66)
REFRESH_MS = 5 * 60_000


def phrases_whole(html: str) -> str:
    """``html`` with no-break spaces inside each phrase: a line may break only after ", "
    or before " (" (tags are left as they are)."""
    out = []
    for part in re.split(r"(<[^>]+>)", html):
        if not part.startswith("<"):
            part = part.replace(", ", ",\x00").replace(" (", "\x00(")
            part = part.replace(" ", "\u00a0").replace("\x00", " ")
        out.append(part)
    return "".join(out)


def one_decimal(value: float) -> str:
    """A figure with one decimal in the interface's locale ("5,1" in Indonesian).

    The average of whole ratings can be a whole number: QLocale wants a float."""
    return QLocale().toString(float(value), "f", 1)


def nice_scale(largest: float) -> tuple[int, int]:
    """A whole step of 1, 2 or 5 × 10ⁿ and the number of steps (at most five) that reach
    ``largest``: ticks people read at a glance (0, 20, 40…, not 0, 24.8, 49.5…)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if largest <= factor * step * 5:
                size = factor * step
                return size, max(1, math.ceil(largest / size))
        step *= 10


def rupiah_unit(amounts: list[int]) -> tuple[int, str]:
    """Thousands or millions of Rupiah, whichever keeps the bars' ticks whole numbers."""
    return (1_000_000, "juta") if max(amounts, default=0) >= 1_000_000 else (1_000, "ribu")


class DashboardPage(Retranslating, QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        timezone: str = "Asia/Makassar",
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._clock = db, actor, clock
        self._tz = ZoneInfo(timezone)
        self.figures: dashboard.Figures | None = None
        self.title = make_page_title()
        self.state = QLabel()
        self.state.setObjectName("dashboardState")
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshDashboard")
        self.refresh_button.clicked.connect(self.load)
        self.values: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        self.today_box, self.month_box, self.branch_box = QGroupBox(), QGroupBox(), QGroupBox()
        self.queue_box = QGroupBox()
        for box, prefix in ((self.today_box, "day"), (self.month_box, "month")):
            grid = QGridLayout(box)
            for row, key in enumerate(("registrations", "dues", "relief", "claims")):
                self._figure(grid, row, f"{prefix}.{key}")
        grid = QGridLayout(self.branch_box)
        for row, key in enumerate(("paid_up", "in_arrears", "lapsed", "waiting", "drawers")):
            self._figure(grid, row, f"branch.{key}")
        grid = QGridLayout(self.queue_box)
        for row, key in enumerate(("people", "wait", "service", "rating")):
            self._figure(grid, row, f"queue.{key}")
        self.collections_chart = QChart()
        self.collections_chart.setObjectName("collectionsChart")
        self.claims_chart = QChart()
        self.claims_chart.setObjectName("claimsChart")
        self.waits_chart = QChart()
        self.waits_chart.setObjectName("waitsChart")
        charts = QHBoxLayout()
        for chart in (self.collections_chart, self.claims_chart, self.waits_chart):
            chart.legend().hide()
            chart.setMargins(QMargins(4, 4, 4, 4))
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
            charts.addWidget(view, 3 if chart is self.collections_chart else 2)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.refresh_button)
        boxes = QHBoxLayout()
        for box in (self.today_box, self.month_box, self.branch_box, self.queue_box):
            boxes.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addLayout(boxes)
        layout.addLayout(charts, 1)
        self._runner = BackgroundRunner(self)
        self._runner.done.connect(self._loaded)
        self._runner.failed.connect(self._failed)
        self._tag = 0
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.load)
        self.retranslate_ui()

    def _figure(self, grid: QGridLayout, row: int, key: str) -> None:
        caption, value = QLabel(), QLabel("…")
        caption.setWordWrap(True)  # the caption gives way; the figure's lines stay whole
        value.setObjectName(key)
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, row, 1)
        self._captions[key], self.values[key] = caption, value

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Dasbor"))
        self.refresh_button.setText(self.tr("Muat ulang"))
        self.today_box.setTitle(self.tr("Hari ini"))
        self.month_box.setTitle(self.tr("Bulan ini"))
        self.branch_box.setTitle(self.tr("Cabang saat ini"))
        for prefix in ("day", "month"):
            self._captions[f"{prefix}.registrations"].setText(self.tr("Pendaftaran"))
            self._captions[f"{prefix}.dues"].setText(self.tr("Iuran diterima"))
            self._captions[f"{prefix}.relief"].setText(self.tr("Keringanan PP 50/2025"))
            self._captions[f"{prefix}.claims"].setText(self.tr("Klaim dibayar"))
        self._captions["branch.paid_up"].setText(self.tr("Peserta aktif, iuran lunas"))
        self._captions["branch.in_arrears"].setText(self.tr("Aktif, menunggak"))
        self._captions["branch.lapsed"].setText(self.tr("Non-aktif"))
        self._captions["branch.waiting"].setText(self.tr("Menunggu persetujuan"))
        self._captions["branch.drawers"].setText(self.tr("Kas loket terbuka"))
        self.queue_box.setTitle(self.tr("Antrean hari ini"))
        self._captions["queue.people"].setText(self.tr("Nomor"))
        self._captions["queue.wait"].setText(self.tr("Rata-rata menunggu"))
        self._captions["queue.service"].setText(self.tr("Rata-rata dilayani"))
        self._captions["queue.rating"].setText(self.tr("Nilai pelayanan"))
        self.waits_chart.setTitle(self.tr("Menunggu per jam hari ini (menit)"))
        if self.figures is not None:
            self._show(self.figures)

    def showEvent(self, event: QShowEvent) -> None:
        self.load()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def load(self) -> None:
        self.state.setText(self.tr("Memuat angka…"))
        self.refresh_button.setEnabled(False)
        db, actor, clock = self._db, self._actor, self._clock
        self._tag = self._runner.start(lambda: dashboard.figures(db, actor, clock=clock))

    def _failed(self, tag: int, error: object) -> None:
        if tag == self._tag:
            self.refresh_button.setEnabled(True)
            self.state.setText(str(error))

    def _loaded(self, tag: int, result: object) -> None:
        if tag != self._tag:
            return
        assert isinstance(result, dashboard.Figures)
        self.figures = result
        self.refresh_button.setEnabled(True)
        self._show(result)

    def _put(self, key: str, html: str) -> None:
        """A figure's value, broken only between its phrases: "Rp490.300 (5 kuitansi)" may
        go onto two lines before the bracket, never inside "(5 kuitansi)" (the columns
        narrow on a 1366-pixel screen)."""
        self.values[key].setText(phrases_whole(html))

    def _show(self, f: dashboard.Figures) -> None:
        self.state.setText(
            self.tr("Angka per {date}, {time}.").format(
                date=f.today.strftime("%d-%m-%Y"),
                time=self._clock().astimezone(self._tz).strftime("%H:%M"),
            )
        )
        for prefix, span in (("day", f.day), ("month", f.month)):
            self._put(
                f"{prefix}.registrations",
                "<br>".join(f"{seg}: <b>{n}</b>" for seg, n in span.registrations.items()),
            )
            dues = "<br>".join(f"{p}: {format_rupiah(a)}" for p, a in sorted(span.dues.items()))
            self._put(
                f"{prefix}.dues",
                self.tr("<b>{total}</b> (%n kuitansi)", "", span.receipts).format(
                    total=format_rupiah(span.dues_total)
                )
                + (f"<br>{dues}" if dues else ""),
            )
            self._put(f"{prefix}.relief", format_rupiah(span.relief))
            count, amount = span.claims_paid_total
            self._put(
                f"{prefix}.claims",
                self.tr("<b>%n</b> klaim, {amount}", "", count).format(
                    amount=format_rupiah(amount)
                ),
            )
        c = f.coverage
        for key, n in (("paid_up", c.paid_up), ("in_arrears", c.in_arrears), ("lapsed", c.lapsed)):
            share = f" ({100 * n / c.total:.0f} %)" if c.total else ""
            self._put(f"branch.{key}", f"<b>{n:,}</b>{share}".replace(",", "."))
        self._put("branch.waiting", f"<b>{f.waiting_approvals}</b>")
        self._put(
            "branch.drawers",
            "<br>".join(f"{counter}<br>({holder})" for counter, holder in f.open_drawers)
            or self.tr("tidak ada"),
        )
        self._show_queue(f)
        self._chart_collections(f)
        self._chart_claims(f)
        self._chart_waits(f)

    @staticmethod
    def _draw(
        chart: QChart,
        series: QAbstractBarSeries,
        name: str,
        labels: list[str],
        amounts: list[float],
    ) -> tuple[QBarCategoryAxis, QValueAxis]:
        """Replaces what ``chart`` showed by one set of green bars; returns its two axes
        (categories along ``series``'s base, the values — thousands or millions of Rupiah,
        minutes — along the other, with whole-numbered ticks)."""
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSet(name)
        bars.setColor(GREEN)
        for value in amounts:
            bars.append(value)
        series.append(bars)
        chart.addSeries(series)
        categories, values = QBarCategoryAxis(), QValueAxis()
        categories.append(labels)
        step, steps = nice_scale(max(amounts, default=0))
        values.setLabelFormat("%d")
        values.setRange(0, step * steps)
        values.setTickCount(steps + 1)
        horizontal = isinstance(series, QHorizontalBarSeries)
        left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
        chart.addAxis(categories, left if horizontal else bottom)
        chart.addAxis(values, bottom if horizontal else left)
        series.attachAxis(categories)
        series.attachAxis(values)
        return categories, values

    def _chart_collections(self, f: dashboard.Figures) -> None:
        unit, word = rupiah_unit([amount for _, amount in f.collections])
        self.collections_chart.setTitle(
            self.tr("Iuran diterima 30 hari terakhir (juta Rp)")
            if word == "juta"
            else self.tr("Iuran diterima 30 hari terakhir (ribu Rp)")
        )
        labels = [day.strftime("%d") for day, _ in f.collections]  # 30 days: no repeats
        if labels:
            labels[-1] = self.tr("hari ini")  # the bar still growing
        # an empty slot at each end: Qt Charts hides an end label wider than half its slot,
        # which on a 1366-pixel screen was the first day's and today's
        days, _ = self._draw(
            self.collections_chart,
            QBarSeries(),
            self.tr("Iuran"),
            ["", *labels, " "],
            [0, *(amount / unit for _, amount in f.collections), 0],
        )
        days.setLabelsAngle(-90)
        days.setTruncateLabels(False)
        small = QFont(days.labelsFont())
        small.setPointSizeF(small.pointSizeF() * 0.8)
        days.setLabelsFont(small)

    def _show_queue(self, f: dashboard.Figures) -> None:
        q = f.queue.total if f.queue else None

        def minutes(seconds: float | None) -> str:
            return (
                "—" if seconds is None else self.tr("{n} menit").format(n=one_decimal(seconds / 60))
            )

        if q is None:
            return
        self._put(
            "queue.people",
            self.tr(
                "<b>{issued}</b> diambil, {served} dilayani<br>{waiting} menunggu, "
                "{no_show} tidak hadir"
            ).format(issued=q.issued, served=q.served, waiting=q.waiting_left, no_show=q.no_show),
        )
        per_service = "<br>".join(
            f"{service_name(s.label)}: {minutes(s.wait_mean)}"
            for s in (f.queue.by_service if f.queue else [])
        )
        self._put(
            "queue.wait",
            f"<b>{minutes(q.wait_mean)}</b>" + (f"<br>{per_service}" if per_service else ""),
        )
        self._put("queue.service", f"<b>{minutes(q.service_mean)}</b>")
        self._put(
            "queue.rating",
            self.tr("<b>{mean}</b> dari 5 (%n penilaian)", "", q.ratings).format(
                mean=one_decimal(q.rating_mean)
            )
            if q.rating_mean is not None
            else "—",
        )

    def _chart_waits(self, f: dashboard.Figures) -> None:
        hours = f.queue.by_hour if f.queue else []
        self._draw(
            self.waits_chart,
            QBarSeries(),
            self.tr("Menunggu"),
            [f"{hour:02d}" for hour, _, _ in hours] or ["—"],
            [(wait or 0) / 60 for _, wait, _ in hours] or [0.0],
        )

    def _chart_claims(self, f: dashboard.Figures) -> None:
        names = sorted(f.claims_by_benefit) or [self.tr("belum ada")]
        amounts = [f.claims_by_benefit.get(name, (0, 0))[1] for name in names]
        unit, word = rupiah_unit(amounts)
        self.claims_chart.setTitle(
            self.tr("Klaim dibayar 30 hari terakhir (juta Rp)")
            if word == "juta"
            else self.tr("Klaim dibayar 30 hari terakhir (ribu Rp)")
        )
        self._draw(
            self.claims_chart,
            QHorizontalBarSeries(),
            self.tr("Klaim"),
            names,
            [amount / unit for amount in amounts],
        )
