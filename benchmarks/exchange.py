"""Export and import of a 5,000-action plan, beside openpyxl's own load of the same file.

All in one process and one run: the openpyxl load is the reference the ratios
are taken against. Import is measured twice: the preview (guard, read, match)
and the preview plus applying every row as new into an empty board.
Aims: import at most 1.5x openpyxl's load; export and import each under 5 s.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

N_ACTIONS = 5_000
TARGET_RATIO = 1.5
TARGET_SECONDS = 5.0


def _timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def run() -> dict[str, Any]:
    import openpyxl

    from improvement_desk.runtime.identity import Actor
    from improvement_desk.services import demo_content
    from improvement_desk.services.demo import load_demo
    from improvement_desk.services.desk import open_desk

    actor = Actor("Benchmark", "bench")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = open_desk(root / "source.db", actor, create=True, now=lambda: datetime.now(UTC))
        base = sum(len(r.actions) for r in demo_content.RECOMMENDATIONS)
        load_demo(source.ctx, extra_actions=N_ACTIONS - base)
        workbook = root / "plan.xlsx"
        export_s, _ = _timed(lambda: source.exports.export(workbook, board_name=source.info().name))
        source.close()
        load_s, _ = _timed(lambda: openpyxl.load_workbook(workbook, data_only=True).close())
        target = open_desk(root / "target.db", actor, create=True, now=lambda: datetime.now(UTC))
        preview_s, preview = _timed(lambda: target.imports.preview(workbook))
        apply_s, result = _timed(lambda: target.imports.apply(preview))
        target.close()
    import_s = preview_s + apply_s
    return {
        "figure": "excel_exchange_5000_actions",
        "actions": result.added,
        "openpyxl_load_s": round(load_s, 3),
        "export_s": round(export_s, 3),
        "import_preview_s": round(preview_s, 3),
        "import_apply_s": round(apply_s, 3),
        "import_total_s": round(import_s, 3),
        "preview_vs_openpyxl_load": round(preview_s / load_s, 2),
        "import_vs_openpyxl_load": round(import_s / load_s, 2),
        "export_vs_openpyxl_load": round(export_s / load_s, 2),
        "target_import_ratio_max": TARGET_RATIO,
        "target_seconds_max": TARGET_SECONDS,
        "meets_target": import_s / load_s <= TARGET_RATIO
        and import_s < TARGET_SECONDS
        and export_s < TARGET_SECONDS,
    }
