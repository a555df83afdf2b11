"""The user's name for the audit trail: asked once, kept as a preference, changeable.

Several officers may share one Windows account on a meeting-room laptop, so
the OS login alone does not say who made a change (RELIABILITY GOV-4). Every
audit row records both: this name (`actor`) and the login (`os_login`).

The first time the app runs with no name stored it asks, prefilled with the
OS account's full name when there is one; File ▸ Your name… changes it later,
for the open board at once and for every board opened after.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget

from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.text_rules import SHORT_TEXT
from improvement_desk.runtime.identity import current_actor, os_login
from improvement_desk.ui.forms import FormDialog
from improvement_desk.ui.preferences import USER_NAME_FIELD, Preferences, check_user_name

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk
    from improvement_desk.ui.board_opener import BoardOpener

log = logging.getLogger(__name__)

PROMPT = "Your name, as it will appear in the audit trail"
Named = Callable[[str | None], None]  # the name stored, or None if the user cancelled


def os_full_name() -> str:
    """The OS account's display name ("Jane Smith"), or "" when it has none worth showing."""
    try:
        name = _platform_full_name()
    except Exception as exc:  # no such API, no passwd entry, a domain controller away
        log.debug("no full name for the OS account: %s", type(exc).__name__)
        return ""
    return name if name and not check_user_name(name) else ""


def _platform_full_name() -> str:
    if sys.platform == "win32":
        import ctypes

        name_display = 3  # EXTENDED_NAME_FORMAT.NameDisplay
        get_name = ctypes.windll.secur32.GetUserNameExW
        size = ctypes.c_ulong(0)
        get_name(name_display, None, ctypes.byref(size))
        buffer = ctypes.create_unicode_buffer(size.value or 1)
        return str(buffer.value) if get_name(name_display, buffer, ctypes.byref(size)) else ""
    import pwd

    # GECOS is "Full Name,Room,Phone,…" on Linux; macOS keeps the full name there too.
    return pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()


class UserNameDialog(FormDialog):
    """One field; OK stores it through `Preferences.set_user_name`, which names any problem."""

    def __init__(self, parent: QWidget | None, *, initial: str, first_time: bool) -> None:
        super().__init__(parent, title="Your name", is_new=first_time)
        self.setObjectName("user_name_dialog")
        self.setMinimumWidth(460)
        self.add_note(
            f"{PROMPT}. It is kept on this computer with your other preferences; the audit "
            f"trail also records your computer login ({os_login()}).",
            "user_name_note",
        )
        self.name_edit = QLineEdit(initial)
        self.name_edit.setMaxLength(SHORT_TEXT * 2)  # room to show the too-long error
        self.name_edit.setPlaceholderText("e.g. Jane Smith")
        self.add_row(USER_NAME_FIELD, "Your &name:", self.name_edit, "user_name")
        self.save_button.setText("OK")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Use my login for now" if first_time else "Cancel")
        self.chain_tab_order([self.name_edit])
        self.watch(USER_NAME_FIELD, self.name_edit.textChanged)
        self.revalidate()

    def value(self) -> str:
        return self.name_edit.text()

    def problems(self) -> list[FieldProblem]:
        return check_user_name(self.value())


def ask_user_name(
    parent: QWidget | None,
    preferences: Preferences,
    on_named: Named,
    *,
    first_time: bool = False,
) -> UserNameDialog:
    """Opens the dialog (never blocking); `on_named` gets the stored name or None."""
    initial = preferences.user_name() or os_full_name()
    dialog = UserNameDialog(parent, initial=initial, first_time=first_time)

    def submitted(value: object) -> None:
        try:
            name = preferences.set_user_name(str(value))
        except ValidationError as exc:
            dialog.show_problems(exc.problems)
            return
        log.info("user name for the audit trail set")
        dialog.accept()
        on_named(name)

    dialog.submitted.connect(submitted)
    dialog.rejected.connect(lambda: on_named(None))
    dialog.open()
    return dialog


def change_user_name(
    parent: QWidget | None,
    preferences: Preferences,
    opener: BoardOpener,
    current_desk: Callable[[], Desk | None],
) -> UserNameDialog:
    """File ▸ Your name…: the new name signs changes to the open board from now on, and to
    every board opened after."""

    def named(name: str | None) -> None:
        if name is not None:
            apply_user_name(name, opener, current_desk())

    return ask_user_name(parent, preferences, named)


def apply_user_name(name: str, opener: BoardOpener, desk: Desk | None) -> None:
    actor = current_actor(name)
    opener.actor = actor
    if desk is not None:
        desk.ctx.actor = actor
