"""`python -m benchmarks [startup|filter ...]`: prints one JSON object per figure."""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import exchange, filtering, pack, startup
from benchmarks import search as search_benchmark

FIGURES = {
    "startup": startup.run,
    "filter": filtering.run,
    "exchange": exchange.run,
    "pack": pack.run,
    "search": search_benchmark.run,
}


def main(argv: list[str]) -> int:
    names = argv or list(FIGURES)
    failed = False
    for name in names:
        if name not in FIGURES:
            print(f"unknown benchmark {name!r}; choose from {', '.join(FIGURES)}", file=sys.stderr)
            return 2
        figure = FIGURES[name]()
        failed |= not figure["meets_target"]
        print(json.dumps(figure), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
