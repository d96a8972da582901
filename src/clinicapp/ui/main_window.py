"""The main window: sidebar navigation over the pages, global search, lock, status line."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QSettings,
    Qt,
    Signal,
)
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
from clinicapp.core.errors import ClinicAppError
from clinicapp.ui import memory, ops, startup, wheel_guard
from clinicapp.ui.context import AppContext
from clinicapp.ui.lock import IdleLock, LockController, LockScreen, ask_passphrase
from clinicapp.ui.pages.base import Page
from clinicapp.ui.search_box import SearchBox
from clinicapp.ui.status_line import StatusLine

if TYPE_CHECKING:
    from clinicapp.core.reports.today import FirstRead

log = logging.getLogger(__name__)

# The idle lock's time until the database is open and its setting read (a second or so
# after the window appears): the setting's own default.
IDLE_MS_UNTIL_OPEN = 10 * 60_000


# Pages are built on their first visit and their modules imported then: the window
# appears without paying for the eight pages not shown. Each maker imports its own page.

def _today(ctx: AppContext) -> Page:
    from clinicapp.ui.pages.today import TodayPage

    return TodayPage(ctx)


def _groups(ctx: AppContext) -> Page:
    from clinicapp.ui.pages.groups import GroupsPage

    return GroupsPage(ctx)


def _sessions(ctx: AppContext) -> Page:
    from clinicapp.ui.pages.sessions import SessionsPage

    return SessionsPage(ctx)


def _reflections(ctx: AppContext) -> Page:
    from clinicapp.ui.pages.reflections import ReflectionsPage

    return ReflectionsPage(ctx)


def _action_plans(ctx: AppContext) -> Page:
    from clinicapp.ui.pages.action_plans import ActionPlansPage

    return ActionPlansPage(ctx)


def _support(ctx: AppContext) -> Page:
    from clinicapp.ui.pages.support import SupportPage

    return SupportPage(ctx)


def _reports(ctx: AppContext) -> Page:
    from clinicapp.ui.pages.reports import ReportsPage

    return ReportsPage(ctx)


def _sync(ctx: AppContext) -> Page:
    from clinicapp.ui.pages.sync import SyncPage

    return SyncPage(ctx)


def _settings(ctx: AppContext) -> Page:
    from clinicapp.ui.pages.settings import SettingsPage

    return SettingsPage(ctx)


@dataclass(frozen=True)
class PageEntry:
    """One sidebar entry. ``context``/``title``: the page class's own ``tr()`` context and
    text, so the sidebar shows the page's translated title without building it; ``opens``:
    the record kinds its ``show_record`` takes (search results and Today's links)."""

    key: str
    context: str
    title: str
    make: Callable[[AppContext], Page]
    opens: frozenset[str] = frozenset()

    def translated_title(self) -> str:
        return QCoreApplication.translate(self.context, self.title)


# The sidebar, in order.
PAGES: tuple[PageEntry, ...] = (
    PageEntry("today", "TodayPage", QT_TRANSLATE_NOOP("TodayPage", "Today"), _today),
    PageEntry("groups", "GroupsPage", QT_TRANSLATE_NOOP("GroupsPage", "Groups & members"),
              _groups, frozenset({"group"})),
    PageEntry("sessions", "SessionsPage", QT_TRANSLATE_NOOP("SessionsPage", "Sessions"),
              _sessions, frozenset({"session", "new_session"})),
    PageEntry("reflections", "ReflectionsPage",
              QT_TRANSLATE_NOOP("ReflectionsPage", "Reflections & commitments"),
              _reflections, frozenset({"commitment", "member"})),
    PageEntry("action_plans", "ActionPlansPage",
              QT_TRANSLATE_NOOP("ActionPlansPage", "Action plans"), _action_plans,
              frozenset({"action_item", "action_plan"})),
    PageEntry("support", "SupportPage", QT_TRANSLATE_NOOP("SupportPage", "Support requests"),
              _support, frozenset({"support_request", "new_support_request"})),
    PageEntry("reports", "ReportsPage", QT_TRANSLATE_NOOP("ReportsPage", "Reports"), _reports),
    PageEntry("sync", "SyncPage", QT_TRANSLATE_NOOP("SyncPage", "Sync"), _sync),
    PageEntry("settings", "SettingsPage", QT_TRANSLATE_NOOP("SettingsPage", "Settings"),
              _settings),
)
KEYS = tuple(entry.key for entry in PAGES)


class LazyPages(Sequence[Page]):
    """``window.pages``: every page in sidebar order, each built when first asked for."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __len__(self) -> int:
        return len(PAGES)

    @overload
    def __getitem__(self, index: int) -> Page: ...
    @overload
    def __getitem__(self, index: slice) -> list[Page]: ...

    def __getitem__(self, index: int | slice) -> Page | list[Page]:
        if isinstance(index, slice):
            return [self._window.page_at(i) for i in range(len(PAGES))[index]]
        if not -len(PAGES) <= index < len(PAGES):
            raise IndexError(index)
        return self._window.page_at(index % len(PAGES))

    def built(self) -> Iterator[Page]:
        """The pages built so far, without building any."""
        return (page for page in self._window._built if page is not None)


def ui_settings(ctx: AppContext) -> QSettings:
    """Interface preferences kept outside the database (readable before unlocking)."""
    return QSettings(str(ctx.paths.config_dir / "ui.ini"), QSettings.Format.IniFormat)


def idle_lock_ms(ctx: AppContext) -> int:
    from clinicapp.core.services import settings

    return int(settings.read(ctx.db, "idle_lock_minutes")) * 60_000


class MainWindow(QMainWindow):
    """``first``: Today as read before the database was open (``ctx.open_db`` is None
    until the worker opening it is done; ``database_opened`` then)."""

    database_opened = Signal()

    def __init__(self, ctx: AppContext, first: FirstRead | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self._first = first
        ctx.require_unlock = self._ask_passphrase
        self.setWindowTitle(self.tr("ClinicApp"))
        self._built: list[Page | None] = [None] * len(PAGES)
        self.pages = LazyPages(self)
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
        self.setCentralWidget(self.content)
        # Ctrl+L and the idle time cover this window and every dialog open above it; the
        # passphrase is asked in the front one (the only one that can take input).
        opening = ctx.open_db is None
        self.locker = LockController(
            self, ctx, idle_ms=IDLE_MS_UNTIL_OPEN if opening else idle_lock_ms(ctx))
        self.locker.locked_changed.connect(self._lock_changed)
        # Every window that appears (a dialog, a message) gets the wheel guard on its boxes.
        self.locker.idle.window_shown.connect(wheel_guard.guard)
        ctx.require_unlock = self._ask_passphrase
        self._build_pages()
        self.sidebar.currentRowChanged.connect(self._show_row)
        self._build_toolbar()
        self._build_menu_bar()
        self.status_line = StatusLine(ctx, self, start=False)
        self.setStatusBar(self.status_line)
        ctx.events.changed.connect(self._data_changed)
        self.restore_state()  # opens the first page, which starts loading its rows
        if opening:  # the rest once the database is open (on a worker, after drawing)
            self.database_opened.connect(self._opened, Qt.ConnectionType.QueuedConnection)
            pending = ctx.pending
            assert pending is not None
            pending.when_done(lambda: shiboken6.isValid(self) and self.database_opened.emit())
            return
        # What can wait comes after the first page's rows (the figures of the status line
        # read the whole change log: running beside them, they delayed Today by half).
        ops.when_idle(lambda: shiboken6.isValid(self) and self._after_first_page())

    def _opened(self) -> None:
        """On the UI thread once the worker is done opening the database."""
        pending = self.ctx.pending
        error = pending.error if pending is not None else None
        if error is not None:
            # As when it fails to open before the window: the person is told in words (an
            # unexpected error in the crash dialog, with the log), then the app ends.
            if isinstance(error, ClinicAppError):
                QMessageBox.critical(self, self.tr("ClinicApp"), str(error))
            else:
                from clinicapp.ui.dialogs import crash

                crash.show_crash(self, error)
            QApplication.exit(1)
            return
        self.locker.set_idle_ms(idle_lock_ms(self.ctx))
        self._after_first_page()

    def _after_first_page(self) -> None:
        startup.collect_again()  # start-up is over
        self.status_line.start()
        self._check_clock()

    def _check_clock(self) -> None:
        """Say at start when this computer's clock looks wrong (it ran ahead, or went
        back): bundles made with a wrong clock are refused elsewhere."""
        from clinicapp.ui.ops import run_op

        db = self.ctx.db

        def warnings() -> list[str]:
            from clinicapp.core.sync import api  # on the worker: not before the window

            return api.clock_warnings(db)

        run_op(self, warnings, show_errors=False,
               on_success=lambda found: self.statusBar().showMessage(
                   found[0] + " " + self.tr("See the Sync page.")) if found else None)

    # --- pages ----------------------------------------------------------------------

    def _build_pages(self) -> None:
        """The sidebar, shortcuts and an empty scroll area per page; no page yet."""
        self._areas: list[QScrollArea] = []
        for number, entry in enumerate(PAGES, start=1):
            title = entry.translated_title()
            area = QScrollArea(self.stack)
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            self._areas.append(area)
            self.stack.addWidget(area)
            item = QListWidgetItem(title)
            item.setToolTip(self.tr("%1 (Ctrl+%2)").replace("%1", title)
                            .replace("%2", str(number)))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
            self.sidebar.addItem(item)
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, row=number - 1: self.go_to(row))
            self.addAction(action)

    def page_at(self, row: int) -> Page:
        """The page of this sidebar row, built now if it never was. A page sits in a
        frameless scroll area: on a small screen the window still fits, and what does not
        fit scrolls instead of being cut off."""
        page = self._built[row]
        if page is None:
            page = PAGES[row].make(self.ctx)
            self._built[row] = page
            if self._first is not None and hasattr(page, "show_first"):
                page.show_first(self._first)  # drawn now; loaded again on a change
            self._first = None  # it is the first page's only: later ones read afresh
            area = self._areas[row]
            area.setWidget(page)
            area.setFocusProxy(page)
            page.open_record.connect(self.open_record)
            page.status_message.connect(
                lambda text: self.statusBar().showMessage(text, 5000))
        return page

    def page(self, key: str) -> Page:
        try:
            return self.page_at(KEYS.index(key))
        except ValueError:
            raise KeyError(key) from None

    def go_to(self, row: int) -> None:
        self.sidebar.setCurrentRow(row)

    def show_page(self, key: str) -> Page:
        page = self.page(key)
        self.go_to(KEYS.index(key))
        return page

    def current_page(self) -> Page:
        return self.page_at(self.stack.currentIndex())

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            page = self.page_at(row)
            self.stack.setCurrentIndex(row)
            page.on_shown()
            # What building and loading freed (its connections too, once it is open).
            memory.release_when_idle(self, self.ctx.open_db)

    def _data_changed(self, tables: frozenset[str]) -> None:
        if "local_settings" in tables:
            self.locker.set_idle_ms(idle_lock_ms(self.ctx))
        for page in self.pages.built():  # a page not built yet loads fresh on its visit
            page.on_data_changed(tables)

    def open_record(self, kind: str, row_id: str) -> None:
        """Navigate to the first page that shows records of this kind."""
        # The page that says it opens this kind first; a kind no entry names yet is asked
        # of every page in turn, as before pages were built lazily (building them).
        rows = [row for row, entry in enumerate(PAGES) if kind in entry.opens]
        for row in rows or range(len(PAGES)):
            if self.page_at(row).show_record(kind, row_id):
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
        # From any focus in the app: the search popup, a list, a field, a dialog.
        self.lock_action = self.locker.lock_action
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
        for row, entry in enumerate(PAGES):  # titles without building the pages
            go = QAction(entry.translated_title(), self)
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

    def _ask_passphrase(self) -> bool:
        """Leaving participant mode (or any other guarded step): the workstation
        passphrase in a small modal question, over whatever window asks."""
        parent = QApplication.activeModalWidget() or QApplication.activeWindow() or self
        return ask_passphrase(parent, self.ctx)

    @property
    def _idle(self) -> IdleLock:
        return self.locker.idle

    @property
    def lock_screen(self) -> LockScreen | None:
        """The passphrase screen while locked (in the front dialog, if one is open)."""
        return self.locker.screen

    @property
    def locked(self) -> bool:
        return self.locker.is_locked

    def lock(self) -> None:
        self.locker.lock()

    def unlock(self) -> None:
        """Uncover without asking: for the self-test's screenshots only (a person unlocks
        with the passphrase on the lock screen)."""
        self.locker.uncover()

    def _lock_changed(self, locked: bool) -> None:
        if locked:  # nothing typed into the search stays behind the lock
            self.search.popup.hide()
            self.search.clear()

    # --- window state ---------------------------------------------------------------

    def restore_state(self) -> None:
        stored = ui_settings(self.ctx)
        geometry = stored.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            # 1280×800, or the whole screen where it is smaller (a 1024×640 laptop).
            screen = QApplication.primaryScreen()
            room = screen.availableGeometry().size() if screen is not None else None
            self.resize(min(1280, room.width()) if room else 1280,
                        min(800, room.height()) if room else 800)
        state = stored.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        # The toolbar is never meant to be hidden: a window closed while locked saved it so.
        self.toolbar.show()
        try:
            row = int(str(stored.value("window/page", 0)))
        except ValueError:
            row = 0
        self.go_to(row if 0 <= row < len(PAGES) else 0)

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
