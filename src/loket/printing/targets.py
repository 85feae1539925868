"""Printer targets for raw ESC/POS (no Qt here: the CLI checks a target cheaply).

A counter's printer names an ESC/POS target with a URI instead of a system printer
name (``loket-admin counter set-printer 1 escpos+tcp://192.168.1.50``):

- ``escpos+tcp://HOST[:PORT]`` — network printer (port 9100 unless given),
- ``escpos+usb://VID:PID`` — USB printer by vendor and product id in hex
  (needs ``pyusb`` and access to the device),
- ``escpos+file:///dev/usb/lp0`` — a printer device file.

``?dots=384`` sets the dot-line width (576 for 80 mm paper, the default; 384 for 58 mm).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

SCHEME_PREFIX = "escpos+"
DOTS_80MM = 576  # 72 mm printable at 8 dots/mm


def is_escpos_target(name: str) -> bool:
    return name.startswith(SCHEME_PREFIX)


def parse_target(target: str) -> tuple[str, tuple[str | int, ...], int]:
    """``(kind, arguments, dots)`` of an ``escpos+…`` URI; ``ValueError`` if it is not one."""
    parts = urlsplit(target)
    kind = parts.scheme.removeprefix(SCHEME_PREFIX)
    dots = int(parse_qs(parts.query).get("dots", [str(DOTS_80MM)])[0])
    if not parts.scheme.startswith(SCHEME_PREFIX) or not 8 <= dots <= 4096:
        raise ValueError(target)
    if kind == "tcp" and parts.hostname:
        return kind, (parts.hostname, parts.port or 9100), dots
    if kind == "usb":
        vendor, product = (int(part, 16) for part in parts.netloc.split(":"))
        return kind, (vendor, product), dots
    if kind == "file" and parts.path:
        return kind, (parts.path,), dots
    raise ValueError(target)
