"""GUI fixtures: every test here needs the offscreen QApplication that pytest-qt provides."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from improvement_desk.domain.errors import DeskError
from improvement_desk.services.demo import load_demo
from improvement_desk.services.desk import Desk
from improvement_desk.ui.messages import Messenger


class RecordingMessenger(Messenger):
    """Answers every question as told and remembers every message, so no box ever blocks."""

    def __init__(self, answer_yes: bool = True) -> None:
        super().__init__()
        self.answer_yes = answer_yes
        self.messages: list[tuple[str, str, str]] = []

    def error(self, parent: object, title: str, text: str) -> None:  # type: ignore[override]
        self.messages.append(("error", title, text))

    def info(self, parent: object, title: str, text: str) -> None:  # type: ignore[override]
        self.messages.append(("info", title, text))

    def problem(self, parent: object, title: str, exc: DeskError) -> None:  # type: ignore[override]
        self.messages.append(("error", title, str(exc)))

    def confirm(  # type: ignore[override]
        self,
        parent: object,
        title: str,
        text: str,
        on_yes: Callable[[], None],
        *,
        yes: str = "OK",
        on_no: Callable[[], None] | None = None,
    ) -> None:
        self.messages.append(("confirm", title, text))
        if self.answer_yes:
            on_yes()
        elif on_no is not None:
            on_no()


@pytest.fixture
def messenger() -> RecordingMessenger:
    return RecordingMessenger()


@pytest.fixture
def demo_desk(desk: Desk) -> Desk:
    load_demo(desk.ctx)
    return desk


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[QSettings]:
    store = QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat)
    yield store
    store.sync()
