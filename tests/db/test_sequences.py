"""Gapless numbers under concurrent writers, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from loket.db.engine import Database
from loket.db.sequences import current_number, next_number


def test_numbers_start_at_one_per_scope_and_year(any_db: Database) -> None:
    with any_db.transaction() as s:
        assert [next_number(s, "receipt", "BJM", 2026) for _ in range(3)] == [1, 2, 3]
        assert next_number(s, "receipt", "BJM", 2027) == 1
        assert next_number(s, "receipt", "SMD", 2026) == 1


def test_a_rolled_back_number_is_handed_out_again(any_db: Database) -> None:
    try:
        with any_db.transaction() as s:
            assert next_number(s, "receipt", "BJM", 2026) == 1
            raise RuntimeError("printer caught fire before commit")
    except RuntimeError:
        pass
    with any_db.transaction() as s:
        assert next_number(s, "receipt", "BJM", 2026) == 1


def test_concurrent_counters_get_distinct_gapless_numbers(any_db: Database) -> None:
    # Several "counters", each with its own connection pool, write at the same time.
    counters = [Database(any_db.url) for _ in range(4)]

    def take(i: int) -> int:
        with counters[i % 4].transaction() as s:
            return next_number(s, "receipt", "BJM", 2026)

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(take, range(80)))
    for c in counters:
        c.close()
    assert sorted(numbers) == list(range(1, 81))
    with any_db.reader() as s:
        assert current_number(s, "receipt", "BJM", 2026) == 80
