from __future__ import annotations

import pytest

from loket.db.engine import Database
from loket.services import auth, branch, settings
from loket.services.errors import PermissionDenied, ValidationError


def test_idle_lock_defaults_to_ten_minutes_and_supervisors_change_it(
    demo: tuple[Database, dict[str, str]],
) -> None:
    db, pw = demo
    counter = branch.list_counters(db)[0].id
    assert settings.get_setting(db, "idle_lock_minutes") == 10
    supervisor = auth.login(db, "supervisor", pw["supervisor"], counter)
    settings.set_setting(db, supervisor, "idle_lock_minutes", 5)
    assert settings.get_setting(db, "idle_lock_minutes") == 5
    with pytest.raises(ValidationError, match="antara 1 dan 120 menit"):
        settings.set_setting(db, supervisor, "idle_lock_minutes", 0)
    staff = auth.login(db, "petugas", pw["petugas"], counter)
    with pytest.raises(PermissionDenied):
        settings.set_setting(db, staff, "idle_lock_minutes", 30)
