"""The board pack: the generated pages (cover, contents, agenda, minutes, action log, plan,
risks, scorecard) laid out with the minutes' styles, then the papers merged in after them.

Qt-free like the rest of `reports`: the pack is built off the UI thread and by the CLI.
Everything printed comes from one `services.pack_records.PackContent`, already filtered
for the public version, so a section cannot leak what it never receives.
"""
