"""The board's pack template: stored, validated field by field, audited, and obeyed by the pack."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pack_fixtures import Board
from pypdf import PdfReader
from reportlab.lib.utils import ImageReader
from sqlalchemy import select

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.errors import Conflict, StorageError, ValidationError
from improvement_desk.domain.pack import DEFAULT_ACCENT, DEFAULT_SECTIONS, PackSection
from improvement_desk.services.desk import Desk, open_desk

S = PackSection
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _problems(error: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in error.value.problems]


def test_a_new_board_has_the_default_template(desk: Desk) -> None:
    template = desk.pack_template.load()
    assert (template.sections, template.accent, template.logo, template.version) == (
        DEFAULT_SECTIONS,
        DEFAULT_ACCENT,
        None,
        0,
    )


def test_update_stores_and_audits_the_template(desk: Desk) -> None:
    sections = (S.COVER, S.AGENDA, S.RISKS, S.PLAN, S.PAPERS)
    saved = desk.pack_template.update(sections, " #2a6e3f ", PNG, expected_version=0)
    assert (saved.sections, saved.accent, saved.logo, saved.version) == (
        sections,
        "#2A6E3F",
        PNG,
        1,
    )
    assert desk.pack_template.load() == saved
    again = desk.pack_template.update(sections, "#2A6E3F", None, expected_version=1)
    assert (again.logo, again.version) == (None, 2)
    with desk.ctx.db.reading() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "pack_template").order_by(AuditEntry.id)
        ).all()
    logo = [(r.operation, r.old_value, r.new_value) for r in rows if r.field == "logo"]
    assert logo[0][0] == "create"
    assert logo[0][2] is not None
    assert logo[0][2].startswith("PNG image, 1 KB (")
    assert logo[1][1:] == (logo[0][2], "No logo")  # the logo's words, never its bytes
    assert "cover,agenda,risks,plan,papers" in [r.new_value for r in rows]


@pytest.mark.parametrize(
    ("sections", "accent", "logo", "expected"),
    [
        ((S.AGENDA, S.COVER), "#1F3A5F", None, [("Sections", "the cover comes first")]),
        ((S.PAPERS, S.AGENDA), "#1F3A5F", None, [("Sections", "the papers come last (they are merged in)")]),
        ((), "#1F3A5F", None, [("Sections", "a pack needs at least one section")]),
        ((S.AGENDA, S.AGENDA), "#1F3A5F", None, [("Sections", "a section is listed twice")]),
        ((S.AGENDA,), "navy", None, [("Accent colour", '"NAVY" is not a colour like #1F3A5F')]),
        ((S.AGENDA,), "#12345", None, [("Accent colour", '"#12345" is not a colour like #1F3A5F')]),
        ((S.AGENDA,), "#1F3A5F", b"GIF89a....", [("Logo", "must be a PNG or JPEG image")]),
        ((S.AGENDA,), "#1F3A5F", PNG + b"\0" * 2_000_001, [("Logo", "is larger than 2 MB")]),
    ],
)  # fmt: skip
def test_bad_templates_are_refused_naming_the_field(
    desk: Desk,
    sections: tuple[PackSection, ...],
    accent: str,
    logo: bytes | None,
    expected: list[tuple[str, str]],
) -> None:
    with pytest.raises(ValidationError) as refused:
        desk.pack_template.update(sections, accent, logo, expected_version=0)
    assert _problems(refused) == expected
    assert desk.pack_template.load().version == 0  # nothing written


def test_a_stale_dialog_conflicts(desk: Desk) -> None:
    desk.pack_template.update((S.COVER, S.AGENDA), "#1F3A5F", None, expected_version=0)
    with pytest.raises(Conflict, match="since you opened it"):
        desk.pack_template.update((S.AGENDA,), "#1F3A5F", None, expected_version=0)
    assert desk.pack_template.load().sections == (S.COVER, S.AGENDA)


def test_restore_defaults(desk: Desk) -> None:
    desk.pack_template.update((S.COVER, S.AGENDA), "#AA0000", PNG, expected_version=0)
    restored = desk.pack_template.restore_defaults(expected_version=1)
    assert (restored.sections, restored.accent, restored.logo) == (
        DEFAULT_SECTIONS,
        DEFAULT_ACCENT,
        None,
    )


def test_a_read_only_board_cannot_change_it(desk: Desk, board_location: str | Path) -> None:
    reader = open_desk(board_location, desk.ctx.actor, read_only=True)
    try:
        with pytest.raises(StorageError, match="read-only"):
            reader.pack_template.update((S.AGENDA,), "#1F3A5F", None, expected_version=0)
    finally:
        reader.close()


def _logo_png() -> bytes:
    """A real 60x20 PNG (the 1x1 one above is enough for validation, not for a cover)."""
    from PIL import Image

    image = Image.new("RGB", (60, 20), (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    assert ImageReader(io.BytesIO(buffer.getvalue())).getSize() == (60, 20)
    return buffer.getvalue()


def test_the_pack_follows_the_template(desk: Desk, tmp_path: Path) -> None:
    board = Board(desk, tmp_path)
    sections = (S.COVER, S.RISKS, S.AGENDA, S.PAPERS)
    desk.pack_template.update(sections, "#2A6E3F", _logo_png(), expected_version=0)
    target = tmp_path / "pack.pdf"
    desk.pack.build(board.mar.id, target, public=False)
    reader = PdfReader(target)
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert titles[:3] == ["Cover", "Risk register", "Agenda"]
    assert "Action log" not in titles
    assert "Improvement plan highlight report" not in titles
    images = list(reader.pages[0].images)
    assert [image.image.size for image in images if image.image] == [(60, 20)]  # the logo


def test_an_unknown_stored_section_is_skipped(desk: Desk) -> None:
    desk.pack_template.update((S.COVER, S.AGENDA), "#1F3A5F", None, expected_version=0)
    with desk.ctx.db.transaction() as session:
        from improvement_desk.db.models import PackTemplateRow

        session.get_one(PackTemplateRow, 1).sections = "cover,minutes_of_the_future,agenda"
    assert desk.pack_template.load().sections == (S.COVER, S.AGENDA)
