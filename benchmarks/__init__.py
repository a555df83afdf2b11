"""Performance figures measured as ratios against a reference run in the same process or run."""
