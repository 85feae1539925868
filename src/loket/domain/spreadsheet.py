"""Cells Loket writes to CSV files that people open in a spreadsheet: a cell that starts
with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) would run as a
formula there — ``=HYPERLINK(…)`` in a name sends whoever clicks it elsewhere (OWASP, "CSV
injection"). Such a cell is written with a leading apostrophe, which spreadsheets show as
text and do not display."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet will read it as text; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
