"""What every ``loket-admin`` command shares: the acting user, the one-line error, passwords
and tokens read without echo or from standard input."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date

from sqlalchemy import make_url
from sqlalchemy.engine import URL

from loket.db.engine import (
    password_key,
    with_stored_password,
)
from loket.db.provision import libpq_conninfo
from loket.i18n import translate
from loket.services.actor import Actor, Role

ADMIN = Actor.command_line()


ROLES = [r.value for r in Role]


class CliError(Exception):
    """A usage problem found by the CLI itself, already in words."""


def say(text: str, **params: object) -> None:
    print(text.format(**params))


def password_from_stdin(args: argparse.Namespace) -> str | None:
    """The password on standard input (``--password-stdin``, or input that is not a
    terminal), or None when it is to be typed."""
    if not (args.password_stdin or not sys.stdin.isatty()):
        return None
    line = sys.stdin.readline()
    if not line:
        raise CliError(translate("cli", "Kata sandi tidak terbaca dari input standar."))
    return line.rstrip("\r\n")


def read_password(args: argparse.Namespace, username: str) -> str:
    if (given := password_from_stdin(args)) is not None:
        return given
    first = getpass.getpass(
        translate("cli", "Kata sandi baru untuk {user}: ").format(user=username)
    )
    if getpass.getpass(translate("cli", "Ulangi kata sandi: ")) != first:
        raise CliError(translate("cli", "Kedua kata sandi tidak sama."))
    return first


def new_role_password(args: argparse.Namespace, role: str) -> str:
    """A new PostgreSQL role's password: typed twice, or a line of standard input (one per
    role made, in the order init makes them) — never on the command line."""
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(
            translate("cli", "Kata sandi baru peran PostgreSQL {role}: ").format(role=role)
        )
        if getpass.getpass(translate("cli", "Ulangi kata sandi: ")) != password:
            raise CliError(translate("cli", "Kedua kata sandi tidak sama."))
    if len(password) < 12:
        raise CliError(
            translate("cli", "Kata sandi peran PostgreSQL {role} minimal 12 karakter.").format(
                role=role
            )
        )
    return password


def with_password(url: str | URL) -> URL:
    """A database URL with what logs it in: its own password, the one the keyring keeps,
    libpq's own (``~/.pgpass``, ``PGPASSWORD``, peer) — else, at a terminal, one typed now
    and kept nowhere. Passwords never need the command line."""
    u = with_stored_password(make_url(url))
    if u.get_backend_name() != "postgresql" or u.password or not sys.stdin.isatty():
        return u
    import psycopg

    try:
        psycopg.connect(libpq_conninfo(u), connect_timeout=10).close()
    except psycopg.OperationalError as exc:
        if "password" in str(exc):
            typed = getpass.getpass(
                translate("cli", "Kata sandi {account}: ").format(account=password_key(u))
            )
            return u.set(password=typed)
    return u


def read_token(code: str, prompt: str, *, from_stdin: bool, optional: bool = False) -> str:
    """A branch token — a line of standard input, or typed at the terminal — that must be
    ``code``'s ("" when ``optional`` and left empty)."""
    from loket.domain.bundle import token_branch

    token = (sys.stdin.readline() if from_stdin else getpass.getpass(prompt)).strip()
    if (token or not optional) and token_branch(token) != code:
        raise CliError(translate("cli", "Itu bukan token cabang {code}.").format(code=code))
    return token


def day_argument(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
