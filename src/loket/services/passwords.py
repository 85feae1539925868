"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106's recommendation)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

PRODUCTION = PasswordHasher()  # argon2id: time 3, memory 64 MiB, 4 lanes
_hasher = PRODUCTION


def use_hasher(hasher: PasswordHasher) -> None:
    """The hasher new passwords get (a stored hash is checked with its own parameters):
    the tests' cheap one; the application never calls this."""
    global _hasher
    _hasher = hasher
    _dummy_hash.cache_clear()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


@cache
def _dummy_hash() -> str:
    return _hasher.hash("no such user, but take as long as a real check")


def burn_verification_time(password: str) -> None:
    """For an unknown username: costs what a real check costs, so timing tells nothing."""
    verify_password(_dummy_hash(), password)
