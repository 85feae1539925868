"""A role's name as the user reads it (one list for every page that shows roles)."""

from __future__ import annotations

from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.i18n import translate
from loket.services.actor import Role

_NAMES = {
    Role.STAFF: QT_TRANSLATE_NOOP("Roles", "Petugas pelayanan"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Roles", "Kepala bidang pelayanan"),
    Role.HEAD: QT_TRANSLATE_NOOP("Roles", "Kepala kantor cabang"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Roles", "Admin cabang"),
}


def role_name(role: Role) -> str:
    return translate("Roles", _NAMES[role])
