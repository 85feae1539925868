"""The counters' PostgreSQL role: every counter workflow works with it (the PostgreSQL
half of the services' tests runs as this role, see ``any_db``), and it cannot alter the
schema or rewrite what is kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from loket.db.engine import Database
from loket.db.migrate import DatabaseOpenError, open_database
from loket.db.models import Base
from loket.db.roles import COUNTER_PRIVILEGES, tables_covered
from loket.services import branch
from tests.pg_cluster import Cluster


def test_every_table_is_granted_on_purpose() -> None:
    assert set(COUNTER_PRIVILEGES) == tables_covered() >= set(Base.metadata.tables)


@pytest.fixture(scope="module")
def counter_db(pg_cluster: Cluster) -> Iterator[Database]:
    """A demo branch, as a counter connects to it."""
    url = pg_cluster.create_database()
    counter = pg_cluster.counter_url(url)
    owner = open_database(url)
    branch.create_demo(owner)
    owner.close()
    db = open_database(counter, create=False)
    yield db
    db.close()


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE planted (x int)",
        "DROP TABLE participant",
        "ALTER TABLE receipt ADD COLUMN x int",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        "TRUNCATE audit_entry",
        "UPDATE audit_entry SET payload = '{}'",
        "DELETE FROM audit_entry",
        "UPDATE receipt SET total = 1",
        "UPDATE receipt SET payer_name = 'X'",
        "DELETE FROM receipt",
        "DELETE FROM contribution",
        "UPDATE contribution SET amount = 1",
        "UPDATE day_closing SET summary = '{}'",
        "DELETE FROM day_closing",
        "DELETE FROM outbox_event",
        "UPDATE outbox_event SET type = 'x'",
        "UPDATE handover SET recipient_name = 'X'",
        "DELETE FROM claim_event",
        "DELETE FROM participant",
        "UPDATE alembic_version SET version_num = '0001'",
    ],
)
def test_the_counter_role_cannot_alter_the_schema_or_rewrite_what_is_kept(
    counter_db: Database, statement: str
) -> None:
    assert counter_db.url.username == "postgres_counter"
    refused = pytest.raises(ProgrammingError, match=r"permission denied|must be owner")
    with refused, counter_db.transaction() as s:
        s.execute(text(statement))


@pytest.mark.postgres
def test_a_counter_role_gets_the_grants_of_a_new_table_at_the_next_migration(
    pg_cluster: Cluster,
) -> None:
    """The grants are made again by the owner's migration; the counter role can neither
    migrate nor create the schema, and says who can."""
    url = pg_cluster.create_database()
    counter = pg_cluster.counter_url(url)
    with pytest.raises(DatabaseOpenError, match="hanya pemilik database"):
        open_database(counter)
    open_database(url).close()
    db = open_database(counter, create=False)
    try:
        branch.create_demo(db)  # an admin's work through the counters' role
        with db.reader() as s:
            assert s.scalar(text("SELECT count(*) FROM user_account")) == 4
    finally:
        db.close()
