"""The main window: navigation between module pages, menus, undo, the open board.

It can be shown before any board is open (start-up shows the window first,
then opens the board from the event loop); `install_desk` builds the pages
for an open `Desk`, and again when the user opens a different board. Only
pages that work are listed in the navigation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from improvement_desk import APP_NAME
from improvement_desk.domain.board import DEFAULT_BOARD_NAME
from improvement_desk.runtime.paths import AppPaths
from improvement_desk.ui.audit.audit_actions import AuditActions
from improvement_desk.ui.backups.backup_actions import BackupActions
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.exchange.export_actions import ExchangeActions
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.preferences import Preferences
from improvement_desk.ui.search.search_actions import SearchActions
from improvement_desk.ui.user_name import change_user_name
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk
    from improvement_desk.ui.action_log.log_page import ActionLogPage
    from improvement_desk.ui.dashboard.dashboard_page import DashboardPage
    from improvement_desk.ui.dashboard.requests import FigureRequest
    from improvement_desk.ui.meetings.meetings_page import MeetingsPage
    from improvement_desk.ui.plan.plan_page import PlanPage
    from improvement_desk.ui.risks.register_page import RegisterPage
    from improvement_desk.ui.scorecard.scorecard_page import ScorecardPage

    ModulePage = (
        DashboardPage | PlanPage | RegisterPage | MeetingsPage | ActionLogPage | ScorecardPage
    )


BOARD_FILTER = "Improvement Desk boards (*.db);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(
        self,
        desk: Desk | None,
        *,
        opener: BoardOpener,
        messenger: Messenger,
        preferences: Preferences,
        paths: AppPaths,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.opener = opener
        self.messenger = messenger
        self.preferences = preferences
        self.paths = paths
        self.desk: Desk | None = None
        self.undo_stack = QUndoStack(self)
        # Replaceable in tests: native file dialogs and input boxes block.
        self.choose_open_path: Callable[[], str] = self._choose_open_path
        self.choose_new_path: Callable[[], str] = self._choose_new_path
        self.ask_board_name: Callable[[], str | None] = self._ask_board_name
        self.dashboard_page: DashboardPage | None = None
        self.plan_page: PlanPage | None = None
        self.register_page: RegisterPage | None = None
        self.meetings_page: MeetingsPage | None = None
        self.log_page: ActionLogPage | None = None
        self.scorecard_page: ScorecardPage | None = None
        self.exchange = ExchangeActions(
            self,
            lambda: self.desk,
            messenger,
            self._reload_plan,
            lambda: self._reload_module(self.register_page),
            lambda: self._reload_module(self.log_page),
            lambda: self._reload_module(self.scorecard_page),
        )

        self.nav = named(QListWidget(), "navigation")
        self.nav.setAccessibleName("Modules")
        self.nav.setFixedWidth(132)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setStyleSheet(
            "QListWidget#navigation { border: none; background: palette(window); }"
            "QListWidget#navigation::item { padding: 10px 12px; }"
        )
        self.pages = named(QStackedWidget(), "pages")
        self.nav.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_page)

        self.board_label = named(QLabel(), "board_label")
        self.board_label.setTextFormat(Qt.TextFormat.PlainText)
        self.mode_label = named(QLabel(), "mode_label")
        self.mode_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.board_label, 1)
        self.statusBar().addPermanentWidget(self.mode_label)

        self.backups = BackupActions(self, messenger)
        # Home: the dashboard, from any page (Alt+Home, as a browser's home page).
        self.act_home = self._action("&Home", lambda: self.show_module("Home"), "Alt+Home")
        self.addAction(self.act_home)
        self.undo_stack.indexChanged.connect(lambda *_: self._refresh_home())
        self._build_file_menu()
        self._build_edit_menu()
        self.plan_menu = self.menuBar().addMenu("&Plan")
        self.risk_menu = self.menuBar().addMenu("&Risks")
        self.meeting_menu = self.menuBar().addMenu("&Meetings")
        self.log_menu = self.menuBar().addMenu("Action &log")
        self.scorecard_menu = self.menuBar().addMenu("S&corecard")
        self._build_help_menu()
        self.placeholder = named(QLabel(), "placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.pages.addWidget(self.placeholder)
        self.resize(1440, 860)
        self.restore_layout()
        if desk is None:
            self.show_placeholder("Opening the board…")
        else:
            self.install_desk(desk)

    def show_placeholder(self, text: str) -> None:
        """What the window shows while a board opens, or when none could be opened."""
        self.placeholder.setText(text)
        self.pages.setCurrentWidget(self.placeholder)
        for menu in self._module_menus():
            menu.setEnabled(False)
        if self.desk is None:
            self.setWindowTitle(APP_NAME)

    def _reload_plan(self) -> None:
        self._reload_module(self.plan_page)

    def _reload_module(self, page: ModulePage | None) -> None:
        """After an import: the module's page, and the dashboard's figures if it is shown."""
        if page is not None:
            page.reload()
        self._refresh_home()

    def _module_menus(self) -> tuple[QMenu, ...]:
        return (
            self.plan_menu,
            self.risk_menu,
            self.meeting_menu,
            self.log_menu,
            self.scorecard_menu,
        )

    def module_pages(self) -> list[ModulePage]:
        pages = (
            self.dashboard_page,
            self.plan_page,
            self.register_page,
            self.meetings_page,
            self.log_page,
            self.scorecard_page,
        )
        return [p for p in pages if p is not None]

    def _show_page(self, row: int) -> None:
        pages = self.module_pages()
        if 0 <= row < len(pages):
            page = pages[row]
            if page is not self.plan_page:
                # Modules show each other's records: the register its actions' BRAG, the
                # meetings and the log the actions agreed on the other screen.
                page.reload()
            self.pages.setCurrentWidget(page)

    def _refresh_home(self) -> None:
        """An undo, a redo or an import changes the figures of a dashboard on screen."""
        if self.dashboard_page is not None and self.pages.currentWidget() is self.dashboard_page:
            self.dashboard_page.reload()

    def open_figure(self, request: FigureRequest) -> None:
        """A dashboard figure: its page, shown (and so reloaded), then filtered to it."""
        if self.show_module(request.module):
            request.apply(self.pages.currentWidget())

    def show_module(self, title: str) -> bool:
        """Brings a module's page forward by its title (navigation, tests, screenshots)."""
        for row, page in enumerate(self.module_pages()):
            if page.title == title:
                self.nav.setCurrentRow(row)
                return True
        return False

    # -- menus ---------------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], Any], shortcut: Any = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda *_: slot())
        return act

    def _build_file_menu(self) -> None:
        menu = self.menuBar().addMenu("&File")
        self.act_new_board = self._action("&New board file…", self.new_board)
        self.act_open = self._action("&Open board…", self.open_board, QKeySequence.StandardKey.Open)
        self.act_open_ro = self._action(
            "Open board rea&d-only…", lambda: self.open_board(read_only=True)
        )
        self.act_connect = self._action(
            "Connect to ser&ver…",
            lambda: self.opener.server.connect(
                self, self.preferences.last_server(), self.install_desk
            ),
        )
        self.act_user_name = self._action(
            "Your na&me…",
            lambda: change_user_name(self, self.preferences, self.opener, lambda: self.desk),
        )
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.act_quit = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        for item in (self.act_new_board, self.act_open, self.act_open_ro, self.act_connect):
            menu.addAction(item)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        for group in self.exchange.menu_groups():
            menu.addActions(list(group))
            menu.addSeparator()
        menu.addActions(self.backups.menu_actions())
        menu.addSeparator()
        menu.addAction(self.act_user_name)
        menu.addSeparator()
        menu.addAction(self.act_quit)

    def _build_edit_menu(self) -> None:
        menu = self.menuBar().addMenu("&Edit")
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        # Every platform binding for Redo (QKeySequence(Redo) is only the first: Ctrl+Y on
        # Windows, which then lost Ctrl+Shift+Z and listed Ctrl+Y twice), plus Ctrl+Y.
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Y") not in redo_keys:
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.act_redo.setShortcuts(redo_keys)
        menu.addAction(self.act_undo)
        menu.addAction(self.act_redo)
        self.audit = AuditActions(self, lambda: self.desk, self.messenger)  # Edit ▸ Audit trail…
        self.board_search = SearchActions(self, self, lambda: self.desk, self.messenger)  # Ctrl+K
        menu.addSeparator()
        menu.addAction(self.board_search.action)
        menu.addAction(self.audit.action)
        self.act_settings = self._action("&Settings…", self.open_settings)
        # QKeySequence.Preferences is bound only on macOS (Cmd+,); Ctrl+, elsewhere.
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        if QKeySequence("Ctrl+,") not in keys:
            keys.append(QKeySequence("Ctrl+,"))
        self.act_settings.setShortcuts(keys)
        self.act_settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.act_settings.setEnabled(False)  # until a board is open
        menu.addSeparator()
        menu.addAction(self.act_settings)

    def _build_help_menu(self) -> None:
        menu = self.menuBar().addMenu("&Help")
        self.act_about = self._action(f"&About {APP_NAME}", self.about)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        menu.addAction(self.act_about)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.preferences.recent_boards()
        if not recent:
            empty = self.recent_menu.addAction("(no recent boards)")
            empty.setEnabled(False)
        for i, location in enumerate(recent, start=1):
            act = self.recent_menu.addAction(f"&{i} {location}")
            act.triggered.connect(lambda *_, loc=location: self.switch_to(loc))

    # -- the open board ------------------------------------------------------------------------

    def install_desk(self, desk: Desk) -> None:
        """Shows an open board: builds its pages, replacing those of the previous board."""
        from improvement_desk.ui.action_log.log_page import ActionLogPage
        from improvement_desk.ui.dashboard.dashboard_page import DashboardPage
        from improvement_desk.ui.meetings.meetings_page import MeetingsPage
        from improvement_desk.ui.plan.plan_page import PlanPage  # after the window is on screen
        from improvement_desk.ui.risks.register_page import RegisterPage
        from improvement_desk.ui.scorecard.scorecard_page import ScorecardPage

        previous = self.desk
        if previous is not None:
            self.save_layout()
        self.desk = desk
        self.undo_stack.clear()
        old = self.module_pages()
        self.plan_page = PlanPage(desk, self.undo_stack, self.messenger, self)
        self.register_page = RegisterPage(desk, self.undo_stack, self.messenger, self)
        self.meetings_page = MeetingsPage(desk, self.undo_stack, self.messenger, self)
        self.log_page = ActionLogPage(desk, self.undo_stack, self.messenger, self)
        self.scorecard_page = ScorecardPage(desk, self.undo_stack, self.messenger, self)
        self.dashboard_page = DashboardPage(desk, self.messenger, self)
        self.dashboard_page.requested.connect(self.open_figure)
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        for page in self.module_pages():
            self.pages.addWidget(page)
        for page in old:
            self.pages.removeWidget(page)
            page.deleteLater()
        for page in self.module_pages():
            QListWidgetItem(page.title, self.nav)
        self.nav.item(0).setToolTip("What needs attention (Alt+Home)")
        self.nav.setCurrentRow(0)
        self.pages.setCurrentWidget(self.dashboard_page)
        self.restore_layout(geometry=False)
        if previous is not None:
            previous.close()
        _fill_menu(self.plan_menu, self.plan_page.menu_actions())
        self.plan_menu.addMenu(self.plan_page.status_menu(self.plan_page))  # dies with the page
        _fill_menu(self.risk_menu, self.register_page.menu_actions())
        _fill_menu(self.meeting_menu, self.meetings_page.menu_actions())
        _fill_menu(self.log_menu, self.log_page.menu_actions())
        _fill_menu(self.scorecard_menu, self.scorecard_page.menu_actions())
        for menu in self._module_menus():
            menu.setEnabled(True)
        self.plan_page.toolbar.setObjectName("plan_toolbar")
        self.register_page.toolbar.setObjectName("risk_toolbar")
        self.meetings_page.toolbar.setObjectName("meetings_toolbar")
        self.log_page.toolbar.setObjectName("log_toolbar")
        self.scorecard_page.toolbar.setObjectName("scorecard_toolbar")
        info = desk.info()
        self.setWindowTitle(f"{info.name} — {APP_NAME}")
        self.board_label.setText(f"{info.name}   ·   {desk.location}")
        self.act_settings.setEnabled(True)
        mode = []
        if desk.read_only:
            mode.append("READ-ONLY: changes cannot be saved")
        if info.as_at_date:
            mode.append(f"Viewed as at {info.as_at_date:%d %b %Y}")
        self.mode_label.setText("   ·   ".join(mode))
        self.preferences.remember_board(desk.location)
        self.exchange.update_enabled()
        self.backups.desk_installed(desk)

    def switch_to(
        self,
        location: str | Path,
        *,
        read_only: bool = False,
        create: bool = False,
        board_name: str | None = None,
    ) -> None:
        current = self.desk
        if (
            current is not None
            and not create
            and Path(str(location)).resolve() == Path(current.location).resolve()
        ):
            return  # already open

        def failed() -> None:
            # A file moved or deleted is dropped; a server that failed (a cancelled
            # password, a network outage) is kept for next time.
            if not create and "://" not in str(location) and not Path(str(location)).exists():
                self.preferences.forget_board(str(location))

        self.opener.open(
            self,
            location,
            self.install_desk,
            read_only=read_only,
            create=create,
            board_name=board_name,
            on_failed=failed,
        )

    def open_board(self, *, read_only: bool = False) -> None:
        path = self.choose_open_path()
        if path:
            self.switch_to(path, read_only=read_only)

    def new_board(self) -> None:
        path = self.choose_new_path()
        if not path:
            return
        if Path(path).exists():
            self.messenger.error(
                self,
                "File exists",
                f"{path} already exists. Choose a new file name for a new board.",
            )
            return
        name = self.ask_board_name()
        if name is None:
            return
        self.switch_to(path, create=True, board_name=name or DEFAULT_BOARD_NAME)

    def _choose_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open board", str(self.paths.data_dir), BOARD_FILTER
        )
        return path

    def _choose_new_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, "New board file", str(self.paths.data_dir / "board.db"), BOARD_FILTER
        )
        return path

    def _ask_board_name(self) -> str | None:
        name, ok = QInputDialog.getText(self, "New board", "Board name:", text=DEFAULT_BOARD_NAME)
        return name.strip() if ok else None

    def about(self) -> None:
        from improvement_desk.ui.about_dialog import show_about

        self.about_dialog = show_about(self, self.paths, self.desk.location if self.desk else None)

    def open_settings(self) -> None:
        """Edit ▸ Settings…: the board's settings (audited, kept in the board) and your name."""
        if self.desk is None:
            return
        from improvement_desk.ui.settings import open_settings
        from improvement_desk.ui.user_name import apply_user_name

        self.settings_dialog = open_settings(
            self, self.desk, self.preferences, self.messenger,
            on_user_name=lambda name: apply_user_name(name, self.opener, self.desk),
            on_saved=self._settings_saved,
        )  # fmt: skip

    def _settings_saved(self, _settings: object) -> None:
        if self.desk is None:
            return
        info = self.desk.info()
        self.setWindowTitle(f"{info.name} — {APP_NAME}")
        self.board_label.setText(f"{info.name}   ·   {self.desk.location}")
        for page in self.module_pages():
            page.reload()  # new bands re-rate the register, a new window changes "due soon"

    # -- layout persistence --------------------------------------------------------------------

    @property
    def settings(self) -> QSettings:
        return self.preferences.settings

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for page in self.module_pages():
            page.save_state(self.settings)
        self.settings.sync()

    def restore_layout(self, *, geometry: bool = True) -> None:
        if geometry:
            value = self.settings.value("window/geometry")
            if isinstance(value, QByteArray):
                self.restoreGeometry(value)
            state = self.settings.value("window/state")
            if isinstance(state, QByteArray):
                self.restoreState(state)
        for page in self.module_pages():
            page.restore_state(self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self.desk is not None:
            self.desk.close()
        super().closeEvent(event)


def _fill_menu(menu: QMenu, actions: list[QAction | None]) -> None:
    menu.clear()
    for act in actions:
        if act is None:
            menu.addSeparator()
        else:
            menu.addAction(act)
