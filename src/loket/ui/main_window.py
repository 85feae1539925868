"""The main window: role-aware navigation, the pages, the status bar, and the idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.local_time import BranchTime
from loket.i18n import translate
from loket.printing.select import printer_for
from loket.services import auth, branch, settings, sync
from loket.services.actor import Actor
from loket.services.approvals import waiting_decisions
from loket.services.clock import Clock, system_clock
from loket.services.permissions import Permission, can
from loket.ui.focus import first_field
from loket.ui.idle_watcher import IdleWatcher
from loket.ui.local_config import LocalConfig
from loket.ui.lock_screen import LockScreen
from loket.ui.navigation_delegate import SHORTCUT_ROLE, NavigationDelegate
from loket.ui.pages.approvals_page import ApprovalsPage
from loket.ui.pages.branch_page import BranchPage
from loket.ui.pages.claims import ClaimsPage
from loket.ui.pages.closing_page import ClosingPage
from loket.ui.pages.dashboard_page import DashboardPage
from loket.ui.pages.home_page import HomePage
from loket.ui.pages.import_page import ImportPage
from loket.ui.pages.payment_page import PaymentPage
from loket.ui.pages.registration_page import RegistrationPage
from loket.ui.pages.registry import PageSpec, pages_for
from loket.ui.pages.search_page import SearchPage
from loket.ui.pages.settings_page import SettingsPage
from loket.ui.pages.users_page import UsersPage
from loket.ui.queue_bar import QueueBar
from loket.ui.recovery_banner import RecoveryBanner
from loket.ui.retranslating import Retranslating
from loket.ui.sync_controller import SyncController
from loket.ui.sync_status import sync_status_text

if TYPE_CHECKING:
    from loket.sync.worker import WorkerReport


class MainWindow(Retranslating, QMainWindow):
    logout_requested = Signal()
    closed = Signal()  # closed for good (not a logout): the application may end

    def __init__(
        self,
        db: Database,
        actor: Actor,
        config: LocalConfig,
        parent: QWidget | None = None,
        *,
        sync: SyncController | None = None,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._db, self.actor, self._config = db, actor, config
        self._clock = clock
        self._sync = sync
        self._logging_out = False
        self._waiting = 0  # decisions waiting, shown on the approvals entry
        home = branch.get_home_branch(db)
        self._timezone = home.timezone if home else "Asia/Makassar"
        mine = [c for c in branch.list_counters(db) if c.id == actor.counter_id]
        self._receipt_printer = mine[0].receipt_printer if mine else ""
        self._receipt_layout = "a5" if mine and mine[0].paper == "a5" else "thermal"

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setItemDelegate(NavigationDelegate(self.navigation))
        self.pages = QStackedWidget()
        # the central server's page needs the sync worker (always there in the application)
        self.page_specs = [p for p in pages_for(actor) if p.key != "sync" or sync is not None]
        for spec in self.page_specs:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
            self.pages.addWidget(self._make_page(spec))
            if spec.number is not None:  # the page's own number, whatever the role
                keys = QKeySequence(f"Ctrl+{spec.number}")
                item.setData(SHORTCUT_ROLE, keys.toString(QKeySequence.SequenceFormat.NativeText))
                go = QAction(self)
                go.setShortcut(keys)
                go.triggered.connect(lambda _=False, key=spec.key: self.show_page(key))
                self.addAction(go)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.go_to_search)
        self.addAction(self.find_action)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        # a click on a page's entry puts the cursor in its first field (the arrow keys
        # keep it in the list, to move on)
        self.navigation.itemClicked.connect(lambda _item: self._focus_first_field())
        self.navigation.setCurrentRow(0)

        workspace = QWidget()
        column = QVBoxLayout(workspace)
        column.setContentsMargins(0, 0, 0, 0)
        # after a restore, until a supervisor saw to it: what to re-enter from paper
        self.recovery_banner = RecoveryBanner(db, actor, workspace, clock=clock)
        column.addWidget(self.recovery_banner)
        # the queue bar, for whoever serves at a counter
        self.queue_bar: QueueBar | None = None
        if actor.counter_id is not None and can(actor, Permission.SERVE_COUNTER):
            self.queue_bar = QueueBar(db, actor, clock=clock)
            column.addWidget(self.queue_bar)
        row = QHBoxLayout()
        row.addWidget(self.navigation)
        row.addWidget(self.pages, 1)
        column.addLayout(row, 1)
        self.lock_screen = LockScreen(db, actor)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.logout_requested.connect(self.logout)
        self.screens = QStackedWidget()
        self.screens.addWidget(workspace)
        self.screens.addWidget(self.lock_screen)
        self.setCentralWidget(self.screens)
        self._focus_before_lock: QWidget | None = None

        self.toolbar = QToolBar()
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.logout_action = QAction(self)
        self.logout_action.triggered.connect(self.logout)
        self.toolbar.addAction(self.lock_action)
        self.toolbar.addAction(self.logout_action)

        self.status_user = self._status_label("statusUser")
        self.status_branch = self._status_label("statusBranch")
        self.status_counter = self._status_label("statusCounter")
        self.status_database = self._status_label("statusDatabase")
        self.status_sync = self._status_label("statusSync")

        self.idle_watcher = IdleWatcher(settings.get_setting(db, "idle_lock_minutes"), self)
        self.idle_watcher.idle.connect(self.lock)
        self.resize(1100, 700)
        # Other counters submit claims and voids: look again every minute.
        self.badge_timer = QTimer(self)
        self.badge_timer.setInterval(60_000)
        self.badge_timer.timeout.connect(self.refresh_badge)
        self.badge_timer.start()
        if sync is not None:
            sync.report.connect(self._show_sync)
        self.retranslate_ui()
        self.refresh_badge()

    def _status_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        self.statusBar().addPermanentWidget(label)
        return label

    def _make_page(self, spec: PageSpec) -> QWidget:
        if spec.key == "home":
            home = HomePage(self.actor, self._timezone, db=self._db, clock=self._clock)
            home.page_requested.connect(self._open_from_home)
            return home
        if spec.key == "search":
            search = SearchPage(
                self._db,
                self.actor,
                printer=printer_for(self._receipt_printer),
                receipt_layout=self._receipt_layout,
                when=BranchTime(self._timezone, self._clock),
            )
            search.payment_requested.connect(self.pay_for)
            search.claim_requested.connect(self.open_claim)
            return search
        if spec.key == "payments":
            return PaymentPage(
                self._db,
                self.actor,
                printer_for(self._receipt_printer),
                receipt_layout=self._receipt_layout,
                timezone=self._timezone,
                clock=self._clock,
            )
        if spec.key == "closing":
            return ClosingPage(self._db, self.actor, timezone=self._timezone, clock=self._clock)
        if spec.key == "dashboard":
            return DashboardPage(self._db, self.actor, timezone=self._timezone, clock=self._clock)
        if spec.key == "users":
            return UsersPage(self._db, self.actor)
        if spec.key == "import":
            return ImportPage(self._db, self.actor)
        if spec.key == "approvals":
            approvals = ApprovalsPage(
                self._db, self.actor, when=BranchTime(self._timezone, self._clock)
            )
            approvals.decided.connect(self.refresh_badge)
            return approvals
        if spec.key == "claims":
            claims_page = ClaimsPage(
                self._db, self.actor, when=BranchTime(self._timezone, self._clock)
            )
            claims_page.claim_changed.connect(self.refresh_badge)
            claims_page.arrears_payment_requested.connect(self.pay_claim_arrears)
            return claims_page
        if spec.key == "registration":
            registration = RegistrationPage(
                self._db, self.actor, when=BranchTime(self._timezone, self._clock)
            )
            registration.open_participant.connect(self.open_participant)
            registration.payment_requested.connect(self.pay_for)
            return registration
        if spec.key == "branch":
            return BranchPage(self._db, self.actor)
        if spec.key == "sync":
            assert self._sync is not None
            from loket.ui.pages.sync_page import SyncPage  # httpx and keyring: only for admins

            sync_page = SyncPage(self._db, self.actor, self._sync, self._timezone)
            sync_page.settings_saved.connect(self._sync.sync_now)
            return sync_page
        if spec.key == "settings":
            page = SettingsPage(self._db, self.actor, self._config)
            page.idle_minutes_changed.connect(
                lambda minutes: self.idle_watcher.set_timeout_ms(minutes * 60_000)
            )
            return page
        raise ValueError(f"no page {spec.key!r}")

    def refresh_badge(self) -> None:
        """The approvals entry shows how many decisions wait (claims, corrections, voids,
        NIK conflicts); the status bar, how many events wait for the server."""
        self._show_sync(self._sync.last if self._sync else None)
        self.recovery_banner.refresh()
        if "approvals" not in self.navigation_keys():
            return
        self._waiting = waiting_decisions(self._db, self.actor)
        self._title_navigation()

    def _show_sync(self, report: WorkerReport | None) -> None:
        text, tip = sync_status_text(
            self._sync is not None, report, sync.status(self._db), self._timezone
        )
        self.status_sync.setText(text)
        self.status_sync.setToolTip(tip)
        if report is not None and report.result is not None and report.result.recovered:
            self.recovery_banner.refresh()  # a restore's recovery ran in this sync
        home = self.page("home")
        if isinstance(home, HomePage):
            home.sync_line = text
            if home.isVisible():  # a hidden home page reads its figures when shown
                home.refresh()

    def _open_from_home(self, key: str) -> None:
        if key in self.navigation_keys():  # a line may name a page this role does not have
            self.show_page(key)

    def _title_navigation(self) -> None:
        for i, spec in enumerate(self.page_specs):
            title = translate("Navigation", spec.title)
            if spec.key == "approvals" and self._waiting:
                title = f"{title} ({self._waiting})"
            self.navigation.item(i).setText(title)
        # wide enough for the longest title in this language, padding included
        self.navigation.setFixedWidth(self.navigation.sizeHintForColumn(0) + 40)

    def pay_for(self, participant_id: int) -> None:
        page = self.page("payments")
        assert isinstance(page, PaymentPage)
        self.show_page("payments")
        page.add_participant(participant_id)
        page.tendered.setFocus()

    def pay_claim_arrears(self, participant_id: int, months: int, claim_id: int) -> None:
        """The months a claim waits for, on the payment page (paid by the heirs or the
        worker before the claim goes on)."""
        page = self.page("payments")
        assert isinstance(page, PaymentPage)
        self.show_page("payments")
        page.add_claim_arrears(participant_id, months, claim_id)
        page.tendered.setFocus()

    def open_claim(self, claim_id: int) -> None:
        claims_page = self.page("claims")
        assert isinstance(claims_page, ClaimsPage)
        self.show_page("claims")
        claims_page.open_claim(claim_id)

    def open_participant(self, participant_id: int) -> None:
        search = self.page("search")
        assert isinstance(search, SearchPage)
        self.show_page("search")
        search.open_participant(participant_id)

    def page(self, key: str) -> QWidget:
        page = self.pages.widget(self.navigation_keys().index(key))
        assert page is not None
        return page

    def go_to_search(self) -> None:
        """``Ctrl+F`` from anywhere: the participant search, its box ready to type in."""
        if "search" not in self.navigation_keys():
            return
        self.show_page("search")
        search = self.page("search")
        assert isinstance(search, SearchPage)
        search.box.setFocus()
        search.box.selectAll()

    def show_page(self, key: str) -> None:
        """Opens the page with the cursor in its first field: what is typed next is not
        lost (Ctrl+<number>, a link on the home page, *Bayar iuran sekarang*)."""
        self.navigation.setCurrentRow(self.navigation_keys().index(key))
        self._focus_first_field()

    def _focus_first_field(self) -> None:
        page = self.pages.currentWidget()
        if page is not None:
            first = first_field(page)
            (first or page).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def page_number(self, key: str) -> int | None:
        """The number that opens the page with Ctrl (the same for every role)."""
        return next(s.number for s in self.page_specs if s.key == key)

    def navigation_keys(self) -> list[str]:
        return [s.key for s in self.page_specs]

    def retranslate_ui(self) -> None:
        a = self.actor
        self.setWindowTitle(self.tr("Loket — {branch}").format(branch=a.branch_name))
        self._title_navigation()
        self.lock_action.setText(self.tr("Kunci layar"))
        self.logout_action.setText(self.tr("Keluar"))
        self.status_user.setText(
            self.tr("Pengguna: {name} · {user}").format(name=a.full_name, user=a.username)
        )
        self.status_branch.setText(self.tr("Cabang: {code}").format(code=a.branch_code))
        self.status_counter.setText(
            self.tr("Loket: {name}").format(name=a.counter_name or self.tr("—"))
        )
        self.status_database.setText(self.tr("Database: {db}").format(db=self._db.description))
        self.recovery_banner.refresh()
        self._show_sync(self._sync.last if self._sync else None)

    @property
    def is_locked(self) -> bool:
        return self.screens.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Hides the work (personal data on screen) until the same user's password is given;
        nothing typed so far is lost."""
        if self.is_locked:
            return
        self._focus_before_lock = QApplication.focusWidget()
        self.idle_watcher.stop()
        self.toolbar.setEnabled(False)
        self.screens.setCurrentWidget(self.lock_screen)
        self.lock_screen.reset()

    def unlock(self) -> None:
        self.screens.setCurrentIndex(0)
        self.toolbar.setEnabled(True)
        self.idle_watcher.restart()
        if self._focus_before_lock is not None:
            self._focus_before_lock.setFocus()

    def logout(self) -> None:
        self._logging_out = True
        self.close()

    def show_as_before(self) -> None:
        """Maximized the first time (a counter's monitor is for Loket); afterwards where
        and as large as the user left it."""
        geometry = self._config.window_geometry
        if geometry is not None and self.restoreGeometry(geometry):
            self.show()
        else:
            self.showMaximized()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._config.window_geometry = self.saveGeometry()
        self.idle_watcher.shutdown()
        auth.logout(self._db, self.actor)
        super().closeEvent(event)
        (self.logout_requested if self._logging_out else self.closed).emit()
