"""Indonesian phone numbers, stored in international form: ``0812-3456-7890`` → ``+628…``."""

from __future__ import annotations

import re

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError

_SEPARATORS = re.compile(r"[\s\-.()/]")


class InvalidPhone(DomainValueError):
    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message, field="phone", **params)


def normalize_phone(text: str) -> str:
    """Accepts ``08…``, ``628…``, ``+62 8…`` and landlines with an area code (``0511 …``).

    After the country code an Indonesian number has 7 to 12 digits and does not start
    with 0 (ITU-T E.164 national numbering for +62).
    """
    raw = _SEPARATORS.sub("", text or "")
    if not raw:
        raise InvalidPhone(QT_TRANSLATE_NOOP("LoketError", "Nomor telepon belum diisi."))
    if raw.startswith("+"):
        if not raw.startswith("+62"):
            raise InvalidPhone(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Hanya nomor telepon Indonesia (+62) yang diterima."
                )
            )
        national = raw[3:]
    elif raw.startswith("62"):
        national = raw[2:]
    elif raw.startswith("0"):
        national = raw[1:]
    else:
        raise InvalidPhone(
            QT_TRANSLATE_NOOP("LoketError", "Nomor telepon diawali 0, 62 atau +62: {text}"),
            text=text.strip(),
        )
    if not (national.isascii() and national.isdigit()):
        raise InvalidPhone(
            QT_TRANSLATE_NOOP("LoketError", "Nomor telepon hanya boleh berisi angka: {text}"),
            text=text.strip(),
        )
    if national.startswith("0") or not 7 <= len(national) <= 12:
        raise InvalidPhone(
            QT_TRANSLATE_NOOP("LoketError", "Panjang nomor telepon tidak wajar: {text}"),
            text=text.strip(),
        )
    return "+62" + national


def phone_query(text: str) -> str | None:
    """The stored form of ``text`` if it reads as a phone number, else ``None`` (for search)."""
    try:
        return normalize_phone(text)
    except InvalidPhone:
        return None
