"""Heirs (ahli waris) and what is recorded about them.

Order of entitlement (PP 82/2019, as practised): 1. widow/widower and children; 2. if
none, parents, then grandchildren; 3. siblings; 4. parents-in-law; 5. whoever the
participant named in a will.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from loket.domain.dates import full_years


class Relation(StrEnum):
    SPOUSE = "spouse"  # suami/istri
    CHILD = "child"
    PARENT = "parent"
    GRANDPARENT = "grandparent"  # kakek/nenek
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    PARENT_IN_LAW = "parent_in_law"
    NAMED_IN_WILL = "will"


class EducationLevel(StrEnum):
    """Where a child is at school (for the scholarship); one enum for the heir record and
    the claim. TK and SD share one scholarship band of 8 years."""

    NONE = ""
    TK = "TK"
    SD = "SD"
    SMP = "SMP"
    SMA = "SMA"
    PT = "PT"  # perguruan tinggi / pelatihan


# Years in each level, in the order a child goes through them.
LEVEL_YEARS: dict[EducationLevel, int] = {
    EducationLevel.TK: 2,
    EducationLevel.SD: 6,
    EducationLevel.SMP: 3,
    EducationLevel.SMA: 3,
    EducationLevel.PT: 5,
}
SCHOOL_ENTRY_AGE = 5  # TK year 1; SD year 1 at 7 (age on 1 July, when the school year starts)


def guess_level(birth_date: date, on: date) -> tuple[EducationLevel, int]:
    """The level and year a child of that age is usually in on ``on`` (the school year
    starts in July): only a guess to pre-fill the claim form; the school statement decides.
    ``(NONE, 0)`` before school age and after higher education."""
    start = date(on.year if on.month >= 7 else on.year - 1, 7, 1)
    years_in = full_years(birth_date, start) - SCHOOL_ENTRY_AGE
    if years_in < 0:
        return EducationLevel.NONE, 0
    for level, years in LEVEL_YEARS.items():
        if years_in < years:
            return level, years_in + 1
        years_in -= years
    return EducationLevel.NONE, 0
