"""Edit ▸ Settings…: a page per area (Board, Plan, Risks, Meetings, Pack, You)."""

from improvement_desk.ui.settings.dialog import SettingsDialog, open_settings

__all__ = ["SettingsDialog", "open_settings"]
