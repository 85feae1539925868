"""Workers for the demo branch, so that a first look at Loket shows what a counter sees: a
driver and a trader under PP 50/2025's dues relief (the driver's lasts longer), two day
labourers whose dues a regional budget pays (the full rate), and a fisherman in arrears."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from loket.db.engine import Database
from loket.domain.nik import compose_nik
from loket.domain.states import PaymentMethod
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.payments import PaymentLine, pay
from loket.services.registration import (
    RegistrationInput,
    SponsorInput,
    add_sponsor,
    register_participant,
)


class _Worker(NamedTuple):
    name: str
    born: date
    sex: str
    occupation: str
    months_paid: int  # paid today; 0: registered three months ago (``in_arrears``)


_WORKERS = (
    _Worker("Rudi Hartono", date(1988, 4, 12), "L", "ojol", 3),
    _Worker("Siti Rahmah", date(1992, 11, 3), "P", "pedagang", 3),
    _Worker("Anang Saputra", date(1995, 2, 20), "L", "buruh_harian", 1),
    _Worker("Iyus Maulana", date(1997, 6, 9), "L", "buruh_harian", 1),
    _Worker("Budi Santoso", date(1979, 9, 30), "L", "nelayan", 0),
)
_SERIAL = 9001  # demo NIKs: serials no real test or import uses


def _registration(i: int, w: _Worker, sponsor: int | None) -> RegistrationInput:
    return RegistrationInput(
        nik=compose_nik("637101", w.born, w.sex, _SERIAL + i),
        full_name=w.name,
        birth_place="Banjarmasin",
        birth_date=w.born,
        sex=w.sex,
        address="Jl. Pramuka No. 12, Banjarmasin Timur",
        province_code="63",
        regency="Kota Banjarmasin",
        phone=f"0812 5100 {_SERIAL + i}",
        occupation=w.occupation,
        declared_income=1_000_000,
        programs=frozenset({"JKK", "JKM", "JHT"}),
        sponsor_id=sponsor,
    )


def in_arrears() -> RegistrationInput:
    """The fisherman who registered three months ago and paid his first month only (the
    demo registers him then, in its history, so his receipt is numbered in date order)."""
    i, w = next((i, w) for i, w in enumerate(_WORKERS) if w.months_paid == 0)
    return _registration(i, w, None)


def add_demo_people(db: Database, staff: Actor, *, clock: Clock = system_clock) -> list[str]:
    """Registers today's demo walk-ins as ``staff`` (the demo clerk at Loket 1) and takes
    their dues; returns the receipt numbers."""
    pemda = add_sponsor(
        db,
        staff,
        SponsorInput("organisation", "Pemkab Banjar (Dinas Sosial)", funding="APBD"),
        clock=clock,
    )
    receipts = []
    for i, w in enumerate(_WORKERS):
        if w.months_paid == 0:
            continue  # registered in the history: see in_arrears()
        data = _registration(i, w, pemda if w.occupation == "buruh_harian" else None)
        pid = register_participant(db, staff, data, acknowledge_similar=True, clock=clock)
        paid = pay(
            db,
            staff,
            [PaymentLine(pid.participant_id, w.months_paid)],
            method=PaymentMethod.CASH,
            tendered=500_000,
            sponsor_id=data.sponsor_id,
            clock=clock,
        )
        receipts.append(paid.number)
    return receipts
