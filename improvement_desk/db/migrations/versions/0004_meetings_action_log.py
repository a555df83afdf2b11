"""Meetings, minutes and the action log; the database's lock on approved minutes.

The triggers live in `improvement_desk.db.minute_locks` (one text per dialect)
so the lock is the same whichever way a row is reached: through the ORM, the
CLI or raw SQL.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from improvement_desk.db.minute_locks import create_locks, drop_locks
from improvement_desk.db.types import UtcDateTime
from improvement_desk.domain.meeting import DEFAULT_QUORUM

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


_ITEM_FK = "fk_meeting_approved_at_item_id_agenda_item"


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _item_fk_inline() -> list[sa.ForeignKeyConstraint]:
    """SQLite cannot add a foreign key later; it checks one only when rows change."""
    if not _sqlite():
        return []
    return [
        sa.ForeignKeyConstraint(
            ["approved_at_item_id"], ["agenda_item.id"], name=op.f(_ITEM_FK), ondelete="RESTRICT"
        )
    ]


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("marking", sa.String(length=20), nullable=False),
        sa.Column("approved_at_meeting_id", sa.Integer(), nullable=True),
        sa.Column("approved_at_item_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(status = 'minutes_approved') = (approved_at_meeting_id IS NOT NULL)",
            name=op.f("ck_meeting_approval_recorded"),
        ),
        sa.CheckConstraint(
            "marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')", name=op.f("ck_meeting_marking")
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'papers_issued', 'held', 'minutes_drafted', 'minutes_approved')",
            name=op.f("ck_meeting_status"),
        ),
        *_item_fk_inline(),
        sa.ForeignKeyConstraint(
            ["approved_at_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meeting_approved_at_meeting_id_meeting"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_meeting_date"), ["meeting_date"], unique=False)

    op.create_table(
        "meeting_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quorum", sa.Integer(), nullable=False),
        sa.Column("default_venue", sa.String(length=200), nullable=False),
        sa.Column("default_start", sa.Time(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_meeting_settings_single_row")),
        sa.CheckConstraint("quorum >= 1", name=op.f("ck_meeting_settings_quorum")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_settings")),
    )
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("presenter", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("minutes_allowed", sa.Integer(), nullable=True),
        sa.Column("standing", sa.String(length=20), nullable=True),
        sa.Column("marking", sa.String(length=20), nullable=False),
        sa.Column("exempt", sa.Boolean(), nullable=False),
        sa.Column("exempt_paragraph", sa.Integer(), nullable=True),
        sa.Column("publish_from", sa.Date(), nullable=True),
        sa.Column("minute", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')", name=op.f("ck_agenda_item_marking")
        ),
        sa.CheckConstraint(
            "purpose IN ('decision', 'discussion', 'information')",
            name=op.f("ck_agenda_item_purpose"),
        ),
        sa.CheckConstraint(
            "standing IS NULL OR standing IN ('welcome', 'declarations', 'previous_minutes', 'action_log', 'plan_progress', 'performance', 'risk_register', 'any_other_business', 'next_meeting')",
            name=op.f("ck_agenda_item_standing"),
        ),
        sa.CheckConstraint(
            "(exempt AND exempt_paragraph BETWEEN 1 AND 7) OR (NOT exempt AND exempt_paragraph IS NULL AND publish_from IS NULL)",
            name=op.f("ck_agenda_item_exemption"),
        ),
        sa.CheckConstraint(
            "minutes_allowed IS NULL OR minutes_allowed BETWEEN 1 AND 480",
            name=op.f("ck_agenda_item_minutes_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("substitute", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "kind IN ('voting', 'adviser', 'officer')", name=op.f("ck_attendance_kind")
        ),
        sa.CheckConstraint(
            "status = 'apologies' OR substitute = ''", name=op.f("ck_attendance_substitute")
        ),
        sa.CheckConstraint(
            "status IN ('present', 'apologies', 'absent')", name=op.f("ck_attendance_status")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_attendance_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_attendance_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("meeting_id", "person_id", name=op.f("uq_attendance_meeting_id")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "board_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("board_role", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('voting', 'adviser', 'officer')", name=op.f("ck_board_member_kind")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_board_member_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_member")),
        sa.UniqueConstraint("person_id", name=op.f("uq_board_member_person_id")),
    )
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_decision_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decision_agenda_item_id"), ["agenda_item_id"], unique=False
        )

    op.create_table(
        "declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("nature", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_declaration_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_declaration_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_declaration_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declaration")),
    )
    with op.batch_alter_table("declaration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_declaration_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "log_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("original_due", sa.Date(), nullable=False),
        sa.Column("current_due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("closed_at_meeting_id", sa.Integer(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(status = 'closed') = (closed_at_meeting_id IS NOT NULL)",
            name=op.f("ck_log_action_closed_by_board"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'in_progress', 'complete', 'closed')",
            name=op.f("ck_log_action_status"),
        ),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_log_action_agenda_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["closed_at_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_log_action_closed_at_meeting_id_meeting"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_log_action_meeting_id_meeting"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["person.id"],
            name=op.f("fk_log_action_owner_id_person"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_action")),
        sa.UniqueConstraint("reference", name=op.f("uq_log_action_reference")),
    )
    with op.batch_alter_table("log_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_log_action_agenda_item_id"), ["agenda_item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_log_action_current_due"), ["current_due"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_log_action_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_log_action_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "minutes_amendment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("amended_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("agreed_at_meeting_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_minutes_amendment_agenda_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["agreed_at_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_minutes_amendment_agreed_at_meeting_id_meeting"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_minutes_amendment_meeting_id_meeting"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_amendment")),
    )
    with op.batch_alter_table("minutes_amendment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_minutes_amendment_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "paper",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("marking", sa.String(length=20), nullable=False),
        sa.Column("added_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')", name=op.f("ck_paper_marking")
        ),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_paper_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paper")),
    )
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_paper_agenda_item_id"), ["agenda_item_id"], unique=False
        )

    op.create_table(
        "log_due_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("previous_due", sa.Date(), nullable=False),
        sa.Column("new_due", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("agreed_at_meeting_id", sa.Integer(), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["log_action.id"],
            name=op.f("fk_log_due_revision_action_id_log_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agreed_at_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_log_due_revision_agreed_at_meeting_id_meeting"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_due_revision")),
    )
    with op.batch_alter_table("log_due_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_log_due_revision_action_id"), ["action_id"], unique=False
        )

    op.create_table(
        "log_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("update_date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["log_action.id"],
            name=op.f("fk_log_update_action_id_log_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_update")),
    )
    with op.batch_alter_table("log_update", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_log_update_action_id"), ["action_id"], unique=False)

    if not _sqlite():
        op.create_foreign_key(
            op.f(_ITEM_FK),
            "meeting",
            "agenda_item",
            ["approved_at_item_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    settings = sa.table(
        "meeting_settings",
        sa.column("id", sa.Integer()),
        sa.column("quorum", sa.Integer()),
        sa.column("default_venue", sa.String()),
        sa.column("version", sa.Integer()),
    )
    op.bulk_insert(
        settings, [{"id": 1, "quorum": DEFAULT_QUORUM, "default_venue": "", "version": 1}]
    )
    create_locks(op.get_bind())

    with op.batch_alter_table("plan_action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closure_decision_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_plan_action_closure_decision_id_decision"),
            "decision",
            ["closure_decision_id"],
            ["id"],
            ondelete="RESTRICT",
        )


def downgrade() -> None:
    drop_locks(op.get_bind())
    if not _sqlite():
        op.drop_constraint(op.f(_ITEM_FK), "meeting", type_="foreignkey")
    with op.batch_alter_table("plan_action", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_plan_action_closure_decision_id_decision"), type_="foreignkey"
        )
        batch_op.drop_column("closure_decision_id")

    with op.batch_alter_table("log_update", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_log_update_action_id"))

    op.drop_table("log_update")
    with op.batch_alter_table("log_due_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_log_due_revision_action_id"))

    op.drop_table("log_due_revision")
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paper_agenda_item_id"))

    op.drop_table("paper")
    with op.batch_alter_table("minutes_amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_amendment_meeting_id"))

    op.drop_table("minutes_amendment")
    with op.batch_alter_table("log_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_log_action_owner_id"))
        batch_op.drop_index(batch_op.f("ix_log_action_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_log_action_current_due"))
        batch_op.drop_index(batch_op.f("ix_log_action_agenda_item_id"))

    op.drop_table("log_action")
    with op.batch_alter_table("declaration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declaration_meeting_id"))

    op.drop_table("declaration")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_agenda_item_id"))

    op.drop_table("decision")
    op.drop_table("board_member")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_meeting_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))

    op.drop_table("agenda_item")
    op.drop_table("meeting_settings")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_meeting_date"))

    op.drop_table("meeting")
