"""Printed documents (PDF) built with ReportLab: the minutes now, the board pack later.

Qt-free and database-free: a report is built from the services' frozen
records, so it can run on a worker thread or from the CLI. Everything a user
typed goes through `reports.text.markup` before it reaches a Paragraph.
"""
