"""Indonesian personal names: cleaning what is typed, and the form used to search and compare.

Names keep whatever the KTP says — apostrophes, hyphens, any script — but search and
duplicate checks compare a folded form: no case, no accents, words only.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError
from loket.domain.spreadsheet import FORMULA_STARTS

MAX_NAME_LENGTH = 150
# Zero-width (non-)joiners belong inside emoji sequences and some scripts; other
# invisible format characters (zero-width space, bidi overrides) are refused.
_JOINERS = {"\u200c", "\u200d"}
_NOT_ALNUM_ASCII = re.compile(r"[^0-9a-z]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


class InvalidName(DomainValueError):
    pass


def clean_name(text: str, *, field: str = "full_name") -> str:
    """The name as it will be stored: trimmed, inner spaces collapsed, checked."""
    name = " ".join(unicodedata.normalize("NFC", text or "").split())
    if not name:
        raise InvalidName(QT_TRANSLATE_NOOP("LoketError", "Nama belum diisi."), field=field)
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidName(
            QT_TRANSLATE_NOOP("LoketError", "Nama terlalu panjang (lebih dari {limit} karakter)."),
            field=field,
            limit=MAX_NAME_LENGTH,
        )
    if name.startswith(FORMULA_STARTS):  # "=HYPERLINK(…)" is no one's name
        raise InvalidName(
            QT_TRANSLATE_NOOP("LoketError", "Nama tidak boleh diawali {char}."),
            field=field,
            char=name[0],
        )
    if name.isascii() and name.isprintable():  # the usual case: no invisible characters
        if not _ASCII_LETTER.search(name):
            raise InvalidName(
                QT_TRANSLATE_NOOP("LoketError", "Nama harus memuat huruf."), field=field
            )
        return name
    if not any(ch.isalpha() for ch in name):
        raise InvalidName(QT_TRANSLATE_NOOP("LoketError", "Nama harus memuat huruf."), field=field)
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in _JOINERS for ch in name):
        raise InvalidName(
            QT_TRANSLATE_NOOP("LoketError", "Nama memuat karakter kendali yang tidak terlihat."),
            field=field,
        )
    return name


def fold_name(text: str) -> str:
    """``"Siti Nur'aini  Rahmah"`` → ``"siti nur aini rahmah"``; ``"Désirée"`` → ``"desiree"``."""
    if text.isascii():  # nearly every name: the fast path (bulk imports fold millions)
        lowered = text.lower()
        if not lowered.replace(" ", "").isalnum():  # punctuation: "nur'aini", "a.n."
            lowered = _NOT_ALNUM_ASCII.sub(" ", lowered)
        return " ".join(lowered.split())
    decomposed = unicodedata.normalize("NFKD", text or "")
    letters = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        letters.append(ch if ch.isalnum() else " ")
    return " ".join("".join(letters).casefold().split())


def names_similar(a: str, b: str) -> bool:
    """Close enough to ask the staff whether it is the same person (same words in any
    order, or a spelling difference of a letter or two: "Muhamad" / "Muhammad")."""
    fa, fb = fold_name(a), fold_name(b)
    if sorted(fa.split()) == sorted(fb.split()):
        return True
    return SequenceMatcher(None, fa, fb).ratio() >= 0.85


def normalize_username(username: str) -> str:
    """A user name as stored and compared: trimmed, lower case."""
    return username.strip().lower()
