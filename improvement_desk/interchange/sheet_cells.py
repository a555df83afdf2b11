"""Low-level facts about a loaded sheet: where the values are, fill colours, unsaved formulas.

Split from `table_reader` so the row rules read on their own. Everything here
works from cells that exist (never `max_row × max_column`), and from the raw
sheet XML for the one thing openpyxl hides: a formula saved without a result.
"""

from __future__ import annotations

import colorsys
import posixpath
import warnings
import zipfile
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
import openpyxl
from openpyxl.utils.cell import coordinate_to_tuple

from improvement_desk.interchange.problems import ImportRejected

# Excel's theme colour index → default Office 2013+ colour. Index 0/1 and 2/3 are the
# light/dark pairs in the order Excel numbers them (lt1, dk1, lt2, dk2), not the order
# the theme part lists them (dk1, lt1, dk2, lt2).
_DEFAULT_THEME = (
    "FFFFFF", "000000", "E7E6E6", "44546A", "4472C4",
    "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "0563C1", "954F72",
)  # fmt: skip
_THEME_SLOTS = (
    "lt1", "dk1", "lt2", "dk2", "accent1", "accent2",
    "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink",
)  # fmt: skip

# ---------------------------------------------------------------- loading


def load_workbook(path: Path, notes: list[str] | None = None) -> Any:
    """Open once in normal mode; any failure of openpyxl becomes one plain refusal.

    openpyxl's own warnings (Excel features it drops, such as data-validation
    extensions) would go to stderr; they are collected into `notes` instead, so
    the import preview can show them beside the other warnings.
    """
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            book = openpyxl.load_workbook(
                path, data_only=True, read_only=False, keep_links=False, keep_vba=False
            )
        if notes is not None:
            for message in dict.fromkeys(str(w.message) for w in caught):
                notes.append(f"Excel feature not read: {message}")
        return book
    except Exception as exc:  # openpyxl raises a dozen types for damaged files
        raise ImportRejected(
            path.name, f"the workbook could not be read ({type(exc).__name__}: {exc})"
        ) from exc


def has_value(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def value_grid(ws: Any) -> dict[int, dict[int, Any]]:
    """Cells that hold a value, by row then column: the real extent, whatever the used range says.

    A style on XFD10 or a dimension of A1:XFD1048576 adds nothing here, so nothing
    below ever iterates `max_row × max_column`.
    """
    grid: dict[int, dict[int, Any]] = {}
    for (row, col), cell in ws._cells.items():
        if has_value(cell.value):
            grid.setdefault(row, {})[col] = cell
    return grid


# ---------------------------------------------------------------- colours


class FillColours:
    """Resolves a cell's solid fill to "RRGGBB", for sheets where the colour is the status."""

    def __init__(self, wb: Any) -> None:
        self._indexed: list[str] = list(getattr(wb, "_colors", None) or [])
        self._theme = _theme_palette(getattr(wb, "loaded_theme", None))
        self._cache: dict[int, str | None] = {}

    def of(self, cell: Any) -> str | None:
        key = cell._style.fillId if getattr(cell, "_style", None) is not None else -1
        if key not in self._cache:
            self._cache[key] = self._resolve(cell.fill)
        return self._cache[key]

    def _resolve(self, fill: Any) -> str | None:
        if getattr(fill, "patternType", None) != "solid":
            return None
        return self.colour(fill.fgColor)

    def colour(self, color: Any) -> str | None:
        if color is None:
            return None
        kind, value = color.type, color.value
        if kind == "rgb" and isinstance(value, str) and len(value) >= 6:
            return value[-6:].upper()
        if (
            kind == "indexed"
            and isinstance(value, int)
            and 0 <= value < min(64, len(self._indexed))
        ):
            return str(self._indexed[value])[-6:].upper()
        if kind == "theme" and isinstance(value, int) and 0 <= value < len(self._theme):
            return _tinted(self._theme[value], float(color.tint or 0.0))
        return None  # automatic / system colours: no colour of the user's choosing


def _theme_palette(theme_xml: bytes | None) -> tuple[str, ...]:
    """The workbook's own theme colours by Excel's index, or Office's defaults."""
    palette = list(_DEFAULT_THEME)
    if not theme_xml:
        return tuple(palette)
    try:
        root = SafeET.fromstring(theme_xml)
    except Exception:  # a damaged theme only costs colour accuracy
        return tuple(palette)
    found: dict[str, str] = {}
    for element in root.iter():
        slot = _local(element.tag)
        if slot in _THEME_SLOTS and slot not in found:
            for child in element:
                rgb = child.get("val") if _local(child.tag) == "srgbClr" else child.get("lastClr")
                if rgb and len(rgb) == 6:
                    found[slot] = rgb.upper()
                    break
    return tuple(found.get(slot, palette[i]) for i, slot in enumerate(_THEME_SLOTS))


def _tinted(rgb: str, tint: float) -> str:
    """Excel's tint: darken (tint < 0) or lighten (tint > 0) the luminance in HLS."""
    if not tint:
        return rgb
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
    light = light * (1 + tint) if tint < 0 else light * (1 - tint) + tint
    out = colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0), sat)
    return "".join(f"{round(c * 255):02X}" for c in out)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


# ---------------------------------------------------------------- formulas without results


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part, following the package relationships as Excel does."""
    root_rels = SafeET.fromstring(archive.read("_rels/.rels"))
    book = next(
        r.get("Target", "") for r in root_rels if r.get("Type", "").endswith("/officeDocument")
    ).lstrip("/")
    folder, name = posixpath.split(book)
    rels = SafeET.fromstring(archive.read(posixpath.join(folder, "_rels", name + ".rels")))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts: dict[str, str] = {}
    for element in SafeET.fromstring(archive.read(book)).iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rel_id, "")
        if target:
            joined = (
                target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            )
            parts[element.get("name", "")] = posixpath.normpath(joined)
    return parts


def _mentions_formulas(archive: zipfile.ZipFile, part: str) -> bool:
    """A byte scan for '<f' (or a prefixed '<x:f'): far cheaper than parsing the XML."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            block = tail + chunk
            if b"<f>" in block or b"<f " in block or b":f>" in block or b":f " in block:
                return True
            tail = block[-8:]
    return False


def formula_cells(
    path: Path, sheet: str
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]] | None:
    """(every formula cell, those saved without a result) as (row, col); None if unscannable.

    openpyxl's data_only mode gives None for unsaved ones and says nothing, and
    gives the saved value of the others, which Excel computed and nobody checked.
    Streaming the sheet part keeps memory flat; shared and array formulas count
    (any `<f>`). An empty `<v>` on a string result (t="str") is Excel's saved "".
    """
    found: set[tuple[int, int]] = set()
    every: set[tuple[int, int]] = set()
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_parts(archive).get(sheet)
            if part is None:
                return None
            if not _mentions_formulas(archive, part):
                return every, found  # most exported sheets hold no formula at all: skip the parse
            with archive.open(part) as stream:
                row = col = 0
                for event, element in SafeET.iterparse(stream, events=("start", "end")):
                    tag = _local(element.tag)
                    if event == "start":
                        if tag == "row":
                            row = int(element.get("r") or row + 1)
                            col = 0
                        continue
                    if tag == "c":
                        ref = element.get("r")
                        row, col = coordinate_to_tuple(ref) if ref else (row, col + 1)
                        children = {_local(child.tag): child for child in element}
                        saved = children.get("v")
                        empty = saved is None or (not saved.text and element.get("t") != "str")
                        if "f" in children:
                            every.add((row, col))
                            if empty:
                                found.add((row, col))
                        element.clear()
                    elif tag == "row":
                        element.clear()
    except Exception:  # the guard has vetted the package; an odd layout only skips this check
        return None
    return every, found


def uncached_formulas(path: Path, sheet: str) -> set[tuple[int, int]] | None:
    """(row, col) of formula cells saved without a result, or None when unscannable."""
    cells = formula_cells(path, sheet)
    return None if cells is None else cells[1]
