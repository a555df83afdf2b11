"""A board pack on screen: pages, bookmarks, zoom, Print… and Save as…, from the PDF's bytes.

A pack is previewed before it is issued and reopened exactly as issued; both
arrive as bytes (a draft built to a temporary file, or the stored PDF), so the
window shows bytes and never a path that could change under it. Each opened
PDF gets its own non-modal window, so the full and the public pack can be
compared side by side. Printing renders page by page on the GUI thread
(pdf_print.py); saving writes through write_atomically, so a failed save
leaves an existing file as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QModelIndex,
    QObject,
    QPointF,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtPdf import QPdfBookmarkModel, QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QSpinBox,
    QToolBar,
    QTreeView,
    QWidget,
)

from improvement_desk.runtime.atomic import write_atomically
from improvement_desk.services.pdf_targets import explain_write
from improvement_desk.ui.exchange.export_actions import documents_folder, plural, safe_file_name
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.pack.pdf_print import PdfPrintJob, pages_to_print
from improvement_desk.ui.widgets import named

PDF_FILTER = "PDF documents (*.pdf)"
ZOOMS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)

_open: list[PackPreview] = []  # every preview window, referenced until it closes


def open_windows() -> list[PackPreview]:
    return list(_open)


def open_pdf(
    parent: QWidget | None,
    data: bytes,
    title: str,
    *,
    messenger: Messenger | None = None,
    file_name: str = "",
) -> PackPreview:
    """Shows `data` in a new preview window titled `title`; `file_name` is what Save as…
    suggests. The window belongs to the main window, not to a dialog that opened it."""
    messenger = messenger or Messenger()
    window = PackPreview(data, title, messenger, _owner(parent), file_name)
    _open.append(window)
    if window.document.status() is not QPdfDocument.Status.Ready:
        messenger.error(
            parent, "The PDF cannot be shown", f"{title}: the file is damaged or is not a PDF."
        )
        window.close()
        return window
    window.show()
    window.activateWindow()
    return window


def _owner(parent: QWidget | None) -> QWidget | None:
    window = parent.window() if parent is not None else None
    while isinstance(window, QDialog):
        above = window.parentWidget()
        window = above.window() if above is not None else None
    return window


class PackPreview(QMainWindow):
    def __init__(
        self,
        data: bytes,
        title: str,
        messenger: Messenger,
        parent: QWidget | None = None,
        file_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pack_preview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.data = data
        self.title = title
        self.file_name = file_name or safe_file_name(title, ".pdf")
        self._messenger = messenger
        # Replaceable in tests: native dialogs block.
        self.choose_path: Callable[[str], str] = self._choose_path
        self.ask_printer: Callable[[Callable[[QPrinter], object]], None] = self._ask_printer
        self.print_job: PdfPrintJob | None = None
        self._close_after_print = False
        self._pending_page: int | None = None  # the page to return to after a zoom

        # The buffer must outlive the document: QtPdf reads pages from it on demand.
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = named(QPdfView(self), "pdf_view", "Pages")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.setCentralWidget(self.view)
        self.navigator = self.view.pageNavigator()

        self.bookmarks = QPdfBookmarkModel(self)
        self.bookmarks.setDocument(self.document)
        self.tree = named(QTreeView(), "bookmarks", "Bookmarks")
        self.tree.setModel(self.bookmarks)
        self.tree.setHeaderHidden(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.expandAll()
        self._marks = self._bookmarks_in_order(QModelIndex())
        self.tree.clicked.connect(self._go_to_bookmark)
        self.tree.activated.connect(self._go_to_bookmark)
        self.dock = QDockWidget("Bookmarks", self)
        self.dock.setObjectName("bookmarks_dock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.setWidget(self.tree)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [330], Qt.Orientation.Horizontal)

        self._build_toolbar()
        self.view.viewport().installEventFilter(self)
        self.navigator.currentPageChanged.connect(self._show_page)
        self._show_page(self.navigator.currentPage())
        self.statusBar().showMessage(self._status())
        self.resize(1100, 900)

    # -- building ------------------------------------------------------------------------------

    def _act(
        self, text: str, slot: Callable[[], object], keys: QKeySequence.StandardKey | str = ""
    ) -> QAction:
        act = QAction(text, self)
        act.setToolTip(text.replace("&", "").rstrip("…"))
        if keys:
            act.setShortcut(QKeySequence(keys))
        act.triggered.connect(lambda *_: slot())
        self.addAction(act)
        return act

    def _build_toolbar(self) -> None:
        bar = QToolBar("Pack", self)
        bar.setObjectName("preview_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        toggle = self.dock.toggleViewAction()
        toggle.setText("Bookmarks")
        bar.addAction(toggle)
        bar.addSeparator()
        self.act_zoom_out = self._act("Zoom out", self.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.act_zoom_in = self._act("Zoom in", self.zoom_in, QKeySequence.StandardKey.ZoomIn)
        self.act_fit = self._act("Fit width", self.fit_width, "Ctrl+0")
        self.zoom_label = named(QLabel(), "zoom", "Zoom")
        self.zoom_label.setMinimumWidth(
            self.zoom_label.fontMetrics().horizontalAdvance("400%") + 24
        )
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for act in (self.act_zoom_out, self.act_zoom_in, self.act_fit):
            bar.addAction(act)
        bar.addWidget(self.zoom_label)
        bar.addSeparator()
        self.act_previous = self._act("Previous page", lambda: self.go_to_page(self.page() - 1))
        self.act_next = self._act("Next page", lambda: self.go_to_page(self.page() + 1))
        self.page_box = named(QSpinBox(), "page", "Page")
        self.page_box.setRange(1, max(1, self.page_count()))
        self.page_box.setKeyboardTracking(False)
        self.page_box.setToolTip("Go to page")
        self.page_box.valueChanged.connect(lambda n: self.go_to_page(n - 1))
        self.of_pages = QLabel(f" of {self.page_count()} ")
        bar.addAction(self.act_previous)
        page_label = QLabel(" Page ")
        page_label.setBuddy(self.page_box)
        bar.addWidget(page_label)
        bar.addWidget(self.page_box)
        bar.addWidget(self.of_pages)
        bar.addAction(self.act_next)
        bar.addSeparator()
        self.act_print = self._act("&Print…", self.print_pack, QKeySequence.StandardKey.Print)
        self.act_save = self._act("&Save as…", self.save_as, QKeySequence.StandardKey.Save)
        bar.addAction(self.act_print)
        bar.addAction(self.act_save)
        self._act("Close", self.close, QKeySequence.StandardKey.Close)

    def _status(self) -> str:
        if self.document.status() is not QPdfDocument.Status.Ready:
            return f"This PDF cannot be shown ({self.document.error().name})."
        return f"{plural(self.page_count(), 'page')}, {self.data_size()}"

    def data_size(self) -> str:
        size = len(self.data)
        return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} KB"

    # -- what is shown -------------------------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount()

    def page(self) -> int:
        """The current page, from 0."""
        return self.navigator.currentPage()

    def bookmark_count(self) -> int:
        return len(self._marks)

    def _bookmarks_in_order(self, parent: QModelIndex) -> list[tuple[int, QModelIndex]]:
        """(page, index) of every bookmark, each before its children: outline order."""
        found: list[tuple[int, QModelIndex]] = []
        for row in range(self.bookmarks.rowCount(parent)):
            index = self.bookmarks.index(row, 0, parent)
            found.append((int(index.data(int(QPdfBookmarkModel.Role.Page)) or 0), index))
            found.extend(self._bookmarks_in_order(index))
        return found

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count() and page != self.page():
            self.navigator.jump(page, QPointF(), self.navigator.currentZoom())

    def _go_to_bookmark(self, index: QModelIndex) -> None:
        page = index.data(int(QPdfBookmarkModel.Role.Page))
        if isinstance(page, int):
            self.navigator.jump(page, QPointF(), self.navigator.currentZoom())

    def _show_page(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.act_previous.setEnabled(page > 0)
        self.act_next.setEnabled(page < self.page_count() - 1)
        # The bookmark of the section being read, unless the one chosen is on this page.
        chosen = self.tree.currentIndex()
        if not chosen.isValid() or chosen.data(int(QPdfBookmarkModel.Role.Page)) != page:
            on = [index for start, index in self._marks if start <= page]
            self.tree.setCurrentIndex(on[-1] if on else QModelIndex())

    # -- zoom ----------------------------------------------------------------------------------

    def zoom(self) -> float:
        """The zoom now, 1.0 being the page's printed size; also when fitted to the width."""
        if self.view.zoomMode() is QPdfView.ZoomMode.Custom or not self.page_count():
            return self.view.zoomFactor()
        points = self.document.pagePointSize(self.page()).width()
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        return max(usable, 1) / max(points * self.view.logicalDpiX() / 72, 1)

    def zoom_in(self) -> None:
        now = self.zoom()
        self.set_zoom(next((z for z in ZOOMS if z > now + 0.005), ZOOMS[-1]))

    def zoom_out(self) -> None:
        now = self.zoom()
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < now - 0.005), ZOOMS[0]))

    def set_zoom(self, factor: float) -> None:
        page = self.page()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._show_zoom()
        self._keep_page(page)

    def fit_width(self) -> None:
        page = self.page()
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()
        self._keep_page(page)

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom() * 100)}%")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() is QEvent.Type.Resize:
            # Fitted to the width, the zoom follows the window; the page read stays in view.
            self._show_zoom()
            if self.view.zoomMode() is QPdfView.ZoomMode.FitToWidth:
                self._keep_page(self.page())
        return super().eventFilter(watched, event)

    def _keep_page(self, page: int) -> None:
        """A new zoom moves the pages under the scroll bar; come back to where the reader was,
        once the view has laid the pages out again (several quick zooms: to the first page)."""
        if self._pending_page is None and self.page_count():
            self._pending_page = page
            QTimer.singleShot(0, self, self._jump_back)

    def _jump_back(self) -> None:
        page, self._pending_page = self._pending_page, None
        if page is not None:
            self.navigator.jump(page, QPointF(), self.navigator.currentZoom())

    # -- saving and printing -------------------------------------------------------------------

    def _choose_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Save the PDF as", suggested, PDF_FILTER)
        return path

    def save_as(self) -> Path | None:
        chosen = self.choose_path(str(documents_folder() / self.file_name))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_atomically(path, self.data)
        except OSError as error:
            self._messenger.error(self, "The PDF was not saved", explain_write(path, error))
            return None
        self.statusBar().showMessage(f"Saved as {path}", 8000)
        return path

    def _ask_printer(self, then: Callable[[QPrinter], object]) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setMinMax(1, max(1, self.page_count()))
        dialog.accepted.connect(lambda: then(printer))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # as open(): never exec(), which would nest an event loop

    def print_pack(self) -> None:
        """Print…: asks for the printer and range, then prints."""
        if self.print_job is not None and self.print_job.running:
            return
        self.ask_printer(self.print_to)

    def print_to(self, printer: QPrinter) -> PdfPrintJob:
        """Prints the pages `printer`'s range names; returns the job (it runs on)."""
        pages = pages_to_print(printer, self.page_count(), self.page())
        job = PdfPrintJob(self, self.document, printer, pages)
        job.finished.connect(self._printed)
        self.print_job = job
        self.act_print.setEnabled(False)
        job.start()
        return job

    def _printed(self, pages: int, error: str) -> None:
        self.act_print.setEnabled(True)
        if self._close_after_print:
            self.close()
        if error:
            self._messenger.error(self, "The pack was not printed", f"{self.title}: {error}")
        elif self.print_job is not None and self.print_job.cancelled:
            self.statusBar().showMessage(f"Printing cancelled after {plural(pages, 'page')}", 8000)
        else:
            self.statusBar().showMessage(f"Printed {plural(pages, 'page')}", 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.print_job is not None and self.print_job.running:
            # The job paints from this window's document: it ends the page it is on, closes
            # the printer, and then the window closes.
            self.print_job.cancel()
            self._close_after_print = True
            event.ignore()
            return
        if self in _open:
            _open.remove(self)
        super().closeEvent(event)
