"""The meetings page's commands as QActions, and when each may be used.

One place decides what is enabled: nothing that writes on a read-only
board, nothing that changes an approved (locked) meeting — those say why in
their tooltip — and nothing of the page while the meeting screen is shown
(its own commands apply there).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.ui.meetings.columns import locked_reason

READ_ONLY_TIP = "This board is open read-only; changes cannot be saved."
# Set by hand; "minutes approved" is reached only by a later meeting's decision.
HAND_STATUSES = (
    MeetingStatus.PLANNED,
    MeetingStatus.PAPERS_ISSUED,
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFTED,
)


@dataclass(frozen=True, slots=True)
class PageState:
    writable: bool
    at_screen: bool
    meeting: MeetingSummary | None
    item_row: int | None  # the selected agenda item's row
    item_count: int
    has_paper: bool


def _act(
    owner: QWidget,
    text: str,
    shortcut: str | QKeySequence.StandardKey | None = None,
    *,
    tip: str = "",
    only_on: QWidget | None = None,
) -> QAction:
    """A page command. `only_on`: Return, Delete and the move keys act only in the table they
    belong to, so Delete in the meeting list never deletes an agenda item."""
    act = QAction(text, owner)
    if shortcut:
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(
            Qt.ShortcutContext.WidgetShortcut
            if only_on is not None
            else Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
    plain = text.replace("&", "").rstrip("…")
    act.setStatusTip(tip or plain)
    act.setToolTip(tip or plain)
    act.setData(tip or plain)  # the tooltip to go back to once the reason to disable is gone
    (only_on or owner).addAction(act)
    return act


class MeetingActions:
    def __init__(self, owner: QWidget, meetings: QWidget, agenda: QWidget, papers: QWidget) -> None:
        a = _act
        self.new_meeting = a(owner, "&New meeting…", QKeySequence.StandardKey.New)
        # Ctrl+E and Ctrl+I belong to File ▸ Export / Import (window-wide): the same keys
        # here would make both ambiguous, and Qt then runs neither.
        self.edit_meeting = a(owner, "&Edit meeting…", "Return", only_on=meetings)
        self.delete_meeting = a(owner, "&Delete meeting", "Delete", only_on=meetings)
        self.status_menu = QMenu("Set &status", owner)
        self.status_group = QActionGroup(owner)
        self.status: dict[MeetingStatus, QAction] = {}
        for status in HAND_STATUSES:
            act = a(owner, status.label, tip=f"Set the meeting's status to {status.label.lower()}")
            act.setCheckable(True)
            act.setData(status.value)
            self.status_group.addAction(act)
            self.status_menu.addAction(act)
            self.status[status] = act
        self.add_item = a(owner, "&Add item…", "Ctrl+Shift+N")
        self.edit_item = a(owner, "Ed&it item…", "Return", only_on=agenda)
        self.delete_item = a(owner, "De&lete item", "Delete", only_on=agenda)
        self.move_up = a(owner, "Move &up", "Ctrl+Shift+Up", only_on=agenda)
        self.move_down = a(owner, "Move do&wn", "Ctrl+Shift+Down", only_on=agenda)
        self.add_standing = a(owner, "Add s&tanding items", tip="Add the standing items this "
                              "agenda does not have yet (welcome, minutes, action log, …)")  # fmt: skip
        self.attach_paper = a(owner, "Attac&h paper…", "Ctrl+Shift+P",
                              tip="Attach one or more PDF papers to the selected item")  # fmt: skip
        self.open_paper = a(owner, "&Open paper", "Return", only_on=papers)
        self.save_paper = a(owner, "Sa&ve paper as…")
        self.remove_paper = a(owner, "&Remove paper", "Delete", only_on=papers)
        self.at_meeting = a(owner, "At the meetin&g", "Ctrl+Shift+M",
                            tip="Take attendance, minutes and decisions during the meeting")  # fmt: skip
        self.approve = a(owner, "A&pprove minutes…",
                         tip="At this meeting, approve the minutes of an earlier one")  # fmt: skip
        self.amend = a(owner, "Record a&mendment…",
                       tip="Record a dated correction to these approved minutes")  # fmt: skip
        # Alt+C and Alt+K are the only letters left free in this menu; "template" shares T.
        self.board_pack = a(owner, "Board pa&ck…", "Ctrl+Shift+B",
                            tip="Preview, save or issue the selected meeting's board pack")  # fmt: skip
        self.issued_packs = a(owner, "Issued pac&ks…",
                              tip="The selected meeting's packs, exactly as they were issued")  # fmt: skip
        self.pack_template = a(owner, "Pack &template…",
                               tip="The sections, colour and logo of every board pack")  # fmt: skip
        self.members = a(owner, "&Board members…",
                         tip="Who sits on the board, in the minutes' order, and the quorum")  # fmt: skip
        self.new_meeting.setIconText("New meeting")
        self.edit_meeting.setIconText("Edit meeting")
        self.add_item.setIconText("Add item")
        self.edit_item.setIconText("Edit item")
        self.board_pack.setIconText("Board pack")
        self.status_menu.menuAction().setIconText("Status")
        self.status_menu.menuAction().setData(
            "Set the meeting's status (approval is made by a later meeting)"
        )

    # The lists the page shows (None is a separator).
    def menu(self) -> list[QAction | None]:
        return [self.new_meeting, self.edit_meeting, self.status_menu.menuAction(),
                self.delete_meeting, None, self.add_item, self.edit_item, self.move_up,
                self.move_down, self.add_standing, self.delete_item, None, self.attach_paper,
                self.open_paper, self.save_paper, self.remove_paper, None, self.at_meeting,
                self.approve, self.amend, None, self.board_pack, self.issued_packs,
                self.pack_template, None, self.members]  # fmt: skip

    def toolbar(self) -> list[QAction | None]:
        return [self.new_meeting, self.edit_meeting, self.status_menu.menuAction(), None,
                self.add_item, self.edit_item, self.move_up, self.move_down, None,
                self.at_meeting, self.approve, self.amend, None, self.board_pack, None,
                self.members]  # fmt: skip

    def paper_toolbar(self) -> list[QAction]:
        return [self.attach_paper, self.open_paper, self.save_paper, self.remove_paper]

    def all(self) -> list[QAction]:
        return [a for a in self.menu() if a is not None] + list(self.status.values())

    # -- what may be used now ------------------------------------------------------------------

    def update(self, s: PageState) -> None:
        m = s.meeting
        live = not s.at_screen
        has_item = s.item_row is not None
        locked = m is not None and m.locked
        reason = READ_ONLY_TIP if not s.writable else locked_reason(m) if m and locked else ""
        editable = live and s.writable and m is not None and not locked
        changes = {
            self.edit_meeting: editable,
            self.delete_meeting: editable,
            self.status_menu.menuAction(): editable,
            self.add_item: editable,
            self.add_standing: editable,
            self.edit_item: editable and has_item,
            self.delete_item: editable and has_item,
            self.move_up: editable and has_item and (s.item_row or 0) > 0,
            self.move_down: editable and has_item and (s.item_row or 0) < s.item_count - 1,
            self.attach_paper: editable and has_item,
            self.remove_paper: editable and s.has_paper,
            self.approve: editable,
        }
        for act, on in changes.items():
            act.setEnabled(on)
            tip = reason if reason and not on and m is not None else str(act.data())
            act.setToolTip(tip)
            act.setStatusTip(tip)  # menus show the status tip, not the tooltip
        for status, act in self.status.items():
            act.setEnabled(editable)
            act.setChecked(m is not None and m.status is status)
        self.new_meeting.setEnabled(live and s.writable)
        self.new_meeting.setToolTip(READ_ONLY_TIP if not s.writable else "New meeting")
        self.amend.setEnabled(live and s.writable and locked)
        self.amend.setToolTip(
            READ_ONLY_TIP if not s.writable
            else str(self.amend.data()) if locked or m is None
            else "Only approved minutes are amended; until then, the minute itself can be edited"
        )  # fmt: skip
        self.open_paper.setEnabled(live and s.has_paper)
        self.save_paper.setEnabled(live and s.has_paper)
        self.at_meeting.setEnabled(live and m is not None)
        self.board_pack.setEnabled(live and m is not None)
        self.issued_packs.setEnabled(live and m is not None)
        self.pack_template.setEnabled(live and s.writable)  # a board setting
        tip = READ_ONLY_TIP if not s.writable else str(self.pack_template.data())
        self.pack_template.setToolTip(tip)
        self.pack_template.setStatusTip(tip)
        self.members.setEnabled(live)
