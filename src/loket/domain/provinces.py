"""Indonesia's provinces and regencies by their Kemendagri (Dukcapil) codes, the first two
and four digits of an NIK.

Data: ``resources/provinces.csv`` (38 provinces, after the 2022 Papua split), Kalimantan
first; ``resources/regencies.csv``: all 514 regencies and cities, taken from the
``idn-area-data`` 4.0.1 package (codes and names after the Kepmendagri lists; Open
Database License, see ``resources/LICENSE-regencies.md``); ``resources/regencies-former.csv``:
codes in use before a regency moved or was renamed, which NIKs issued then still carry
(Kalimantan Utara's regencies were Kalimantan Timur's 64xx until 2012; provisional).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from loket.resources import resource_path


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    island_group: str
    timezone: str  # IANA zone: WIB Asia/Jakarta or Asia/Pontianak, WITA Asia/Makassar, WIT


@cache
def provinces() -> tuple[Province, ...]:
    """All provinces in display order (Kalimantan first), validated once at load."""
    with resource_path("provinces.csv").open(encoding="utf-8", newline="") as f:
        rows = [
            Province(r["code"], r["name"], r["island_group"], r["timezone"])
            for r in csv.DictReader(f)
        ]
    codes = [p.code for p in rows]
    if len(set(codes)) != len(codes) or not all(len(c) == 2 and c.isdigit() for c in codes):
        raise RuntimeError("resources/provinces.csv: province codes must be unique, two digits")
    return tuple(rows)


def province_by_code(code: str) -> Province | None:
    return _by_code().get(code)


@cache
def _by_code() -> dict[str, Province]:
    return {p.code: p for p in provinces()}


@dataclass(frozen=True)
class Regency:
    code: str  # four digits: province + regency, e.g. "6371"
    name: str

    @property
    def province_code(self) -> str:
        return self.code[:2]


@cache
def regencies() -> tuple[Regency, ...]:
    with resource_path("regencies.csv").open(encoding="utf-8", newline="") as f:
        rows = tuple(Regency(r["code"], r["name"]) for r in csv.DictReader(f))
    known = {p.code for p in provinces()}
    if len({r.code for r in rows}) != len(rows) or any(
        len(r.code) != 4 or r.province_code not in known for r in rows
    ):
        raise RuntimeError(
            "resources/regencies.csv: codes must be unique, 4 digits, known province"
        )
    return rows


def regencies_of(province_code: str) -> list[Regency]:
    return [r for r in regencies() if r.province_code == province_code]


def regency_by_code(code: str) -> Regency | None:
    return _regency_by_code().get(code)


@cache
def _regency_by_code() -> dict[str, Regency]:
    return {r.code: r for r in regencies()}


@cache
def former_regency_codes() -> frozenset[str]:
    """Codes NIKs may still carry from before a regency was split, moved or renamed."""
    with resource_path("regencies-former.csv").open(encoding="utf-8", newline="") as f:
        return frozenset(r["code"] for r in csv.DictReader(f))


def regency_code_known(code: str) -> bool:
    """A current regency or a former one; anything else in an NIK is likely a typo."""
    return code in _regency_by_code() or code in former_regency_codes()
