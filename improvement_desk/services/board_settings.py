"""The board's settings, all of them, read together and changed together in one transaction.

Some settings have lived in their own tables for a long time (the board's name,
the risk bands, the quorum, the pack template) and stay there: their own
services and every reader keep using them. The rest live in `board_setting`,
one row per key. Saving the settings dialog may touch several of these tables;
it is one use case, so it is one transaction: every version the user saw is
checked first, then every changed value is written with its audit row (old →
new), or nothing is. The rules are the owners' own (domain/settings.py borrows
`validate_bands`, `quorum_problem` and `validate_template`), so a value refused
here is refused there too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import (
    BoardInfo,
    BoardSetting,
    MeetingSettings,
    PackTemplateRow,
    RiskSettings,
)
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.pack import PackSection
from improvement_desk.domain.settings import (
    BY_KEY,
    SETTINGS,
    Area,
    SettingSpec,
    Store,
    from_text,
    normal_value,
    specs_of,
    to_text,
    validate_settings,
)
from improvement_desk.services import meeting_settings, pack_template, risk_settings
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.board_members import voting_members
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, raise_if

BOARD_SPECS = tuple(spec for spec in SETTINGS if not spec.personal)
ENTITY = "board_setting"

# The single-row tables, how a version check names them, and their audit entity and label.
_ROWS: dict[Store, tuple[type[Any], str, str, str]] = {
    Store.BOARD: (BoardInfo, "Board", "board", "Board"),
    Store.RISK_SETTINGS: (
        RiskSettings, "Risk settings", risk_settings.ENTITY, risk_settings.LABEL,
    ),
    Store.MEETING_SETTINGS: (
        MeetingSettings, "Meeting settings", meeting_settings.ENTITY, meeting_settings.LABEL,
    ),
    Store.PACK_TEMPLATE: (
        PackTemplateRow, "Pack template", pack_template.ENTITY, pack_template.LABEL,
    ),
}  # fmt: skip


def version_key(spec: SettingSpec) -> str:
    """Which version guards a setting: its own row's in `board_setting`, else its table's."""
    return spec.key if spec.store is Store.BOARD_SETTING else spec.store.value


@dataclass(frozen=True, slots=True)
class BoardSettings:
    """Every board setting's value (defaults filled in) and the versions they were read at."""

    values: Mapping[str, object]
    versions: Mapping[str, int]

    def __getitem__(self, key: str) -> object:
        return self.values[key]

    def versions_of(self, keys: list[str]) -> dict[str, int]:
        return {version_key(BY_KEY[k]): self.versions[version_key(BY_KEY[k])] for k in keys}


def load_board_settings(session: Session) -> BoardSettings:
    values: dict[str, object] = {}
    versions: dict[str, int] = {}
    info = session.get(BoardInfo, 1)
    bands = risk_settings.load_settings(session)
    meetings = meeting_settings.load_meeting_settings(session)
    template = pack_template.load_template(session)
    stored = {row.key: row for row in session.scalars(select(BoardSetting))}
    versions[Store.BOARD.value] = info.version if info else 0
    versions[Store.RISK_SETTINGS.value] = bands.version
    versions[Store.MEETING_SETTINGS.value] = meetings.version
    versions[Store.PACK_TEMPLATE.value] = template.version
    for spec in BOARD_SPECS:
        if spec.store is Store.BOARD_SETTING:
            row = stored.get(spec.key)
            values[spec.key] = spec.default if row is None else from_text(spec, row.value)
            versions[spec.key] = row.version if row else 0
        elif spec.store is Store.BOARD:
            values[spec.key] = info.name if info else spec.default
        elif spec.store is Store.RISK_SETTINGS:
            values[spec.key] = getattr(bands.bands, spec.column)
        elif spec.store is Store.MEETING_SETTINGS:
            values[spec.key] = getattr(meetings, spec.column)
        else:
            values[spec.key] = getattr(template, spec.column)
    return BoardSettings(values, versions)


class BoardSettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def load(self) -> BoardSettings:
        with self._ctx.db.reading() as session:
            return load_board_settings(session)

    def save(self, changes: Mapping[str, object], *, versions: Mapping[str, int]) -> BoardSettings:
        """Stores `changes` (key → value) checked against the `versions` the user saw (a key
        missing from `versions` is not checked). A `ValidationError` names every bad field and
        a `Conflict` says who changed what meanwhile; either way nothing is written."""
        unknown = [k for k in changes if k not in BY_KEY or BY_KEY[k].personal]
        raise_if([FieldProblem("Settings", f"{k!r} is not a board setting") for k in unknown])
        changes = {k: normal_value(BY_KEY[k], v) for k, v in changes.items()}
        raise_if(validate_settings(changes))  # each value on its own, before any I/O
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            current = load_board_settings(session)
            merged = {**current.values, **changes}
            members = voting_members(session) if "meetings.quorum" in changes else None
            raise_if(validate_settings(merged, voting_members=members))
            changed = [BY_KEY[k] for k, v in changes.items() if current.values[k] != v]
            _Writer(self._ctx, session, versions).write(changed, merged)
        return self.load()

    def restore_defaults(
        self, area: Area | None = None, *, versions: Mapping[str, int]
    ) -> BoardSettings:
        """Every board setting of `area` (or of every area) back to its default, audited as
        a change like any other; the board's name is not a default and stays."""
        specs = BOARD_SPECS if area is None else specs_of(area)
        restored = {s.key: s.default for s in specs if s.restorable and not s.personal}
        return self.save(restored, versions=versions)


class _Writer:
    """One save's writes: every version checked before the first value is written."""

    def __init__(self, ctx: ServiceContext, session: Session, versions: Mapping[str, int]) -> None:
        self._ctx = ctx
        self._session = session
        self._versions = versions
        self._trail = AuditTrail(ctx, session)

    def write(self, changed: list[SettingSpec], merged: Mapping[str, object]) -> None:
        stores = list(dict.fromkeys(s.store for s in changed if s.store is not Store.BOARD_SETTING))
        keyed = [s for s in changed if s.store is Store.BOARD_SETTING]
        rows = {store: self._session.get(_ROWS[store][0], 1) for store in stores}
        stored = {
            row.key: row
            for row in self._session.scalars(
                select(BoardSetting).where(BoardSetting.key.in_([s.key for s in keyed]))
            )
        }
        for store, row in rows.items():
            self._check(row, store.value, _ROWS[store][1], _ROWS[store][3])
        for spec in keyed:
            self._check(stored.get(spec.key), spec.key, "Setting", spec.label)
        for store, row in rows.items():
            self._write_row(store, row, [s for s in changed if s.store is store], merged)
        for spec in keyed:
            self._write_keyed(spec, stored.get(spec.key), merged[spec.key])
        self._session.flush()

    def _check(self, row: Any, version_key: str, kind: str, label: str) -> None:
        """A row not yet written is at version 0, so a copy read before a colleague first
        saved it is stale too (rows are never deleted, so a missing row is never stale)."""
        if row is not None:
            check_version(row, self._versions.get(version_key), kind, label)

    def _write_row(
        self, store: Store, row: Any, specs: list[SettingSpec], merged: Mapping[str, object]
    ) -> None:
        model, _, entity, label = _ROWS[store]
        if store is Store.BOARD and row is not None:
            label = row.name
        if row is None:
            columns = {
                s.column: _column_value(s, merged[s.key]) for s in SETTINGS if s.store is store
            }
            row = model(id=1, **columns, **_row_extras(self._ctx, store))
            self._session.add(row)
            self._session.flush()
            audited = {k: v for k, v in columns.items() if k != "logo"}
            if store is Store.PACK_TEMPLATE:
                audited["logo"] = pack_template.logo_words(row.logo)
            self._trail.created(entity, 1, label, audited)
            return
        for spec in specs:
            new = _column_value(spec, merged[spec.key])
            if spec.column == "logo":
                old = row.logo
                self._trail.apply_value(
                    entity, 1, label, "logo", pack_template.logo_words(old),
                    pack_template.logo_words(new),  # type: ignore[arg-type]
                )  # fmt: skip
                row.logo = new
            else:
                self._trail.apply(row, entity, label, {spec.column: new})

    def _write_keyed(self, spec: SettingSpec, row: BoardSetting | None, value: object) -> None:
        text = to_text(spec, value)
        if row is None:
            row = BoardSetting(key=spec.key, value=text)
            self._session.add(row)
            self._session.flush()
            self._trail.apply_value(
                ENTITY, row.id, spec.label, "value", to_text(spec, spec.default), text
            )
        else:
            self._trail.apply(row, ENTITY, spec.label, {"value": text})


def _column_value(spec: SettingSpec, value: object) -> object:
    if spec.column == "sections" and isinstance(value, tuple):
        return ",".join(PackSection(s).value for s in value)
    return value


def _row_extras(ctx: ServiceContext, store: Store) -> dict[str, object]:
    """What a single-row table needs besides the settings when it is first written."""
    if store is Store.MEETING_SETTINGS:
        return {"default_venue": "", "default_start": None}
    if store is Store.BOARD:
        return {"as_at_date": None, "created_at": ctx.now()}
    return {}
