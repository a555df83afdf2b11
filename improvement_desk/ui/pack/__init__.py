"""The board pack in the app: building, previewing, issuing and reopening it."""
