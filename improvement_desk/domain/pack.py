"""The board pack's sections and the board's pack template.

The pack's order is the brief's unless the board's template says otherwise;
a section can be left out, never duplicated. Papers always come last because
their pages are merged in after the generated pages are numbered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from improvement_desk.domain.errors import FieldProblem


class PackSection(StrEnum):
    COVER = "cover"
    CONTENTS = "contents"
    AGENDA = "agenda"
    MINUTES = "minutes"
    ACTION_LOG = "action_log"
    PLAN = "plan"
    RISKS = "risks"
    SCORECARD = "scorecard"
    PAPERS = "papers"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    PackSection.COVER: "Cover",
    PackSection.CONTENTS: "Contents",
    PackSection.AGENDA: "Agenda",
    PackSection.MINUTES: "Minutes of the previous meeting",
    PackSection.ACTION_LOG: "Action log",
    PackSection.PLAN: "Improvement plan highlight report",
    PackSection.RISKS: "Risk register",
    PackSection.SCORECARD: "Performance scorecard",
    PackSection.PAPERS: "Papers",
}

DEFAULT_SECTIONS: tuple[PackSection, ...] = tuple(PackSection)
DEFAULT_ACCENT = "#1F3A5F"
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
MAX_LOGO_BYTES = 2_000_000


def validate_template(
    sections: Sequence[PackSection], accent: str, logo: bytes | None
) -> list[FieldProblem]:
    found: list[FieldProblem] = []
    if len(set(sections)) != len(sections):
        found.append(FieldProblem("Sections", "a section is listed twice"))
    if not sections:
        found.append(FieldProblem("Sections", "a pack needs at least one section"))
    if PackSection.PAPERS in sections and sections[-1] is not PackSection.PAPERS:
        found.append(FieldProblem("Sections", "the papers come last (they are merged in)"))
    if sections and PackSection.COVER in sections and sections[0] is not PackSection.COVER:
        found.append(FieldProblem("Sections", "the cover comes first"))
    if not _COLOUR.match(accent):
        found.append(FieldProblem("Accent colour", f'"{accent}" is not a colour like #1F3A5F'))
    if logo is not None:
        if len(logo) > MAX_LOGO_BYTES:
            found.append(FieldProblem("Logo", "is larger than 2 MB"))
        elif not (logo.startswith(b"\x89PNG\r\n\x1a\n") or logo.startswith(b"\xff\xd8\xff")):
            found.append(FieldProblem("Logo", "must be a PNG or JPEG image"))
    return found
