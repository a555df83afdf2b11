"""The typeface every report prints in: DejaVu Sans, shipped inside the package and embedded.

ReportLab's built-in Helvetica has no glyph for "Ŵ", "Ł" or "ễ", so a board
member's name would print as black boxes (RELIABILITY RL-6). The four TrueType
files live in `reports/resources/` (licence beside them) rather than being
looked up on the machine, so a clean CI runner or a locked-down council laptop
prints the same PDF. ReportLab embeds only the glyphs a document uses.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable
from functools import cache
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "DeskSans"
REGULAR = "DeskSans"
BOLD = "DeskSans-Bold"
ITALIC = "DeskSans-Italic"
BOLD_ITALIC = "DeskSans-BoldItalic"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
LICENCE_FILE = "LICENSE-DejaVu.txt"

_lock = threading.Lock()
_registered: set[str] = set()  # holds FAMILY once done


def font_bytes(file_name: str) -> bytes:
    """A file from the package's resources (works from a wheel, a checkout or a frozen app)."""
    return resources.files("improvement_desk.reports").joinpath("resources", file_name).read_bytes()


def register_fonts() -> str:
    """Registers the family once per process (thread-safe) and returns its name.

    After this, `<b>` and `<i>` in a Paragraph in the family pick the bold and
    italic files, and table styles can name `BOLD` directly.
    """
    with _lock:
        if FAMILY not in _registered:
            for name, file_name in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, io.BytesIO(font_bytes(file_name))))
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FAMILY, bold, italic, _face(bold=bool(bold), italic=bool(italic)))
            _registered.add(FAMILY)
    return FAMILY


def _face(*, bold: bool, italic: bool) -> str:
    if bold:
        return BOLD_ITALIC if italic else BOLD
    return ITALIC if italic else REGULAR


@cache
def _covered() -> frozenset[int]:
    """Code points the regular face can draw (the other faces cover the same set)."""
    register_fonts()
    face = pdfmetrics.getFont(REGULAR).face
    return frozenset(face.charToGlyph)


def missing_characters(texts: Iterable[str]) -> str:
    """Characters in `texts` the font cannot draw, in first-seen order ("" if none).

    Printing still goes ahead (the character shows as a box); the caller reports
    these so the secretariat knows before the minutes are circulated.
    """
    covered = _covered()
    seen: dict[str, None] = {}
    for text in texts:
        for char in text:
            if char not in seen and ord(char) not in covered and not char.isspace():
                seen[char] = None
    return "".join(seen)
