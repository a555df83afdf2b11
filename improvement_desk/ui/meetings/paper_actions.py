"""Papers: attach PDFs to an agenda item, open one, save a copy, remove one.

The file dialogs and the system viewer are reached through `PaperFiles`,
whose callables tests replace: a real file dialog is modal and would block
an offscreen test forever, and a test must not launch a PDF viewer.

Attaching several files is one step: if any file is refused (not a PDF,
encrypted, too big…) the ones already attached in that step are taken off
again, so nothing is half done, and the message names the file.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import QFileDialog, QWidget

from improvement_desk.domain.errors import DeskError
from improvement_desk.services.meeting_records import AgendaItemRecord, PaperRecord
from improvement_desk.ui.meetings import commands as cmd
from improvement_desk.ui.messages import Messenger

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def _choose_pdfs(parent: QWidget) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(
        parent, "Attach papers", "", "PDF papers (*.pdf);;All files (*)"
    )
    return [Path(name) for name in names]


def _choose_save_path(parent: QWidget, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save paper as", suggested, "PDF (*.pdf)")
    return Path(name) if name else None


def _open_with_system(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


@dataclass
class PaperFiles:
    """Where files come from and go to; each callable may be replaced (tests do)."""

    choose_files: Callable[[QWidget], list[Path]] = _choose_pdfs
    choose_save_path: Callable[[QWidget, str], Path | None] = _choose_save_path
    open_file: Callable[[Path], bool] = _open_with_system
    temp_dir: Path | None = None  # made on first use

    def temp_copy_path(self, paper: PaperRecord) -> Path:
        """A file for the viewer to read: one folder per paper, under the paper's own name."""
        if self.temp_dir is None:
            self.temp_dir = Path(tempfile.mkdtemp(prefix="improvement-desk-papers-"))
        name = _UNSAFE.sub("_", Path(paper.file_name).name).strip(" .") or f"paper-{paper.id}"
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        folder = self.temp_dir / str(paper.id)
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name


class PaperEditor:
    def __init__(
        self,
        parent: QWidget,
        desk: Desk,
        undo_stack: QUndoStack,
        messenger: Messenger,
        reload: Callable[[], None],
        files: PaperFiles,
    ) -> None:
        self._parent = parent
        self._desk = desk
        self._stack = undo_stack
        self._messenger = messenger
        self._reload = reload
        self.files = files

    def _report(self, title: str, exc: DeskError) -> None:
        self._messenger.problem(self._parent, title, exc)

    def _args(self) -> tuple[Desk, Callable[[], None], Callable[[str, DeskError], None]]:
        return self._desk, self._reload, self._report

    def attach(self, item: AgendaItemRecord) -> None:
        paths = self.files.choose_files(self._parent)
        if not paths:
            return
        attached: list[PaperRecord] = []
        for path in paths:
            try:
                attached.append(self._desk.papers.attach(item.id, path, marking=item.marking))
            except DeskError as exc:
                self._undo_partial(attached)
                said = str(exc) if path.name in str(exc) else f"{path.name}: {exc}"
                others = " None of the chosen files was attached." if len(paths) > 1 else ""
                self._messenger.error(
                    self._parent, f"Could not attach {path.name}", f"{said}{others}"
                )
                self._reload()
                return
        self._stack.push(cmd.AttachPapers(attached, item.number, *self._args()))
        self._reload()

    def _undo_partial(self, attached: list[PaperRecord]) -> None:
        for paper in reversed(attached):
            try:
                self._desk.papers.remove(paper.id, expected_version=paper.version)
            except DeskError as exc:  # pragma: no cover - the file was just written by us
                self._report(f"Could not take “{paper.title}” off again", exc)

    def remove(self, item: AgendaItemRecord, paper: PaperRecord) -> None:
        def go() -> None:
            try:
                values = self._desk.papers.remove(paper.id, expected_version=paper.version)
            except DeskError as exc:
                self._report(f"Cannot remove “{paper.title}”", exc)
                self._reload()
                return
            self._stack.push(cmd.RemovePaper(values, paper.title, *self._args()))
            self._reload()

        self._messenger.confirm(
            self._parent, "Remove paper",
            f"Remove “{paper.title}” ({paper.file_name}) from item {item.number}? "
            "You can undo this.", go, yes="Remove",
        )  # fmt: skip

    def open(self, paper: PaperRecord) -> None:
        try:
            target = self.files.temp_copy_path(paper)
            target.write_bytes(self._desk.papers.content(paper.id))
        except DeskError as exc:
            self._report(f"Cannot open “{paper.title}”", exc)
            return
        except OSError as exc:
            self._messenger.error(
                self._parent, f"Cannot open “{paper.title}”", f"Could not write a copy: {exc}"
            )
            return
        if not self.files.open_file(target):
            self._messenger.error(
                self._parent, f"Cannot open “{paper.title}”",
                f"No program to show PDF files was found. A copy is at {target}.",
            )  # fmt: skip

    def save_as(self, paper: PaperRecord) -> None:
        target = self.files.choose_save_path(self._parent, paper.file_name)
        if target is None:
            return
        try:
            self._desk.papers.save_copy(paper.id, target)
        except DeskError as exc:
            self._report(f"Could not save “{paper.title}”", exc)
