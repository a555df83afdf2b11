"""PostgreSQL's lock triggers report SQLSTATE 23000, as SQLite's RAISE(ABORT) does.

Until now the PL/pgSQL lock functions raised the default SQLSTATE (P0001), which
reaches SQLAlchemy as a ProgrammingError: a write refused only by a trigger (two
officers racing, one approving the minutes as the other saves) then escaped the
services as an unexplained error instead of a `Conflict`. The functions are
replaced in place (CREATE OR REPLACE), so their triggers stay; the audit trail's
function now also names the refused operation, as SQLite's two triggers do.
SQLite boards need nothing.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

from improvement_desk.db.minute_locks import replace_pg_functions

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

AUDIT_REFUSE = """
CREATE OR REPLACE FUNCTION audit_entry_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit entries cannot be %',
        CASE TG_OP WHEN 'UPDATE' THEN 'changed' ELSE 'deleted' END
        USING ERRCODE = 'integrity_constraint_violation';
END $$
"""

OLD_AUDIT_REFUSE = """
CREATE OR REPLACE FUNCTION audit_entry_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit entries cannot be changed or deleted'; END $$
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    replace_pg_functions(bind)
    op.execute(AUDIT_REFUSE)


def downgrade() -> None:
    # The old bodies differ only in the SQLSTATE; the lock functions keep the new one.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(OLD_AUDIT_REFUSE)
