"""The page around the content: running header and footer, "Page X of Y", metadata, outline.

Every page carries the protective marking at its top and bottom (RELIABILITY
P-2), the board's name, what the document is, and its page number out of the
total. The total is only known at the end, so the canvas keeps each finished
page and draws the header and footer on all of them when the document is
saved. `build_pdf` is what the minutes and, later, the board pack call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from improvement_desk.domain.errors import DeskError
from improvement_desk.domain.marking import Marking
from improvement_desk.reports.fonts import BOLD, REGULAR, register_fonts
from improvement_desk.reports.styles import (
    ACCENT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_SIZE,
    RULE,
    SENSITIVE,
    SENSITIVE_FILL,
)

LANGUAGE = "en-GB"
CREATOR = "Improvement Desk"


class BuildCancelled(DeskError):
    """The user cancelled while the document was being laid out; nothing was written."""

    # ReportLab re-raises an error from a page hook with its own note added,
    # calling the class with one argument; `build_pdf` raises a clean one.
    def __init__(self, message: str = "Cancelled; no file was written.") -> None:
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class RunningText:
    """What the header and footer say on every page."""

    board_name: str  # header, left
    document: str  # header, right: "Minutes, 12 March 2014"
    marking: Marking  # header and footer, centre
    status: str = ""  # after the document, in bold: "DRAFT"
    footer: str = ""  # footer, left: "Improvement Board, 12 March 2014"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The PDF's own properties, shown by a viewer and read by records systems."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...] = ()


class OutlineEntry(Flowable):  # type: ignore[misc]
    """An invisible mark: the outline (bookmarks) gets an entry pointing here.

    Placed just before a heading, so the bookmark lands on the heading's page.
    """

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self.title = title
        self.level = level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        key = f"o{id(self)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.title, key, level=self.level, closed=True)


def build_pdf(
    target: BinaryIO,
    story: Sequence[Flowable],
    running: RunningText,
    info: DocumentInfo,
    *,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    extra_pages: int = 0,
    cover: bool = False,
) -> int:
    """Lays out `story` on A4 pages into `target` and returns the number of pages.

    `progress(n)` is called as page n starts; `cancelled()` is asked at each
    page and a True answer raises `BuildCancelled` before anything is saved.
    `extra_pages` are added to the "of Y" total (the board pack's papers, merged
    after this document); with `cover` the first page carries only the marking.
    """
    register_fonts()

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if cancelled is not None and cancelled():
            raise BuildCancelled
        if progress is not None:
            progress(doc.page)

    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc = BaseDocTemplate(
        target,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=info.title,
        author=info.author,
        subject=info.subject,
        keywords=list(info.keywords),
        creator=CREATOR,
        lang=LANGUAGE,
        # Else every page names Helvetica (unembedded) as its starting font.
        initialFontName=REGULAR,
        initialFontSize=10,
        displayDocTitle=1,
        pageTemplates=[PageTemplate(id="page", frames=[frame], onPage=on_page)],
    )
    try:
        doc.build(list(story), canvasmaker=_canvas_class(running, extra_pages, cover))
    except BuildCancelled:
        raise BuildCancelled from None
    return int(doc.page)


def _canvas_class(running: RunningText, extra_pages: int = 0, cover: bool = False) -> type[Canvas]:
    class _RunningCanvas(Canvas):  # type: ignore[misc]
        """Holds each page back until the end so the footer can say "of Y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []
            self._marks: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._marks = []
            self._startPage()

        # (ReportLab's camelCase names.) A bookmark names the page being written and
        # held pages are not written yet, so bookmarks are replayed with their page.
        def bookmarkPage(self, *args: Any, **kwargs: Any) -> None:
            self._marks.append(("bookmarkPage", args, kwargs))

        def addOutlineEntry(self, *args: Any, **kwargs: Any) -> None:
            self._marks.append(("addOutlineEntry", args, kwargs))

        def save(self) -> None:
            total = len(self._held) + extra_pages
            for state in self._held:
                self.__dict__.update(state)
                for name, args, kwargs in self._marks:
                    getattr(Canvas, name)(self, *args, **kwargs)
                if cover and self._pageNumber == 1:
                    draw_cover_marking(self, running.marking)
                else:
                    draw_running_text(self, running, self._pageNumber, total)
                super().showPage()
            super().save()

    return _RunningCanvas


def draw_running_text(canvas: Canvas, running: RunningText, page: int, total: int) -> None:
    """The marking centred at the very top and bottom; between them and the body,
    board | document STATUS above and footer | Page X of Y below, each over a rule."""
    width, height = PAGE_SIZE
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    canvas.saveState()
    _draw_marking(canvas, running.marking, width / 2, height - 11 * mm)

    line = height - 17 * mm
    right_x = right
    if running.status:
        canvas.setFont(BOLD, 8.5)
        canvas.setFillColor(SENSITIVE)
        canvas.drawRightString(right_x, line, running.status)
        right_x -= canvas.stringWidth(running.status, BOLD, 8.5) + 6
    document = _fit(running.document, 8, 80 * mm)
    _muted(canvas)
    canvas.drawRightString(right_x, line, document)
    room = right_x - left - canvas.stringWidth(document, REGULAR, 8) - 8 * mm
    canvas.drawString(left, line, _fit(running.board_name, 8, room))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, line - 2.5 * mm, right, line - 2.5 * mm)

    line = 13 * mm
    canvas.line(left, line + 4 * mm, right, line + 4 * mm)
    number = f"Page {page} of {total}"
    canvas.drawRightString(right, line, number)
    room = right - left - canvas.stringWidth(number, REGULAR, 8) - 8 * mm
    canvas.drawString(left, line, _fit(running.footer, 8, room))
    _draw_marking(canvas, running.marking, width / 2, 7 * mm)
    canvas.restoreState()


def draw_cover_marking(canvas: Canvas, marking: Marking) -> None:
    """A cover page has no running text, but its marking stays at the top and bottom."""
    width, height = PAGE_SIZE
    canvas.saveState()
    _draw_marking(canvas, marking, width / 2, height - 11 * mm)
    _draw_marking(canvas, marking, width / 2, 7 * mm)
    canvas.restoreState()


def _muted(canvas: Canvas) -> None:
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(MUTED)


def _draw_marking(canvas: Canvas, marking: Marking, x: float, y: float) -> None:
    """OFFICIAL quietly; OFFICIAL-SENSITIVE in bold red in an outlined box, hard to miss."""
    size = 9.0 if marking is Marking.OFFICIAL_SENSITIVE else 8.5
    if marking is Marking.OFFICIAL_SENSITIVE:
        text_width = canvas.stringWidth(marking.label, BOLD, size)
        canvas.setFillColor(SENSITIVE_FILL)
        canvas.setStrokeColor(SENSITIVE)
        canvas.setLineWidth(0.8)
        canvas.rect(x - text_width / 2 - 5, y - 3, text_width + 10, size + 4.5, fill=1, stroke=1)
        canvas.setFillColor(SENSITIVE)
    else:
        canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(x, y, marking.label)


def _fit(text: str, size: float, width: float) -> str:
    """Header and footer text cut with "…" to its slot, so it never runs into its neighbour."""
    text = " ".join(text.split())
    if stringWidth(text, REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
