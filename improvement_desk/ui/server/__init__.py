"""Boards on a PostgreSQL server: File ▸ Connect to server…, and reopening one by its location."""
