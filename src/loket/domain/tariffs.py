"""BPU contribution rules as data: tariff tables, dues reliefs and the arrears limit, each
with its dates and regulation.

Each contribution month is priced by the table and the relief in force for that month (a
payment of several months may mix them). Tables ship in ``resources/tariffs/``; newer
ones arrive from the central server (published there, pulled by sync into the branch's
database) and are passed in as ``published`` JSON texts; a new table needs no code change.
Rates are decimals, amounts whole Rupiah, and a percentage is rounded half up to the Rupiah
(1 % and 2 % of the listed incomes, which are multiples of Rp100.000, are always whole:
the rule only matters for imported data).

A relief (e.g. PP 50/2025: 50 % off JKK and JKM) is a dated adjustment with its programs,
its sector periods and the funding sources it excludes; the arrears rule (how many months
may be paid late before the membership ends) is a dated document too. Both ship beside the
tables and may be published by the central server the same way.
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

TABLE_KIND = "BPU"
RELIEF_KIND = "BPU_RELIEF"
ARREARS_KIND = "BPU_ARREARS"
STATE_BUDGETS = ("APBN", "APBD")


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
class ReliefPeriod:
    sector: str  # "transport" or "other"
    first_month: date
    last_month: date


@dataclass(frozen=True)
class Relief:
    """A temporary cut of some programs' dues for some contribution months."""

    name: str
    basis: str
    programs: frozenset[Program]
    percent_off: Decimal
    not_when_funded_by: frozenset[str]
    periods: tuple[ReliefPeriod, ...]
    source: str

    def applies(self, month: date, *, transport_sector: bool, state_funded: bool) -> bool:
        if state_funded and self.not_when_funded_by & set(STATE_BUDGETS):
            return False
        sector = "transport" if transport_sector else "other"
        return any(
            p.sector == sector and p.first_month <= month <= p.last_month for p in self.periods
        )


@dataclass(frozen=True)
class ArrearsRule:
    effective_from: date
    basis: str
    max_arrears_months: int
    provisional: bool
    source: str


@dataclass(frozen=True)
class MonthlyDues:
    """One contribution month's dues: ``per_program`` is what is paid; ``normal`` what the
    table says and ``relief`` what a relief takes off it (``normal - relief``)."""

    per_program: dict[Program, int]
    total: int
    table: TariffTable
    normal: dict[Program, int]
    relief: dict[Program, int]
    relief_basis: str  # "" without a relief; Indonesian, as printed ("Keringanan iuran …")
    relief_name: str = ""  # the regulation alone ("PP 50/2025"), for the screens in any language

    @property
    def normal_total(self) -> int:
        return sum(self.normal.values())

    @property
    def relief_total(self) -> int:
        return sum(self.relief.values())


def _month(text: str) -> date:
    """``2026-04`` → the first day of April 2026."""
    return date.fromisoformat(f"{text}-01")


def parse_relief(data: dict[str, Any], source: str) -> Relief:
    if data.get("kind") != RELIEF_KIND or data.get("rounding") != "half_up_to_rupiah":
        raise ValueError(f"{source}: not a BPU dues relief Loket understands")
    percent = Decimal(data["percent_off"])
    if not 0 < percent <= 100:
        raise ValueError(f"{source}: percent_off must be above 0 and at most 100")
    periods = tuple(
        ReliefPeriod(p["sector"], _month(p["first_month"]), _month(p["last_month"]))
        for p in data["periods"]
    )
    for p in periods:
        if p.sector not in ("transport", "other") or p.last_month < p.first_month:
            raise ValueError(f"{source}: a period needs a sector and months in order")
    return Relief(
        name=data["name"],
        basis=data["basis"],
        programs=frozenset(Program(p) for p in data["programs"]),
        percent_off=percent,
        not_when_funded_by=frozenset(data.get("not_when_funded_by", ())),
        periods=periods,
        source=source,
    )


def parse_arrears_rule(data: dict[str, Any], source: str) -> ArrearsRule:
    if data.get("kind") != ARREARS_KIND:
        raise ValueError(f"{source}: not a BPU arrears rule Loket understands")
    limit = data["max_arrears_months"]
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= 24:
        raise ValueError(f"{source}: max_arrears_months must be a whole number 0–24")
    return ArrearsRule(
        effective_from=date.fromisoformat(data["effective_from"]),
        basis=data["basis"],
        max_arrears_months=limit,
        provisional=bool(data.get("provisional")),
        source=source,
    )


def parse_document(data: dict[str, Any], source: str) -> TariffTable | Relief | ArrearsRule:
    """Any contribution-rule document by its ``kind`` (what the central server publishes)."""
    kind = data.get("kind", "") if isinstance(data, dict) else ""
    if kind == TABLE_KIND:
        return parse_table(data, source)
    if kind == RELIEF_KIND:
        return parse_relief(data, source)
    if kind == ARREARS_KIND:
        return parse_arrears_rule(data, source)
    raise ValueError(f"{source}: kind must be {TABLE_KIND}, {RELIEF_KIND} or {ARREARS_KIND}")


def parse_table(data: dict[str, Any], source: str) -> TariffTable:
    """A table from its JSON form (the shipped files, or one the central server published);
    ``ValueError`` if Loket does not understand it."""
    if data.get("kind") != TABLE_KIND or data.get("rounding") != "half_up_to_rupiah":
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
def _documents(
    published: tuple[tuple[str, str], ...],
) -> tuple[TariffTable | Relief | ArrearsRule, ...]:
    shipped = sorted(resource_path("tariffs").glob("*.json"))
    found = [parse_document(json.loads(p.read_text(encoding="utf-8")), p.name) for p in shipped]
    found += [parse_document(json.loads(body), name) for name, body in published]
    return tuple(found)


@cache
def tariff_tables(published: tuple[tuple[str, str], ...] = ()) -> tuple[TariffTable, ...]:
    """Every table shipped and every ``(name, json_text)`` published, oldest first."""
    found = [d for d in _documents(published) if isinstance(d, TariffTable)]
    tables = sorted(found, key=lambda t: t.effective_from)
    if len({t.effective_from for t in tables}) != len(tables):
        raise ValueError("two BPU tariff tables take effect on the same day")
    return tuple(tables)


Published = tuple[tuple[str, str], ...]


@cache
def reliefs(published: Published = ()) -> tuple[Relief, ...]:
    """Every dues relief shipped and published."""
    return tuple(d for d in _documents(published) if isinstance(d, Relief))


@lru_cache(maxsize=256)
def arrears_rule_on(on: date, published: Published = ()) -> ArrearsRule:
    """The arrears rule in force on ``on`` (the latest that took effect on or before it)."""
    rules = sorted(
        (d for d in _documents(published) if isinstance(d, ArrearsRule)),
        key=lambda r: r.effective_from,
    )
    in_force = [r for r in rules if r.effective_from <= on] or rules[:1]
    if not in_force:
        raise ValueError("no BPU arrears rule shipped or published")
    return in_force[-1]


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


def _last_day(month: date) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def bpu_monthly_dues(
    declared_income: int,
    programs: set[Program] | set[str] | frozenset[str],
    *,
    on: date,
    transport_sector: bool = False,
    state_funded: bool = False,
    published: Published = (),
) -> MonthlyDues:
    """One contribution month's dues per program and their total; ``on`` is any day of the
    contribution month, which is priced by the table in force by its last day and by the
    relief that covers it.

    Worked examples: Rp1.000.000 with JKK+JKM+JHT gives Rp10.000 + Rp6.800 + Rp20.000 =
    Rp36.800 (PP 44/2015 jo. PP 49/2023); for December 2026, under PP 50/2025's 50 % relief
    of JKK and JKM, Rp5.000 + Rp3.400 + Rp20.000 = Rp28.400.
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
    if isinstance(declared_income, bool) or not isinstance(declared_income, int):
        raise TariffError(
            QT_TRANSLATE_NOOP("LoketError", "Penghasilan harus bilangan bulat rupiah."),
            field="declared_income",
        )
    table = table_on(_last_day(on.replace(day=1)), published)
    _check_range(table, declared_income)
    normal = {p: table.rates[p].amount(declared_income) for p in Program if p in chosen}
    relief = dict.fromkeys(normal, 0)
    basis = name = ""
    month = on.replace(day=1)
    for r in reliefs(published):
        if r.applies(month, transport_sector=transport_sector, state_funded=state_funded):
            for p in r.programs & normal.keys():
                keep = Decimal(normal[p]) * (100 - r.percent_off) / 100
                relief[p] = normal[p] - int(keep.quantize(Decimal(1), ROUND_HALF_UP))
            basis, name = r.basis, r.name
            break  # one relief a month: the regulations never stack them
    per_program = {p: normal[p] - relief[p] for p in normal}
    return MonthlyDues(per_program, sum(per_program.values()), table, normal, relief, basis, name)


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
