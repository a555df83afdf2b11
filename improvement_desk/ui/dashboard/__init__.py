"""The home dashboard: what needs attention, each figure opening the list behind it."""
