"""Rupiah amounts: always ``int`` Rupiah, formatted with a dot per thousand, and in words."""

from __future__ import annotations

import re

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError

# Largest amount terbilang() spells: 999 triliun and change (10**15 - 1).
MAX_TERBILANG = 10**15 - 1


class InvalidAmount(DomainValueError):
    """Text that is not a whole number of Rupiah."""


def format_rupiah(amount: int) -> str:
    """``36800`` → ``"Rp36.800"``; ``-5000`` → ``"-Rp5.000"`` (no decimals: Rupiah have none)."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be int Rupiah, not {type(amount).__name__}")
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PLAIN = re.compile(r"\d+")
_CENTS = re.compile(r",(\d{1,2})")


def parse_rupiah(text: str) -> int:
    """Reads what staff type or paste: ``"Rp 36.800"``, ``"36800"``, ``"36.800,00"`` → ``36800``.

    A dot groups thousands; a comma starts decimals, which must be zero (there is no
    fraction of a Rupiah). Anything else raises :class:`InvalidAmount`.
    """
    raw = (text or "").strip()
    if not raw:
        raise InvalidAmount(QT_TRANSLATE_NOOP("LoketError", "Jumlah uang belum diisi."))
    body = raw
    negative = body.startswith("-")
    if negative:
        body = body[1:].lstrip()
    if body[:2].lower() == "rp":
        body = body[2:].lstrip(" .")
    if body.startswith("-") and not negative:
        negative, body = True, body[1:].lstrip()
    if body.endswith(",-"):  # "Rp36.800,-" is how amounts are often written by hand
        body = body[:-2]
    decimals = ""
    if "," in body:
        body, _, decimals = body.partition(",")
        if not _CENTS.fullmatch("," + decimals):
            raise InvalidAmount(
                QT_TRANSLATE_NOOP("LoketError", "Jumlah uang tidak valid: {text}"), text=raw
            )
        if int(decimals) != 0:
            raise InvalidAmount(
                QT_TRANSLATE_NOOP("LoketError", "Rupiah tidak memakai pecahan sen: {text}"),
                text=raw,
            )
    body = body.replace(" ", "")
    if _GROUPED.fullmatch(body):
        digits = body.replace(".", "")
    elif _PLAIN.fullmatch(body):
        digits = body
    else:
        raise InvalidAmount(
            QT_TRANSLATE_NOOP("LoketError", "Jumlah uang tidak valid: {text}"), text=raw
        )
    value = int(digits)
    return -value if negative else value


_UNITS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
# (power of 1000, name); "ribu" is special: 1.000 is "seribu", not "satu ribu".
_SCALES = ((4, "triliun"), (3, "miliar"), (2, "juta"), (1, "ribu"))


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds > 1:
        words += [_UNITS[hundreds], "ratus"]
    if rest == 0:
        return words
    if rest < 12:
        words.append(_UNITS[rest])
    elif rest < 20:
        words += [_UNITS[rest - 10], "belas"]
    else:
        tens, ones = divmod(rest, 10)
        words += [_UNITS[tens], "puluh"]
        if ones:
            words.append(_UNITS[ones])
    return words


def terbilang(amount: int) -> str:
    """The amount in Indonesian words, as on a receipt: ``36800`` → ``"tiga puluh enam ribu
    delapan ratus"``. Covers 0 to 999 triliun; negative amounts start with ``"minus"``.
    Receipts append ``"rupiah"`` themselves.
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be int Rupiah, not {type(amount).__name__}")
    if abs(amount) > MAX_TERBILANG:
        raise InvalidAmount(
            QT_TRANSLATE_NOOP(
                "LoketError", "Jumlah terlalu besar untuk ditulis dengan huruf: {amount}"
            ),
            amount=format_rupiah(amount),
        )
    if amount == 0:
        return "nol"
    words = ["minus"] if amount < 0 else []
    rest = abs(amount)
    for power, name in _SCALES:
        group, rest = divmod(rest, 1000**power)
        if group == 1 and power == 1:
            words.append("seribu")
        elif group:
            words += [*_below_thousand(group), name]
    words += _below_thousand(rest)
    return " ".join(words)
