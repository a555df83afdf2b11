"""Columns of the exchanged action log, declared once for export and import.

Headings were gathered from the action logs boards actually keep: the Sussex
board-style "Action Log" (Action Ref, Action / Decision, Owner, Date Raised,
Target Date, Date Closed, Status, Outcome), the ARTanalytics tracker (S.No,
Task Description, Owner, Status, Remarks), the Signature toolkit's Action &
Decision Log (ID, Type, Item / Description, Owner(s), Date Raised, Due Date,
Status) and council minutes' "summary of action points" tables (Action no.,
Action required, Lead / Who?, Deadline, Revised date, Progress).

How a log names its dates: "Date raised", "Meeting" and "Date agreed" are the
meeting that agreed the action (a new row is attached to the board's meeting
of that date); "Due", "Deadline" and "Target date" the date the action is due
now; "Revised date" a new due date beside the first one (the "Due" column is
then the original); "Original due date" is the first promise, which never
changes. The agenda item is read only for a new row (its meeting's item of
that number), and the date closed only when a row marks its action Closed
(the board's meeting that day closes it); otherwise both are for reading.
"""

from __future__ import annotations

from improvement_desk.interchange.columns import ColumnSpec

# ColumnSpec.kind values used here, beyond text | date | key:
LOG_STATUS = "log_status"  # Open / In progress / Complete / Closed (log_values.parse_log_status)
ENTRY_TYPE = "entry_type"  # an action-and-decision log's Action / Decision / Risk; import only

LOG_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "key",
        "Record key",
        ("key", "id key", "record id"),
        kind="key",
        width=10,
        note="Matches a returned copy to the log action it came from. Do not change.",
    ),
    ColumnSpec(
        "reference",
        "Ref",
        (
            "ref",
            "reference",
            "action ref",
            "action reference",
            "action no",
            "action number",
            "action id",
            "id",
            "no",
            "number",
            "s no",
            "ref no",
            "log ref",
            "action point no",
        ),
        width=7,
        note="The action's reference, e.g. A12. A new row without one is numbered by the app.",
    ),
    ColumnSpec(
        "meeting_date",
        "Meeting",
        (
            "meeting",
            "meeting date",
            "date of meeting",
            "mtg date",
            "board meeting",
            "date raised",
            "raised",
            "raised on",
            "date agreed",
            "agreed",
            "date identified",
            "date opened",
            "date logged",
            "date added",
            "date",
        ),
        kind="date",
        width=13,
        note="Date of the meeting that agreed the action. A new row's date must be a meeting "
        "on the board.",
    ),
    ColumnSpec(
        "item",
        "Agenda item",
        ("agenda item", "item", "item no", "minute", "minute ref", "minute no", "agenda ref"),
        width=22,
        note="The item of that meeting the action arose under. A new row's item number "
        "ties the new action to that item.",
    ),
    ColumnSpec(
        "description",
        "Action",
        (
            "action",
            "actions",
            "action required",
            "actions required",
            "action agreed",
            "action point",
            "action points",
            "action decision",
            "action description",
            "description",
            "item description",
            "task",
            "task description",
            "details",
            "what",
        ),
        required=True,
        width=50,
    ),
    ColumnSpec(
        "owner",
        "Owner",
        (
            "owner",
            "owners",
            "owner s",
            "action owner",
            "lead",
            "lead officer",
            "lead person",
            "who",
            "by whom",
            "action by",
            "responsible",
            "responsible officer",
            "responsibility",
            "assigned to",
        ),
        required=True,
        width=20,
        note="A person on the board's list of people; a name it does not know is refused.",
    ),
    ColumnSpec(
        "original_due",
        "Original due date",
        (
            "original due date",
            "original due",
            "original deadline",
            "original date",
            "original target date",
            "first due date",
        ),
        kind="date",
        width=13,
        note="The date first agreed; it never changes (a new date is a revision).",
    ),
    ColumnSpec(
        "due",
        "Due date",
        (
            "due",
            "due date",
            "date due",
            "deadline",
            "target date",
            "target",
            "by when",
            "when",
            "timescale",
            "current due date",
            "end date",
            "completion date",
            "target completion date",
            "date for completion",
        ),
        required=True,
        editable=True,
        kind="date",
        width=13,
        note="Change it to revise the due date: the revision keeps the original date and "
        "records the reason given beside it.",
    ),
    ColumnSpec(
        "revised_due",
        "Revised date",
        (
            "revised date",
            "revised due date",
            "revised deadline",
            "revised target date",
            "revised target",
            "new due date",
            "new date",
            "new deadline",
        ),
        kind="date",
        width=13,
        note="Import only: a log that keeps a revised date beside the due date.",
    ),
    ColumnSpec(
        "revision_reason",
        "Reason for new date",
        (
            "reason for new date",
            "reason for revision",
            "reason for change",
            "reason for delay",
            "revision reason",
            "reason revised",
            "reason",
        ),
        editable=True,
        width=28,
        note="Why the due date moved. Left as it is, a changed date is recorded as "
        "'Revised in owner return'.",
    ),
    ColumnSpec(
        "status",
        "Status",
        (
            "status",
            "action status",
            "current status",
            "progress status",
            "state",
            "open closed",
        ),
        editable=True,
        kind=LOG_STATUS,
        width=14,
        note="Open, In progress or Complete. Only the board closes an action, at a meeting.",
    ),
    ColumnSpec(
        "update",
        "Latest update",
        (
            "latest update",
            "update",
            "updates",
            "progress",
            "progress update",
            "progress to date",
            "progress notes",
            "update comments",
            "comments",
            "comment",
            "commentary",
            "notes",
            "remarks",
            "outcome",
        ),
        editable=True,
        width=45,
        note="Write this period's update over the latest one; it is added to the action's "
        "history, dated the day of the import.",
    ),
    ColumnSpec(
        "closed_on",
        "Date closed",
        ("date closed", "closed on", "closed", "closure date", "date completed"),
        kind="date",
        width=13,
        note="When the board closed the action. Set by the app when a meeting closes it.",
    ),
)

EXPORTED_FIELDS = frozenset(
    {
        "key",
        "reference",
        "meeting_date",
        "item",
        "description",
        "owner",
        "original_due",
        "due",
        "revision_reason",
        "status",
        "update",
        "closed_on",
    }
)

LOG_EXPORT_COLUMNS: tuple[ColumnSpec, ...] = tuple(
    spec for spec in LOG_COLUMNS if spec.field in EXPORTED_FIELDS
)
"""What an export writes: every column but the import-only revised date."""

LOG_IMPORT_COLUMNS: tuple[ColumnSpec, ...] = (
    *LOG_COLUMNS,
    ColumnSpec(
        "entry_type",
        "Type",
        ("type", "item type", "entry type", "log type", "action decision type", "category type"),
        kind=ENTRY_TYPE,
    ),
)
"""What an import looks for: the log's columns and, for an action-and-decision log, the
column saying which rows are actions (the decisions and risks beside them are left out)."""


def log_column(field: str) -> ColumnSpec:
    """The spec of one field; KeyError for a field the log does not have."""
    for spec in LOG_IMPORT_COLUMNS:
        if spec.field == field:
            return spec
    raise KeyError(field)
