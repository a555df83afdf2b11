"""The board pack: the board's pack template and the packs it has issued, locked once issued;
and an agenda item's public title, printed for an exempt item in the public pack and minutes.

The column is added and dropped with plain ALTER TABLE (SQLite has DROP COLUMN since
3.35), never batch mode: on SQLite batch mode recreates `agenda_item`, which would drop
the minute-lock triggers on it (db/minute_locks.py), and dropping the old table of a board
that has papers, decisions or actions fails on their foreign keys (or would cascade).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from improvement_desk.db.pack_locks import create_locks, drop_locks
from improvement_desk.db.types import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pack_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sections", sa.String(length=300), nullable=False),
        sa.Column("accent", sa.String(length=7), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_pack_template_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pack_template")),
    )
    op.create_table(
        "pack_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", UtcDateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("full_pdf", sa.LargeBinary(), nullable=False),
        sa.Column("full_sha256", sa.String(length=64), nullable=False),
        sa.Column("full_pages", sa.Integer(), nullable=False),
        sa.Column("public_pdf", sa.LargeBinary(), nullable=True),
        sa.Column("public_sha256", sa.String(length=64), nullable=True),
        sa.Column("public_pages", sa.Integer(), nullable=True),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.CheckConstraint("full_pages > 0", name=op.f("ck_pack_issue_full_pages")),
        sa.CheckConstraint(
            "(public_pdf IS NULL) = (public_sha256 IS NULL) "
            "AND (public_pdf IS NULL) = (public_pages IS NULL)",
            name=op.f("ck_pack_issue_public_whole"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_pack_issue_meeting_id_meeting"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pack_issue")),
    )
    with op.batch_alter_table("pack_issue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pack_issue_meeting_id"), ["meeting_id"], unique=False)
    create_locks(op.get_bind())
    op.add_column(
        "agenda_item",
        sa.Column("public_title", sa.String(length=200), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_column("agenda_item", "public_title")
    drop_locks(op.get_bind())
    with op.batch_alter_table("pack_issue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pack_issue_meeting_id"))
    op.drop_table("pack_issue")
    op.drop_table("pack_template")
