"""What each role may do. The UI hides what a role cannot use; services enforce it."""

from __future__ import annotations

from enum import StrEnum

from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.services.actor import Actor, Role
from loket.services.errors import PermissionDenied


class Permission(StrEnum):
    SERVE_COUNTER = "serve_counter"  # registration, payments, claim intake, handover
    APPROVE = "approve"  # payouts, voids, data corrections (four eyes)
    CLOSE_DAY = "close_day"
    VIEW_DASHBOARD = "view_dashboard"
    CHANGE_BRANCH_SETTINGS = "change_branch_settings"
    MANAGE_USERS = "manage_users"
    MANAGE_BRANCH = "manage_branch"  # identity, counters, printers, server link, backups


_SUPERVISING = frozenset(
    {
        Permission.SERVE_COUNTER,
        Permission.APPROVE,
        Permission.CLOSE_DAY,
        Permission.VIEW_DASHBOARD,
        Permission.CHANGE_BRANCH_SETTINGS,
    }
)
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.STAFF: frozenset({Permission.SERVE_COUNTER}),
    Role.SUPERVISOR: _SUPERVISING,
    Role.HEAD: _SUPERVISING,  # the same, with a higher approval limit (settings)
    Role.ADMIN: frozenset(
        {
            Permission.MANAGE_USERS,
            Permission.MANAGE_BRANCH,
            Permission.CHANGE_BRANCH_SETTINGS,
            Permission.VIEW_DASHBOARD,
        }
    ),
}


def can(actor: Actor, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[actor.role]


def require(actor: Actor, permission: Permission, *alternatives: Permission) -> None:
    """Raises unless ``actor`` holds ``permission`` (or one of ``alternatives``)."""
    if not any(can(actor, p) for p in (permission, *alternatives)):
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("LoketError", "Peran {role} tidak berwenang untuk tindakan ini."),
            role=actor.role.value,
        )
