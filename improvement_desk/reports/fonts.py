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
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
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
            ttfonts.makeToUnicodeCMap = to_unicode_cmap
    return FAMILY


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode map with code points above U+FFFF written as UTF-16 pairs.

    ReportLab 5.1 writes them as five hex digits ("<1F600>"), which readers
    reject: the emoji prints but cannot be copied, searched or read aloud by a
    screen reader (RL-6). The PDF specification wants the UTF-16BE bytes.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{code:02X}> <{_utf16(point)}>" for code, point in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def _utf16(point: int) -> str:
    if point <= 0xFFFF:
        return f"{point:04X}"
    return chr(point).encode("utf-16-be").hex().upper()


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
