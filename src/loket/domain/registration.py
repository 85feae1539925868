"""Registration rules: segments, programs and occupations (the BPU income range is the
tariff table's, see ``tariffs.py``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError
from loket.domain.text import in_language
from loket.resources import resource_path


class Segment(StrEnum):
    BPU = "BPU"  # Bukan Penerima Upah: informal workers, the main walk-in case
    PU = "PU"  # Penerima Upah: registered through an employer (NPP)
    JAKON = "JAKON"  # Jasa Konstruksi: construction-project workers


class Program(StrEnum):
    JKK = "JKK"
    JKM = "JKM"
    JHT = "JHT"


class InvalidRegistration(DomainValueError):
    pass


@dataclass(frozen=True)
class Occupation:
    code: str
    name: str
    segment_hint: str
    # PP 50/2025 gives the transport sector (online and base drivers, couriers, drivers) a
    # longer dues relief; the occupation list says which codes are transport.
    transport: bool = False
    name_en: str = ""  # for the interface in English; documents print ``name``

    def name_in(self, language: str) -> str:
        """The name for an interface in ``language`` ("id" or "en")."""
        return in_language(self.name, self.name_en, language)


@cache
def occupations() -> tuple[Occupation, ...]:
    with resource_path("occupations.csv").open(encoding="utf-8", newline="") as f:
        rows = tuple(
            Occupation(
                r["code"],
                r["name"],
                r["segment_hint"],
                r.get("transport") == "1",
                r.get("name_en") or "",
            )
            for r in csv.DictReader(f)
        )
    if len({o.code for o in rows}) != len(rows):
        raise RuntimeError("resources/occupations.csv: duplicate codes")
    return rows


@cache
def _occupations_by_code() -> dict[str, Occupation]:
    return {o.code: o for o in occupations()}


def occupation_name(code: str, language: str = "id") -> str:
    """The occupation's name for people (the code itself if it is not in the list), in
    Indonesian unless ``language`` is "en"."""
    occupation = _occupations_by_code().get(code)
    return code if occupation is None else occupation.name_in(language)


def is_transport_sector(code: str) -> bool:
    """Whether the occupation is in the transport sector (PP 50/2025's longer relief)."""
    occupation = _occupations_by_code().get(code)
    return occupation is not None and occupation.transport


def check_occupation(code: str) -> str:
    if code not in _occupations_by_code():
        raise InvalidRegistration(
            QT_TRANSLATE_NOOP("LoketError", "Pekerjaan belum dipilih."), field="occupation"
        )
    return code


def check_programs(programs: set[Program] | set[str] | frozenset[str]) -> tuple[Program, ...]:
    """JKK and JKM always; JHT optional (PP 44/2015 jo. PP 49/2023 for BPU)."""
    return _check_programs(frozenset(programs))


@cache
def _check_programs(programs: frozenset[str]) -> tuple[Program, ...]:
    try:
        chosen = {Program(p) for p in programs}
    except ValueError:
        raise InvalidRegistration(
            QT_TRANSLATE_NOOP("LoketError", "Program tidak dikenal."), field="programs"
        ) from None
    if not {Program.JKK, Program.JKM} <= chosen:
        raise InvalidRegistration(
            QT_TRANSLATE_NOOP("LoketError", "JKK dan JKM wajib diikuti."), field="programs"
        )
    return tuple(p for p in Program if p in chosen)


def check_birth_date(born: date, today: date) -> date:
    if born > today:
        raise InvalidRegistration(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal lahir tidak boleh di masa depan."),
            field="birth_date",
        )
    return born
