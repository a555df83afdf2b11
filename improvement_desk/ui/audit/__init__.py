"""The audit viewer: the board's whole change history, filtered, read and exported to Excel."""
