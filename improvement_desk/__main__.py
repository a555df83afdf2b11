import sys

from improvement_desk.launcher import main

sys.exit(main())
