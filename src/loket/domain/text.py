"""Free text typed at the counter, as it may be stored: trimmed, within its column's length,
and without control characters — a NUL in a void reason once stopped a branch's sync for
good (PostgreSQL refuses it), and invisible characters hide what a record really says."""

from __future__ import annotations

import unicodedata

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError

LONG_TEXT = 500  # the limit of a Text column typed at the counter (a reason, an address)
_JOINERS = {"\u200c", "\u200d"}  # inside emoji sequences and some scripts


class InvalidText(DomainValueError):
    pass


def in_language(indonesian: str, english: str, language: str) -> str:
    """Data carried in both languages, for an interface in ``language`` ("id" or "en"):
    the English when asked and there is one, else the Indonesian (which documents print)."""
    return english if language == "en" and english else indonesian


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    allowed = {"\n", "\t"} if multiline else set()
    return not (text.isascii() and text.isprintable()) and any(
        unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in _JOINERS | allowed
        for ch in text
    )


def clean_text(
    value: str | None,
    *,
    field: str,
    max_length: int = LONG_TEXT,
    required: str = "",
    multiline: bool = False,
) -> str:
    """``value`` trimmed (one line: inner whitespace collapsed), or raises at ``field``:
    ``required`` (the message) when empty, too long, or with control characters other
    than newline and tab (those only when ``multiline``)."""
    text = unicodedata.normalize("NFC", value or "")
    if multiline:
        text = "\n".join(" ".join(line.split()) for line in text.strip().splitlines())
    else:
        text = " ".join(text.split())
    if has_control_characters(text, multiline=multiline):
        raise InvalidText(
            QT_TRANSLATE_NOOP("LoketError", "Isian memuat karakter kendali yang tidak terlihat."),
            field=field,
        )
    if required and not text:
        raise InvalidText(required, field=field)
    if len(text) > max_length:
        raise InvalidText(
            QT_TRANSLATE_NOOP("LoketError", "Isian terlalu panjang (lebih dari {limit} karakter)."),
            field=field,
            limit=max_length,
        )
    return text
