"""The board server's password in the system keyring, or nowhere.

A password is never written to the app's settings, log or messages: it is
kept by the operating system's keyring (Windows Credential Manager, macOS
Keychain, the Secret Service on a Linux desktop), or typed each time.

A machine may have no usable keyring (CI, a headless Linux box, a locked or
broken Secret Service). `keyring` then picks its "fail" backend, whose every
call raises, or the "null" one, which forgets silently. Both count as
unavailable here, with a sentence saying why, so the Connect dialog can grey
out "Remember password" and explain it instead of pretending to remember.
Every keyring error is caught and logged by its type only: the backends'
messages are not ours to vouch for.

`keyring` is imported on first use: loading its backends costs start-up time
that a board on a laptop never needs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "Improvement Desk board server"


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    available: bool
    reason: str = ""  # why not, for the user, when unavailable


class PasswordStore:
    """Passwords by account ("user@host:port/database"); `backend` for tests, else keyring's."""

    def __init__(self, backend: KeyringBackend | None = None, *, service: str = SERVICE) -> None:
        self._backend = backend
        self.service = service

    def backend(self) -> KeyringBackend:
        if self._backend is not None:
            return self._backend
        import keyring

        return keyring.get_keyring()

    def status(self) -> KeyringStatus:
        try:
            backend = self.backend()
            priority = float(backend.priority)
        except Exception as exc:  # a backend that fails even to load
            log.warning("system keyring unusable: %s", type(exc).__name__)
            return KeyringStatus(False, "the system keyring could not be loaded")
        if priority <= 0:
            return KeyringStatus(
                False,
                "there is no system keyring on this computer (common on servers and "
                "headless Linux). It is asked for each time",
            )
        return KeyringStatus(True)

    def get(self, account: str) -> str | None:
        """The remembered password, or None (none kept, or no usable keyring)."""
        if not self.status().available:
            return None
        try:
            return self.backend().get_password(self.service, account)
        except Exception as exc:  # locked, refused, or the backend broke
            log.warning("could not read the board server password: %s", type(exc).__name__)
            return None

    def save(self, account: str, password: str) -> str | None:
        """Remembers the password; returns why it could not, or None when it did."""
        status = self.status()
        if not status.available:
            return f"The password was not remembered: {status.reason}."
        try:
            self.backend().set_password(self.service, account, password)
        except Exception as exc:
            log.warning("could not remember the board server password: %s", type(exc).__name__)
            return "The password was not remembered: the system keyring refused to keep it."
        log.info("board server password remembered in the system keyring")
        return None

    def forget(self, account: str) -> None:
        """Removes any remembered password; nothing kept is not an error."""
        if not self.status().available:
            return
        try:
            self.backend().delete_password(self.service, account)
        except Exception as exc:  # PasswordDeleteError when there was none
            log.debug("no board server password forgotten: %s", type(exc).__name__)
