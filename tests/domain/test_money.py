from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loket.domain.money import (
    MAX_TERBILANG,
    InvalidAmount,
    format_rupiah,
    parse_rupiah,
    terbilang,
)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (36800, "Rp36.800"),
        (-5000, "-Rp5.000"),
        (0, "Rp0"),
        (999, "Rp999"),
        (1000, "Rp1.000"),
        (42_000_000, "Rp42.000.000"),
        (3_400_000_000_000, "Rp3.400.000.000.000"),
    ],
)
def test_format_rupiah(amount: int, text: str) -> None:
    assert format_rupiah(amount) == text


def test_format_rupiah_refuses_floats() -> None:
    with pytest.raises(TypeError):
        format_rupiah(36800.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "Rp 36.800",
        "36800",
        "36.800,00",
        "Rp36.800",
        "Rp. 36.800",
        "Rp36.800,-",
        " 36.800 ",
        "36.800,0",
    ],
)
def test_parse_rupiah_reads_what_staff_type(text: str) -> None:
    assert parse_rupiah(text) == 36800


def test_parse_rupiah_negative_and_large() -> None:
    assert parse_rupiah("-Rp5.000") == -5000
    assert parse_rupiah("Rp 42.000.000") == 42_000_000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Jumlah uang belum diisi."),
        ("   ", "Jumlah uang belum diisi."),
        ("abc", "Jumlah uang tidak valid: abc"),
        ("36.8", "Jumlah uang tidak valid: 36.8"),
        ("3.68.00", "Jumlah uang tidak valid: 3.68.00"),
        ("36,5", "Rupiah tidak memakai pecahan sen: 36,5"),
        ("36.800,50", "Rupiah tidak memakai pecahan sen: 36.800,50"),
        ("36.800,123", "Jumlah uang tidak valid: 36.800,123"),
        ("12a", "Jumlah uang tidak valid: 12a"),
        ("Rp", "Jumlah uang tidak valid: Rp"),
        ("1e5", "Jumlah uang tidak valid: 1e5"),
    ],
)
def test_parse_rupiah_rejects_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_rupiah(text)
    assert isinstance(info.value, InvalidAmount)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (2000, "dua ribu"),
        (11_000, "sebelas ribu"),
        (100_000, "seratus ribu"),
        (111_111, "seratus sebelas ribu seratus sebelas"),
        (36_800, "tiga puluh enam ribu delapan ratus"),
        (1_000_000, "satu juta"),
        (1_001_000, "satu juta seribu"),
        (42_000_000, "empat puluh dua juta"),
        (138_000_000, "seratus tiga puluh delapan juta"),
        (1_000_000_000, "satu miliar"),
        (1_000_000_000_000, "satu triliun"),
        (3_400_000_000_000, "tiga triliun empat ratus miliar"),
        (
            MAX_TERBILANG,
            "sembilan ratus sembilan puluh sembilan triliun "
            "sembilan ratus sembilan puluh sembilan miliar "
            "sembilan ratus sembilan puluh sembilan juta "
            "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
        ),
        (-5000, "minus lima ribu"),
    ],
)
def test_terbilang(amount: int, words: str) -> None:
    assert terbilang(amount) == words


def test_terbilang_beyond_999_triliun_is_refused() -> None:
    with pytest.raises(InvalidAmount):
        terbilang(MAX_TERBILANG + 1)


_DIGITS = {
    "nol": 0,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
_SCALE = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}


def _read_words(text: str) -> int:
    """An independent reader of Indonesian number words, to check terbilang against."""
    total = group = 0
    pending: int | None = None
    words = text.replace("sebelas", "satu belas").replace("sepuluh", "satu puluh")
    words = words.replace("seratus", "satu ratus").replace("seribu", "satu ribu")
    for w in words.split():
        if w in _DIGITS:
            assert pending is None, text
            pending = _DIGITS[w]
        elif w == "belas":
            assert pending is not None
            group, pending = group + 10 + pending, None
        elif w == "puluh":
            assert pending is not None
            group, pending = group + 10 * pending, None
        elif w == "ratus":
            assert pending is not None
            group, pending = group + 100 * pending, None
        else:
            group += pending or 0
            pending = None
            total += group * _SCALE[w]
            group = 0
    return total + group + (pending or 0)


@given(st.integers(min_value=0, max_value=MAX_TERBILANG))
def test_terbilang_reads_back_and_uses_the_se_forms(amount: int) -> None:
    words = terbilang(amount)
    assert _read_words(words) == amount
    tokens = words.split()
    for i, (word, following) in enumerate(pairwise(tokens)):
        if word == "satu" and following in ("ratus", "puluh", "belas"):
            pytest.fail(f"{words!r}: 'se{following}', not 'satu {following}'")
        # a thousands group of exactly one is "seribu"; "dua puluh satu ribu" is right
        if word == "satu" and following == "ribu":
            assert i > 0 and tokens[i - 1] not in ("triliun", "miliar", "juta"), words
    assert "nol" not in tokens or amount == 0
