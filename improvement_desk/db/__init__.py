"""Persistence: typed SQLAlchemy models, the engine, migrations and the board file's safety checks."""
