"""The application icon, loaded from the package so a bundled build finds it too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

RESOURCES = Path(__file__).with_name("resources")


def app_icon() -> QIcon:
    return QIcon(str(RESOURCES / "app-icon.svg"))
