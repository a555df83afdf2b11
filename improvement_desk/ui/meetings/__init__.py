"""The Meetings module: the list of meetings, the agenda editor, papers and the board's members."""
