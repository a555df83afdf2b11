"""Every table, imported here so that Alembic and `Base.metadata` see them all."""

from improvement_desk.db.models.action_log import DueRevision, LogAction, LogUpdate
from improvement_desk.db.models.audit import AuditEntry
from improvement_desk.db.models.base import Base
from improvement_desk.db.models.board import BoardInfo, Person
from improvement_desk.db.models.meeting import (
    AgendaItem,
    Attendance,
    BoardMember,
    Decision,
    Declaration,
    Meeting,
    MeetingSettings,
    MinutesAmendment,
    Paper,
)
from improvement_desk.db.models.pack import PackIssue, PackTemplateRow
from improvement_desk.db.models.plan import Action, ProgressUpdate, Recommendation, TargetRevision
from improvement_desk.db.models.risk import Risk, RiskMitigation, RiskReview, RiskSettings
from improvement_desk.db.models.scorecard import Indicator, IndicatorFigure, IndicatorTarget
from improvement_desk.db.models.settings import BoardSetting

__all__ = [
    "Action",
    "AgendaItem",
    "Attendance",
    "AuditEntry",
    "Base",
    "BoardInfo",
    "BoardMember",
    "BoardSetting",
    "Decision",
    "Declaration",
    "DueRevision",
    "Indicator",
    "IndicatorFigure",
    "IndicatorTarget",
    "LogAction",
    "LogUpdate",
    "Meeting",
    "MeetingSettings",
    "MinutesAmendment",
    "PackIssue",
    "PackTemplateRow",
    "Paper",
    "Person",
    "ProgressUpdate",
    "Recommendation",
    "Risk",
    "RiskMitigation",
    "RiskReview",
    "RiskSettings",
    "TargetRevision",
]
