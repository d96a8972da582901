"""The main window: sidebar navigation over the pages, global search, lock, status line."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from clinicapp import __version__
from clinicapp.core.services import settings
from clinicapp.ui.context import AppContext
from clinicapp.ui.lock import IdleLock, LockScreen, ask_passphrase
from clinicapp.ui.pages.action_plans import ActionPlansPage
from clinicapp.ui.pages.base import Page
from clinicapp.ui.pages.groups import GroupsPage
from clinicapp.ui.pages.reflections import ReflectionsPage
from clinicapp.ui.pages.reports import ReportsPage
from clinicapp.ui.pages.sessions import SessionsPage
from clinicapp.ui.pages.settings import SettingsPage
from clinicapp.ui.pages.support import SupportPage
from clinicapp.ui.pages.sync import SyncPage
from clinicapp.ui.pages.today import TodayPage
from clinicapp.ui.search_box import SearchBox
from clinicapp.ui.status_line import StatusLine

log = logging.getLogger(__name__)


# The sidebar, in order: each page's key and class.
PAGES: tuple[tuple[str, type[Page]], ...] = (
    ("today", TodayPage),
    ("groups", GroupsPage),
    ("sessions", SessionsPage),
    ("reflections", ReflectionsPage),
    ("action_plans", ActionPlansPage),
    ("support", SupportPage),
    ("reports", ReportsPage),
    ("sync", SyncPage),
    ("settings", SettingsPage),
)


def ui_settings(ctx: AppContext) -> QSettings:
    """Interface preferences kept outside the database (readable before unlocking)."""
    return QSettings(str(ctx.paths.config_dir / "ui.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.require_unlock = self._ask_passphrase
        self.setWindowTitle(self.tr("ClinicApp"))
        self.pages: list[Page] = []
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(self.tr("Sections"))
        self.sidebar.setMaximumWidth(260)
        self.sidebar.setMinimumWidth(150)
        # Roomier rows than the default: the sidebar is the main way around the app.
        self.sidebar.setStyleSheet("QListWidget::item { padding: 7px 10px; }")
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.stack = QStackedWidget()
        self.content = QSplitter()
        self.content.addWidget(self.sidebar)
        self.content.addWidget(self.stack)
        self.content.setStretchFactor(1, 1)
        self.content.setSizes([210, 1070])
        self.content.setChildrenCollapsible(False)
        self.lock_screen = self._make_lock_screen()
        self.central = QStackedWidget()
        self.central.addWidget(self.content)
        self.central.addWidget(self.lock_screen)
        self.setCentralWidget(self.central)
        self._build_pages()
        self.sidebar.currentRowChanged.connect(self._show_row)
        self._build_toolbar()
        self._build_menu_bar()
        self.status_line = StatusLine(ctx, self)
        self.setStatusBar(self.status_line)
        ctx.events.changed.connect(self._data_changed)
        self._idle = self._make_idle_lock()
        self.restore_state()
        self._check_clock()

    def _check_clock(self) -> None:
        """Say at start when this computer's clock looks wrong (it ran ahead, or went
        back): bundles made with a wrong clock are refused elsewhere."""
        from clinicapp.core.sync import api
        from clinicapp.ui.ops import run_op

        db = self.ctx.db
        run_op(self, lambda: api.clock_warnings(db), show_errors=False,
               on_success=lambda warnings: self.statusBar().showMessage(
                   warnings[0] + " " + self.tr("See the Sync page.")) if warnings else None)

    # --- pages ----------------------------------------------------------------------

    def _build_pages(self) -> None:
        for number, (_key, cls) in enumerate(PAGES, start=1):
            page = cls(self.ctx)
            self.pages.append(page)
            self.stack.addWidget(self._scrollable(page))
            item = QListWidgetItem(page.title())
            item.setToolTip(self.tr("%1 (Ctrl+%2)").replace("%1", page.title())
                            .replace("%2", str(number)))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, page.title())
            self.sidebar.addItem(item)
            action = QAction(page.title(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, row=number - 1: self.go_to(row))
            self.addAction(action)
            page.open_record.connect(self.open_record)
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))

    def _scrollable(self, page: Page) -> QScrollArea:
        """A page in a frameless scroll area: on a small screen the window still fits,
        and what does not fit scrolls instead of being cut off."""
        area = QScrollArea(self.stack)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        area.setFocusProxy(page)
        return area

    def page(self, key: str) -> Page:
        for page, (page_key, _cls) in zip(self.pages, PAGES, strict=True):
            if page_key == key:
                return page
        raise KeyError(key)

    def go_to(self, row: int) -> None:
        self.sidebar.setCurrentRow(row)

    def show_page(self, key: str) -> Page:
        page = self.page(key)
        self.go_to(self.pages.index(page))
        return page

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.stack.setCurrentIndex(row)
            self.pages[row].on_shown()

    def _data_changed(self, tables: frozenset[str]) -> None:
        if "local_settings" in tables:
            minutes = int(settings.read(self.ctx.db, "idle_lock_minutes"))
            self._idle.set_interval(minutes * 60_000)
        for page in self.pages:
            page.on_data_changed(tables)

    def open_record(self, kind: str, row_id: str) -> None:
        """Navigate to the first page that shows records of this kind."""
        for row, page in enumerate(self.pages):
            if page.show_record(kind, row_id):
                self.go_to(row)
                return
        log.warning("no page shows records of kind %s", kind)

    # --- toolbar, search, help ----------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = self.toolbar = QToolBar(self.tr("Main toolbar"))
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.search = SearchBox(self.ctx, self)
        self.search.open_record.connect(self.open_record)
        bar.addWidget(self.search)
        find = QAction(self.tr("&Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        self.addAction(find)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        # From any focus in the app: the search popup, a list, a field (never through a
        # modal dialog, which keeps the window under it out of reach).
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.setToolTip(self.tr("Lock ClinicApp (Ctrl+L)"))
        self.lock_action.triggered.connect(self.lock)
        bar.addAction(self.lock_action)
        about = QAction(self.tr("&About ClinicApp"), self)
        about.setShortcut(QKeySequence.StandardKey.HelpContents)
        about.triggered.connect(self.about)
        bar.addAction(about)

    def _build_menu_bar(self) -> None:
        """File / Edit / View / Help with the usual entries; each menu item is an action
        the window already has (the shortcuts stay where they are)."""
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        self.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        find = QAction(self.tr("&Find…"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the window has Ctrl+F
        find.triggered.connect(self._focus_search)
        edit_menu.addAction(find)
        edit_menu.addSeparator()
        settings_action = QAction(self.tr("&Settings"), self)
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_action.triggered.connect(lambda: self.show_page("settings"))
        edit_menu.addAction(settings_action)
        view_menu = bar.addMenu(self.tr("&View"))
        for row, page in enumerate(self.pages):
            go = QAction(page.title(), self)
            # Shown beside the entry; the window's own Ctrl+N action does the work.
            go.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            go.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            go.triggered.connect(lambda _=False, r=row: self.go_to(r))
            view_menu.addAction(go)
        help_menu = bar.addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About ClinicApp"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.about)
        help_menu.addAction(about)
        self.menus = (file_menu, edit_menu, view_menu, help_menu)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About ClinicApp"), self.about_text())

    def about_text(self) -> str:
        return self.tr("<b>ClinicApp %1</b><p>Small-group learning and communities of "
                       "practice, offline first.</p><p>Data folder: %2</p>").replace(
            "%1", __version__).replace("%2", str(self.ctx.paths.data_dir))

    # --- locking --------------------------------------------------------------------

    def _make_lock_screen(self) -> LockScreen:
        screen = LockScreen(self.ctx)
        screen.unlocked.connect(self.unlock)
        return screen

    def _make_idle_lock(self) -> IdleLock:
        minutes = int(settings.read(self.ctx.db, "idle_lock_minutes"))
        idle = IdleLock(minutes * 60_000, self)
        idle.idle_timeout.connect(self.lock)
        return idle

    def _ask_passphrase(self) -> bool:
        """Leaving participant mode (or any other guarded step): the workstation
        passphrase in a small modal question, over whatever window asks."""
        parent = QApplication.activeModalWidget() or QApplication.activeWindow() or self
        return ask_passphrase(parent, self.ctx)

    @property
    def locked(self) -> bool:
        return self.central.currentWidget() is self.lock_screen

    def lock(self) -> None:
        if self.locked:
            return
        self.search.popup.hide()
        self.search.clear()
        self.content.hide()  # nothing of the data stays on screen behind the lock
        self.toolbar.hide()  # nor a way to search it
        self.menuBar().hide()  # nor to go anywhere
        for action in self.actions():
            action.setEnabled(False)
        self.central.setCurrentWidget(self.lock_screen)
        self.lock_screen.lock()

    def unlock(self) -> None:
        for action in self.actions():
            action.setEnabled(True)
        self.toolbar.show()
        self.menuBar().show()
        self.content.show()
        self.central.setCurrentWidget(self.content)

    # --- window state ---------------------------------------------------------------

    def restore_state(self) -> None:
        stored = ui_settings(self.ctx)
        geometry = stored.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = stored.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        # The toolbar is never meant to be hidden: a window closed while locked saved it so.
        self.toolbar.show()
        try:
            row = int(str(stored.value("window/page", 0)))
        except ValueError:
            row = 0
        self.go_to(row if 0 <= row < len(self.pages) else 0)

    def save_state(self) -> None:
        stored = ui_settings(self.ctx)
        stored.setValue("window/geometry", self.saveGeometry())
        stored.setValue("window/state", self.saveState())
        stored.setValue("window/page", self.sidebar.currentRow())
        stored.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.search.popup.close()
        super().closeEvent(event)
