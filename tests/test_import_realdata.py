"""Every real workbook in ../shared/realdata/xlsx goes through the whole import preview.

Action-plan and action-log shapes are recognised as asserted here; the rest are
refused or previewed with reasons, and none raises anything but ImportRejected.
The files are read in place and never copied into the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REALDATA

from improvement_desk.interchange.problems import ImportRejected
from improvement_desk.services.desk import Desk
from improvement_desk.services.import_outcomes import ImportPreview, RowKind

REAL = REALDATA / "xlsx"
WORKBOOKS = sorted(REAL.glob("*.xlsx")) if REAL.is_dir() else []
pytestmark = pytest.mark.skipif(
    not WORKBOOKS, reason="../shared/realdata is not beside the project"
)


def preview(desk: Desk, name: str) -> ImportPreview:
    return desk.imports.preview(REAL / name)


@pytest.mark.sqlite_only  # a sweep of the workbook parser; previews write nothing
@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_real_workbook_previews_or_is_refused_plainly(desk: Desk, path: Path) -> None:
    before = desk.plan.snapshot()
    outcome_or_error: ImportPreview | ImportRejected
    try:
        outcome_or_error = desk.imports.preview(path)
    except ImportRejected as refused:
        outcome_or_error = refused
    if isinstance(outcome_or_error, ImportRejected):
        message = str(outcome_or_error)
        assert message.startswith(path.name)
        assert len(message) < 400, "a message, not a dump"
    else:
        for outcome in outcome_or_error.outcomes:
            if outcome.kind is RowKind.REFUSED:
                assert outcome.reasons, f"row {outcome.row} refused without a reason"
                assert all(p.reason for p in outcome.reasons)
    assert desk.plan.snapshot() == before, "a preview writes nothing"


def test_action_tracker_without_dates_is_refused_row_by_row(desk: Desk) -> None:
    result = preview(desk, "artanalytics_Action_Tracker.xlsx")
    assert result.sheet == "Action Tracker"
    assert result.header_row == 1
    assert result.mapping["reference"] == "B"
    assert result.mapping["lead_officer"] == "E"
    assert "target_date" not in result.mapping
    assert len(result.outcomes) == 37
    assert {o.kind for o in result.outcomes} == {RowKind.REFUSED}
    reasons = [" ".join(p.reason for p in o.reasons) for o in result.outcomes]
    assert all("target date" in r for r in reasons), reasons[:3]
    assert any("no column for 'target_date'" in w.reason for w in result.warnings)
    shared = [w for o in result.outcomes for w in o.warnings if "several owners" in w.reason]
    assert shared, "'Vasu/Thiru' is read as two owners, the first leading"


def test_template_placeholders_are_not_imported(desk: Desk) -> None:
    result = preview(desk, "sigtoolkit_Action_Decision_Log.xlsx")
    assert (result.sheet, result.header_row) == ("Action & Decision Log", 4)
    assert result.outcomes == []
    assert any("example" in s.reason or "placeholder" in s.reason for s in result.skipped)


def test_action_log_of_phantom_rows_imports_nothing(desk: Desk) -> None:
    result = preview(desk, "sussex_fyp_Action_Log.xlsx")
    assert (result.sheet, result.header_row) == ("Action Log", 4)
    assert result.outcomes == []
    assert any("only a number" in s.reason for s in result.skipped)


def test_a_risk_register_is_not_mistaken_for_a_plan(desk: Desk) -> None:
    result = preview(desk, "teamawesome_Risk_Register.xlsx")
    assert result.count(RowKind.NEW) == 0
    assert result.count(RowKind.REFUSED) == len(result.outcomes) > 0


def test_excel_features_openpyxl_drops_are_warnings_not_noise(
    desk: Desk, capfd: pytest.CaptureFixture[str]
) -> None:
    result = preview(desk, "dluhc_towns_fund_round7_return.xlsx")
    assert any("Excel feature not read" in w.reason for w in result.warnings)
    assert "UserWarning" not in capfd.readouterr().err
