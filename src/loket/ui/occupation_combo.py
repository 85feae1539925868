"""The occupation list in a combo box, named in the interface's language (the code is the
item's data; documents print the Indonesian name)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from loket.domain.registration import occupation_name, occupations
from loket.i18n import current_language


def fill_occupations(combo: QComboBox, *, blank: bool = False) -> None:
    """Every occupation; with ``blank``, an empty first item so that one must be chosen."""
    if blank:
        combo.addItem("", None)
    language = current_language()
    for o in occupations():
        combo.addItem(o.name_in(language), o.code)


def rename_occupations(combo: QComboBox) -> None:
    """After a change of language: the same items, named in the new one."""
    language = current_language()
    for i in range(combo.count()):
        if code := combo.itemData(i):
            combo.setItemText(i, occupation_name(code, language))
