"""KPJ, the 11-digit participant number, allocated offline from the branch's own range.

Scheme (Loket's own; the central office assigns each branch and service unit a distinct
3-digit prefix): ``PPP SSSSSSS C`` — branch prefix, a 7-digit sequence gapless per branch,
and a Luhn check digit that catches a mistyped digit or two swapped ones at the counter.
Two branches never produce the same number because their prefixes differ; two counters
of one branch share one database and so one sequence. KPJs imported from the central
office keep their own numbers (11 digits, not checked against Luhn).
"""

from __future__ import annotations

import re

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError

KPJ_LENGTH = 11
SEQUENCE_MAX = 9_999_999
_PREFIX = re.compile(r"[1-9]\d{2}")


class InvalidKpj(DomainValueError):
    pass


def luhn_digit(digits: str) -> str:
    """The Luhn check digit for ``digits``."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # doubled: the rightmost digit before the check digit, and every other
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def check_prefix(prefix: str) -> str:
    if not _PREFIX.fullmatch(prefix or ""):
        raise InvalidKpj(
            QT_TRANSLATE_NOOP("LoketError", "Awalan KPJ cabang harus 3 angka (100–999)."),
            field="kpj_prefix",
        )
    return prefix


def make_kpj(prefix: str, sequence: int) -> str:
    check_prefix(prefix)
    if not 1 <= sequence <= SEQUENCE_MAX:
        raise InvalidKpj(
            QT_TRANSLATE_NOOP("LoketError", "Rentang nomor KPJ cabang {prefix} sudah habis."),
            prefix=prefix,
        )
    body = f"{prefix}{sequence:07d}"
    return body + luhn_digit(body)


def is_loket_kpj(kpj: str) -> bool:
    """An 11-digit number whose check digit is right (one Loket allocated)."""
    return len(kpj) == KPJ_LENGTH and kpj.isdigit() and luhn_digit(kpj[:-1]) == kpj[-1]


def looks_like_kpj(text: str) -> bool:
    return len(text) == KPJ_LENGTH and text.isascii() and text.isdigit()
