"""Table layout shared by the pages."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


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
