"""Typed errors of the service layer; each carries a translatable message and its field."""

from __future__ import annotations

from loket.domain.errors import LoketError


class ValidationError(LoketError):
    """Input the service refuses, even when the UI let it through."""


class PermissionDenied(LoketError):
    """The acting user's role may not do this."""


class AuthenticationFailed(LoketError):
    """Wrong username or password, or a disabled account."""


class AccountLocked(AuthenticationFailed):
    """Too many wrong passwords: the account is locked for a while."""


class NotFound(LoketError):
    pass


class Conflict(LoketError):
    """The change clashes with what is already there (a duplicate, a second set-up)."""
