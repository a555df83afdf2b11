"""Renders the app's screens offscreen from a fresh demo board, for the README and the user guide.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.screenshots [OUT_DIR]
Screens are taken from the running app, so they stay true to it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path) -> int:
    with tempfile.TemporaryDirectory() as home:
        os.environ["IMPROVEMENT_DESK_HOME"] = home
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from improvement_desk.domain.brag import Brag
        from improvement_desk.runtime.identity import Actor
        from improvement_desk.runtime.paths import resolve_paths
        from improvement_desk.services.demo import create_demo_board
        from improvement_desk.services.desk import open_desk
        from improvement_desk.ui.board_opener import BoardOpener
        from improvement_desk.ui.icons import app_icon
        from improvement_desk.ui.main_window import MainWindow
        from improvement_desk.ui.messages import Messenger
        from improvement_desk.ui.preferences import Preferences

        app = QApplication.instance() or QApplication([])
        app.setWindowIcon(app_icon())
        paths = resolve_paths().ensure()
        actor = Actor("Clerk to the Board", "clerk")
        create_demo_board(paths.demo_board, actor)
        desk = open_desk(paths.demo_board, actor)
        messenger = Messenger()
        settings = QSettings(str(paths.config_dir / "preferences.ini"), QSettings.Format.IniFormat)
        window = MainWindow(
            desk,
            opener=BoardOpener(actor, messenger),
            messenger=messenger,
            preferences=Preferences(settings),
            paths=paths,
        )
        window.resize(1440, 860)
        window.show()
        app.processEvents()
        out.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out / "dashboard.png"))  # Home: the page a board opens on
        window.show_module("Action plan")
        page = window.plan_page
        assert page is not None
        page.select_action(
            next(a.id for a in page.snapshot().actions if a.rebaselined and a.overdue)
        )
        chosen = page.current_action()
        assert chosen is not None
        page.editor.set_status(chosen, Brag.RED)  # an overdue action re-rated, as at a board
        bar = page.detail.verticalScrollBar()
        bar.setValue(bar.maximum())
        app.processEvents()
        out.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(out / "action-plan.png"))
        page.filters.overdue.setChecked(True)
        app.processEvents()
        window.grab().save(str(out / "action-plan-overdue.png"))
        page.filters.overdue.setChecked(False)
        page.editor.edit_action(page.current_action())  # type: ignore[arg-type]
        app.processEvents()
        if page.editor.dialog is not None:
            page.editor.dialog.grab().save(str(out / "edit-action.png"))
            page.editor.dialog.reject()
        _risk_screens(app, window, out)
        _meeting_screens(app, window, out)
        _pack_screens(app, window, out)
        _scorecard_screen(app, window, out)
        _search_screen(app, window, out)
        _settings_screen(app, window, out)
        _about_screen(app, window, out)
        window.close()
        _first_run_screen(app, actor, messenger, settings, paths, out)
        print(f"screens written to {out}")
    return 0


def _risk_screens(app: Any, window: Any, out: Path) -> None:
    """The register with a worsening high risk selected, then filtered by its heat-map cell."""
    window.show_module("Risk register")
    page = window.register_page
    assert page is not None
    risk = max(page.snapshot().risks, key=lambda r: (r.current_score, r.direction.severity))
    page.select_risk(risk.id)
    app.processEvents()
    window.grab().save(str(out / "risk-register.png"))
    page.heat_map.heat_map.select_cell(risk.current_likelihood, risk.current_impact)
    app.processEvents()
    window.grab().save(str(out / "risk-register-heat-map-filter.png"))
    page.heat_map.heat_map.clear_selection()
    page.editor.record_review(risk)
    app.processEvents()
    if page.editor.dialog is not None:
        page.editor.dialog.grab().save(str(out / "risk-review.png"))
        page.editor.dialog.reject()


def _meeting_screens(app: Any, window: Any, out: Path) -> None:
    """The last held meeting on the Meetings page, then at its action-log item on the meeting
    screen (matters arising and actions arising), then the action log with overdue actions."""
    from improvement_desk.domain.meeting import MeetingStatus, StandingItem

    window.show_module("Meetings")
    page = window.meetings_page
    assert page is not None
    held = [m for m in page.desk.meeting_reader.meetings() if m.status.has_been_held]
    meeting = held[-1]
    assert meeting.status is not MeetingStatus.MINUTES_APPROVED
    page.select_meeting(meeting.id)
    app.processEvents()
    window.grab().save(str(out / "meetings.png"))
    assert page.screens.show(meeting.id)
    screen = page.screens.screen
    record = page.desk.meeting_reader.meeting(meeting.id)
    log_item = next(i for i in record.items if i.standing is StandingItem.ACTION_LOG)
    screen.go_to_number(int(log_item.number))
    app.processEvents()
    window.grab().save(str(out / "meeting-screen.png"))
    screen.go_back()
    window.show_module("Action log")
    app.processEvents()
    window.grab().save(str(out / "action-log.png"))


def _pack_screens(app: Any, window: Any, out: Path) -> None:
    """Board pack… for the latest meeting whose public pack leaves something out, then the
    preview of its full pack at the papers (the bookmarks list them by agenda item)."""
    from PySide6.QtTest import QTest

    from improvement_desk.ui.pack.preview import open_pdf

    window.show_module("Meetings")
    page = window.meetings_page
    assert page is not None
    desk = page.desk
    meeting = next(m for m in reversed(desk.meeting_reader.meetings())
                   if m.marking.rank == 0 and desk.pack.preview_withheld(m.id))  # fmt: skip
    page.select_meeting(meeting.id)
    page.acts.board_pack.trigger()
    dialog = page.packs.dialog
    app.processEvents()
    dialog.grab().save(str(out / "board-pack-dialog.png"))
    with tempfile.TemporaryDirectory() as folder:
        report = desk.pack.build(meeting.id, Path(folder) / "pack.pdf", public=False)
        data = report.path.read_bytes()
    preview = open_pdf(window, data, f"Board pack — {meeting.label} (full, draft)")
    preview.resize(1280, 900)
    QTest.qWait(300)
    preview.go_to_page(next(p for p, i in preview._marks if i.data() == "Papers"))
    QTest.qWait(1500)  # the view renders pages on threads of its own
    preview.grab().save(str(out / "board-pack-preview.png"))
    preview.close()
    dialog.close()


def _scorecard_screen(app: Any, window: Any, out: Path) -> None:
    """The scorecard with a deteriorating red indicator and its trend chart."""
    from improvement_desk.domain.scorecard import Rag, Trend

    window.show_module("Scorecard")
    page = window.scorecard_page
    assert page is not None
    rows = page.desk.scorecard.snapshot().rows
    chosen = next((r for r in rows if r.rag is Rag.RED and r.trend is Trend.DETERIORATING), rows[0])
    page.reload(select=chosen.indicator.id)
    app.processEvents()
    window.grab().save(str(out / "scorecard.png"))


def _search_screen(app: Any, window: Any, out: Path) -> None:
    """Ctrl+K over the plan page, a few words typed, results grouped by kind."""
    from PySide6.QtTest import QTest

    window.show_module("Action plan")
    window.board_search.action.trigger()
    box = window.board_search.dialog
    QTest.keyClicks(box.box, "social work")
    QTest.qWait(400)  # the search runs when typing pauses
    app.processEvents()
    box.grab().save(str(out / "search.png"))
    box.close()


def _settings_screen(app: Any, window: Any, out: Path) -> None:
    window.act_settings.trigger()
    dialog = window.settings_dialog
    app.processEvents()
    dialog.grab().save(str(out / "settings.png"))
    dialog.close()


def _about_screen(app: Any, window: Any, out: Path) -> None:
    from improvement_desk.ui.about_dialog import show_about

    dialog = show_about(window, window.paths, window.desk.location)
    app.processEvents()
    dialog.grab().save(str(out / "about.png"))
    dialog.close()


def _first_run_screen(
    app: Any, actor: Any, messenger: Any, settings: Any, paths: Any, out: Path
) -> None:
    """What a new user sees: a window with no board yet, at a laptop's size."""
    from improvement_desk.ui.board_opener import BoardOpener
    from improvement_desk.ui.first_run_flow import FirstRunFlow
    from improvement_desk.ui.main_window import MainWindow
    from improvement_desk.ui.preferences import Preferences

    window = MainWindow(
        None,
        opener=BoardOpener(actor, messenger),
        messenger=messenger,
        preferences=Preferences(settings),
        paths=paths,
    )
    window.resize(1280, 800)
    window.show()
    FirstRunFlow(window).show()
    app.processEvents()
    window.grab().save(str(out / "first-run.png"))
    window.close()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/images")))
