"""The demo branch a newcomer explores for an hour (``loket-admin demo``): KC Banjarmasin
with a few hundred workers of every segment, six months of dues at Loket 1 (cash,
transfer and QRIS, one receipt voided), a *Sertakan* sponsor paying for its workers,
people paid up, in arrears and lapsed, a JKM claim waiting for the branch head's approval,
one claim already handed over, and today's dues at Loket 1 with the drawer still open.

Everything goes through the services a counter uses, on a fixed random seed: the same
branch every time, relative to today. Names and addresses are made up (Banjar, Dayak and
other Kalimantan names); the NIKs are valid in form and belong to no one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from loket.db.engine import Database
from loket.domain.cash import count_of
from loket.domain.coverage import add_months, month_of
from loket.domain.heirs import Relation
from loket.domain.nik import compose_nik
from loket.domain.states import PaymentMethod
from loket.services import auth, branch, cash_sessions, closing, queue
from loket.services.actor import Actor
from loket.services.claims import (
    ChildInput,
    ClaimInput,
    HandoverInput,
    PayoutInput,
    create_claim,
    decide_claim,
    get_claim,
    pay_claim,
    record_handover,
    submit_claim,
)
from loket.services.clock import Clock, system_clock
from loket.services.demo_people import add_demo_people, in_arrears
from loket.services.participant_import import import_participants
from loket.services.participants import get_participant
from loket.services.payments import Paid, PaymentLine, pay, quote
from loket.services.receipts import decide_void, mark_printed, request_void
from loket.services.registration import (
    HeirInput,
    RegistrationInput,
    SponsorInput,
    add_sponsor,
    register_participant,
)

SEED = 2026
HISTORY_MONTHS = 6
BPU_WALK_INS = 80
FORMAL = 80
CONSTRUCTION = 40
COOPERATIVE = 30

_MEN = (
    "Ahmad",
    "Muhammad",
    "Rahmadi",
    "Anang",
    "Iwan",
    "Syahrani",
    "Gusti Rizky",
    "Fajar",
    "Hendra",
    "Yusuf",
    "Saiful",
    "Masrani",
    "Ariyadi",
    "Hairul",
    "Fahmi",
    "Abdul Hadi",
    "Taufik",
    "Junaidi",
    "Norhadi",
    "Bambang",
    "Dedy",
    "Rusdi",
    "Samsul",
    "Ilham",
    "Dehen",
    "Tingang",
    "Bungai",
    "Liwan",
    "Agustinus",
    "Yohanes",
)
_WOMEN = (
    "Siti",
    "Noorhayati",
    "Rahmah",
    "Aminah",
    "Fitriani",
    "Rusmini",
    "Mariani",
    "Salasiah",
    "Normilawati",
    "Dayang",
    "Masitah",
    "Nurul",
    "Yuliani",
    "Jumiati",
    "Hamidah",
    "Rabiatul",
    "Erna",
    "Lusiana",
    "Maria",
    "Kristina",
)
_FAMILY = (
    "Hidayat",
    "Rahman",
    "Saputra",
    "Fauzi",
    "Maulana",
    "Hakim",
    "Anshari",
    "Effendi",
    "Arsyad",
    "Wahyudi",
    "Kurniawan",
    "Ramadhan",
    "Syarifuddin",
    "Pratama",
    "Hasanah",
    "Lestari",
    "Aulia",
    "Ningsih",
    "Yanti",
    "Noor",
    "Ilmi",
    "Mahdi",
    "Hamdani",
    "Asmuni",
    "Tarigan",
    "Pasaribu",
    "Dinata",
    "Jaya",
    "Sanjaya",
    "Gunawan",
)
# (regency code, name, district codes, streets)
_PLACES = (
    (
        "6371",
        "Kota Banjarmasin",
        ("01", "02", "03", "04", "05"),
        (
            "Jl. Pramuka",
            "Jl. Kelayan B",
            "Jl. Sultan Adam",
            "Jl. Belitung Darat",
            "Jl. Kuin Utara",
            "Jl. Veteran",
            "Jl. Mayjen Sutoyo S",
            "Jl. Teluk Tiram Darat",
        ),
    ),
    (
        "6372",
        "Kota Banjarbaru",
        ("01", "02", "03"),
        ("Jl. A. Yani Km 33", "Jl. Trikora", "Jl. Panglima Batur", "Jl. Golf"),
    ),
    (
        "6303",
        "Kabupaten Banjar",
        ("01", "05", "09"),
        ("Jl. Sekumpul", "Jl. Pasar Martapura", "Jl. Gambut Raya", "Jl. Sungai Tabuk"),
    ),
    (
        "6304",
        "Kabupaten Barito Kuala",
        ("02", "04"),
        ("Jl. Trans Kalimantan", "Jl. Handil Bakti", "Jl. Alalak Padang"),
    ),
    (
        "6301",
        "Kabupaten Tanah Laut",
        ("01", "03"),
        ("Jl. A. Yani Pelaihari", "Jl. Swarangan", "Jl. Pantai Takisung"),
    ),
)
_BPU_WORK = (
    "ojek",
    "ojol",
    "sopir",
    "pedagang",
    "petani",
    "pekebun",
    "nelayan",
    "peternak",
    "buruh_harian",
    "penambang",
    "asisten_rt",
    "kurir",
    "penjahit",
    "montir",
    "pengrajin",
    "guru_honorer",
    "marbot",
)
_INCOMES = (1_000_000, 1_000_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000)
_EMPLOYERS = ("63120045", "63120871", "63121322")  # NPP of three made-up companies
_SERIAL = 7000  # demo NIK serials (7000–7999): no test or import uses them
_JKM_DOCUMENTS = frozenset(
    {"kpj_card", "death_certificate", "heir_ktp", "family_card", "heir_statement", "bank_book"}
)


@dataclass(frozen=True)
class DemoSummary:
    participants: int
    receipts: int
    voided: str  # the receipt number voided in the history
    awaiting_approval: str  # the JKM claim for the branch head
    handed_over: str  # the claim handed over, with its berita acara
    today: list[str]  # today's receipt numbers at Loket 1


class _Branch:
    """The generator's state: the users acting, the random source, and the plan of what
    happens when (run in time order, so receipt numbers follow the clock)."""

    def __init__(self, db: Database, passwords: dict[str, str], clock: Clock) -> None:
        self.db, self.passwords, self.now = db, passwords, clock()
        home = branch.get_home_branch(db)
        assert home is not None
        self.tz = ZoneInfo(home.timezone)
        self.today = self.now.astimezone(self.tz).date()
        counter = branch.list_counters(db)[0].id
        self.staff = auth.login(db, "petugas", passwords["petugas"], counter, clock=clock)
        self.supervisor = auth.login(
            db, "supervisor", passwords["supervisor"], counter, clock=clock
        )
        self.rng = random.Random(SEED)
        self.serial = _SERIAL
        self.receipts = 0
        self.plan: list[tuple[datetime, int, Callable[[], object]]] = []

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """A moment of ``day`` — moved to the next day the demo clerk serves."""
        return datetime.combine(_service_day(day), time(hour, minute), self.tz)

    def then(self, moment: datetime, action: Callable[[Clock], object]) -> None:
        """Plans ``action`` (given a clock showing ``moment``) for ``moment``."""
        self.plan.append((moment, len(self.plan), lambda: action(lambda: moment)))

    def run_plan(self) -> None:
        """Runs the plan in time order; each day's drawer is counted and closed at its end,
        and the last week's days are closed by the supervisor, as a branch does."""
        by_day: dict[date, list[tuple[datetime, int, Callable[[], object]]]] = {}
        for item in self.plan:
            by_day.setdefault(item[0].date(), []).append(item)
        for day in sorted(d for d in by_day if d < self.today):
            for _, _, action in sorted(by_day[day], key=lambda item: item[:2]):
                action()
            drawer = cash_sessions.current_session(self.db, self.staff)
            if drawer is not None:
                cash_sessions.close_session(
                    self.db,
                    self.staff,
                    drawer.id,
                    count_of(drawer.balance.expected),
                    clock=self.clock_at(day, 16),
                )
            if (self.today - day).days <= 7:
                closing.close_day(
                    self.db,
                    self.supervisor,
                    day,
                    password=self.passwords["supervisor"],
                    clock=self.clock_at(day, 16, 30),
                )

    def person(self, sex: str, born: date) -> tuple[str, str, str, str, str]:
        """A made-up (name, NIK, address, regency, phone)."""
        rng = self.rng
        given = rng.choice(_MEN if sex == "L" else _WOMEN)
        name = f"{given} {rng.choice(_FAMILY)}"
        code, regency, districts, streets = rng.choice(_PLACES)
        self.serial += 1
        nik = compose_nik(code + rng.choice(districts), born, sex, self.serial)
        address = f"{rng.choice(streets)} No. {rng.randint(1, 120)}, RT {rng.randint(1, 20):02d}"
        phone = f"0812 5{rng.randint(100, 999)} {self.serial:04d}"
        return name, nik, address, regency, phone

    def worker(self, sex: str, born: date, **fields: object) -> RegistrationInput:
        name, nik, address, regency, phone = self.person(sex, born)
        base = RegistrationInput(
            nik=nik,
            full_name=name,
            birth_place=regency.split(" ", 1)[1],
            birth_date=born,
            sex=sex,
            address=address,
            province_code="63",
            regency=regency,
            phone=phone,
            occupation="ojek",
            declared_income=1_000_000,
            programs=frozenset({"JKK", "JKM", "JHT"}),
        )
        return replace(base, **fields)  # type: ignore[arg-type]

    def register(self, data: RegistrationInput, clock: Clock) -> int:
        return register_participant(
            self.db, self.staff, data, acknowledge_similar=True, clock=clock
        ).participant_id

    def pay(
        self,
        lines: list[PaymentLine],
        clock: Clock,
        *,
        method: str = "",
        sponsor: int | None = None,
    ) -> Paid:
        """Dues as people pay them: cash (the next round amount handed over), QRIS or
        transfer (with its reference)."""
        method = method or self.rng.choice(
            (PaymentMethod.CASH,) * 3 + (PaymentMethod.QRIS, PaymentMethod.TRANSFER)
        )
        tendered = None
        if method == PaymentMethod.CASH:
            total = quote(self.db, self.staff, lines, sponsor_id=sponsor, clock=clock).total
            tendered = -(-total // 50_000) * 50_000
        self.receipts += 1
        reference = f"{method.upper()}-{clock():%y%m%d}-{self.receipts:04d}"
        paid = pay(
            self.db,
            self.staff,
            lines,
            method=method,
            tendered=tendered,
            reference="" if method == PaymentMethod.CASH else reference,
            sponsor_id=sponsor,
            clock=clock,
        )
        mark_printed(self.db, self.staff, paid.receipt_id, clock=clock)  # handed over, printed
        return paid

    def clock_at(self, day: date, hour: int, minute: int = 0) -> Clock:
        """A clock showing that moment of ``day`` (not moved to a service day)."""
        moment = datetime.combine(day, time(hour, minute), self.tz)
        return lambda: moment

    def earlier_today(self, hour: int, minute: int, *, before: timedelta) -> Clock:
        """A clock showing ``hour:minute`` today — or, when the demo is made before then,
        ``before`` ago (never before the branch's midnight): nothing stamped in the future."""
        midnight = datetime.combine(self.today, time(0), self.tz)
        planned = datetime.combine(self.today, time(hour, minute), self.tz)
        moment = max(midnight, min(planned, self.now - before))
        return lambda: moment

    def since_midnight(self) -> timedelta:
        """How much of the branch's day has gone by."""
        return self.now - datetime.combine(self.today, time(0), self.tz)


def _service_day(d: date) -> date:
    """The demo clerk serves at Loket 1 on Mondays, Wednesdays and Fridays (fewer days to
    count and close: the demo is made in a few seconds)."""
    while d.weekday() not in (0, 2, 4):
        d += timedelta(days=1)
    return d


def create_living_demo(
    db: Database, *, clock: Clock = system_clock
) -> tuple[dict[str, str], DemoSummary]:
    """Creates the demo branch (refused where a branch exists) and fills it; returns the
    one-time passwords and what was made."""
    passwords = branch.create_demo(db, clock=clock)
    b = _Branch(db, passwords, clock)
    start = add_months(month_of(b.today), -HISTORY_MONTHS)
    members = _claim_members(b)
    for i in range(BPU_WALK_INS):
        _walk_in_life(b, i, start)
    _formal_and_construction(b, start)
    _cooperative(b, start)
    voided = _void(b)
    _lapsed(b)
    _in_arrears(b)
    b.run_plan()
    waiting, handed = _claims(b, members)
    # today: four walk-ins of the first release's demo at Loket 1, the drawer open
    todays = add_demo_people(db, b.staff, clock=clock)
    _todays_queue(b)
    # the voided and the lapsed payers, the fisherman in arrears
    people = len(members) + BPU_WALK_INS + FORMAL + CONSTRUCTION + COOPERATIVE + 3 + len(todays)
    return passwords, DemoSummary(
        people, b.receipts + len(todays), voided.get("number", ""), waiting, handed, todays
    )


def _todays_queue(b: _Branch) -> None:
    """The last hour and a half at the ticket machine: a number every six minutes, Loket 1
    calling and serving them (one did not come, one was rated), five still waiting. Made
    early in the branch's day, the morning is squeezed into the minutes since midnight: the
    queue is a day's, and yesterday's numbers would not be today's."""

    def at(moment: datetime) -> Clock:
        return lambda: moment

    step = min(timedelta(minutes=6), b.since_midnight() * 0.9 / 16)
    start = b.now - 16 * step + step / 2
    for k, prefix in enumerate("AABACAADABCAAABA"):
        taken = start + k * step
        queue.issue_ticket(b.db, prefix, priority=k == 9, clock=at(taken))
        if 1 <= k <= 11:
            queue.call_next(b.db, b.staff, clock=at(taken + step / 3))
            if k == 4:  # called, did not come
                queue.skip(b.db, b.staff, clock=at(taken + step / 2))
    done = start + 11 * step + step * 5 / 6
    queue.finish(b.db, b.staff, clock=at(done))
    queue.rate_last_service(b.db, 1, 5, clock=at(done + step / 6))


def _in_arrears(b: _Branch) -> None:
    """The fisherman of today's walk-ins registered three months ago and paid one month."""

    def join(clock: Clock) -> None:
        b.pay([PaymentLine(b.register(in_arrears(), clock), 1)], clock, method=PaymentMethod.CASH)

    b.then(b.at(add_months(month_of(b.today), -3) + timedelta(days=4), 9, 40), join)


def _walk_in_life(b: _Branch, index: int, start: date) -> None:
    """An informal worker who registered in the last months and pays at the counter: most
    keep paying, some fall behind (arrears), some stop (their membership lapses)."""
    rng = b.rng
    born = date(rng.randint(1965, 2003), rng.randint(1, 12), rng.randint(1, 28))
    data = b.worker(
        rng.choice("LLLP"),
        born,
        occupation=rng.choice(_BPU_WORK),
        declared_income=rng.choice(_INCOMES),
        programs=frozenset({"JKK", "JKM", "JHT"} if rng.random() < 0.7 else {"JKK", "JKM"}),
    )
    joined = start + timedelta(days=rng.randint(0, (b.today - start).days - 1))
    habit = rng.choices(("steady", "behind", "stopped"), (7, 2, 1))[0]
    who: dict[str, int] = {}
    registered = b.at(joined, 8 + index % 7, rng.randint(0, 40))
    b.then(registered, lambda clock: who.setdefault("id", b.register(data, clock)))
    months = rng.choice((1, 3, 3, 6))
    moment = registered + timedelta(minutes=10)
    paid_to = add_months(month_of(joined), months - 1)
    for _ in range(HISTORY_MONTHS * 2):

        def dues(clock: Clock, n: int = months) -> None:
            b.pay([PaymentLine(who["id"], n)], clock)

        b.then(moment, dues)
        if habit == "stopped":  # paid once, never came back: lapses after 3 months
            break
        gap = {"steady": 0, "behind": 2, "stopped": 0}[habit]
        due = add_months(paid_to, 1 + gap)
        moment = b.at(
            due + timedelta(days=rng.randint(2, 20)), 8 + rng.randint(0, 7), rng.randint(0, 59)
        )
        if moment.date() >= b.today:
            break
        months = rng.choice((1, 3, 3, 6, 12))
        paid_to = add_months(due, months - 1)


def _formal_and_construction(b: _Branch, start: date) -> None:
    """Workers of three companies (PU) and of building sites (JAKON), registered online
    by their employers over the last years and imported from the central office's export
    at the start of the history; their dues are paid by the employer or the project
    through the bank, never at the counter."""
    rows = []
    for i in range(FORMAL + CONSTRUCTION):
        formal = i < FORMAL
        sex = b.rng.choice("LLP")
        born = date(b.rng.randint(1970, 2004), b.rng.randint(1, 12), b.rng.randint(1, 28))
        name, nik, address, regency, phone = b.person(sex, born)
        joined = datetime.combine(start, time(9), b.tz) - timedelta(days=b.rng.randint(30, 1100))
        rows.append({
            "kpj": f"1{b.serial:010d}", "nik": nik, "full_name": name,
            "birth_place": regency.split(" ", 1)[1], "birth_date": born.isoformat(), "sex": sex,
            "address": address, "province_code": "63", "regency": regency, "phone": phone,
            "occupation": "karyawan" if formal else b.rng.choice(("buruh_bangunan", "tukang")),
            "segment": "PU" if formal else "JAKON", "npp": _EMPLOYERS[i % 3] if formal else "",
            "programs": "JKK;JKM;JHT" if formal else "JKK;JKM", "branch_code": "BJM",
            "registered_at": joined.isoformat(),
        })  # fmt: skip

    def load(clock: Clock) -> None:
        report = import_participants(
            b.db, Actor.command_line(), rows, source="ekspor-pusat-pu-jakon.csv", clock=clock
        )
        assert report.imported == len(rows), report.errors

    b.then(b.at(start, 8), load)


def _cooperative(b: _Branch, start: date) -> None:
    """*Sertakan*: a fishermen's cooperative registers its members and pays for them, one
    receipt a quarter."""
    members: list[int] = []
    coop: dict[str, int] = {}
    first = b.at(start + timedelta(days=9), 10)
    fishermen = [
        b.worker(
            "L",
            date(1968 + i % 30, 1 + i % 12, 1 + i % 27),
            occupation="nelayan",
            programs=frozenset({"JKK", "JKM"}),
        )
        for i in range(COOPERATIVE)
    ]

    def register_all(clock: Clock) -> None:
        coop["id"] = add_sponsor(
            b.db,
            b.staff,
            SponsorInput(
                "organisation",
                "Koperasi Nelayan Sungai Kuin",
                contact_name="H. Masrani",
                phone="0511 3300 451",
                address="Jl. Kuin Utara No. 8, Banjarmasin",
            ),
            clock=clock,
        )
        members.extend(b.register(replace(f, sponsor_id=coop["id"]), clock) for f in fishermen)

    def pay_quarter(clock: Clock) -> None:
        b.pay(
            [PaymentLine(pid, 3) for pid in members],
            clock,
            method=PaymentMethod.TRANSFER,
            sponsor=coop["id"],
        )

    b.then(first, register_all)
    for quarter in range(HISTORY_MONTHS // 3 + 1):
        moment = b.at(add_months(month_of(first.date()), 3 * quarter) + timedelta(days=2), 11)
        if quarter == 0 or moment.date() < b.today:
            b.then(max(moment, first + timedelta(hours=1)), pay_quarter)


def _void(b: _Branch) -> dict[str, str]:
    """One receipt voided: twelve months taken where the worker asked for one; the clerk
    asks, the supervisor approves the same afternoon, the right receipt follows."""
    voided: dict[str, str] = {}
    moment = b.at(add_months(month_of(b.today), -2) + timedelta(days=14), 14, 30)
    data = b.worker("L", date(1991, 7, 17), occupation="ojol", programs=frozenset({"JKK", "JKM"}))

    def mistake(clock: Clock) -> None:
        pid = b.register(data, clock)
        wrong = b.pay([PaymentLine(pid, 12)], clock, method=PaymentMethod.CASH)
        request_void(
            b.db,
            b.staff,
            wrong.receipt_id,
            "Salah jumlah bulan: peserta minta 1 bulan, tercatat 12",
            clock=clock,
        )
        decide_void(
            b.db,
            b.supervisor,
            wrong.receipt_id,
            approve=True,
            password=b.passwords["supervisor"],
            clock=clock,
        )
        b.pay([PaymentLine(pid, 1)], clock, method=PaymentMethod.CASH)
        voided["number"] = wrong.number

    b.then(moment, mistake)
    return voided


def _lapsed(b: _Branch) -> None:
    """Yuliani Hasanah, a seamstress, registered eight months ago, paid her first month
    and never came back: more than three months unpaid, her membership has lapsed (she
    re-joins from the current month when she pays again)."""
    data = replace(
        b.worker("P", date(1986, 9, 23), occupation="penjahit"), full_name="Yuliani Hasanah"
    )
    moment = b.at(add_months(month_of(b.today), -8) + timedelta(days=10), 10, 40)

    def join(clock: Clock) -> None:
        b.pay([PaymentLine(b.register(data, clock), 1)], clock, method=PaymentMethod.CASH)

    b.then(moment, join)


@dataclass
class _Member:
    name: str
    widow: str
    widow_nik: str
    years: int  # of membership
    participant_id: int = 0


def _claim_members(b: _Branch) -> list[_Member]:
    """Two informal workers who died this autumn, with their years of dues (twelve months
    at a time): Rahmadi Anshari (member four years: JKM and his twins' scholarships,
    waiting for the branch head) and Samsul Arifin (two years: JKM only, handed over)."""
    members = [
        _Member(
            "Rahmadi Anshari", "Noorhayati", compose_nik("637102", date(1984, 2, 11), "P", 7901), 4
        ),
        _Member(
            "Samsul Arifin", "Hj. Salasiah", compose_nik("637104", date(1979, 6, 21), "P", 7902), 2
        ),
    ]
    for m in members:
        widow_born = date(1984, 2, 11) if m.years == 4 else date(1979, 6, 21)
        heirs = [HeirInput(m.widow, Relation.SPOUSE, m.widow_nik, widow_born)]
        if m.years == 4:  # twins, entering SMA this July
            heirs += [
                HeirInput("Muhammad Rizky", Relation.CHILD, "", date(2011, 3, 14), "SMA"),
                HeirInput("Nur Rizka", Relation.CHILD, "", date(2011, 3, 14), "SMA"),
            ]
        data = replace(
            b.worker(
                "L",
                date(1981, 4, 9) if m.years == 4 else date(1976, 10, 2),
                occupation="ojek" if m.years == 4 else "nelayan",
                heirs=tuple(heirs),
            ),
            full_name=m.name,
        )
        joined = b.at(add_months(month_of(b.today), -12 * m.years - 2) + timedelta(days=5), 9)

        def join(clock: Clock, m: _Member = m, data: RegistrationInput = data) -> None:
            m.participant_id = b.register(data, clock)
            b.pay([PaymentLine(m.participant_id, 12)], clock, method=PaymentMethod.CASH)

        b.then(joined, join)
        for year in range(1, m.years + 1):  # a year's dues each year
            moment = b.at(add_months(joined.date(), 12 * year), 9)
            if moment.date() < b.today:

                def yearly(clock: Clock, m: _Member = m) -> None:
                    b.pay([PaymentLine(m.participant_id, 12)], clock, method=PaymentMethod.CASH)

                b.then(moment, yearly)
    return members


def _claims(b: _Branch, members: list[_Member]) -> tuple[str, str]:
    """Samsul Arifin's claim paid and handed over with its berita acara; Rahmadi
    Anshari's filed today, waiting for the branch head."""
    db, today = b.db, b.today
    rahmadi, samsul = members
    heirs = {
        h.name: h.id for m in members for h in get_participant(db, b.staff, m.participant_id).heirs
    }
    # Samsul Arifin died in October; his widow received the JKM benefit last week
    died = add_months(month_of(today), -1) + timedelta(days=3)
    filed = _service_day(today - timedelta(days=21))
    claim = create_claim(
        db,
        b.staff,
        ClaimInput(
            participant_id=samsul.participant_id,
            benefit="JKM",
            event_date=died,
            cause="Sakit (jantung)",
            claimant_heir_id=heirs[samsul.widow],
            bank_name="Bank Kalsel",
            bank_account="0310-22-118",
            account_holder=samsul.widow,
            documents=_JKM_DOCUMENTS,
        ),
        clock=b.clock_at(filed, 10),
    )
    submit_claim(db, b.staff, claim, clock=b.clock_at(filed, 10, 20))
    decide_claim(
        db,
        b.supervisor,
        claim,
        approve=True,
        password=b.passwords["supervisor"],
        clock=b.clock_at(filed + timedelta(days=1), 9),
    )
    paid_on = _service_day(filed + timedelta(days=3))
    amount = get_claim(db, b.staff, claim).payable_now
    pay_claim(
        db,
        b.staff,
        claim,
        PayoutInput(
            PaymentMethod.TRANSFER,
            amount,
            "Bank Kalsel",
            "0310-22-118",
            f"TRF-{paid_on:%Y%m%d}-JKM",
        ),
        clock=b.clock_at(paid_on, 10),
    )
    record_handover(
        db,
        b.staff,
        claim,
        HandoverInput(
            paid_on,
            "Ruang layanan KC Banjarmasin",
            samsul.widow,
            samsul.widow_nik,
            ("Norhadi (Ketua RT 07)",),
        ),
        clock=b.clock_at(paid_on, 11),
    )
    handed = get_claim(db, b.staff, claim).number

    # Rahmadi Anshari, an ojek driver, died of a stroke this month: his widow filed today;
    # JKM Rp42.000.000 and the twins' scholarships Rp138.000.000 wait for the branch head
    # (above the supervisor's limit)
    died = month_of(today) + timedelta(days=min(1, today.day - 1))
    waiting = create_claim(
        db,
        b.staff,
        ClaimInput(
            participant_id=rahmadi.participant_id,
            benefit="JKM",
            event_date=died,
            cause="Sakit (stroke)",
            claimant_heir_id=heirs[rahmadi.widow],
            bank_name="Bank Kalsel",
            bank_account="0310-55-902",
            account_holder=rahmadi.widow,
            documents=_JKM_DOCUMENTS | {"birth_certificate", "school_statement"},
            children=(
                ChildInput("Muhammad Rizky", date(2011, 3, 14), "SMA", 1),
                ChildInput("Nur Rizka", date(2011, 3, 14), "SMA", 1),
            ),
        ),
        clock=b.earlier_today(8, 15, before=timedelta(minutes=20)),
    )
    submit_claim(db, b.staff, waiting, clock=b.earlier_today(8, 30, before=timedelta(minutes=5)))
    return get_claim(db, b.staff, waiting).number, handed
