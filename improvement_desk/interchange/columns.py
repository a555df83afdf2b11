"""Columns of an exchanged table, declared once for export and import.

A `ColumnSpec` names a field, the header it is exported under, the other
headers officers use for it, and whether a returned copy may change it. The
risk register and the action log declare their own lists the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = re.compile(r"[^a-z0-9]+")


def normalise_header(text: object) -> str:
    """'Lead Officer ', 'lead-officer', 'Who?' -> 'lead officer', 'who'."""
    return _SPACE.sub(" ", str(text or "").casefold()).strip()


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    field: str
    header: str
    synonyms: tuple[str, ...] = ()
    editable: bool = False
    required: bool = False
    kind: str = "text"  # text | date | brag | confidence | key
    width: int = 16  # characters, for the export
    note: str = ""  # explained on the export's notes sheet

    def matches(self, header: object) -> bool:
        wanted = normalise_header(header)
        return bool(wanted) and wanted in {
            normalise_header(h) for h in (self.header, *self.synonyms)
        }


PLAN_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "key",
        "Record key",
        ("key", "id key", "record id"),
        kind="key",
        width=10,
        note="Matches a returned copy to the action it came from. Do not change.",
    ),
    ColumnSpec(
        "recommendation_reference",
        "Rec. ref",
        (
            "recommendation ref",
            "recommendation reference",
            "rec ref",
            "rec",
            "recommendation no",
            "recommendation number",
            "ofsted recommendation ref",
        ),
        width=9,
        note="The recommendation this action delivers.",
    ),
    ColumnSpec(
        "recommendation_text",
        "Recommendation",
        (
            "recommendation",
            "ofsted recommendation",
            "area for improvement",
            "improvement area",
            "what needs to improve",
        ),
        width=40,
    ),
    ColumnSpec(
        "theme",
        "Theme",
        ("workstream", "theme workstream", "priority area", "category", "task category", "area"),
        width=20,
    ),
    ColumnSpec(
        "reference",
        "Action ref",
        (
            "action ref",
            "ref",
            "reference",
            "action no",
            "action number",
            "no",
            "id",
            "s no",
            "action id",
        ),
        required=True,
        width=9,
        note="Unique reference of the action, e.g. 3.2.",
    ),
    ColumnSpec(
        "description",
        "Action",
        (
            "action",
            "actions",
            "description",
            "action description",
            "task",
            "task description",
            "actions required",
            "item description",
            "what",
        ),
        required=True,
        width=50,
    ),
    ColumnSpec(
        "lead_officer",
        "Lead officer",
        (
            "lead officer",
            "lead",
            "owner",
            "owners",
            "who",
            "responsible",
            "responsible officer",
            "action owner",
            "owner s",
        ),
        required=True,
        width=22,
    ),
    ColumnSpec(
        "start_date",
        "Start date",
        ("start", "start date", "date started", "from"),
        kind="date",
        width=13,
    ),
    ColumnSpec(
        "target_date",
        "Target date",
        (
            "target date",
            "target",
            "due",
            "due date",
            "when",
            "deadline",
            "completion date",
            "end date",
            "by when",
            "timescale",
        ),
        required=True,
        kind="date",
        width=13,
    ),
    ColumnSpec(
        "success_measures",
        "Success measures",
        (
            "success measures",
            "success measure",
            "measures of success",
            "outcome",
            "outcomes",
            "success criteria",
        ),
        width=35,
    ),
    ColumnSpec(
        "status",
        "Status (BRAG)",
        (
            "status",
            "brag",
            "rag",
            "rag status",
            "brag status",
            "delivery status",
            "progress rag",
            "delivery rag",
            "rag rating",
            "rating",
            "completion status",
            "current status",
        ),
        editable=True,
        kind="brag",
        width=14,
        note="Blue, Red, Amber, Green or Not started. Blue needs evidence and the board's decision.",
    ),
    ColumnSpec(
        "confidence",
        "Confidence",
        ("confidence", "confidence rating", "delivery confidence"),
        editable=True,
        kind="confidence",
        width=13,
        note="High, Medium or Low.",
    ),
    ColumnSpec(
        "progress_update",
        "Progress update",
        (
            "progress update",
            "progress",
            "update",
            "latest update",
            "progress notes",
            "commentary",
            "comments",
            "remarks",
            "progress to date",
        ),
        editable=True,
        width=50,
        note="Write this period's update here; it is added to the action's history.",
    ),
    ColumnSpec(
        "evidence_of_impact",
        "Evidence of impact",
        ("evidence of impact", "evidence", "evidence impact"),
        editable=True,
        width=35,
    ),
    ColumnSpec(
        "closure_decision",
        "Board decision",
        ("board decision", "closure decision", "decision", "agreed by board"),
        editable=True,
        width=22,
        note="The board minute that agreed closure (for Blue).",
    ),
)
