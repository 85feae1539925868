from __future__ import annotations

import pytest

from loket.domain.passwords import WeakPassword, check_password_policy

GUESSABLE = (
    "Kata sandi terlalu mudah ditebak: hindari kata umum, nama kota, tahun dan urutan tombol "
    "(qwerty, 12345)."
)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "Kata sandi minimal 10 karakter."),
        ("123456789", "Kata sandi minimal 10 karakter."),
        (" kopi-susu-99", "Kata sandi tidak boleh diawali atau diakhiri spasi."),
        ("budi.santoso2026", "Kata sandi tidak boleh memuat nama pengguna."),
        ("aaaaaaaaaaaa", GUESSABLE),
        ("1234567890", GUESSABLE),  # the four the security review got accepted
        ("password12", GUESSABLE),
        ("qwertyuiop", GUESSABLE),
        ("Jakarta2026", GUESSABLE),
        ("Banjarmasin1", GUESSABLE),
        ("asdfghjkl;", GUESSABLE),
        ("abcabcabcabc", GUESSABLE),
        ("0987654321!", GUESSABLE),
        ("BPJS2026!!", GUESSABLE),
    ],
)
def test_weak_passwords_are_refused(password: str, message: str) -> None:
    with pytest.raises(WeakPassword) as info:
        check_password_policy(password, username="budi.santoso")
    assert str(info.value) == message
    assert info.value.field == "password"


@pytest.mark.parametrize(
    "password", ["kopi-susu-2026", "Bekantan-Sungai-42", "Pasar Terapung 93", "jukung.kayuh.7"]
)
def test_good_passwords_pass(password: str) -> None:
    check_password_policy(password, username="budi")
