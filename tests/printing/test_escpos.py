"""Raw ESC/POS printing, read back from the bytes the printer would receive."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import zxingcpp
from escpos.printer import Dummy
from PIL import Image
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.printing.escpos_printer import EscPosPrinter
from loket.printing.printer import PrintFailed
from loket.printing.qt_printer import QtPrinter
from loket.printing.select import printer_for
from loket.printing.targets import parse_target
from loket.services import auth, branch
from loket.services.payments import PaymentLine, pay
from loket.services.receipts import receipt_document
from loket.services.registration import register_participant
from tests.conftest import FakeClock
from tests.factories import bpu_worker

RASTER = b"\x1dv0"  # GS v 0: one raster image block
CUT = b"\x1dV"  # GS V: cut the paper


def raster_image(output: bytes) -> Image.Image:
    """The raster blocks of an ESC/POS stream, stacked into the image they print."""
    blocks, at = [], 0
    while (at := output.find(RASTER, at)) >= 0:
        width_bytes = output[at + 4] + 256 * output[at + 5]
        height = output[at + 6] + 256 * output[at + 7]
        data = output[at + 8 : at + 8 + width_bytes * height]
        # ESC/POS: bit 1 = a printed (black) dot; PIL "1": 1 = white.
        inverted = bytes(255 - b for b in data)
        blocks.append(Image.frombytes("1", (width_bytes * 8, height), inverted))
        at += 8 + len(data)
    page = Image.new("1", (blocks[0].width, sum(b.height for b in blocks)), 1)
    y = 0
    for block in blocks:
        page.paste(block, (0, y))
        y += block.height
    return page


@pytest.fixture
def receipt_pdf(demo: tuple[Database, dict[str, str]]) -> bytes:
    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    pid = register_participant(db, staff, bpu_worker()).participant_id
    clock = FakeClock(datetime(2026, 11, 24, 2, 5, tzinfo=UTC))
    receipt = pay(db, staff, [PaymentLine(pid, 1)], method="cash", tendered=50_000, clock=clock)
    return receipt_document(db, staff, receipt.receipt_id)


def test_a_receipt_prints_as_a_raster_576_dots_wide_then_cuts(
    qtbot: QtBot, receipt_pdf: bytes
) -> None:
    dummy = Dummy()
    EscPosPrinter("escpos+tcp://printer.local", device=dummy).print_pdf(receipt_pdf, "Kuitansi")
    output = dummy.output
    assert output.rstrip(b"\x00").find(CUT) > output.rfind(RASTER)  # cut after the last image
    page = raster_image(output)
    assert page.width == 576
    assert 0.02 < page.convert("L").histogram()[0] / (page.width * page.height) < 0.5  # ink
    codes = [r.text for r in zxingcpp.read_barcodes(page.convert("L"))]
    assert len(codes) == 1 and codes[0].startswith("LOKET1|KW|KW/BJM/2026/000001|")


def test_a_58_mm_printer_gets_a_narrower_raster(qtbot: QtBot, receipt_pdf: bytes) -> None:
    dummy = Dummy()
    EscPosPrinter("escpos+tcp://printer.local?dots=384", device=dummy).print_pdf(receipt_pdf, "")
    assert raster_image(dummy.output).width == 384


@pytest.fixture
def listening_printer() -> Iterator[tuple[int, list[bytes]]]:
    """A socket on 127.0.0.1 that takes what a network printer would."""
    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def serve() -> None:
        connection, _ = server.accept()
        with connection:
            while chunk := connection.recv(65536):
                received.append(chunk)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    thread.join(timeout=5)
    server.close()


def test_a_network_printer_receives_the_receipt(
    qtbot: QtBot, receipt_pdf: bytes, listening_printer: tuple[int, list[bytes]]
) -> None:
    port, received = listening_printer
    printer_for(f"escpos+tcp://127.0.0.1:{port}").print_pdf(receipt_pdf, "Kuitansi")
    for _ in range(50):
        if received and CUT in received[-1]:
            break
        qtbot.wait(20)
    assert raster_image(b"".join(received)).width == 576


def test_an_unreachable_printer_is_a_clear_failure(qtbot: QtBot, receipt_pdf: bytes) -> None:
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]  # closed again below: nothing listens there
    with pytest.raises(PrintFailed) as failed:
        printer_for(f"escpos+tcp://127.0.0.1:{port}").print_pdf(receipt_pdf, "Kuitansi")
    assert f"escpos+tcp://127.0.0.1:{port}" in str(failed.value.params["reason"])


def test_a_malformed_target_fails_when_printing_not_when_chosen(
    qtbot: QtBot, receipt_pdf: bytes
) -> None:
    printer = printer_for("escpos+usb://not-an-id")
    with pytest.raises(PrintFailed, match="tidak dikenal"):
        printer.print_pdf(receipt_pdf, "Kuitansi")


@pytest.mark.parametrize(
    ("target", "parsed"),
    [
        ("escpos+tcp://10.0.0.5", ("tcp", ("10.0.0.5", 9100), 576)),
        ("escpos+tcp://10.0.0.5:9101?dots=384", ("tcp", ("10.0.0.5", 9101), 384)),
        ("escpos+usb://04b8:0202", ("usb", (0x04B8, 0x0202), 576)),
        ("escpos+file:///dev/usb/lp0", ("file", ("/dev/usb/lp0",), 576)),
    ],
)
def test_printer_targets(target: str, parsed: tuple[str, tuple[str | int, ...], int]) -> None:
    assert parse_target(target) == parsed


@pytest.mark.parametrize(
    "target", ["escpos+tcp://", "escpos+usb://04b8", "escpos+lpt://x", "escpos+tcp://h?dots=0"]
)
def test_bad_printer_targets(target: str) -> None:
    with pytest.raises(ValueError):
        parse_target(target)


def test_any_other_name_is_a_system_printer() -> None:
    assert isinstance(printer_for("EPSON_TM_T82"), QtPrinter)
    assert isinstance(printer_for(""), QtPrinter)
