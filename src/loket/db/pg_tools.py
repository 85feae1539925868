"""PostgreSQL's client tools (``pg_dump``, ``pg_restore``) run against a branch database:
found on the path or in Debian's versioned folders, the password in the environment —
never on a command line, where ``ps`` would show it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import URL


def _installed() -> list[Path]:
    """Where PostgreSQL's packages put their tools when not on the path: Debian's versioned
    folders, and the Windows installer's ``C:\\Program Files\\PostgreSQL\\N\\bin``."""
    roots = [Path("/usr/lib/postgresql")]
    if program_files := os.environ.get("PROGRAMFILES"):
        roots.append(Path(program_files) / "PostgreSQL")
    found = [p for root in roots if root.is_dir() for p in root.glob("*/bin")]
    return sorted(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)


def pg_tool(name: str) -> str | None:
    """The path of ``name``, or None where the PostgreSQL client is not installed (the
    newest version installed when it is not on the path)."""
    if found := shutil.which(name):
        return found
    for folder in reversed(_installed()):
        if (tool := shutil.which(name, path=str(folder))) is not None:
            return tool
    return None


def run_pg(url: URL, tool: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """Runs ``tool`` (found by :func:`pg_tool`) with ``argv``, where ``"{url}"`` stands for
    the database's connection URL without its password."""
    # no password in the URL: libpq's own places (~/.pgpass, PGPASSWORD, peer) decide
    env = {**os.environ, **({"PGPASSWORD": url.password} if url.password else {})}
    plain = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    args = [tool, *(plain if a == "{url}" else a for a in argv)]
    return subprocess.run(args, env=env, capture_output=True, text=True, check=False)


def last_line(done: subprocess.CompletedProcess[str]) -> str:
    """What a failed tool said last."""
    return done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
