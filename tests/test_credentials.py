"""The board server's password in the system keyring: kept, read, forgotten, or not at all.

A fake backend (installed with `keyring.set_keyring`, as a real one would be)
stands in for Windows Credential Manager or the Keychain; `keyring`'s own
fail and null backends stand in for a machine with no keyring at all.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring_fixtures import MemoryKeyring

from improvement_desk.runtime.credentials import SERVICE, PasswordStore

ACCOUNT = "officer@boards.council.local:5432/improvement"
SECRET = "Zq7-correct horse"


@pytest.fixture
def installed() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    fake = MemoryKeyring()
    keyring.set_keyring(fake)
    yield fake
    keyring.set_keyring(before)


def test_a_password_is_kept_read_and_forgotten_through_the_system_keyring(
    installed: MemoryKeyring,
) -> None:
    store = PasswordStore()
    assert store.status().available
    assert store.get(ACCOUNT) is None
    assert store.save(ACCOUNT, SECRET) is None
    assert installed.saved == {(SERVICE, ACCOUNT): SECRET}
    assert store.get(ACCOUNT) == SECRET
    assert store.get("someone@else:5432/board") is None
    store.forget(ACCOUNT)
    assert installed.saved == {}
    store.forget(ACCOUNT)  # nothing kept is not an error


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_no_usable_keyring_says_why_and_keeps_nothing(backend: KeyringBackend) -> None:
    store = PasswordStore(backend)
    status = store.status()
    assert not status.available
    assert "no system keyring on this computer" in status.reason
    assert store.get(ACCOUNT) is None
    assert store.save(ACCOUNT, SECRET) == (f"The password was not remembered: {status.reason}.")
    store.forget(ACCOUNT)


def test_this_machine_without_a_keyring_backend_is_unavailable_not_an_error() -> None:
    """CI and headless Linux: keyring's own choice is its fail backend."""
    chosen = keyring.get_keyring()
    if float(chosen.priority) > 0:
        pytest.skip(f"this machine has a keyring ({type(chosen).__name__})")
    with pytest.raises(Exception):  # noqa: B017, PT011 - what keyring itself does here
        keyring.get_password(SERVICE, ACCOUNT)
    assert PasswordStore().get(ACCOUNT) is None
    assert not PasswordStore().status().available


def test_a_locked_keyring_is_reported_by_type_never_by_its_message(
    installed: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    store = PasswordStore()
    assert store.save(ACCOUNT, SECRET) is None
    installed.broken = True
    caplog.set_level("DEBUG", logger="improvement_desk")
    assert store.get(ACCOUNT) is None
    assert store.save(ACCOUNT, "another-Zq7") == (
        "The password was not remembered: the system keyring refused to keep it."
    )
    assert "KeyringLocked" in caplog.text
    assert "locked while reading" not in caplog.text
    assert SECRET not in caplog.text
    assert "another-Zq7" not in caplog.text


def test_a_backend_that_fails_to_load_is_unavailable() -> None:
    class Exploding(MemoryKeyring):
        @property
        def priority(self) -> float:  # type: ignore[override]
            raise RuntimeError("no D-Bus")

    store = PasswordStore(Exploding())
    assert store.status().reason == "the system keyring could not be loaded"
    assert store.get(ACCOUNT) is None
