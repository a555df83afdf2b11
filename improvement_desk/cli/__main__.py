"""`python -m improvement_desk.cli`, as `python -m` ran the single-module CLI before it."""

import sys

from improvement_desk.cli import main

sys.exit(main())
