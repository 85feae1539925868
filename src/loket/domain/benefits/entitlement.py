"""Who among the heirs may claim: the order of entitlement (PP 82/2019, as practised).

1. widow/widower and children; 2. parents, then grandchildren; 3. siblings;
4. parents-in-law; 5. whoever the participant named in a will.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from loket.domain.benefits.common import IneligibleClaim
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.domain.heirs import Relation

HEIR_RANK = {
    Relation.SPOUSE: 1,
    Relation.CHILD: 1,
    Relation.PARENT: 2,
    Relation.GRANDCHILD: 3,
    Relation.SIBLING: 4,
    Relation.PARENT_IN_LAW: 5,
    Relation.NAMED_IN_WILL: 6,
}


@dataclass(frozen=True)
class HeirRef:
    name: str
    relation: Relation


def entitled_heirs(heirs: Sequence[HeirRef]) -> list[HeirRef]:
    """The heirs first in the order of entitlement among those recorded."""
    if not heirs:
        return []
    first = min(HEIR_RANK[h.relation] for h in heirs)
    return [h for h in heirs if HEIR_RANK[h.relation] == first]


def check_claimant(claimant: HeirRef, heirs: Sequence[HeirRef]) -> None:
    """The claimant must be among the first entitled heirs; else say who is."""
    entitled = entitled_heirs([*heirs, claimant])
    if claimant not in entitled:
        raise IneligibleClaim(
            QT_TRANSLATE_NOOP(
                "LoketError", "{name} bukan ahli waris yang berhak. Yang berhak: {entitled}."
            ),
            field="claimant",
            name=claimant.name,
            entitled=", ".join(h.name for h in entitled),
        )
