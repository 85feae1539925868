"""Builders of valid input, shared by tests (each test changes only what it is about)."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from loket.db.engine import Database
from loket.domain.cash import count_of
from loket.domain.nik import compose_nik
from loket.services import cash_sessions
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.participant_import import COLUMNS
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


def export_row(i: int, **changes: str) -> dict[str, str]:
    born = date(1980, 1, 1 + i % 28)
    row = {
        "kpj": f"5{i:010d}",
        "nik": compose_nik("637102", born, "L", i),
        "full_name": f"Warga {i}",
        "birth_place": "Martapura",
        "birth_date": born.isoformat(),
        "sex": "L",
        "address": "Jl. Ahmad Yani Km 7",
        "province_code": "63",
        "regency": "Banjar",
        "phone": f"0813{i:08d}",
        "email": "",
        "occupation": "petani",
        "segment": "BPU",
        "npp": "",
        "declared_income": "Rp1.500.000",
        "programs": "JKK;JKM;JHT",
    }
    return row | changes


def write_export(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, delimiter=delimiter, restval="")
        w.writeheader()
        w.writerows(rows)
    return path


def close_drawer(db: Database, actor: Actor, clock: Clock = system_clock) -> None:
    """Closes the acting user's open cash session, counted as exactly what Loket expects
    (for tests that take payments on several days)."""
    view = cash_sessions.current_session(db, actor)
    if view is not None:
        cash_sessions.close_session(
            db, actor, view.id, count_of(view.balance.expected), clock=clock
        )


def passwords_chosen(db: Database, *usernames: str) -> None:
    """As if these users had logged in once and kept the password they were given (the
    demo's are one-time, and a one-time password confirms nothing)."""
    from sqlalchemy import update

    from loket.db.models import User

    with db.transaction() as session:
        session.execute(
            update(User).where(User.username.in_(usernames)).values(must_change_password=False)
        )
