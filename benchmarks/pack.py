"""The board pack of a large board: ~200 actions, 50 risks, 12 indicators, ~100 pages of papers.

The board is the demo plus synthetic actions, risks and indicators, all written by the demo
loader in its one transaction (which checks every risk and figure against the domain's rules),
then ten ten-page papers attached to the latest held meeting's items. Only the build of that
meeting's full pack is timed: the median of three runs. When LibreOffice is on PATH the plan
is exported to xlsx and its `soffice --headless --convert-to pdf` timed as a reference.
Aim: the pack in under 5 s.
"""

from __future__ import annotations

import io
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

N_ACTIONS = 200
N_RISKS = 50
N_INDICATORS = 12
N_PAPERS = 10
PAPER_PAGES = 10
RUNS = 3
TARGET_SECONDS = 5.0


def _paper(number: int) -> bytes:
    """A multi-page A4 PDF with a heading and a page of text on each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for page in range(1, PAPER_PAGES + 1):
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(72, 770, f"Benchmark paper {number}, page {page}")
        canvas.setFont("Helvetica", 10)
        for line in range(50):
            canvas.drawString(
                72, 740 - line * 13, f"Line {line + 1} of the paper's body text. " * 2
            )
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _risks() -> list[Any]:
    from improvement_desk.services.demo_risk_content import RISKS

    extra = [
        replace(RISKS[k % len(RISKS)], reference=f"SR{k + 1}", title=f"Synthetic risk {k + 1}")
        for k in range(N_RISKS - len(RISKS))
    ]
    return [*RISKS, *extra]


def _indicators() -> list[Any]:
    from improvement_desk.services.demo_scorecard_content import INDICATORS

    full = [i for i in INDICATORS if all(v is not None for v in i.values)]
    extra = []
    for k in range(N_INDICATORS - len(INDICATORS)):
        template = full[k % len(full)]
        draft = replace(template.draft, reference=f"SPI{k + 1}", name=f"Synthetic {k + 1}")
        extra.append(replace(template, draft=draft))
    return [*INDICATORS, *extra]


def _build_board(path: Path, papers: Path) -> tuple[Any, int]:
    """The large board, open, and the id of its latest held meeting (now with the papers)."""
    from improvement_desk.runtime.identity import Actor
    from improvement_desk.services import demo_content as content
    from improvement_desk.services.demo import load_plan, synthetic_recommendations
    from improvement_desk.services.desk import open_desk

    desk = open_desk(path, Actor("Benchmark", "bench"), create=True, now=lambda: datetime.now(UTC))
    base = sum(len(r.actions) for r in content.RECOMMENDATIONS)
    load_plan(
        desk.ctx,
        people=content.PEOPLE,
        recommendations=[
            *content.RECOMMENDATIONS,
            *synthetic_recommendations(N_ACTIONS - base),
        ],
        board_name=content.BOARD_NAME,
        as_at=content.AS_AT,
        risks=_risks(),
        scorecard=_indicators(),
    )
    meeting_id = desk.meeting_reader.latest_id(held_only=True)
    if meeting_id is None:
        raise RuntimeError("the demo board has no held meeting")
    items = desk.meeting_reader.meeting(meeting_id).items
    for n in range(N_PAPERS):
        file = papers / f"paper-{n + 1}.pdf"
        file.write_bytes(_paper(n + 1))
        desk.papers.attach(items[n % len(items)].id, file, title=f"Benchmark paper {n + 1}")
    return desk, meeting_id


def _counts(desk: Any, meeting_id: int) -> dict[str, int]:
    """What the board holds, counted in the database rather than assumed."""
    from sqlalchemy import func, select

    from improvement_desk.db.models.meeting import AgendaItem, Paper
    from improvement_desk.db.models.plan import Action
    from improvement_desk.db.models.risk import Risk
    from improvement_desk.db.models.scorecard import Indicator

    with desk.ctx.db.reading() as session:
        return {
            "actions": session.scalar(select(func.count(Action.id))) or 0,
            "risks": session.scalar(select(func.count(Risk.id))) or 0,
            "indicators": session.scalar(select(func.count(Indicator.id))) or 0,
            "meeting_paper_pages": session.scalar(
                select(func.sum(Paper.page_count))
                .join(AgendaItem, Paper.agenda_item_id == AgendaItem.id)
                .where(AgendaItem.meeting_id == meeting_id)
            )
            or 0,
        }


def _soffice(desk: Any, folder: Path) -> tuple[float | None, str]:
    """Seconds LibreOffice takes to turn the exported plan into a PDF, or None and why not."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None, "soffice is not on PATH; no LibreOffice reference"
    workbook = folder / "plan.xlsx"
    desk.exports.export(workbook, board_name=desk.info().name)
    profile = (folder / "lo-profile").as_uri()
    start = time.perf_counter()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return time.perf_counter() - start, "soffice --headless --convert-to pdf of the plan's xlsx"


def run() -> dict[str, Any]:
    from improvement_desk.services.pack import PackService

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        desk, meeting_id = _build_board(folder / "board.db", folder)
        try:
            counts = _counts(desk, meeting_id)
            times = []
            pages = 0
            for k in range(RUNS):
                start = time.perf_counter()
                report = PackService(desk.ctx).build(
                    meeting_id, folder / f"pack-{k}.pdf", public=False
                )
                times.append(time.perf_counter() - start)
                pages = report.pages
            soffice_s, soffice_note = _soffice(desk, folder)
        finally:
            desk.close()
    seconds = statistics.median(times)
    return {
        "figure": "board_pack_large_board",
        **counts,
        "pages": pages,
        "seconds": round(seconds, 3),
        "runs_s": [round(t, 3) for t in times],
        "pages_per_second": round(pages / seconds, 1),
        "soffice_xlsx_to_pdf_s": None if soffice_s is None else round(soffice_s, 3),
        "soffice_note": soffice_note,
        "target_seconds_max": TARGET_SECONDS,
        "meets_target": seconds < TARGET_SECONDS,
    }
