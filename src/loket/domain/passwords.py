"""The password policy for Loket accounts (hashing itself is the auth service's job)."""

from __future__ import annotations

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError

MIN_PASSWORD_LENGTH = 10
MAX_FAILED_LOGINS = 5  # the fifth wrong password in a row locks the account
LOCKOUT_MINUTES = 15


# Words people choose first (in Indonesian and English, the agency's and the region's
# names); a password that is one of them with digits or a year around it is guessed at once.
COMMON_WORDS = frozenset(
    [
        "password",
        "passw0rd",
        "sandi",
        "katasandi",
        "rahasia",
        "admin",
        "administrator",
        "user",
        "pengguna",
        "login",
        "masuk",
        "welcome",
        "selamat",
        "bpjs",
        "bpjstk",
        "ketenagakerjaan",
        "jamsostek",
        "loket",
        "kantor",
        "cabang",
        "petugas",
        "supervisor",
        "kepala",
        "indonesia",
        "merdeka",
        "garuda",
        "pancasila",
        "jakarta",
        "bandung",
        "surabaya",
        "medan",
        "kalimantan",
        "borneo",
        "banjarmasin",
        "banjarbaru",
        "samarinda",
        "balikpapan",
        "pontianak",
        "palangkaraya",
        "tarakan",
        "bontang",
        "martapura",
        "qwerty",
        "asdf",
        "iloveyou",
        "sayang",
        "cinta",
        "bismillah",
        "alhamdulillah",
        "dragon",
        "monkey",
        "football",
        "letmein",
        "sunshine",
        "princess",
    ]
)
KEYBOARD_RUNS = (
    "1234567890",
    "0987654321",
    "abcdefghijklmnopqrstuvwxyz",
    "zyxwvutsrqponmlkjihgfedcba",
    "qwertyuiop",
    "poiuytrewq",
    "asdfghjkl",
    "lkjhgfdsa",
    "zxcvbnm",
    "mnbvcxz",
    "1qaz2wsx3edc4rfv5tgb",
)


def _guessable(password: str) -> bool:
    """A common word, a keyboard or alphabet run, or a repeated chunk — with digits, a year
    or punctuation around it ("password12", "Jakarta2026", "qwertyuiop", "1234567890")."""
    text = password.lower()
    core = text.strip("0123456789!@#$%^&*()-_=+.,;:?/ ")
    for candidate in (text, core):
        if not candidate:
            return True
        if candidate in COMMON_WORDS:
            return True
        if len(candidate) >= 4 and any(candidate in run for run in KEYBOARD_RUNS):
            return True
        if candidate in (candidate * 2)[1:-1]:  # a repeated chunk: "abcabcabc", "1212121212"
            return True
    return False


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
    if len(set(password)) < 4 or _guessable(password):
        raise WeakPassword(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Kata sandi terlalu mudah ditebak: hindari kata umum, nama kota, tahun dan "
                "urutan tombol (qwerty, 12345).",
            )
        )
