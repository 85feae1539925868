"""The branch's clock: a UTC instant shown in WIB, WITA or WIT, across local midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime

from loket.domain.local_time import BranchTime

# 16:15 UTC on 4 December is 00:15 on 5 December in Banjarmasin (WITA, UTC+8)
LATE = datetime(2026, 12, 4, 16, 15, tzinfo=UTC)


def test_the_branch_date_is_not_the_computer_date() -> None:
    wita = BranchTime("Asia/Makassar", lambda: LATE)
    assert wita.today() == date(2026, 12, 5) and wita.abbreviation == "WITA"
    assert wita.stamp(LATE) == "05-12-2026 00:15"
    wib = BranchTime("Asia/Pontianak", lambda: LATE)
    assert wib.today() == date(2026, 12, 4) and wib.hour_minute(LATE) == "23:15"
    assert BranchTime("Asia/Jayapura").abbreviation == "WIT"


def test_a_naive_instant_is_utc() -> None:
    assert BranchTime("Asia/Makassar").stamp(LATE.replace(tzinfo=None)) == "05-12-2026 00:15"
