"""Use cases: one short transaction each, audited, with typed results and errors."""
