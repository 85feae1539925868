"""``loket``: the counter application. Opens the database, then login ↔ main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from loket import __version__


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="loket", description="Loket counter application")
    parser.add_argument("--version", action="version", version=f"loket {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: LOKET_DB_URL or the SQLite file in the user data directory)",
    )
    parser.add_argument("--lang", choices=["id", "en"], help="interface language")
    parser.add_argument("--config", metavar="FILE", help="desk settings file (INI)")
    screens = parser.add_mutually_exclusive_group()
    screens.add_argument(
        "--kiosk", action="store_true", help="the ticket kiosk, full screen, without a login"
    )
    screens.add_argument(
        "--display", action="store_true", help="the waiting-room display of the calls, full screen"
    )
    screens.add_argument(
        "--rating", type=int, metavar="COUNTER", help="the satisfaction pad at counter COUNTER"
    )
    parser.add_argument(
        "--printer",
        default="",
        help="the kiosk's ticket printer: a system printer's name or escpos+tcp://HOST:9100",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start to the login window (or the kiosk, display or rating pad) with the "
        "database open, say so and exit (installers)",
    )
    return parser.parse_args(argv)


def _self_test(dialog: Any) -> None:
    """Waits for the database behind the shown login window, then ends Loket: 0 when the
    window showed and the database opened (an installer's smoke test)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    if dialog is not None and dialog.database_ready():
        print(f"loket: login window shown, database open ({dialog.counter.count()} counters)")
        QApplication.exit(0)
        return
    QTimer.singleShot(50, lambda: _self_test(dialog))


def _start_logging() -> None:
    from loket.logs import setup_logging

    setup_logging("loket")


def main(
    argv: Sequence[str] | None = None, *, on_ready: Callable[[Any], None] | None = None
) -> int:
    """Runs the application. ``on_ready`` is called with the login dialog once it is shown
    (the start-up benchmark uses it)."""
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.self_test and on_ready is None:
        on_ready = _self_test
    # Qt is imported only now, so that --version and --help stay instant.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from loket.domain.errors import LoketError
    from loket.i18n import env_language, error_text, set_language, translate
    from loket.ui.crash_dialog import install_crash_handler
    from loket.ui.local_config import LocalConfig
    from loket.ui.session_flow import SessionFlow
    from loket.ui.style import apply_style
    from loket.ui.wheel_guard import install_wheel_guard

    app = QApplication.instance() or QApplication(["loket"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Loket")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # SessionFlow decides when Loket ends
    apply_style(app)
    config = LocalConfig(Path(args.config) if args.config else None)
    set_language(args.lang or env_language() or config.language)
    install_crash_handler()
    if args.kiosk or args.display or args.rating is not None:
        return _queue_screen(app, args)
    # the login window shows at once; the database opens behind it
    flow = SessionFlow(args.db, config)
    flow.finished.connect(app.quit)

    def cannot_open(exc: BaseException) -> None:
        if not isinstance(exc, LoketError):
            raise exc  # a defect: the crash dialog reports it
        if flow.login_dialog is not None:
            flow.login_dialog.hide()
        if args.self_test:  # nobody to click the message away
            print(f"loket: {error_text(exc)}", file=sys.stderr)
        else:
            QMessageBox.critical(
                None, translate("App", "Loket tidak dapat dibuka"), error_text(exc)
            )
        app.exit(1)

    flow.failed.connect(cannot_open)
    if on_ready is not None:  # the window is shown when the event loop first turns
        QTimer.singleShot(0, lambda: on_ready(flow.login_dialog))
    flow.start()
    # after the window: logging.handlers is slow to load, and the wheel guard filters
    # every event (the login guards its own fields)
    QTimer.singleShot(0, _start_logging)
    QTimer.singleShot(0, lambda: install_wheel_guard(app))
    try:
        return app.exec()
    finally:
        flow.close()


def _queue_screen(app: Any, args: argparse.Namespace) -> int:
    """The kiosk, the display or a rating pad: no login, the database opened at once, full
    screen (the display and the pad on a screen of their own)."""
    from PySide6.QtWidgets import QMessageBox

    from loket.db.engine import default_database_url
    from loket.db.migrate import open_database
    from loket.domain.errors import LoketError
    from loket.i18n import error_text, translate

    _start_logging()
    try:
        db = open_database(args.db or default_database_url())
    except LoketError as exc:
        QMessageBox.critical(None, translate("App", "Loket tidak dapat dibuka"), error_text(exc))
        return 1
    app.setQuitOnLastWindowClosed(True)
    if args.kiosk:
        from loket.printing.select import printer_for
        from loket.ui.kiosk import Kiosk

        screen: Any = Kiosk(db, printer_for(args.printer))
    elif args.display:
        from loket.ui.queue_display import QueueDisplay

        screen = QueueDisplay(db)
    else:
        from loket.ui.rating_pad import RatingPad

        screen = RatingPad(db, args.rating)
    screen.showFullScreen()
    if args.self_test:  # an installer's check: the screen came up on the database
        from PySide6.QtCore import QTimer

        def shown() -> None:
            print(f"loket: {type(screen).__name__} shown, database open")
            app.exit(0)

        QTimer.singleShot(200, shown)
    try:
        return int(app.exec())
    finally:
        if getattr(screen, "listener", None) is not None:
            screen.listener.stop()  # the display's watcher thread, before its database
        screen.hide()
        screen.deleteLater()
        app.setQuitOnLastWindowClosed(False)
        db.close()


if __name__ == "__main__":
    sys.exit(main())
