"""A queue service's name on the screens. The four services every branch starts with
(migration 0017) are named in the interface's language until the admin renames them; a
name the admin typed is shown as typed. Printed tickets keep the stored name."""

from __future__ import annotations

from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.i18n import translate

STARTING_SERVICES = (
    QT_TRANSLATE_NOOP("QueueService", "Pendaftaran & iuran"),
    QT_TRANSLATE_NOOP("QueueService", "Klaim JHT"),
    QT_TRANSLATE_NOOP("QueueService", "Klaim JKM/JKK & beasiswa"),
    QT_TRANSLATE_NOOP("QueueService", "Informasi/pengaduan"),
)


def service_name(stored: str) -> str:
    return translate("QueueService", stored) if stored in STARTING_SERVICES else stored
