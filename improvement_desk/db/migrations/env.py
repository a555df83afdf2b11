"""Alembic environment: always run from code with a connection handed in by `db.schema`."""

from __future__ import annotations

from alembic import context

from improvement_desk.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through improvement_desk.db.schema, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
context.run_migrations()
