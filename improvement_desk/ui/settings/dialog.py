"""Edit ▸ Settings…: every setting, a page per area, validated as the user types.

Board settings are saved through `BoardSettingsService` in one audited
transaction with the versions this dialog read, so a colleague's change made
meanwhile is never overwritten unseen; the user's own name goes to QSettings
through `Preferences`, never to the database. OK and Apply are offered only
while no field has a problem; each problem names its field, under the field,
and the page list marks the pages that have one. Restore Defaults puts the
current page's fields back to their defaults; nothing is saved until Apply/OK.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import Conflict, DeskError, FieldProblem, ValidationError
from improvement_desk.domain.settings import (
    BY_KEY,
    Area,
    normal_value,
    validate_settings,
)
from improvement_desk.services.board_settings import BoardSettings, BoardSettingsService
from improvement_desk.ui.forms import set_button_enabled_from
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.preferences import Preferences, check_user_name
from improvement_desk.ui.settings.pages import SettingsPage
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

log = logging.getLogger(__name__)

TITLE = "Settings"
USER_NAME_KEY = "you.name"
NamedHook = Callable[[str], None]


class SettingsDialog(QDialog):
    """`saved` carries the board's settings after each save that changed any of them."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        service: BoardSettingsService,
        loaded: BoardSettings,
        preferences: Preferences,
        messenger: Messenger,
        *,
        read_only: bool,
        on_user_name: NamedHook | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("settings_dialog")
        self.service = service
        self.loaded = loaded
        self.preferences = preferences
        self.messenger = messenger
        self.read_only = read_only
        self.on_user_name = on_user_name
        self.user_name = preferences.user_name()
        self._external: list[FieldProblem] = []

        self.list = named(QListWidget(), "settings_areas", "Settings areas")
        self.list.setFixedWidth(150)
        self.list.setIconSize(QSize(16, 16))
        blank = QPixmap(16, 16)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank = QIcon(blank)  # keeps every page's name in line with a marked one
        self.stack = QStackedWidget()
        self.pages: dict[Area, SettingsPage] = {}
        for area in Area:
            page = SettingsPage(area, read_only=read_only)
            self.pages[area] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(area.label)
            item.setSizeHint(QSize(140, 30))
            self.list.addItem(item)
            for editor in page.editors.values():
                editor.changed.connect(self.revalidate)
                editor.refused.connect(lambda text: self.messenger.error(self, "Logo", text))
        self.list.currentRowChanged.connect(self._show_page)

        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(
            buttons.Ok | buttons.Cancel | buttons.Apply | buttons.RestoreDefaults
        )
        self.ok_button = self.buttons.button(buttons.Ok)
        self.apply_button = self.buttons.button(buttons.Apply)
        self.restore_button = self.buttons.button(buttons.RestoreDefaults)
        self.ok_button.clicked.connect(self.ok)
        self.apply_button.clicked.connect(self.apply)
        self.restore_button.clicked.connect(self.restore_defaults)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.stack, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(self.buttons)
        self.resize(760, 560)

        self._fill()
        self.list.setCurrentRow(0)

    # -- state ---------------------------------------------------------------------------------

    def _fill(self) -> None:
        values = {**self.loaded.values, USER_NAME_KEY: self.user_name}
        for page in self.pages.values():
            for editor in page.editors.values():
                editor.blockSignals(True)
            page.set_values(values)
            for editor in page.editors.values():
                editor.blockSignals(False)
        self.revalidate()

    def page(self, area: Area) -> SettingsPage:
        return self.pages[area]

    @property
    def current(self) -> SettingsPage:
        page = self.stack.currentWidget()
        assert isinstance(page, SettingsPage)
        return page

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self._update_buttons(self.problems())

    def board_values(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for page in self.pages.values():
            values.update(page.values())
        values.pop(USER_NAME_KEY, None)
        return values

    def name_value(self) -> str:
        return str(self.pages[Area.YOU].values()[USER_NAME_KEY])

    def board_changes(self) -> dict[str, object]:
        return {
            key: value
            for key, value in self.board_values().items()
            if normal_value(BY_KEY[key], value) != self.loaded.values[key]
        }

    def name_changed(self) -> bool:
        return self.name_value().strip() != self.user_name

    def problems(self) -> list[FieldProblem]:
        found = validate_settings(self.board_values())
        if self.name_changed():  # an unset name stays unset until the user types one
            found += check_user_name(self.name_value())
        return found

    def revalidate(self) -> list[FieldProblem]:
        found = self.problems()
        shown = [*found, *(p for p in self._external if p not in found)]
        values = self.board_values()
        style = self.style()
        warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row, page in enumerate(self.pages.values()):
            page.show_problems(shown)
            page.update_preview(values, found)
            count = page.problem_count(shown)
            item = self.list.item(row)
            item.setIcon(warning if count else self._blank)
            item.setToolTip(f"{count} problem(s) on this page" if count else "")
        self._update_buttons(shown)
        return found

    def _update_buttons(self, problems: list[FieldProblem]) -> None:
        set_button_enabled_from(problems, self.ok_button)
        board_changed = bool(self.board_changes())
        pending = (board_changed and not self.read_only) or self.name_changed()
        self.apply_button.setEnabled(not problems and pending)
        if problems:
            self.apply_button.setToolTip(self.ok_button.toolTip())
        if self.read_only and board_changed:  # cannot happen from the editors; kept honest
            self.ok_button.setEnabled(False)
        restorable = [s for s in self.current.specs if s.restorable]
        board_page = any(not s.personal for s in restorable)
        self.restore_button.setEnabled(bool(restorable) and not (self.read_only and board_page))
        self.restore_button.setToolTip(f"Put the {self.current.area.label} page's settings back "
                                       "to their defaults (saved on OK or Apply)")  # fmt: skip

    # -- actions -------------------------------------------------------------------------------

    def restore_defaults(self) -> None:
        page = self.current
        page.set_values({s.key: s.default for s in page.specs if s.restorable})
        self._external = []
        self.revalidate()

    def apply(self) -> bool:
        """Saves what changed; True when everything was saved (or nothing had changed)."""
        if self.problems():
            return False
        changes = self.board_changes() if not self.read_only else {}
        if changes:
            try:
                self.loaded = self.service.save(changes, versions=self.loaded.versions)
            except ValidationError as exc:
                self._external = list(exc.problems)
                self.revalidate()
                return False
            except Conflict as exc:
                self._conflicted(exc)
                return False
            except DeskError as exc:
                self.messenger.problem(self, "The settings were not saved", exc)
                return False
            log.info("board settings saved: %s", ", ".join(sorted(changes)))
            self.saved.emit(self.loaded)
        if self.name_changed():
            try:
                self.user_name = self.preferences.set_user_name(self.name_value())
            except ValidationError as exc:
                self._external = list(exc.problems)
                self.revalidate()
                return False
            if self.on_user_name is not None:
                self.on_user_name(self.user_name)
        self._external = []
        self.revalidate()
        return True

    def ok(self) -> None:
        if self.apply():
            self.accept()

    def _conflicted(self, exc: Conflict) -> None:
        """A colleague saved first: say who and what, keep the form, and let Apply again
        save these values over theirs."""
        try:
            self.loaded = self.service.load()
        except DeskError as error:
            self.messenger.problem(self, "The settings were not saved", error)
            return
        self.revalidate()
        self.messenger.error(
            self,
            "The settings changed",
            f"{exc} Your changes are still here: Apply again to save them over theirs, "
            "or Cancel to keep theirs.",
        )


def open_settings(
    parent: QWidget | None,
    desk: Desk,
    preferences: Preferences,
    messenger: Messenger,
    *,
    on_user_name: NamedHook | None = None,
    on_saved: Callable[[BoardSettings], None] | None = None,
) -> SettingsDialog | None:
    """Edit ▸ Settings…: opens the dialog (never blocking); None if the board cannot be read.
    `on_user_name` gets a new name for the audit trail (to sign this board's changes at once);
    `on_saved` the board's settings after a save, to refresh the window's title and views."""
    service = BoardSettingsService(desk.ctx)
    try:
        loaded = service.load()
    except DeskError as exc:
        messenger.problem(parent, "Cannot open the settings", exc)
        return None
    dialog = SettingsDialog(
        parent, service, loaded, preferences, messenger,
        read_only=desk.read_only, on_user_name=on_user_name,
    )  # fmt: skip
    if on_saved is not None:
        dialog.saved.connect(on_saved)
    dialog.open()
    return dialog
