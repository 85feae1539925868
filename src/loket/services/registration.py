"""Walk-in registration of a worker: checks, duplicate detection, KPJ allocation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from loket.db import coverage_tally
from loket.db.engine import Database
from loket.db.models import Heir, Participant, Sponsor
from loket.db.sequences import next_number
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.domain.heirs import EducationLevel, Relation
from loket.domain.kpj import make_kpj
from loket.domain.names import clean_name, fold_name, names_similar
from loket.domain.nik import parse_nik
from loket.domain.phone import InvalidPhone, normalize_phone
from loket.domain.provinces import province_by_code
from loket.domain.registration import (
    Program,
    Segment,
    check_birth_date,
    check_occupation,
    check_programs,
)
from loket.domain.states import ParticipantStatus
from loket.domain.tariffs import Published, check_bpu_income
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, NotFound, ValidationError
from loket.services.four_eyes import Override, confirm_override
from loket.services.permissions import Permission, require
from loket.services.place import local_date, require_home_branch
from loket.services.sync import published_tariffs, registered_elsewhere
from loket.services.text_fields import column_text

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_NPP = re.compile(r"\d{8}")
_SEGMENTS: dict[str, Segment] = {s.value: s for s in Segment}  # a member finds itself too


@dataclass(frozen=True)
class HeirInput:
    name: str
    relation: Relation | str
    nik: str = ""
    birth_date: date | None = None
    education_level: EducationLevel | str = EducationLevel.NONE


@dataclass(slots=True)  # not frozen: that costs 1.7 µs a row, which a bulk import pays
class RegistrationInput:
    nik: str
    full_name: str
    birth_place: str
    birth_date: date
    sex: str
    address: str
    province_code: str
    phone: str
    occupation: str
    segment: Segment | str = Segment.BPU
    declared_income: int | None = None
    programs: frozenset[str] = frozenset({Program.JKK, Program.JKM})
    regency: str = ""
    email: str = ""
    npp: str = ""
    heirs: Sequence[HeirInput] = ()
    sponsor_id: int | None = None


@dataclass(frozen=True)
class Registered:
    participant_id: int
    kpj: str
    full_name: str


@dataclass(frozen=True)
class SimilarParticipant:
    participant_id: int
    kpj: str
    full_name: str
    birth_date: date


class DuplicateNik(Conflict):
    """The NIK is registered already; ``participant_id`` opens that participant."""

    def __init__(self, participant_id: int, kpj: str, full_name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("LoketError", "NIK ini sudah terdaftar: {name}, KPJ {kpj}."),
            field="nik",
            name=full_name,
            kpj=kpj,
        )
        self.participant_id = participant_id


class RegisteredElsewhere(Conflict):
    """Another branch registered the NIK (known from the central server)."""

    def __init__(self, kpj: str, branch_code: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "NIK ini sudah terdaftar di cabang {branch}: KPJ {kpj}. "
                "Jangan didaftarkan lagi; layani dengan KPJ itu.",
            ),
            field="nik",
            kpj=kpj,
            branch=branch_code,
        )


class NikDateDiffers(ValidationError):
    """The birth date typed is not the NIK's. It may be right — the population registry
    never changes an NIK, and a person may be born on another day than theirs says (PP
    40/2019 art. 30) — so a supervisor may confirm it with their password."""

    def __init__(self, nik_date: date) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Tanggal lahir tidak sama dengan NIK ({date}). Jika tanggal lahir ini benar "
                "(NIK tidak pernah diubah), supervisor menyetujuinya dengan kata sandinya.",
            ),
            field="birth_date",
            date=nik_date.strftime("%d-%m-%Y"),
        )


class PossibleDuplicate(LoketError):
    """Someone with a very similar name and the same birth date exists: the staff must
    confirm this is another person (``acknowledge_similar=True``)."""

    def __init__(self, matches: list[SimilarParticipant]) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Ada peserta dengan nama mirip dan tanggal lahir sama: {names}. "
                "Pastikan ini orang yang berbeda.",
            ),
            field="full_name",
            names="; ".join(f"{m.full_name} (KPJ {m.kpj})" for m in matches),
        )
        self.matches = matches


def check_heir(heir: HeirInput, today: date) -> Heir:
    try:
        relation = Relation(heir.relation)
        level = EducationLevel(heir.education_level)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "LoketError", "Hubungan atau jenjang pendidikan ahli waris tidak dikenal."
            ),
            field="heirs",
        ) from None
    nik = parse_nik(heir.nik, today=today).nik if heir.nik.strip() else ""
    if heir.birth_date is not None:
        check_birth_date(heir.birth_date, today)
    return Heir(
        name=clean_name(heir.name, field="heirs"),
        relation=relation.value,
        nik=nik,
        birth_date=heir.birth_date,
        education_level=level.value if relation is Relation.CHILD else "",
    )


def validate(
    data: RegistrationInput,
    today: date,
    tariffs: Published = (),
    *,
    date_may_differ: bool = False,
) -> dict[str, Any]:
    """Every rule that needs no database; raises the first mistake at its field. Returns
    the participant's column values (heirs are checked by :func:`validate_heirs`). A birth
    date other than the NIK's is refused (:class:`NikDateDiffers`) unless
    ``date_may_differ`` (a supervisor confirmed it, or the central office's data says so)."""
    info = parse_nik(data.nik, today=today)
    check_birth_date(data.birth_date, today)
    if data.birth_date != info.birth_date and not date_may_differ:
        raise NikDateDiffers(info.birth_date)
    if data.sex not in ("L", "P"):
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Jenis kelamin belum dipilih."), field="sex"
        )
    if data.sex != info.sex:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Jenis kelamin tidak sama dengan NIK."), field="sex"
        )
    full_name = clean_name(data.full_name)
    birth_place = column_text(
        Participant.birth_place,
        data.birth_place,
        field="birth_place",
        required=QT_TRANSLATE_NOOP("LoketError", "Tempat lahir belum diisi."),
    )
    address = column_text(
        Participant.address,
        data.address,
        field="address",
        required=QT_TRANSLATE_NOOP("LoketError", "Alamat belum diisi."),
    )
    if province_by_code(data.province_code) is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Provinsi belum dipilih."), field="province"
        )
    regency = column_text(Participant.regency, data.regency, field="regency")
    phone = normalize_phone(data.phone)
    email = (data.email or "").strip()
    if email and (not _EMAIL.fullmatch(email) or len(email) > 254):
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Alamat e-mail tidak valid."), field="email"
        )
    occupation = check_occupation(data.occupation)
    segment = _SEGMENTS.get(data.segment)  # a dict: Segment(...) costs a bulk import 1 µs a row
    if segment is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Segmen kepesertaan tidak dikenal."), field="segment"
        )
    income = data.declared_income
    if segment is Segment.BPU:
        if income is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP("LoketError", "Penghasilan belum diisi."),
                field="declared_income",
            )
        check_bpu_income(income, on=today, published=tariffs)
    npp = (data.npp or "").strip()
    if segment is Segment.PU and not _NPP.fullmatch(npp):
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "NPP perusahaan harus 8 angka."), field="npp"
        )
    programs = check_programs(data.programs)
    return {
        "nik": info.nik,
        "full_name": full_name,
        "name_search": fold_name(full_name),
        "birth_place": birth_place,
        "birth_date": data.birth_date,
        "sex": info.sex,
        "address": address,
        "province_code": data.province_code,
        "regency": regency,
        "phone": phone,
        "email": email,
        "occupation": occupation,
        "segment": segment.value,
        "npp": npp if segment is Segment.PU else "",
        "declared_income": income,
        "programs": ",".join(programs),  # Program is a StrEnum
        "status": ParticipantStatus.ACTIVE.value,
        "sponsor_id": data.sponsor_id,
    }


def _similar(session: Session, candidate: Participant) -> list[SimilarParticipant]:
    rows = session.execute(
        select(Participant.id, Participant.kpj, Participant.full_name, Participant.birth_date)
        .where(Participant.birth_date == candidate.birth_date)
        .limit(500)
    )
    return [SimilarParticipant(*r) for r in rows if names_similar(r[2], candidate.full_name)]


def allocate_kpj(session: Session, prefix: str) -> str:
    """The next KPJ of the branch's range, in the caller's transaction; numbers that an
    import already holds are skipped."""
    while True:
        kpj = make_kpj(prefix, next_number(session, "kpj", scope=prefix))
        if session.scalar(select(Participant.id).where(Participant.kpj == kpj)) is None:
            return kpj


def register_participant(
    db: Database,
    actor: Actor,
    data: RegistrationInput,
    *,
    acknowledge_similar: bool = False,
    nik_date_override: Override | None = None,
    clock: Clock = system_clock,
) -> Registered:
    """``nik_date_override``: a supervisor's consent to a birth date other than the NIK's
    (after :class:`NikDateDiffers`), recorded in the audit trail."""
    require(actor, Permission.SERVE_COUNTER)
    approver = (
        confirm_override(db, actor, nik_date_override, clock=clock)
        if nik_date_override is not None
        else None
    )
    now = clock()
    with db.transaction() as session:
        branch = require_home_branch(session)
        today = local_date(branch, now)
        values = validate(
            data, today, published_tariffs(session), date_may_differ=approver is not None
        )
        participant = Participant(**values)
        confirmed: dict[str, str] = {}  # a birth date other than the NIK's, and who said so
        if approver is not None:
            nik_date = parse_nik(participant.nik, today=today).birth_date
            if nik_date != participant.birth_date:
                confirmed = {
                    "nik_date": nik_date.isoformat(),
                    "date_confirmed_by": approver.username,
                }
        participant.heirs = [check_heir(h, today) for h in data.heirs]
        if branch.kpj_prefix is None:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Cabang belum punya awalan KPJ: admin mengaturnya dengan "
                    "'loket-admin branch set-kpj-prefix'.",
                )
            )
        existing = session.execute(
            select(Participant.id, Participant.kpj, Participant.full_name).where(
                Participant.nik == participant.nik
            )
        ).first()
        if existing is not None:
            raise DuplicateNik(*existing)
        if (elsewhere := registered_elsewhere(session, participant.nik)) is not None:
            raise RegisteredElsewhere(elsewhere.kpj, elsewhere.branch_code)
        if not acknowledge_similar and (matches := _similar(session, participant)):
            raise PossibleDuplicate(matches)
        if data.sponsor_id is not None and session.get(Sponsor, data.sponsor_id) is None:
            raise NotFound(
                QT_TRANSLATE_NOOP("LoketError", "Pemberi kerja/sponsor tidak ditemukan."),
                field="sponsor",
            )
        participant.kpj = allocate_kpj(session, branch.kpj_prefix)
        participant.branch_code = branch.code
        participant.registered_at = now
        participant.registered_by = actor.username
        session.add(participant)
        session.flush()
        if participant.segment == coverage_tally.COUNTED:
            coverage_tally.registered(session, [now], ZoneInfo(branch.timezone))
        record_change(
            session,
            actor,
            "participant.registered",
            f"participant:{participant.id}",
            {
                "kpj": participant.kpj,
                "nik": participant.nik,
                "full_name": participant.full_name,
                "birth_date": participant.birth_date.isoformat(),
                "segment": participant.segment,
                "programs": participant.programs,
                "sponsor_id": participant.sponsor_id,
                "heirs": len(participant.heirs),
                "similar_acknowledged": acknowledge_similar,
                **confirmed,
            },
            clock=clock,
        )
        return Registered(participant.id, participant.kpj, participant.full_name)


@dataclass(frozen=True)
class SponsorInput:
    kind: str  # "person" or "organisation"
    name: str
    contact_name: str = ""
    phone: str = ""
    address: str = ""
    # where the dues it pays come from: "private", or a state/regional budget ("APBN",
    # "APBD"), which pays the full rate under PP 50/2025's relief
    funding: str = "private"


SPONSOR_FUNDING = ("private", "APBN", "APBD")


def add_sponsor(
    db: Database, actor: Actor, data: SponsorInput, *, clock: Clock = system_clock
) -> int:
    """*Sertakan*: the person or organisation that registers (and pays for) other workers."""
    require(actor, Permission.SERVE_COUNTER)
    if data.kind not in ("person", "organisation"):
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Jenis sponsor harus perorangan atau organisasi."),
            field="sponsor_kind",
        )
    if data.funding not in SPONSOR_FUNDING:
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Sumber dana sponsor harus swasta, APBN atau APBD."),
            field="sponsor_funding",
        )
    name = clean_name(data.name, field="sponsor_name")
    try:
        phone = normalize_phone(data.phone) if data.phone.strip() else ""
    except InvalidPhone as exc:
        exc.field = "sponsor_phone"
        raise
    with db.transaction() as session:
        sponsor = Sponsor(
            kind=data.kind,
            name=name,
            contact_name=column_text(
                Sponsor.contact_name, data.contact_name, field="sponsor_contact"
            ),
            phone=phone,
            address=column_text(Sponsor.address, data.address, field="sponsor_address"),
            created_at=clock(),
            funding=data.funding,
        )
        session.add(sponsor)
        session.flush()
        record_change(
            session,
            actor,
            "sponsor.added",
            f"sponsor:{sponsor.id}",
            {"kind": data.kind, "name": name, "funding": data.funding},
            clock=clock,
        )
        return sponsor.id
