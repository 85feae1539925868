"""The branches' bundle keys (what signs a sneakernet bundle), kept outside the server's
database: a folder the operator provides (``--keys DIR`` or ``LOKET_SERVER_KEYS``), one
file per branch readable by the server's account alone. A copy of the database alone then
cannot forge or read a branch's bundles."""

from __future__ import annotations

import os
from pathlib import Path

ENV = "LOKET_SERVER_KEYS"


class KeysMissing(ValueError):
    pass


def keys_folder(given: str | None) -> Path:
    """The folder of the keys: ``given``, or the environment's; created (0700) if need be."""
    folder = given or os.environ.get(ENV)
    if not folder:
        raise KeysMissing(
            f"the branches' bundle keys live outside the database: pass --keys DIR or set {ENV}"
        )
    path = Path(folder)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def store_key(folder: Path, code: str, key: str) -> None:
    """Writes ``code``'s key (replacing an old one) readable by this account alone."""
    target = folder / f"{code}.key"
    tmp = folder / f".{code}.key.part"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")
    tmp.replace(target)


def load_key(folder: Path, code: str) -> str | None:
    path = folder / f"{code}.key"
    if not code.isalnum() or not path.is_file():
        return None
    return path.read_text(encoding="ascii").strip() or None
