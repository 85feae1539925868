"""The export file: its columns, the checks before an import starts, reading its rows (as
text, whatever the delimiter), cutting it into pieces for the importing processes, and the
errors file."""

from __future__ import annotations

import codecs
import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path

from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.spreadsheet import safe_cell
from loket.services.errors import ValidationError

REQUIRED = (
    "kpj",
    "nik",
    "full_name",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "province_code",
    "phone",
    "occupation",
)


OPTIONAL = (
    "regency",
    "email",
    "segment",
    "npp",
    "declared_income",
    "programs",
    "branch_code",
    "registered_at",
)


COLUMNS = REQUIRED + OPTIONAL
# a quotation mark left open swallows the rows up to the next one
_UNBALANCED = QT_TRANSLATE_NOOP(
    "LoketError",
    'Tanda kutip (") terbuka di baris {line} menelan {count} baris sampai akhir kutipan: '
    "baris-baris ini tidak diimpor. Perbaiki tanda kutipnya lalu impor lagi.",
)


def check_source(path: Path) -> None:
    """The file exists, is a file, and is UTF-8 from its first byte to its last (read once
    in pieces: a bad byte is found before anything is written, with its line)."""
    if path.is_dir():
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "{file} adalah folder, bukan berkas CSV."),
            field="file",
            file=str(path),
        )
    if not path.is_file():
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Berkas {file} tidak ada."),
            field="file",
            file=str(path),
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "LoketError", "Berkas bukan teks UTF-8: byte yang salah di baris {line}."
                    ),
                    field="file",
                    line=line + chunk.count(b"\n", 0, exc.start),
                ) from None
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "LoketError", "Berkas bukan teks UTF-8: byte yang salah di baris {line}."
                ),
                field="file",
                line=line,
            ) from None


def check_errors_path(errors: Path, source: Path) -> None:
    """Where the rejected rows will go: writable, and never the file being imported."""
    if errors.resolve() == source.resolve():
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Berkas alasan penolakan tidak boleh berkas impornya."),
            field="errors",
        )
    if errors.is_dir() or not errors.parent.is_dir():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError", "Tidak bisa menulis {file}: foldernya tidak ada atau itu folder."
            ),
            field="errors",
            file=str(errors),
        )


_Record = tuple[str, ...]  # a row's fields in COLUMNS order ("" where the file has none)


@contextmanager
def _lines_end_in_newline(path: Path) -> Iterator[Path]:
    """``path``, or a copy with its lines ending in LF when they end in CR alone (old Mac
    spreadsheets): the file is cut into pieces at line ends, which must be LF."""
    with path.open("rb") as f:
        head = f.read(1 << 16)
    bare_cr = head.count(b"\r") - head.count(b"\r\n")
    if bare_cr <= head.count(b"\n"):  # LF or CRLF line ends (a bare CR is inside a field)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="loket-import-") as folder:
        copy = Path(folder) / path.name
        with path.open("rb") as src, copy.open("wb") as dst:
            while chunk := src.read(1 << 22):
                dst.write(chunk.replace(b"\r", b"\n"))
        yield copy


def _pieces(path: Path, lines: int, *, rows: int) -> Iterator[tuple[int, bytes]]:
    """(number of its first line, piece) for the file of about ``rows`` rows after its
    header, in pieces of about ``lines`` lines, each ending at a line end outside quotes
    (a quoted field may hold a line break)."""
    line_size = max(1, path.stat().st_size // max(1, rows))
    first = 2
    with path.open("rb") as f:
        f.readline()
        while chunk := f.readlines(lines * line_size):
            piece = b"".join(chunk)
            while piece.count(b'"') % 2 and (more := f.readline()):
                piece += more
            yield first, piece
            first += piece.count(b"\n")


def estimate_rows(path: Path) -> int:
    """About how many rows ``path`` holds, from its size and its first lines."""
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(1 << 16)
    lines = head.count(b"\n")
    if lines <= 1 or len(head) >= size:
        return max(lines - 1, 0)
    return int(size / (len(head) / lines))


def _header(path: Path) -> tuple[list[str], str]:
    """The column names and the delimiter; refuses a file without the required columns."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            line = f.readline()
    except UnicodeDecodeError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Berkas bukan teks UTF-8."), field="file"
        ) from None
    # Spreadsheets set to Indonesian write ";" (the comma is the decimal separator).
    delimiter = ";" if line.count(";") > line.count(",") else ","
    names = next(csv.reader([line], delimiter=delimiter), [])
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Kolom wajib tidak ada di berkas: {columns}"),
            field="file",
            columns=", ".join(missing),
        )
    return names, delimiter


def _records(
    lines: Iterable[str], names: Sequence[str], delimiter: str
) -> Iterator[tuple[int, _Record | int]]:
    """(lines before it, record) for each record of CSV ``lines`` without a header named
    ``names``; a blank line is no record, and a short row's missing fields are empty. A
    record that runs over several lines (a quoted field with a line break) must have the
    header's columns; otherwise a quote was left open and swallowed the lines after it —
    the record is then the number of lines it swallowed, each reported, none imported."""
    width = len(names)  # where a column the file lacks is read from: the "" added below
    pick = itemgetter(*(names.index(c) if c in names else width for c in COLUMNS))
    padding = [""] * width
    reader = csv.reader(lines, delimiter=delimiter)
    before = 0
    for values in reader:
        if values:
            spans = reader.line_num - before
            if spans > 1 and len(values) != width:
                yield before, spans
            else:
                if len(values) != width:
                    values = (values + padding)[:width]
                values.append("")
                yield before, pick(values)
        before = reader.line_num


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV export (UTF-8, with or without BOM; comma or semicolon separated)."""
    names, delimiter = _header(path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        f.readline()
        for before, record in _records(f, names, delimiter):
            if isinstance(record, int):
                raise ValidationError(_UNBALANCED, field="file", line=before + 2, count=record)
            yield dict(zip(COLUMNS, record, strict=True))


def write_errors(path: Path, errors: list[tuple[int, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["row", "reason"])
        writer.writerows((row, safe_cell(reason)) for row, reason in errors)
