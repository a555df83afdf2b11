"""The Meetings page: the list of meetings, the selected meeting's particulars and agenda, the
selected item's papers — and, for "At the meeting", the meeting screen in its place.

Layout and wiring only: changes go through the editors (`MeetingEditor`,
`PaperEditor`, `MinutesEditor`, `MembersEditor`), data through the meeting
reader. The page reloads after every change and keeps the selection by id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QAction, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QMenu,
    QTableView,
    QWidget,
)

from improvement_desk.domain.errors import DeskError
from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.services.meeting_records import AgendaItemRecord, MeetingRecord, PaperRecord
from improvement_desk.ui.meetings.approval import MinutesEditor
from improvement_desk.ui.meetings.at_meeting import ScreenHost
from improvement_desk.ui.meetings.columns import ID_ROLE
from improvement_desk.ui.meetings.editor import MeetingEditor
from improvement_desk.ui.meetings.members_editor import MembersEditor
from improvement_desk.ui.meetings.page_actions import MeetingActions, PageState
from improvement_desk.ui.meetings.page_views import PageViews, tool_bar
from improvement_desk.ui.meetings.paper_actions import PaperEditor, PaperFiles
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.pack.pack_actions import PackActions

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


class MeetingsPage(QWidget):
    title = "Meetings"

    def __init__(
        self, desk: Desk, undo_stack: QUndoStack, messenger: Messenger, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetings_page")
        self.desk = desk
        self.undo_stack = undo_stack
        self.messenger = messenger
        self._meeting: MeetingRecord | None = None
        self._loading = False

        self.views = v = PageViews(self, self._move_item)
        self.main_view, self.detail = v.main_view, v.detail
        self.meetings_model, self.meetings_proxy = v.meetings_model, v.meetings_proxy
        self.meeting_list, self.agenda, self.papers = v.meeting_list, v.agenda, v.papers
        self.agenda_model, self.papers_model = v.agenda_model, v.papers_model
        self.papers_caption = v.papers_caption

        self.files = PaperFiles()
        self.editor = MeetingEditor(self, desk, undo_stack, messenger, self.reload)
        self.paper_editor = PaperEditor(self, desk, undo_stack, messenger, self.reload, self.files)
        self.minutes_editor = MinutesEditor(self, desk, messenger, self.reload)
        self.members_editor = MembersEditor(self, desk, undo_stack, messenger, self.reload)
        self.packs = PackActions(self, desk, messenger, self.reload)
        self.acts = MeetingActions(self.main_view, self.meeting_list, self.agenda, self.papers)
        self._connect_actions()
        self.toolbar = tool_bar("Meetings", self.acts.toolbar(), self.main_view)
        self.paper_bar = tool_bar("Papers", self.acts.paper_toolbar(), self.main_view)
        self.paper_bar.setObjectName("paper_toolbar")
        self._layout = v.lay_out(self, self.toolbar, self.paper_bar)
        self.stack, self.splitter, self.agenda_split = v.stack, v.splitter, v.agenda_split
        self._sized = False  # the splitter's first sizes are set when the page is first shown
        self.screens = ScreenHost(self, self.stack, self._back_from_screen)

        self.meeting_list.selectionModel().currentRowChanged.connect(lambda *_: self._on_meeting())
        self.agenda.selectionModel().currentRowChanged.connect(lambda *_: self._on_item())
        self.papers.selectionModel().currentRowChanged.connect(lambda *_: self._update_enabled())
        self.meeting_list.doubleClicked.connect(lambda *_: self.acts.edit_meeting.trigger())
        self.agenda.doubleClicked.connect(lambda *_: self.acts.edit_item.trigger())
        self.papers.doubleClicked.connect(lambda *_: self.acts.open_paper.trigger())
        for view, acts in (
            (self.meeting_list, (self.acts.edit_meeting, self.acts.status_menu.menuAction(),
                                 self.acts.at_meeting, self.acts.board_pack, None,
                                 self.acts.delete_meeting)),
            (self.agenda, (self.acts.edit_item, self.acts.move_up, self.acts.move_down,
                           self.acts.attach_paper, None, self.acts.delete_item)),
            (self.papers, (self.acts.open_paper, self.acts.save_paper, None,
                           self.acts.remove_paper)),
        ):  # fmt: skip
            view.customContextMenuRequested.connect(
                lambda pos, v=view, a=acts: self._context_menu(v, a, pos)
            )
        self.reload()

    # -- building ------------------------------------------------------------------------------

    def _connect_actions(self) -> None:
        a, e = self.acts, self.editor
        slots = {
            a.new_meeting: e.new_meeting,
            a.edit_meeting: lambda: self._with_meeting(e.edit_meeting),
            a.delete_meeting: lambda: self._with_meeting(e.delete_meeting),
            a.add_item: lambda: self._with_meeting(e.add_item),
            a.edit_item: self._edit_item,
            a.delete_item: lambda: self._with_item(e.delete_item),
            a.move_up: lambda: self._step_item(-1),
            a.move_down: lambda: self._step_item(+1),
            a.add_standing: lambda: self._with_meeting(e.add_standing_items),
            a.attach_paper: lambda: self._with_item(self.paper_editor.attach),
            a.open_paper: lambda: self._with_paper(self.paper_editor.open),
            a.save_paper: lambda: self._with_paper(self.paper_editor.save_as),
            a.remove_paper: self._remove_paper,
            a.at_meeting: self._at_the_meeting,
            a.approve: lambda: self._with_meeting(
                lambda m: self.minutes_editor.approve(m, self.meetings_model.records())
            ),
            a.amend: lambda: self._with_meeting(
                lambda m: self.minutes_editor.amend(m, self.meetings_model.records())
            ),
            a.members: self.members_editor.open,
            a.board_pack: lambda: self._with_meeting(lambda m: self.packs.board_pack(m.summary)),
            a.issued_packs: lambda: self.packs.issued_packs(self.current_meeting_id()),
            a.pack_template: self.packs.template,
        }
        for act, slot in slots.items():
            act.triggered.connect(lambda *_, s=slot: s())
        for status, act in a.status.items():
            act.triggered.connect(lambda *_, st=status: self._set_status(st))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self.views.size_splitter(self.width(), self._layout)

    def menu_actions(self) -> list[QAction | None]:
        """What the main window's Meetings menu shows (None is a separator)."""
        return self.acts.menu()

    def status_menu(self) -> QMenu:
        return self.acts.status_menu

    # -- data ----------------------------------------------------------------------------------

    def reload(self, select: int | None = None, item: int | None = None) -> None:
        """Reads the meetings again, keeping (or moving to) the selected meeting and item."""
        current = self.current_meeting_id()
        keep = select if select is not None else current
        keep_item = item if item is not None or keep != current else self.current_item_id()
        try:
            summaries = self.desk.meeting_reader.meetings()
        except DeskError as exc:
            self.messenger.problem(self, "Could not read the meetings", exc)
            return
        self._loading = True
        try:
            self.meetings_model.set_meetings(summaries)
            if keep is None or not self.select_meeting(keep):
                first = self.meetings_proxy.index(0, 0)
                if first.isValid():
                    self._select(self.meeting_list, first.row())
        finally:
            self._loading = False
        self._load_meeting(keep_item)

    def _load_meeting(self, keep_item: int | None) -> None:
        meeting_id = self.current_meeting_id()
        meeting: MeetingRecord | None = None
        if meeting_id is not None:
            try:
                meeting = self.desk.meeting_reader.meeting(meeting_id)
            except DeskError as exc:
                self.messenger.problem(self, "Could not read the meeting", exc)
        self._meeting = meeting
        if meeting is None:
            self.detail.show_nothing(self._empty_hint())
            self.agenda_model.set_items(None, (), movable=False)
        else:
            summary = meeting.summary
            approved_at = self.meetings_model.by_id(summary.approved_at_meeting_id)
            self.detail.show_meeting(meeting, approved_at)
            movable = not self.desk.read_only and not meeting.locked
            self.agenda_model.set_items(meeting.id, meeting.items, movable=movable)
            row = self.agenda_model.row_of(keep_item) if keep_item is not None else None
            if row is not None:
                self._select(self.agenda, row)
        self._on_item()

    def _empty_hint(self) -> str:
        if self.meetings_model.rowCount():
            return "Select a meeting to see its agenda."
        if self.desk.read_only:
            return "This board has no meetings yet. It is open read-only."
        return (
            "No meetings yet. Plan the first with New meeting… (Ctrl+N); it starts with the "
            "standing agenda. Set up the board's members and quorum with Board members…"
        )

    # -- selection -----------------------------------------------------------------------------

    @staticmethod
    def _select(view: QTableView, row: int) -> None:
        index = view.model().index(row, 0)
        view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        view.scrollTo(index)

    def current_meeting_id(self) -> int | None:
        index = self.meeting_list.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def current_meeting(self) -> MeetingRecord | None:
        return self._meeting

    def select_meeting(self, meeting_id: int) -> bool:
        row = self.meetings_model.row_of(meeting_id)
        if row is None:
            return False
        index = self.meetings_proxy.mapFromSource(self.meetings_model.index(row, 0))
        if not index.isValid():
            return False
        self._select(self.meeting_list, index.row())
        return True

    def current_item(self) -> AgendaItemRecord | None:
        index = self.agenda.currentIndex()
        return self.agenda_model.record(index.row()) if index.isValid() else None

    def current_item_id(self) -> int | None:
        item = self.current_item()
        return item.id if item else None

    def select_item(self, item_id: int) -> bool:
        row = self.agenda_model.row_of(item_id)
        if row is not None:
            self._select(self.agenda, row)
        return row is not None

    def current_paper(self) -> PaperRecord | None:
        index = self.papers.currentIndex()
        return self.papers_model.record(index.row()) if index.isValid() else None

    def _on_meeting(self) -> None:
        if not self._loading:
            self._load_meeting(None)

    def _on_item(self) -> None:
        item = self.current_item()
        self.papers_model.set_papers(item.papers if item else ())
        self.papers_caption.setText(
            f"Papers for item {item.number}, “{item.title}”" if item else
            "Papers: select an agenda item to see and attach its papers"
        )  # fmt: skip
        if item and item.papers:
            self._select(self.papers, 0)
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.acts.update(
            PageState(
                writable=not self.desk.read_only,
                at_screen=self.stack.currentWidget() is not self.main_view,
                meeting=self._meeting.summary if self._meeting else None,
                item_row=self.agenda.currentIndex().row() if self.current_item() else None,
                item_count=self.agenda_model.rowCount(),
                has_paper=self.current_paper() is not None,
            )
        )

    # -- commands ------------------------------------------------------------------------------

    def _with_meeting(self, step: Any) -> None:
        if self._meeting is not None:
            step(self._meeting)

    def _with_item(self, step: Any) -> None:
        if (item := self.current_item()) is not None:
            step(item)

    def _with_paper(self, step: Any) -> None:
        if (paper := self.current_paper()) is not None:
            step(paper)

    def _edit_item(self) -> None:
        item = self.current_item()
        if self._meeting is not None and item is not None and self.acts.edit_item.isEnabled():
            self.editor.edit_item(self._meeting, item)

    def _remove_paper(self) -> None:
        item, paper = self.current_item(), self.current_paper()
        if item is not None and paper is not None:
            self.paper_editor.remove(item, paper)

    def _set_status(self, status: MeetingStatus) -> None:
        if self._meeting is not None:
            self.editor.set_status(self._meeting.summary, status)

    def _step_item(self, step: int) -> None:
        index = self.agenda.currentIndex()
        if index.isValid():
            target = index.row() + step
            if 0 <= target < self.agenda_model.rowCount():
                self.agenda_model.move_row(index.row(), target)

    def _move_item(self, item_id: int, new_index: int) -> None:
        """The agenda model's mover: a drop, or Move up / Move down."""
        if self._meeting is None:
            return
        self.editor.move_item(self._meeting, item_id, new_index)

    def _at_the_meeting(self) -> None:
        if self._meeting is not None and self.screens.show(self._meeting.id):
            self._update_enabled()

    def _back_from_screen(self) -> None:
        self.stack.setCurrentWidget(self.main_view)
        self.reload()
        self.agenda.setFocus()

    def _context_menu(self, view: QTableView, actions: Any, pos: Any) -> None:
        if not view.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for act in actions:
            menu.addSeparator() if act is None else menu.addAction(act)  # fmt: skip
        menu.popup(view.viewport().mapToGlobal(pos))

    # -- persistence of layout -----------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("meetings/splitter", self.splitter.saveState())
        settings.setValue("meetings/agenda_splitter", self.agenda_split.saveState())
        settings.setValue("meetings/agenda_header", self.agenda.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        for key, restore in (
            ("meetings/splitter", self.splitter.restoreState),
            ("meetings/agenda_splitter", self.agenda_split.restoreState),
            ("meetings/agenda_header", self.agenda.horizontalHeader().restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
