"""The password policy for Loket accounts (hashing itself is the auth service's job)."""

from __future__ import annotations

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError

MIN_PASSWORD_LENGTH = 10
MAX_FAILED_LOGINS = 5  # the fifth wrong password in a row locks the account
LOCKOUT_MINUTES = 15


class WeakPassword(DomainValueError):
    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message, field="password", **params)


def check_password_policy(password: str, *, username: str = "") -> None:
    """Raises :class:`WeakPassword` when ``password`` may not be used."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(
            QT_TRANSLATE_NOOP("LoketError", "Kata sandi minimal {minimum} karakter."),
            minimum=MIN_PASSWORD_LENGTH,
        )
    if password != password.strip():
        raise WeakPassword(
            QT_TRANSLATE_NOOP("LoketError", "Kata sandi tidak boleh diawali atau diakhiri spasi.")
        )
    if username and username.lower() in password.lower():
        raise WeakPassword(
            QT_TRANSLATE_NOOP("LoketError", "Kata sandi tidak boleh memuat nama pengguna.")
        )
    if len(set(password)) < 4:
        raise WeakPassword(QT_TRANSLATE_NOOP("LoketError", "Kata sandi terlalu mudah ditebak."))
