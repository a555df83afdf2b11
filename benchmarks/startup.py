"""Start-up to the main window shown, with a 500-action board, against a bare PySide6 window.

Both are started as fresh processes the same way, alternately, so machine noise hits both;
the figure is the ratio of medians. Target: at most 2x.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROUNDS = 7
TARGET_RATIO = 2.0

BARE_WINDOW = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1440, 860)
window.show()
print("shown", flush=True)
QTimer.singleShot(0, window.close)
app.exec()
"""


def _time_until_shown(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("shown"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{command} never showed its window")
    process.wait(timeout=60)
    return elapsed


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "IMPROVEMENT_DESK_HOME": str(root / "home")}
        board = root / "board500.db"
        extra = 500 - _demo_size()
        subprocess.run(
            [sys.executable, "-m", "improvement_desk", "demo", "--db", str(board), "--actions", str(extra)],
            check=True, env=env, capture_output=True,
        )  # fmt: skip
        app = [sys.executable, "-m", "improvement_desk", "--db", str(board), "--quit-after-show"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        _time_until_shown(app, env)  # warm the page cache for both
        _time_until_shown(bare, env)
        app_times, bare_times = [], []
        for _ in range(ROUNDS):
            bare_times.append(_time_until_shown(bare, env))
            app_times.append(_time_until_shown(app, env))
    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    ratio = app_median / bare_median
    return {
        "figure": "startup_500_actions_vs_bare_window",
        "app_median_s": round(app_median, 3),
        "bare_window_median_s": round(bare_median, 3),
        "ratio": round(ratio, 2),
        "target_ratio_max": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
        "rounds": ROUNDS,
    }


def _demo_size() -> int:
    from improvement_desk.services import demo_content

    return sum(len(r.actions) for r in demo_content.RECOMMENDATIONS)
