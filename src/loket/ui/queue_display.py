"""The waiting-room display (``loket --display``, a TV on a second screen or another
computer): the number just called and its counter, large, the last calls beside it and how
many wait for each service. It learns of a call from a watcher thread (LISTEN/NOTIFY on
PostgreSQL, a cheap poll on SQLite), chimes, and — where the system has an Indonesian voice
(Qt TextToSpeech) — says the call aloud; without a voice it only chimes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import Any

from PySide6.QtCore import QDate, QLocale, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from loket.db.engine import Database
from loket.domain.local_time import BranchTime
from loket.resources import resource_path
from loket.services import branch, queue
from loket.ui.retranslating import Retranslating
from loket.ui.service_names import service_name


class CallListener(QThread):
    """Emits ``called(seq)`` when a number is called (and every few seconds regardless)."""

    called = Signal(int)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._running = True

    def run(self) -> None:
        watcher = queue.CallWatcher(self._db)
        last = -1
        try:
            while self._running:
                latest = watcher.wait(last, timeout=1.0)
                if latest != last:
                    last = latest
                    self.called.emit(latest)
        finally:
            watcher.close()

    def stop(self) -> None:
        self._running = False
        self.wait(3000)


def play_chime() -> None:
    """The two-tone chime (``resources/sounds/chime.wav``) through the system's player:
    Windows' own, PipeWire/PulseAudio/ALSA's on Linux, afplay on macOS; the system's beep
    where there is none. Never waits for the sound."""
    path = str(resource_path("sounds", "chime.wav"))
    if sys.platform == "win32":
        import winsound

        winsound.PlaySound(path, winsound.SND_FILENAME | winsound.SND_ASYNC)
        return
    for player in ("pw-play", "paplay", "aplay", "afplay"):
        if found := shutil.which(player):
            subprocess.Popen(
                [found, path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )  # its own process: the display goes on
            return
    QApplication.beep()


def _voice() -> Any:
    """Qt's speech engine with an Indonesian voice, or None (not installed, no voice)."""
    try:
        from PySide6.QtCore import QLocale
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    engine = QTextToSpeech()
    indonesian = [
        v for v in engine.availableVoices() if v.locale().language() == QLocale.Language.Indonesian
    ]
    if not indonesian:
        return None
    engine.setVoice(indonesian[0])
    return engine


_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def spoken(code: str, counter: str) -> str:
    """``A012`` at ``Loket 3`` → "Nomor antrean A, nol satu dua, silakan ke Loket 3"."""
    digits = " ".join(_DIGITS[int(d)] for d in code[1:] if d.isdigit())
    return f"Nomor antrean {code[0]}, {digits}, silakan ke {counter}"


NO_BREAK, WORD_JOINER = "\u00a0", "\u2060"


class QueueDisplay(Retranslating, QWidget):
    def __init__(
        self,
        db: Database,
        *,
        listen: bool = True,
        parent: QWidget | None = None,
        when: BranchTime | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        home = branch.get_home_branch(db)
        self._when = when or BranchTime(home.timezone if home else BranchTime.zone)
        self._last_seq = 0
        self._loaded = False
        self._voice: Any = None
        self.setObjectName("queueDisplay")
        self.setStyleSheet(
            "QWidget#queueDisplay { background: #10261a; } QLabel { color: white; }"
            "QListWidget { background: #17361f; color: white; font-size: 34px; border: 0; }"
        )
        self.branch_name = QLabel(home.name if home else "")
        self.branch_name.setObjectName("displayBranch")
        self.branch_name.setStyleSheet("font-size: 30px; font-weight: 700;")
        self.clock = QLabel()
        self.clock.setObjectName("displayClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock.setStyleSheet("font-size: 30px; font-weight: 700;")
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 30px; color: #9fd3b5;")
        self.number = QLabel("—")
        self.number.setObjectName("displayNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setStyleSheet("font-size: 180px; font-weight: 800;")
        self.counter = QLabel()
        self.counter.setObjectName("displayCounter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counter.setStyleSheet("font-size: 64px; font-weight: 700; color: #ffd84d;")
        self.recent_title = QLabel()
        self.recent_title.setStyleSheet("font-size: 28px; color: #9fd3b5;")
        self.recent = QListWidget()
        self.recent.setObjectName("displayRecent")
        self.recent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.waiting = QLabel()
        self.waiting.setObjectName("displayWaiting")
        self.waiting.setStyleSheet("font-size: 26px; color: #cfe8da;")
        self.waiting.setWordWrap(True)  # many services must not widen the screen past a TV's
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addStretch(1)
        left.addWidget(self.number)
        left.addWidget(self.counter)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.recent_title)
        right.addWidget(self.recent)
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addLayout(right, 2)
        bar = QHBoxLayout()
        bar.addWidget(self.branch_name, 1)
        bar.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addLayout(bar)
        layout.addLayout(top, 1)
        layout.addWidget(self.waiting)
        self.retranslate_ui()
        self.refresh()
        self._tick = QTimer(self)  # new numbers from the kiosk change the waiting counts
        self._tick.timeout.connect(self.refresh)
        self._tick.start(5_000)
        self._clock_tick = QTimer(self)
        self._clock_tick.timeout.connect(self._show_time)
        self._clock_tick.start(1_000)
        self._show_time()
        self.listener: CallListener | None = None
        if listen:
            self.listener = CallListener(db, self)
            self.listener.called.connect(self._on_called)
            self.listener.start()
            QTimer.singleShot(0, self._load_voice)

    def _show_time(self) -> None:
        """The branch's time and day, whatever zone the display's computer is set to."""
        now = self._when.now()
        day = QLocale().toString(QDate(now.year, now.month, now.day), "dddd, d MMMM yyyy")
        self.clock.setText(f"{day}   {now:%H:%M} {self._when.abbreviation}")

    def _load_voice(self) -> None:
        self._voice = _voice()

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Nomor dipanggil"))
        self.recent_title.setText(self.tr("Panggilan terakhir"))

    def _on_called(self, _seq: int) -> None:
        self.refresh()

    def refresh(self) -> None:
        """The day's last calls (one indexed read); a new one is chimed and spoken."""
        calls = queue.calls_after(self._db, 0, limit=6)  # oldest first
        if calls:
            last = calls[-1]
            self.number.setText(last.code)
            self.counter.setText(last.counter_name)
            self.recent.clear()
            self.recent.addItems([f"{c.code}  →  {c.counter_name}" for c in reversed(calls)])
            if self._loaded and last.seq > self._last_seq:  # not the calls before it started
                self._announce(last)
            self._last_seq = last.seq
        # a line breaks between services, never inside one (no-break spaces within each)
        self.waiting.setText(
            "   ".join(
                self.tr("{prefix} {name}: {waiting} menunggu")
                .format(prefix=s.prefix, name=service_name(s.name), waiting=s.waiting)
                .replace(" ", NO_BREAK)
                .replace("/", "/" + WORD_JOINER)  # "JKM/JKK" stays whole too
                for s in queue.list_services(self._db)
                if s.active
            )
        )
        self._loaded = True

    def _announce(self, call: queue.Call) -> None:
        play_chime()
        if self._voice is not None:
            self._voice.say(spoken(call.code, call.counter_name))

    def closeEvent(self, event: Any) -> None:
        if self.listener is not None:
            self.listener.stop()
        super().closeEvent(event)
