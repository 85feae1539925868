"""Who among the heirs may claim: the order of entitlement (PP 44/2015 art. 37(5) and its
elucidation, which PP 82/2019 left as it was).

1. widow/widower and children;
2. if none: blood relatives in the straight line up to the second degree — parents,
   grandparents and grandchildren, **one** rank;
3. siblings; 4. parents-in-law; 5. whoever the participant named in a will.
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
    Relation.GRANDPARENT: 2,
    Relation.GRANDCHILD: 2,
    Relation.SIBLING: 3,
    Relation.PARENT_IN_LAW: 4,
    Relation.NAMED_IN_WILL: 5,
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
