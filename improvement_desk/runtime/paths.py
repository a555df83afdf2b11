"""The app's folders, resolved once and passed down (never looked up globally).

`IMPROVEMENT_DESK_HOME` puts everything under one folder: tests and the
benchmarks use it so they never touch the user's real data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from improvement_desk import APP_ID


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    config_dir: Path

    @property
    def default_board(self) -> Path:
        return self.data_dir / "board.db"

    @property
    def demo_board(self) -> Path:
        return self.data_dir / "demo-board.db"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "improvement-desk.log"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.log_dir, self.config_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve_paths(env: dict[str, str] | None = None) -> AppPaths:
    env = dict(os.environ) if env is None else env
    home = env.get("IMPROVEMENT_DESK_HOME")
    if home:
        root = Path(home).expanduser()
        return AppPaths(root / "data", root / "logs", root / "config")
    return AppPaths(
        Path(platformdirs.user_data_dir(APP_ID, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_ID, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_ID, appauthor=False)),
    )
