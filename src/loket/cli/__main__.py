"""``python -m loket.cli``."""

import sys

from loket.cli import main

sys.exit(main())
