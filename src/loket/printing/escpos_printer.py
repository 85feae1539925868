"""Raw ESC/POS to a thermal receipt printer, over the network, USB or a device file.

The receipt is the same PDF the preview shows: each page is rendered (QtPdf) to a
1-bit image as wide as the printer's dot line and sent as a raster (``GS v 0``), then
the paper is cut. One layout, so what the staff saw is what the worker gets, QR
code included.

The URI that names the printer is described in :mod:`loket.printing.targets`.
"""

from __future__ import annotations

from typing import Any

from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter

from loket.printing.printer import PrintFailed
from loket.printing.qt_printer import pdf_document
from loket.printing.targets import parse_target

_BLACK_BELOW = 160  # grey level under which a dot is printed


def rasterize(pdf: bytes, dots: int) -> list[Image.Image]:
    """Every page of ``pdf`` as a black-and-white image ``dots`` wide."""
    document = pdf_document(pdf)
    pages = []
    for i in range(document.pageCount()):
        points = document.pagePointSize(i)
        size = QSize(dots, round(points.height() * dots / points.width()))
        page = QImage(size, QImage.Format.Format_RGB32)
        page.fill(Qt.GlobalColor.white)  # rendered pages are transparent where nothing is drawn
        painter = QPainter(page)
        painter.drawImage(0, 0, document.render(i, size))
        painter.end()
        grey = page.convertToFormat(QImage.Format.Format_Grayscale8)
        image = Image.frombuffer(
            "L", (grey.width(), grey.height()), bytes(grey.constBits()), "raw", "L",
            grey.bytesPerLine(), 1,
        )  # fmt: skip
        pages.append(image.point(lambda v: 255 if v >= _BLACK_BELOW else 0, mode="1"))
    return pages


def _open_device(kind: str, arguments: tuple[str | int, ...]) -> Any:
    from escpos import printer as escpos

    if kind == "tcp":
        return escpos.Network(*arguments, timeout=10)
    if kind == "usb":
        return escpos.Usb(*arguments)
    return escpos.File(*arguments)


def _set_dot_width(device: Any, dots: int) -> None:
    """Tells python-escpos the paper's width in dots, on this device only (its profiles
    share one dict per model), so it checks the image against it instead of warning."""
    data = dict(device.profile.profile_data)
    data["media"] = {**data.get("media", {}), "width": {"pixels": dots}}
    device.profile.profile_data = data


class EscPosPrinter:
    """The printer an ``escpos+…`` URI names. ``device`` replaces the one the URI names
    (python-escpos's ``Dummy`` in tests). A bad URI or an unreachable printer raises
    :class:`PrintFailed` when printing, like any other printer."""

    def __init__(self, target: str, *, device: Any = None) -> None:
        self.name, self._device = target, device

    def print_pdf(self, pdf: bytes, title: str) -> None:
        from escpos.exceptions import Error as EscposError

        try:
            kind, arguments, dots = parse_target(self.name)
        except ValueError as exc:
            raise PrintFailed(f"alamat printer ESC/POS tidak dikenal: {self.name}") from exc
        pages = rasterize(pdf, dots)
        device = self._device if self._device is not None else _open_device(kind, arguments)
        _set_dot_width(device, dots)
        try:
            for page in pages:
                device.image(page, impl="bitImageRaster", fragment_height=960)
            device.cut()
        except (EscposError, OSError, RuntimeError) as exc:  # RuntimeError: pyusb missing
            raise PrintFailed(f"{self.name}: {exc}".splitlines()[0]) from exc
        finally:
            device.close()
