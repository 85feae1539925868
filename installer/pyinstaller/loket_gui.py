"""The bundle's ``loket`` (the counter application)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the participant import's worker processes
    from loket.app import main

    sys.exit(main())
