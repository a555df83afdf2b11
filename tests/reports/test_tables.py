"""Tables that run over a page: ordinary rows move whole to the next page under one repeated
header; only a row taller than a page is broken inside itself (RL-7)."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from improvement_desk.domain.marking import Marking
from improvement_desk.reports.pages import DocumentInfo, RunningText, build_pdf
from improvement_desk.reports.styles import FRAME_HEIGHT, cell, data_table, styles

RUNNING = RunningText("Board", "Tables", Marking.OFFICIAL)
INFO = DocumentInfo("Tables", "Tests", "Tables")


def _pages(story: list[Flowable]) -> list[str]:
    buffer = io.BytesIO()
    build_pdf(buffer, story, RUNNING, INFO)
    return [page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages]


def _table(rows: list[tuple[str, str]]) -> Flowable:
    s = styles()
    head = [cell("Reference", s.head), cell("Text", s.head)]
    return data_table([head, *([cell(r), cell(t)] for r, t in rows)], [30 * mm, 130 * mm])


def test_an_ordinary_row_moves_whole_to_the_next_page() -> None:
    # Eight rows of six lines each, starting low on the first page: some must move over.
    lines = "<br/>".join(f"line {n} of this row" for n in range(1, 7))
    rows = [(f"ROW{n}", lines.replace("row", f"row {n}")) for n in range(1, 9)]
    pages = _pages([Spacer(1, FRAME_HEIGHT * 0.45), _table(rows)])
    assert len(pages) == 2
    for page in pages:
        assert page.count("Reference") == 1  # one header per page, never a second one
    for n in range(1, 9):
        [home] = [i for i, page in enumerate(pages) if f"ROW{n}" in page]
        # Every line of the row is on the page of its reference.
        assert all(f"line {k} of this row {n}" in pages[home] for k in range(1, 7))


def test_a_row_taller_than_a_page_is_broken_over_pages() -> None:
    endless = " ".join(f"Sentence {n} of a very long minute." for n in range(1, 700))
    pages = _pages([_table([("LONG", endless), ("AFTER", "the next row")])])
    assert len(pages) >= 3
    text = " ".join(" ".join(pages).split())
    assert "Sentence 1 of" in text
    assert "Sentence 699 of" in text
    assert "AFTER" in pages[-1]
