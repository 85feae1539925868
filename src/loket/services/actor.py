"""Who is acting: the logged-in user at a counter, or the administrator's command line."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"  # petugas pelayanan
    SUPERVISOR = "supervisor"  # kepala bidang pelayanan
    HEAD = "head"  # kepala kantor cabang: approves payouts above the supervisor's limit
    ADMIN = "admin"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    full_name: str
    role: Role
    branch_code: str
    branch_name: str
    counter_id: int | None = None
    counter_name: str = ""

    @classmethod
    def scheduled(cls) -> Actor:
        """Loket itself, for what it does on its own (the day's backup at first start);
        audited under the name ``loket (terjadwal)``."""
        return cls(None, "loket (terjadwal)", "Loket (terjadwal)", Role.ADMIN, "", "")

    @classmethod
    def command_line(cls) -> Actor:
        """``loket-admin`` acts with admin rights: whoever runs it holds the database itself.
        Its changes are audited under the name ``loket-admin``."""
        return cls(None, "loket-admin", "loket-admin", Role.ADMIN, "", "")
