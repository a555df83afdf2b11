"""The composition root: paths, logging, Qt, preferences, the board, its services, then the window.

Nothing else in the app builds services or reaches for globals; the window
receives what it needs from here.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from improvement_desk import APP_ID, APP_NAME, __version__
from improvement_desk.runtime.logs import configure_logging
from improvement_desk.runtime.paths import AppPaths, resolve_paths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from improvement_desk.services.desk import Desk
    from improvement_desk.ui.board_opener import BoardOpener
    from improvement_desk.ui.preferences import Preferences

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description="Improvement Desk: the improvement board's plan, risks, meetings and packs.",
        epilog="Headless commands: improvement-desk {demo,dump,check} --help",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        help="board file or server URL to open (default: the last one, or a new board)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the demo board (made on first use)"
    )
    parser.add_argument("--read-only", action="store_true", help="open without allowing changes")
    parser.add_argument("--user", help="your name for the audit trail (default: your login)")
    parser.add_argument(
        "--quit-after-show", action="store_true", help=argparse.SUPPRESS
    )  # smoke tests and the start-up benchmark
    parser.add_argument(
        "--self-test", metavar="PDF", type=Path, help=argparse.SUPPRESS
    )  # packaging/smoke.sh: demo board -> main window -> board pack as PDF, then exit
    return parser


def is_first_run(args: argparse.Namespace, paths: AppPaths, last: Path | str | None) -> bool:
    """Nothing named on the command line, no board used before, no board in the default place:
    the user chooses how to begin rather than being handed an empty board they did not ask for."""
    return not args.db and not args.demo and last is None and not paths.default_board.exists()


def choose_board(
    args: argparse.Namespace, paths: AppPaths, last: Path | str | None
) -> tuple[Path | str, bool]:
    """Which board to open at start, and whether it may be created. A server URL stays text
    (as a Path its "//" would collapse); whether its server answers is found out by opening."""
    if args.db:
        return (args.db if "://" in args.db else Path(args.db).expanduser()), False
    if args.demo:
        return paths.demo_board, False
    if isinstance(last, str):
        return last, False
    if last is not None and last.exists():
        return last, False
    return paths.default_board, True


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = build_parser().parse_args(argv)
    paths = resolve_paths().ensure()
    configure_logging(paths.log_file)
    log.info("starting %s %s", APP_NAME, __version__)
    if args.self_test is not None:
        from improvement_desk.ui.self_test import run_self_test

        return run_self_test(args.self_test, paths)

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from improvement_desk.runtime.identity import current_actor
    from improvement_desk.ui.board_opener import BoardOpener
    from improvement_desk.ui.crash_dialog import CrashHandler
    from improvement_desk.ui.main_window import MainWindow
    from improvement_desk.ui.messages import Messenger
    from improvement_desk.ui.preferences import Preferences
    from improvement_desk.ui.qt_logging import route_qt_messages

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    from improvement_desk.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    route_qt_messages()
    crash = CrashHandler(paths.log_file)
    crash.install()

    settings = QSettings(str(paths.config_dir / "preferences.ini"), QSettings.Format.IniFormat)
    preferences = Preferences(settings)
    messenger = Messenger()
    actor = current_actor(args.user or preferences.user_name())
    opener = BoardOpener(actor, messenger)
    location, create = choose_board(args, paths, preferences.last_board())
    if args.demo and isinstance(location, Path) and not location.exists():
        from improvement_desk.domain.errors import DeskError
        from improvement_desk.services.demo import create_demo_board

        try:
            create_demo_board(location, actor)
        except DeskError as exc:
            messenger.error(None, "Cannot create the demo board", str(exc))

    window = MainWindow(
        None, opener=opener, messenger=messenger, preferences=preferences, paths=paths
    )
    window.show()
    _mark("shown", started, args.quit_after_show)
    exit_code = 0
    if is_first_run(args, paths, preferences.last_board()):
        from improvement_desk.ui.first_run_flow import FirstRunFlow

        FirstRunFlow(window).show()  # asks the name too, so nothing else comes first
        if args.quit_after_show:
            QTimer.singleShot(0, window.close)
        result = app.exec()
        crash.uninstall()
        return result

    def opened(desk: Desk) -> None:
        window.install_desk(desk)
        _mark("loaded", started, args.quit_after_show)
        if args.quit_after_show:
            QTimer.singleShot(0, window.close)

    def failed() -> None:
        nonlocal exit_code
        exit_code = 2
        window.show_placeholder(
            "No board is open.\n\nUse File ▸ Open board… to open one, or File ▸ New board file… "
            "to start a new one."
        )
        if args.quit_after_show:
            QTimer.singleShot(0, window.close)

    def open_board() -> None:
        opener.open(
            window, location, opened, create=create, read_only=args.read_only, on_failed=failed
        )

    if args.user or preferences.user_name() or args.quit_after_show:
        QTimer.singleShot(0, open_board)
    else:
        # Asked once, before the first board is opened, so that board's first audit rows
        # already carry the name; cancelling keeps the OS login and asks again next time.
        QTimer.singleShot(0, lambda: _ask_name_then(window, preferences, opener, open_board))
    result = app.exec()
    crash.uninstall()
    return exit_code or result


def _ask_name_then(
    window: QWidget, preferences: Preferences, opener: BoardOpener, then: Callable[[], None]
) -> None:
    from improvement_desk.ui.user_name import apply_user_name, ask_user_name

    def named(name: str | None) -> None:
        if name is not None:
            apply_user_name(name, opener, None)
        then()

    ask_user_name(window, preferences, named, first_time=True)


def _mark(event: str, started: float, echo: bool) -> None:
    elapsed = time.perf_counter() - started
    log.info("%s after %.3f s", event, elapsed)
    if echo:
        print(f"{event} {elapsed:.4f}", flush=True)
