"""Benefits by rule: JKM, scholarships, JKK death, JHT — pure functions, no database.

Legal basis: PP 44/2015 on JKK and JKM as amended by PP 82/2019 (amounts of JKM, the
JKK death benefit, funeral costs, periodic benefit and scholarships); PP 46/2015 as
amended by PP 60/2015 and Permenaker 4/2022 (JHT payout). Each result records the rule
version it was computed under, so a claim decided today still reads the same after a
new regulation. Amounts and conditions: ``domain.md`` §3; the BPU minimum contribution
period for JKM is provisional and a branch setting.

Every function returns a :class:`BenefitResult` — components with their amounts and
legal basis — or raises :class:`IneligibleClaim` with the reason in words.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from loket.domain.coverage import add_months, month_of
from loket.domain.dates import full_years
from loket.domain.errors import QT_TRANSLATE_NOOP, DomainValueError
from loket.domain.heirs import Relation
from loket.domain.money import format_rupiah

RULE_VERSION = "PP 82/2019"
BASIS_JKM = "PP 44/2015 jo. PP 82/2019 (JKM)"
BASIS_JKK = "PP 44/2015 jo. PP 82/2019 (JKK)"
BASIS_SCHOLARSHIP = "PP 44/2015 jo. PP 82/2019 (beasiswa)"
BASIS_JHT = "PP 46/2015 jo. PP 60/2015; Permenaker 4/2022 (JHT)"

JKM_LUMP_SUM = 20_000_000
PERIODIC_MONTHS, PERIODIC_MONTHLY = 24, 500_000  # paid at once: Rp12.000.000
FUNERAL = 10_000_000
JKK_DEATH_WAGE_MULTIPLE = 48
SCHOLARSHIP_MIN_MEMBERSHIP_YEARS = 3
SCHOLARSHIP_MAX_CHILDREN = 2
SCHOLARSHIP_MAX_AGE = 23
JHT_FULL_AGE = 56
JHT_PARTIAL_MIN_YEARS = 10
JKM_MIN_PAID_MONTHS = 3  # provisional: the branch setting ``jkm_min_paid_months`` overrides


class IneligibleClaim(DomainValueError):
    """The claim cannot be paid under the rules; the message says why."""


class BenefitType(StrEnum):
    JKM = "JKM"  # death not caused by work
    JKK = "JKK"  # death from a work accident
    JHT = "JHT"
    BEASISWA = "BEASISWA"  # scholarship on its own (e.g. after total disability)


class Stage(StrEnum):
    """Where a child is at school; TK and SD share one scholarship band of 8 years."""

    TK = "TK"
    SD = "SD"
    SMP = "SMP"
    SMA = "SMA"
    PT = "PT"  # perguruan tinggi / pelatihan


# (stage, years in the stage, amount per year) in the order a child goes through them.
# TK 2 + SD 6 = the 8 years of the TK/SD band at Rp1.500.000; SMP 3 × Rp2.000.000;
# SMA 3 × Rp3.000.000; higher education or training 5 × Rp12.000.000.
SCHOOL_STAGES: tuple[tuple[Stage, int, int], ...] = (
    (Stage.TK, 2, 1_500_000),
    (Stage.SD, 6, 1_500_000),
    (Stage.SMP, 3, 2_000_000),
    (Stage.SMA, 3, 3_000_000),
    (Stage.PT, 5, 12_000_000),
)
STAGE_YEARS = {stage: years for stage, years, _ in SCHOOL_STAGES}


class JhtReason(StrEnum):
    AGE_56 = "age_56"
    STOPPED_WORKING = "stopped_working"  # after a waiting period of one month
    LEFT_COUNTRY = "left_country"
    TOTAL_DISABILITY = "total_disability"
    DEATH = "death"
    PARTIAL_RETIREMENT = "partial_10"  # 10 %: preparing for retirement, once
    PARTIAL_HOUSING = "partial_30"  # 30 %: housing, once


JHT_PARTIAL_PERCENT = {JhtReason.PARTIAL_RETIREMENT: 10, JhtReason.PARTIAL_HOUSING: 30}


@dataclass(frozen=True)
class Component:
    code: str
    label: str  # Indonesian, as printed on the handover record
    amount: int
    basis: str
    payable_now: int | None = None  # scholarships: this year's part; None = all of it

    @property
    def now(self) -> int:
        return self.amount if self.payable_now is None else self.payable_now


@dataclass(frozen=True)
class Child:
    name: str
    birth_date: date
    stage: Stage
    grade: int  # 1 = first year of the stage


@dataclass(frozen=True)
class ScheduleEntry:
    child: str
    year: int  # calendar year of the payment
    stage: Stage
    grade: int
    amount: int


@dataclass(frozen=True)
class BenefitResult:
    benefit: BenefitType
    components: tuple[Component, ...]
    rule_version: str = RULE_VERSION
    schedule: tuple[ScheduleEntry, ...] = ()

    @property
    def total(self) -> int:
        return sum(c.amount for c in self.components)

    @property
    def payable_now(self) -> int:
        """What is paid out now; later scholarship years are paid year by year."""
        return sum(c.now for c in self.components)


# -- shared checks ----------------------------------------------------------------
def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def paid_months_up_to(covered: Collection[date], month: date) -> int:
    """Consecutive covered months ending with ``month`` (first days of months)."""
    count, at = 0, month_of(month)
    while at in covered:
        count += 1
        at = add_months(at, -1)
    return count


def check_event_date(event: date, *, registered_on: date, today: date) -> None:
    if event > today:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal kejadian tidak boleh di masa depan."),
            field="event_date",
        )
    if event < registered_on:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Tanggal kejadian sebelum peserta terdaftar ({registered}).",
            ),
            field="event_date",
            registered=registered_on.strftime("%d-%m-%Y"),
        )


def _require_covered(event: date, covered: Collection[date]) -> None:
    if month_of(event) not in covered:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Iuran bulan {month} tidak dibayar: peserta tidak terlindungi saat kejadian.",
            ),
            field="event_date",
            month=event.strftime("%m/%Y"),
        )


def _death_components(basis: str) -> tuple[Component, ...]:
    return (
        Component(
            "periodic",
            f"Santunan berkala {PERIODIC_MONTHS} × Rp500.000 (dibayar sekaligus)",
            PERIODIC_MONTHS * PERIODIC_MONTHLY,
            basis,
        ),
        Component("funeral", "Biaya pemakaman", FUNERAL, basis),
    )


# -- JKM ---------------------------------------------------------------------------
def jkm(
    *,
    registered_on: date,
    death_date: date,
    covered_months: Collection[date],
    today: date,
    min_paid_months: int = JKM_MIN_PAID_MONTHS,
) -> BenefitResult:
    """Death not caused by work: Rp20.000.000 lump sum + 24 × Rp500.000 periodic benefit
    paid at once + Rp10.000.000 funeral costs = Rp42.000.000. The month of death must be
    paid, after at least ``min_paid_months`` consecutive paid months."""
    check_event_date(death_date, registered_on=registered_on, today=today)
    _require_covered(death_date, covered_months)
    paid = paid_months_up_to(covered_months, death_date)
    if paid < min_paid_months:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "JKM baru dapat dibayar setelah {required} bulan iuran berturut-turut; "
                "sampai bulan meninggal baru {paid} bulan.",
            ),
            field="event_date",
            required=min_paid_months,
            paid=paid,
        )
    return BenefitResult(
        BenefitType.JKM,
        (
            Component("lump_sum", "Santunan sekaligus", JKM_LUMP_SUM, BASIS_JKM),
            *_death_components(BASIS_JKM),
        ),
    )


# -- JKK death -----------------------------------------------------------------------
def jkk_death(
    *,
    declared_income: int,
    registered_on: date,
    death_date: date,
    covered_months: Collection[date],
    today: date,
) -> BenefitResult:
    """Death from a work accident: 48 × the reported monthly wage (for BPU the declared
    income) + Rp10.000.000 funeral + Rp12.000.000 periodic benefit. No minimum
    membership; the month of the accident must be paid. Scholarships come on top."""
    check_event_date(death_date, registered_on=registered_on, today=today)
    if declared_income <= 0:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Upah/penghasilan yang dilaporkan tidak ada."),
            field="declared_income",
        )
    _require_covered(death_date, covered_months)
    return BenefitResult(
        BenefitType.JKK,
        (
            Component(
                "jkk_death",
                f"Santunan kematian akibat kecelakaan kerja {JKK_DEATH_WAGE_MULTIPLE} × "
                f"upah {format_rupiah(declared_income)}",
                JKK_DEATH_WAGE_MULTIPLE * declared_income,
                BASIS_JKK,
            ),
            *_death_components(BASIS_JKK),
        ),
    )


# -- scholarships --------------------------------------------------------------------
def _years_ahead(stage: Stage, grade: int) -> list[tuple[Stage, int, int]]:
    """(stage, grade, amount) for this year and every later year of schooling."""
    out, started = [], False
    for s, years, amount in SCHOOL_STAGES:
        if s == stage:
            started = True
            out += [(s, g, amount) for g in range(grade, years + 1)]
        elif started:
            out += [(s, g, amount) for g in range(1, years + 1)]
    return out


def scholarship_schedule(
    children: Sequence[Child],
    *,
    registered_on: date,
    event_date: date,
    today: date,
    work_accident: bool = False,
) -> BenefitResult:
    """For at most two children of a participant who died or became permanently totally
    disabled after at least 3 years of membership (no minimum after a work accident):
    a payment per child per year by level, from the current level and year on, each
    level for at most its years, while the child is at most 23. The result holds the
    schedule per child per year; each child's component is the whole entitlement, of
    which this year's payment is paid now."""
    check_event_date(event_date, registered_on=registered_on, today=today)
    if not children:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Tambahkan anak yang menerima beasiswa."),
            field="children",
        )
    if len(children) > SCHOLARSHIP_MAX_CHILDREN:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Beasiswa paling banyak untuk {max} anak."),
            field="children",
            max=SCHOLARSHIP_MAX_CHILDREN,
        )
    membership = full_years(registered_on, event_date)
    if not work_accident and membership < SCHOLARSHIP_MIN_MEMBERSHIP_YEARS:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Beasiswa memerlukan kepesertaan paling sedikit {required} tahun; "
                "peserta baru {years} tahun.",
            ),
            field="event_date",
            required=SCHOLARSHIP_MIN_MEMBERSHIP_YEARS,
            years=membership,
        )
    components, schedule = [], []
    for child in children:
        if not 1 <= child.grade <= STAGE_YEARS[child.stage]:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP(
                    "LoketError", "{name}: {stage} hanya kelas/tahun 1 sampai {years}."
                ),
                field="children",
                name=child.name,
                stage=child.stage.value,
                years=STAGE_YEARS[child.stage],
            )
        age = full_years(child.birth_date, today)
        if age > SCHOLARSHIP_MAX_AGE:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP(
                    "LoketError", "{name} berusia {age} tahun: beasiswa sampai usia {max} tahun."
                ),
                field="children",
                name=child.name,
                age=age,
                max=SCHOLARSHIP_MAX_AGE,
            )
        entries = [
            ScheduleEntry(child.name, today.year + k, stage, grade, amount)
            for k, (stage, grade, amount) in enumerate(_years_ahead(child.stage, child.grade))
            if full_years(child.birth_date, add_years(today, k)) <= SCHOLARSHIP_MAX_AGE
        ]
        schedule += entries
        components.append(
            Component(
                "scholarship",
                f"Beasiswa {child.name} ({child.stage.value} {child.grade}, {len(entries)} tahun)",
                sum(e.amount for e in entries),
                BASIS_SCHOLARSHIP,
                payable_now=entries[0].amount,
            )
        )
    return BenefitResult(BenefitType.BEASISWA, tuple(components), schedule=tuple(schedule))


# -- JHT -------------------------------------------------------------------------------
def jht(
    *,
    balance: int,
    statement_date: date,
    reason: JhtReason,
    birth_date: date,
    registered_on: date,
    event_date: date,
    today: date,
    partial_taken: bool = False,
) -> BenefitResult:
    """The balance as the central statement gives it (contributions + returns), paid in
    full for age 56, stopping work (after one month's wait), leaving Indonesia for good,
    permanent total disability or death; or 10 % / 30 % once, while still working, after
    at least 10 years of membership. ``event_date``: the day the reason arose (stopping
    work, death, …; for age and partial payouts the day of the claim)."""
    if balance <= 0:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Isi saldo JHT dari rincian saldo pusat."),
            field="jht_balance",
        )
    if statement_date > today:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP("LoketError", "Tanggal rincian saldo tidak boleh di masa depan."),
            field="jht_statement_date",
        )
    check_event_date(event_date, registered_on=registered_on, today=today)
    if reason is JhtReason.AGE_56 and full_years(birth_date, today) < JHT_FULL_AGE:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError", "Peserta belum berusia {age} tahun (usia sekarang {now})."
            ),
            field="jht_reason",
            age=JHT_FULL_AGE,
            now=full_years(birth_date, today),
        )
    if reason is JhtReason.STOPPED_WORKING:
        waited_until = add_month(event_date)
        if today < waited_until:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "JHT karena berhenti bekerja dapat diajukan mulai {date} "
                    "(masa tunggu satu bulan).",
                ),
                field="event_date",
                date=waited_until.strftime("%d-%m-%Y"),
            )
    percent = JHT_PARTIAL_PERCENT.get(reason, 100)
    if percent < 100:
        years = full_years(registered_on, today)
        if years < JHT_PARTIAL_MIN_YEARS:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Pengambilan sebagian JHT memerlukan kepesertaan {required} tahun; "
                    "peserta baru {years} tahun.",
                ),
                field="jht_reason",
                required=JHT_PARTIAL_MIN_YEARS,
                years=years,
            )
        if partial_taken:
            raise IneligibleClaim(
                QT_TRANSLATE_NOOP("LoketError", "JHT sebagian sudah pernah diambil: hanya sekali."),
                field="jht_reason",
            )
    label = f"Saldo JHT per {statement_date.strftime('%d-%m-%Y')}"
    if percent < 100:
        label = (
            f"{percent}% dari saldo JHT {format_rupiah(balance)} per "
            f"{statement_date.strftime('%d-%m-%Y')}"
        )
    return BenefitResult(
        BenefitType.JHT, (Component("jht", label, balance * percent // 100, BASIS_JHT),)
    )


def add_month(day: date) -> date:
    """The same day one month later (the last day of that month if it is shorter)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError(day)


# -- heirs -----------------------------------------------------------------------------
# Order of entitlement: 1. widow/widower and children; 2. parents, then grandchildren;
# 3. siblings; 4. parents-in-law; 5. whoever the participant named in a will.
HEIR_RANK = {
    Relation.SPOUSE: 1,
    Relation.CHILD: 1,
    Relation.PARENT: 2,
    Relation.GRANDCHILD: 3,
    Relation.SIBLING: 4,
    Relation.PARENT_IN_LAW: 5,
    Relation.NAMED_IN_WILL: 6,
}


@dataclass(frozen=True)
class HeirRef:
    name: str
    relation: Relation


def entitled_heirs(heirs: Sequence[HeirRef]) -> list[HeirRef]:
    """The heirs first in the order of entitlement among those recorded."""
    if not heirs:
        return []
    first = min(HEIR_RANK[h.relation] for h in heirs)
    return [h for h in heirs if HEIR_RANK[h.relation] == first]


def check_claimant(claimant: HeirRef, heirs: Sequence[HeirRef]) -> None:
    """The claimant must be among the first entitled heirs; else say who is."""
    entitled = entitled_heirs([*heirs, claimant])
    if claimant not in entitled:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError", "{name} bukan ahli waris yang berhak. Yang berhak: {entitled}."
            ),
            field="claimant",
            name=claimant.name,
            entitled=", ".join(h.name for h in entitled),
        )


# -- documents -------------------------------------------------------------------------
DOCUMENTS: dict[str, str] = {
    "kpj_card": "Kartu peserta (KPJ)",
    "death_certificate": "Akta/surat keterangan kematian",
    "heir_ktp": "KTP ahli waris",
    "participant_ktp": "KTP peserta",
    "family_card": "Kartu keluarga (KK)",
    "heir_statement": "Surat keterangan ahli waris",
    "bank_book": "Buku tabungan penerima",
    "accident_report": "Laporan kecelakaan kerja (pemberi kerja/kepolisian)",
    "birth_certificate": "Akta kelahiran anak",
    "school_statement": "Surat keterangan sekolah tahun berjalan",
    "disability_statement": "Surat keterangan dokter: cacat total tetap",
    "stop_work_proof": "Bukti berhenti bekerja",
    "leaving_proof": "Bukti pindah ke luar negeri (paspor/visa)",
    "npwp": "NPWP",
}
JHT_NPWP_ABOVE = 50_000_000  # provisional: NPWP asked for larger balances (tax)


def required_documents(
    benefit: BenefitType,
    *,
    with_scholarship: bool = False,
    jht_reason: JhtReason | None = None,
    jht_balance: int = 0,
) -> tuple[str, ...]:
    """The documents checklist for a claim (codes of :data:`DOCUMENTS`)."""
    death = ("kpj_card", "death_certificate", "heir_ktp", "family_card", "heir_statement")
    if benefit is BenefitType.JKM:
        docs = [*death, "bank_book"]
    elif benefit is BenefitType.JKK:
        docs = [*death, "accident_report", "bank_book"]
    elif benefit is BenefitType.BEASISWA:
        docs = ["kpj_card", "family_card", "heir_ktp", "bank_book"]
    else:
        if jht_reason is JhtReason.DEATH:
            docs = [*death, "bank_book"]
        else:
            docs = ["kpj_card", "participant_ktp", "family_card", "bank_book"]
            docs += {
                JhtReason.STOPPED_WORKING: ["stop_work_proof"],
                JhtReason.LEFT_COUNTRY: ["leaving_proof"],
                JhtReason.TOTAL_DISABILITY: ["disability_statement"],
            }.get(jht_reason, [])  # type: ignore[arg-type]
        if jht_balance > JHT_NPWP_ABOVE:
            docs.append("npwp")
    if with_scholarship or benefit is BenefitType.BEASISWA:
        docs += ["birth_certificate", "school_statement"]
    return tuple(docs)
