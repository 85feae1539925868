from __future__ import annotations

import pytest

from loket.domain.passwords import WeakPassword, check_password_policy


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "Kata sandi minimal 10 karakter."),
        ("123456789", "Kata sandi minimal 10 karakter."),
        (" kopi-susu-99", "Kata sandi tidak boleh diawali atau diakhiri spasi."),
        ("budi.santoso2026", "Kata sandi tidak boleh memuat nama pengguna."),
        ("aaaaaaaaaaaa", "Kata sandi terlalu mudah ditebak."),
    ],
)
def test_weak_passwords_are_refused(password: str, message: str) -> None:
    with pytest.raises(WeakPassword) as info:
        check_password_policy(password, username="budi.santoso")
    assert str(info.value) == message
    assert info.value.field == "password"


def test_a_good_password_passes() -> None:
    check_password_policy("kopi-susu-2026", username="budi")
