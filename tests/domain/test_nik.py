from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loket.domain.nik import InvalidNik, mask_nik, parse_nik
from loket.domain.provinces import province_by_code, provinces

TODAY = date(2026, 11, 24)


def test_a_man_born_in_1990() -> None:
    info = parse_nik("6371010508900001", today=TODAY)
    assert info.province.name == "Kalimantan Selatan"
    assert info.regency_code == "6371"
    assert info.district_code == "637101"
    assert info.birth_date == date(1990, 8, 5)
    assert info.sex == "L"
    assert info.serial == "0001"


def test_a_woman_has_forty_added_to_the_day() -> None:
    info = parse_nik("6471044508900012", today=TODAY)
    assert (info.birth_date, info.sex, info.province.code) == (date(1990, 8, 5), "P", "64")


def test_spaces_and_dots_typed_between_groups_are_ignored() -> None:
    assert parse_nik("63.71.01 050890 0001", today=TODAY).nik == "6371010508900001"


def test_century_puts_the_birth_date_in_the_past() -> None:
    assert parse_nik("6171010101050001", today=TODAY).birth_date == date(2005, 1, 1)
    assert parse_nik("6171010101300001", today=TODAY).birth_date == date(1930, 1, 1)
    # this year, but a month still to come: a 99-year-old, not an unborn child
    assert parse_nik("6171010112260001", today=TODAY).birth_date == date(1926, 12, 1)
    assert parse_nik("6171012411260001", today=TODAY).birth_date == date(2026, 11, 24)


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("", "NIK belum diisi."),
        ("63710105089000", "NIK harus 16 angka, bukan 14."),
        ("63710105089000011", "NIK harus 16 angka, bukan 17."),
        ("637101050890000A", "NIK hanya boleh berisi angka."),
        ("６３７１０１０５０８９００００１", "NIK hanya boleh berisi angka."),
        ("9971010508900001", "Kode provinsi 99 dalam NIK tidak dikenal."),
        ("6300010508900001", "Kode kabupaten/kota dalam NIK tidak boleh 00."),
        ("6371000508900001", "Kode kecamatan dalam NIK tidak boleh 00."),
        ("6371013208900001", "Tanggal lahir dalam NIK tidak ada: 32-08-90."),
        ("6371017208900001", "Tanggal lahir dalam NIK tidak ada: 72-08-90."),
        ("6371010513900001", "Tanggal lahir dalam NIK tidak ada: 05-13-90."),
        ("6371013002900001", "Tanggal lahir dalam NIK tidak ada: 30-02-90."),
        ("6371012902010001", "Tanggal lahir dalam NIK tidak ada: 29-02-01."),
        ("6371010508900000", "Nomor urut NIK tidak boleh 0000."),
    ],
)
def test_each_mistake_is_named(nik: str, message: str) -> None:
    with pytest.raises(InvalidNik) as info:
        parse_nik(nik, today=TODAY)
    assert str(info.value) == message
    assert info.value.field == "nik"
    assert isinstance(info.value, ValueError)


def test_birth_date_in_the_future() -> None:
    # 29-02-00 exists only in 2000 (1900 was no leap year): the day before, it is still to come
    with pytest.raises(InvalidNik, match="masa depan: 29-02-2000"):
        parse_nik("6371012902000001", today=date(2000, 2, 28))
    assert parse_nik("6371012902000001", today=date(2000, 2, 29)).birth_date == date(2000, 2, 29)


def test_no_one_is_older_than_120() -> None:
    with pytest.raises(InvalidNik, match="lebih dari 120 tahun"):
        parse_nik("6371010101010001", today=date(2125, 1, 1))


def test_all_38_provinces_ship_kalimantan_first() -> None:
    all_provinces = provinces()
    assert len(all_provinces) == 38
    assert [p.code for p in all_provinces[:5]] == ["61", "62", "63", "64", "65"]
    assert province_by_code("62").timezone == "Asia/Pontianak"  # type: ignore[union-attr]
    assert province_by_code("64").timezone == "Asia/Makassar"  # type: ignore[union-attr]
    assert province_by_code("31").name == "DKI Jakarta"  # type: ignore[union-attr]


def test_mask_nik_for_printed_documents() -> None:
    assert mask_nik("6471040508900001") == "6471********0001"


def test_regencies_of_all_indonesia() -> None:
    from loket.domain.provinces import provinces, regencies, regencies_of, regency_by_code

    assert len(regencies()) == 514
    assert all(regencies_of(p.code) for p in provinces())  # every province has its list
    assert len([r for p in ("61", "62", "63", "64", "65") for r in regencies_of(p)]) == 56
    assert regency_by_code("6371").name == "Kota Banjarmasin"  # type: ignore[union-attr]
    assert regency_by_code("6402").name == "Kabupaten Kutai Kartanegara"  # type: ignore[union-attr]
    assert regency_by_code("6107").name == "Kabupaten Bengkayang"  # type: ignore[union-attr]
    assert regency_by_code("3273").name == "Kota Bandung"  # type: ignore[union-attr]
    assert regency_by_code("9171").name == "Kota Jayapura"  # type: ignore[union-attr]
    assert [r.name for r in regencies_of("65")][-1] == "Kota Tarakan"


def _century_rule(day: int, month: int, yy: int, today: date) -> date | None:
    """The rule as written: the first of 20yy and 19yy that is a real day, not in the
    future and less than 120 years ago (None: no such day, the NIK is refused)."""
    for year in (2000 + yy, 1900 + yy):
        try:
            born = date(year, month, day)
        except ValueError:
            continue
        if (
            born <= today
            and (today.year - born.year) - ((today.month, today.day) < (born.month, born.day)) < 120
        ):
            return born
    return None


@given(
    st.integers(1, 31),
    st.integers(1, 12),
    st.integers(0, 99),
    st.dates(date(1990, 1, 1), date(2110, 12, 31)),
)
def test_the_birth_date_follows_the_century_rule(
    day: int, month: int, yy: int, today: date
) -> None:
    nik = f"637101{day:02d}{month:02d}{yy:02d}0001"
    expected = _century_rule(day, month, yy, today)
    if expected is None:
        with pytest.raises(InvalidNik):
            parse_nik(nik, today=today)
    else:
        assert parse_nik(nik, today=today).birth_date == expected


@pytest.mark.parametrize(
    ("code", "known"),
    [
        ("6371", True),  # Kota Banjarmasin
        ("6501", True),  # Kabupaten Bulungan, Kalimantan Utara (python-stdnum refuses 65xx)
        ("6571", True),  # Kota Tarakan
        ("6404", True),  # Bulungan before Kalimantan Utara was split off (former code)
        ("6521", False),  # Kalimantan Utara has no such regency: a typo
        ("6399", False),
    ],
)
def test_regency_codes_current_or_former(code: str, known: bool) -> None:
    from loket.domain.provinces import regency_code_known

    assert regency_code_known(code) is known


def test_a_kalimantan_utara_nik_reads() -> None:
    info = parse_nik("6501014107900003", today=date(2026, 12, 3))
    assert (info.province.code, info.regency_code, info.sex) == ("65", "6501", "P")
    assert info.birth_date == date(1990, 7, 1)
