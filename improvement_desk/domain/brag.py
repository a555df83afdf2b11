"""Delivery status (BRAG) and confidence ratings.

Each rating carries a letter as well as a colour so that a colour-blind
reader, a black-and-white print and a screen reader all get the meaning.
"""

from __future__ import annotations

from enum import StrEnum


class Brag(StrEnum):
    NOT_STARTED = "not_started"
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"

    @property
    def label(self) -> str:
        return _BRAG_LABELS[self]

    @property
    def letter(self) -> str:
        """Shown beside the colour; '–' for not started."""
        return _BRAG_LETTERS[self]

    @property
    def colour(self) -> str:
        """Fill colour as #RRGGBB; text on it is black except on red and blue."""
        return _BRAG_COLOURS[self]

    @property
    def meaning(self) -> str:
        return _BRAG_MEANINGS[self]

    @property
    def severity(self) -> int:
        """Sort key: most worrying first when sorted descending."""
        return _BRAG_SEVERITY[self]

    @classmethod
    def from_text(cls, text: str) -> Brag:
        """Accept the value, the label or the letter, as officers type them."""
        key = " ".join(text.strip().lower().replace("_", " ").split())
        for member in cls:
            if key in {member.value.replace("_", " "), member.label.lower(), member.letter.lower()}:
                return member
        raise ValueError(f"{text!r} is not a BRAG status")


_BRAG_LABELS = {
    Brag.NOT_STARTED: "Not started",
    Brag.RED: "Red",
    Brag.AMBER: "Amber",
    Brag.GREEN: "Green",
    Brag.BLUE: "Blue",
}
_BRAG_LETTERS = {
    Brag.NOT_STARTED: "–",
    Brag.RED: "R",
    Brag.AMBER: "A",
    Brag.GREEN: "G",
    Brag.BLUE: "B",
}
_BRAG_COLOURS = {
    Brag.NOT_STARTED: "#D9D9D9",
    Brag.RED: "#C0392B",
    Brag.AMBER: "#F0A30A",
    Brag.GREEN: "#2E8B57",
    Brag.BLUE: "#1F5FA8",
}
_BRAG_MEANINGS = {
    Brag.NOT_STARTED: "Work has not begun",
    Brag.RED: "Off track, blocked, or more than one month behind",
    Brag.AMBER: "At risk, or up to one month behind",
    Brag.GREEN: "On track",
    Brag.BLUE: "Complete, impact evidenced, closure agreed by the board",
}
_BRAG_SEVERITY = {
    Brag.BLUE: 0,
    Brag.GREEN: 1,
    Brag.NOT_STARTED: 2,
    Brag.AMBER: 3,
    Brag.RED: 4,
}


class Confidence(StrEnum):
    """The board's separate view of whether an action will deliver its impact."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label(self) -> str:
        return self.value.capitalize()
