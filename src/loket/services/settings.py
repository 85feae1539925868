"""Branch-wide settings stored in the database, each with its default and its check.

A setting the central server publishes (a ``setting/KEY`` reference document, synced down)
is in force instead of the branch's own value, and cannot be changed at the branch."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import ReferenceDocument, Setting
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.settings import (  # the settings themselves, shared with the server
    ALLOW_HTTP_ENV,
    PUBLISHED_KIND,
    SETTINGS,
    server_url_ok,
)
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, ValidationError
from loket.services.permissions import Permission, require

__all__ = ["ALLOW_HTTP_ENV", "PUBLISHED_KIND", "SETTINGS", "server_url_ok"]  # re-exported
log = logging.getLogger(__name__)


def _published(session: Session, key: str) -> tuple[Any, datetime] | None:
    """The value the central server published for ``key``, if it did and Loket accepts it."""
    row = session.get(ReferenceDocument, f"{PUBLISHED_KIND}/{key}")
    if row is None or row.kind != PUBLISHED_KIND:
        return None
    try:
        value = json.loads(row.body)
    except ValueError:
        value = None
    if value is None:  # withdrawn (loket-server publish-setting --withdraw)
        return None
    if not SETTINGS[key].publishable:  # set by the branch's admin alone
        log.warning("published setting %s ignored: not one the server sets", key)
        return None
    if not SETTINGS[key].valid(value):  # never a value the branch would refuse
        log.warning("published setting %s ignored: not a valid value", key)
        return None
    return value, row.published_at


def _branch_value(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    return json.loads(row.value) if row else SETTINGS[key].default


def read_setting(session: Session, key: str) -> Any:
    """A setting, read in the caller's transaction: the server's, else the branch's."""
    published = _published(session, key)
    return published[0] if published is not None else _branch_value(session, key)


def get_setting(db: Database, key: str) -> Any:
    with db.reader() as session:
        return read_setting(session, key)


@dataclass(frozen=True)
class SettingState:
    key: str
    value: Any  # the one in force
    default: Any
    published_at: datetime | None  # set: the central server decides it (read only here)


def list_settings(db: Database) -> list[SettingState]:
    """Every setting with the value in force and whether the central server sets it."""
    with db.reader() as session:
        states = []
        for key, spec in SETTINGS.items():
            published = _published(session, key)
            if published is not None:
                states.append(SettingState(key, published[0], spec.default, published[1]))
            else:
                states.append(SettingState(key, _branch_value(session, key), spec.default, None))
        return states


def check_setting(key: str, value: Any) -> None:
    """Raises the setting's own message, at ``key``, for a value it does not allow."""
    spec = SETTINGS[key]
    if not spec.valid(value):
        raise ValidationError(spec.message, field=key)


def set_setting(
    db: Database, actor: Actor, key: str, value: Any, *, clock: Clock = system_clock
) -> None:
    require(actor, Permission.CHANGE_BRANCH_SETTINGS)
    spec = SETTINGS[key]
    check_setting(key, value)
    with db.transaction() as session:
        if _published(session, key) is not None:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Pengaturan ini ditetapkan oleh server pusat dan tidak dapat diubah di cabang.",
                ),
                field=key,
            )
        row = session.get(Setting, key)
        old = json.loads(row.value) if row else spec.default
        if old == value:
            return
        if row is None:
            session.add(Setting(key=key, value=json.dumps(value)))
        else:
            row.value = json.dumps(value)
        record_change(
            session,
            actor,
            "setting.changed",
            f"setting:{key}",
            {"old": old, "new": value},
            clock=clock,
        )


def published_rules(db: Database) -> list[tuple[str, datetime]]:
    """The tariff tables, dues reliefs and arrears rules the central server published
    (they take effect by their own dates; see ``domain.tariffs``)."""
    with db.reader() as session:
        rows = session.execute(
            select(ReferenceDocument.name, ReferenceDocument.published_at)
            .where(ReferenceDocument.kind == "tariff")
            .order_by(ReferenceDocument.name)
        )
        return [(name.removeprefix("tariff/"), at) for name, at in rows]
