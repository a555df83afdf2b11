"""The "At the meeting" screen: attendance, minutes, decisions and actions, typed live."""
