"""The action log page: actions agreed at meetings, their due dates, status and updates."""
