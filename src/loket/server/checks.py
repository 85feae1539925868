"""What the server accepts of one event: its payload's shape per event type (types, lengths,
ranges), no control characters, and identifiers that belong to the branch sending it.

Every identifier that carries a branch — receipt numbers ``KW/<branch>/…``, claim numbers
``KL/…``, handover numbers ``BA/…`` and KPJ prefixes (held per branch on the server) — may
only be created or changed by that branch. A problem is the event's, answered as a reason
(``payload.total: must be …``) and nothing of it stored; the events after it go on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from loket.domain.benefits import BenefitType
from loket.domain.claim_status import ClaimStatus
from loket.domain.text import has_control_characters

MAX_AMOUNT = 10**13  # Rp10 trillion: more than any one receipt or claim
_KPJ = re.compile(r"\d{11}")
_NIK = re.compile(r"\d{16}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SEGMENTS = ("BPU", "PU", "JAKON")
_METHODS = ("cash", "transfer", "qris")
_BENEFITS = tuple(b.value for b in BenefitType)
_STATUSES = tuple(s.value for s in ClaimStatus)


class Refused(ValueError):
    """The reason an event is refused, naming the payload's field."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"payload.{field}: {problem}" if field else problem)


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k, path)
            yield from _strings(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")


def _may_hold_control_characters(p: dict[str, Any]) -> bool:
    """False when the payload is plain ASCII text without control characters: its JSON
    (all non-ASCII and control characters escaped) then has no escape but \\n, \\t and
    quotes — one C call instead of a walk for nearly every event."""
    text = json.dumps(p)
    return "\\u" in text or "\\b" in text or "\\f" in text or "\\r" in text or "\x7f" in text


def _text(p: dict[str, Any], field: str, max_length: int, *, required: bool = True) -> str:
    value = p.get(field)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise Refused(field, "missing" if value in (None, "") else "must be text")
    if len(value) > max_length:
        raise Refused(field, f"longer than {max_length} characters")
    return value


def _pattern(p: dict[str, Any], field: str, pattern: re.Pattern[str], what: str) -> str:
    value = _text(p, field, 64)
    if not pattern.fullmatch(value):
        raise Refused(field, f"must be {what}")
    return value


def _amount(p: dict[str, Any], field: str, *, required: bool = True) -> None:
    value = p.get(field)
    if value is None and not required:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused(field, "must be a whole number of rupiah")
    if not 0 <= value <= MAX_AMOUNT:
        raise Refused(field, f"must be between 0 and {MAX_AMOUNT}")


def _whole(p: dict[str, Any], field: str, low: int, high: int) -> int:
    value = p.get(field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused(field, "must be a whole number")
    if not low <= value <= high:
        raise Refused(field, f"must be between {low} and {high}")
    return value


def _counts(p: dict[str, Any], field: str) -> dict[str, Any]:
    """An object of small whole numbers (or of such objects), e.g. registrations by segment."""
    value = p.get(field, {})
    if not isinstance(value, dict) or len(value) > 20:
        raise Refused(field, "must be an object (at most 20 keys)")
    for key, item in value.items():
        if isinstance(item, dict):
            for inner in item:
                _whole(item, inner, -MAX_AMOUNT, MAX_AMOUNT)
        else:
            _whole(value, key, 0, MAX_AMOUNT)
    return value


def _closed_day(p: dict[str, Any]) -> None:
    _iso_date(p, "business_date")
    _whole(p, "audit_seq", 0, 2**62)
    _pattern(p, "audit_head", _SHA256, "64 hexadecimal digits")
    _pattern(p, "report_sha256", _SHA256, "64 hexadecimal digits")
    summary = p.get("summary")
    if not isinstance(summary, dict):
        raise Refused("summary", "must be an object")
    for field in ("paid", "relief"):
        _amount(summary, field)
    _whole(summary, "receipts", 0, 10**9)
    _whole(summary, "cash_difference", -MAX_AMOUNT, MAX_AMOUNT)
    _counts(summary, "registrations")
    _counts(summary, "claims")


def _iso_date(p: dict[str, Any], field: str) -> None:
    value = _text(p, field, 10)
    try:
        date.fromisoformat(value)
    except ValueError:
        raise Refused(field, "must be a date YYYY-MM-DD") from None


def _number(p: dict[str, Any], field: str, kind: str, code: str) -> str:
    """A branch document number: ``KW/BJM/2026/000123`` must be ``code``'s own."""
    value = _text(p, field, 32)
    found = re.fullmatch(rf"{kind}/([A-Z0-9]{{2,8}})/\d{{4}}/\d{{6}}", value)
    if found is None:
        raise Refused(field, f"must be a number {kind}/<branch>/<year>/<000000>")
    if found.group(1) != code:
        raise Refused(field, f"{value} belongs to branch {found.group(1)}, not {code}")
    return value


def _new_kpj(p: dict[str, Any], field: str, code: str, owners: dict[str, str]) -> str:
    """A KPJ a branch creates: 11 digits, not in another branch's range (one from no
    branch's range — the central office's numbers — may come from any branch)."""
    value = _pattern(p, field, _KPJ, "11 digits")
    owner = owners.get(value[:3])
    if owner is not None and owner != code:
        raise Refused(field, f"KPJ {value} is in the range of branch {owner}, not {code}")
    return value


def check_event(kind: str, p: Any, code: str, owners: dict[str, str]) -> None:
    """Raises :class:`Refused` with the reason when the server must not take the event;
    ``owners``: KPJ prefix → branch code."""
    if not isinstance(p, dict):
        raise Refused("", "payload must be an object")
    if _may_hold_control_characters(p):
        for path, text in _strings(p):
            if has_control_characters(text, multiline=True):
                raise Refused(path, "contains a control character (e.g. NUL)")
    if kind == "participant.registered":
        _new_kpj(p, "kpj", code, owners)
        _pattern(p, "nik", _NIK, "16 digits")
        _text(p, "full_name", 150)
        _iso_date(p, "birth_date")
        if p.get("segment") not in _SEGMENTS:
            raise Refused("segment", f"must be one of {', '.join(_SEGMENTS)}")
        _text(p, "programs", 40)
    elif kind in ("participant.corrected", "correction.approved"):
        _pattern(p, "kpj", _KPJ, "11 digits")  # the server changes only the branch's rows
        new = p.get("new") or {}
        if not isinstance(new, dict):
            raise Refused("new", "must be an object")
        if "birth_date" in new:
            _iso_date(new, "birth_date")
        if "nik" in new:
            _pattern(new, "nik", _NIK, "16 digits")
        if "full_name" in new:
            _text(new, "full_name", 150)
    elif kind == "receipt.issued":
        _number(p, "number", "KW", code)
        _amount(p, "total")
        _amount(p, "relief", required=False)
        if p.get("method") not in _METHODS:
            raise Refused("method", f"must be one of {', '.join(_METHODS)}")
        if not isinstance(p.get("lines", []), list):
            raise Refused("lines", "must be a list")
    elif kind == "day.closed":
        _closed_day(p)
    elif kind == "receipt.voided":
        _number(p, "number", "KW", code)
    elif kind.startswith("claim."):
        _number(p, "number", "KL", code)
        _pattern(p, "kpj", _KPJ, "11 digits")  # a member of any branch may claim here
        if p.get("benefit") not in _BENEFITS:
            raise Refused("benefit", f"must be one of {', '.join(_BENEFITS)}")
        if p.get("status") not in _STATUSES:
            raise Refused("status", f"must be one of {', '.join(_STATUSES)}")
        _amount(p, "total")
        if p.get("handover_number") is not None:
            _number(p, "handover_number", "BA", code)
    elif kind == "conflict.resolved":
        conflict_id = p.get("conflict_id")
        if isinstance(conflict_id, bool) or not isinstance(conflict_id, int):
            raise Refused("conflict_id", "must be a whole number")
        if not 1 <= conflict_id < 2**31:
            raise Refused("conflict_id", "out of range")
        _pattern(p, "kept_kpj", _KPJ, "11 digits")
        _text(p, "by", 64)
