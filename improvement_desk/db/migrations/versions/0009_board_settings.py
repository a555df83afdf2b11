"""Board settings without a table of their own (protective marking default, BRAG names and
colours, the due-soon window): one key/value row each, versioned like every mutable table.

A plain CREATE TABLE: no existing table is rebuilt, so the minute-lock and pack-lock
triggers on them stay as they are.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "board_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_setting")),
        sa.UniqueConstraint("key", name=op.f("uq_board_setting_key")),
    )


def downgrade() -> None:
    op.drop_table("board_setting")
