"""CSV cells that a spreadsheet would run as formulas are written as text (issue 14)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loket.domain.names import InvalidName, clean_name
from loket.domain.spreadsheet import safe_cell
from loket.services.participant_import import write_errors


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("+62812", "'+62812"),
        ("-5000", "'-5000"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Siti Rahmah", "Siti Rahmah"),
        (42, 42),
    ],
)
def test_formula_starts_are_written_as_text(cell: object, written: object) -> None:
    assert safe_cell(cell) == written


def test_the_import_errors_file_neutralises_its_cells(tmp_path: Path) -> None:
    path = tmp_path / "x.errors.csv"
    write_errors(path, [(3, "=cmd|' /C calc'!A0"), (4, "NIK belum diisi.")])
    with path.open(encoding="utf-8", newline="") as f:
        assert list(csv.reader(f)) == [
            ["row", "reason"],
            ["3", "'=cmd|' /C calc'!A0"],
            ["4", "NIK belum diisi."],
        ]


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x","Budi")', "+Budi", "-Budi", "@Budi"])
def test_a_name_that_is_a_formula_is_refused(name: str) -> None:
    with pytest.raises(InvalidName, match="Nama tidak boleh diawali"):
        clean_name(name)
