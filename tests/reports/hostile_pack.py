"""Hostile text for the board pack tests (RELIABILITY RL-1..RL-9), and the means to catch an attack.

A PDF can betray markup that was obeyed in several ways, so each has a detector
here that the tests also prove can see the attack it watches for:
- `printed`: the words as typed, found in pypdf's page text, allowing only
  the line breaks ReportLab may add when it wraps (at a space, or inside a word
  too long for its column) — nothing else may differ, so `<font color='red'>x</font>`
  must come back character for character;
- `Listener`: a loopback TCP server that counts every connection (an `<img>`
  that fetched its `src` would reach it);
- `watch_opens`: an audit hook (PEP 578) recording any `open()` of the watched
  paths while a pack is built (an `<img>` that read a local file);
- `active_links`: link, JavaScript and launch actions anywhere in the PDF (an
  `<a href>` that was obeyed);
- `red_ink` and `font_names`: what a `<font color=…>` or `<font name=…>` would
  have changed on the page.
"""

from __future__ import annotations

import itertools
import os
import re
import socketserver
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# RL-1: markup that would change what the pack says; entities that would be decoded.
RL1 = ("a < b & <font color='red'>x</font>", "Risk R&D", "AT&T &copy; &bogus;")
# RL-2: markup that stops a ReportLab document when obeyed.
RL2 = (
    "<b>unclosed",
    "</b>",
    "<font name='NoSuchFont'>x</font>",
    "<font color='notacolour'>x</font>",
)
# Every RL-1 and RL-2 string in one line that fits a 200-character field with a tag.
SET_A = " | ".join((*RL1, *RL2))
# RL-5: links that would run something when clicked.
LINK_JS = '<a href="javascript:app.alert(1)">click</a>'
LINK_FILE = '<a href="file:///C:/Windows/System32/calc.exe">run</a>'
# PDF string and file syntax, for the fields that reach the document's properties and outline.
PDF_SYNTAX = r"(open \) \\ ) >> endobj %%EOF"
# ReportLab's own tags: a line break, a counter, a glyph by code, a canvas call by name.
RL_TAGS = (
    "<br/>",
    "</para>",
    '<seq id="n"/>',
    '<unichar code="0x41"/>',
    '<onDraw name="showPage"/>',
)
# RL-6: a board member's name that Helvetica would print with black boxes.
NAME = "Siân Ŵyn Łukasz Nguyễn"
SECRET_TEXT = "TOP SECRET canary text that must never reach a pack"


def cve_2023_33733(canary: Path) -> str:
    """The public proof of concept (reportlab <= 3.6.12 ran it): touches `canary`."""
    command = f"touch {canary}"
    return (
        "<font color=\"[ [ getattr(pow,Word('__globals__'))['os'].system('"
        + command
        + "') for Word in [orgTypeFun('Word', (str,), { 'mutated': 1, "
        "'startswith': lambda self, x: False, '__eq__': lambda self,x: self.mutate() "
        "and self.mutated < 0 and str(self) == x, 'mutate': lambda self: "
        "{setattr(self, 'mutated', self.mutated - 1)}, '__hash__': lambda self: "
        "hash(str(self)) })] ] for orgTypeFun in [type(type(1))] ] and 'red'\">exploit</font>"
    )


def image_tags(port: int, folder: Path) -> tuple[str, str, str]:
    """RL-4: a fetch from the loopback listener, a real local PNG and a local secret."""
    return (
        f'<img src="http://127.0.0.1:{port}/x"/>',
        f'<img src="{folder / "known.png"}"/>',
        f'<img src="{folder / "secret.txt"}"/>',
    )


# -- reading the pack back -----------------------------------------------------------------------


def printed(typed: str) -> re.Pattern[str]:
    """`typed` as page text may return it: a run of white space may come back as any white
    space (a wrap), and a line break may fall inside a word (`splitLongWords`)."""
    parts = []
    for token in re.split(r"(\s+)", typed.strip()):
        if token.isspace():
            parts.append(r"\s+")
        elif token:
            parts.append("\n?".join(re.escape(char) for char in token))
    return re.compile("".join(parts))


def count_printed(text: str, typed: str) -> int:
    return len(printed(typed).findall(text))


def printed_across(texts: list[str], typed: str) -> bool:
    """`typed` printed whole on one page, or split over two at a line end: a paragraph or a
    table cell carried over a page break, with the running footer and header, the table's
    repeated header row and the rest of its row in between. The first part must end a line
    and the second must start one, so a few characters found here and there never pass."""
    typed = typed.strip()
    if any(printed(typed).search(text) for text in texts):
        return True
    for before, after in itertools.pairwise(texts):
        flat_before, flat_after = _squash(before), _squash(after)
        for line in after.splitlines():
            head = line.strip()[:24]
            split = typed.find(head, 1) if head else -1
            while split > 0:
                # Cheap first: the characters either side of the break, white space ignored.
                near = _squash(typed[:split])[-40:] in flat_before
                if not near or _squash(typed[split:])[:40] not in flat_after:
                    split = typed.find(head, split + 1)
                    continue
                first = printed(typed[:split]).pattern + r"[ \t]*\n"
                second = r"(?m)^[ \t]*" + printed(typed[split:]).pattern
                if re.search(first, before) and re.search(second, after):
                    return True
                split = typed.find(head, split + 1)
    return False


def _squash(text: str) -> str:
    return "".join(text.split())


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def active_links(reader: PdfReader) -> list[str]:
    """Every annotation or document-level action that could open a link or run a script."""
    found: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        for ref in page.get("/Annots") or ():
            annotation = ref.get_object()
            action = annotation.get("/A")
            action = action.get_object() if action is not None else {}
            found.append(
                f"page {number}: {annotation.get('/Subtype')} {action.get('/S')} "
                f"{action.get('/URI') or action.get('/JS') or action.get('/F') or ''}"
            )
        if "/AA" in page:
            found.append(f"page {number}: /AA")
    root = reader.root_object
    for key in ("/OpenAction", "/AA"):
        if key in root:
            found.append(f"catalogue {key}")
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        found.append("catalogue /Names /JavaScript")
    return found


def red_ink(page: PageObject) -> bool:
    """Pure red fill or stroke: only an obeyed `<font color='red'>` paints it (the pack's own
    reds are darker)."""
    data = page.get_contents()
    raw = data.get_data() if data is not None else b""
    return bool(re.search(rb"(?<![\d.])1 0 0 (rg|RG)\b", raw))


def font_names(page: PageObject) -> set[str]:
    fonts: set[str] = set()

    def walk(resources: Any, depth: int) -> None:
        if depth < 0 or resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or DictionaryObject()).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
        for xobject in (resources.get("/XObject") or DictionaryObject()).values():
            walk(xobject.get_object().get("/Resources"), depth - 1)

    walk(page.get("/Resources"), 3)
    return fonts


def images(page: PageObject) -> list[str]:
    found: list[str] = []

    def walk(resources: Any, depth: int) -> None:
        if depth < 0 or resources is None:
            return
        for name, ref in (resources.get_object().get("/XObject") or DictionaryObject()).items():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                found.append(str(name))
            walk(xobject.get("/Resources"), depth - 1)

    walk(page.get("/Resources"), 3)
    return found


def outline_titles(outline: Any) -> Iterator[str]:
    for entry in outline:
        if isinstance(entry, list | ArrayObject):
            yield from outline_titles(entry)
        elif not isinstance(entry, IndirectObject):
            yield str(entry.title)


# -- the detectors of a fetch and a read ---------------------------------------------------------


class Listener:
    """A loopback TCP server counting connections (each answered with an HTTP 404)."""

    def __init__(self) -> None:
        self.connections: list[bytes] = []
        seen = self.connections

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                self.request.settimeout(2)
                try:
                    seen.append(self.request.recv(1024))
                except OSError:
                    seen.append(b"")
                self.request.sendall(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Listener:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


_watched: set[str] = set()
_opened: list[str] = []
_hooked: list[bool] = []  # [True] once the hook is installed (a hook cannot be removed)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not _watched or not args:
        return
    try:
        target = args[0]
        if isinstance(target, str | bytes | os.PathLike):
            path = os.path.abspath(os.fsdecode(target))
            if path in _watched:
                _opened.append(path)
    except Exception:  # an audit hook must never break the code it watches
        return


@contextmanager
def watch_opens(*paths: Path) -> Iterator[list[str]]:
    """The watched paths opened (for reading or writing) inside the `with` block."""
    if not _hooked:
        sys.addaudithook(_audit)  # costs nothing while nothing is watched
        _hooked.append(True)
    _opened.clear()
    _watched.update(os.path.abspath(p) for p in paths)
    seen: list[str] = []
    try:
        yield seen
    finally:
        seen.extend(_opened)
        _watched.clear()
        _opened.clear()
