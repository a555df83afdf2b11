"""The import wizard: choose a workbook and sheet, match the columns, check the preview, import.

The wizard holds what has been read (the sheets, the preview, the sheet's
headings) and runs every read and the final apply off the UI thread, one at a
time; a newer request supersedes an older one, whose result is then ignored.
Nothing is written until Import: then the whole preview is applied in one
transaction or, on any refusal, nothing is, and the preview is read again.
What is imported (plan or risk register) is the wizard's `ImportKind`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from improvement_desk.domain.errors import DeskError
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.ui.exchange.export_actions import documents_folder
from improvement_desk.ui.exchange.import_kinds import PLAN_IMPORT, ImportKind, PreviewView
from improvement_desk.ui.exchange.preview_page import PreviewPage
from improvement_desk.ui.exchange.progress import run_with_progress
from improvement_desk.ui.exchange.source_pages import ColumnsPage, FilePage
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.tasks import BackgroundTask, Work

if TYPE_CHECKING:
    from improvement_desk.interchange.table_reader import SheetChoice
    from improvement_desk.services.desk import Desk
    from improvement_desk.ui.exchange.import_kinds import ImportService

WORKBOOK_FILTER = "Excel workbooks (*.xlsx *.xlsm);;All files (*)"
Failure = Callable[[DeskError], None]


def read_rows(count: int) -> str:
    return f"Read {count:,} rows…"


class ImportWizard(QWizard):
    FILE, COLUMNS, PREVIEW = 0, 1, 2
    busy_changed = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        desk: Desk,
        messenger: Messenger,
        kind: ImportKind = PLAN_IMPORT,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_wizard")
        self.setWindowTitle(kind.title)
        self.desk = desk
        self.kind = kind
        self.messenger = messenger
        # Replaceable in tests: the native file dialog blocks.
        self.choose_file: Callable[[], str] = self._choose_file
        self.path: Path | None = None
        self.sheet: str | None = None
        self.mapping: dict[str, str] | None = None  # None: as detected
        self.headers: list[tuple[str, str]] = []  # (letter, heading) of every titled column
        self.preview: PreviewView | None = None
        self.imported: Any = None  # the service's result, once imported
        self.task: BackgroundTask | None = None
        self._applying = False
        self._generation = 0

        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Import")
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.setPage(self.FILE, self.file_page)
        self.setPage(self.COLUMNS, self.columns_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setMinimumSize(QSize(760, 540))
        self.resize(940, 660)

    # -- background work -----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.task is not None

    def run(
        self,
        label: str,
        work: Work,
        on_success: Callable[[Any], None],
        on_failure: Failure,
        *,
        cancellable: bool = True,
        on_cancelled: Failure | None = None,
    ) -> None:
        """Runs `work` in the background; supersedes (cancels and ignores) any earlier task.

        When the user cancels it, `on_cancelled` (by default `on_failure`) is told.
        """
        self.cancel_task()
        self._generation += 1
        generation = self._generation

        def current() -> bool:
            return generation == self._generation

        def succeeded(result: Any) -> None:
            if not current():
                return
            cancelled = self.task is not None and self.task.cancelled
            self._set_task(None)
            if cancelled:  # the work finished before it saw the cancel: the user said stop
                (on_cancelled or on_failure)(DeskError("Reading the workbook was cancelled."))
            else:
                on_success(result)

        def failed(exc: DeskError) -> None:
            if current():
                self._set_task(None)
                on_failure(exc)

        def stopped(exc: DeskError) -> None:
            if current():
                self._set_task(None)
                (on_cancelled or on_failure)(exc)

        self._set_task(
            run_with_progress(
                self,
                self.kind.title,
                label,
                work,
                succeeded,
                failed,
                self.messenger,
                progress_text=read_rows if cancellable else None,
                cancellable=cancellable,
                on_cancelled=stopped,
            )
        )

    def cancel_task(self) -> None:
        """Stops waiting for the running read (its result will be ignored)."""
        if self.task is not None and not self._applying:
            self.task.cancel()
            self._generation += 1
            self._set_task(None)

    def _set_task(self, task: BackgroundTask | None) -> None:
        self.task = task
        self.busy_changed.emit()

    # -- the steps -----------------------------------------------------------------------------

    @property
    def imports(self) -> ImportService:
        """The kind's import service (built on first use, so openpyxl loads only now)."""
        return self.kind.service(self.desk)

    def load_sheets(
        self, path: Path, on_done: Callable[[list[SheetChoice]], None], on_failure: Failure
    ) -> None:
        imports = self.imports
        self.run(f"Opening {path.name}…", lambda *_: imports.sheets(path), on_done, on_failure)

    def read_sheet(
        self,
        path: Path,
        sheet: str,
        on_done: Callable[[], None],
        on_failure: Failure,
        on_cancelled: Failure | None = None,
    ) -> None:
        """The preview as detected, and every heading of the sheet for the column choices."""
        imports = self.imports

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> Any:
            preview = imports.preview(path, sheet=sheet, progress=progress, cancelled=cancelled)
            return preview, preview.headings

        def done(found: tuple[PreviewView, list[tuple[str, str]]]) -> None:
            self.path, self.sheet, self.mapping = path, sheet, None
            self.preview, self.headers = found
            on_done()

        self.run(
            f"Reading sheet '{sheet}' of {path.name}…",
            work,
            done,
            on_failure,
            on_cancelled=on_cancelled,
        )

    def remap(
        self, mapping: dict[str, str], on_done: Callable[[], None], on_failure: Failure
    ) -> None:
        """The preview again with the user's choice of columns (an empty letter: not in the sheet)."""
        self.mapping = dict(mapping)
        self._reread(on_done, on_failure)

    def _reread(self, on_done: Callable[[], None], on_failure: Failure) -> None:
        assert self.path is not None
        path, sheet, mapping, imports = self.path, self.sheet, self.mapping, self.imports

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> Any:
            return imports.preview(
                path, sheet=sheet, mapping=mapping, progress=progress, cancelled=cancelled
            )

        def done(preview: PreviewView) -> None:
            self.preview = preview
            on_done()

        self.run(f"Reading {path.name} again…", work, done, on_failure)

    def apply(self, skip_refused: bool) -> None:
        """Imports the preview; closes on success, or reads the file again on a refusal."""
        preview = self.preview
        assert preview is not None
        imports = self.imports

        def done(result: Any) -> None:
            self._applying = False
            self.imported = result
            self.messenger.info(
                self.parentWidget(), "Import complete", self.kind.summary(preview, result)
            )
            self.accept()

        def refused(exc: DeskError) -> None:
            self._applying = False
            self.messenger.error(
                self,
                "Nothing was imported",
                f"{exc}\n\nThe preview has been read again from the file: check it, then import.",
            )
            self._reread(self.preview_page.show_preview, self.preview_page.show_error)

        self.cancel_task()
        self._applying = True
        self.run(
            f"Importing {preview.file_name}…",
            lambda *_: imports.apply(preview, skip_refused=skip_refused),
            done,
            refused,
            cancellable=False,
        )

    def applicable(self) -> int:
        preview = self.preview
        return 0 if preview is None else preview.count(RowKind.NEW) + preview.count(RowKind.CHANGED)

    # -- closing -------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        if self._applying:
            return  # one transaction under way: it cannot be stopped halfway
        if result == int(QWizard.DialogCode.Rejected):
            self.cancel_task()
        super().done(result)

    def _choose_file(self) -> str:
        start = str(self.path.parent if self.path else documents_folder())
        path, _ = QFileDialog.getOpenFileName(self, "Choose a workbook", start, WORKBOOK_FILTER)
        return path
