"""Workers for the demo branch, so that a first look at Loket shows what a counter sees: a
driver and a trader under PP 50/2025's dues relief (the driver's lasts longer), two day
labourers whose dues a regional budget pays (the full rate), and a fisherman in arrears."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple

from loket.db.engine import Database
from loket.domain.cash import count_of
from loket.domain.coverage import add_months, month_of
from loket.domain.nik import compose_nik
from loket.services import cash_sessions
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
    months_paid: int  # paid today; 0: see ``arrears``


_WORKERS = (
    _Worker("Rudi Hartono", date(1988, 4, 12), "L", "ojol", 3),
    _Worker("Siti Rahmah", date(1992, 11, 3), "P", "pedagang", 3),
    _Worker("Anang Saputra", date(1995, 2, 20), "L", "buruh_harian", 1),
    _Worker("Iyus Maulana", date(1997, 6, 9), "L", "buruh_harian", 1),
    _Worker("Budi Santoso", date(1979, 9, 30), "L", "nelayan", 0),
)
_SERIAL = 9001  # demo NIKs: serials no real test or import uses


def add_demo_people(db: Database, staff: Actor, *, clock: Clock = system_clock) -> list[str]:
    """Registers the demo workers as ``staff`` (the demo clerk at Loket 1) and takes their
    dues; returns the receipt numbers."""
    pemda = add_sponsor(
        db,
        staff,
        SponsorInput("organisation", "Pemkab Banjar (Dinas Sosial)", funding="APBD"),
        clock=clock,
    )
    now = clock()
    # the fisherman registered three months ago and paid his first month only
    three_months_ago = datetime.combine(
        add_months(month_of(now.date()), -3) + timedelta(days=4), now.timetz()
    )

    def then() -> datetime:
        return three_months_ago

    receipts = []
    # the past first: a drawer is counted and closed before the next day's opens
    for i, w in sorted(enumerate(_WORKERS), key=lambda iw: iw[1].months_paid != 0):
        when = then if w.months_paid == 0 else clock
        data = RegistrationInput(
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
            sponsor_id=pemda if w.occupation == "buruh_harian" else None,
        )
        pid = register_participant(db, staff, data, acknowledge_similar=True, clock=when)
        paid = pay(
            db,
            staff,
            [PaymentLine(pid.participant_id, w.months_paid or 1)],
            method="cash",
            tendered=500_000,
            sponsor_id=data.sponsor_id,
            clock=when,
        )
        receipts.append(paid.number)
        if when is then:  # that day's drawer was counted and closed back then
            drawer = cash_sessions.current_session(db, staff)
            assert drawer is not None
            cash_sessions.close_session(
                db, staff, drawer.id, count_of(drawer.balance.expected), clock=then
            )
    return receipts
