"""Counting a cash drawer: the Rupiah notes and coins (``resources/cash/``, as data) and what a
count by denomination adds up to, and a drawer's expected cash.

A count is ``{denomination key: pieces}``: ``{"note-100000": 3, "coin-500": 4}`` is
Rp302.000. Keys not in the list, negative or non-whole pieces are refused: a count is typed
by a person at the end of a long day, and a typo must not pass as money.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError
from loket.resources import resource_path

MAX_PIECES = 100_000  # more notes of one kind than any drawer holds: a typo


class CashCountError(DomainValueError):
    pass


@dataclass(frozen=True)
class Denomination:
    key: str
    value: int  # Rupiah
    kind: str  # "note" | "coin"


@cache
def denominations() -> tuple[Denomination, ...]:
    """Largest first, as a drawer is counted."""
    data = json.loads(resource_path("cash", "denominations-idr.json").read_text("utf-8"))
    out = tuple(
        Denomination(str(d["key"]), int(d["value"]), str(d["kind"])) for d in data["denominations"]
    )
    if len({d.key for d in out}) != len(out) or any(d.value <= 0 for d in out):
        raise RuntimeError("resources/cash/denominations-idr.json: keys unique, values positive")
    return out


def checked_count(count: Mapping[str, int]) -> dict[str, int]:
    """The count with its zero lines dropped, in the list's order; raises on a bad line."""
    known = {d.key for d in denominations()}
    for key, pieces in count.items():
        if key not in known:
            raise CashCountError(
                QT_TRANSLATE_NOOP("LoketError", "Pecahan {key} tidak dikenal."), key=key
            )
        if isinstance(pieces, bool) or not isinstance(pieces, int) or pieces < 0:
            raise CashCountError(
                QT_TRANSLATE_NOOP("LoketError", "Jumlah lembar/keping harus bilangan bulat ≥ 0.")
            )
        if pieces > MAX_PIECES:
            raise CashCountError(
                QT_TRANSLATE_NOOP("LoketError", "Jumlah {pieces} untuk satu pecahan tidak wajar."),
                pieces=pieces,
            )
    return {d.key: count[d.key] for d in denominations() if count.get(d.key)}


def count_total(count: Mapping[str, int]) -> int:
    """What a count adds up to, in Rupiah."""
    values = {d.key: d.value for d in denominations()}
    return sum(values[key] * pieces for key, pieces in checked_count(count).items())


@dataclass(frozen=True)
class DrawerBalance:
    """A cash session's drawer: float + cash received − cash refunded for voids = expected.
    (Change given is already out of the received figure: a receipt's cash is its total —
    what was tendered less the change.)"""

    opening_float: int
    cash_received: int
    cash_refunded: int

    @property
    def expected(self) -> int:
        return self.opening_float + self.cash_received - self.cash_refunded

    def difference(self, counted: int) -> int:
        """Counted less expected: negative is a shortage, positive an overage."""
        return counted - self.expected


def count_of(amount: int) -> dict[str, int]:
    """The fewest notes and coins making ``amount`` (a multiple of Rp100), as a count: for
    the demo branch and tests, which close drawers nobody counted."""
    if amount < 0 or amount % 100:
        raise ValueError(f"no count of notes and coins makes {amount}")
    out: dict[str, int] = {}
    for d in denominations():
        out[d.key], amount = divmod(amount, d.value)
    return checked_count(out)
