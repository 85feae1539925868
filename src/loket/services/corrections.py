"""Correcting a participant's data.

Contact and work details change at once. Identity data — NIK, name, birth date, sex —
changes only when a supervisor who did not ask for it approves, re-entering their
password; until then it waits as a correction request. Either way the audit trail keeps
the old and the new values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db.engine import Database
from loket.db.models import CorrectionRequest, Participant
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.names import clean_name, fold_name
from loket.domain.nik import InvalidNik, parse_nik
from loket.domain.phone import normalize_phone
from loket.domain.provinces import province_by_code
from loket.domain.registration import Segment, check_occupation
from loket.domain.states import CorrectionStatus
from loket.domain.tariffs import Published, check_bpu_income
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, ValidationError
from loket.services.four_eyes import begin_decision, require_other_person
from loket.services.permissions import Permission, require
from loket.services.place import local_date, require_home_branch
from loket.services.sync import published_tariffs
from loket.services.text_fields import column_text

IDENTITY_FIELDS = ("nik", "full_name", "birth_date", "sex")
DIRECT_FIELDS = (
    "birth_place",
    "address",
    "regency",
    "province_code",
    "phone",
    "email",
    "occupation",
    "declared_income",
)


@dataclass(frozen=True)
class CorrectionOutcome:
    applied: dict[str, Any]  # changed now
    request_id: int | None  # identity changes waiting for a supervisor


@dataclass(frozen=True)
class PendingCorrection:
    id: int
    participant_id: int
    kpj: str
    full_name: str
    changes: dict[str, str]
    old_values: dict[str, str]
    reason: str
    requested_by: str
    requested_at: datetime
    nik_date: str = ""  # the NIK's birth date when the one asked for differs (dd-mm-yyyy)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _check_direct(p: Participant, field: str, value: Any, today: date, tariffs: Published) -> Any:
    if field == "phone":
        return normalize_phone(str(value))
    if field == "occupation":
        return check_occupation(str(value))
    if field == "province_code":
        if province_by_code(str(value)) is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Provinsi belum dipilih."), field="province"
            )
        return str(value)
    if field == "declared_income":
        if p.segment != Segment.BPU:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Penghasilan dilaporkan hanya untuk peserta BPU."),
                field="declared_income",
            )
        return check_bpu_income(int(value), on=today, published=tariffs)
    required = field in ("birth_place", "address")
    return column_text(
        getattr(Participant, field),
        str(value or ""),
        field=field,
        required=QT_TRANSLATE_NOOP("LoketError", "Isian ini wajib diisi.") if required else "",
    )


def _check_identity(
    session: Session, p: Participant, changes: dict[str, Any], today: date
) -> dict[str, Any]:
    """The identity after the change must hang together: a valid NIK not someone else's,
    and its sex. A birth date other than the NIK's may be right (the registry never changes
    an NIK, PP 40/2019 art. 30): the supervisor who approves the change sees it
    (:func:`nik_date_differs`) and confirms it with their password."""
    merged = {f: getattr(p, f) for f in IDENTITY_FIELDS} | changes
    if "full_name" in changes:
        merged["full_name"] = clean_name(str(changes["full_name"]))
    birth = merged["birth_date"]
    if isinstance(birth, str):
        birth = date.fromisoformat(birth)
    info = parse_nik(str(merged["nik"]), today=today)
    if info.sex != merged["sex"]:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Jenis kelamin tidak sama dengan NIK."), field="sex"
        )
    if info.nik != p.nik:
        other = session.scalar(select(Participant.kpj).where(Participant.nik == info.nik))
        if other is not None:
            raise Conflict(
                QT_TRANSLATE_NOOP("LoketError", "NIK {nik} sudah dipakai peserta KPJ {kpj}."),
                field="nik",
                nik=info.nik,
                kpj=other,
            )
    result = {
        "nik": info.nik,
        "full_name": merged["full_name"],
        "birth_date": birth,
        "sex": info.sex,
    }
    return {f: result[f] for f in changes}


def nik_date_differs(p: Participant, changes: dict[str, Any], today: date) -> date | None:
    """The NIK's birth date, when the identity after ``changes`` has another one."""
    merged = {f: getattr(p, f) for f in IDENTITY_FIELDS} | changes
    birth = merged["birth_date"]
    birth = date.fromisoformat(birth) if isinstance(birth, str) else birth
    try:
        nik_date = parse_nik(str(merged["nik"]), today=today).birth_date
    except InvalidNik:
        return None
    return nik_date if nik_date != birth else None


def correct_participant(
    db: Database,
    actor: Actor,
    participant_id: int,
    changes: dict[str, Any],
    *,
    reason: str,
    clock: Clock = system_clock,
) -> CorrectionOutcome:
    require(actor, Permission.SERVE_COUNTER)
    unknown = set(changes) - set(IDENTITY_FIELDS) - set(DIRECT_FIELDS)
    if unknown:
        raise ValueError(f"not correctable here: {sorted(unknown)}")
    reason = column_text(
        CorrectionRequest.reason,
        reason,
        field="reason",
        required=QT_TRANSLATE_NOOP("LoketError", "Tuliskan alasan perubahan."),
    )
    with db.transaction() as session:
        p = session.get(Participant, participant_id)
        if p is None:
            raise NotFound(QT_TRANSLATE_NOOP("LoketError", "Peserta tidak ditemukan."))
        today = local_date(require_home_branch(session), clock())
        tariffs = published_tariffs(session)
        direct = {
            f: _check_direct(p, f, v, today, tariffs)
            for f, v in changes.items()
            if f in DIRECT_FIELDS
        }
        direct = {f: v for f, v in direct.items() if getattr(p, f) != v}
        identity = {f: v for f, v in changes.items() if f in IDENTITY_FIELDS}
        identity = _check_identity(session, p, identity, today)
        identity = {f: v for f, v in identity.items() if getattr(p, f) != v}
        if not direct and not identity:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Tidak ada yang berubah."), field="reason"
            )
        request_id = None
        if direct:
            old = {f: _jsonable(getattr(p, f)) for f in direct}
            for f, v in direct.items():
                setattr(p, f, v)
            record_change(
                session,
                actor,
                "participant.corrected",
                f"participant:{p.id}",
                {"kpj": p.kpj, "old": old, "new": direct, "reason": reason},
                clock=clock,
            )
        if identity:
            if (
                session.scalar(
                    select(CorrectionRequest.id).where(
                        CorrectionRequest.participant_id == p.id,
                        CorrectionRequest.status == CorrectionStatus.PENDING,
                    )
                )
                is not None
            ):
                raise Conflict(
                    QT_TRANSLATE_NOOP(
                        "LoketError",
                        "Sudah ada perubahan data identitas yang menunggu persetujuan.",
                    ),
                    field="reason",
                )
            new = {f: _jsonable(v) for f, v in identity.items()}
            old = {f: _jsonable(getattr(p, f)) for f in identity}
            request = CorrectionRequest(
                participant_id=p.id,
                changes=json.dumps(new),
                old_values=json.dumps(old),
                reason=reason,
                status=CorrectionStatus.PENDING,
                requested_by=actor.username,
                requested_at=clock(),
                decided_by="",
                decision_note="",
            )
            session.add(request)
            session.flush()
            request_id = request.id
            record_change(
                session,
                actor,
                "correction.requested",
                f"correction:{request.id}",
                {"kpj": p.kpj, "old": old, "new": new, "reason": reason},
                clock=clock,
            )
        return CorrectionOutcome({f: _jsonable(v) for f, v in direct.items()}, request_id)


def pending_corrections(
    db: Database, actor: Actor, *, clock: Clock = system_clock
) -> list[PendingCorrection]:
    require(actor, Permission.APPROVE)
    with db.reader() as session:
        rows = session.execute(
            select(CorrectionRequest, Participant.kpj, Participant.full_name)
            .join(Participant, Participant.id == CorrectionRequest.participant_id)
            .where(CorrectionRequest.status == CorrectionStatus.PENDING)
            .order_by(CorrectionRequest.id)
        )
        out = []
        today = local_date(require_home_branch(session), clock())
        for r, kpj, name in rows:
            p = session.get(Participant, r.participant_id)
            assert p is not None
            differs = nik_date_differs(p, json.loads(r.changes), today)
            out.append(
                PendingCorrection(
                    r.id,
                    r.participant_id,
                    kpj,
                    name,
                    json.loads(r.changes),
                    json.loads(r.old_values),
                    r.reason,
                    r.requested_by,
                    r.requested_at,
                    differs.strftime("%d-%m-%Y") if differs else "",
                )
            )
        return out


def _pending(session: Session, request_id: int) -> CorrectionRequest:
    request = session.get(CorrectionRequest, request_id)
    if request is None or request.status != CorrectionStatus.PENDING:
        raise NotFound(
            QT_TRANSLATE_NOOP(
                "LoketError", "Permintaan perubahan ini sudah diputuskan atau tidak ada."
            )
        )
    return request


def decide_correction(
    db: Database,
    actor: Actor,
    request_id: int,
    *,
    approve: bool,
    password: str,
    note: str = "",
    clock: Clock = system_clock,
) -> None:
    """A supervisor approves (the change is applied) or rejects (with a reason the staff
    see) a correction request, after re-entering their own password."""
    note = begin_decision(db, actor, approve=approve, password=password, note=note, clock=clock)
    with db.transaction() as session:
        request = _pending(session, request_id)
        require_other_person(actor, request.requested_by)
        p = session.get(Participant, request.participant_id)
        assert p is not None
        new = json.loads(request.changes)
        request.status = CorrectionStatus.APPROVED if approve else CorrectionStatus.REJECTED
        request.decided_by, request.decided_at, request.decision_note = (
            actor.username,
            clock(),
            note,
        )
        differs = nik_date_differs(p, new, local_date(require_home_branch(session), clock()))
        if approve:
            checked = _check_identity(
                session, p, new, local_date(require_home_branch(session), clock())
            )  # again: may have changed
            for f, v in checked.items():
                setattr(p, f, v)
            p.name_search = fold_name(p.full_name)
        record_change(
            session,
            actor,
            "correction.approved" if approve else "correction.rejected",
            f"correction:{request.id}",
            {
                "kpj": p.kpj,
                "old": json.loads(request.old_values),
                "new": new,
                "requested_by": request.requested_by,
                "note": note,
                # the approver's password confirms a birth date other than the NIK's
                **({"nik_date": differs.isoformat()} if differs else {}),
            },
            clock=clock,
        )
