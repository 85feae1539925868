"""Whether a file lives on a network filesystem, where SQLite must not be used.

SQLite's locking relies on the filesystem's, which is unreliable over NFS and SMB/CIFS
("SQLite Over a Network, Caveats and Considerations", sqlite.org/useovernet.html): two
counters writing one file on a share can corrupt it. A branch with several counters uses
PostgreSQL instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

MOUNT_TABLE = Path("/proc/mounts")  # the operating system's (Linux)

# mount types that reach another machine (Linux /proc/mounts names)
NETWORK_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
        "fuse.sshfs", "fuse.glusterfs", "fuse.rclone", "davfs", "fuse.davfs2", "lustre",
    }
)  # fmt: skip


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a mount point as \\040 (and tab, newline, \\)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mount_type(path: Path, mounts: str) -> str | None:
    """The filesystem type of the mount ``path`` is on, from a /proc/mounts text."""
    best, kind = "", None
    resolved = str(path)
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape(parts[1])
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def network_filesystem(path: Path, *, mounts: str | None = None) -> str | None:
    """The network filesystem ``path`` (a file or where it would be) lives on, or None."""
    target = path.resolve()
    while not target.exists() and target != target.parent:
        target = target.parent
    if sys.platform == "win32":
        return _windows_remote(target)
    if mounts is None:
        try:
            mounts = MOUNT_TABLE.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None  # no mount table (not Linux): nothing to go by
    kind = mount_type(target, mounts)
    return kind if kind in NETWORK_TYPES else None


def _windows_remote(path: Path) -> str | None:
    text = str(path)
    if text.startswith("\\\\"):  # \\server\share\...
        return "SMB"
    import ctypes

    drive = os.path.splitdrive(text)[0] + "\\"
    remote = 4  # DRIVE_REMOTE
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return "SMB" if kernel32.GetDriveTypeW(drive) == remote else None
