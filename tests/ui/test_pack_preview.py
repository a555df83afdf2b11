"""The board pack preview window: pages and bookmarks of the demo pack, navigation, zoom,
Save as… byte for byte, printing a page range to a PDF printer, cancelling a print."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ACTOR
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPdf import QPdfBookmarkModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import open_desk
from improvement_desk.ui.pack.pdf_print import pages_to_print
from improvement_desk.ui.pack.preview import PackPreview, open_pdf, open_windows

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui
TITLE = "Board pack — Improvement Board, 11 Sep 2013 (full, draft)"
EXEMPT_PAPER = "Permanent recruitment through an agency: revised specification"  # from page 20


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The demo board's full pack of 11 Sep 2013: papers, so nested bookmarks (one build)."""
    folder = tmp_path_factory.mktemp("preview-pack")
    create_demo_board(folder / "demo.db", ACTOR)
    desk = open_desk(folder / "demo.db", ACTOR, read_only=True)
    try:
        meeting = next(m for m in desk.meeting_reader.meetings() if m.meeting_date.month == 9)
        report = desk.pack.build(meeting.id, folder / "pack.pdf", public=False)
        return report.path.read_bytes()
    finally:
        desk.close()


@pytest.fixture
def window(qtbot: QtBot, pack: bytes, messenger: RecordingMessenger) -> Iterator[PackPreview]:
    shown = open_pdf(None, pack, TITLE, messenger=messenger)
    shown.resize(1100, 860)
    qtbot.waitExposed(shown)
    yield shown
    if shown in open_windows():
        job = shown.print_job
        shown.close()
        if job is not None:
            qtbot.waitUntil(lambda: not job.running)


def outline(data: bytes) -> list[tuple[str, int]]:
    reader = PdfReader(io.BytesIO(data))
    found: list[tuple[str, int]] = []

    def walk(nodes: list[object]) -> None:
        for node in nodes:
            if isinstance(node, list):
                walk(node)
            else:
                found.append((node.title, reader.get_destination_page_number(node)))  # type: ignore[attr-defined]

    walk(reader.outline)
    return found


def find_bookmark(window: PackPreview, title: str) -> QModelIndex:
    model = window.bookmarks
    hits = model.match(
        model.index(0, 0), Qt.ItemDataRole.DisplayRole, title, 1,
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )  # fmt: skip
    assert hits, title
    return hits[0]


# -- what is shown ---------------------------------------------------------------------------


def test_the_preview_shows_every_page_and_bookmark_of_the_pack(
    window: PackPreview, pack: bytes
) -> None:
    marks = outline(pack)
    assert window.windowTitle() == TITLE
    assert window.page_count() == len(PdfReader(io.BytesIO(pack)).pages) == 21
    assert window.bookmark_count() == len(marks) == 17
    assert window.of_pages.text().strip() == "of 21"
    assert (window.page_box.minimum(), window.page_box.maximum()) == (1, 21)
    assert window.view.pageMode() is QPdfView.PageMode.MultiPage
    assert window.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    assert window.statusBar().currentMessage().startswith("21 pages, ")
    papers = find_bookmark(window, "Papers")
    assert window.bookmarks.rowCount(papers) == 4  # one per item with papers
    assert window.tree.isExpanded(papers)
    assert window in open_windows()
    window.close()
    assert window not in open_windows()


def test_a_damaged_pdf_is_reported_and_not_shown(
    qtbot: QtBot, messenger: RecordingMessenger
) -> None:
    shown = open_pdf(
        None, b"%PDF-1.4 this is not a pdf", "Board pack — broken", messenger=messenger
    )
    assert messenger.messages == [
        ("error", "The PDF cannot be shown", "Board pack — broken: the file is damaged or is not a PDF.")
    ]  # fmt: skip
    qtbot.waitUntil(lambda: shown not in open_windows())


def test_page_navigation_by_number_buttons_and_bookmarks(
    qtbot: QtBot, window: PackPreview, pack: bytes
) -> None:
    assert window.page() == 0
    assert not window.act_previous.isEnabled()
    window.page_box.setValue(6)
    qtbot.waitUntil(lambda: window.page() == 5)
    window.act_next.trigger()
    qtbot.waitUntil(lambda: window.page() == 6)
    assert window.page_box.value() == 7
    window.act_previous.trigger()
    qtbot.waitUntil(lambda: window.page_box.value() == 6)
    window.go_to_page(20)
    qtbot.waitUntil(lambda: window.page() == 20)
    assert not window.act_next.isEnabled()
    # The bookmarks follow the reader: the section of the page shown is the current one.
    assert window.tree.currentIndex().data() == EXEMPT_PAPER
    window.go_to_page(99)  # out of range: stays
    assert window.page() == 20

    expected = dict(outline(pack))
    for title in ("Risk register", "Senior leadership appointments"):
        index = find_bookmark(window, title)
        assert index.data(int(QPdfBookmarkModel.Role.Page)) == expected[title]
        window.tree.scrollTo(index)
        QTest.mouseClick(
            window.tree.viewport(), Qt.MouseButton.LeftButton,
            pos=window.tree.visualRect(index).center(),
        )  # fmt: skip
        qtbot.waitUntil(lambda t=title: window.page() == expected[t])
        assert window.page_box.value() == expected[title] + 1
        assert window.tree.currentIndex() == index


def test_zoom_in_out_and_fit_width_keep_the_page(qtbot: QtBot, window: PackPreview) -> None:
    window.go_to_page(7)
    qtbot.waitUntil(lambda: window.page() == 7)
    fitted = window.zoom()
    assert 0.5 < fitted < 3
    window.act_zoom_in.trigger()
    assert window.view.zoomMode() is QPdfView.ZoomMode.Custom
    assert window.zoom() > fitted
    assert window.zoom_label.text() == f"{round(window.zoom() * 100)}%"
    window.set_zoom(2.0)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: window.page() == 7)
    window.act_zoom_out.trigger()
    assert window.zoom() == 1.75
    for _ in range(20):
        window.zoom_out()
    assert window.zoom() == 0.25  # the smallest step, and no further
    window.act_fit.trigger()
    assert window.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    assert window.zoom() == pytest.approx(fitted, rel=0.02)
    qtbot.waitUntil(lambda: window.page() == 7)


# -- save as ---------------------------------------------------------------------------------


def test_save_as_writes_the_bytes_exactly_and_replaces_an_old_file(
    window: PackPreview, pack: bytes, tmp_path: Path
) -> None:
    (tmp_path / "copy.pdf").write_bytes(b"an older pack")
    asked: list[str] = []
    window.choose_path = lambda suggested: asked.append(suggested) or str(tmp_path / "copy")
    assert window.save_as() == tmp_path / "copy.pdf"
    assert (tmp_path / "copy.pdf").read_bytes() == pack
    assert Path(asked[0]).name == "Board pack — Improvement Board, 11 Sep 2013 (full, draft).pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.pdf"]  # no temporary file left
    assert str(tmp_path / "copy.pdf") in window.statusBar().currentMessage()
    window.choose_path = lambda suggested: ""
    assert window.save_as() is None  # the file dialog was cancelled


def test_a_save_that_fails_names_the_file_and_writes_nothing(
    window: PackPreview, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    target = tmp_path / "no such folder" / "pack.pdf"
    window.choose_path = lambda suggested: str(target)
    assert window.save_as() is None
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("error", "The PDF was not saved")
    assert str(target) in text
    assert not target.parent.exists()


# -- printing --------------------------------------------------------------------------------


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_sends_the_chosen_page_range_to_the_printer(
    qtbot: QtBot, window: PackPreview, tmp_path: Path
) -> None:
    printer = pdf_printer(tmp_path / "printed.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 4)
    window.ask_printer = lambda then: then(printer)  # what the dialog hands over on Print
    window.act_print.trigger()
    job = window.print_job
    assert job is not None
    assert not window.act_print.isEnabled()  # one print at a time
    with qtbot.waitSignal(job.finished, timeout=30_000) as done:
        pass
    assert done.args == [3, ""]
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == 3
    for page in printed.pages:  # each page is the rendered image of a pack page
        assert "/XObject" in page["/Resources"]
    assert window.statusBar().currentMessage() == "Printed 3 pages"
    assert window.act_print.isEnabled()


def test_pages_to_print_follow_the_print_dialog(tmp_path: Path) -> None:
    printer = pdf_printer(tmp_path / "x.pdf")
    assert pages_to_print(printer, 5, 2) == [0, 1, 2, 3, 4]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(4, 9)
    assert pages_to_print(printer, 5, 2) == [3, 4]  # clipped to the pack
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    assert pages_to_print(printer, 5, 2) == [4, 3]
    printer.setPageOrder(QPrinter.PageOrder.FirstPageFirst)
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert pages_to_print(printer, 5, 2) == [2]


def test_a_landscape_page_is_turned_to_fill_portrait_paper(
    qtbot: QtBot, tmp_path: Path, messenger: RecordingMessenger
) -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4))
    canvas.rect(20, 20, landscape(A4)[0] - 40, A4[0] - 40, fill=1)  # black, nearly the page
    canvas.showPage()
    canvas.save()
    shown = open_pdf(None, buffer.getvalue(), "Landscape", messenger=messenger)
    try:
        printer = pdf_printer(tmp_path / "turned.pdf")
        job = shown.print_to(printer)
        qtbot.waitUntil(lambda: not job.running, timeout=10_000)
        printed = PdfReader(tmp_path / "turned.pdf").pages[0].mediabox
        assert printed.height > printed.width  # the paper stays portrait
        reread = open_pdf(None, (tmp_path / "turned.pdf").read_bytes(), "Out", messenger=messenger)
        image = reread.document.render(0, QSize(210, 297))
        reread.close()
        dark = dark_box(image)
        assert dark.height() > dark.width() * 1.2  # the black block stands upright
    finally:
        shown.close()


def dark_box(image: QImage) -> QSize:
    xs, ys = [], []
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            if QColor(image.pixel(QPoint(x, y))).lightness() < 80:
                xs.append(x)
                ys.append(y)
    assert xs, "nothing was printed"
    return QSize(max(xs) - min(xs), max(ys) - min(ys))


def test_cancelling_a_print_stops_it_and_closing_waits_for_the_page(
    qtbot: QtBot, window: PackPreview, tmp_path: Path
) -> None:
    job = window.print_to(pdf_printer(tmp_path / "cancelled.pdf"))
    assert job.running
    window.close()  # while printing: cancels, and closes once the printer is released
    assert window.isVisible()
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    assert job.cancelled
    qtbot.waitUntil(lambda: window not in open_windows())


@pytest.mark.qt_log_ignore("QPainter::begin")  # Qt's own word that the file cannot be opened
def test_a_printer_that_cannot_start_is_reported(
    window: PackPreview, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    job = window.print_to(pdf_printer(tmp_path / "missing" / "folder" / "out.pdf"))
    assert not job.running
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("error", "The pack was not printed")
    assert "out.pdf" in text
    assert window.act_print.isEnabled()
