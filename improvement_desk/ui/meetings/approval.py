"""Approve minutes… and Record amendment…: the page's two irreversible commands.

Neither goes on the undo stack: approval locks the earlier meeting's minutes
in the database, and an amendment is insert-only. Each is therefore chosen in
a dialog, then confirmed in words that say it cannot be undone; a refusal by
the service (the meeting has not been held, say) is shown in the dialog,
which stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from improvement_desk.domain.errors import DeskError, ValidationError
from improvement_desk.domain.meeting import StandingItem
from improvement_desk.services.meeting_records import MeetingRecord, MeetingSummary
from improvement_desk.ui.forms import FormDialog
from improvement_desk.ui.meetings.minutes_dialogs import (
    AmendmentChoice,
    AmendmentDialog,
    ApproveMinutesDialog,
    approval_candidates,
)
from improvement_desk.ui.messages import Messenger

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

Reload = Callable[[int | None, int | None], None]


class MinutesEditor:
    def __init__(self, parent: QWidget, desk: Desk, messenger: Messenger, reload: Reload) -> None:
        self._parent = parent
        self._desk = desk
        self._messenger = messenger
        self._reload = reload
        self.dialog: FormDialog | None = None

    def _show(self, dialog: FormDialog, on_submit: Callable[[object], None]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(on_submit)
        dialog.finished.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _run(self, dialog: FormDialog, title: str, step: Callable[[], object]) -> bool:
        try:
            step()
        except ValidationError as exc:
            dialog.show_problems(exc.problems)
            return False
        except DeskError as exc:
            self._messenger.problem(dialog, title, exc)
            dialog.reject()
            self._reload(None, None)
            return False
        dialog.accept()
        return True

    # -- approval ------------------------------------------------------------------------------

    def approve(self, meeting: MeetingRecord, meetings: Sequence[MeetingSummary]) -> None:
        """Approve, at this meeting, the minutes of an earlier one."""
        here = meeting.summary
        item = next((i for i in meeting.items if i.standing is StandingItem.PREVIOUS_MINUTES), None)
        if item is None:
            self._messenger.info(
                self._parent, "No item to approve minutes at",
                f"The agenda of {here.label} has no “Minutes of the last meeting” item. "
                "Add the standing items first (Meetings ▸ Add standing items).",
            )  # fmt: skip
            return
        candidates = approval_candidates(here, meetings)
        if not candidates:
            self._messenger.info(
                self._parent, "No minutes await approval",
                f"No meeting before {here.label} has been held with its minutes still to "
                "approve. Set an earlier meeting to held or minutes drafted first.",
            )  # fmt: skip
            return
        dialog = ApproveMinutesDialog(self._parent, meeting=here, item=item, candidates=candidates)
        by_id = {m.id: m for m in candidates}

        def chosen(value: object) -> None:
            assert isinstance(value, int)
            earlier = by_id[value]

            def go() -> None:
                def step() -> object:
                    return self._desk.minutes.approve(
                        earlier.id, at_item_id=item.id, expected_version=earlier.version
                    )

                if self._run(dialog, f"The minutes of {earlier.label} were not approved", step):
                    self._reload(here.id, item.id)

            self._messenger.confirm(
                dialog, "Approve minutes",
                f"Approve the minutes of {earlier.label} as a correct record, at item "
                f"{item.number} of {here.label}?\n\nThis cannot be undone: the minutes of "
                f"{earlier.label} will be locked, and any later correction recorded as an "
                "amendment.", go, yes="Approve",
            )  # fmt: skip

        self._show(dialog, chosen)

    # -- amendments ----------------------------------------------------------------------------

    def amend(self, meeting: MeetingRecord, meetings: Sequence[MeetingSummary]) -> None:
        """Record a dated correction to approved minutes."""
        here = meeting.summary
        later = sorted(
            (m for m in meetings if m.meeting_date > here.meeting_date),
            key=lambda m: (m.meeting_date, m.id),
        )
        dialog = AmendmentDialog(
            self._parent, meeting=meeting, later=later, today=self._desk.ctx.today()
        )

        def chosen(value: object) -> None:
            assert isinstance(value, AmendmentChoice)

            def go() -> None:
                def step() -> object:
                    return self._desk.minutes.amend(
                        here.id, value.text, item_id=value.item_id,
                        agreed_at_meeting_id=value.agreed_at_meeting_id,
                        amended_on=value.amended_on,
                    )  # fmt: skip

                if self._run(dialog, "The amendment was not recorded", step):
                    self._reload(here.id, None)

            self._messenger.confirm(
                dialog, "Record amendment",
                f"Record this amendment to the minutes of {here.label}? Once recorded it stays "
                "with the minutes and cannot be removed.", go, yes="Record",
            )  # fmt: skip

        self._show(dialog, chosen)
