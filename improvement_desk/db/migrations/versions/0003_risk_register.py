"""The risk register: risks, reviews, mitigating actions, and the board's bands and appetite.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from improvement_desk.db.types import UtcDateTime
from improvement_desk.domain.risk_bands import RiskBands

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "risk_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("low_max", sa.Integer(), nullable=False),
        sa.Column("medium_max", sa.Integer(), nullable=False),
        sa.Column("appetite", sa.Integer(), nullable=False),
        sa.Column("low_colour", sa.String(length=7), nullable=False),
        sa.Column("medium_colour", sa.String(length=7), nullable=False),
        sa.Column("high_colour", sa.String(length=7), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("appetite BETWEEN 1 AND 25", name=op.f("ck_risk_settings_appetite")),
        sa.CheckConstraint("id = 1", name=op.f("ck_risk_settings_single_row")),
        sa.CheckConstraint(
            "low_max >= 1 AND low_max < medium_max AND medium_max < 25",
            name=op.f("ck_risk_settings_bands"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_settings")),
    )
    op.create_table(
        "risk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("effect", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=200), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("date_raised", sa.Date(), nullable=False),
        sa.Column("inherent_likelihood", sa.Integer(), nullable=False),
        sa.Column("inherent_impact", sa.Integer(), nullable=False),
        sa.Column("controls", sa.Text(), nullable=False),
        sa.Column("current_likelihood", sa.Integer(), nullable=False),
        sa.Column("current_impact", sa.Integer(), nullable=False),
        sa.Column("target_likelihood", sa.Integer(), nullable=True),
        sa.Column("target_impact", sa.Integer(), nullable=True),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("proximity", sa.String(length=20), nullable=True),
        sa.Column("review_frequency", sa.String(length=20), nullable=False),
        sa.Column("next_review_date", sa.Date(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "proximity IS NULL OR proximity IN ('imminent', 'near', 'medium_term', 'long_term')",
            name=op.f("ck_risk_proximity"),
        ),
        sa.CheckConstraint(
            "review_frequency IN ('monthly', 'bimonthly', 'quarterly', 'six_monthly', 'annually')",
            name=op.f("ck_risk_review_frequency"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'escalated', 'closed')", name=op.f("ck_risk_status")
        ),
        sa.CheckConstraint(
            "(target_likelihood IS NULL) = (target_impact IS NULL)",
            name=op.f("ck_risk_target_pair"),
        ),
        sa.CheckConstraint("current_impact BETWEEN 1 AND 5", name=op.f("ck_risk_current_impact")),
        sa.CheckConstraint(
            "current_likelihood BETWEEN 1 AND 5", name=op.f("ck_risk_current_likelihood")
        ),
        sa.CheckConstraint("inherent_impact BETWEEN 1 AND 5", name=op.f("ck_risk_inherent_impact")),
        sa.CheckConstraint(
            "inherent_likelihood BETWEEN 1 AND 5", name=op.f("ck_risk_inherent_likelihood")
        ),
        sa.CheckConstraint(
            "target_impact IS NULL OR target_impact BETWEEN 1 AND 5",
            name=op.f("ck_risk_target_impact"),
        ),
        sa.CheckConstraint(
            "target_likelihood IS NULL OR target_likelihood BETWEEN 1 AND 5",
            name=op.f("ck_risk_target_likelihood"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_risk_owner_id_person"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk")),
        sa.UniqueConstraint("reference", name=op.f("uq_risk_reference")),
    )
    op.create_index(op.f("ix_risk_category"), "risk", ["category"], unique=False)
    op.create_index(op.f("ix_risk_next_review_date"), "risk", ["next_review_date"], unique=False)
    op.create_index(op.f("ix_risk_owner_id"), "risk", ["owner_id"], unique=False)
    op.create_table(
        "risk_mitigation",
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_action.id"],
            name=op.f("fk_risk_mitigation_action_id_plan_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["risk_id"],
            ["risk.id"],
            name=op.f("fk_risk_mitigation_risk_id_risk"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("risk_id", "action_id", name=op.f("pk_risk_mitigation")),
    )
    op.create_index(
        op.f("ix_risk_mitigation_action_id"), "risk_mitigation", ["action_id"], unique=False
    )
    op.create_table(
        "risk_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=False),
        sa.Column("likelihood", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("commentary", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("previous_next_review", sa.Date(), nullable=True),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint("impact BETWEEN 1 AND 5", name=op.f("ck_risk_review_impact")),
        sa.CheckConstraint("likelihood BETWEEN 1 AND 5", name=op.f("ck_risk_review_likelihood")),
        sa.ForeignKeyConstraint(
            ["risk_id"], ["risk.id"], name=op.f("fk_risk_review_risk_id_risk"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_review")),
    )
    op.create_index(op.f("ix_risk_review_risk_id"), "risk_review", ["risk_id"], unique=False)

    bands = RiskBands()
    settings = sa.table(
        "risk_settings",
        *(
            sa.column(name)
            for name in (
                "id",
                "low_max",
                "medium_max",
                "appetite",
                "low_colour",
                "medium_colour",
                "high_colour",
                "version",
            )
        ),
    )
    op.bulk_insert(
        settings,
        [
            {
                "id": 1,
                "low_max": bands.low_max,
                "medium_max": bands.medium_max,
                "appetite": bands.appetite,
                "low_colour": bands.low_colour,
                "medium_colour": bands.medium_colour,
                "high_colour": bands.high_colour,
                "version": 1,
            }
        ],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_risk_review_risk_id"), table_name="risk_review")
    op.drop_table("risk_review")
    op.drop_index(op.f("ix_risk_mitigation_action_id"), table_name="risk_mitigation")
    op.drop_table("risk_mitigation")
    op.drop_index(op.f("ix_risk_owner_id"), table_name="risk")
    op.drop_index(op.f("ix_risk_next_review_date"), table_name="risk")
    op.drop_index(op.f("ix_risk_category"), table_name="risk")
    op.drop_table("risk")
    op.drop_table("risk_settings")
