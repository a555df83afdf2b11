"""An open board and the services that work on it, built once by `app.py` or `cli/`.

This is a bundle, not a god object: it holds no behaviour of its own beyond
opening and closing, and each window or command takes only the services it
needs from it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from improvement_desk.db.engine import DEFAULT_BUSY_TIMEOUT_MS, is_url
from improvement_desk.db.network_paths import is_network_path
from improvement_desk.db.schema import OpenedBoard, open_board
from improvement_desk.domain.board import DEFAULT_BOARD_NAME
from improvement_desk.runtime.clock import Now, Today, system_today, utc_now
from improvement_desk.runtime.identity import Actor
from improvement_desk.services.action_history import ActionHistoryService
from improvement_desk.services.actions import ActionService
from improvement_desk.services.audit_reader import AuditReader
from improvement_desk.services.board import BoardRecord, BoardService
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.people import PeopleService
from improvement_desk.services.plan_reader import PlanReader
from improvement_desk.services.recommendations import RecommendationService
from improvement_desk.services.risk_reader import RiskReader
from improvement_desk.services.risk_reviews import RiskReviewService
from improvement_desk.services.risk_settings import RiskSettingsService
from improvement_desk.services.risks import RiskService

if TYPE_CHECKING:
    from improvement_desk.services.action_log import ActionLogService
    from improvement_desk.services.agenda import AgendaService
    from improvement_desk.services.attendance import AttendanceService
    from improvement_desk.services.board_members import BoardMemberService
    from improvement_desk.services.board_settings import BoardSettingsService
    from improvement_desk.services.dashboard import DashboardReader
    from improvement_desk.services.figures import FigureService
    from improvement_desk.services.indicators import IndicatorService
    from improvement_desk.services.log_export import ActionLogExportService
    from improvement_desk.services.log_import import ActionLogImportService
    from improvement_desk.services.log_reader import ActionLogReader
    from improvement_desk.services.meeting_reader import MeetingReader
    from improvement_desk.services.meeting_settings import MeetingSettingsService
    from improvement_desk.services.meetings import MeetingService
    from improvement_desk.services.minutes import MinutesService
    from improvement_desk.services.minutes_pdf import MinutesPdfService
    from improvement_desk.services.pack import PackService
    from improvement_desk.services.pack_content import PackContentReader
    from improvement_desk.services.pack_template import PackTemplateService
    from improvement_desk.services.papers import PaperService
    from improvement_desk.services.plan_closure import PlanClosureService
    from improvement_desk.services.plan_export import PlanExportService
    from improvement_desk.services.plan_import import PlanImportService
    from improvement_desk.services.risk_export import RiskExportService
    from improvement_desk.services.risk_import import RiskImportService
    from improvement_desk.services.scorecard_export import ScorecardExportService
    from improvement_desk.services.scorecard_import import ScorecardImportService
    from improvement_desk.services.scorecard_reader import ScorecardReader

log = logging.getLogger(__name__)


@dataclass
class Desk:
    opened: OpenedBoard
    ctx: ServiceContext
    board: BoardService
    people: PeopleService
    plan: PlanReader
    recommendations: RecommendationService
    actions: ActionService
    history: ActionHistoryService
    audit: AuditReader
    register: RiskReader
    risks: RiskService
    risk_reviews: RiskReviewService
    risk_settings: RiskSettingsService

    # The Excel services load openpyxl (a tenth of a second): built on first use, not at open.
    @cached_property
    def exports(self) -> PlanExportService:
        from improvement_desk.services.plan_export import PlanExportService

        return PlanExportService(self.ctx)

    @cached_property
    def imports(self) -> PlanImportService:
        from improvement_desk.services.plan_import import PlanImportService

        return PlanImportService(self.ctx)

    @cached_property
    def risk_exports(self) -> RiskExportService:
        from improvement_desk.services.risk_export import RiskExportService

        return RiskExportService(self.ctx)

    @cached_property
    def risk_imports(self) -> RiskImportService:
        from improvement_desk.services.risk_import import RiskImportService

        return RiskImportService(self.ctx)

    # Meetings, minutes and the action log: built on first use, like the Excel services.
    @cached_property
    def members(self) -> BoardMemberService:
        from improvement_desk.services.board_members import BoardMemberService

        return BoardMemberService(self.ctx)

    @cached_property
    def meeting_settings(self) -> MeetingSettingsService:
        from improvement_desk.services.meeting_settings import MeetingSettingsService

        return MeetingSettingsService(self.ctx)

    @cached_property
    def meeting_reader(self) -> MeetingReader:
        from improvement_desk.services.meeting_reader import MeetingReader

        return MeetingReader(self.ctx)

    @cached_property
    def meetings(self) -> MeetingService:
        from improvement_desk.services.meetings import MeetingService

        return MeetingService(self.ctx)

    @cached_property
    def agenda(self) -> AgendaService:
        from improvement_desk.services.agenda import AgendaService

        return AgendaService(self.ctx)

    @cached_property
    def papers(self) -> PaperService:
        from improvement_desk.services.papers import PaperService

        return PaperService(self.ctx)

    @cached_property
    def attendance(self) -> AttendanceService:
        from improvement_desk.services.attendance import AttendanceService

        return AttendanceService(self.ctx)

    @cached_property
    def minutes(self) -> MinutesService:
        from improvement_desk.services.minutes import MinutesService

        return MinutesService(self.ctx)

    @cached_property
    def log(self) -> ActionLogReader:
        from improvement_desk.services.log_reader import ActionLogReader

        return ActionLogReader(self.ctx)

    @cached_property
    def action_log(self) -> ActionLogService:
        from improvement_desk.services.action_log import ActionLogService

        return ActionLogService(self.ctx)

    @cached_property
    def log_exports(self) -> ActionLogExportService:
        from improvement_desk.services.log_export import ActionLogExportService

        return ActionLogExportService(self.ctx)

    @cached_property
    def log_imports(self) -> ActionLogImportService:
        from improvement_desk.services.log_import import ActionLogImportService

        return ActionLogImportService(self.ctx)

    @cached_property
    def minutes_pdf(self) -> MinutesPdfService:
        from improvement_desk.services.minutes_pdf import MinutesPdfService

        return MinutesPdfService(self.ctx)

    @cached_property
    def plan_closure(self) -> PlanClosureService:
        """Links a Blue plan action to the minuted decision that agreed its closure."""
        from improvement_desk.services.plan_closure import PlanClosureService

        return PlanClosureService(self.ctx)

    @cached_property
    def pack_content(self) -> PackContentReader:
        """Gathers what a board pack prints (the pack service builds from it)."""
        from improvement_desk.services.pack_content import PackContentReader

        return PackContentReader(self.ctx)

    @cached_property
    def pack(self) -> PackService:
        """Builds a meeting's board pack (full or public), issues it and reopens issued ones."""
        from improvement_desk.services.pack import PackService

        return PackService(self.ctx)

    @cached_property
    def pack_template(self) -> PackTemplateService:
        """The board's pack template: sections, their order, accent colour and logo."""
        from improvement_desk.services.pack_template import PackTemplateService

        return PackTemplateService(self.ctx)

    # The performance scorecard.
    @cached_property
    def indicators(self) -> IndicatorService:
        from improvement_desk.services.indicators import IndicatorService

        return IndicatorService(self.ctx)

    @cached_property
    def figures(self) -> FigureService:
        from improvement_desk.services.figures import FigureService

        return FigureService(self.ctx)

    @cached_property
    def scorecard(self) -> ScorecardReader:
        from improvement_desk.services.scorecard_reader import ScorecardReader

        return ScorecardReader(self.ctx)

    @cached_property
    def scorecard_exports(self) -> ScorecardExportService:
        from improvement_desk.services.scorecard_export import ScorecardExportService

        return ScorecardExportService(self.ctx)

    @cached_property
    def scorecard_imports(self) -> ScorecardImportService:
        from improvement_desk.services.scorecard_import import ScorecardImportService

        return ScorecardImportService(self.ctx)

    @cached_property
    def board_settings(self) -> BoardSettingsService:
        """Every board setting, declared once in domain/settings.py, saved in one audit."""
        from improvement_desk.services.board_settings import BoardSettingsService

        return BoardSettingsService(self.ctx)

    @cached_property
    def dashboard(self) -> DashboardReader:
        """The home page's figures, each matching the filtered list it opens."""
        from improvement_desk.services.dashboard import DashboardReader

        return DashboardReader(self.ctx)

    @property
    def location(self) -> str:
        return self.opened.database.location

    @property
    def read_only(self) -> bool:
        return self.opened.read_only

    @property
    def notice(self) -> str | None:
        """Why a board asked for writing was opened read-only (a network drive), to show."""
        return self.opened.notice

    def info(self) -> BoardRecord:
        return self.board.load()

    def close(self) -> None:
        log.info("closed board %s", self.location)
        self.opened.close()


def open_desk(
    location: str | Path,
    actor: Actor,
    *,
    read_only: bool = False,
    create: bool = False,
    board_name: str = DEFAULT_BOARD_NAME,
    today: Today = system_today,
    now: Now = utc_now,
    take_lock: bool = True,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    exclusive: bool = False,
) -> Desk:
    """`exclusive`: hold the file alone, others locked out (how a board on a network drive is
    opened for writing); without it such a board opens read-only, saying why (`notice`)."""
    opened = open_board(
        location,
        read_only=read_only,
        create=create,
        take_lock=take_lock,
        busy_timeout_ms=busy_timeout_ms,
        exclusive=exclusive,
    )
    try:
        ctx = ServiceContext(opened.database, actor, clock_today=today, now=now)
        desk = Desk(
            opened=opened,
            ctx=ctx,
            board=BoardService(ctx),
            people=PeopleService(ctx),
            plan=PlanReader(ctx),
            recommendations=RecommendationService(ctx),
            actions=ActionService(ctx),
            history=ActionHistoryService(ctx),
            audit=AuditReader(ctx),
            register=RiskReader(ctx),
            risks=RiskService(ctx),
            risk_reviews=RiskReviewService(ctx),
            risk_settings=RiskSettingsService(ctx),
        )
        if opened.created:
            desk.board.initialise(board_name)
        else:
            desk.board.load()
        log.info(
            "opened board %s%s%s",
            opened.database.location,
            " (read-only)" if opened.read_only else "",
            f" (upgraded from schema {opened.upgraded_from})" if opened.upgraded_from else "",
        )
    except BaseException:
        opened.close()
        raise
    return desk


def network_reason(location: str | Path) -> str | None:
    """Why a board file is on a network drive (None: local, or a server URL), so the app
    can ask how to open it before it does."""
    if isinstance(location, str) and is_url(location):
        return None
    return is_network_path(Path(location).expanduser())
