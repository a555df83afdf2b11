"""The meetings page's widgets and their layout, without behaviour.

The list of meetings on the left, as wide as its columns need; on the right
the selected meeting's particulars, its agenda (rows reorder by drag and
drop; long titles wrap rather than lose their end) and the selected item's
papers. The whole sits in a stack so the meeting screen can take its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.meetings.agenda_model import AgendaModel, Mover
from improvement_desk.ui.meetings.columns import AgendaCol, MeetingCol, PaperCol
from improvement_desk.ui.meetings.meeting_detail import MeetingDetail
from improvement_desk.ui.meetings.meeting_models import (
    MeetingSortProxy,
    MeetingTableModel,
    PaperTableModel,
)
from improvement_desk.ui.widgets import named

# The title columns stretch to take what the others leave.
MEETING_WIDTHS = {MeetingCol.DATE: 88, MeetingCol.TITLE: 132, MeetingCol.STATUS: 120,
                  MeetingCol.ITEMS: 46, MeetingCol.OPEN_ACTIONS: 68}  # fmt: skip
AGENDA_WIDTHS = {AgendaCol.NUMBER: 40, AgendaCol.PRESENTER: 136, AgendaCol.PURPOSE: 80,
                 AgendaCol.TIME: 96, AgendaCol.PAPERS: 56, AgendaCol.MARKING: 128,
                 AgendaCol.EXEMPT: 102}  # fmt: skip
PAPER_WIDTHS = {PaperCol.FILE: 240, PaperCol.PAGES: 56, PaperCol.SIZE: 80,
                PaperCol.MARKING: 128}  # fmt: skip
SCROLL_BAR = 16
ROW_HEIGHT = 28


def record_table(name: str, accessible: str) -> QTableView:
    table = named(QTableView(), name, accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def set_widths(table: QTableView, widths: dict[Any, int], stretch: int) -> int:
    """Sets the columns (never narrower than their header and a sort arrow) and returns the
    width the table needs to show them all; `stretch` takes whatever is left over."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    metrics = header.fontMetrics()
    model = table.model()
    for col, width in widths.items():
        text = str(model.headerData(col, Qt.Orientation.Horizontal))
        header.resizeSection(col, max(width, metrics.horizontalAdvance(text) + 24))
    need = sum(header.sectionSize(c) for c in widths) + 2 * table.frameWidth()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return need


def tool_bar(name: str, actions: Sequence[QAction | None], parent: QWidget) -> QToolBar:
    bar = QToolBar(name, parent)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for act in actions:
        if act is None:
            bar.addSeparator()
            continue
        bar.addAction(act)
        button = bar.widgetForAction(act)
        if act.menu() is not None and isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    return bar


class PageViews:
    def __init__(self, owner: QWidget, mover: Mover) -> None:
        self.main_view = QWidget(owner)
        self.meetings_model = MeetingTableModel(owner)
        self.meetings_proxy = MeetingSortProxy(owner)
        self.meetings_proxy.setSourceModel(self.meetings_model)
        self.meeting_list = record_table("meetings", "Meetings")
        self.meeting_list.setModel(self.meetings_proxy)
        self.meeting_list.setSortingEnabled(True)
        self.meeting_list.sortByColumn(MeetingCol.DATE, Qt.SortOrder.DescendingOrder)
        self.meeting_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wide enough for every column and a scroll bar; the agenda gets the rest.
        self.list_width = (
            set_widths(self.meeting_list, MEETING_WIDTHS, MeetingCol.TITLE) + SCROLL_BAR
        )

        self.detail = MeetingDetail(owner)
        self.agenda_model = AgendaModel(owner, mover=mover)
        self.agenda = record_table("agenda", "Agenda")
        self.agenda.setModel(self.agenda_model)
        self.agenda.setDragEnabled(True)
        self.agenda.setAcceptDrops(True)
        self.agenda.setDropIndicatorShown(True)
        self.agenda.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.agenda.setDragDropOverwriteMode(False)
        set_widths(self.agenda, AGENDA_WIDTHS, AgendaCol.TITLE)
        self.agenda.setWordWrap(True)
        self.agenda.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)
        self.agenda.horizontalHeader().sectionResized.connect(lambda *_: self.fit_rows())
        self.agenda_model.modelReset.connect(self.fit_rows)

        self.papers_model = PaperTableModel(owner)
        self.papers = record_table("papers", "Papers")
        self.papers.setModel(self.papers_model)
        set_widths(self.papers, PAPER_WIDTHS, PaperCol.TITLE)
        self.papers_caption = plain_label("Papers")
        self.papers_caption.setObjectName("papers_caption")

    def fit_rows(self) -> None:
        """Rows as tall as their wrapped text, with some air; never below the usual height."""
        for row in range(self.agenda_model.rowCount()):
            height = self.agenda.sizeHintForRow(row)
            self.agenda.setRowHeight(row, max(ROW_HEIGHT, height + 10 if height > 24 else 0))

    def lay_out(self, page: QWidget, toolbar: QToolBar, paper_bar: QToolBar) -> QVBoxLayout:
        papers_panel = QWidget()
        papers_layout = QVBoxLayout(papers_panel)
        papers_layout.setContentsMargins(0, 4, 0, 0)
        papers_layout.setSpacing(2)
        papers_layout.addWidget(self.papers_caption)
        papers_layout.addWidget(paper_bar)
        papers_layout.addWidget(self.papers, 1)
        self.agenda_split = QSplitter(Qt.Orientation.Vertical)
        self.agenda_split.setObjectName("agenda_splitter")
        self.agenda_split.addWidget(self.agenda)
        self.agenda_split.addWidget(papers_panel)
        self.agenda_split.setStretchFactor(0, 3)
        self.agenda_split.setStretchFactor(1, 1)
        self.agenda_split.setSizes([440, 170])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addWidget(self.detail)
        right_layout.addWidget(self.agenda_split, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("meetings_splitter")
        self.splitter.addWidget(self.meeting_list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        main = QVBoxLayout(self.main_view)
        main.setContentsMargins(0, 0, 0, 0)
        main.addWidget(toolbar)
        main.addWidget(self.splitter, 1)
        self.stack = QStackedWidget(page)
        self.stack.setObjectName("meetings_stack")
        self.stack.addWidget(self.main_view)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.stack)
        return layout

    def size_splitter(self, page_width: int, layout: QVBoxLayout) -> None:
        """The first real size: the list as wide as its columns, the agenda the rest."""
        margins = layout.contentsMargins()
        total = max(page_width - margins.left() - margins.right(), self.list_width * 2)
        self.splitter.setSizes([self.list_width, total - self.list_width])
