"""A Drawing as SVG that Qt's SVG renderer draws with the same letters as the PDF.

ReportLab writes the font's registered name ("DeskSans") into the SVG, which
no screen knows. `FONT_FAMILY` is the family Qt gets when the UI loads the
same DejaVu files from the package (`QFontDatabase.addApplicationFontFromData`),
so the text is drawn in the font whose widths placed it: right-aligned tick
labels stay aligned and centred labels stay centred. Text goes into the SVG
as XML text nodes (escaped by the DOM writer), never as markup.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing

from improvement_desk.reports.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR

FONT_FAMILY = "DejaVu Sans"
_FONT_HACKS = {
    REGULAR: {"family": FONT_FAMILY},
    BOLD: {"family": FONT_FAMILY, "weight": "bold"},
    ITALIC: {"family": FONT_FAMILY, "style": "italic"},
    BOLD_ITALIC: {"family": FONT_FAMILY, "weight": "bold", "style": "italic"},
}


def _unfill_lines(document: Any) -> None:
    """ReportLab writes an open line's style as "fill: None"; CSS keywords are lower case
    to Qt, which then fills every polyline black. Written as "fill: none" it is a line."""
    for element in document.getElementsByTagName("*"):
        style = element.getAttribute("style")
        if "fill: None" in style:
            element.setAttribute("style", style.replace("fill: None", "fill: none"))


def drawing_svg(drawing: Drawing, *, title: str = "", description: str = "") -> bytes:
    """UTF-8 SVG of `drawing`; `title` and `description` fill its <title> and <desc>,
    which screen readers and file browsers show (ReportLab leaves "..." there)."""
    canvas = renderSVG.SVGCanvas(
        (drawing.width, drawing.height),
        fontHacks={name: dict(attrs) for name, attrs in _FONT_HACKS.items()},
        # A clip attribute rather than a clipPath: Qt's renderer has no use for the
        # clipPath and the drawing keeps inside its own bounds anyway.
        useClip=True,
    )
    renderSVG.draw(drawing, canvas, 0, 0, showBoundary=False)
    _unfill_lines(canvas.doc)
    for tag, text in (("title", title), ("desc", description)):
        for node in canvas.svg.getElementsByTagName(tag)[:1]:
            for child in list(node.childNodes):
                node.removeChild(child)
            node.appendChild(canvas.doc.createTextNode(text))
    out = io.StringIO()
    canvas.save(out)
    return out.getvalue().encode("utf-8")
