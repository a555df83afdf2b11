"""The risk register page: the register table, the heat map, the risk dialogs and undo."""
