"""Edit ▸ Search the board… (Ctrl+K): the main window's way into the search box.

One box per window, kept between uses so it reopens on the last query. Each time it
opens, the board's text is read once (`SearchService.index`, one transaction) at the
first search, and every keystroke searches that in memory; the box is window-modal,
so nothing in this window changes the board meanwhile. A chosen hit is opened on its
page by `routing.open_hit`. Ctrl+F stays with each page's own filter box (the plan, the
register, the log and the scorecard bind it), so the window-wide search takes Ctrl+K,
with Ctrl+Shift+F as a second binding for those who reach for "find" first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from improvement_desk.ui.messages import Messenger

if TYPE_CHECKING:
    # The search service brings SQLAlchemy: imported when the box is first used, not before
    # the window is on screen (benchmarks/startup.py).
    from improvement_desk.services.desk import Desk
    from improvement_desk.services.search import SearchHit, SearchIndex, SearchResults
    from improvement_desk.ui.search.routing import SearchTargets
    from improvement_desk.ui.search.search_dialog import SearchDialog

SHORTCUTS = ("Ctrl+K", "Ctrl+Shift+F")


class SearchActions(QObject):
    def __init__(
        self,
        window: QWidget,
        targets: SearchTargets,
        desk_provider: Callable[[], Desk | None],
        messenger: Messenger,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._targets = targets
        self._desk = desk_provider
        self._messenger = messenger
        self.dialog: SearchDialog | None = None
        self._index: SearchIndex | None = None
        self.action = QAction("Searc&h the board…", window)
        self.action.setObjectName("search_board_action")
        self.action.setShortcuts([QKeySequence(keys) for keys in SHORTCUTS])
        self.action.setStatusTip("Find plan actions, log actions, risks, meetings and minutes")
        self.action.triggered.connect(lambda *_: self.open())

    def open(self) -> SearchDialog | None:
        """Shows the search box (non-blocking), making it on first use."""
        if self._desk() is None:
            self._messenger.info(self._window, "Search", "Open a board first.")
            return None
        if self.dialog is None:
            from improvement_desk.ui.search.search_dialog import SearchDialog

            self.dialog = SearchDialog(self._search, self._window)
            self.dialog.chosen.connect(self._open_hit)
        self._index = None  # read afresh: the board may have changed since the last time
        self.dialog.start()
        return self.dialog

    def _search(self, text: str) -> SearchResults:
        from improvement_desk.services.search import Query, SearchResults, SearchService

        desk = self._desk()
        if desk is None or Query.parse(text) is None:
            return SearchResults(text)
        if self._index is None:
            self._index = SearchService(desk.ctx).index()
        return self._index.search(text)

    def _open_hit(self, hit: SearchHit) -> None:
        from improvement_desk.ui.search.routing import open_hit

        if not open_hit(self._targets, hit):
            self._messenger.info(
                self._window,
                "Search",
                f"“{hit.title}” is no longer on the board, or its page is not open. "
                "It may have been deleted since the search.",
            )
