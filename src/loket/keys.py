"""The branch's sync token, kept in the operating system's keyring — never in a file or in
the database. Windows Credential Manager, the macOS Keychain and, on Linux desktops, the
Secret Service (GNOME Keyring, KWallet) all work through ``keyring``. Only those are
accepted: a backend that writes the secret to a file as it is (``keyrings.alt``'s
plaintext and "encrypted" files, which Debian installs with many desktops) is refused with
what to do instead."""

from __future__ import annotations

import hashlib
import importlib
from functools import cache

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import fail

from loket.domain.bundle import bundle_key
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.verification import Signer, qr_key

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


# The backends that encrypt or hand the secret to the operating system.
_OS_BACKENDS = (
    ("keyring.backends.SecretService", "Keyring"),
    ("keyring.backends.libsecret", "Keyring"),
    ("keyring.backends.kwallet", "DBusKeyring"),
    ("keyring.backends.Windows", "WinVaultKeyring"),
    ("keyring.backends.macOS", "Keyring"),
)


@cache
def _os_backend_classes() -> tuple[type[KeyringBackend], ...]:
    found = []
    for module, name in _OS_BACKENDS:
        try:
            found.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError):  # not on this platform's keyring
            continue
    return tuple(found)


def _trusted(backend: KeyringBackend) -> bool:
    if isinstance(backend, _os_backend_classes()):
        return True
    chained: list[KeyringBackend] = list(getattr(backend, "backends", None) or [])
    return bool(chained) and _trusted(chained[0])  # keyring's chainer uses its first one


def keyring_backend() -> str:
    """The keyring in use, or "" when there is none that keeps a secret safely."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or not _trusted(backend):
        return ""
    return f"{type(backend).__module__}.{type(backend).__name__}"


def untrusted_backend() -> str:
    """The name of a keyring that would keep the token in a readable file ("" if none)."""
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or _trusted(backend):
        return ""
    return f"{type(backend).__module__}.{type(backend).__name__}"


@cache
def audit_key(branch_code: str) -> bytes | None:
    """The key of the audit trail's NIK hashes: derived from the branch token in the OS
    keyring, so it is the same on every counter of the branch that syncs and never in the
    database; ``None`` where this computer has no token."""
    token = load_token(branch_code)
    if not token:
        return None
    return hashlib.sha256(b"loket-audit-nik-v1\0" + token.encode()).digest()


@cache
def qr_signer(branch_code: str) -> Signer | None:
    """What signs the QR codes of this branch's documents (``None`` without a token here)."""
    token = load_token(branch_code)
    return Signer(branch_code, qr_key(bundle_key(token))) if token else None


REGISTRY = "loket-registry"  # the region's key of the NIK hashes, per branch


@cache
def registry_key(branch_code: str) -> bytes | None:
    """The key of the NIK hashes the central server sends instead of other branches' NIKs
    (``domain.nik.registry_hash``): in the OS keyring, never in the database, so a copied
    database's hashes cannot be tried against NIKs; ``None`` before the first sync here."""
    found = load_secret(REGISTRY, branch_code)
    return bytes.fromhex(found) if found else None


def store_registry_key(branch_code: str, key_hex: str) -> None:
    store_secret(REGISTRY, branch_code, key_hex)
    registry_key.cache_clear()


def forget_keys() -> None:
    """The keys derived from the token are read again (a token set or changed)."""
    audit_key.cache_clear()
    qr_signer.cache_clear()
    registry_key.cache_clear()


def store_token(branch_code: str, token: str) -> None:
    forget_keys()
    store_secret(SERVICE, branch_code, token.strip())


def load_token(branch_code: str) -> str | None:
    return load_secret(SERVICE, branch_code)


def store_secret(service: str, name: str, secret: str) -> None:
    """Into the operating system's keyring; refused where it would not be kept safely."""
    if not keyring_backend():
        unsafe = untrusted_backend()
        raise KeyringUnavailable(f"{unsafe} menyimpan token tanpa perlindungan" if unsafe else "")
    try:
        keyring.set_password(service, name, secret)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc


def load_secret(service: str, name: str) -> str | None:
    if not keyring_backend():
        return None
    try:
        return keyring.get_password(service, name)
    except keyring.errors.KeyringError:
        return None
