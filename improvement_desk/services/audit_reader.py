"""Reading the audit trail back: "when did this turn red, and who said so?".

Two readers of one table. An action's detail pane asks for one record's history
(`for_record`). The audit viewer searches the whole trail by kind of record,
record, field, person and date (`search`), newest first and capped, because a
board that imports its registers has tens of thousands of rows and a screen
needs only the newest few thousand; the page says how many matched, so a capped
list never passes for the whole trail. Dates are the user's local days turned
into UTC bounds here, once, so the screen, the export and the tests agree on
what "1 April" covers in British Summer Time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.services.context import ServiceContext

DEFAULT_LIMIT = 5_000
MAX_LIMIT = 1_048_000
"""Just under an Excel sheet's 1,048,576 rows: the export asks for everything that matched."""
RECORD_TEXT_LIMIT = 200  # entity_label's own length: a longer text cannot match anything

ENTITY_LABELS = {
    "action": "Plan action",
    "agenda_item": "Agenda item",
    "attendance": "Attendance",
    "board": "Board",
    "board_member": "Board member",
    "decision": "Decision",
    "declaration": "Declaration of interest",
    "indicator": "Indicator",
    "indicator_figure": "Indicator figure",
    "indicator_target": "Indicator target",
    "log_action": "Log action",
    "log_due_revision": "Log due-date revision",
    "log_update": "Log update",
    "meeting": "Meeting",
    "meeting_settings": "Meeting settings",
    "minutes_amendment": "Minutes amendment",
    "pack_issue": "Issued pack",
    "pack_template": "Pack template",
    "paper": "Paper",
    "person": "Person",
    "recommendation": "Recommendation",
    "risk": "Risk",
    "risk_review": "Risk review",
    "risk_settings": "Risk settings",
}
CHANGE_WORDS = {
    "create": "created",
    "update": "updated",
    "delete": "deleted",
    "restore": "restored",
}


def entity_label(entity: str) -> str:
    """'risk_review' → 'Risk review'; a kind added later still reads as words."""
    return ENTITY_LABELS.get(entity) or entity.replace("_", " ").capitalize()


def field_label(field: str) -> str:
    """'target_date' → 'Target date'; the stored name stays in the detail pane."""
    return field.replace("_", " ").capitalize() if field else ""


def change_word(operation: str) -> str:
    return CHANGE_WORDS.get(operation, operation)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    at: datetime
    actor: str
    os_login: str
    entity: str
    entity_id: int
    operation: str
    field: str
    old_value: str | None
    new_value: str | None
    entity_label: str = ""
    id: int = 0


@dataclass(frozen=True, slots=True)
class AuditCriteria:
    """What the viewer asks for; `None` and "" mean "any". Dates are local days, inclusive."""

    entity: str | None = None
    record: str = ""
    field: str | None = None
    person: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True, slots=True)
class AuditPage:
    """The newest `len(rows)` of the `matched` rows that met the criteria."""

    rows: tuple[AuditRecord, ...]
    matched: int
    limit: int

    @property
    def more(self) -> bool:
        return self.matched > len(self.rows)


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class AuditChoices:
    """The filter lists: only what the trail holds, so no choice can find nothing."""

    entities: tuple[Choice, ...]
    people: tuple[Choice, ...]
    entity_fields: tuple[tuple[str, str], ...]  # (entity, field) pairs present

    def fields(self, entity: str | None = None) -> tuple[Choice, ...]:
        """The fields of one kind of record, or of every kind, by label."""
        names = {f for e, f in self.entity_fields if f and (entity is None or e == entity)}
        return tuple(sorted((Choice(n, field_label(n)) for n in names), key=_by_label))


def _by_label(choice: Choice) -> tuple[str, str]:
    return (choice.label.casefold(), choice.value)


_COLUMNS = (
    AuditEntry.at,
    AuditEntry.actor,
    AuditEntry.os_login,
    AuditEntry.entity,
    AuditEntry.entity_id,
    AuditEntry.operation,
    AuditEntry.field,
    AuditEntry.old_value,
    AuditEntry.new_value,
    AuditEntry.entity_label,
    AuditEntry.id,
)


def _record(row: Any) -> AuditRecord:
    return AuditRecord(*row)


def validate(criteria: AuditCriteria) -> None:
    """Refuses what cannot be meant, naming the control the user sees."""
    problems = []
    if len(criteria.record.strip()) > RECORD_TEXT_LIMIT:
        problems.append(
            FieldProblem("Record", f"at most {RECORD_TEXT_LIMIT} characters; no record is longer")
        )
    if criteria.date_from and criteria.date_to and criteria.date_to < criteria.date_from:
        problems.append(
            FieldProblem(
                "To", f"{criteria.date_to:%d %b %Y} is before From ({criteria.date_from:%d %b %Y})"
            )
        )
    if not 1 <= criteria.limit <= MAX_LIMIT:
        problems.append(FieldProblem("Limit", f"between 1 and {MAX_LIMIT:,} rows"))
    if problems:
        raise ValidationError(problems)


def local_midnight(day: date, zone: tzinfo | None) -> datetime:
    """The moment `day` begins where the user is (the computer's zone unless one is given)."""
    start = datetime.combine(day, time())
    return start.replace(tzinfo=zone) if zone is not None else start.astimezone()


def _conditions(criteria: AuditCriteria, zone: tzinfo | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if criteria.entity:
        where.append(AuditEntry.entity == criteria.entity)
    record = criteria.record.strip()
    if record:
        where.append(AuditEntry.entity_label.icontains(record, autoescape=True))
    if criteria.field:
        where.append(AuditEntry.field == criteria.field)
    if criteria.person:
        # Exact, as the drop-down offers them: SQLite's lower() knows only ASCII.
        person = criteria.person.strip()
        where.append(or_(AuditEntry.actor == person, AuditEntry.os_login == person))
    if criteria.date_from:
        where.append(AuditEntry.at >= local_midnight(criteria.date_from, zone))
    if criteria.date_to:
        where.append(AuditEntry.at < local_midnight(criteria.date_to + timedelta(days=1), zone))
    return where


class AuditReader:
    """`zone` is for tests and for a server in another zone; by default the computer's own."""

    def __init__(self, ctx: ServiceContext, *, zone: tzinfo | None = None) -> None:
        self._ctx = ctx
        self.zone = zone

    def for_record(self, entity: str, entity_id: int, *, limit: int = 200) -> list[AuditRecord]:
        """The newest changes to one record first."""
        with self._ctx.db.reading() as session:
            rows = session.execute(
                select(*_COLUMNS)
                .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
                .order_by(AuditEntry.id.desc())
                .limit(limit)
            ).all()
            return [_record(r) for r in rows]

    def search(self, criteria: AuditCriteria) -> AuditPage:
        """The newest rows meeting every criterion, and how many met them, in one read."""
        validate(criteria)
        where = _conditions(criteria, self.zone)
        rows = (
            select(*_COLUMNS)
            .where(*where)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(criteria.limit)
        )
        with self._ctx.db.reading() as session:
            found = tuple(_record(r) for r in session.execute(rows))
            if len(found) < criteria.limit:
                matched = len(found)  # all of them are here: no need to count
            else:
                counting = select(func.count()).select_from(AuditEntry).where(*where)
                matched = session.scalar(counting) or 0
        return AuditPage(found, max(matched, len(found)), criteria.limit)

    def choices(self) -> AuditChoices:
        """Kinds of record, (kind, field) pairs and people in the trail, in one read."""
        with self._ctx.db.reading() as session:
            pairs = session.execute(select(AuditEntry.entity, AuditEntry.field).distinct()).all()
            people = session.execute(select(AuditEntry.actor, AuditEntry.os_login).distinct()).all()
        entities = {entity for entity, _ in pairs}
        names = {actor for actor, _ in people if actor}
        logins = {login for _, login in people if login} - names
        return AuditChoices(
            entities=tuple(sorted((Choice(e, entity_label(e)) for e in entities), key=_by_label)),
            people=(
                *sorted((Choice(n, n) for n in names), key=_by_label),
                *sorted((Choice(n, f"{n} (OS login)") for n in logins), key=_by_label),
            ),
            entity_fields=tuple(sorted((e, f) for e, f in pairs)),
        )
