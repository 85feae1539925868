"""NIK (Nomor Induk Kependudukan): the 16-digit national identity number, ``PP RR DD ddmmyy SSSS``.

``PP`` province, ``RR`` regency/city, ``DD`` district (Kemendagri codes), ``ddmmyy`` the birth
date with 40 added to the day for women, ``SSSS`` a serial from 0001. Basis: the civil
registration numbering of UU 24/2013 (Administrasi Kependudukan) as used by Dukcapil.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

from loket.domain.dates import full_years
from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError
from loket.domain.provinces import Province, province_by_code

NIK_LENGTH = 16
MAX_AGE_YEARS = 120  # the century of yy is the one that makes the person younger than this
FEMALE_DAY_OFFSET = 40
_SEPARATORS = str.maketrans("", "", " .-")  # typed between the groups


class InvalidNik(DomainValueError):
    """An NIK that cannot be right; the message says exactly why."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message, field="nik", **params)


@dataclass(slots=True)  # not frozen: bulk imports read millions (see RegistrationInput)
class NikInfo:
    nik: str
    province: Province
    regency_code: str  # four digits, e.g. "6371" (Kota Banjarmasin)
    district_code: str  # six digits, e.g. "637101"
    birth_date: date
    sex: str  # "L" (laki-laki) or "P" (perempuan)
    serial: str


def _birth_date(day: int, month: int, yy: int, today: date) -> date:
    candidates: list[date] = []  # real days that are not the answer, for the message
    for year in (2000 + yy, 1900 + yy):
        try:
            born = date(year, month, day)
        except ValueError:
            continue  # e.g. 29-02 exists in 2000 but not in 1900
        if born <= today and full_years(born, today) < MAX_AGE_YEARS:
            return born
        candidates.append(born)
    if not candidates:
        raise InvalidNik(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal lahir dalam NIK tidak ada: {date}."),
            date=f"{day:02d}-{month:02d}-{yy:02d}",
        )
    if any(born > today for born in candidates):
        raise InvalidNik(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal lahir dalam NIK ada di masa depan: {date}."),
            date=candidates[0].strftime("%d-%m-%Y"),
        )
    raise InvalidNik(
        QT_TRANSLATE_NOOP(
            "LoketError", "Tanggal lahir dalam NIK berarti umur lebih dari {years} tahun."
        ),
        years=MAX_AGE_YEARS,
    )


def parse_nik(text: str, *, today: date) -> NikInfo:
    """Reads an NIK (spaces and dots typed between the groups are ignored).

    Raises :class:`InvalidNik` naming the first thing that is wrong: length, non-digits,
    unknown province, regency or district 00, impossible birth date, birth date in the
    future, or serial 0000.
    """
    nik = (text or "").translate(_SEPARATORS)
    if not nik:
        raise InvalidNik(QT_TRANSLATE_NOOP("LoketError", "NIK belum diisi."))
    if not nik.isascii() or not nik.isdigit():
        raise InvalidNik(QT_TRANSLATE_NOOP("LoketError", "NIK hanya boleh berisi angka."))
    if len(nik) != NIK_LENGTH:
        raise InvalidNik(
            QT_TRANSLATE_NOOP("LoketError", "NIK harus 16 angka, bukan {length}."), length=len(nik)
        )
    province = province_by_code(nik[:2])
    if province is None:
        raise InvalidNik(
            QT_TRANSLATE_NOOP("LoketError", "Kode provinsi {code} dalam NIK tidak dikenal."),
            code=nik[:2],
        )
    if nik[2:4] == "00":
        raise InvalidNik(
            QT_TRANSLATE_NOOP("LoketError", "Kode kabupaten/kota dalam NIK tidak boleh 00.")
        )
    if nik[4:6] == "00":
        raise InvalidNik(
            QT_TRANSLATE_NOOP("LoketError", "Kode kecamatan dalam NIK tidak boleh 00.")
        )
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "L"
    if day > FEMALE_DAY_OFFSET:
        day, sex = day - FEMALE_DAY_OFFSET, "P"
    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise InvalidNik(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal lahir dalam NIK tidak ada: {date}."),
            date=f"{nik[6:8]}-{nik[8:10]}-{nik[10:12]}",
        )
    birth_date = _birth_date(day, month, yy, today)
    if nik[12:] == "0000":
        raise InvalidNik(QT_TRANSLATE_NOOP("LoketError", "Nomor urut NIK tidak boleh 0000."))
    return NikInfo(nik, province, nik[:4], nik[:6], birth_date, sex, nik[12:])


def mask_nik(nik: str) -> str:
    """For printed documents (UU 27/2022, data minimisation): ``6471********0001``."""
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:] if len(nik) > 8 else "*" * len(nik)


def compose_nik(district_code: str, birth_date: date, sex: str, serial: int) -> str:
    """The NIK for these parts (the inverse of :func:`parse_nik`); for test and demo data."""
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex == "P" else 0)
    return f"{district_code}{day:02d}{birth_date:%m%y}{serial:04d}"


def registry_hash(key: bytes, nik: str) -> str:
    """What a branch holds of another branch's participant's NIK: a hash keyed with the
    region's registry key (HMAC-SHA256), enough to find a NIK typed at the counter in the
    registry and no more — without the key, the hashes cannot be tried against NIKs."""
    return hmac.new(key, nik.encode("ascii"), hashlib.sha256).hexdigest()
