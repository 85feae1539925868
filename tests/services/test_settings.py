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


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("", True),
        ("https://pusat.bpjs.example", True),
        ("https://pusat.bpjs.example:8443/loket", True),
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://10.20.0.5:8000", False),  # plain http over the network
        ("https://user:rahasia@pusat.bpjs.example", False),  # credentials inside the address
        ("ftp://pusat.bpjs.example", False),
        ("https://", False),
        ("https://pusat bpjs", False),
    ],
)
def test_the_servers_address_is_https_or_this_computer(url: str, ok: bool) -> None:
    assert settings.server_url_ok(url) is ok


def test_plain_http_elsewhere_only_with_the_documented_test_flag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(settings.ALLOW_HTTP_ENV, "1")
    assert settings.server_url_ok("http://10.20.0.5:8000")


def test_a_published_server_address_is_ignored(demo: tuple[Database, dict[str, str]]) -> None:
    """What an older or hostile central server sends as a published setting never moves
    where the branch sends its token."""
    import json
    from datetime import UTC, datetime

    from loket.db.models import ReferenceDocument

    db, _ = demo
    admin = auth.login(db, "admin", demo[1]["admin"], None)
    settings.set_setting(db, admin, "sync_server_url", "https://pusat.bpjs.example")
    with db.transaction() as s:
        s.add(
            ReferenceDocument(
                name=f"{settings.PUBLISHED_KIND}/sync_server_url",
                kind=settings.PUBLISHED_KIND,
                body=json.dumps("https://elsewhere.example"),
                published_at=datetime(2026, 12, 1, tzinfo=UTC),
            )
        )
    assert settings.get_setting(db, "sync_server_url") == "https://pusat.bpjs.example"
