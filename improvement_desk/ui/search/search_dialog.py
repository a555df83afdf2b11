"""Search the whole board from one box (Ctrl+K): type, Down/Up to move, Enter to open.

The dialog asks a search function for results a moment after typing stops (so a
burst of keys costs one search), shows them grouped by kind with counts, and emits
`chosen(hit)`; where the hit is opened is the window's business (`routing.py`).
It holds no session: the function it is given calls `SearchService`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import DeskError
from improvement_desk.services.search import SearchHit, SearchResults
from improvement_desk.ui.search.hit_delegate import SearchHitDelegate
from improvement_desk.ui.search.results_model import SearchResultsModel
from improvement_desk.ui.widgets import named

DEBOUNCE_MS = 150
HINT = "Type to search the plan, the action log, risks, meetings and minutes."
Search = Callable[[str], SearchResults]


class SearchDialog(QDialog):
    chosen = Signal(object)  # SearchHit

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_dialog")
        self.setWindowTitle("Search the board")
        self._search = search
        self.results = SearchResults("")

        self.box = named(QLineEdit(), "search_box", "Search the board")
        self.box.setPlaceholderText("Search the plan, log, risks, meetings and minutes…")
        self.box.setClearButtonEnabled(True)
        self.model = SearchResultsModel(self)
        self.view = named(QTreeView(), "search_results", "Search results")
        self.view.setModel(self.model)
        self.view.setItemDelegate(SearchHitDelegate(self.view))
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setIndentation(0)
        self.view.setUniformRowHeights(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the box
        self.status = named(QLabel(HINT), "search_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.box)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.resize(720, 520)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.box.textChanged.connect(lambda *_: self.timer.start())
        self.box.installEventFilter(self)
        self.view.clicked.connect(self._on_clicked)

    # -- searching -------------------------------------------------------------------------------

    def run_search(self) -> None:
        """Searches for what the box holds now (the debounce timer's end, or a test)."""
        self.timer.stop()
        text = self.box.text()
        try:
            results = self._search(text)
        except DeskError as exc:
            self.model.clear()
            self.status.setText(f"Could not search: {exc}")
            return
        self.results = results
        self.model.set_results(results)
        self.view.expandAll()
        hits = self.model.hit_indexes()
        if hits:
            self._select(hits[0])
        self.status.setText(self._status_text(text, results))

    @staticmethod
    def _status_text(text: str, results: SearchResults) -> str:
        if not text.strip():
            return HINT
        if not results.groups:
            shown = text.strip()
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            return f"Nothing found for “{shown}”."
        total = results.total
        noun = "record" if total == 1 else "records"
        return f"{total} {noun} found. ↑↓ to move, Enter to open, Esc to close."

    # -- keyboard --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(key), 0)
                self.move_selection(step or (5 if key == Qt.Key.Key_PageDown else -5))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive():  # Enter before the pause: search what was typed
                    self.run_search()
                self.open_current()
                return True
        return super().eventFilter(watched, event)

    def move_selection(self, step: int) -> None:
        """Moves the selection `step` hits down (or up), skipping the headings."""
        hits = self.model.hit_indexes()
        if not hits:
            return
        current = self.view.currentIndex()
        rows = [(i.parent().row(), i.row()) for i in hits]
        here = (current.parent().row(), current.row()) if current.isValid() else None
        at = rows.index(here) if here in rows else -1
        self._select(hits[max(0, min(len(hits) - 1, at + step))])

    def current_hit(self) -> SearchHit | None:
        return self.model.hit(self.view.currentIndex())

    def open_current(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.chosen.emit(hit)
            self.accept()

    def _select(self, index: QModelIndex) -> None:
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _on_clicked(self, index: QModelIndex) -> None:
        if self.model.hit(index) is not None:
            self.view.setCurrentIndex(index)
            self.open_current()

    # -- showing ---------------------------------------------------------------------------------

    def start(self, text: str = "") -> None:
        """Opens the box (non-blocking), keeping the last query selected to type over."""
        if text:
            self.box.setText(text)
        self.box.selectAll()
        self.box.setFocus(Qt.FocusReason.PopupFocusReason)
        self.open()
        if self.box.text():
            self.run_search()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.box.setFocus(Qt.FocusReason.PopupFocusReason)
