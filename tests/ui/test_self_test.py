"""`improvement-desk --self-test OUT.pdf`, the check packaging/smoke.sh runs on the bundle,
run here in-process: it must pass on a working build and fail loudly (exit 1, reason on
stderr) when the pack cannot be built or nothing happens in time."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from improvement_desk import app
from improvement_desk.domain.errors import StorageError
from improvement_desk.runtime.paths import resolve_paths
from improvement_desk.services.desk import Desk
from improvement_desk.services.pack import PackService
from improvement_desk.ui.self_test import SelfTest, run_self_test

pytestmark = [pytest.mark.gui, pytest.mark.slow, pytest.mark.usefixtures("qapp")]


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """`app.main` configures the package logger; put it back as it was."""
    logger = logging.getLogger("improvement_desk")
    handlers, level = list(logger.handlers), logger.level
    yield
    for handler in [h for h in logger.handlers if h not in handlers]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(level)


def self_test_folders() -> set[str]:
    import tempfile

    root = Path(tempfile.gettempdir())
    return {p.name for p in root.glob("improvement-desk-self-test-*")}


@pytest.mark.usefixtures("restore_logging")
def test_self_test_builds_the_latest_pack_through_the_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = self_test_folders()
    out = tmp_path / "packs" / "smoke.pdf"
    assert app.main(["--self-test", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"self-test passed: {out} (")
    assert captured.err == ""
    pages = len(PdfReader(str(out)).pages)
    assert pages > 1
    assert f"({pages} pages)" in captured.out
    for shot in (out.with_suffix(".png"), out.with_name("smoke-dialog.png")):
        image = QImage(str(shot))  # the window and the Board pack dialog, as drawn
        assert image.width() > 400
        assert image.height() > 200
    # The demo board lived in a temporary folder, now gone; the user's own settings and
    # boards were never touched.
    assert self_test_folders() == before
    paths = resolve_paths()
    assert str(paths.data_dir).startswith(os.environ["IMPROVEMENT_DESK_HOME"])
    assert not paths.demo_board.exists()
    assert not (paths.config_dir / "preferences.ini").exists()
    log_text = paths.log_file.read_text(encoding="utf-8")
    assert "self-test: board opened" in log_text
    assert "answered No to: Board pack saved" in log_text


def test_a_failed_build_fails_the_self_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> object:
        raise StorageError("the disk is full")

    monkeypatch.setattr(PackService, "build", refuse)
    out = tmp_path / "smoke.pdf"
    assert run_self_test(out, resolve_paths().ensure()) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "self-test FAILED" in captured.err
    assert "the disk is full" in captured.err
    assert not out.exists()


def test_the_watchdog_fails_a_self_test_that_stalls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def stall(test: SelfTest, desk: Desk) -> None:
        assert test.window is not None
        test.window.install_desk(desk)  # opened, but no pack is ever asked for

    monkeypatch.setattr(SelfTest, "_opened", stall)
    assert run_self_test(tmp_path / "smoke.pdf", resolve_paths().ensure(), timeout_s=1.0) == 1
    assert "no result after 1 s (watchdog)" in capsys.readouterr().err


def test_the_option_is_hidden_from_help() -> None:
    parser = app.build_parser()
    assert "--self-test" not in parser.format_help()
    assert parser.parse_args(["--self-test", "x.pdf"]).self_test == Path("x.pdf")
