"""The production cost of a password hash (the tests hash cheaply, ``tests/conftest.py``)."""

from __future__ import annotations

from argon2 import PasswordHasher, Type, extract_parameters

from loket.services import passwords


def test_production_hashes_are_argon2id_at_rfc_9106s_low_memory_cost() -> None:
    """RFC 9106's second recommended option: t=3, m=64 MiB, p=4 — what counters use."""
    stored = passwords.PRODUCTION.hash("Sandi-Loket-9")
    params = extract_parameters(stored)
    assert (params.type, params.time_cost, params.memory_cost, params.parallelism) == (
        Type.ID, 3, 65_536, 4)  # fmt: skip
    # a hash made cheaply is still checked, and asked to be made again at the full cost
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("Sandi-Loket-9")
    assert passwords.verify_password(cheap, "Sandi-Loket-9")
    assert passwords.PRODUCTION.check_needs_rehash(cheap)
    assert not passwords.PRODUCTION.check_needs_rehash(stored)
