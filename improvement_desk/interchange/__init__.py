"""Excel exchange: safe reading of the workbooks officers keep, and working exports.

Qt-free and database-free: it turns files into typed rows (and records into
files); the services decide what those rows mean for the board.
"""
