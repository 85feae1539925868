"""Indonesia's provinces by their Kemendagri (Dukcapil) code, the first two digits of an NIK.

Data: ``resources/provinces.csv`` (38 provinces, after the 2022 Papua split), Kalimantan first.
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
