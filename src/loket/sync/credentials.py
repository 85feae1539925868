"""The branch's sync token, kept in the operating system's keyring — never in a file or in
the database. Windows Credential Manager, the macOS Keychain and, on Linux desktops, the
Secret Service (GNOME Keyring, KWallet) all work through ``keyring``."""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backends import fail

from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError

SERVICE = "loket-sync"


class KeyringUnavailable(LoketError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Komputer ini tidak punya keyring yang bisa dipakai untuk menyimpan token "
                "dengan aman ({detail}). Pilihan: di Linux pasang dan jalankan GNOME Keyring "
                "atau KWallet dalam sesi desktop; di Windows/macOS keyring sudah tersedia. "
                "Tanpa keyring, kirim data lewat 'loket-admin sync export' (flashdisk).",
            ),
            field="token",
            detail=detail or "tidak ada backend",
        )


def keyring_backend() -> str:
    """The keyring in use, or "" when there is none that can hold a secret."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return ""
    return f"{type(backend).__module__}.{type(backend).__name__}"


def store_token(branch_code: str, token: str) -> None:
    if not keyring_backend():
        raise KeyringUnavailable()
    try:
        keyring.set_password(SERVICE, branch_code, token.strip())
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc


def load_token(branch_code: str) -> str | None:
    if not keyring_backend():
        return None
    try:
        return keyring.get_password(SERVICE, branch_code)
    except keyring.errors.KeyringError:
        return None
