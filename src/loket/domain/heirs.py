"""Heirs (ahli waris) and what is recorded about them.

Order of entitlement (PP 82/2019, as practised): 1. widow/widower and children; 2. if
none, parents, then grandchildren; 3. siblings; 4. parents-in-law; 5. whoever the
participant named in a will.
"""

from __future__ import annotations

from enum import StrEnum


class Relation(StrEnum):
    SPOUSE = "spouse"  # suami/istri
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    PARENT_IN_LAW = "parent_in_law"
    NAMED_IN_WILL = "will"


class EducationLevel(StrEnum):
    """For the scholarship (beasiswa): the level the child is in now."""

    NONE = ""
    TK_SD = "TK_SD"
    SMP = "SMP"
    SMA = "SMA"
    PT = "PT"  # perguruan tinggi / pelatihan
