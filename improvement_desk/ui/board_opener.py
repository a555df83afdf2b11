"""Opening a board from the GUI: the refusals become questions or messages, never crashes.

A board held by another copy, or a read-only file, can still be opened
read-only if the user agrees; anything else is explained and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from improvement_desk.domain.board import DEFAULT_BOARD_NAME
from improvement_desk.domain.errors import BoardFileRejected, DeskError
from improvement_desk.runtime.clock import Today, system_today
from improvement_desk.runtime.identity import Actor

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk
from improvement_desk.ui.messages import Messenger

Opened = Callable[["Desk"], None]
Failed = Callable[[], None]


class BoardOpener:
    def __init__(self, actor: Actor, messenger: Messenger, *, today: Today = system_today) -> None:
        self.actor = actor
        self.messenger = messenger
        self.today = today

    def open(
        self,
        parent: QWidget | None,
        location: str | Path,
        on_opened: Opened,
        *,
        create: bool = False,
        read_only: bool = False,
        board_name: str | None = None,
        on_failed: Failed | None = None,
    ) -> None:
        from improvement_desk.services.desk import open_desk  # loads the database layer

        failed = on_failed or (lambda: None)
        try:
            desk = open_desk(
                location,
                self.actor,
                create=create,
                read_only=read_only,
                today=self.today,
                board_name=board_name or DEFAULT_BOARD_NAME,
            )
        except BoardFileRejected as exc:
            if exc.can_open_read_only and not read_only:
                self.messenger.confirm(
                    parent,
                    "Open read-only?",
                    f"{exc}\n\nYou can open it read-only: you will see everything but change nothing.",
                    lambda: self.open(
                        parent, location, on_opened, read_only=True, on_failed=failed
                    ),
                    yes="Open read-only",
                    on_no=failed,
                )
                return
            self.messenger.error(parent, "Cannot open this board", str(exc))
            failed()
        except DeskError as exc:
            self.messenger.problem(parent, "Cannot open this board", exc)
            failed()
        else:
            on_opened(desk)
