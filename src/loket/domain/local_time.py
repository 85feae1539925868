"""The branch's clock: instants are stored in UTC and shown, printed and defaulted in the
branch's own zone (WIB, WITA or WIT, from its province), whatever the computer's zone is.

The one place the UI, documents, reports and the command line turn an instant into the
branch's date and time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

# Indonesia's three civil zones (Keppres 41/1987), by the IANA zones the provinces use
ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class BranchTime:
    zone: str = "Asia/Makassar"
    clock: Callable[[], datetime] = field(default=_utc_now, compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @property
    def abbreviation(self) -> str:
        return ABBREVIATIONS.get(self.zone, self.zone)

    def now(self) -> datetime:
        return self.clock().astimezone(self.tz)

    def today(self) -> date:
        return self.now().date()

    def local(self, instant: datetime) -> datetime:
        """``instant`` on the branch's clock (a naive value is taken to be UTC)."""
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        return instant.astimezone(self.tz)

    def date_of(self, instant: datetime) -> date:
        return self.local(instant).date()

    def stamp(self, instant: datetime) -> str:
        """``dd-mm-yyyy HH:MM`` on the branch's clock."""
        return self.local(instant).strftime("%d-%m-%Y %H:%M")

    def hour_minute(self, instant: datetime) -> str:
        return self.local(instant).strftime("%H:%M")
