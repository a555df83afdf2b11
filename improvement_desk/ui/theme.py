"""Text colours that stay readable in both light and dark desktop themes.

Foreground colours chosen for a white window (#555555, #A61B1B) all but
vanish on a dark palette. These functions read the application palette at
call time, so models and detail panes pick the right shade whenever they
paint: never cache their results in module-level constants.

Every colour here reaches at least 4.5:1 (WCAG AA for normal text) against
both the Window and Base colours of a typical palette of its kind;
tests/ui/test_theme.py checks the ratios.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# (light palette, dark palette)
_MUTED = ("#555555", "#A8A8A8")
_WARNING = ("#A61B1B", "#FF8A80")
_ERROR = ("#B3261E", "#FFB4AB")
_GOOD = ("#1E6B3F", "#81C995")


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window colour is dark (lightness below 128)."""
    pal = palette if palette is not None else QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def _pick(pair: tuple[str, str], palette: QPalette | None) -> str:
    return pair[1] if is_dark(palette) else pair[0]


def muted_text_css(palette: QPalette | None = None) -> str:
    """Secondary text (hints, authors, 'none yet'): '#555555' or a light grey."""
    return _pick(_MUTED, palette)


def warning_text_css(palette: QPalette | None = None) -> str:
    """Overdue and warning text: a deep red, or a light red on dark."""
    return _pick(_WARNING, palette)


def error_text_css(palette: QPalette | None = None) -> str:
    """Validation and failure messages."""
    return _pick(_ERROR, palette)


def good_text_css(palette: QPalette | None = None) -> str:
    """Good news in words (improving, done): a deep green, or a light green on dark."""
    return _pick(_GOOD, palette)


def muted_text(palette: QPalette | None = None) -> QColor:
    return QColor(muted_text_css(palette))


def warning_text(palette: QPalette | None = None) -> QColor:
    return QColor(warning_text_css(palette))


def error_text(palette: QPalette | None = None) -> QColor:
    return QColor(error_text_css(palette))


def good_text(palette: QPalette | None = None) -> QColor:
    return QColor(good_text_css(palette))


def label_colour(css_colour: str) -> str:
    """A QLabel style sheet that sets only the text colour."""
    return f"color: {css_colour};"


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, from 1.0 (same) to 21.0 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
