"""The board's settings: read together with defaults, saved together in one audited
transaction, refused field by field, stale copies refused, defaults restored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.pack import PackSection
from improvement_desk.domain.settings import (
    BY_KEY,
    SETTINGS,
    Area,
    Kind,
    SettingSpec,
    defaults,
    from_text,
)
from improvement_desk.services.board_settings import BOARD_SPECS, BoardSettingsService
from improvement_desk.services.desk import Desk

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
S = PackSection


def _service(desk: Desk) -> BoardSettingsService:
    return BoardSettingsService(desk.ctx)


def _audit_count(desk: Desk) -> int:
    with desk.ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _audit(desk: Desk, since: int) -> list[tuple[str, str, str | None, str | None]]:
    with desk.ctx.db.reading() as session:
        rows = session.execute(
            select(AuditEntry.entity, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value)
            .order_by(AuditEntry.id)
            .offset(since)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def _bad(spec: SettingSpec) -> object:
    """A value each kind refuses on its own."""
    return {
        Kind.TEXT: "",
        Kind.INTEGER: spec.maximum + 1,
        Kind.COLOUR: "#12",
        Kind.MARKING: "SECRET",
        Kind.IMAGE: b"GIF89a not a png",
        Kind.SECTIONS: (),
    }[spec.kind]


def test_a_new_board_reads_every_default(desk: Desk) -> None:
    settings = _service(desk).load()
    expected = {s.key: s.default for s in BOARD_SPECS}
    expected["board.name"] = "Test Improvement Board"
    assert settings.values == expected
    assert set(settings.versions) >= {"board", "risk_settings", "meeting_settings", "pack_template"}
    assert settings.versions["plan.due_soon_days"] == 0


def test_the_declaration_is_complete() -> None:
    assert {spec.area for spec in SETTINGS} == set(Area)
    assert len(BY_KEY) == len(SETTINGS)
    for spec in SETTINGS:
        assert spec.check(spec.default) is None or spec.personal, spec.key
        assert spec.help, spec.key


@pytest.mark.parametrize("key", [s.key for s in BOARD_SPECS])
def test_every_bad_value_names_its_field_and_writes_nothing(desk: Desk, key: str) -> None:
    spec = BY_KEY[key]
    service = _service(desk)
    before, audited = service.load(), _audit_count(desk)
    # A good change beside the bad one is not written either.
    good = "pack.accent" if key == "plan.due_soon_days" else "plan.due_soon_days"
    changes = {key: _bad(spec), good: "#000000" if key == "plan.due_soon_days" else 7}
    with pytest.raises(ValidationError) as error:
        service.save(changes, versions=before.versions)
    assert error.value.fields() == {spec.label}
    assert str(error.value).startswith(f"{spec.label}: ")
    assert service.load() == before
    assert _audit_count(desk) == audited


def test_rules_across_settings_name_the_field(desk: Desk) -> None:
    service = _service(desk)
    versions = service.load().versions
    cases = [
        ({"risks.low_max": 10, "risks.medium_max": 8}, "Medium up to"),
        ({"plan.brag.red.label": "Late", "plan.brag.amber.label": "late"}, "Amber name"),
        ({"pack.sections": (S.AGENDA, S.COVER)}, "Sections"),
    ]
    for changes, field in cases:
        assert isinstance(changes, dict)
        with pytest.raises(ValidationError) as error:
            service.save(changes, versions=versions)
        assert field in error.value.fields(), changes
    assert _audit_count(desk) == 0 or service.load().versions == versions


def test_quorum_cannot_exceed_the_voting_members(desk: Desk) -> None:
    from improvement_desk.domain.meeting import MemberKind

    desk.members.add_person("Cllr A Smith", "Councillor", "Council", MemberKind.VOTING, "Chair")
    service = _service(desk)
    with pytest.raises(ValidationError, match="Quorum: is 3 but the board has only 1"):
        service.save({"meetings.quorum": 3}, versions=service.load().versions)


def test_one_save_across_tables_is_audited_old_to_new(desk: Desk) -> None:
    service = _service(desk)
    before = service.load()
    since = _audit_count(desk)
    after = service.save(
        {
            "board.name": "Northshire Improvement Board",
            "board.logo": PNG,
            "board.marking_default": Marking.OFFICIAL_SENSITIVE,
            "plan.brag.red.label": "Off track",
            "plan.brag.red.colour": "#aa0000",
            "plan.due_soon_days": 21,
            "risks.appetite": 10,
            "meetings.quorum": 4,
            "pack.accent": "#003366",
            "plan.brag.green.label": "Green",  # unchanged: no audit row
        },
        versions=before.versions,
    )
    assert after["board.name"] == "Northshire Improvement Board"
    assert after["plan.brag.red.colour"] == "#AA0000"
    assert after["board.marking_default"] is Marking.OFFICIAL_SENSITIVE
    assert after["plan.due_soon_days"] == 21
    assert desk.risk_settings.load().bands.appetite == 10
    assert desk.meeting_settings.get().quorum == 4
    assert desk.pack_template.load().logo == PNG
    assert desk.board.load().name == "Northshire Improvement Board"
    rows = _audit(desk, since)
    assert ("board", "name", "Test Improvement Board", "Northshire Improvement Board") in rows
    assert ("board_setting", "value", "Red", "Off track") in rows
    assert ("board_setting", "value", "#C0392B", "#AA0000") in rows
    assert ("board_setting", "value", "OFFICIAL", "OFFICIAL-SENSITIVE") in rows
    assert ("board_setting", "value", "14", "21") in rows
    assert ("risk_settings", "appetite", "12", "10") in rows
    assert ("meeting_settings", "quorum", "3", "4") in rows
    assert ("pack_template", "accent", None, "#003366") in rows  # the row's first write
    assert any(r[:2] == ("pack_template", "logo") and "PNG image" in str(r[3]) for r in rows)
    assert not any(r[3] == "Green" for r in rows)
    assert after.versions["board"] == before.versions["board"] + 1
    assert after.versions["plan.brag.red.label"] == 1

    # A second change of stored rows is audited old → new.
    since = _audit_count(desk)
    service.save({"risks.appetite": 15, "plan.due_soon_days": 7}, versions=after.versions)
    assert _audit(desk, since) == [
        ("risk_settings", "appetite", "10", "15"),
        ("board_setting", "value", "21", "7"),
    ]


def test_a_change_that_is_no_change_writes_nothing(desk: Desk) -> None:
    service = _service(desk)
    before = service.load()
    after = service.save(
        {"plan.brag.red.colour": "#c0392b", "board.name": " Test Improvement Board "},
        versions=before.versions,
    )
    assert after == before
    assert _audit_count(desk) == 0 or _audit(desk, 0)[-1][0] == "board"


def test_a_stale_copy_conflicts_naming_who_and_writes_nothing(desk: Desk) -> None:
    service = _service(desk)
    seen = service.load()
    service.save({"plan.due_soon_days": 30}, versions=seen.versions)
    audited = _audit_count(desk)
    with pytest.raises(Conflict) as error:
        service.save({"risks.appetite": 9, "plan.due_soon_days": 5}, versions=seen.versions)
    assert error.value.stale
    assert "Test Officer" in str(error.value)
    assert "Due soon window (days)" in str(error.value)
    assert _audit_count(desk) == audited
    assert service.load()["risks.appetite"] == 12
    assert service.load()["plan.due_soon_days"] == 30


def test_a_stale_copy_of_another_services_table_conflicts(desk: Desk) -> None:
    service = _service(desk)
    seen = service.load()
    desk.meeting_settings.update(
        quorum=5, default_venue="Room 1", default_start=None, expected_version=None
    )
    with pytest.raises(Conflict, match="Meeting settings"):
        service.save({"meetings.quorum": 6}, versions=seen.versions)
    current = service.load()
    service.save({"meetings.quorum": 6}, versions=current.versions)
    assert desk.meeting_settings.get().default_venue == "Room 1"  # kept, not reset


def test_restore_defaults_of_one_area_and_of_all(desk: Desk) -> None:
    service = _service(desk)
    changed = service.save(
        {"plan.due_soon_days": 3, "plan.brag.blue.label": "Done", "risks.low_max": 6,
         "pack.sections": (S.COVER, S.AGENDA), "board.logo": PNG},
        versions=service.load().versions,
    )  # fmt: skip
    plan = service.restore_defaults(Area.PLAN, versions=changed.versions)
    assert plan["plan.due_soon_days"] == 14
    assert plan["plan.brag.blue.label"] == "Blue"
    assert plan["risks.low_max"] == 6  # another area: untouched
    renamed = service.save({"board.name": "Northshire Board"}, versions=plan.versions)
    everything = service.restore_defaults(versions=renamed.versions)
    expected = defaults(BOARD_SPECS)
    expected["board.name"] = "Northshire Board"  # the board's own name is not a default
    assert everything.values == expected
    assert everything["board.logo"] is None
    assert everything["pack.sections"] == BY_KEY["pack.sections"].default


def test_personal_and_unknown_keys_are_refused(desk: Desk) -> None:
    service = _service(desk)
    with pytest.raises(ValidationError, match=r"'you\.name' is not a board setting"):
        service.save({"you.name": "Jane"}, versions={})
    with pytest.raises(ValidationError, match="'nope' is not a board setting"):
        service.save({"nope": 1}, versions={})


def test_a_stored_value_this_version_cannot_read_is_its_default() -> None:
    soon, marking = BY_KEY["plan.due_soon_days"], BY_KEY["board.marking_default"]
    assert from_text(soon, "soon") == 14
    assert from_text(soon, "500") == 14  # out of range: a hand-edited row
    assert from_text(marking, "official-sensitive") is Marking.OFFICIAL_SENSITIVE
    assert from_text(marking, "TOP SECRET") is Marking.OFFICIAL
