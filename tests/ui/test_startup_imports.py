"""The window is on screen before the heavy libraries load (benchmarks/startup.py measures it).

SQLAlchemy alone takes longer to import than a bare PySide6 window takes to show, so
nothing the main window imports at start may pull it in, nor openpyxl, ReportLab, pypdf,
Alembic or psycopg: they load with the board, after the window is shown. A module-level
import of a service from a menu's action class is the usual way this breaks.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

HEAVY = ("sqlalchemy", "openpyxl", "reportlab", "pypdf", "alembic", "psycopg")


def test_the_main_window_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "import improvement_desk.app, improvement_desk.ui.main_window\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]", done.stdout
