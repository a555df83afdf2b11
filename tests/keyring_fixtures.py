"""A system keyring for tests: passwords in a dict, never on the machine's real keyring."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict; `broken` makes every call raise."""

    priority = 1  # type: ignore[assignment]
    # Out of keyring's own discovery, which would otherwise pick this class as the machine's
    # keyring for the rest of the session; `set_keyring` installs it explicitly.
    viable = False  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}
        self.broken = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.broken:
            raise KeyringLocked(f"locked while reading {service}")
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.broken:
            raise KeyringLocked("locked")
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.saved:
            raise PasswordDeleteError("not there")
        del self.saved[(service, username)]
