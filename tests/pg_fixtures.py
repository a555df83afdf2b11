"""Running a test on SQLite and, when a PostgreSQL server is named, on PostgreSQL too.

IMPROVEMENT_DESK_TEST_PG_URL names a database the tests may empty (a throwaway
cluster, see ../shared/ENVIRONMENT.md); without it the PostgreSQL variants
skip with that reason. `raw` runs one statement on its own connection, as a
script or a DB browser would, outside the app's sessions.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

PG_URL = "IMPROVEMENT_DESK_TEST_PG_URL"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
Raw = Callable[[str], None]


def pg_url_or_skip() -> str:
    url = os.environ.get(PG_URL)
    if not url:
        pytest.skip(f"{PG_URL} is not set")
    return url


def sqlite_raw(path: Path) -> Raw:
    def run(sql: str) -> None:
        conn = sqlite3.connect(path)
        try:
            conn.execute(sql)
            conn.commit()
        finally:
            conn.close()

    return run


def pg_raw(url: str) -> Raw:
    import psycopg

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)

    def run(sql: str) -> None:
        with psycopg.connect(plain) as conn:
            conn.execute(sql)

    return run


def empty_pg(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
