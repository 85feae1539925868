from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loket.domain.kpj import InvalidKpj, is_loket_kpj, luhn_digit, make_kpj
from loket.domain.names import InvalidName, clean_name, fold_name, names_similar
from loket.domain.nik import compose_nik, parse_nik
from loket.domain.phone import InvalidPhone, normalize_phone
from loket.domain.registration import (
    InvalidRegistration,
    Program,
    check_programs,
    occupations,
)
from loket.domain.tariffs import TariffError, check_bpu_income, table_on


def test_kpj_is_prefix_sequence_and_luhn_digit() -> None:
    assert luhn_digit("7992739871") == "3"  # the textbook Luhn example
    kpj = make_kpj("631", 42)
    assert kpj[:10] == "6310000042" and len(kpj) == 11 and is_loket_kpj(kpj)
    assert not is_loket_kpj(kpj[:-1] + str((int(kpj[-1]) + 1) % 10))  # one digit off
    swapped = kpj[:8] + kpj[9] + kpj[8] + kpj[10]
    assert swapped == kpj or not is_loket_kpj(swapped)
    with pytest.raises(InvalidKpj):
        make_kpj("63", 1)
    with pytest.raises(InvalidKpj, match="sudah habis"):
        make_kpj("631", 10_000_000)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0511) 335 2211", "+625113352211"),
    ],
)
def test_phone_numbers_are_stored_as_plus_62(typed: str, stored: str) -> None:
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Nomor telepon belum diisi."),
        ("+6012345678", "Hanya nomor telepon Indonesia (+62) yang diterima."),
        ("812345678", "Nomor telepon diawali 0, 62 atau +62: 812345678"),
        ("0812-34x5-678", "Nomor telepon hanya boleh berisi angka: 0812-34x5-678"),
        ("08123", "Panjang nomor telepon tidak wajar: 08123"),
        ("0081234567", "Panjang nomor telepon tidak wajar: 0081234567"),
    ],
)
def test_bad_phone_numbers(typed: str, message: str) -> None:
    with pytest.raises(InvalidPhone) as info:
        normalize_phone(typed)
    assert (str(info.value), info.value.field) == (message, "phone")


def test_names_keep_what_the_ktp_says_and_search_folds_them() -> None:
    assert clean_name("  Siti   Nur'aini ") == "Siti Nur'aini"
    assert fold_name("Siti Nur'aini") == "siti nur aini"
    assert fold_name("RÉNÉ Ça") == "rene ca"
    assert clean_name("Ni Luh Putu 👩‍🌾 Ayu") == "Ni Luh Putu 👩\u200d🌾 Ayu"  # emoji kept as typed
    assert fold_name("Robert'); DROP TABLE participant;--") == "robert drop table participant"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "Nama belum diisi."),
        ("12345", "Nama harus memuat huruf."),
        ("A" * 151, "Nama terlalu panjang (lebih dari 150 karakter)."),
        ("Budi\u200bSantoso", "Nama memuat karakter kendali yang tidak terlihat."),
    ],
)
def test_bad_names(typed: str, message: str) -> None:
    with pytest.raises(InvalidName, match=re.escape(message)):
        clean_name(typed)


def test_similar_names() -> None:
    assert names_similar("Muhammad Rizky", "Muhamad Rizki")
    assert names_similar("Rizky Muhammad", "muhammad rizky")
    assert not names_similar("Siti Aminah", "Dewi Lestari")


def test_bpu_income_range_and_programs() -> None:
    today = date(2026, 11, 24)
    table = table_on(today)
    assert (
        table.income_minimum,
        table.income_maximum,
        table.income_step,
        table.income_step_provisional,
    ) == (1_000_000, 20_700_000, 100_000, True)
    assert check_bpu_income(2_500_000, on=today) == 2_500_000
    with pytest.raises(TariffError, match=re.escape("antara Rp1.000.000 dan Rp20.700.000")):
        check_bpu_income(900_000, on=today)
    with pytest.raises(TariffError, match=re.escape("kelipatan Rp100.000")):
        check_bpu_income(1_050_000, on=today)
    assert check_programs({"JKM", "JKK"}) == (Program.JKK, Program.JKM)
    with pytest.raises(InvalidRegistration, match="JKK dan JKM wajib"):
        check_programs({"JKK", "JHT"})
    codes = {o.code for o in occupations()}
    assert {"ojek", "ojol", "pedagang", "petani", "nelayan", "buruh_harian"} <= codes


def test_compose_nik_is_the_inverse_of_parse() -> None:
    nik = compose_nik("637101", date(1990, 8, 5), "P", 12)
    assert nik == "6371014508900012"
    info = parse_nik(nik, today=date(2026, 11, 24))
    assert (info.birth_date, info.sex, info.serial) == (date(1990, 8, 5), "P", "0012")


@given(st.text(st.characters(max_codepoint=127), max_size=40))
def test_folding_an_ascii_name_keeps_letters_and_digits_only(text: str) -> None:
    assert fold_name(text) == " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())
