"""Issued packs…: the packs the board has sent out, to open or save exactly as they were issued.

Once a pack is issued it is the record of what members were sent, so this
window never rebuilds one: it reads the stored PDF (the service checks its
fingerprint) and hands the bytes to the preview window, or writes them out
byte for byte. A damaged stored copy or a pack that has gone is reported
through the messenger, never as a crash.

The window is opened for one meeting (from that meeting) or for all of them
(from the menu, with a Meeting column). A meeting that has no issued pack yet
gets a sentence saying how to issue one, not an empty table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import DeskError
from improvement_desk.services.pack_records import IssuedPackSummary
from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.pack.issued_model import (
    RECORD_ROLE,
    IssuedCol,
    IssuedPacksModel,
    IssuedPacksProxy,
    meeting_day,
)
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

TITLE = "Issued board packs"
EMPTY_MEETING = "No pack has been issued for this meeting yet. Use Board pack… ▸ Issue pack."
EMPTY_ALL = "No pack has been issued for any meeting yet. Use Board pack… ▸ Issue pack."
NO_PUBLIC_REASON = (
    "This meeting is OFFICIAL-SENSITIVE: only the full pack was issued, there is no public one."
)
PDF_FILTER = "PDF (*.pdf)"
OpenPdf = Callable[[bytes, str], None]


def pack_title(pack: IssuedPackSummary, *, public: bool) -> str:
    """ "Board pack — Improvement Board, 05 Mar 2014, as issued 3 Dec 2026 14:37 (public)"."""
    local = pack.issued_at.astimezone()
    issued = f"{local.day} {local:%b %Y %H:%M}"
    which = "public" if public else "full"
    day = meeting_day(pack.meeting_date)
    return f"Board pack — {pack.meeting_title}, {day}, as issued {issued} ({which})"


def suggested_name(pack: IssuedPackSummary, *, public: bool) -> str:
    """A file name without characters some systems refuse (no colons in the time)."""
    local = pack.issued_at.astimezone()
    which = " public" if public else ""
    return f"Board pack {pack.meeting_date:%Y-%m-%d} issued {local:%Y-%m-%d %H%M}{which}.pdf"


class IssuedPacksDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        desk: Desk,
        messenger: Messenger,
        meeting_id: int | None,
        open_pdf: OpenPdf,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(900, 380)
        self._desk = desk
        self._messenger = messenger
        self._open_pdf = open_pdf
        self.meeting_id = meeting_id

        self.caption = named(plain_label(), "issued_caption", "Which packs are listed")
        self.caption.setWordWrap(True)
        self.model = IssuedPacksModel(self)
        self.proxy = IssuedPacksProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = named(QTableView(), "issued_table", "Issued packs")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(IssuedCol.ISSUED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setColumnHidden(IssuedCol.MEETING, meeting_id is not None)
        self.empty = named(plain_label(), "issued_empty", "No issued packs")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.open_full = named(QPushButton("Open &full pack"), "open_full", "Open the full pack")
        self.open_public = named(
            QPushButton("Open &public pack"), "open_public", "Open the public pack"
        )
        self.save_button = named(QPushButton("&Save as…"), "save_as", "Save the pack as a file")
        self.save_menu = QMenu(self.save_button)
        self.save_full_action = QAction("&Full pack…", self.save_menu)
        self.save_public_action = QAction("&Public pack…", self.save_menu)
        self.save_menu.addAction(self.save_full_action)
        self.save_menu.addAction(self.save_public_action)
        self.status = named(plain_label(), "issued_status", "Last saved")
        self.status.setWordWrap(True)
        self.status.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        row = QHBoxLayout()
        for button in (self.open_full, self.open_public, self.save_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)

        self.open_full.clicked.connect(lambda: self.open_selected(public=False))
        self.open_public.clicked.connect(lambda: self.open_selected(public=True))
        self.save_button.clicked.connect(self._save_clicked)
        self.save_full_action.triggered.connect(lambda: self.save_selected(public=False))
        self.save_public_action.triggered.connect(lambda: self.save_selected(public=True))
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    # -- data ----------------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            packs = self._desk.pack.issued(self.meeting_id)
        except DeskError as exc:
            self._messenger.problem(self, "Cannot list the issued packs", exc)
            packs = []
        self.model.set_packs(packs)
        self.caption.setText(self._caption(packs))
        self.empty.setText(EMPTY_MEETING if self.meeting_id is not None else EMPTY_ALL)
        self.stack.setCurrentWidget(self.table if packs else self.empty)
        if packs:
            self.table.selectRow(0)
        self._update_buttons()

    def _caption(self, packs: list[IssuedPackSummary]) -> str:
        which = "every meeting" if self.meeting_id is None else self._meeting_label(packs)
        if not packs:
            return f"Packs issued for {which}."
        kept = "Each is kept exactly as it was sent: opening or saving it gives the very same file."
        return f"Packs issued for {which}, newest first. {kept}"

    def _meeting_label(self, packs: list[IssuedPackSummary]) -> str:
        if packs:
            return f"{packs[0].meeting_title}, {meeting_day(packs[0].meeting_date)}"
        try:
            meetings = self._desk.meeting_reader.meetings()
        except DeskError:
            return "this meeting"
        found = next((m for m in meetings if m.id == self.meeting_id), None)
        return found.label if found is not None else "this meeting"

    def selected(self) -> IssuedPackSummary | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            return None
        record = index.siblingAtColumn(0).data(RECORD_ROLE)
        return record if isinstance(record, IssuedPackSummary) else None

    def _update_buttons(self) -> None:
        pack = self.selected()
        nothing = "Select an issued pack first"
        self.open_full.setEnabled(pack is not None)
        self.save_button.setEnabled(pack is not None)
        self.open_full.setToolTip("" if pack else nothing)
        has_public = pack is not None and pack.has_public
        self.open_public.setEnabled(has_public)
        self.open_public.setToolTip(
            "" if has_public else NO_PUBLIC_REASON if pack is not None else nothing
        )
        # Qt takes None to remove the menu; the stubs only say QMenu.
        self.save_button.setMenu(self.save_menu if has_public else None)  # type: ignore[arg-type]
        self.save_button.setToolTip(
            "Save the full or the public pack as a PDF file"
            if has_public
            else "Save the full pack as a PDF file (there is no public one)"
            if pack is not None
            else nothing
        )

    # -- commands ------------------------------------------------------------------------------

    def open_selected(self, *, public: bool) -> None:
        pack = self.selected()
        if pack is None or (public and not pack.has_public):
            return
        try:
            data = self._desk.pack.issued_pdf(pack.id, public=public)
        except DeskError as exc:
            self._messenger.problem(self, "Cannot open the issued pack", exc)
            return
        self._open_pdf(data, pack_title(pack, public=public))

    def _double_clicked(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())  # the row clicked, whatever was selected before
        self.open_selected(public=False)

    def _save_clicked(self) -> None:
        if self.save_button.menu() is None:  # with a menu, the menu asks which pack
            self.save_selected(public=False)

    def save_selected(self, *, public: bool) -> None:
        pack = self.selected()
        if pack is None or (public and not pack.has_public):
            return
        which = "public" if public else "full"
        name, _ = QFileDialog.getSaveFileName(
            self, f"Save the {which} pack as", suggested_name(pack, public=public), PDF_FILTER
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".pdf")
        try:
            saved = self._desk.pack.save_issued(pack.id, path, public=public)
        except DeskError as exc:
            self._messenger.problem(self, "The issued pack was not saved", exc)
            return
        self.status.setText(f"Saved the {which} pack to {saved}")
        self.status.show()
