"""The branches' bundle keys live in a folder outside the server's database (issue 14: the
server's database held each branch's bundle key in plain text)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from loket.domain.bundle import bundle_key
from loket.server.database import _MIGRATIONS
from tests.central import CentralServer, Office
from tests.pg_cluster import Cluster

pytestmark = pytest.mark.postgres


def test_a_new_branchs_key_is_a_private_file_not_a_column(
    central: CentralServer, linked: dict[str, Office]
) -> None:
    key_file = central.keys / "BJM.key"
    assert key_file.read_text().strip() == bundle_key(linked["BJM"].token)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    columns = {c["name"] for c in inspect(central.engine).get_columns("branch")}
    assert "bundle_key" not in columns and "token_hash" in columns
    code, _, _ = central.cli("branch", "new-token", "BJM")
    assert code == 0 and key_file.read_text().strip() != bundle_key(linked["BJM"].token)


def _alembic(connection: object, target: str, *, up: bool) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["connection"] = connection
    (command.upgrade if up else command.downgrade)(cfg, target)


def test_an_older_servers_keys_move_out_of_its_database(
    pg_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = create_engine(pg_cluster.create_database())
    with engine.begin() as conn:
        _alembic(conn, "0005", up=True)
        conn.execute(
            text(
                "INSERT INTO branch (code, name, token_hash, bundle_key, created_at) "
                "VALUES ('BJM', 'KC Banjarmasin', :t, :k, now())"
            ),
            {"t": "a" * 64, "k": "b" * 64},
        )
    monkeypatch.delenv("LOKET_SERVER_KEYS", raising=False)
    with engine.begin() as conn, pytest.raises(RuntimeError, match="LOKET_SERVER_KEYS"):
        _alembic(conn, "head", up=True)  # nowhere to put them: nothing changes
    monkeypatch.setenv("LOKET_SERVER_KEYS", str(tmp_path / "keys"))
    with engine.begin() as conn:
        _alembic(conn, "head", up=True)
    assert (tmp_path / "keys" / "BJM.key").read_text().strip() == "b" * 64
    assert "bundle_key" not in {c["name"] for c in inspect(engine).get_columns("branch")}
    engine.dispose()
