"""A leak scan for public packs: every place a PDF can carry words, searched for forbidden text.

Page text alone is not enough: a title can hide in a bookmark, the document's
properties, XMP metadata, a link or note annotation, or an attached file. The
scan normalises white space and case on both sides, so a phrase wrapped over
two lines is still found.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject


def leak_scan(pdf_path: Path, forbidden: list[str]) -> list[str]:
    """Where each forbidden phrase appears: ["page 3 text: 'Exempt title'", ...] ([] = clean)."""
    reader = PdfReader(pdf_path)
    found: list[str] = []
    wanted = [(phrase, _norm(phrase)) for phrase in forbidden if phrase.strip()]
    for place, text in _texts(reader):
        flat = _norm(text)
        found.extend(f"{place}: {phrase!r}" for phrase, key in wanted if key in flat)
    return found


def _texts(reader: PdfReader) -> Iterator[tuple[str, str]]:
    for number, page in enumerate(reader.pages, start=1):
        yield f"page {number} text", page.extract_text() or ""
        for ref in page.get("/Annots") or ():
            yield f"page {number} annotation", _strings(ref.get_object())
    yield "outline", "\n".join(_outline_titles(reader.outline))
    yield "metadata", "\n".join(str(v) for v in (reader.metadata or {}).values())
    root = reader.root_object
    xmp = root.get("/Metadata")
    if xmp is not None:
        yield "XMP metadata", xmp.get_object().get_data().decode("utf-8", "replace")
    for name, content in reader.attachments.items():
        yield "attachment name", name
        for data in content:
            yield f"attachment {name}", data.decode("utf-8", "replace")
    yield "catalogue", _strings(root, depth=4, skip={"/Pages", "/Outlines", "/Metadata"})


def _outline_titles(outline: Any) -> Iterator[str]:
    for entry in outline:
        if isinstance(entry, list):
            yield from _outline_titles(entry)
        else:
            yield str(entry.title)


def _strings(obj: Any, depth: int = 6, skip: frozenset[str] | set[str] = frozenset()) -> str:
    """Every string inside a PDF object (dictionaries, arrays, streams' decoded data)."""
    parts: list[str] = []

    def walk(value: Any, level: int) -> None:
        if level < 0:
            return
        if isinstance(value, IndirectObject):
            value = value.get_object()
        if isinstance(value, StreamObject):
            parts.append(value.get_data().decode("latin-1", "replace"))
        if isinstance(value, DictionaryObject):
            for key, item in value.items():
                if key not in skip and key not in {"/Parent", "/P"}:
                    walk(item, level - 1)
        elif isinstance(value, ArrayObject):
            for item in value:
                walk(item, level - 1)
        elif isinstance(value, str):
            parts.append(str(value))

    walk(obj, depth)
    return "\n".join(parts)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()
