"""The real action logs in ../shared/realdata/xlsx, read with the action log's columns.

Each test pins the header row and the columns recognised, how many rows are
read as actions, which rows are left out and why, and what becomes of the
actions. None of these logs names a board meeting or (filled in) a due date,
which a log action must have: the tests show that every such row is refused
by name rather than imported with an invented meeting or date, and that a
meeting chosen for the import takes the rows that name none. The files are
read in place, never copied into the repository.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from conftest import REALDATA
from log_fixtures import add_meeting, add_owner

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.services.desk import Desk
from improvement_desk.services.import_outcomes import RowKind

REAL = REALDATA / "xlsx"
pytestmark = [
    pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realdata is not beside the project"),
    pytest.mark.filterwarnings("ignore::UserWarning:openpyxl"),
]

ARTANALYTICS = REAL / "artanalytics_Action_Tracker.xlsx"
SUSSEX = REAL / "sussex_fyp_Action_Log.xlsx"
SIGNATURE = REAL / "sigtoolkit_Action_Decision_Log.xlsx"
PMO_RAID = REAL / "pmo_toolkit_RAID_Log.xlsx"
TRACKER_OWNERS = ("Thiru", "Prem", "Ram", "Vasu")


def test_the_artanalytics_tracker_is_read_and_every_action_refused_for_its_missing_dates(
    desk: Desk,
) -> None:
    """37 actions (S.No, Task Description, Owner, Status, Remarks) with no meeting and no dates."""
    [choice] = desk.log_imports.sheets(ARTANALYTICS)
    assert (choice.name, choice.header_row, choice.matched, choice.data_rows) == (
        "Action Tracker",
        1,
        5,
        37,
    )
    preview = desk.log_imports.preview(ARTANALYTICS)
    assert preview.mapping == {
        "reference": "B",
        "description": "D",
        "owner": "E",
        "status": "F",
        "update": "G",
    }
    assert preview.unmatched_headers == [("C", "Task Category")]
    assert len(preview.outcomes) == 37
    assert preview.skipped == []
    assert preview.count(RowKind.REFUSED) == 37
    assert [str(w) for w in preview.warnings] == [
        "Action Tracker row 1: no meeting column: new actions are refused unless a meeting is "
        "chosen for them (actions already in the log keep theirs)",
        "Action Tracker row 1: no due-date column: new actions are refused (a log action needs "
        "a due date)",
    ]
    reasons = Counter(p.reason for p in preview.refused)
    assert reasons["a new action needs a due date"] == 37
    assert reasons["a new action needs an owner"] == 17  # 17 rows name nobody
    assert reasons["'Thiru' is not on the board's list of people; add them first"] == 7


def test_with_its_owners_known_and_a_meeting_chosen_only_the_due_date_is_missing(
    desk: Desk,
) -> None:
    meeting = add_meeting(desk, date(2014, 3, 12))
    for name in TRACKER_OWNERS:
        add_owner(desk, name)
    preview = desk.log_imports.preview(ARTANALYTICS, default_meeting_id=meeting.id)
    owned = [o for o in preview.outcomes if not any(r.column == "E" for r in o.reasons)]
    assert len(owned) == 20
    for outcome in owned:
        assert [r.reason for r in outcome.reasons] == ["a new action needs a due date"]
    shared = [str(w) for o in preview.outcomes for w in o.warnings]
    assert (
        shared.count(
            "Action Tracker!E3: 'Vasu' is taken as the owner ('Thiru' read as a role or second owner)"
        )
        == 1
    )
    assert len(shared) == 4  # Vasu/Thiru twice, Vasu/Prem, Thiru/Ram
    assert str(preview.warnings[0]) == (
        "Action Tracker row 1: no meeting column: new actions are attached to "
        "Improvement Board, 12 Mar 2014"
    )
    assert desk.log_imports.apply(preview, skip_refused=True).added == 0
    assert desk.log.actions() == []


def test_the_sussex_log_is_a_header_over_pre_numbered_empty_rows(desk: Desk) -> None:
    """Header in row 4 from column C; rows 5-116 hold only =C5+1 numbers and one date."""
    preview = desk.log_imports.preview(SUSSEX)
    assert (preview.sheet, preview.header_row) == ("Action Log", 4)
    assert preview.mapping == {
        "reference": "C",
        "meeting_date": "H",
        "description": "E",
        "owner": "G",
        "due": "I",
        "status": "L",
        "update": "M",
        "closed_on": "J",
    }
    assert preview.unmatched_headers == [("D", "Related Task"), ("F", "RAG"), ("K", "Category")]
    assert preview.outcomes == []
    assert [str(s) for s in preview.skipped] == [
        "Action Log row 5: no action and no owner, so not read as an action: '6 February 2023 / 1'",
        "Action Log row 6: row has only a number (rows 6–116)",
    ]


def test_the_action_and_decision_log_is_recognised_and_its_template_rows_left_out(
    desk: Desk,
) -> None:
    preview = desk.log_imports.preview(SIGNATURE)
    assert (preview.sheet, preview.header_row) == ("Action & Decision Log", 4)
    assert preview.mapping == {
        "reference": "A",
        "meeting_date": "G",
        "description": "D",
        "owner": "F",
        "due": "H",
        "status": "I",
        "entry_type": "C",
    }
    assert preview.outcomes == []
    assert [str(s) for s in preview.skipped] == [
        "Action & Decision Log row 5: example or guidance row (rows 5–6)"
    ]


def test_a_raid_log_has_no_actions(desk: Desk) -> None:
    preview = desk.log_imports.preview(PMO_RAID)
    assert preview.mapping["entry_type"] == "B"
    assert preview.outcomes == []
    assert [s.reason for s in preview.skipped] == [
        "a 'Risk' entry, not an action",
        "an 'Issue' entry, not an action",
        "an 'Assumption' entry, not an action",
        "a 'Dependency' entry, not an action",
    ]


def test_the_trackers_statuses_are_all_read(desk: Desk) -> None:
    """'Completed' and 'In progress' as the tracker writes them, blank left as Open."""
    from improvement_desk.interchange.log_values import parse_log_status

    assert parse_log_status("Completed").value is LogStatus.COMPLETE
    assert parse_log_status("In progress").value is LogStatus.IN_PROGRESS
    preview = desk.log_imports.preview(ARTANALYTICS)
    assert not [p for p in preview.refused if p.column == "F"]  # no status refused
