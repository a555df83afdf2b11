"""Printing a PDF held in memory: each page rendered to an image and drawn onto the printer.

Qt has no way to hand a PDF to a printer as it is, so every page is rendered
(QtPdf) at the printer's resolution — capped, since a 1200 dpi A4 page is half
a gigabyte of pixels — and painted. QPainter on a QPrinter must stay on the GUI
thread, so the pages go one per turn of the event loop behind a progress
dialog with Cancel: a 130-page pack never freezes the window. The page range
chosen in the print dialog is honoured; a landscape page on portrait paper is
turned to fill the sheet, as PDF viewers do.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

MAX_DPI = 300  # enough for print; 2480 x 3508 pixels for an A4 page
SHOW_AFTER_MS = 300


def pages_to_print(printer: QPrinter, page_count: int, current: int) -> list[int]:
    """The 0-based pages the print dialog asked for, in printing order."""
    chosen = printer.printRange()
    if chosen == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = printer.toPage() if printer.toPage() > 0 else page_count
        pages = list(range(max(printer.fromPage(), 1) - 1, min(last, page_count)))
    elif chosen == QPrinter.PrintRange.CurrentPage:
        pages = [min(max(current, 0), page_count - 1)] if page_count else []
    else:
        pages = list(range(page_count))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


def printer_name(printer: QPrinter) -> str:
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return printer.outputFileName() or "a PDF file"
    return printer.printerName() or "the printer"


class PdfPrintJob(QObject):
    """Sends `pages` of `document` to `printer`; `finished(printed, error)` when done.

    `printed` counts the pages sent; `error` is empty unless printing could not
    start. A cancelled job ends early with the pages sent so far.
    """

    finished = Signal(int, str)

    def __init__(
        self, parent: QWidget, document: QPdfDocument, printer: QPrinter, pages: list[int]
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._document = document
        self._printer = printer
        self._pages = pages
        self._done = 0
        self._cancelled = False
        self._painter = QPainter()
        self.running = False
        self.progress: QProgressDialog | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        self._cancelled = True

    def start(self) -> None:
        if not self._pages:
            self.finished.emit(0, "There are no pages in the range chosen.")
            return
        if not self._painter.begin(self._printer):
            self.finished.emit(0, f"Could not start printing to {printer_name(self._printer)}.")
            return
        self._painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.running = True
        self.progress = dialog = QProgressDialog(self._parent)
        dialog.setObjectName("print_progress")
        dialog.setWindowTitle("Printing")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setRange(0, len(self._pages))
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setMinimumWidth(380)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setCancelButtonText("Cancel")
        dialog.canceled.connect(self.cancel)
        self._label()
        QTimer.singleShot(0, self._step)

    def _label(self) -> None:
        if self.progress is not None:
            total = len(self._pages)
            self.progress.setLabelText(
                f"Printing page {min(self._done + 1, total)} of {total} "
                f"to {printer_name(self._printer)}…"
            )

    def _step(self) -> None:
        if self._cancelled or self._done >= len(self._pages):
            self._finish()
            return
        if self._done:
            self._printer.newPage()
        self._draw(self._pages[self._done])
        self._done += 1
        if self.progress is not None:
            self._label()
            self.progress.setValue(self._done)  # may process events: the next step is not due yet
        QTimer.singleShot(0, self._step)

    def _draw(self, page: int) -> None:
        painter = self._painter
        area = QRectF(painter.viewport())
        points = self._document.pagePointSize(page)
        dpi = min(self._printer.resolution(), MAX_DPI)
        image = self._document.render(
            page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        )
        turn = (points.width() > points.height()) != (area.width() > area.height())
        painter.save()
        painter.translate(area.center())
        if turn:
            painter.rotate(90)
            area = QRectF(0, 0, area.height(), area.width())
        size = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(QPointF(-size.width() / 2, -size.height() / 2), size)
        painter.drawImage(target, image)
        painter.restore()

    def _finish(self) -> None:
        if not self.running:
            return
        self.running = False
        if self._cancelled:
            self._printer.abort()  # a real printer drops the job; a PDF keeps what was drawn
        self._painter.end()
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.reset()
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None
        self.finished.emit(self._done, "")
