"""Search results as a table that asks the service for the next page when scrolled to."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from loket.services.participants import ParticipantRow
from loket.ui.workers import BackgroundRunner

PAGE = 50
Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[str, int, int], list[ParticipantRow]]  # query, limit, offset


class ParticipantTableModel(QAbstractTableModel):
    answered = Signal()  # the answer to the current question arrived (rows or none)

    def __init__(self, fetch: Fetch, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._rows: list[ParticipantRow] = []
        self._query = ""
        self._more = False
        self._pending: int | None = None  # tag of the request whose answer we wait for
        self._runner = BackgroundRunner(self)
        self._runner.done.connect(self._arrived)
        self._runner.failed.connect(lambda tag, _error: self._forget(tag))
        self._headers: tuple[str, ...] = (
            "KPJ",
            "NIK",
            "Nama",
            "Tanggal lahir",
            "Telepon",
            "Status",
        )

    # -- asking --------------------------------------------------------------
    def search(self, query: str) -> None:
        """Starts a new search; answers to older ones are dropped when they arrive."""
        self.beginResetModel()
        self._rows, self._query, self._more = [], query.strip(), False
        self._pending = None
        if self._query:
            self._request(0)  # asked before the reset is announced: views see it as busy
        self.endResetModel()

    def _request(self, offset: int) -> None:
        query = self._query
        self._pending = self._runner.start(lambda: (offset, self._fetch(query, PAGE, offset)))

    def _forget(self, tag: int) -> None:
        if tag == self._pending:
            self._pending = None

    def _arrived(self, tag: int, result: object) -> None:
        if tag != self._pending:
            return  # a stale answer: the user has typed on since
        self._pending = None
        assert isinstance(result, tuple)
        offset: int = result[0]
        rows: list[ParticipantRow] = result[1]
        if offset != len(self._rows) or not rows:
            self._more = False
            self.answered.emit()
            return
        self._more = len(rows) == PAGE  # set first: views ask as soon as rows are inserted
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.answered.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and self._pending is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(len(self._rows))

    @property
    def busy(self) -> bool:
        return self._pending is not None

    # -- showing -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def row(self, i: int) -> ParticipantRow:
        return self._rows[i]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        r = self._rows[index.row()]
        return (r.kpj, r.nik, r.full_name, r.birth_date.strftime("%d-%m-%Y"), r.phone, r.status)[
            index.column()
        ]

    def set_headers(self, headers: tuple[str, ...]) -> None:
        self._headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None
