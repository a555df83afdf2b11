"""Writing user text into workbook cells without losing it or arming it, and saving safely.

openpyxl, left to itself, turns any text starting with "=" into a live formula
and "#N/A" into an error cell, silently cuts text at 32,767 characters, and
raises on control characters pasted from Word (RELIABILITY.md EX-1, EX-3..EX-5).
Writing a file straight over the target destroys the previous good copy when
the export is interrupted (EX-6, EX-7). This module is the one place that
handles all of that, so every exported table gets it for free.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from improvement_desk.interchange.problems import ExportRefused
from improvement_desk.runtime.atomic import sync_folder

EXCEL_CELL_LIMIT = 32_767
"""Excel's maximum characters in one cell; openpyxl truncates above it without a word."""

# openpyxl's own list (C0 controls except tab, LF, CR) plus what XML 1.0 cannot hold at
# all: lone surrogates and U+FFFE/U+FFFF are written as-is and make a corrupt workbook.
_UNWRITABLE = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|[\ud800-\udfff\ufffe\uffff]")
_LINE_ENDING = re.compile(r"\r\n?")
# Word writes a manual line break as VT and a page break as FF: keep them as line breaks
# rather than gluing "line1" and "line2" into one word.
_BREAKS = frozenset("\x0b\x0c")
_STALE_TEMP = re.compile(r"^\..+\.\d+\.tmp$")
_STALE_AFTER_SECONDS = 60.0


class TextCleaner:
    """Strips characters a workbook cannot hold, and remembers where, for the export report.

    Removing them is the lesser harm: they are invisible in Excel anyway, while
    refusing would block a whole board pack over a stray form feed from Word.
    Word's line and page breaks (VT, FF) become line breaks; the rest go. The
    report tells the user which cells changed, so nothing changes silently.
    """

    def __init__(self) -> None:
        self.count = 0
        self.places: list[str] = []

    def clean(self, text: str, *, place: str) -> str:
        """Return `text` fit for a cell; CR and CRLF become LF, which is what Excel stores."""
        text = _LINE_ENDING.sub("\n", text)
        cleaned, removed = _UNWRITABLE.subn(_replacement, text)
        if removed:
            self.count += removed
            self.places.append(place)
        return cleaned


def _replacement(match: re.Match[str]) -> str:
    return "\n" if match.group() in _BREAKS else ""


def excel_length(text: str) -> int:
    """Length as Excel counts it (UTF-16 units), so an emoji counts twice, as it does there."""
    return len(text.encode("utf-16-le")) // 2


def write_text(cell: Any, text: str, *, place: str, cleaner: TextCleaner) -> None:
    """Put user text into `cell` as inert text: never a formula, never an error value.

    Raises `ExportRefused` naming `place` rather than let openpyxl truncate. The
    data type is forced after assignment because openpyxl infers "f" for a
    leading "=" and "e" for "#N/A"; with "s" the XML holds an inline string.
    """
    cleaned = cleaner.clean(text, place=place)
    length = excel_length(cleaned)
    if length > EXCEL_CELL_LIMIT:
        raise ExportRefused(
            f"{place}: the text is {length:,} characters long; "
            f"Excel cells hold at most {EXCEL_CELL_LIMIT:,}. Nothing was written."
        )
    if not cleaned:
        cell.value = None
        return
    cell.value = cleaned
    cell.data_type = "s"


def header_footer_text(text: str, limit: int = 80) -> str:
    """Text for a print header or footer: one line, short, with '&' doubled.

    '&' starts a code there ('&P' is the page number), so a board called
    'Children & Families' would otherwise lose its ampersand; Excel also
    refuses header and footer text over 255 characters in all.
    """
    return " ".join(text.split())[:limit].replace("&", "&&")


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _is_disk_full(error: OSError) -> bool:
    return error.errno in {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _copy_mode(source: Path, target: Path) -> None:
    """Keep the old file's permissions (shared folders rely on group write) on POSIX."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        os.chmod(target, stat.S_IMODE(source.stat().st_mode))


def atomic_save(workbook: Any, path: Path) -> None:
    """Save so that `path` is always the old file or the complete new one (EX-6..EX-8).

    The temp file sits in the target's folder because `os.replace` is only
    atomic within one filesystem; a temp file elsewhere would turn the rename
    into a copy on a network share.
    """
    temp = _temp_path(path)
    try:
        try:
            with open(temp, "wb") as handle:
                workbook.save(handle)
                handle.flush()
                os.fsync(handle.fileno())
        except PermissionError as error:
            raise ExportRefused(
                f"Cannot write in the folder {path.parent}: permission denied."
            ) from error
        if path.exists():
            _copy_mode(path, temp)
        try:
            os.replace(temp, path)
        except PermissionError as error:
            raise ExportRefused(
                f"Cannot write {path.name}: it may be open in Excel. Close it and try again."
            ) from error
    except OSError as error:
        _remove_quietly(temp)
        if _is_disk_full(error):
            raise ExportRefused("The disk is full; the previous file is unchanged.") from error
        raise
    except BaseException:
        _remove_quietly(temp)
        raise
    sync_folder(path.parent)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def remove_stale_temp_files(folder: Path) -> int:
    """Delete temp files that a killed export left in `folder`; return how many went.

    Only names this module makes (".<name>.<pid>.tmp") older than a minute are
    touched, so an export running right now in another process is left alone.
    """
    removed = 0
    cutoff = time.time() - _STALE_AFTER_SECONDS
    for candidate in folder.glob(".*.[0-9]*.tmp"):
        if not _STALE_TEMP.match(candidate.name):
            continue
        try:
            if candidate.is_file() and candidate.stat().st_mtime < cutoff:
                candidate.unlink()
                removed += 1
        except OSError:
            continue
    return removed
