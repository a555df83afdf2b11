"""Board pack… for one meeting: choose the full or the public pack, see what the public one
leaves out, then preview it, save it, or issue it.

The clerk must know what a public pack withholds before anything is built,
so that list is shown up front (the service says why each line is left out).
Building takes seconds, so it always runs off the UI thread with a progress
bar and Cancel inside the dialog; the window never freezes, and a cancelled
or failed build leaves any existing file as it was (the service writes beside
the target and renames). Issuing stores both packs for good, so it asks first.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from improvement_desk.domain.errors import DeskError
from improvement_desk.domain.marking import Marking
from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.services.pack_records import IssuedPackSummary, Withheld
from improvement_desk.ui.exchange.export_actions import documents_folder, plural, safe_file_name
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.pack.build_layout import PackDialogLayout
from improvement_desk.ui.pack.preview import PDF_FILTER, open_pdf
from improvement_desk.ui.tasks import BackgroundTask, Work

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk
    from improvement_desk.services.pack import PackReport

TITLE = "Board pack"
SENSITIVE_REASON = "This meeting is marked OFFICIAL-SENSITIVE, so it has no public pack."
NOTHING_WITHHELD = "Nothing is withheld: every item and paper of this meeting is public."


def pack_name(summary: MeetingSummary, *, public: bool) -> str:
    """'Improvement Board pack 2014-03-05 public.pdf'."""
    which = " public" if public else ""
    return safe_file_name(f"{summary.title} pack {summary.meeting_date:%Y-%m-%d}{which}", ".pdf")


def issue_question(summary: MeetingSummary) -> str:
    if summary.marking is Marking.OFFICIAL_SENSITIVE:
        return (
            f"Issue the board pack for {summary.label}? The full pack is stored in the board as "
            "issued and cannot be changed afterwards. (The meeting is OFFICIAL-SENSITIVE, so "
            "there is no public pack.)"
        )
    return (
        f"Issue the board pack for {summary.label}? Both the full and the public pack are "
        "stored in the board as issued and cannot be changed afterwards."
    )


class PackDialog(QDialog):
    """`issued` carries the IssuedPackSummary once a pack has been issued (the meeting's
    status may have moved on, so the page reloads)."""

    issued = Signal(object)

    def __init__(
        self, parent: QWidget | None, desk: Desk, messenger: Messenger, meeting: MeetingSummary
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pack_dialog")
        self.setWindowTitle(f"{TITLE} — {meeting.label}")
        self.desk = desk
        self.messenger = messenger
        self.meeting = meeting
        self.task: BackgroundTask | None = None  # the build running (or last run), for tests
        self._close_when_done = False
        # Replaceable in tests: native dialogs block and previews open windows.
        self.choose_path: Callable[[str], str] = self._choose_path
        self.show_pdf: Callable[[bytes, str], object] = lambda data, title: open_pdf(
            self, data, title, messenger=messenger
        )

        self.ui = ui = PackDialogLayout(self, meeting, read_only=desk.read_only)
        self._load_withheld()
        self._show_issued()
        ui.preview.clicked.connect(self.preview)
        ui.save.clicked.connect(self.save_as)
        ui.issue.clicked.connect(self.ask_issue)
        ui.cancel.clicked.connect(self.cancel)
        ui.close.clicked.connect(self.reject)
        ui.issued_packs.clicked.connect(self.show_issued_packs)
        ui.template.clicked.connect(self.edit_template)
        ui.set_busy(False)
        hint = self.sizeHint()  # with room for the progress bar a build shows
        self.resize(max(hint.width(), 700), hint.height() + ui.bar.sizeHint().height() + 16)

    # -- what the dialog shows -----------------------------------------------------------------

    @property
    def sensitive(self) -> bool:
        return self.meeting.marking is Marking.OFFICIAL_SENSITIVE

    @property
    def public(self) -> bool:
        return self.ui.public.isChecked()

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def _load_withheld(self) -> None:
        if self.sensitive:
            self.ui.show_withheld(None, SENSITIVE_REASON)
            return
        try:
            lines: list[Withheld] = self.desk.pack.preview_withheld(self.meeting.id)
        except DeskError as exc:
            self.ui.show_withheld(None, "What the public pack leaves out could not be read.")
            self.messenger.problem(self, "Could not read the meeting", exc)
            return
        self.ui.show_withheld(lines, NOTHING_WITHHELD)

    def _show_issued(self) -> None:
        try:
            packs = self.desk.pack.issued(self.meeting.id)
        except DeskError:
            packs = []  # the list is a courtesy; Issued packs… says why if it cannot be read
        self.ui.show_issued(packs)

    # -- commands ------------------------------------------------------------------------------

    def _choose_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Save the board pack as", suggested, PDF_FILTER)
        return path

    def preview(self) -> BackgroundTask | None:
        """Builds a draft of the chosen pack (nothing is stored) and shows it."""
        desk, meeting_id, public = self.desk, self.meeting.id, self.public

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> bytes:
            with tempfile.TemporaryDirectory(prefix="board-pack-") as folder:
                path = Path(folder) / "pack.pdf"
                desk.pack.build(
                    meeting_id, path, public=public, progress=progress, cancelled=cancelled
                )
                return path.read_bytes()

        which = "public" if public else "full"
        title = f"{TITLE} — {self.meeting.label} ({which}, draft)"
        return self._run(
            f"Building the {which} pack…",
            work,
            lambda data: self._previewed(data, title),
            "The board pack was not built",
        )

    def _previewed(self, data: bytes, title: str) -> None:
        self.ui.set_status("")
        self.show_pdf(data, title)

    def save_as(self) -> BackgroundTask | None:
        """Builds the chosen pack as a file the user names (a draft: nothing is stored)."""
        chosen = self.choose_path(
            str(documents_folder() / pack_name(self.meeting, public=self.public))
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        desk, meeting_id, public = self.desk, self.meeting.id, self.public

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> PackReport:
            return desk.pack.build(
                meeting_id, path, public=public, progress=progress, cancelled=cancelled
            )

        return self._run(
            f"Writing the {'public' if public else 'full'} pack to {path.name}…",
            work,
            self._saved,
            "The board pack was not saved",
            target=path,
        )

    def _saved(self, report: PackReport) -> None:
        path = Path(report.path)
        self.ui.set_status(f"Saved {plural(report.pages, 'page')} as {path}.")
        boxes = ""
        if report.missing_characters:
            boxes = (
                "\n\nThe font has no shape for "
                + " ".join(report.missing_characters)
                + ": each prints as a box. Change the text that holds it and save again."
            )
        self.messenger.confirm(
            self,
            "Board pack saved",
            f"Wrote {plural(report.pages, 'page')} to {path}.{boxes}\n\nOpen it now?",
            lambda: self._open_saved(path, report.public),
            yes="Open",
        )

    def _open_saved(self, path: Path, public: bool) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            self.messenger.error(self, "The board pack cannot be opened", f"{path}: {error}")
            return
        self.show_pdf(data, f"{TITLE} — {self.meeting.label} ({'public' if public else 'full'})")

    def ask_issue(self) -> None:
        if self.desk.read_only or self.running:
            return
        self.messenger.confirm(self, "Issue the board pack", issue_question(self.meeting),
                               self.issue, yes="Issue")  # fmt: skip

    def issue(self) -> None:
        """Builds and stores the full and public packs (no question asked: see ask_issue);
        `task` is the work started."""
        desk, meeting_id = self.desk, self.meeting.id

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> Any:
            return desk.pack.issue(meeting_id, progress=progress, cancelled=cancelled)

        task = self._run(
            "Issuing the board pack…", work, self._issued, "The board pack was not issued"
        )
        if task is not None:  # also when the dialog closes first: the page must show it
            task.succeeded.connect(self.issued.emit)

    def _issued(self, pack: IssuedPackSummary) -> None:
        self._show_issued()
        try:  # issuing moves a planned meeting on to "papers issued"
            self.meeting = self.desk.meeting_reader.meeting(self.meeting.id).summary
            self.ui.show_meeting(self.meeting)
        except DeskError:
            pass  # the pack is issued all the same; the page shows the meeting as it is
        full = f"the full pack ({plural(pack.full_pages, 'page')})"
        public = (
            f" and the public pack ({plural(pack.public_pages, 'page')})"
            if pack.public_pages is not None
            else ""
        )
        self.ui.set_status(f"Issued {full}{public}.")
        self.messenger.confirm(
            self,
            "Board pack issued",
            f"Issued the board pack for {self.meeting.label}: {full}{public}.\n\n"
            "Both are kept in the board exactly as issued: Meetings ▸ Issued packs… "
            "(or Issued packs… here) opens them and saves copies.\n\nOpen the full pack now?",
            lambda: self._open_issued(pack),
            yes="Open",
        )

    def _open_issued(self, pack: IssuedPackSummary) -> None:
        from improvement_desk.ui.pack.issued_dialog import pack_title

        try:
            data = self.desk.pack.issued_pdf(pack.id, public=False)
        except DeskError as exc:
            self.messenger.problem(self, "The issued pack cannot be opened", exc)
            return
        self.show_pdf(data, pack_title(pack, public=False))

    def show_issued_packs(self) -> QDialog:
        from improvement_desk.ui.pack.issued_dialog import IssuedPacksDialog

        dialog = IssuedPacksDialog(self, self.desk, self.messenger, self.meeting.id, self._show)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _show(self, data: bytes, title: str) -> None:
        self.show_pdf(data, title)

    def edit_template(self) -> bool:
        from improvement_desk.ui.pack import template_dialog

        if self.desk.read_only:
            return False
        return template_dialog.edit_pack_template(self, self.desk, self.messenger)

    # -- running a build -----------------------------------------------------------------------

    def _run(
        self,
        label: str,
        work: Work,
        done: Callable[[Any], None],
        failure: str,
        *,
        target: Path | None = None,
    ) -> BackgroundTask | None:
        if self.running:
            return None
        task = BackgroundTask(work, self)
        self.task = task
        which = "public" if self.public else "full"
        task.progressed.connect(
            lambda n: None if task.cancelled else self.ui.set_status(f"{label} page {n}")
        )
        task.succeeded.connect(lambda result: self._finished(lambda: done(result)))
        task.failed.connect(lambda error: self._finished(lambda: self._failed(error, failure, target)))  # fmt: skip
        self.ui.set_status(label)
        self.ui.set_busy(True)
        self.ui.cancel.setToolTip(f"Stop building the {which} pack; nothing is written")
        task.start()
        return task

    def _finished(self, then: Callable[[], None]) -> None:
        self.ui.set_busy(False)
        if self._close_when_done:
            self.ui.set_status("")
            super().reject()
            return
        then()

    def _failed(self, error: object, failure: str, target: Path | None) -> None:
        if not isinstance(error, DeskError):
            raise error if isinstance(error, BaseException) else RuntimeError(str(error))
        if self.task is not None and self.task.cancelled:
            unchanged = f" {target} is unchanged." if target is not None and target.exists() else ""
            self.ui.set_status(f"Cancelled; nothing was written.{unchanged}")
            return
        self.ui.set_status("")
        self.messenger.problem(self, failure, error)

    def cancel(self) -> None:
        if self.task is not None and self.running:
            self.task.cancel()
            self.ui.set_status("Cancelling…")

    def reject(self) -> None:
        """Close (or Esc) while a build runs cancels it; the dialog closes when it has stopped."""
        if self.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()
