"""Routes Qt's own warnings into Python logging, so they reach the log file (and fail tests)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("improvement_desk.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if "propagateSizeHints" in message:
        return  # offscreen platform noise
    log.log(_LEVELS.get(kind, logging.WARNING), message)


def route_qt_messages() -> None:
    qInstallMessageHandler(_handler)
