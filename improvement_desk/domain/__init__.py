"""Pure rules of the board's domain: no database, no Qt, no files."""
