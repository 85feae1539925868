"""The regional office's summary: the branches' closed days arrive with sync and add up, as
JSON for other systems and as a page behind a regional user's sign-in — read over HTTP and
in a real browser (Debian's Chromium, driven by Selenium)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime

import httpx
import pytest

from loket.domain.cash import count_of
from loket.domain.nik import compose_nik
from loket.services import cash_sessions, closing
from loket.services.payments import PaymentLine, pay
from loket.services.registration import register_participant
from loket.sync.client import SyncClient
from loket.sync.engine import sync_once
from tests.central import CentralServer, Office
from tests.conftest import FakeClock
from tests.factories import bpu_worker

pytestmark = pytest.mark.postgres

DAY = date(2026, 12, 3)


def close_a_day(office: Office, workers: int) -> int:
    """Registers and takes a month's dues from ``workers`` people, counts the drawer and
    closes the day; returns what was taken."""
    clock = FakeClock(datetime(2026, 12, 3, 1, 0, tzinfo=UTC))
    taken = 0
    for i in range(workers):
        serial = 300 + i
        district = "637101" if office.code == "BJM" else "627101"
        worker = bpu_worker(serial, nik=compose_nik(district, date(1990, 8, 5), "L", serial),
                            full_name=f"Pekerja {office.code} {serial}",
                            phone=f"0812777{serial:05d}")  # fmt: skip
        pid = register_participant(office.db, office.staff, worker, acknowledge_similar=True,
                                   clock=clock).participant_id  # fmt: skip
        taken += pay(office.db, office.staff, [PaymentLine(pid, 1)], method="cash",
                     tendered=100_000, clock=clock).total  # fmt: skip
    drawer = cash_sessions.current_session(office.db, office.staff)
    assert drawer is not None
    cash_sessions.close_session(office.db, office.staff, drawer.id,
                                count_of(drawer.balance.expected), clock=clock)  # fmt: skip
    closing.close_day(office.db, office.supervisor, DAY,
                      password=office.passwords["supervisor"], clock=clock)  # fmt: skip
    return taken


@pytest.fixture
def region(central: CentralServer, linked: dict[str, Office]) -> tuple[CentralServer, str, int]:
    """BJM closed a day with 3 payments, PLK with 2; both synced. Returns the server, a
    regional user's token and what the region took."""
    taken = close_a_day(linked["BJM"], 3) + close_a_day(linked["PLK"], 2)
    central.start()
    for office in linked.values():
        with SyncClient(central.base_url, office.token) as client:
            sync_once(office.db, client)
    code, out, err = central.cli("regional", "add", "kanwil", "--name", "Kanwil Kalimantan")
    assert code == 0, err
    return central, out.strip().splitlines()[-1], taken


def test_the_summary_as_json_for_a_regional_user_only(
    region: tuple[CentralServer, str, int], linked: dict[str, Office]
) -> None:
    central, token, taken = region
    url = f"{central.base_url}/api/v1/region/summary?first=2026-12-01&last=2026-12-31"
    answer = httpx.get(url, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    body = answer.json()
    by_code = {b["code"]: b for b in body["branches"]}
    assert by_code["BJM"]["days_closed"] == by_code["PLK"]["days_closed"] == 1
    assert (by_code["BJM"]["receipts"], by_code["PLK"]["receipts"]) == (3, 2)
    assert (by_code["BJM"]["registrations"], by_code["PLK"]["participants"]) == (3, 2)
    assert by_code["BJM"]["last_closed"] == "2026-12-03"
    assert body["total"]["paid"] == taken and body["total"]["receipts"] == 5
    # a branch's token is not a regional user's; nor is nothing
    branch_token = {"Authorization": f"Bearer {linked['BJM'].token}"}
    assert httpx.get(url, headers=branch_token).status_code == 401
    assert httpx.get(url).status_code == 401
    # another period holds nothing
    november = url.replace("2026-12-01", "2026-11-01").replace("2026-12-31", "2026-11-30")
    other = httpx.get(november, headers={"Authorization": f"Bearer {token}"})
    assert other.json()["total"]["receipts"] == 0
    # a closing arrives once, however often it is sent
    assert central.scalar("SELECT count(*) FROM branch_day") == 2
    # a disabled reader is out
    assert central.cli("regional", "disable", "kanwil")[0] == 0
    assert httpx.get(url, headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_the_page_behind_a_sign_in(region: tuple[CentralServer, str, int]) -> None:
    central, token, taken = region
    with httpx.Client(base_url=central.base_url) as web:
        first = web.get("/region")
        assert first.status_code == 401 and "name=token" in first.text
        wrong = web.post("/region/login", data={"token": "REG.tebakan"})
        assert wrong.status_code == 401 and "Token tidak dikenal" in wrong.text
        signed = web.post("/region/login", data={"token": token}, follow_redirects=True)
        assert signed.status_code == 200
        page = signed.text
        assert "Masuk sebagai <b>kanwil</b>" in page
        assert "KC Banjarmasin" in page or "BJM" in page
        rupiah = f"Rp{taken:,}".replace(",", ".")
        assert f"<td class=n>{rupiah}</td>" in page  # the region's total
        # the status page is behind the same sign-in (finding 13); /health says no more
        status = web.get("/")
        assert status.status_code == 200 and "<td>BJM</td>" in status.text
        assert httpx.get(f"{central.base_url}/").status_code == 401
        assert "<td>BJM</td>" not in httpx.get(f"{central.base_url}/").text
        assert httpx.get(f"{central.base_url}/health").json() == {"status": "ok", "database": "ok"}
        # never stored, never framed (finding 12)
        assert status.headers["cache-control"] == "no-store"
        assert status.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in status.headers["content-security-policy"]
        # a cookie captured before signing out does not outlive it
        captured = web.cookies["loket_region"]
        web.post("/region/logout")
        assert web.get("/region").status_code == 401
        again = httpx.get(f"{central.base_url}/region", cookies={"loket_region": captured})
        assert again.status_code == 401
        # another site's form cannot sign anyone in (finding 12)
        forged = web.post(
            "/region/login", data={"token": token}, headers={"Origin": "https://contoh.example"}
        )
        assert forged.status_code == 403 and "loket_region" not in forged.cookies
        cross = web.post(
            "/region/login", data={"token": token}, headers={"Sec-Fetch-Site": "cross-site"}
        )
        assert cross.status_code == 403
        # the server's own page posts with its own origin, and may lead back to "/" only
        own = web.post(
            "/region/login",
            data={"token": token, "then": "/"},
            headers={"Origin": central.base_url},
        )
        assert own.status_code == 303 and own.headers["location"] == "/"
        elsewhere = web.post("/region/login", data={"token": token, "then": "https://x.example"})
        assert elsewhere.headers["location"] == "/region"


@pytest.mark.skipif(shutil.which("chromedriver") is None, reason="chromium-driver not installed")
def test_the_page_in_a_real_browser(region: tuple[CentralServer, str, int]) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    central, token, taken = region
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    if chromium := shutil.which("chromium"):
        options.binary_location = chromium
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        browser.get(f"{central.base_url}/region")
        browser.find_element(By.ID, "token").send_keys(token)
        browser.find_element(By.ID, "signin").click()
        # the sign-in posts and redirects: wait for the page it lands on
        table = WebDriverWait(browser, 15).until(
            expected_conditions.presence_of_element_located((By.ID, "summary"))
        )
        rows = [
            [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in table.find_elements(By.TAG_NAME, "tr")[1:]
        ]
        by_code = {r[0]: r for r in rows if r[0]}
        assert by_code["BJM"][2] == "1" and by_code["BJM"][4] == "3"
        assert rows[-1][1] == "Jumlah wilayah"
        assert rows[-1][5] == f"Rp{taken:,}".replace(",", ".")
        assert "Ringkasan wilayah" in browser.title
    finally:
        browser.quit()
