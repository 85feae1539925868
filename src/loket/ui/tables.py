"""Table layout shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView


def fit_columns(table: QTableView, stretch: int) -> None:
    """Every column as wide as its content; column ``stretch`` takes the remaining width."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def rows_only(table: QTableView, *, stretch: int | None = None, single: bool = True) -> None:
    """A list of records to pick from: whole rows selected (one, unless ``single`` is
    False), nothing edited in place, no row numbers; ``stretch``: see :func:`fit_columns`."""
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if stretch is not None:
        fit_columns(table, stretch)


def wide_enough_for(table: QTableView, column: int, sample: str) -> None:
    """Column ``column`` always shows ``sample`` in full (a 16-digit NIK, say): a fixed
    width from the table's font, not from the rows loaded so far."""
    header = table.horizontalHeader()
    margin = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
    width = max(
        table.fontMetrics().horizontalAdvance(sample),
        header.fontMetrics().horizontalAdvance(
            str(table.model().headerData(column, Qt.Orientation.Horizontal) or "")
        ),
    )
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(column, width + margin)
