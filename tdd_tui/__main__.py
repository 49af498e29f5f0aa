"""`python -m tdd_tui` runs the command line."""

import sys

from tdd_tui.cli import main

sys.exit(main())
