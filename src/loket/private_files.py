"""Files and folders that hold personal data: Loket's own folders are 0700 and every file
it writes is 0600 (on POSIX; on Windows the installer sets the data folder's ACL). A folder
the user chose (``--out ~/Documents/…``) keeps its mode: only the file is Loket's."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

POSIX = os.name == "posix"


def private_dir(path: Path) -> Path:
    """Loket's own folder (data, backups, logs): made if missing, 0700."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if POSIX:
        with suppress(OSError):  # a folder someone else owns: left as it is
            path.chmod(0o700)
    return path


def make_private(path: Path) -> Path:
    """A file Loket wrote (or will let SQLite fill): 0600."""
    if POSIX:
        with suppress(OSError):
            path.chmod(0o600)
    return path


def write_private(path: Path, data: bytes) -> None:
    """``data`` into ``path``, readable by this user only from the first byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    make_private(path)  # an existing file keeps its old mode through os.open


def create_private(path: Path) -> None:
    """An empty file made 0600 before another library fills it (SQLite gives its WAL and
    shared-memory files the database file's mode)."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    make_private(path)
