"""Reading our PDFs back as a person (or a scanner) would: their text and their QR codes."""

from __future__ import annotations

import io

import pypdfium2
import zxingcpp
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def pdf_qr_codes(data: bytes, dpi: int = 200) -> list[str]:
    """Every QR code on every page, decoded from the page rendered at ``dpi``."""
    found: list[str] = []
    document = pypdfium2.PdfDocument(data)
    for page in document:
        image = page.render(scale=dpi / 72).to_pil()
        found += [
            r.text
            for r in zxingcpp.read_barcodes(image)
            if r.format == zxingcpp.BarcodeFormat.QRCode
        ]
    return found


def pdf_fonts(data: bytes) -> set[str]:
    """Base names of the fonts the PDF embeds."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendant = font.get("/DescendantFonts")
            target = descendant[0].get_object() if descendant else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile2", "/FontFile")
            ):
                names.add(str(font["/BaseFont"]))
    return names
