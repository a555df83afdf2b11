"""Protective marking and exemption from publication (Schedule 12A).

A document carries the highest marking of anything in it, so markings are
ordered; an exempt agenda item names the paragraph of Schedule 12A to the
Local Government Act 1972 that justifies keeping it out of the public pack.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Marking(StrEnum):
    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"

    @property
    def label(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        return 0 if self is Marking.OFFICIAL else 1

    @classmethod
    def parse(cls, text: str) -> Marking:
        """Accepts "official-sensitive", "OFFICIAL SENSITIVE", "Official_Sensitive"."""
        key = "-".join(text.strip().upper().replace("_", " ").replace("-", " ").split())
        return cls(key)


def highest_marking(markings: Iterable[Marking]) -> Marking:
    """The marking a document made of these parts must carry (OFFICIAL if none)."""
    return max(markings, key=lambda m: m.rank, default=Marking.OFFICIAL)


# Schedule 12A, Part 1, Local Government Act 1972 (England), short forms for lists and
# the public pack's "exempt" line.
EXEMPT_PARAGRAPHS: dict[int, str] = {
    1: "Information relating to any individual",
    2: "Information which is likely to reveal the identity of an individual",
    3: "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information)",
    4: "Information relating to consultations or negotiations in connection with any labour "
    "relations matter",
    5: "Information in respect of which a claim to legal professional privilege could be "
    "maintained in legal proceedings",
    6: "Information which reveals that the authority proposes to give a notice imposing "
    "requirements on a person, or to make an order or direction under any enactment",
    7: "Information relating to any action taken or to be taken in connection with the "
    "prevention, investigation or prosecution of crime",
}


def exempt_reason(paragraph: int) -> str:
    """The line the public pack prints in place of an exempt item."""
    return (
        f"This item is exempt from publication under paragraph {paragraph} of Schedule 12A "
        f"to the Local Government Act 1972: {EXEMPT_PARAGRAPHS[paragraph].lower()}."
    )
