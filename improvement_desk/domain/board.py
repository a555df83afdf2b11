"""Facts about the board itself that every layer may need."""

from __future__ import annotations

DEFAULT_BOARD_NAME = "Children's Services Improvement Board"
