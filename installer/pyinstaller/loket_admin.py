"""The bundle's ``loket-admin``."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the participant import's worker processes
    from loket.cli import main

    sys.exit(main())
