"""Who is making a change: the name they gave the app and their OS login.

Both go into the audit trail, because several officers may share one
Windows account on a meeting-room laptop (RELIABILITY GOV-4).
"""

from __future__ import annotations

import getpass
import os
import socket
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    os_login: str

    @property
    def display(self) -> str:
        return self.name if self.name == self.os_login else f"{self.name} ({self.os_login})"


def os_login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers and services
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"


def current_actor(name: str | None = None) -> Actor:
    login = os_login()
    return Actor(name=(name or "").strip() or login, os_login=login)


def host_name() -> str:
    return socket.gethostname() or "unknown-host"
