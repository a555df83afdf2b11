"""The pack's running header and footer on the papers it merges, whatever their page size.

A paper arrives as someone else's PDF: A4 or Letter, portrait or landscape,
sometimes with its pages turned by /Rotate, and usually printed to its own
edges with its own marking and footer. So each page is first "straightened"
(the rotation moved into its content, so up is up) and its content shrunk a
little towards the centre to free a thin band at the top and the bottom;
the stamp is drawn only in those bands, on a white ground, so it never sits
on top of the paper's words. The stamps of every merged page are drawn as
the pages of ONE ReportLab document, so the embedded DejaVu subset is stored
once however many pages there are. A paper that cannot be read gets a page
of its own that says so (see `notice_lines`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PageObject, Transformation
from pypdf.generic import ArrayObject, FloatObject, NameObject
from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from improvement_desk.domain.marking import Marking
from improvement_desk.reports.fonts import BOLD, REGULAR, register_fonts
from improvement_desk.reports.styles import ACCENT, MUTED, RULE, SENSITIVE, SENSITIVE_FILL

BAND = 10 * mm  # the strip freed at the top and at the bottom of every merged page
NOTICE_SIZE = A4


@dataclass(frozen=True, slots=True)
class Stamp:
    """What one merged page carries, and the page's visible size (after straightening)."""

    width: float
    height: float
    board: str  # header, left
    document: str  # header, right: "Board pack, 5 March 2014"
    label: str  # footer, left: "Item 7: Paper title"
    marking: Marking
    page: int
    total: int
    notice: tuple[str, ...] = ()  # the body of a "could not be included" page


def make_room(page: PageObject) -> tuple[float, float]:
    """Straightens `page` and shrinks its content to leave the bands free; returns the
    visible (width, height). Raises whatever pypdf raises for a damaged page."""
    if page.rotation % 360:
        page.transfer_rotation_to_content()
    box = page.cropbox
    x0, y0 = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    if width <= 4 * BAND or height <= 4 * BAND:
        raise ValueError("page too small to carry the pack's header and footer")
    scale = (height - 2 * BAND) / height
    moved = (
        Transformation()
        .translate(-x0, -y0)
        .scale(scale, scale)
        .translate(x0 + (1 - scale) * width / 2, y0 + BAND)
    )
    page.add_transformation(moved)
    _move_annotations(page, moved)
    # The stamp is drawn from (0, 0): keep every box the same as the visible one.
    page.mediabox = page.cropbox = box
    return width, height


def _move_annotations(page: PageObject, moved: Transformation) -> None:
    """Links and notes follow the content they sit on."""
    for ref in page.get("/Annots") or ():
        annotation = ref.get_object()
        rect = annotation.get("/Rect")
        if rect is None or len(rect) != 4:
            continue
        left, bottom = moved.apply_on((float(rect[0]), float(rect[1])))
        right, top = moved.apply_on((float(rect[2]), float(rect[3])))
        annotation[NameObject("/Rect")] = ArrayObject(
            [FloatObject(left), FloatObject(bottom), FloatObject(right), FloatObject(top)]
        )


def draw_stamps(stamps: list[Stamp]) -> bytes:
    """One overlay page per stamp, each at its own page's size, as a PDF."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=REGULAR, initialFontSize=8)
    for stamp in stamps:
        canvas.setPageSize((stamp.width, stamp.height))
        draw_stamp(canvas, stamp)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_stamp(canvas: Canvas, stamp: Stamp) -> None:
    """Marking centred in each band; board | document above, paper | "Page X of Y" below."""
    width, height = stamp.width, stamp.height
    margin = min(15 * mm, width * 0.06)
    left, right = margin, width - margin
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(0, 0, width, BAND, stroke=0, fill=1)
    canvas.rect(0, height - BAND, width, BAND, stroke=0, fill=1)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, height - BAND + 1.5 * mm, right, height - BAND + 1.5 * mm)
    canvas.line(left, BAND - 1.5 * mm, right, BAND - 1.5 * mm)

    top_line, bottom_line = height - BAND + 4 * mm, 3.5 * mm
    marking_room = _draw_marking(canvas, stamp.marking, width / 2, top_line)
    _draw_marking(canvas, stamp.marking, width / 2, bottom_line)
    side = (right - left) / 2 - marking_room / 2 - 4 * mm
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, top_line, fit(stamp.board, 7.5, side))
    canvas.drawRightString(right, top_line, fit(stamp.document, 7.5, side))
    number = f"Page {stamp.page} of {stamp.total}"
    canvas.drawRightString(right, bottom_line, number)
    canvas.drawString(left, bottom_line, fit(stamp.label, 7.5, side))
    if stamp.notice:
        _draw_notice(canvas, stamp)
    canvas.restoreState()


def _draw_marking(canvas: Canvas, marking: Marking, x: float, y: float) -> float:
    """As on the story's pages: OFFICIAL quietly, OFFICIAL-SENSITIVE boxed in red. Returns
    the width it took."""
    size = 8.0
    text_width = float(canvas.stringWidth(marking.label, BOLD, size))
    if marking is Marking.OFFICIAL_SENSITIVE:
        canvas.setFillColor(SENSITIVE_FILL)
        canvas.setStrokeColor(SENSITIVE)
        canvas.setLineWidth(0.8)
        canvas.rect(x - text_width / 2 - 4, y - 2.5, text_width + 8, size + 3.5, fill=1, stroke=1)
        canvas.setFillColor(SENSITIVE)
    else:
        canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(x, y, marking.label)
    return text_width + 8


def _draw_notice(canvas: Canvas, stamp: Stamp) -> None:
    """The body of the page standing in for a paper that could not be read."""
    left = 25 * mm
    room = stamp.width - 2 * left
    y = stamp.height - BAND - 30 * mm
    canvas.setFillColor(SENSITIVE)
    for index, paragraph in enumerate(stamp.notice):
        font, size = (BOLD, 14.0) if index == 0 else (REGULAR, 10.5)
        canvas.setFont(font, size)
        for line in simpleSplit(paragraph, font, size, room):
            canvas.drawString(left, y, line)
            y -= size * 1.4
        y -= size * 0.8
        canvas.setFillColor(ACCENT)


def notice_lines(item_number: str, title: str, file_name: str) -> tuple[str, ...]:
    """What the stand-in page says: which paper, and what to do about it."""
    return (
        f"Item {item_number}: a paper could not be included",
        f"The paper \u201c{_one_line(title)}\u201d (file \u201c{_one_line(file_name)}\u201d) "
        "could not be read as a PDF, so it is not in this pack.",
        "Ask the clerk for a copy of the paper, or for the pack to be rebuilt once the file "
        "has been replaced.",
    )


def fit(text: str, size: float, width: float) -> str:
    """`text` on one line, cut with "…" to `width`."""
    text = _one_line(text)
    if stringWidth(text, REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())
