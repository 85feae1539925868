"""BPU contribution tariffs: tables as data, each with its effective date and regulation.

A payment uses the table in force on its date. Tables ship in ``resources/tariffs/``; newer
ones arrive from the central server (published there, pulled by sync into the branch's
database) and are passed in as ``published`` JSON texts; a new table needs no code change.
Rates are decimals, amounts whole Rupiah, and a percentage is rounded half up to the Rupiah
(1 % and 2 % of the listed incomes, which are multiples of Rp100.000, are always whole:
the rule only matters for imported data).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from typing import Any

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError
from loket.domain.money import format_rupiah
from loket.domain.registration import Program
from loket.resources import resource_path


class TariffError(DomainValueError):
    pass


@dataclass(frozen=True)
class Rate:
    percent: Decimal | None = None  # of the declared income
    flat: int | None = None
    minimum: int | None = None
    maximum: int | None = None

    def amount(self, income: int) -> int:
        if self.flat is not None:
            return self.flat
        assert self.percent is not None
        value = int((Decimal(income) * self.percent / 100).quantize(Decimal(1), ROUND_HALF_UP))
        if self.minimum is not None:
            value = max(value, self.minimum)
        if self.maximum is not None:
            value = min(value, self.maximum)
        return value


@dataclass(frozen=True)
class TariffTable:
    effective_from: date
    basis: str
    rates: dict[Program, Rate]
    income_minimum: int
    income_maximum: int
    income_step: int  # the regulation lists nominal incomes; a step stands in (provisional)
    income_step_provisional: bool
    source: str


@dataclass(frozen=True)
class MonthlyDues:
    per_program: dict[Program, int]
    total: int
    table: TariffTable


def parse_table(data: dict[str, Any], source: str) -> TariffTable:
    """A table from its JSON form (the shipped files, or one the central server published);
    ``ValueError`` if Loket does not understand it."""
    if data.get("kind") != "BPU" or data.get("rounding") != "half_up_to_rupiah":
        raise ValueError(f"{source}: not a BPU tariff table Loket understands")
    rates = {}
    for name, r in data["rates"].items():
        rates[Program(name)] = Rate(
            percent=Decimal(r["percent_of_income"]) if "percent_of_income" in r else None,
            flat=r.get("flat"),
            minimum=r.get("minimum"),
            maximum=r.get("maximum"),
        )
        if (rates[Program(name)].percent is None) == (rates[Program(name)].flat is None):
            raise ValueError(f"{source}: {name} needs a percentage or a flat amount")
    income = data["income"]
    return TariffTable(
        effective_from=date.fromisoformat(data["effective_from"]),
        basis=data["basis"],
        rates=rates,
        income_minimum=income["minimum"],
        income_maximum=income["maximum"],
        income_step=income["step"],
        income_step_provisional=bool(income.get("provisional_step")),
        source=source,
    )


@cache
def tariff_tables(published: tuple[tuple[str, str], ...] = ()) -> tuple[TariffTable, ...]:
    """Every table shipped and every ``(name, json_text)`` published, oldest first."""
    paths = sorted(resource_path("tariffs").glob("bpu-*.json"))
    found = [parse_table(json.loads(p.read_text(encoding="utf-8")), p.name) for p in paths]
    found += [parse_table(json.loads(body), name) for name, body in published]
    tables = sorted(found, key=lambda t: t.effective_from)
    if len({t.effective_from for t in tables}) != len(tables):
        raise ValueError("two BPU tariff tables take effect on the same day")
    return tuple(tables)


Published = tuple[tuple[str, str], ...]


@lru_cache(maxsize=256)  # a bulk import asks millions of times for the same day
def table_on(on: date, published: Published = ()) -> TariffTable:
    """The table in force on ``on``: the latest that took effect on or before it."""
    in_force = [t for t in tariff_tables(published) if t.effective_from <= on]
    if not in_force:
        raise TariffError(
            QT_TRANSLATE_NOOP("LoketError", "Tidak ada tabel iuran yang berlaku pada {date}."),
            date=on.strftime("%d-%m-%Y"),
        )
    return in_force[-1]


def bpu_monthly_dues(
    declared_income: int,
    programs: set[Program] | set[str] | frozenset[str],
    *,
    on: date,
    published: Published = (),
) -> MonthlyDues:
    """The monthly dues per program and their total, by the table in force ``on``.

    Worked example (PP 44/2015 jo. PP 82/2019): Rp1.000.000 with JKK+JKM+JHT gives
    Rp10.000 + Rp6.800 + Rp20.000 = Rp36.800.
    """
    try:
        chosen = {Program(p) for p in programs}
    except ValueError:
        raise TariffError(
            QT_TRANSLATE_NOOP("LoketError", "Program tidak dikenal."), field="programs"
        ) from None
    if not {Program.JKK, Program.JKM} <= chosen:
        raise TariffError(
            QT_TRANSLATE_NOOP("LoketError", "JKK dan JKM wajib diikuti."), field="programs"
        )
    table = table_on(on, published)
    _check_range(table, declared_income)
    per_program = {p: table.rates[p].amount(declared_income) for p in Program if p in chosen}
    return MonthlyDues(per_program, sum(per_program.values()), table)


def _check_range(table: TariffTable, amount: int) -> None:
    if not table.income_minimum <= amount <= table.income_maximum:
        raise TariffError(
            QT_TRANSLATE_NOOP("LoketError", "Penghasilan harus antara {minimum} dan {maximum}."),
            field="declared_income",
            minimum=format_rupiah(table.income_minimum),
            maximum=format_rupiah(table.income_maximum),
        )


def check_bpu_income(amount: int, *, on: date, published: Published = ()) -> int:
    """A declared income a BPU participant may choose on ``on``: within the range, and a
    multiple of the step (provisional until the central server sends the regulation's list)."""
    table = table_on(on, published)
    _check_range(table, amount)
    if amount % table.income_step:
        raise TariffError(
            QT_TRANSLATE_NOOP("LoketError", "Penghasilan harus kelipatan {step}."),
            field="declared_income",
            step=format_rupiah(table.income_step),
        )
    return amount
