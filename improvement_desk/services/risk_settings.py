"""The board's score bands, band colours and risk appetite: read by every risk view, changed here.

Changing them re-rates every risk at once, because nothing stores a band:
views derive it from these settings each time they read the register.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from sqlalchemy.orm import Session

from improvement_desk.db.models import RiskSettings
from improvement_desk.domain.risk_bands import RiskBands, validate_bands
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, raise_if

ENTITY = "risk_settings"
LABEL = "Score bands and appetite"


@dataclass(frozen=True, slots=True)
class SettingsRecord:
    bands: RiskBands
    version: int


def bands_of(row: RiskSettings | None) -> RiskBands:
    """The stored bands, or the defaults on a board whose row is missing (never written by us)."""
    if row is None:
        return RiskBands()
    return RiskBands(**{f.name: getattr(row, f.name) for f in fields(RiskBands)})


def load_settings(session: Session) -> SettingsRecord:
    row = session.get(RiskSettings, 1)
    return SettingsRecord(bands_of(row), row.version if row else 0)


class RiskSettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def load(self) -> SettingsRecord:
        with self._ctx.db.reading() as session:
            return load_settings(session)

    def update(self, bands: RiskBands, *, expected_version: int | None) -> SettingsRecord:
        bands = replace(
            bands,
            low_colour=bands.low_colour.strip().upper(),
            medium_colour=bands.medium_colour.strip().upper(),
            high_colour=bands.high_colour.strip().upper(),
        )
        raise_if(validate_bands(bands))
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            row = session.get(RiskSettings, 1)
            trail = AuditTrail(self._ctx, session)
            values = {f.name: getattr(bands, f.name) for f in fields(RiskBands)}
            if row is None:
                row = RiskSettings(id=1, **values)
                session.add(row)
                session.flush()
                trail.created(ENTITY, 1, LABEL, values)
            else:
                check_version(row, expected_version, "Risk settings", LABEL)
                trail.apply(row, ENTITY, LABEL, values)
                session.flush()
            return SettingsRecord(bands_of(row), row.version)
