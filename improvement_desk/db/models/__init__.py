"""Every table, imported here so that Alembic and `Base.metadata` see them all."""

from improvement_desk.db.models.audit import AuditEntry
from improvement_desk.db.models.base import Base
from improvement_desk.db.models.board import BoardInfo, Person
from improvement_desk.db.models.plan import Action, ProgressUpdate, Recommendation, TargetRevision
from improvement_desk.db.models.risk import Risk, RiskMitigation, RiskReview, RiskSettings

__all__ = [
    "Action",
    "AuditEntry",
    "Base",
    "BoardInfo",
    "Person",
    "ProgressUpdate",
    "Recommendation",
    "Risk",
    "RiskMitigation",
    "RiskReview",
    "RiskSettings",
    "TargetRevision",
]
