"""SQLite on a network share is refused with the reason (sqlite.org/useovernet.html)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loket.db import filesystems
from loket.db.filesystems import mount_type, network_filesystem
from loket.db.migrate import DatabaseOpenError, open_database

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
//fileserver/loket {share} cifs rw,vers=3.0 0 0
fileserver:/export /mnt/nfs nfs4 rw 0 0
/dev/sdb1 /mnt/nfs/local ext4 rw 0 0
tmpfs /mnt/data\\040kantor tmpfs rw 0 0
"""


def test_the_mount_a_path_is_on(tmp_path: Path) -> None:
    table = MOUNTS.format(share="/srv/loket")
    assert mount_type(Path("/srv/loket/loket.db"), table) == "cifs"
    assert mount_type(Path("/srv/loketlain/loket.db"), table) == "ext4"  # not a prefix match
    assert mount_type(Path("/mnt/nfs/cabang.db"), table) == "nfs4"
    assert mount_type(Path("/mnt/nfs/local/cabang.db"), table) == "ext4"  # the deeper mount
    assert mount_type(Path("/mnt/data kantor/loket.db"), table) == "tmpfs"  # \\040 is a space
    assert network_filesystem(tmp_path / "x.db", mounts=table) is None


def test_a_database_on_a_share_is_refused_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    table = tmp_path / "mounts"
    table.write_text(MOUNTS.format(share=share.resolve()))
    monkeypatch.setattr(filesystems, "MOUNT_TABLE", table)  # the operating system's table
    target = share / "loket.db"
    with pytest.raises(DatabaseOpenError, match=r"folder jaringan \(cifs\)\. SQLite tidak aman"):
        open_database(f"sqlite:///{target}")
    assert not target.exists()  # nothing made
    db = open_database(f"sqlite:///{tmp_path / 'lokal.db'}")  # a local disk is fine
    db.close()
