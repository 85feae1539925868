"""The branch token goes only to a keyring that protects it (issue 14: with keyrings.alt, a
Debian package many machines have, the token was written base64-encoded to a file)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from loket.keys import KeyringUnavailable, keyring_backend, load_token, store_token
from tests.central import MemoryKeyring


@pytest.fixture
def plaintext(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    before = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def test_a_plaintext_keyring_is_refused_with_what_to_do(
    plaintext: PlaintextKeyring, tmp_path: Path
) -> None:
    assert keyring_backend() == ""
    with pytest.raises(KeyringUnavailable) as refused:
        store_token("BJM", "BJM.rahasia-sekali")
    assert "PlaintextKeyring menyimpan token tanpa perlindungan" in str(refused.value)
    assert "GNOME Keyring" in str(refused.value) and "sync export" in str(refused.value)
    assert not (tmp_path / "keyring_pass.cfg").exists()  # nothing written
    assert load_token("BJM") is None


def test_an_os_keyring_keeps_the_token(memory_keyring: MemoryKeyring) -> None:
    store_token("BJM", " BJM.rahasia-sekali ")
    assert load_token("BJM") == "BJM.rahasia-sekali"
    assert keyring_backend().endswith("MemoryKeyring")
