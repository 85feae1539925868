"""The living demo branch: what a newcomer finds in it, the same every time, and never made
over a branch's data."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from loket.db.engine import Database
from loket.db.migrate import open_database
from loket.db.models import AuditEntry, Claim, Participant, Receipt, Sponsor
from loket.services import audit, auth, branch, dashboard, participants, queue
from loket.services.actor import Actor
from loket.services.claim_documents import claim_document
from loket.services.claims import get_claim
from loket.services.demo_branch import DemoSummary, create_living_demo
from loket.services.errors import Conflict
from loket.services.receipts import receipt_document, unprinted_receipts
from tests.conftest import FakeClock
from tests.pdf_reading import pdf_text

# a Thursday, 10:00 WITA
NOW = FakeClock(datetime(2026, 12, 3, 2, 0, tzinfo=UTC))
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture(scope="module")
def living(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Database, dict[str, str], DemoSummary]:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    passwords, made = create_living_demo(db, clock=NOW)
    yield db, passwords, made
    db.close()


def _flat(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


def test_a_branch_to_explore(living: tuple[Database, dict[str, str], DemoSummary]) -> None:
    db, pw, made = living
    counter = branch.list_counters(db)[0].id
    staff = auth.login(db, "petugas", pw["petugas"], counter, clock=NOW)
    # the last hour and a half of queue: 16 numbers, one did not come, five waiting
    today = queue.day_figures(db, Actor.command_line(), NOW().astimezone(WITA).date())
    t = today.total
    assert (t.issued, t.served, t.no_show, t.waiting_left, t.ratings) == (16, 10, 1, 5, 1)
    with db.reader() as s:
        segments = dict(s.execute(select(Participant.segment, func.count())
                                  .group_by(Participant.segment)).all())  # fmt: skip
        receipts = s.scalar(select(func.count()).select_from(Receipt))
        voided = s.scalars(select(Receipt.number).where(Receipt.void_status == "void")).all()
        days = s.scalar(select(func.count(func.distinct(func.date(Receipt.issued_at)))))
        sponsored = s.scalar(select(func.count()).select_from(Participant)
                             .where(Participant.sponsor_id.is_not(None)))  # fmt: skip
        sponsors = s.scalars(select(Sponsor.name)).all()
    assert made.participants == sum(segments.values()) >= 230
    assert segments["PU"] == 80 and segments["JAKON"] == 40 and segments["BPU"] > 110
    assert receipts == made.receipts > 130 and days > 40  # months of dues, day by day
    assert voided == [made.voided]
    assert "Koperasi Nelayan Sungai Kuin" in sponsors and sponsored >= 30
    assert audit.verify_chain(db).ok
    # the history was printed and handed over; today's receipts wait at Loket 1
    assert {r.number for r in unprinted_receipts(db, staff)} == set(made.today)

    # one lapsed and one in arrears, by name
    def standing(name: str) -> participants.ParticipantDetail:
        found = participants.search_participants(db, staff, name)[0]
        return participants.get_participant(db, staff, found.id, clock=NOW)

    assert standing("Yuliani Hasanah").coverage.lapsed_since is not None
    assert standing("Budi Santoso").coverage.arrears_months == 2
    # today's walk-ins under the PP 50/2025 relief, at Loket 1 with the drawer open
    driver = standing("Rudi Hartono")
    assert driver.payments[0].amount == 3 * 28_400  # 12/2026–02/2027, all relieved
    assert "Keringanan iuran PP 50/2025" in _flat(
        receipt_document(db, staff, driver.payments[0].receipt_id)
    )
    supervisor = auth.login(db, "supervisor", pw["supervisor"], counter, clock=NOW)
    figures = dashboard.figures(db, supervisor, clock=NOW).coverage
    assert figures.paid_up > 50 and figures.in_arrears > 0 and figures.lapsed > 0


def test_the_jkm_claims_reproduce_the_worked_examples(
    living: tuple[Database, dict[str, str], DemoSummary],
) -> None:
    db, pw, made = living
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id, clock=NOW)
    with db.reader() as s:
        ids = dict(s.execute(select(Claim.number, Claim.id)).all())
    waiting = get_claim(db, staff, ids[made.awaiting_approval])
    assert waiting.status == "submitted"  # for the branch head: above the supervisor's limit
    assert {c.label: c.amount for c in waiting.components} == {
        "Santunan sekaligus": 20_000_000,
        "Santunan berkala 24 × Rp500.000 (dibayar sekaligus)": 12_000_000,
        "Biaya pemakaman": 10_000_000,
        "Beasiswa Muhammad Rizky (SMA 1, 8 tahun)": 69_000_000,
        "Beasiswa Nur Rizka (SMA 1, 8 tahun)": 69_000_000,
    }
    assert waiting.total == 42_000_000 + 138_000_000
    handed = get_claim(db, staff, ids[made.handed_over])
    assert (handed.status, handed.total) == ("handed_over", 42_000_000)
    text = _flat(claim_document(db, staff, handed.id, "handover", clock=NOW))
    assert "BERITA ACARA SERAH TERIMA SANTUNAN" in text and "Hj. Salasiah" in text
    assert "Jumlah manfaat Rp42.000.000" in text


def test_the_same_branch_every_time_and_never_over_a_branch(
    living: tuple[Database, dict[str, str], DemoSummary], tmp_path: Path
) -> None:
    db, _, made = living
    again = open_database(f"sqlite:///{tmp_path / 'again.db'}")
    try:
        _, second = create_living_demo(again, clock=NOW)

        def people(d: Database) -> list[tuple[str, str, str, date]]:
            with d.reader() as s:
                return [tuple(r) for r in s.execute(  # type: ignore[misc]
                    select(Participant.kpj, Participant.nik, Participant.full_name,
                           Participant.birth_date).order_by(Participant.kpj))]  # fmt: skip

        assert people(again) == people(db)
        assert (second.receipts, second.voided) == (made.receipts, made.voided)
        with pytest.raises(Conflict, match="sudah milik cabang BJM"):
            create_living_demo(again, clock=NOW)
    finally:
        again.close()


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 12, 3, 16, 15, tzinfo=UTC),  # 00:15 WITA: the branch's day has just begun
        datetime(2026, 12, 3, 17, 9, tzinfo=UTC),  # 01:09 WITA: the queue once crossed midnight
    ],
    ids=["00:15 WITA", "01:09 WITA"],
)
def test_the_demo_builds_at_any_hour(tmp_path: Path, now: datetime) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        pw, made = create_living_demo(db, clock=lambda: now)
        counter = branch.list_counters(db)[0].id
        staff = auth.login(db, "petugas", pw["petugas"], counter, clock=lambda: now)
        today = now.astimezone(WITA).date()
        figures = queue.day_figures(db, Actor.command_line(), today).total
        assert (figures.issued, figures.served, figures.no_show) == (16, 10, 1)
        with db.reader() as s:
            issued = s.execute(select(Receipt.issued_at).order_by(Receipt.year, Receipt.seq))
            stamps = [at for (at,) in issued]
            latest = s.scalar(select(func.max(AuditEntry.at)))
        assert stamps == sorted(stamps)  # numbered in date order
        assert latest is not None and latest <= now  # nothing stamped in the future
        waiting = get_claim(db, staff, _claim_id(db, made.awaiting_approval))
        assert all(h.at.astimezone(WITA).date() == today for h in waiting.history)
    finally:
        db.close()


def _claim_id(db: Database, number: str) -> int:
    with db.reader() as s:
        found = s.scalar(select(Claim.id).where(Claim.number == number))
    assert found is not None
    return found
