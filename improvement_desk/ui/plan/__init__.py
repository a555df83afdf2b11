"""The improvement action plan page, its models, dialogs and undo commands."""
