"""Audit rows sealed into a hash chain; version counters on the remaining mutable tables.

`audit_entry.row_hash` (db/audit_chain.py): the rows already written are sealed here, in
id order, the first chaining from the genesis value. The append-only triggers refuse
that UPDATE, so they are dropped and recreated around it, inside this transaction.
SQLite cannot make a column NOT NULL in place: `audit_entry` is rebuilt (batch mode,
from the definition below, so its CHECK constraint and indexes come back), which drops
its triggers too; they are created again afterwards. Nothing refers to `audit_entry`,
so the rebuild touches no other table.

`version` on attendance, declaration, decision, paper, indicator_target and
risk_mitigation (DB-8: a stale write must fail, not overwrite). Added with plain
ALTER TABLE, never batch mode: the first four carry minute-lock triggers
(db/minute_locks.py) that rebuilding the table would drop. Existing rows get 1 from the
server default, so no row of an approved meeting is updated.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from improvement_desk.db.audit_chain import GENESIS, audit_rows, chain_hash
from improvement_desk.db.types import UtcDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

VERSIONED = (
    "attendance",
    "declaration",
    "decision",
    "paper",
    "indicator_target",
    "risk_mitigation",
)

# The append-only triggers exactly as migration 0001 created them.
_SQLITE_TRIGGERS = {
    "audit_entry_no_update": "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END",
    "audit_entry_no_delete": "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END",
}
_PG_TRIGGER = (
    "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse()"
)
_PAGE = 2000


def _audit_table(row_hash_nullable: bool) -> sa.Table:
    """audit_entry as of this revision: the source of SQLite's rebuild."""
    return sa.Table(
        "audit_entry",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("os_login", sa.String(length=200), nullable=False),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("entity_label", sa.String(length=200), nullable=False),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("row_hash", sa.String(length=64), nullable=row_hash_nullable),
        sa.CheckConstraint(
            "operation IN ('create', 'update', 'delete', 'restore')",
            name="ck_audit_entry_operation",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entry"),
        sa.Index("ix_audit_entry_at", "at"),
        sa.Index("ix_audit_entry_entity", "entity", "entity_id"),
    )


def _seal_existing_rows(connection: sa.Connection) -> None:
    """Each stored row gets its hash, in id order, a page at a time."""
    previous = GENESIS
    after = 0
    store = sa.text("UPDATE audit_entry SET row_hash = :row_hash WHERE id = :row_id")
    while True:
        page = (
            connection.execute(
                sa.select(audit_rows)
                .where(audit_rows.c.id > after)
                .order_by(audit_rows.c.id)
                .limit(_PAGE)
            )
            .mappings()
            .all()
        )
        if not page:
            return
        sealed = []
        for row in page:
            previous = chain_hash(previous, row)
            sealed.append({"row_hash": previous, "row_id": row["id"]})
        connection.execute(store, sealed)
        after = page[-1]["id"]


def upgrade() -> None:
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    if sqlite:
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")
    op.add_column("audit_entry", sa.Column("row_hash", sa.String(length=64), nullable=True))
    _seal_existing_rows(connection)
    if sqlite:
        with op.batch_alter_table(
            "audit_entry", recreate="always", copy_from=_audit_table(row_hash_nullable=True)
        ) as batch_op:
            batch_op.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)
        for sql in _SQLITE_TRIGGERS.values():
            op.execute(sql)
    else:
        op.alter_column(
            "audit_entry", "row_hash", existing_type=sa.String(length=64), nullable=False
        )
        op.execute(_PG_TRIGGER)


def downgrade() -> None:
    # Dropping a column is not an UPDATE or DELETE: the append-only triggers stay.
    op.drop_column("audit_entry", "row_hash")
    for table in reversed(VERSIONED):
        op.drop_column(table, "version")
