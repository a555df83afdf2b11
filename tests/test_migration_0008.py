"""Migration 0008: on PostgreSQL a write only a trigger refuses is an integrity error, as on
SQLite, so the services turn it into a `Conflict` rather than letting it escape.

A board made at 0007 (when the PL/pgSQL functions raised the default SQLSTATE P0001)
is upgraded in place; the lock and audit functions are replaced, their triggers kept.
"""

from __future__ import annotations

import pytest
import sqlalchemy.exc
from pg_fixtures import empty_pg, pg_url_or_skip
from sqlalchemy import create_engine, text

from improvement_desk.db.schema import open_board

pytestmark = pytest.mark.postgres


def test_a_0007_board_gets_integrity_errors_from_its_triggers() -> None:
    url = pg_url_or_skip()
    empty_pg(url)
    open_board(url, create=True, target_revision="0007").close()
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO audit_entry (at, actor, os_login, entity, entity_id, "
                    "entity_label, operation, field, old_value, new_value, row_hash) VALUES "
                    "(now(), 'A', 'a', 'risk', 1, 'R1', 'create', 'title', NULL, 'x', 'h')"
                )
            )
        with pytest.raises(sqlalchemy.exc.ProgrammingError), engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_entry"))

        open_board(url).close()  # upgrades to the head revision

        with (
            pytest.raises(sqlalchemy.exc.IntegrityError, match="audit entries cannot be deleted"),
            engine.begin() as conn,
        ):
            conn.execute(text("DELETE FROM audit_entry"))
        with (
            pytest.raises(sqlalchemy.exc.IntegrityError, match="audit entries cannot be changed"),
            engine.begin() as conn,
        ):
            conn.execute(text("UPDATE audit_entry SET actor = 'B'"))
        with engine.begin() as conn:
            bodies = conn.execute(
                text("SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'desk_lock_%'")
            ).all()
            triggers = conn.execute(
                text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'lock_%'")
            ).scalar_one()
        assert len(bodies) == 6  # five minute locks and the pack lock
        assert all("integrity_constraint_violation" in src for _, src in bodies)
        assert triggers > 0
    finally:
        engine.dispose()
