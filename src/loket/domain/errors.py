"""The error type every layer raises for a user's mistake: a translatable message and its field.

The message is Indonesian source text with ``{name}`` placeholders. It is marked with
``QT_TRANSLATE_NOOP`` so that ``pyside6-lupdate`` collects it into the translation files,
while this module itself stays free of Qt; the UI translates it in the ``LoketError`` context.
"""

from __future__ import annotations

from typing import Any

MESSAGE_CONTEXT = "LoketError"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation (read by lupdate); returns it unchanged."""
    return text


class LoketError(Exception):
    """A mistake the user can correct, with the field that caused it (if any)."""

    def __init__(self, message: str, *, field: str | None = None, **params: Any) -> None:
        self.message = message
        self.field = field
        self.params = params
        super().__init__(self.text())

    def text(self, template: str | None = None) -> str:
        """The message filled in; ``template`` is a translation of ``self.message``."""
        return (template or self.message).format(**self.params)


class DomainValueError(LoketError, ValueError):
    """Bad input to a domain rule: a ``ValueError`` that also carries a translatable message."""
