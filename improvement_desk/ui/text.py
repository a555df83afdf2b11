"""User text is data: helpers that keep Qt from reading it as markup.

Qt treats any string that *looks* like HTML as rich text in tooltips and
labels, so a description containing "<b>" would change how it is shown.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip that shows the text literally (and wraps long lines)."""
    if not text:
        return None
    body = html.escape(text).replace("\n", "<br>")
    return f"<qt>{body}</qt>"


def escape(text: str) -> str:
    """For user text placed inside HTML the app composes itself."""
    return html.escape(text).replace("\n", "<br>")


def size_text(size: int) -> str:
    """A file's size as people say it: "48 KB", "3.2 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)):,} KB"
    return f"{size / (1024 * 1024):,.1f} MB"
