"""The File menu's Excel commands: the plan's, the risk register's, the action log's and the
scorecard's.

The plan is exported, sent for update and imported; the risk register, the
action log (the actions meetings agree) and the scorecard's figures are
exported and imported through the same import wizard (`ImportKind`).

Files and folders are chosen through replaceable callables (native dialogs
block tests); the work runs off the UI thread behind a progress dialog, and
the outcome is told through the `Messenger`. Only `Qt` and the UI are imported
here: the services arrive through the `Desk` when a command runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from improvement_desk.domain.errors import DeskError
from improvement_desk.ui.exchange.progress import run_with_progress
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from improvement_desk.interchange.xlsx_export import ExportReport
    from improvement_desk.services.desk import Desk
    from improvement_desk.ui.exchange.import_kinds import ImportKind
    from improvement_desk.ui.exchange.import_wizard import ImportWizard

XLSX_FILTER = "Excel workbooks (*.xlsx)"
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 action', '2 actions'; `words` for an irregular plural ('people')."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def safe_file_name(stem: str, suffix: str = ".xlsx") -> str:
    """A file name that Windows, macOS and Linux all accept."""
    cleaned = " ".join(_UNSAFE.sub(" ", stem).split())[:150].rstrip(". ")
    return (cleaned or "export") + suffix


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


class ExchangeActions(QObject):
    """The File menu's Excel `QAction`s and what they do.

    `reload` shows the plan again after a plan import; `reload_risks` the risk register
    after a risk import (which also reloads the plan: its actions show the risks they reduce);
    `reload_log` the action log after an action-log import; `reload_scorecard` the scorecard
    after a figures import.
    """

    def __init__(
        self,
        window: QWidget,
        desk_provider: Callable[[], Desk | None],
        messenger: Messenger,
        reload: Callable[[], None],
        reload_risks: Callable[[], None] | None = None,
        reload_log: Callable[[], None] | None = None,
        reload_scorecard: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._desk = desk_provider
        self._messenger = messenger
        self._reload = reload
        self._reload_risks = reload_risks
        self._reload_log = reload_log
        self._reload_scorecard = reload_scorecard
        # Replaceable in tests: native file dialogs block.
        self.choose_export_path: Callable[[], str] = self._choose_export_path
        self.choose_risk_export_path: Callable[[], str] = self._choose_risk_export_path
        self.choose_log_export_path: Callable[[], str] = self._choose_log_export_path
        self.choose_scorecard_export_path: Callable[[], str] = self._choose_scorecard_export_path
        self.choose_folder: Callable[[], str] = self._choose_folder
        self.choose_returns: Callable[[], list[str]] = self._choose_returns
        self.pending_returns: list[Path] = []  # returned workbooks still to preview
        self.task: BackgroundTask | None = None  # the last export started, for tests
        self.wizard: ImportWizard | None = None  # the open import wizard

        self.act_export = self._action(
            "&Export plan to Excel…",
            self.export_plan,
            "Ctrl+E",
            "Save the action plan as a workbook",
        )
        self.act_import = self._action(
            "&Import plan from Excel…",
            self.import_plan,
            "Ctrl+I",
            "Preview a workbook's rows and bring them into the plan",
        )
        self.act_returns = self._action(
            "Import returned &workbooks…",
            self.import_returns,
            None,
            "Preview and apply several returned workbooks, one after another",
        )
        self.act_send = self._action(
            "&Send for update…",
            self.send_for_update,
            None,
            "One workbook per lead officer with their open actions, to fill in and return",
        )
        self.act_export_risks = self._action(
            "Export ris&k register to Excel…",
            self.export_risks,
            "Ctrl+Shift+E",
            "Save the risk register as a workbook, to read or to return with reviews",
        )
        self.act_import_risks = self._action(
            "Import risk re&gister from Excel…",
            self.import_risks,
            "Ctrl+Shift+I",
            "Preview a register's rows and bring them in, recording the reviews they hold",
        )
        self.act_export_log = self._action(
            "Export action &log to Excel…",
            self.export_log,
            None,
            "Save the action log as a workbook, with overdue actions in red",
        )
        self.act_import_log = self._action(
            "Import &action log from Excel…",
            self.import_log,
            None,
            "Preview a log's rows and bring in their updates, statuses and new due dates",
        )
        # No shortcuts: Ctrl+E/I and Ctrl+Shift+E/I are taken, and the scorecard page has its own.
        self.act_export_scorecard = self._action(
            "Export score&card to Excel…",
            self.export_scorecard,
            None,
            "Save the scorecard, rated, and its figures as a workbook to read or to return",
        )
        self.act_import_scorecard = self._action(
            "Import scorecard &figures from Excel…",
            self.import_scorecard,
            None,
            "Preview a sheet's figures (periods across, or one row per figure) and bring them in",
        )
        self.update_enabled()

    def _action(
        self, text: str, slot: Callable[[], Any], shortcut: str | None, tip: str
    ) -> QAction:
        act = QAction(text, self._window)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.setStatusTip(tip)
        act.triggered.connect(lambda *_: slot())
        return act

    def menu_groups(self) -> Sequence[Sequence[QAction]]:
        """The plan's commands, the register's, the log's, then the scorecard's: the File menu
        separates them."""
        return (
            (self.act_export, self.act_import, self.act_returns, self.act_send),
            (self.act_export_risks, self.act_import_risks),
            (self.act_export_log, self.act_import_log),
            (self.act_export_scorecard, self.act_import_scorecard),
        )

    def actions(self) -> Sequence[QAction]:
        return tuple(act for group in self.menu_groups() for act in group)

    def update_enabled(self) -> None:
        """Export needs an open board; import and send for update a writable one."""
        desk = self._desk()
        self.act_export.setEnabled(desk is not None)
        self.act_export_risks.setEnabled(desk is not None)
        self.act_export_log.setEnabled(desk is not None)
        self.act_export_scorecard.setEnabled(desk is not None)
        writable = desk is not None and not desk.read_only
        for act in (
            self.act_import,
            self.act_returns,
            self.act_send,
            self.act_import_risks,
            self.act_import_log,
            self.act_import_scorecard,
        ):
            act.setEnabled(writable)

    # -- export --------------------------------------------------------------------------------

    def default_export_path(self, desk: Desk, what: str = "action plan") -> Path:
        name = safe_file_name(f"{desk.info().name} - {what} {desk.ctx.today():%Y-%m-%d}")
        return documents_folder() / name

    def _choose_export_path(self) -> str:
        return self._choose_save("Export plan to Excel", "action plan")

    def _choose_risk_export_path(self) -> str:
        return self._choose_save("Export risk register to Excel", "risk register")

    def _choose_log_export_path(self) -> str:
        return self._choose_save("Export action log to Excel", "action log")

    def _choose_scorecard_export_path(self) -> str:
        return self._choose_save("Export scorecard to Excel", "scorecard")

    def _choose_save(self, title: str, what: str) -> str:
        desk = self._desk()
        start = str(self.default_export_path(desk, what)) if desk else ""
        path, _ = QFileDialog.getSaveFileName(self._window, title, start, XLSX_FILTER)
        return path

    def export_plan(self) -> BackgroundTask | None:
        return self._export(
            self.choose_export_path,
            lambda desk: desk.exports.export,
            title="Export plan to Excel",
            what="the plan",
            done_title="Plan exported",
            noun="action",
        )

    def export_risks(self) -> BackgroundTask | None:
        return self._export(
            self.choose_risk_export_path,
            lambda desk: desk.risk_exports.export,
            title="Export risk register to Excel",
            what="the risk register",
            done_title="Risk register exported",
            noun="risk",
        )

    def export_log(self) -> BackgroundTask | None:
        return self._export(
            self.choose_log_export_path,
            lambda desk: desk.log_exports.export,
            title="Export action log to Excel",
            what="the action log",
            done_title="Action log exported",
            noun="log action",
        )

    def export_scorecard(self) -> BackgroundTask | None:
        return self._export(
            self.choose_scorecard_export_path,
            lambda desk: desk.scorecard_exports.export,
            title="Export scorecard to Excel",
            what="the scorecard",
            done_title="Scorecard exported",
            noun="indicator",
        )

    def _export(
        self,
        choose: Callable[[], str],
        exporter: Callable[[Desk], Callable[..., ExportReport]],
        *,
        title: str,
        what: str,
        done_title: str,
        noun: str,
    ) -> BackgroundTask | None:
        """Asks where, then writes the workbook in the background; says how it went."""
        desk = self._desk()
        if desk is None:
            return None
        chosen = choose()
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        problem = f"Cannot export {what}"
        try:
            board_name = desk.info().name
        except DeskError as exc:
            self._messenger.problem(self._window, problem, exc)
            return None

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> Any:
            return exporter(desk)(
                path, board_name=board_name, progress=progress, cancelled=cancelled
            )

        self.task = run_with_progress(
            self._window,
            title,
            f"Writing {path.name}…",
            work,
            lambda report: self._exported(report, done_title, noun),
            lambda exc: self._messenger.problem(self._window, problem, exc),
            self._messenger,
            progress_text=lambda n: f"Wrote {n:,} rows to {path.name}…",
            on_cancelled=lambda exc: self._messenger.info(
                self._window, "Export cancelled", str(exc)
            ),
        )
        return self.task

    def _exported(self, report: ExportReport, title: str, noun: str) -> None:
        text = f"Exported {plural(report.rows, noun)} to {report.path}"
        if report.cleaned_characters:
            places = ", ".join(report.cleaned_places[:10])
            more = "…" if len(report.cleaned_places) > 10 else ""
            text += (
                f"\n\nRemoved {plural(report.cleaned_characters, 'control character')} that "
                f"Excel cannot hold, in: {places}{more}"
            )
        self._messenger.info(self._window, title, text)

    # -- send for update -----------------------------------------------------------------------

    def _choose_folder(self) -> str:
        return QFileDialog.getExistingDirectory(
            self._window, "Folder for the workbooks to send", str(documents_folder())
        )

    def send_for_update(self) -> BackgroundTask | None:
        desk = self._desk()
        if desk is None or desk.read_only:
            return None
        chosen = self.choose_folder()
        if not chosen:
            return None
        folder = Path(chosen)
        try:
            board_name = desk.info().name
        except DeskError as exc:
            self._messenger.problem(self._window, "Cannot make the workbooks", exc)
            return None
        written = [0]

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> Any:
            def made(count: int) -> None:
                written[0] = count
                progress(count)

            return desk.exports.export_for_owners(
                folder, board_name=board_name, progress=made, cancelled=cancelled
            )

        def cancelled(_: DeskError) -> None:
            self._messenger.info(
                self._window,
                "Send for update cancelled",
                f"Stopped after {plural(written[0], 'workbook')} in {folder}.",
            )

        self.task = run_with_progress(
            self._window,
            "Send for update",
            "Writing one workbook per lead officer…",
            work,
            lambda made: self._sent(folder, made),
            lambda exc: self._messenger.problem(self._window, "Cannot make the workbooks", exc),
            self._messenger,
            progress_text=lambda n: f"Wrote {plural(n, 'workbook')}…",
            on_cancelled=cancelled,
        )
        return self.task

    def _sent(self, folder: Path, made: Sequence[Any]) -> None:
        if not made:
            self._messenger.info(
                self._window, "Nothing to send", "Every action is complete (Blue): none to update."
            )
            return
        lines = [
            f"• {book.lead_officer}: {plural(book.actions, 'action')} — {book.path.name}"
            for book in made
        ]
        self._messenger.info(
            self._window,
            "Workbooks ready to send",
            f"Wrote {plural(len(made), 'workbook')} in {folder}:\n\n" + "\n".join(lines),
        )

    # -- import --------------------------------------------------------------------------------

    def import_plan(self) -> ImportWizard | None:
        from improvement_desk.ui.exchange.import_kinds import PLAN_IMPORT

        return self._open_wizard(PLAN_IMPORT, self._reload)

    def import_risks(self) -> ImportWizard | None:
        from improvement_desk.ui.exchange.import_kinds import RISK_IMPORT

        return self._open_wizard(RISK_IMPORT, self._risks_imported)

    def import_log(self) -> ImportWizard | None:
        from improvement_desk.ui.exchange.import_kinds import LOG_IMPORT

        return self._open_wizard(LOG_IMPORT, self._log_imported)

    def import_scorecard(self) -> ImportWizard | None:
        from improvement_desk.ui.exchange.import_kinds import SCORECARD_IMPORT

        return self._open_wizard(SCORECARD_IMPORT, self._scorecard_imported)

    def _scorecard_imported(self) -> None:
        if self._reload_scorecard is not None:
            self._reload_scorecard()

    def _log_imported(self) -> None:
        if self._reload_log is not None:
            self._reload_log()

    def _risks_imported(self) -> None:
        if self._reload_risks is not None:
            self._reload_risks()
        self._reload()  # an action's details list the risks it reduces, with their scores

    def _open_wizard(self, kind: ImportKind, reload: Callable[[], None]) -> ImportWizard | None:
        desk = self._desk()
        if desk is None or desk.read_only:
            return None
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            return self.wizard
        from improvement_desk.ui.exchange.import_wizard import ImportWizard

        wizard = ImportWizard(self._window, desk, self._messenger, kind)
        wizard.accepted.connect(reload)
        wizard.finished.connect(lambda *_: self._wizard_closed(wizard))
        self.wizard = wizard
        wizard.open()
        return wizard

    def _wizard_closed(self, wizard: ImportWizard) -> None:
        if self.wizard is wizard:
            self.wizard = None
        wizard.deleteLater()
        if self.pending_returns and wizard.result():
            self._next_return()
        else:
            self.pending_returns = []  # cancelling one stops the rest

    # -- owner returns: several workbooks, each previewed and applied on its own ---------------

    def _choose_returns(self) -> list[str]:
        files, _ = QFileDialog.getOpenFileNames(
            self._window, "Import returned workbooks", str(documents_folder()), "Excel (*.xlsx)"
        )
        return files

    def import_returns(self) -> ImportWizard | None:
        """One wizard per workbook, in turn: each has its own preview and its own transaction,
        so one officer's refused return never holds up the others' updates."""
        desk = self._desk()
        if desk is None or desk.read_only or self.wizard is not None:
            return None
        self.pending_returns = [Path(f) for f in self.choose_returns()]
        return self._next_return()

    def _next_return(self) -> ImportWizard | None:
        if not self.pending_returns:
            return None
        path = self.pending_returns.pop(0)
        wizard = self.import_plan()
        if wizard is not None:
            left = len(self.pending_returns)
            wizard.setWindowTitle(
                f"Import {path.name}"
                + (f" ({plural(left, 'more workbook')} after this)" if left else "")
            )
            wizard.file_page.path_edit.setText(str(path))
        return wizard
