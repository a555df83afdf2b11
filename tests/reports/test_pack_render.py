"""The demo board pack renders: its first pages, drawn by poppler, are not blank.

pypdf reading a file is no proof a viewer can draw it; poppler's `pdftoppm` (installed by
`scripts/bootstrap.sh test` as poppler-utils) draws the cover and the first pages, and Qt
reads the PNGs back to check each has more than one colour.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ACTOR
from PySide6.QtGui import QImage

from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import open_desk

PAGES = 3

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="pdftoppm (poppler-utils) is not installed; run scripts/bootstrap.sh test",
)


def colours(png: Path) -> int:
    """How many distinct colours the image holds (1 for a blank page)."""
    image = QImage(str(png))
    assert not image.isNull(), f"{png.name} is not a readable PNG"
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    data = bytes(image.constBits())[: stride * height]
    seen: set[bytes] = set()
    for row in range(height):
        line = data[row * stride : row * stride + width * 4]
        seen.update(line[i : i + 4] for i in range(0, len(line), 4))
        if len(seen) > 1:
            break
    return len(seen)


def test_first_pages_of_the_demo_pack_are_not_blank(tmp_path: Path) -> None:
    board = tmp_path / "demo.db"
    create_demo_board(board, ACTOR)
    desk = open_desk(board, ACTOR)
    try:
        meeting_id = desk.meeting_reader.latest_id(held_only=True)
        assert meeting_id is not None
        report = desk.pack.build(meeting_id, tmp_path / "pack.pdf", public=False)
    finally:
        desk.close()
    assert report.pages >= PAGES

    prefix = tmp_path / "page"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "30",
            "-f",
            "1",
            "-l",
            str(PAGES),
            str(report.path),
            str(prefix),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == PAGES, [p.name for p in pngs]
    for png in pngs:
        assert colours(png) > 1, f"{png.name} is blank"
