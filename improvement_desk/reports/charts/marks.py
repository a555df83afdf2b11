"""The chart's palette and its RAG markers, which read without colour.

Each RAG status has its own shape as well as its colour, so a greyscale
print, a colour-blind board member and a projector with washed-out colours
all see the same thing: green is a filled circle, amber a hollow diamond,
red a cross. A figure with no target (so no RAG) is a small plain dot in the
line's colour. The colours are the plan's BRAG colours (`domain.brag`), so
green means the same green across the whole pack.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.scorecard import Rag
from improvement_desk.reports.fonts import REGULAR, register_fonts
from improvement_desk.reports.styles import ACCENT, INK, MUTED, RULE

RAG_COLOURS = {
    Rag.GREEN: colors.HexColor(Brag.GREEN.colour),
    Rag.RED: colors.HexColor(Brag.RED.colour),
    # The plan's amber (#F0A30A) is too pale as a thin outline on white; this is
    # the same hue, darker, so the hollow diamond holds its shape in print.
    Rag.AMBER: colors.HexColor("#C98500"),
}
VALUE_LINE = ACCENT  # the figures
TARGET_LINE = MUTED  # the target, dashed
TARGET_DASH = (4, 2.5)
GRID = colors.HexColor("#dde1e6")
AXIS = RULE
GAP_FILL = colors.HexColor("#eef0f3")  # a period with no figure
TEXT = INK
QUIET_TEXT = MUTED
WHITE = colors.white

MARKER_SIZE = 3.6  # half the width of a marker, in points
LEGEND_FONT_SIZE = 7.5
RAG_ORDER = (Rag.GREEN, Rag.AMBER, Rag.RED)


def blank_drawing(width: float, height: float) -> Drawing:
    """An empty drawing whose starting font is the embedded one: left at ReportLab's
    default, every chart would pull Helvetica into the PDF although no text uses it."""
    register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR
    return drawing


def marker(rag: Rag | None, x: float, y: float, size: float = MARKER_SIZE) -> Group:
    """The mark for one figure, centred on (x, y), with a white edge that lifts it off the line."""
    if rag is Rag.GREEN:
        shapes = [
            Circle(
                x,
                y,
                size,
                fillColor=RAG_COLOURS[rag],
                strokeColor=WHITE,
                strokeWidth=size * 0.25,
            )
        ]
    elif rag is Rag.AMBER:
        r = size * 1.2
        shapes = [
            Polygon(
                [x, y + r, x + r, y, x, y - r, x - r, y],
                fillColor=WHITE,
                strokeColor=RAG_COLOURS[rag],
                strokeWidth=size * 0.42,
                strokeLineJoin=0,
            )
        ]
    elif rag is Rag.RED:
        arm = size * 0.95
        width = size * 0.55
        shapes = [
            Rect(x - size, y - size, 2 * size, 2 * size, fillColor=WHITE, strokeColor=None),
            Line(
                x - arm, y - arm, x + arm, y + arm, strokeColor=RAG_COLOURS[rag], strokeWidth=width
            ),
            Line(
                x - arm, y + arm, x + arm, y - arm, strokeColor=RAG_COLOURS[rag], strokeWidth=width
            ),
        ]
    else:
        shapes = [
            Circle(
                x,
                y,
                size * 0.7,
                fillColor=VALUE_LINE,
                strokeColor=WHITE,
                strokeWidth=size * 0.2,
            )
        ]
    return Group(*shapes)


def rag_name(rag: Rag | None) -> str:
    return rag.label if rag else "No target"


class Legend:
    """Entries laid out left to right, wrapping onto new rows inside `width`."""

    ROW = 11.0  # height of one row
    GAP = 12.0  # between entries
    SWATCH = 14.0  # room for the mark before each entry's words

    def __init__(self, width: float) -> None:
        self.width = width
        self.entries: list[tuple[str, str, Rag | None]] = []  # kind, text, rag

    def add_marker(self, rag: Rag | None) -> None:
        self.entries.append(("marker", rag_name(rag), rag))

    def add_target(self) -> None:
        self.entries.append(("target", "Target", None))

    def add_gap(self) -> None:
        self.entries.append(("gap", "No figure", None))

    def _entry_width(self, text: str) -> float:
        return self.SWATCH + float(stringWidth(text, REGULAR, LEGEND_FONT_SIZE))

    def rows(self) -> list[list[tuple[str, str, Rag | None]]]:
        laid: list[list[tuple[str, str, Rag | None]]] = []
        used = 0.0
        for entry in self.entries:
            width = self._entry_width(entry[1])
            if laid and used + self.GAP + width <= self.width:
                laid[-1].append(entry)
                used += self.GAP + width
            else:
                laid.append([entry])
                used = width
        return laid

    @property
    def height(self) -> float:
        return len(self.rows()) * self.ROW

    def draw(self, x: float, top: float) -> Group:
        """The legend with its first row's top at `top`."""
        group = Group()
        for number, row in enumerate(self.rows()):
            middle = top - number * self.ROW - self.ROW / 2
            left = x
            for kind, text, rag in row:
                swatch = left + 5
                if kind == "marker":
                    group.add(marker(rag, swatch, middle, MARKER_SIZE * 0.9))
                elif kind == "target":
                    group.add(
                        PolyLine(  # a Line becomes a closed path in SVG, hiding the dashes
                            [left, middle, left + 10, middle],
                            strokeColor=TARGET_LINE,
                            strokeWidth=1,
                            strokeDashArray=TARGET_DASH,
                        )
                    )
                else:
                    group.add(
                        Rect(
                            left,
                            middle - 4,
                            10,
                            8,
                            fillColor=GAP_FILL,
                            strokeColor=AXIS,
                            strokeWidth=0.4,
                        )
                    )
                group.add(
                    String(
                        left + self.SWATCH,
                        middle - LEGEND_FONT_SIZE * 0.35,
                        text,
                        fontName=REGULAR,
                        fontSize=LEGEND_FONT_SIZE,
                        fillColor=QUIET_TEXT,
                    )
                )
                left += self._entry_width(text) + self.GAP
        return group
