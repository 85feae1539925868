"""Builders of valid input, shared by tests (each test changes only what it is about)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from loket.domain.nik import compose_nik
from loket.services.registration import RegistrationInput


def bpu_worker(serial: int = 1, **changes: Any) -> RegistrationInput:
    """An ojek driver from Banjarmasin, born 5 August 1990."""
    born = changes.pop("birth_date", date(1990, 8, 5))
    sex = changes.pop("sex", "L")
    base = RegistrationInput(
        nik=compose_nik("637101", born, sex, serial),
        full_name="Ahmad Fauzi",
        birth_place="Banjarmasin",
        birth_date=born,
        sex=sex,
        address="Jl. Pramuka No. 12, Banjarmasin Timur",
        province_code="63",
        regency="Kota Banjarmasin",
        phone="0812-5100-0001",
        occupation="ojek",
        declared_income=1_000_000,
        programs=frozenset({"JKK", "JKM", "JHT"}),
    )
    return replace(base, **changes)
