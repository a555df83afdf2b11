"""Print minutes…: the minutes as a PDF, written off the UI thread, then offered to open.

The file is chosen and opened through replaceable callables (native dialogs
and a PDF viewer have no place in tests); the work runs behind the app's
progress dialog and may be cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from improvement_desk.domain.errors import DeskError
from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.ui.exchange.export_actions import documents_folder, plural, safe_file_name
from improvement_desk.ui.exchange.progress import run_with_progress
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

PDF_FILTER = "PDF documents (*.pdf)"
TITLE = "Print minutes"


def default_minutes_name(summary: MeetingSummary) -> str:
    """'Improvement Board minutes 2014-03-12.pdf'."""
    return safe_file_name(f"{summary.title} minutes {summary.meeting_date:%Y-%m-%d}", ".pdf")


class MinutesPrinter(QObject):
    def __init__(self, parent: QWidget, desk: Desk, messenger: Messenger) -> None:
        super().__init__(parent)
        self._parent = parent
        self._desk = desk
        self._messenger = messenger
        # Replaceable in tests: a native dialog blocks and a viewer would open for real.
        self.choose_path: Callable[[str], str] = self._choose_path
        self.open_file: Callable[[Path], object] = self._open_file
        self.task: BackgroundTask | None = None  # the last print started, for tests

    def _choose_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self._parent, TITLE, suggested, PDF_FILTER)
        return path

    @staticmethod
    def _open_file(path: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def print_minutes(self, summary: MeetingSummary) -> BackgroundTask | None:
        if self.task is not None and self.task.running:
            return self.task
        chosen = self.choose_path(str(documents_folder() / default_minutes_name(summary)))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        desk, meeting_id = self._desk, summary.id

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> Any:
            return desk.minutes_pdf.write(meeting_id, path, progress=progress, cancelled=cancelled)

        self.task = run_with_progress(
            self._parent,
            TITLE,
            f"Writing the minutes of {summary.label} to {path.name}…",
            work,
            self._written,
            lambda exc: self._messenger.problem(self._parent, "The minutes were not printed", exc),
            self._messenger,
            progress_text=lambda n: f"Laying out page {n} of {path.name}…",
            on_cancelled=self._cancelled,
        )
        return self.task

    def _cancelled(self, exc: DeskError) -> None:
        self._messenger.info(self._parent, "Printing cancelled", str(exc))

    def _open(self, path: Path) -> None:
        self.open_file(path)

    def _written(self, report: Any) -> None:
        path = Path(report.path)
        text = f"Wrote {plural(getattr(report, 'pages', 0), 'page')} of minutes to {path}."
        missing = getattr(report, "missing_characters", "")
        if missing:
            text += f"\n\nThese characters cannot be printed in the PDF's font: {missing}"
        self._messenger.confirm(
            self._parent,
            "Minutes printed",
            text + "\n\nOpen the PDF now?",
            lambda: self._open(path),
            yes="Open",
        )
