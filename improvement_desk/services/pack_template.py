"""The board's pack template: which sections its packs hold, in which order, and their look.

A board setting, not a personal one: every officer building the board's pack
must get the same document, so it lives in the database (`pack_template`, one
row, absent until first changed) and each change is audited like any other
governance record. The logo is audited by size and fingerprint, never as bytes.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

from sqlalchemy.orm import Session

from improvement_desk.db.models import PackTemplateRow
from improvement_desk.domain.pack import (
    DEFAULT_ACCENT,
    DEFAULT_SECTIONS,
    PackSection,
    validate_template,
)
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, raise_if
from improvement_desk.services.pack_records import PackTemplate

log = logging.getLogger(__name__)

ENTITY = "pack_template"
LABEL = "Board pack template"
DEFAULT_TEMPLATE = PackTemplate(DEFAULT_SECTIONS, DEFAULT_ACCENT, None, 0)


def logo_words(logo: bytes | None) -> str:
    """How the audit trail and the settings dialog name a logo without holding its bytes."""
    if logo is None:
        return "No logo"
    kind = "PNG" if logo.startswith(b"\x89PNG") else "JPEG"
    return f"{kind} image, {max(1, round(len(logo) / 1024))} KB ({hashlib.sha256(logo).hexdigest()[:12]})"


def _sections_text(sections: Sequence[PackSection]) -> str:
    return ",".join(s.value for s in sections)


def _sections_of(text: str) -> tuple[PackSection, ...]:
    """The stored order; a name this version does not know (a newer board) is skipped."""
    known: list[PackSection] = []
    for name in filter(None, (part.strip() for part in text.split(","))):
        try:
            known.append(PackSection(name))
        except ValueError:
            log.warning("pack template: skipping unknown section %r", name)
    return tuple(known) or DEFAULT_SECTIONS


def load_template(session: Session) -> PackTemplate:
    row = session.get(PackTemplateRow, 1)
    if row is None:
        return DEFAULT_TEMPLATE
    return PackTemplate(_sections_of(row.sections), row.accent, row.logo, row.version)


class PackTemplateService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def load(self) -> PackTemplate:
        with self._ctx.db.reading() as session:
            return load_template(session)

    def update(
        self,
        sections: Sequence[PackSection],
        accent: str,
        logo: bytes | None,
        *,
        expected_version: int | None,
    ) -> PackTemplate:
        """Stores the template; ValidationError naming the field (Sections, Accent colour,
        Logo) and nothing written when it is not a template a pack can be built from."""
        sections = tuple(sections)
        accent = accent.strip().upper()
        raise_if(validate_template(sections, accent, logo))
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            row = session.get(PackTemplateRow, 1)
            trail = AuditTrail(self._ctx, session)
            values = {"sections": _sections_text(sections), "accent": accent}
            if row is None:
                # Versions count from the defaults (version 0), so a stale dialog still conflicts.
                if expected_version not in (None, 0):
                    check_version(_Unsaved(), expected_version, "Pack template", LABEL)
                row = PackTemplateRow(id=1, logo=logo, **values)
                session.add(row)
                session.flush()
                trail.created(ENTITY, 1, LABEL, {**values, "logo": logo_words(logo)})
            else:
                check_version(row, expected_version, "Pack template", LABEL)
                trail.apply(row, ENTITY, LABEL, values)
                if row.logo != logo:
                    trail.apply_value(
                        ENTITY, 1, LABEL, "logo", logo_words(row.logo), logo_words(logo)
                    )
                    row.logo = logo
                session.flush()
            return PackTemplate(_sections_of(row.sections), row.accent, row.logo, row.version)

    def restore_defaults(self, *, expected_version: int | None) -> PackTemplate:
        """The brief's sections and order, the default colour, no logo (audited as a change)."""
        return self.update(
            DEFAULT_SECTIONS, DEFAULT_ACCENT, None, expected_version=expected_version
        )


class _Unsaved:
    """The default template's stand-in for a version check before its row exists."""

    id = 1
    version = 0
