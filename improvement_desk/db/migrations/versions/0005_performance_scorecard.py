"""The performance scorecard: indicators, their targets over time, figures by period.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from improvement_desk.db.types import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("polarity", sa.String(length=20), nullable=False),
        sa.Column("frequency", sa.String(length=20), nullable=False),
        sa.Column("amber_tolerance", sa.Float(), nullable=False),
        sa.Column("england", sa.Float(), nullable=True),
        sa.Column("statistical_neighbours", sa.Float(), nullable=True),
        sa.Column("comparator_note", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "frequency IN ('monthly', 'quarterly')", name=op.f("ck_indicator_frequency")
        ),
        sa.CheckConstraint("polarity IN ('higher', 'lower')", name=op.f("ck_indicator_polarity")),
        sa.CheckConstraint(
            "unit IN ('percent', 'rate_per_10k', 'count', 'days')", name=op.f("ck_indicator_unit")
        ),
        sa.CheckConstraint("amber_tolerance >= 0", name=op.f("ck_indicator_tolerance")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
        sa.UniqueConstraint("reference", name=op.f("uq_indicator_reference")),
    )
    op.create_table(
        "indicator_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("commentary", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_figure_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_figure")),
        sa.UniqueConstraint(
            "indicator_id", "period", name=op.f("uq_indicator_figure_indicator_id")
        ),
    )
    with op.batch_alter_table("indicator_figure", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_figure_indicator_id"), ["indicator_id"], unique=False
        )

    op.create_table(
        "indicator_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("from_period", sa.Date(), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_target_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_target")),
        sa.UniqueConstraint(
            "indicator_id", "from_period", name=op.f("uq_indicator_target_indicator_id")
        ),
    )
    with op.batch_alter_table("indicator_target", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_target_indicator_id"), ["indicator_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("indicator_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_target_indicator_id"))

    op.drop_table("indicator_target")
    with op.batch_alter_table("indicator_figure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_figure_indicator_id"))

    op.drop_table("indicator_figure")
    op.drop_table("indicator")
