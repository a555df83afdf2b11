"""The pre-check every workbook passes before openpyxl is allowed to parse it.

openpyxl alone is not safe on hostile files (RELIABILITY.md, finding 4 and section B): a 6 MB
zip bomb took a minute and 700 MiB, one cell at XFD1048576 ended in `MemoryError`. This module
looks at the file the cheap way first (magic bytes, the zip's central directory, the first bytes
of each XML part, a streamed walk over the cell references) and refuses with the one error,
`ImportRejected`, whose reason tells an officer what to do. It is Qt-free and database-free.

The sizes in the zip's directory can be trusted as upper bounds: Python's `zipfile` (which
openpyxl uses too) never yields more bytes than a member declares and fails its CRC check when
the data differs, so a member cannot inflate past what was checked here.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from improvement_desk.interchange.problems import ImportRejected

MB = 1024 * 1024

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_STREAMS = tuple(s.encode("utf-16-le") for s in ("EncryptionInfo", "EncryptedPackage"))
_HEAD_BYTES = 4096
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml", _WORKBOOK_RELS)
# Tags of a sheet as expat names them ('namespace}local'), transitional, strict or none.
_SHEET_TAGS = {
    f"{namespace}{local}": kind
    for namespace in (
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main}",
        "http://purl.oclc.org/ooxml/spreadsheetml/main}",
        "",
    )
    for local, kind in (("row", "row"), ("c", "c"), ("v", "data"), ("is", "data"), ("f", "data"))
}
_OnStart = Callable[[str, dict[str, str]], None]
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,4})\$?([0-9]{1,10})")
_FAR = 10**10  # stands for a row or column number too long to be real

_RESAVE = "open it in Excel and Save As .xlsx"
_DTD = "declares a DTD or entities, which Excel never writes: refused"
_BOMB = "refused as a possible zip bomb"
_DAMAGED = "is damaged or incomplete"
# What zipfile, zlib and expat raise on damaged bytes (found by flipping bytes of real files).
_DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    LookupError,
    UnicodeDecodeError,
    OSError,
)


@dataclass(frozen=True)
class Limits:
    """Bounds far above any real action plan and far below what hurts a council laptop."""

    max_file_bytes: int = 50 * MB
    max_total_uncompressed: int = 300 * MB
    max_part_uncompressed: int = 150 * MB
    max_ratio: int = 150  # inflated / packed, checked on parts over 1 MB inflated
    max_members: int = 2_000
    max_rows: int = 20_000
    max_columns: int = 300


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class WorkbookFacts:
    """What the pre-check learnt, for the importer and for the preview the user sees."""

    has_macros: bool
    sheet_names: tuple[str, ...]  # every sheet, in workbook order
    hidden: tuple[bool, ...]  # parallel to sheet_names: hidden or very hidden
    warnings: tuple[str, ...]


def assert_defusedxml() -> None:
    """Refuse to go on if openpyxl parses XML without defusedxml.

    The environment variable OPENPYXL_DEFUSEDXML=False turns that protection off silently.
    """
    import openpyxl

    if getattr(openpyxl, "DEFUSEDXML", False) is not True:
        raise RuntimeError(
            "openpyxl is not using defusedxml (is OPENPYXL_DEFUSEDXML=False set?): "
            "workbooks cannot be read safely"
        )


def check_workbook_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> WorkbookFacts:
    """Refuse `path` with `ImportRejected` unless openpyxl can parse it safely."""
    name = path.name
    try:
        _check_container(path, name, limits)
    except FileNotFoundError as exc:
        raise ImportRejected(name, "cannot be found: check the folder and the file name") from exc
    except OSError as exc:
        raise ImportRejected(name, f"cannot be read: {exc.strerror or exc}") from exc
    try:
        with zipfile.ZipFile(path) as archive:
            return _check_archive(archive, name, limits)
    except _DAMAGE as exc:  # a damaged zip fails in many ways; all mean the same to an officer
        raise ImportRejected(
            name,
            f"{_DAMAGED}: it may have been cut short while being copied or downloaded; "
            f"open it in Excel to repair it, or ask for a fresh copy (details: {exc})",
        ) from exc


def _check_container(path: Path, name: str, limits: Limits) -> None:
    """Refuse what is not a zip at all, from its size and first bytes."""
    if path.is_dir():
        raise ImportRejected(name, "is a folder, not a workbook file")
    size = path.stat().st_size
    if size == 0:
        raise ImportRejected(name, "is empty")
    if size > limits.max_file_bytes:
        raise ImportRejected(
            name,
            f"is {size / MB:.1f} MB, over the {limits.max_file_bytes / MB:.0f} MB limit for "
            "a workbook: remove unused sheets or pictures and try again",
        )
    with path.open("rb") as stream:
        head = stream.read(_HEAD_BYTES)
    if head.startswith(_OLE2_MAGIC):
        raise ImportRejected(name, _describe_ole2(path))
    if not head.startswith(_ZIP_MAGICS):
        raise ImportRejected(name, _describe_other(head))


def _describe_ole2(path: Path) -> str:
    """An OLE2 container is a legacy .xls, or an .xlsx that Excel encrypted with a password."""
    overlap, tail = max(map(len, _ENCRYPTED_STREAMS)), b""
    with path.open("rb") as stream:
        while chunk := stream.read(MB):
            if any(needle in tail + chunk for needle in _ENCRYPTED_STREAMS):
                return (
                    "is password-protected: remove the password in Excel "
                    "(File ▸ Info ▸ Protect Workbook) and try again"
                )
            tail = chunk[-overlap:]
    return f"is an old Excel 97-2003 .xls file: {_RESAVE}"


def _describe_other(head: bytes) -> str:
    """Say what a file that is not a zip seems to be, so the officer knows how to fix it."""
    boms = {b"\xef\xbb\xbf": "utf-8", b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}
    codec = next((codec for bom, codec in boms.items() if head.startswith(bom)), None)
    if codec is None and b"\x00" in head:
        return "is not an Excel workbook"
    text = head.decode(codec or "utf-8", errors="replace").lstrip("\ufeff")  # cp1252: a few "�"
    if sum(ch.isprintable() or ch in "\r\n\t" for ch in text) < 0.95 * len(text):
        return "is not an Excel workbook"
    if text.lstrip().startswith("<"):
        return f"is a web page or XML file, not an Excel workbook: {_RESAVE}"
    first_line = text.strip().partition("\n")[0]
    if any(mark in first_line for mark in ",;\t|"):
        return f"looks like a CSV text file, not an Excel workbook: {_RESAVE}"
    return f"is a text file, not an Excel workbook: {_RESAVE}"


def _check_archive(archive: zipfile.ZipFile, name: str, limits: Limits) -> WorkbookFacts:
    _check_directory(archive.infolist(), name, limits)
    members = set(archive.namelist())
    for required in _REQUIRED_PARTS:
        if required not in members:
            raise ImportRejected(
                name,
                f"is not a complete Excel workbook (its part {required} is missing): it is damaged, "
                "or another kind of file renamed to .xlsx",
            )
    for info in archive.infolist():
        if info.filename.lower().endswith(_XML_SUFFIXES):
            _check_prolog(archive, info, name)
    sheets = _read_sheets(archive, name)
    if not any(part for _sheet, _hidden, part in sheets):
        raise ImportRejected(name, "has no worksheets, so there is no table to import")
    for sheet, hidden, part in sheets:
        if part and part not in members:
            raise ImportRejected(name, f'{_DAMAGED}: the part of sheet "{sheet}" is missing')
        if part:
            _check_extent(archive, part, sheet, hidden, name, limits)
    has_macros = "xl/vbaProject.bin" in members
    return WorkbookFacts(
        has_macros=has_macros,
        sheet_names=tuple(sheet for sheet, _hidden, _part in sheets),
        hidden=tuple(hidden for _sheet, hidden, _part in sheets),
        warnings=("contains macros (ignored)",) if has_macros else (),
    )


def _check_directory(infos: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    """Sizes and counts from the central directory, before a single byte is inflated."""
    if len(infos) > limits.max_members:
        raise ImportRejected(name, f"holds {len(infos):,} parts (Excel writes far fewer): {_BOMB}")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportRejected(name, "is password-protected: remove the password and try again")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ImportRejected(name, f"is packed in a way Excel never writes: {_RESAVE}")
        inflated, total = info.file_size, total + info.file_size
        if inflated > limits.max_part_uncompressed or (
            inflated > MB and inflated > limits.max_ratio * max(info.compress_size, 1)
        ):
            raise ImportRejected(
                name,
                f"inflates to {inflated:,} bytes from {info.compress_size:,} "
                f"({info.filename}): {_BOMB}",
            )
    if total > limits.max_total_uncompressed:
        raise ImportRejected(name, f"inflates to {total:,} bytes in all: {_BOMB}")


class _RootReached(Exception):
    """Raised from expat once the root element starts: the prolog is over."""


def _reach_root(*_args: object) -> None:
    raise _RootReached


def _dtd_refuser(name: str, part: str) -> Callable[..., None]:
    def refuse(*_args: object) -> None:
        raise ImportRejected(name, f"{part} {_DTD}")

    return refuse


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a DTD or entity declaration before the part's root element.

    The byte search on the first 4 KB is the rule of RELIABILITY.md (NULs dropped, so UTF-16
    is searched too). expat then reads the same bytes up to the root element in whatever
    encoding the part declares, so a long comment cannot push a DOCTYPE out of sight. After the
    root element a DOCTYPE is a syntax error: a part that passes has no entities to expand.
    """
    with archive.open(info) as stream:
        head = stream.read(_HEAD_BYTES)
    folded = head.replace(b"\x00", b"").upper()
    if b"<!DOCTYPE" in folded or b"<!ENTITY" in folded:
        raise ImportRejected(name, f"{info.filename} {_DTD}")
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _dtd_refuser(name, info.filename)
    parser.StartElementHandler = _reach_root
    try:
        parser.Parse(head, len(head) < _HEAD_BYTES)
    except _RootReached:
        return
    except expat.ExpatError as exc:
        raise ImportRejected(name, _bad_xml(info.filename, str(exc))) from exc
    raise ImportRejected(
        name,
        f"{info.filename} starts with over 4 KB of preamble, which Excel never writes: refused",
    )


def _bad_xml(part: str, detail: str) -> str:
    return f"{_DAMAGED}: {part} is not well-formed XML ({detail}); open it in Excel to repair it"


def _stream(archive: zipfile.ZipFile, part: str, name: str, on_start: _OnStart) -> None:
    """Feed a part whose prolog passed through expat, calling `on_start(tag, attributes)`.

    Tags arrive as 'namespace}local'. This is the parser iterparse is built on, without the
    tree: a 59 MB sheet of 1.2 million cells streams in 1.9 s instead of 5.4, in flat memory,
    and a handler raises to stop at the first cell out of bounds. A DTD is refused here too,
    whatever the part is called.
    """
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = on_start
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _dtd_refuser(name, part)
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(64 * 1024):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise ImportRejected(name, _bad_xml(part, str(exc))) from exc


def _read_sheets(archive: zipfile.ZipFile, name: str) -> list[tuple[str, bool, str | None]]:
    """(name, hidden, worksheet part or None for a chart sheet), in workbook order."""
    targets: dict[str, str | None] = {}
    sheets: list[tuple[str, bool, str | None]] = []

    def on_relationship(tag: str, attrs: dict[str, str]) -> None:
        if tag.endswith("}Relationship") and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            part = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            worksheet = attrs.get("Type", "").endswith("/worksheet")
            targets[attrs.get("Id", "")] = posixpath.normpath(part) if worksheet else None

    def on_sheet(tag: str, attrs: dict[str, str]) -> None:
        if tag.rpartition("}")[2] != "sheet":
            return
        sheet = attrs.get("name", "")
        ids = [value for key, value in attrs.items() if key.endswith("}id")]
        if not ids or ids[0] not in targets:
            raise ImportRejected(name, f'{_DAMAGED}: sheet "{sheet}" has no part')
        hidden = attrs.get("state", "visible") in ("hidden", "veryHidden")
        sheets.append((sheet, hidden, targets[ids[0]]))

    _stream(archive, _WORKBOOK_RELS, name, on_relationship)
    _stream(archive, "xl/workbook.xml", name, on_sheet)
    return sheets


def _cell_position(ref: str, part: str, name: str) -> tuple[int, int]:
    """'XFD1048576' -> (1048576, 16384)."""
    match = _CELL_REF.fullmatch(ref)
    if match is None:
        raise ImportRejected(name, f'{_DAMAGED}: {part} has an invalid cell reference "{ref[:20]}"')
    return int(match[2]), _column_number(match[1])


@functools.lru_cache(maxsize=4096)
def _column_number(letters: str) -> int:
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    return column


def _row_number(text: str, part: str, name: str) -> int:
    """A row's `r`, which openpyxl also accepts written as '7.0'."""
    try:
        number = float(text[:12])
    except ValueError:
        raise ImportRejected(name, f'{_DAMAGED}: {part} has an invalid row "{text[:20]}"') from None
    return int(number) if number.is_integer() and len(text) <= 12 else _FAR


def _column_letters(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_extent(
    archive: zipfile.ZipFile, part: str, sheet: str, hidden: bool, name: str, limits: Limits
) -> None:
    """Stream a sheet's cell references; refuse data beyond the bounds as soon as it is seen.

    `<dimension ref>` is never trusted (XL-7): formatting may reach XFD, so only cells with a
    value, an inline string or a formula count (in the spreadsheet namespace `v`, `is` and `f`
    occur only inside `c`), numbered the way openpyxl numbers them when `r` is missing. A
    visible sheet, where a plan may be, is held to max_rows and max_columns. A hidden sheet is
    a lookup list that is never imported and is often laid out sideways (the DLUHC returns keep
    49 rows by 2,762 columns), so it is held to the same number of cells (max_rows x
    max_columns) in any shape, which still refuses a far cell like XFD1048576.
    """
    row = column = last_row = last_column = 0

    def on_start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal row, column, last_row, last_column
        kind = _SHEET_TAGS.get(tag)
        if kind == "c":
            ref = attrs.get("r")
            row, column = _cell_position(ref, part, name) if ref else (row, column + 1)
        elif kind == "data":
            last_row, last_column = max(last_row, row), max(last_column, column)
            if hidden and last_row * last_column > limits.max_rows * limits.max_columns:
                _refuse_extent(row, column, sheet, hidden, name, limits)
            if not hidden and (row > limits.max_rows or column > limits.max_columns):
                _refuse_extent(row, column, sheet, hidden, name, limits)
        elif kind == "row":
            number = attrs.get("r")
            row, column = (_row_number(number, part, name) if number else row + 1), 0

    _stream(archive, part, name, on_start)


def _refuse_extent(
    row: int, column: int, sheet: str, hidden: bool, name: str, limits: Limits
) -> None:
    at = f'{_column_letters(column)}{row} on sheet "{sheet}"'
    if hidden:
        raise ImportRejected(
            name,
            f"has data far beyond any list a plan needs (at {at}, a hidden sheet): "
            "delete that sheet or its far cells and try again",
        )
    if row > limits.max_rows:
        raise ImportRejected(
            name,
            f"has data below row {limits.max_rows:,} (at {at}); a plan cannot be that long: "
            "delete the rows below the plan and try again",
        )
    raise ImportRejected(
        name,
        f"has data beyond column {_column_letters(limits.max_columns)} (at {at}); a plan "
        "cannot be that wide: delete the columns beyond the plan and try again",
    )
