"""The headless commands, run in-process and (once) as a real subprocess without Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from improvement_desk import cli
from improvement_desk.db.schema import SCHEMA_REVISIONS, script_revisions
from improvement_desk.services import demo_content


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_creates_a_sound_board(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    code, out, _ = run(["demo", "--db", str(db)], capsys)
    assert code == 0
    assert "39 actions" in out or "actions" in out
    code, out, _ = run(["check", "--db", str(db)], capsys)
    assert code == 0, out
    assert "Board is sound." in out
    code, out, _ = run(["dump", "--db", str(db), "--json"], capsys)
    data = json.loads(out)
    assert data["schema"] == SCHEMA_REVISIONS[-1]
    assert data["board"]["name"] == demo_content.BOARD_NAME
    assert data["board"]["as_at_date"] == demo_content.AS_AT.isoformat()
    actions = [a for r in data["recommendations"] for a in r["actions"]]
    assert len(actions) == sum(len(r.actions) for r in demo_content.RECOMMENDATIONS)
    rebaselined = [a for a in actions if a["target_revisions"]]
    assert rebaselined, "the demo has re-baselined actions"
    for a in rebaselined:
        assert a["target_revisions"][0]["previous_date"] == a["original_target_date"]
        assert a["target_revisions"][-1]["new_date"] == a["target_date"]
    statuses = {a["status"] for a in actions}
    assert statuses == {"not_started", "red", "amber", "green", "blue"}
    assert all(
        a["evidence_of_impact"] and a["closure_decision"] for a in actions if a["status"] == "blue"
    )
    assert data["audit"], "loading the demo is audited"


def test_demo_content_is_valid() -> None:
    assert demo_content.validate() == []


def test_demo_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "mine.db"
    db.write_bytes(b"precious")
    code, _, err = run(["demo", "--db", str(db)], capsys)
    assert code == 2
    assert "already exists" in err
    assert db.read_bytes() == b"precious"


def test_demo_with_synthetic_actions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "big.db"
    code, out, _ = run(["demo", "--db", str(db), "--actions", "120"], capsys)
    assert code == 0
    code, out, _ = run(["dump", "--db", str(db)], capsys)
    assert "actions: 159" in out
    code, out, _ = run(["check", "--db", str(db)], capsys)
    assert code == 0, out


@pytest.mark.parametrize("bad", ["-1", "many", "100001"])
def test_demo_rejects_bad_action_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["demo", "--db", str(tmp_path / "x.db"), "--actions", bad])
    assert exited.value.code == 2
    assert "--actions" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_dump_and_check_refuse_files_that_are_not_boards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("minutes of the last meeting\n")
    for command in ("dump", "check"):
        code, out, err = run([command, "--db", str(text)], capsys)
        assert code == 2
        assert "notes.txt is not an Improvement Desk board" in err
        assert out == ""
    code, _, err = run(["dump", "--db", str(tmp_path / "missing.db")], capsys)
    assert code == 2
    assert "no board file" in err
    assert not (tmp_path / "missing.db").exists()


def test_check_reports_a_broken_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    run(["demo", "--db", str(db)], capsys)
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE plan_action SET lead_officer_id = 9999 WHERE id = 1")
    conn.commit()
    conn.close()
    code, out, _ = run(["check", "--db", str(db)], capsys)
    assert code == 1
    assert "PROBLEM  Foreign keys" in out


def test_schema_revision_constant_matches_the_migrations() -> None:
    assert list(SCHEMA_REVISIONS) == script_revisions()


def test_headless_commands_never_import_qt(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    code = (
        "import sys\n"
        "from improvement_desk.launcher import main\n"
        f"assert main(['demo', '--db', {str(db)!r}]) == 0\n"
        f"assert main(['check', '--db', {str(db)!r}]) == 0\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not loaded, loaded\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# -- the action log: `--kind actions` ----------------------------------------------------------


def _board_with_a_log(db: Path) -> tuple[int, int]:
    """A board with one meeting, two owners and three log actions; (meeting id, A1's id)."""
    from datetime import date

    from conftest import ACTOR, TODAY
    from log_fixtures import add_meeting, add_owner

    from improvement_desk.domain.action_log import LogActionDraft
    from improvement_desk.services.desk import open_desk

    desk = open_desk(db, ACTOR, create=True, board_name="Log Board", today=lambda: TODAY)
    try:
        meeting = add_meeting(desk, date(2014, 3, 12))
        jo, sam = add_owner(desk, "Jo Bloggs"), add_owner(desk, "Sam Patel")
        a1 = desk.action_log.add(meeting.id, None, LogActionDraft("Recruit", jo, date(2014, 4, 30)))
        desk.action_log.add(meeting.id, None, LogActionDraft("Audit", sam, date(2014, 5, 30)))
        desk.action_log.add(meeting.id, None, LogActionDraft("Report", sam, date(2014, 6, 30)))
        return meeting.id, a1.summary.id
    finally:
        desk.close()


def test_kind_actions_exports_and_imports_the_action_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    db = tmp_path / "log.db"
    _board_with_a_log(db)
    out = tmp_path / "log.xlsx"
    code, text, _ = run(["export", "--kind", "actions", "--db", str(db), "-o", str(out)], capsys)
    assert (code, text.strip()) == (0, f"Exported 3 log actions to {out}")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Action log", "Notes"]
    sheet = book["Action log"]
    sheet["I5"] = "Complete"  # A1's status
    book.save(out)
    code, text, _ = run(
        ["import", str(out), "--kind", "actions", "--db", str(db), "--json"], capsys
    )
    summary = json.loads(text)
    assert code == 0
    assert (summary["updated"], summary["unchanged"], summary["applied"]) == (1, 2, True)
    code, text, _ = run(
        ["import", str(out), "--kind", "actions", "--db", str(db), "--dry-run"], capsys
    )
    assert code == 0
    assert "0 new, 0 changed, 3 unchanged, 0 refused" in text

    folder = tmp_path / "returns"
    args = ["export", "--kind", "actions", "--per-owner", "--db", str(db), "-o", str(folder)]
    code, text, _ = run(args, capsys)
    assert code == 0
    [book_path] = folder.iterdir()  # A1 is complete: Jo has nothing to update
    assert book_path.name.startswith("Log Board - Sam Patel - action log for update ")
    assert text.splitlines() == [
        f"Sam Patel: 2 action(s) → {book_path}",
        "Wrote 1 workbook(s) for update.",
    ]


def test_kind_actions_import_takes_a_meeting_for_rows_that_name_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    db = tmp_path / "log.db"
    meeting_id, _ = _board_with_a_log(db)
    book = openpyxl.Workbook()
    book.active.append(["Action required", "Who?", "Deadline"])
    book.active.append(["Brief the lead member", "Jo Bloggs", "30/04/2014"])
    path = tmp_path / "minutes actions.xlsx"
    book.save(path)
    code, text, _ = run(["import", str(path), "--kind", "actions", "--db", str(db)], capsys)
    assert code == 1
    assert "REFUSED Sheet row 2: a new action needs the date of the meeting that agreed it" in text
    assert "Nothing was imported" in text
    args = ["import", str(path), "--kind", "actions", "--db", str(db), "--meeting", str(meeting_id)]
    code, text, _ = run([*args, "--json"], capsys)
    summary = json.loads(text)
    assert (code, summary["added"], summary["applied"]) == (0, 1, True)
    code, _, err = run([*args[:-1], "999"], capsys)
    assert code == 2
    assert "999" in err


def test_kind_help_names_the_action_log(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("export", "import"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "the action log" in text
        assert "(plan or actions)" not in text


def test_the_launcher_knows_every_cli_command() -> None:
    """`improvement-desk minutes …` opened the GUI (and failed) until the launcher listed it."""
    import argparse

    from improvement_desk.launcher import CLI_COMMANDS

    parser = cli.build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(commands.choices) == CLI_COMMANDS


# -- the scorecard: `--kind scorecard` ---------------------------------------------------------


def _board_with_a_scorecard(db: Path) -> None:
    """A board with two indicators: CP1 (two months of figures) and RR (none yet)."""
    from datetime import date

    from conftest import ACTOR, TODAY

    from improvement_desk.domain.scorecard import FigureDraft, IndicatorDraft, Polarity, Unit
    from improvement_desk.services.desk import open_desk

    desk = open_desk(db, ACTOR, create=True, board_name="Card Board", today=lambda: TODAY)
    try:
        cp1 = desk.indicators.create(
            IndicatorDraft("CP1", "Visits in timescale", Unit.PERCENT, Polarity.HIGHER_IS_BETTER),
            target=90,
        )
        desk.indicators.create(
            IndicatorDraft("RR", "Re-referrals", Unit.PERCENT, Polarity.LOWER_IS_BETTER)
        )
        for period, value in ((date(2014, 1, 1), 93.8), (date(2014, 2, 1), 88.0)):
            desk.figures.record(cp1.id, FigureDraft(period, value))
    finally:
        desk.close()


def test_kind_scorecard_exports_and_imports_the_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    db = tmp_path / "card.db"
    _board_with_a_scorecard(db)
    out = tmp_path / "card.xlsx"
    code, text, _ = run(["export", "--kind", "scorecard", "--db", str(db), "-o", str(out)], capsys)
    assert (code, text.strip()) == (0, f"Exported 2 indicators to {out}")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Scorecard", "Figures", "Notes"]
    sheet = book["Figures"]
    assert [c.value for c in sheet[4]][:5] == ["Ref", "Indicator", "Unit", "Jan 2014", "Feb 2014"]
    sheet["E5"] = 89.5  # CP1, February
    sheet["F6"] = "21.5%"  # RR, March
    book.save(out)

    code, text, _ = run(
        ["import", str(out), "--kind", "scorecard", "--db", str(db), "--dry-run"], capsys
    )
    assert code == 0
    assert "1 new, 1 changed, 0 unchanged, 0 refused" in text
    assert "row 5 CP1: Feb 2014 88.0% → 89.5%" in text
    assert "row 6 RR: Mar 2014 (none) → 21.5%" in text
    assert "Dry run: nothing was changed." in text
    code, text, _ = run(
        ["import", str(out), "--kind", "scorecard", "--db", str(db), "--json"], capsys
    )
    summary = json.loads(text)
    assert code == 0
    assert (summary["form"], summary["figures_added"], summary["figures_changed"]) == (
        "wide",
        1,
        1,
    )
    assert summary["applied"] is True
    code, text, _ = run(
        ["import", str(out), "--kind", "scorecard", "--db", str(db), "--dry-run"], capsys
    )
    assert "0 new, 0 changed, 2 unchanged, 0 refused" in text  # the copy now matches the board
    args = ["export", "--kind", "scorecard", "--per-owner", "--db", str(db), "-o", str(tmp_path)]
    assert run(args, capsys)[0] == 2


def test_kind_scorecard_refuses_by_cell_and_takes_a_period_for_a_sheet_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    db = tmp_path / "card.db"
    _board_with_a_scorecard(db)
    book = openpyxl.Workbook()
    book.active.title = "KPIs"
    book.active.append(["KPI", "Actual", "Comments"])
    book.active.append(["Visits in timescale", "twelve", "Agency staff left"])
    book.active.append(["Re-referrals", "22.5", ""])
    path = tmp_path / "kpis.xlsx"
    book.save(path)
    args = ["import", str(path), "--kind", "scorecard", "--db", str(db)]
    code, _, err = run(args, capsys)
    assert code == 2
    assert "gives no period for its figures" in err
    code, text, _ = run([*args, "--period", "Mar 2014"], capsys)
    assert code == 1
    assert "REFUSED KPIs!B2: 'twelve' is not a number" in text
    assert "Nothing was imported because rows were refused" in text
    code, text, _ = run([*args, "--period", "Mar 2014", "--skip-refused", "--json"], capsys)
    summary = json.loads(text)
    assert (code, summary["figures_added"], summary["applied"]) == (0, 1, True)
    with pytest.raises(SystemExit):
        cli.main([*args, "--period", "Marchember"])
    assert "is not a month" in capsys.readouterr().err


def test_kind_help_names_the_scorecard(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("export", "import"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "scorecard" in text
    with pytest.raises(SystemExit):
        cli.main(["import", "--help"])
    assert "--period" in capsys.readouterr().out
