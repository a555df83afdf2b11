"""Renders the demo board's papers (`demo_paper_content`) as small, real PDF files.

The demo's papers must be real PDFs so the pack, the paper viewer and "save a
copy" have something true to work on, yet loading the demo must stay fast
and give the same bytes every time (two demo boards are identical, and a
paper's sha256 is part of the record). So each paper is drawn directly on a
ReportLab canvas in invariant mode (no creation date or random document id)
in two passes: lay the blocks out into pages, then draw them knowing the page
count for "Page x of y". Streams are left uncompressed: without ReportLab's C
accelerator, compressing costs a quarter of the time for files of 3-6 KB.
The demo's 29 papers render in under a tenth of a second.

Every page carries the paper's protective marking at its head and foot, as a
council's papers do, and the footer names the board, the meeting and the item.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from improvement_desk.domain.meeting import Purpose
from improvement_desk.services.demo_paper_content import DemoPaper, Heading, NewPage, Table

_WIDTH, _HEIGHT = A4
_LEFT = 62.0
_RIGHT = _WIDTH - 62.0
_TOP = _HEIGHT - 70.0
_BOTTOM = 78.0
_BODY = "Helvetica"
_BOLD = "Helvetica-Bold"
_GREY = 0.9


@dataclass(frozen=True, slots=True)
class _Text:
    font: str
    size: float
    x: float
    y: float
    text: str


@dataclass(frozen=True, slots=True)
class _Fill:
    """A grey band behind a table's header row."""

    y: float
    height: float


@dataclass(frozen=True, slots=True)
class _Rule:
    y: float


_Op = _Text | _Fill | _Rule


@dataclass(frozen=True, slots=True)
class PaperContext:
    """Where the paper sits: the board, the meeting and the agenda item it goes with."""

    board: str
    meeting_title: str
    meeting_date: date
    item_number: int
    presenter: str
    purpose: Purpose


@dataclass(frozen=True, slots=True)
class RenderedPaper:
    content: bytes
    page_count: int
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


@lru_cache(maxsize=128)
def render_paper(paper: DemoPaper, context: PaperContext) -> RenderedPaper:
    """The paper as a PDF. The bytes depend only on the arguments, so a process that loads the
    demo more than once (the test suite) renders each paper once."""
    layout = _Layout()
    layout.cover(paper, context)
    for block in paper.blocks:
        if isinstance(block, Heading):
            layout.heading(block.text)
        elif isinstance(block, Table):
            layout.table(block)
        elif isinstance(block, NewPage):
            layout.new_page()
        else:
            layout.paragraph(block)
    content = _draw(layout.pages, paper, context)
    return RenderedPaper(content, len(layout.pages), hashlib.sha256(content).hexdigest())


def _long_date(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


@dataclass
class _Layout:
    pages: list[list[_Op]] = field(default_factory=lambda: [[]])
    y: float = _TOP

    def new_page(self) -> None:
        self.pages.append([])
        self.y = _TOP

    def _room(self, height: float) -> None:
        if self.y - height < _BOTTOM and self.y < _TOP:
            self.new_page()

    def _lines(self, text: str, font: str, size: float, leading: float, x: float = _LEFT) -> None:
        for line in simpleSplit(text, font, size, _RIGHT - x):
            self._room(leading)
            self.y -= leading
            self.pages[-1].append(_Text(font, size, x, self.y, line))

    def cover(self, paper: DemoPaper, context: PaperContext) -> None:
        self._lines(context.board, _BOLD, 11, 14)
        meeting = f"{context.meeting_title}, {_long_date(context.meeting_date)}"
        self._lines(f"{meeting}: agenda item {context.item_number}", _BODY, 10, 14)
        self.y -= 14
        self._lines(paper.title, _BOLD, 16, 20)
        self.y -= 6
        self._lines(f"Presented by: {context.presenter}", _BODY, 10, 14)
        self._lines(f"For: {context.purpose.label.lower()}", _BODY, 10, 14)
        self.y -= 8
        self.pages[-1].append(_Rule(self.y))
        self.y -= 6

    def heading(self, text: str) -> None:
        self._room(40)
        self.y -= 8
        self._lines(text, _BOLD, 12, 16)
        self.y -= 2

    def paragraph(self, text: str) -> None:
        for part in text.split("\n"):
            self._lines(part, _BODY, 10, 13.5)
            self.y -= 6

    def table(self, table: Table) -> None:
        widths = table.widths or tuple(1 for _ in table.rows[0])
        unit = (_RIGHT - _LEFT) / sum(widths)
        columns = [w * unit for w in widths]
        header, *body = table.rows
        self.y -= 4
        self._row(header, columns, bold=True)
        for row in body:
            if self._row_height(row, columns, _BODY) > self.y - _BOTTOM:
                self.new_page()
                self._row(header, columns, bold=True)
            self._row(row, columns, bold=False)
        self.y -= 10

    @staticmethod
    def _cells(row: tuple[str, ...], columns: list[float], font: str) -> list[list[str]]:
        return [
            simpleSplit(cell, font, 9, width - 8) for cell, width in zip(row, columns, strict=True)
        ]

    def _row_height(self, row: tuple[str, ...], columns: list[float], font: str) -> float:
        return max(len(lines) for lines in self._cells(row, columns, font)) * 11 + 6

    def _row(self, row: tuple[str, ...], columns: list[float], *, bold: bool) -> None:
        font = _BOLD if bold else _BODY
        height = self._row_height(row, columns, font)
        page = self.pages[-1]
        top = self.y
        if bold:
            page.append(_Fill(top - height, height))
        x = _LEFT
        for lines, width in zip(self._cells(row, columns, font), columns, strict=True):
            for n, line in enumerate(lines):
                page.append(_Text(font, 9, x + 4, top - 12 - n * 11, line))
            x += width
        page.append(_Rule(top - height))
        self.y = top - height


def _draw(pages: list[list[_Op]], paper: DemoPaper, context: PaperContext) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    canvas.setTitle(paper.title)
    canvas.setAuthor(context.board)
    canvas.setSubject(paper.marking.label)
    canvas.setCreator("Improvement Desk demo board")
    footer = f"{context.board} | {_long_date(context.meeting_date)} | item {context.item_number}"
    for number, ops in enumerate(pages, start=1):
        canvas.setFont(_BOLD, 10)
        canvas.drawCentredString(_WIDTH / 2, _HEIGHT - 36, paper.marking.label)
        canvas.drawCentredString(_WIDTH / 2, 26, paper.marking.label)
        canvas.setFont(_BODY, 8)
        canvas.drawString(_LEFT, 44, footer)
        canvas.drawRightString(_RIGHT, 44, f"Page {number} of {len(pages)}")
        for op in ops:
            _apply(canvas, op)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _apply(canvas: Canvas, op: _Op) -> None:
    if isinstance(op, _Text):
        canvas.setFont(op.font, op.size)
        canvas.drawString(op.x, op.y, op.text)
    elif isinstance(op, _Fill):
        canvas.setFillGray(_GREY)
        canvas.rect(_LEFT, op.y, _RIGHT - _LEFT, op.height, stroke=0, fill=1)
        canvas.setFillGray(0)
    else:
        canvas.setLineWidth(0.5)
        canvas.line(_LEFT, op.y, _RIGHT, op.y)
