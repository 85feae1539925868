"""The log file (no personal data): where it is, and the one handler both programs use.

What goes in: each start (version, platform, which database), logins and logouts (user
names of staff), every sync run that moved something or failed, a restore's recovery,
backups, every print sent or failed (printer, document number or KPJ, reason), every
``loket-admin`` command with its exit code, and unexpected errors with the reference the
crash dialog shows. What never goes in: a participant's name, NIK, telephone or address —
messages name people by KPJ, and the formatter masks anything shaped like an NIK
(16 digits) or an Indonesian mobile number that slipped into a message or a traceback.
Files rotate at 2 MB, five kept: ``loket.log``, ``loket.log.1`` … in the user's log folder
(``LOKET_LOG_DIR`` names another).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import re
import sys
from pathlib import Path

from platformdirs import user_log_dir

from loket import __version__
from loket.domain.nik import mask_nik
from loket.private_files import create_private, private_dir

# sixteen digits, also as typed in groups ("6371 0105 0890 0001", "6371.0105…")
_NIK = re.compile(r"(?<![\d.\-])\d(?:[ .\-]?\d){15}(?![\d])")
# an Indonesian mobile number, also grouped or bracketed ("+62 812 3456 7890", "(0812) …")
_MOBILE = re.compile(
    r"(?<![\d+(])\(?(\+62|62|0)[\s.\-]?8\d{2}\)?[\s.\-]?\d{3,4}[\s.\-]?\d{3,5}(?!\d)"
)


# user-info in an address ("https://user:secret@host", "ipp://admin:pw@printer")
_USER_INFO = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/\s@]+@")


def log_file() -> Path:
    folder = os.environ.get("LOKET_LOG_DIR") or user_log_dir("loket", appauthor=False)
    return Path(folder) / "loket.log"


def redact(text: str) -> str:
    """``6371010508900001`` → ``6371********0001``; a mobile number → ``08…``; an address
    loses the user name and password inside it (``https://host``)."""
    text = _USER_INFO.sub(r"\1", text)
    return _MOBILE.sub(
        lambda m: f"{m[1]}8…",
        _NIK.sub(lambda m: mask_nik("".join(ch for ch in m[0] if ch.isdigit())), text),
    )


class _PrivateRotatingFile(logging.handlers.RotatingFileHandler):
    """Each log file, the first and every one after a rotation, 0600."""

    def _open(self):  # type: ignore[no-untyped-def]
        create_private(Path(self.baseFilename))
        return super()._open()


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(program: str = "loket") -> None:
    """Once per process; later calls do nothing."""
    root = logging.getLogger()
    if any(getattr(h, "loket", False) for h in root.handlers):
        return
    path = log_file()
    private_dir(path.parent)
    handler = _PrivateRotatingFile(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.loket = True  # type: ignore[attr-defined]
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("loket").info(
        "%s %s started (Python %s, %s)",
        program,
        __version__,
        platform.python_version(),
        f"{platform.system()} {platform.release()}" + (" frozen" if _frozen() else ""),
    )


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))
