"""Shared fixtures: real SQLite files, a real throwaway PostgreSQL, a settable clock."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.migrate import open_database
from loket.i18n import set_language
from loket.services import branch, passwords
from tests.pg_cluster import Cluster, running_cluster

pytest_plugins = ["tests.claims_office", "tests.central"]  # fixtures for several modules

# Headless, on the screen a counter has: 1366 × 768 less a taskbar (the offscreen screen
# has no taskbar, so it is 728 high): every window and dialog is tested at that size
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    screen = Path(__file__).with_name("counter-screen.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
# the computer's own settings (an installed Loket's database URL) never reach the tests
os.environ["LOKET_MACHINE_CONFIG"] = os.devnull
# and the log file is the tests' own
os.environ.setdefault("LOKET_LOG_DIR", tempfile.mkdtemp(prefix="loket-test-logs-"))
# every test user's password hashed cheaply: argon2id still, at its smallest cost (the
# production cost is tested once, tests/services/test_passwords.py)
passwords.use_hasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


class FakeClock:
    """The one fake we use: time, a true edge."""

    def __init__(self, start: datetime = datetime(2026, 11, 24, 1, 30, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    if os.environ.get("LOKET_SKIP_POSTGRES") == "1":
        pytest.skip("LOKET_SKIP_POSTGRES=1")
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'loket.db'}"


# A new branch database is a copy of one migrated once per session (on PostgreSQL with the
# counters' role and its grants): the schema is what every test starts from, and migrating
# it afresh for each of hundreds of tests is time, not testing (tests/db/ migrate for real).
@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "loket.db"
    open_database(f"sqlite:///{path}").close()
    return path


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster) -> str:
    """The name of a migrated database, granted to the counters' role, to copy."""
    url = pg_cluster.create_database()
    pg_cluster.counter_url(url)  # the role exists before the owner's migration grants to it
    open_database(url).close()
    return url.rsplit("/", 1)[1]


def _copy_of(template: Path, url: str) -> str:
    path = Path(url.removeprefix("sqlite:///"))
    shutil.copyfile(template, path)
    path.chmod(0o600)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'loket.db'}"
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


@pytest.fixture
def db(sqlite_url: str, sqlite_template: Path) -> Iterator[Database]:
    database = open_database(_copy_of(sqlite_template, sqlite_url))
    yield database
    database.close()


@contextmanager
def tampering(db: Database) -> Iterator[Session]:
    """A transaction as someone who holds the database itself — the SQLite file, or
    PostgreSQL's owner — to change what no service changes; the counters' role may not."""
    url = db.url
    if url.get_backend_name() != "postgresql":
        with db.transaction() as session:
            yield session
        return
    owner = Database(url.set(username="postgres"))
    try:
        with owner.transaction() as session:
            yield session
    finally:
        owner.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A new branch database on SQLite and on PostgreSQL — there made by its owner (a copy
    of the session's migrated one) and used as the counters are, through their
    least-privilege role (``db/roles.py``)."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        url = _copy_of(template, f"sqlite:///{tmp_path / 'loket.db'}")
    else:
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        url = cluster.counter_url(cluster.create_database(request.getfixturevalue("pg_template")))
    database = open_database(url)
    yield database
    database.close()


@pytest.fixture
def demo(db: Database) -> tuple[Database, dict[str, str]]:
    """The demo branch on SQLite, with its users' passwords."""
    return db, branch.create_demo(db)


@pytest.fixture
def any_demo(any_db: Database) -> tuple[Database, dict[str, str]]:
    return any_db, branch.create_demo(any_db)


@pytest.fixture(autouse=True)
def _indonesian() -> Iterator[None]:
    """Every test starts and ends in the default language."""
    set_language("id")
    yield
    set_language("id")
