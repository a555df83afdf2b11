"""Search the whole board from one box: the dialog, its results, and opening a hit."""
