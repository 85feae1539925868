"""Text input checked against the column it goes into: its length from the schema (so
SQLite, which does not enforce it, stores no more than PostgreSQL would) and no control
characters (:mod:`loket.domain.text`); a mistake is a :class:`ValidationError` at its field."""

from __future__ import annotations

from typing import Any

from loket.domain.text import LONG_TEXT, InvalidText, clean_text
from loket.services.errors import ValidationError


def column_length(column: Any) -> int:
    """The declared length of a mapped column (``Model.attr``); ``LONG_TEXT`` for Text."""
    length = getattr(column.property.columns[0].type, "length", None)
    return int(length) if length else LONG_TEXT


def checked_text(
    value: str | None,
    *,
    field: str,
    max_length: int = LONG_TEXT,
    required: str = "",
    multiline: bool = False,
) -> str:
    try:
        return clean_text(
            value, field=field, max_length=max_length, required=required, multiline=multiline
        )
    except InvalidText as exc:
        raise ValidationError(exc.message, field=exc.field, **exc.params) from None


def column_text(
    column: Any, value: str | None, *, field: str, required: str = "", multiline: bool = False
) -> str:
    return checked_text(
        value,
        field=field,
        max_length=column_length(column),
        required=required,
        multiline=multiline,
    )
