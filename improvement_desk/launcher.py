"""The `improvement-desk` entry point: a headless command, or else the desktop app.

Kept apart from `cli` so that the CLI never imports Qt, and from `app` so
that a headless command never pays for loading it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

CLI_COMMANDS = frozenset(
    {"demo", "dump", "check", "export", "import", "minutes", "pack", "backup", "restore"}
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in CLI_COMMANDS:
        from improvement_desk import cli

        return cli.main(args)
    from improvement_desk.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
