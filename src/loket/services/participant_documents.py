"""The participant's registration letter and card, as PDF bytes ready to preview or print."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from loket.db.engine import Database
from loket.documents.participant_documents import (
    ParticipantDoc,
    participant_card,
    registration_letter,
)
from loket.domain.registration import occupation_name
from loket.keys import qr_signer
from loket.services.actor import Actor
from loket.services.audit import append_audit
from loket.services.clock import Clock, system_clock
from loket.services.participants import ParticipantDetail, get_participant
from loket.services.permissions import Permission, require
from loket.services.place import letterhead, require_home_branch


def _doc(d: ParticipantDetail, registered_on_tz: ZoneInfo) -> ParticipantDoc:
    return ParticipantDoc(
        kpj=d.kpj,
        nik=d.nik,
        full_name=d.full_name,
        birth_place=d.birth_place,
        birth_date=d.birth_date,
        sex=d.sex,
        address=d.address,
        occupation=occupation_name(d.occupation),
        segment=d.segment,
        programs=d.programs,
        declared_income=d.declared_income,
        registered_on=d.registered_at.astimezone(registered_on_tz).date(),
    )


def participant_document(
    db: Database, actor: Actor, participant_id: int, kind: str, *, clock: Clock = system_clock
) -> bytes:
    """``kind`` is ``"letter"`` (surat keterangan pendaftaran) or ``"card"`` (kartu
    peserta). Issuing one is audited: who printed whose personal data, and when."""
    require(actor, Permission.SERVE_COUNTER)
    if kind not in ("letter", "card"):
        raise ValueError(f"unknown participant document {kind!r}")
    detail = get_participant(db, actor, participant_id)
    with db.transaction() as session:
        branch = require_home_branch(session)
        tz = ZoneInfo(branch.timezone)
        head = letterhead(session, branch, qr_signer(branch.code))
        place = branch.name.removeprefix("KC ").strip()
        append_audit(
            session,
            actor,
            f"document.{kind}_issued",
            f"participant:{participant_id}",
            {"kpj": detail.kpj},
            clock=clock,
        )
    today = clock().astimezone(tz).date()
    doc = _doc(detail, tz)
    if kind == "letter":
        return registration_letter(
            head, doc, staff_name=actor.full_name, place=place, issued_on=today
        )
    return participant_card(head, doc, issued_on=today)
