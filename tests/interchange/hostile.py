"""Builders of hostile and malformed workbooks (RELIABILITY.md section B, XL-1..XL-15).

Each function writes one sample into `folder` and returns its path; the name says which threat
it stands for. The big ones stream their members, so building them needs little memory.
"""

from __future__ import annotations

import shutil
import struct
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import openpyxl
from conftest import REALDATA

LEGACY_XLS = REALDATA / "xls" / "cscdp_annex_a_example-A-2005.xls"
SECRET = "TOP-SECRET-do-not-leak-7f3a"

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CONTENT_TYPES = (
    XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="{main}"/>'
    "{sheets}</Types>"
)
WORKBOOK_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
ROOT_RELS = (
    XML_DECL + f'<Relationships xmlns="{PKG_NS}"><Relationship Id="rId1" '
    f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
THREE_ROWS = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Action</t></is></c></row>'
    '<row r="2"><c r="A2"><v>1.1</v></c><c r="B2" t="inlineStr"><is><t>Agree plan</t></is></c></row>'
    '<row r="3"><c r="A3"><v>1.2</v></c><c r="B3" t="inlineStr"><is><t>Hire lead</t></is></c></row>'
)


def sheet_xml(rows: str = THREE_ROWS, *, dimension: str = "A1:B3", prolog: str = XML_DECL) -> str:
    return (
        f'{prolog}<worksheet xmlns="{MAIN_NS}"><dimension ref="{dimension}"/>'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def workbook_xml(sheets: list[tuple[str, str]], prolog: str = XML_DECL) -> str:
    """`sheets`: (name, state) pairs; the i-th uses rId{i} and xl/worksheets/sheet{i}.xml."""
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i}" state="{state}" r:id="rId{i}"/>'
        for i, (name, state) in enumerate(sheets, start=1)
    )
    return f'{prolog}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{entries}</sheets></workbook>'


def write_workbook(
    path: Path,
    sheets: list[str] | None = None,
    *,
    names: list[tuple[str, str]] | None = None,
    workbook: str | None = None,
    extra: dict[str, bytes] | None = None,
    omit: tuple[str, ...] = (),
    main_type: str = WORKBOOK_MAIN,
    sheet_suffix: str = ".xml",
) -> Path:
    """A minimal workbook by hand: one part per sheet XML in `sheets` (default: three rows)."""
    sheets = [sheet_xml()] if sheets is None else sheets
    names = names or [(f"Sheet{i}", "visible") for i in range(1, len(sheets) + 1)]
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>'
        for i in range(1, len(sheets) + 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}{sheet_suffix}"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts: dict[str, bytes] = {
        "[Content_Types].xml": CONTENT_TYPES.format(main=main_type, sheets=overrides).encode(),
        "_rels/.rels": ROOT_RELS.encode(),
        "xl/workbook.xml": (workbook or workbook_xml(names)).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'{XML_DECL}<Relationships xmlns="{PKG_NS}">{rels}</Relationships>'.encode()
        ),
    }
    for i, xml in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}{sheet_suffix}"] = xml.encode()
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            if part not in omit:
                archive.writestr(part, data)
    return path


def _laughs_dtd() -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{"".join(entities)}]>\n'


def billion_laughs_sheet(folder: Path) -> Path:
    """XL-1: ten nested entities in a worksheet, 10**9 'lol's once expanded."""
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return write_workbook(
        folder / "billion_laughs_sheet.xlsx", [sheet_xml(rows, prolog=_laughs_dtd())]
    )


def billion_laughs_workbook(folder: Path) -> Path:
    """XL-1: the same bomb in xl/workbook.xml, expanded in a sheet name."""
    workbook = workbook_xml([("&lol9;", "visible")], prolog=_laughs_dtd())
    return write_workbook(folder / "billion_laughs_workbook.xlsx", workbook=workbook)


def quadratic_blowup(folder: Path) -> Path:
    """XL-2: one 50,000-character entity referenced 50,000 times (2.5 GB once expanded)."""
    prolog = f'<?xml version="1.0"?>\n<!DOCTYPE kaboom [<!ENTITY a "{"A" * 50_000}">]>\n'
    rows = f'<row r="1"><c r="A1" t="inlineStr"><is><t>{"&a;" * 50_000}</t></is></c></row>'
    return write_workbook(folder / "quadratic_blowup.xlsx", [sheet_xml(rows, prolog=prolog)])


def xxe_local_file(folder: Path) -> Path:
    """XL-3: an external entity pointing at a local secret file, shown in cell A1."""
    secret = folder / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    prolog = f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    return write_workbook(folder / "xxe_local_file.xlsx", [sheet_xml(rows, prolog=prolog)])


def _stream_sheet(path: Path, chunks: Iterable[bytes]) -> Path:
    """A valid workbook whose only sheet is written from an iterable of byte chunks."""
    write_workbook(path, omit=("xl/worksheets/sheet1.xml",))
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for chunk in chunks:
            member.write(chunk)
    return path


def zip_bomb_rows(folder: Path) -> Path:
    """XL-4: 1,048,576 rows of nine cells: about 6 MB packed, 246 MB of XML (39 times)."""
    cells = '<c t="s"><v>0</v></c><c s="2"><v>41000</v></c><c t="b"><v>1</v></c><c><v>3.5</v></c>'

    def chunks() -> Iterator[bytes]:
        yield f'{XML_DECL}<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
        for start in range(1, 1_048_577, 8192):
            yield "".join(
                f'<row r="{n}" spans="1:9"><c r="A{n}" t="s"><v>0</v></c>{cells}{cells}</row>'
                for n in range(start, start + 8192)
            ).encode()
        yield b"</sheetData></worksheet>"

    return _stream_sheet(folder / "zip_bomb_rows.xlsx", chunks())


def whitespace_gigabyte(folder: Path) -> Path:
    """XL-5: 1 GiB of spaces inside <sheetData>, about 1 MB packed."""

    def chunks() -> Iterator[bytes]:
        yield f'{XML_DECL}<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
        block = b" " * (16 * 1024 * 1024)
        for _ in range(64):
            yield block
        yield b"</sheetData></worksheet>"

    return _stream_sheet(folder / "whitespace_gigabyte.xlsx", chunks())


def ratio_bomb(folder: Path) -> Path:
    """A 20 MB sheet that packs 1,000 times smaller: under every size limit, not the ratio."""
    start = f'{XML_DECL}<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
    body = b"<row/>" * (20 * 1024 * 1024 // 6)
    return _stream_sheet(folder / "ratio_bomb.xlsx", [start, body, b"</sheetData></worksheet>"])


def far_cell(folder: Path) -> Path:
    """XL-6: two cells, A1 and XFD1048576, so the sheet's extent is the whole grid."""
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
    return write_workbook(folder / "far_cell.xlsx", [sheet_xml(rows, dimension="A1:XFD1048576")])


def lying_dimension(folder: Path) -> Path:
    """XL-7: claims A1:XFD1048576 but holds three real rows; must be accepted."""
    return write_workbook(folder / "lying_dimension.xlsx", [sheet_xml(dimension="A1:XFD1048576")])


def macros(folder: Path, suffix: str = ".xlsm") -> Path:
    """XL-11: macro-enabled content (a VBA project part), as .xlsm or renamed to .xlsx."""
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b'Attribute VB_Name = "Module1"' * 20
    return write_workbook(
        folder / f"macros{suffix}", extra={"xl/vbaProject.bin": vba}, main_type=MACRO_MAIN
    )


def ole2_password_protected(folder: Path) -> Path:
    """XL-12: what Excel writes for a password: a CFB with EncryptionInfo/EncryptedPackage."""
    sector = 512
    header = bytearray(sector)
    struct.pack_into("<8s16sHHHHH6sIIIIIIIII", header, 0, bytes.fromhex("d0cf11e0a1b11ae1"),
                     bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0, 0x1000,
                     0xFFFFFFFE, 0, 0xFFFFFFFE, 0)  # fmt: skip
    struct.pack_into("<109I", header, 0x4C, 0, *([0xFFFFFFFF] * 108))
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE, *([0xFFFFFFFF] * 125))

    def entry(name: str, kind: int, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, 0xFFFFFFFF,
                           right, child, bytes(16), 0, 0, 0, 2, 0)  # fmt: skip

    directory = (
        entry("Root Entry", 5, child=1)
        + entry("EncryptionInfo", 2, right=2)
        + entry("EncryptedPackage", 2)
        + bytes(128)
    )
    path = folder / "password_protected.xlsx"
    path.write_bytes(bytes(header) + fat + directory + b"\x04\x00\x04\x00" + bytes(508))
    return path


def legacy_xls(folder: Path) -> Path:
    """XL-13: a real Excel 97-2003 file (CSC data return, 2005)."""
    return Path(shutil.copyfile(LEGACY_XLS, folder / LEGACY_XLS.name))


CSV_TEXT = "Ref,Action,Lead officer,Due\n1.1,Agree the plan,Sam Jones,30/04/2014\n"


def csv_file(folder: Path) -> Path:
    """XL-14: a CSV file offered as a workbook."""
    path = folder / "plan.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    return path


def csv_renamed_xlsx(folder: Path) -> Path:
    """XL-14: the same CSV, renamed to .xlsx."""
    path = folder / "plan_from_csv.xlsx"
    path.write_text(CSV_TEXT, encoding="utf-8")
    return path


def normal_workbook(folder: Path, name: str = "normal.xlsx") -> Path:
    """An ordinary plan written by openpyxl: a plan sheet, a hidden and a very hidden one."""
    book = openpyxl.Workbook()
    plan = book.active
    plan.title = "Plan"
    plan.append(["Ref", "Action", "Lead officer", "BRAG"])
    for n in range(1, 40):
        plan.append([f"1.{n}", f"Action number {n}", "Sam Jones", "Green"])
    book.create_sheet("Notes").sheet_state = "hidden"
    book.create_sheet("Lists").sheet_state = "veryHidden"
    path = folder / name
    book.save(path)
    return path


def truncated_zip(folder: Path) -> Path:
    """XL-15: a real workbook cut in half, as by an interrupted download."""
    whole = normal_workbook(folder, "whole_before_truncation.xlsx").read_bytes()
    path = folder / "truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def empty_file(folder: Path) -> Path:
    """XL-15: zero bytes."""
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def missing_workbook_part(folder: Path) -> Path:
    """XL-15: a zip with a sheet but no xl/workbook.xml."""
    return write_workbook(folder / "missing_workbook_part.xlsx", omit=("xl/workbook.xml",))


def malformed_sheet_xml(folder: Path) -> Path:
    """XL-15: a worksheet whose tags do not nest (</row> closes an open <c>)."""
    rows = '<row r="1"><c r="A1"><v>1</v></row>'
    return write_workbook(folder / "malformed_sheet.xlsx", [sheet_xml(rows)])


def doctype_after_long_comment(folder: Path) -> Path:
    """A DOCTYPE pushed past the first 4 KB by a comment, to dodge a plain byte search."""
    prolog = f'<?xml version="1.0"?>\n<!--{"x" * 8000}-->\n' + _laughs_dtd().partition("\n")[2]
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return write_workbook(folder / "doctype_after_comment.xlsx", [sheet_xml(rows, prolog=prolog)])


def doctype_in_utf16(folder: Path) -> Path:
    """A billion-laughs sheet encoded in UTF-16 (expat reads it; a byte search on ASCII does not)."""
    path = billion_laughs_sheet(folder)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = (
        parts["xl/worksheets/sheet1.xml"]
        .decode()
        .replace('version="1.0"?>', 'version="1.0" encoding="UTF-16"?>')
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-16")
    target = folder / "doctype_utf16.xlsx"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return target


def doctype_in_oddly_named_part(folder: Path) -> Path:
    """A billion-laughs sheet stored as sheet1.dat, so no '.xml' name invites a prolog check."""
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    sheet = sheet_xml(rows, prolog=_laughs_dtd())
    return write_workbook(folder / "doctype_odd_name.xlsx", [sheet], sheet_suffix=".dat")
