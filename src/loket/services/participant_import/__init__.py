"""Bulk import of participants from the central office's CSV export.

Every row passes the same checks as a walk-in registration. A bad row is reported with
its row number and reason and is not imported at all; good rows are written one batch
per transaction, so an interrupted import can simply be run again (rows already in are
then skipped, or updated if asked).

Speed (issue 3 asks ≥ 50,000 rows a second for the region's 3.2 million): a file is cut
into pieces that one importing process per processor checks and writes
(:func:`import_file`), so one process writes while the others check; a batch goes to the
database as ready parameter tuples in one ``executemany``; on SQLite a large load builds
the participant table's secondary indexes once at the end and keeps the pages a batch
dirties in a large page cache (see :mod:`loket.db.bulk`). Checking is the same Python
code a walk-in registration runs: about a third of a row's CPU time.
"""

from loket.services.participant_import.files import (
    COLUMNS,
    OPTIONAL,
    REQUIRED,
    check_errors_path,
    check_source,
    estimate_rows,
    read_csv,
    write_errors,
)
from loket.services.participant_import.load import import_participants
from loket.services.participant_import.parallel import import_file
from loket.services.participant_import.rows import (
    BULK_CACHE_MB,
    SET_ASIDE_FROM,
    ImportReport,
    ImportRowError,
    ImportStopped,
)

__all__ = [
    "BULK_CACHE_MB",
    "COLUMNS",
    "OPTIONAL",
    "REQUIRED",
    "SET_ASIDE_FROM",
    "ImportReport",
    "ImportRowError",
    "ImportStopped",
    "check_errors_path",
    "check_source",
    "estimate_rows",
    "import_file",
    "import_participants",
    "read_csv",
    "write_errors",
]
