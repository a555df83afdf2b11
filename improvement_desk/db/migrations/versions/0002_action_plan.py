"""The improvement action plan: recommendations, actions, progress updates, target revisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from improvement_desk.db.types import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recommendation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("theme", sa.String(length=200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "source IN ('ofsted_inspection', 'monitoring_visit', 'dfe_notice', 'peer_review', 'board')",
            name=op.f("ck_recommendation_source"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation")),
        sa.UniqueConstraint("reference", name=op.f("uq_recommendation_reference")),
    )
    op.create_index(op.f("ix_recommendation_theme"), "recommendation", ["theme"])
    op.create_table(
        "plan_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("lead_officer_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("original_target_date", sa.Date(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=False),
        sa.Column("success_measures", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("confidence", sa.String(length=20), nullable=True),
        sa.Column("evidence_of_impact", sa.Text(), nullable=False),
        sa.Column("closure_decision", sa.String(length=200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('not_started', 'red', 'amber', 'green', 'blue')",
            name=op.f("ck_plan_action_status"),
        ),
        sa.CheckConstraint(
            "confidence IS NULL OR confidence IN ('high', 'medium', 'low')",
            name=op.f("ck_plan_action_confidence"),
        ),
        sa.CheckConstraint(
            "start_date IS NULL OR start_date <= target_date", name=op.f("ck_plan_action_dates")
        ),
        sa.CheckConstraint(
            "status <> 'blue' OR (evidence_of_impact <> '' AND closure_decision <> '')",
            name=op.f("ck_plan_action_blue_needs_evidence"),
        ),
        sa.ForeignKeyConstraint(
            ["lead_officer_id"],
            ["person.id"],
            name=op.f("fk_plan_action_lead_officer_id_person"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_plan_action_recommendation_id_recommendation"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_action")),
        sa.UniqueConstraint("reference", name=op.f("uq_plan_action_reference")),
    )
    op.create_index(op.f("ix_plan_action_lead_officer_id"), "plan_action", ["lead_officer_id"])
    op.create_index(op.f("ix_plan_action_recommendation_id"), "plan_action", ["recommendation_id"])
    op.create_index(op.f("ix_plan_action_target_date"), "plan_action", ["target_date"])
    op.create_table(
        "progress_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("update_date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_action.id"],
            name=op.f("fk_progress_update_action_id_plan_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_update")),
    )
    op.create_index(op.f("ix_progress_update_action_id"), "progress_update", ["action_id"])
    op.create_table(
        "target_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("previous_date", sa.Date(), nullable=False),
        sa.Column("new_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("revised_on", sa.Date(), nullable=False),
        sa.Column("revised_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["plan_action.id"],
            name=op.f("fk_target_revision_action_id_plan_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_revision")),
    )
    op.create_index(op.f("ix_target_revision_action_id"), "target_revision", ["action_id"])


def downgrade() -> None:
    op.drop_table("target_revision")
    op.drop_table("progress_update")
    op.drop_table("plan_action")
    op.drop_table("recommendation")
