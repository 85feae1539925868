"""Which Loket processes have an SQLite database open: each holds a shared lock on the
file ``<database>.lock`` for as long as it has the database open, and a restore takes it
exclusively, so it refuses while a counter (or ``loket-admin``) still works on the file.

POSIX ``flock``; on Windows the restore's rename of a file another process has open
fails by itself, which says the same.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from io import TextIOWrapper
from pathlib import Path


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def hold(database: Path) -> TextIOWrapper | None:
    """A shared hold on ``database`` for this process (close the file to let go)."""
    if sys.platform == "win32":
        return None
    import fcntl

    handle = lock_path(database).open("a")
    fcntl.flock(handle.fileno(), fcntl.LOCK_SH)  # waits while a restore runs
    return handle


class InUse(Exception):
    """Another process has the database open."""


@contextmanager
def alone(database: Path) -> Iterator[None]:
    """Holds ``database`` exclusively, or raises :class:`InUse` at once."""
    if sys.platform == "win32":
        yield
        return
    import fcntl

    with lock_path(database).open("a") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InUse(str(database)) from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
