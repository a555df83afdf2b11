"""The board's settings that have no table of their own: one row per setting, by key.

The declaration (domain/settings.py) says which settings live here and their
defaults; a key with no row has its default. Each row carries a version so two
officers changing the same setting at once cannot overwrite each other unseen.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from improvement_desk.db.models.base import Base


class BoardSetting(Base):
    __tablename__ = "board_setting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
