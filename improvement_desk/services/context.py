"""What every service needs: the database, who is acting, and the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from improvement_desk.db.database import Database
from improvement_desk.domain.errors import StorageError
from improvement_desk.runtime.clock import Now, Today, system_today, utc_now
from improvement_desk.runtime.identity import Actor


@dataclass
class ServiceContext:
    db: Database
    actor: Actor
    clock_today: Today = system_today
    now: Now = utc_now
    # A demo or training board is viewed "as at" a fixed date (BoardInfo.as_at_date).
    as_at: date | None = field(default=None)

    def today(self) -> date:
        return self.as_at or self.clock_today()

    def require_writable(self) -> None:
        if self.db.read_only:
            raise StorageError("This board is open read-only; changes cannot be saved.")
