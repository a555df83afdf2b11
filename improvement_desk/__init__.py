"""Improvement Desk: the desktop tool of a Children's Services Improvement Board secretariat."""

__version__ = "0.1.0"
APP_NAME = "Improvement Desk"
APP_ID = "improvement-desk"
