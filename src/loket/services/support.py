"""The support bundle for the regional IT desk (``loket-admin support-bundle FILE``): the
log files, versions, the branch's settings and counters, sync state and the audit check,
in one zip — without personal data (log lines name at most a KPJ) and without secrets
(the sync token stays in the keyring; database URLs lose their password, any address its
user-info; everything is masked again as the log is)."""

from __future__ import annotations

import json
import platform
import sys
import zipfile
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from loket import __version__
from loket.db.engine import Database, describe_url
from loket.db.migrate import current_revision
from loket.logs import log_file, redact
from loket.private_files import create_private
from loket.services import audit, branch, settings, sync
from loket.services.actor import Actor
from loket.services.clock import Clock, system_clock
from loket.services.permissions import Permission, require

_PACKAGES = ("PySide6-Essentials", "SQLAlchemy", "alembic", "reportlab", "keyring", "httpx")


def _versions() -> dict[str, str]:
    found = {
        "loket": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }
    for name in _PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "-"
    return found


def write_bundle(db: Database, actor: Actor, out: Path, *, clock: Clock = system_clock) -> Path:
    """Writes the zip to ``out``; returns it."""
    require(actor, Permission.MANAGE_BRANCH)
    home = branch.get_home_branch(db)
    chain = audit.verify_chain(db)
    state = sync.status(db)
    facts = {
        "made_at": clock().isoformat(timespec="seconds"),
        "versions": _versions(),
        "database": describe_url(db.url.set(password=None)),
        "schema": current_revision(db),
        "branch": {
            "code": home.code,
            "name": home.name,
            "timezone": home.timezone,
            "kpj_prefix": home.kpj_prefix,
        }
        if home
        else None,
        "counters": [asdict(c) for c in branch.all_counters(db, actor)],
        "settings": {
            s.key: {"value": s.value, "published_by_server": s.published_at is not None}
            for s in settings.list_settings(db)
        },
        "sync": {
            "pending": state.pending,
            "refused": state.refused,
            "open_conflicts": state.open_conflicts,
            "last_error": state.last_error,
            "last_success_at": state.last_success_at.isoformat() if state.last_success_at else None,
        },
        "audit_verify": {
            "ok": chain.ok,
            "entries": chain.entries,
            "first_bad_seq": chain.first_bad_seq,
            "problem": chain.problem,
        },
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    create_private(out)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        # redacted again: a setting, a printer's address or an old log line may carry a
        # password inside an address, an NIK or a telephone number
        z.writestr("loket-support.json", redact(json.dumps(facts, indent=2, ensure_ascii=False)))
        logs = log_file().parent
        if logs.is_dir():
            for path in sorted(logs.glob("loket.log*")):
                text = path.read_text(encoding="utf-8", errors="replace")
                z.writestr(f"logs/{path.name}", redact(text))
    return out
