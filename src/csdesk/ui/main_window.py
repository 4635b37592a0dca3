"""The main window: navigation on the left, one panel at a time on the right.

Panels are built the first time they are shown, so start-up reads only the Dasbor. A panel
whose data may have changed elsewhere (a detail pane edited a record, demo data arrived) is
marked stale and reloads the next time it is shown; F5 reloads the visible one at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee as pw
from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from csdesk import __version__, paths
from csdesk.errors import CsdeskError
from csdesk.models.db import describe, sqlite_path
from csdesk.services import settings as shop_settings
from csdesk.services import stats
from csdesk.services.backup import backup_database
from csdesk.ui import glyphs
from csdesk.ui.import_actions import ImportActions
from csdesk.ui.widgets.cells import number
from csdesk.ui.workers import run_in_background


@dataclass(frozen=True)
class PanelSpec:
    key: str
    title: str
    icon: str
    factory: Callable[[], QWidget]


NAV_ROW_HEIGHT = 38

# The panel that shows each kind of record (detail panes and search results name kinds).
PANEL_OF_KIND = {
    "customer": "customers",
    "order": "orders",
    "conversation": "inbox",
    "complaint": "complaints",
    "template": "templates",
    "product": "products",
}


def _lazy(module: str, name: str) -> Callable[[], QWidget]:
    """Build panel `name` of `module`, importing it only then: start-up imports the Dasbor's
    module alone, not every panel's dialogs, charts and exports."""

    def build() -> QWidget:
        panel: QWidget = getattr(importlib.import_module(module), name)()
        return panel

    return build


def _panel_specs() -> list[PanelSpec]:
    tr = QMainWindow.tr
    panels = "csdesk.ui.panels."
    return [
        PanelSpec("dashboard", tr("Dasbor"), "fa6s.gauge-high",
                  _lazy(panels + "dashboard", "DashboardPanel")),
        PanelSpec("inbox", tr("Inbox"), "fa6s.inbox", _lazy(panels + "inbox", "InboxPanel")),
        PanelSpec("customers", tr("Pelanggan"), "fa6s.users",
                  _lazy(panels + "customers", "CustomersPanel")),
        PanelSpec("orders", tr("Pesanan"), "fa6s.box", _lazy(panels + "orders", "OrdersPanel")),
        PanelSpec("complaints", tr("Keluhan"), "fa6s.triangle-exclamation",
                  _lazy(panels + "complaints", "ComplaintsPanel")),
        PanelSpec("products", tr("Produk"), "fa6s.shirt",
                  _lazy(panels + "products", "ProductsPanel")),
        PanelSpec("templates", tr("Template"), "fa5s.comment-dots",
                  _lazy(panels + "templates", "TemplatesPanel")),
        PanelSpec("reports", tr("Laporan"), "fa6s.chart-column",
                  _lazy(panels + "reports", "ReportsPanel")),
        PanelSpec("settings", tr("Pengaturan"), "fa5s.cog",
                  _lazy(panels + "settings_panel", "SettingsPanel")),
    ]  # fmt: skip


def window_settings() -> QSettings:
    """Window geometry lives beside the data (so a portable or test data folder keeps its own)."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    def __init__(self, database: pw.Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self.setWindowTitle("csdesk")
        self.setMinimumSize(QSize(1000, 640))
        self.specs = _panel_specs()
        self.panels: dict[str, QWidget] = {}
        self._stale: set[str] = set()
        self._search_dialog: Any = None

        self.nav = QListWidget(self)
        self.nav.setObjectName("sidebar")
        self.nav.setFixedWidth(190)
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setSpacing(2)
        self.nav.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for number_key, spec in enumerate(self.specs, start=1):
            item = QListWidgetItem(glyphs.icon(spec.icon, color="#4b5563"), spec.title)
            item.setToolTip(f"{spec.title} (Ctrl+{number_key})")
            item.setSizeHint(QSize(0, NAV_ROW_HEIGHT))
            self.nav.addItem(item)
        self.stack = QStackedWidget(self)
        self.nav.currentRowChanged.connect(lambda row: self.show_panel(self.specs[row].key))

        self.main_page = QWidget(self)
        row = QHBoxLayout(self.main_page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.main_page)
        self.setCentralWidget(self.pages)
        self.welcome: QWidget | None = None
        self.imports = ImportActions(self, can_import=lambda: self.welcome is None)
        self.imports.orders_changed.connect(self.after_import)
        self.imports.chats_changed.connect(self.after_import)
        self.imports.open_conversation.connect(
            lambda conversation_id: self.open_record("conversation", conversation_id)
        )

        self._build_menu()
        self._build_status_bar()
        self._restore_geometry()

        if self._needs_welcome():
            self._show_welcome()
        else:
            self.show_panel("dashboard")
            self.update_status_counts()

    # --- navigation -----------------------------------------------------------------------

    def panel(self, key: str) -> QWidget:
        """The panel for `key`, built on first use."""
        if key not in self.panels:
            spec = next(s for s in self.specs if s.key == key)
            widget = spec.factory()
            self.panels[key] = widget
            self.stack.addWidget(widget)
            self._wire(key, widget)
            state = window_settings().value(f"splitter/{key}")
            if isinstance(state, QByteArray) and hasattr(widget, "restore_splitter_state"):
                widget.restore_splitter_state(state)
        return self.panels[key]

    def current_key(self) -> str:
        row = self.nav.currentRow()
        return self.specs[row].key if row >= 0 else ""

    def show_panel(self, key: str, *, load: bool = True) -> QWidget:
        """Switch to a panel. With `load`, a list shown for the first time reads its rows and
        a stale one re-reads them; callers that filter or select right after pass False."""
        created = key not in self.panels
        widget = self.panel(key)
        row = next(i for i, s in enumerate(self.specs) if s.key == key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self.stack.setCurrentWidget(widget)
        if not load:
            self._stale.discard(key)
        elif key in self._stale or getattr(widget, "refresh_on_show", False):
            self._stale.discard(key)
            widget.refresh()  # type: ignore[attr-defined]
        elif created and hasattr(widget, "ensure_loaded"):
            widget.ensure_loaded()
        return widget

    def navigate(self, key: str, filters: dict[str, str]) -> None:
        """Show a panel filtered (a Dasbor card's click-through)."""
        widget = self.show_panel(key, load=False)
        widget.apply_filter(**filters)  # type: ignore[attr-defined]

    def open_record(self, kind: str, record_id: int) -> None:
        """Show a record in its own panel, selected (from search, detail panes, Dasbor)."""
        key = PANEL_OF_KIND.get(kind)
        if key is None:
            return
        widget = self.show_panel(key, load=key in self._stale)
        widget.open_record(record_id)  # type: ignore[attr-defined]

    def reply_in_chat(self, conversation_id: int, text: str) -> None:
        """Show the chat in the Inbox with `text` in its reply box, ready to send."""
        self.open_record("conversation", conversation_id)
        self.panel("inbox").draft_reply(conversation_id, text)  # type: ignore[attr-defined]

    def refresh_current(self) -> None:
        widget = self.stack.currentWidget()
        if widget is not None:
            widget.refresh()  # type: ignore[attr-defined]
        self.update_status_counts()

    def mark_all_stale(self, except_key: str = "") -> None:
        self._stale.update(k for k in self.panels if k != except_key)

    def quick_capture(self) -> None:
        """A message from WhatsApp, Instagram, a marketplace chat, the phone or email, typed or
        pasted, into the Inbox (Ctrl+Shift+M from anywhere)."""
        self.panel("inbox").open_quick_capture(self)  # type: ignore[attr-defined]

    def open_search(self) -> None:
        if self._search_dialog is None:
            from csdesk.ui.dialogs.global_search import GlobalSearchDialog

            self._search_dialog = GlobalSearchDialog(self)
            self._search_dialog.open_record.connect(self.open_record)
        self._search_dialog.start()

    def _wire(self, key: str, widget: QWidget) -> None:
        if hasattr(widget, "navigate"):
            widget.navigate.connect(self.navigate)
        if hasattr(widget, "open_requested"):
            widget.open_requested.connect(self.open_record)
        if hasattr(widget, "reply_requested"):
            widget.reply_requested.connect(self.reply_in_chat)
        if hasattr(widget, "empty_action_requested"):
            widget.empty_action_requested.connect(self.fill_demo_data)
        detail = getattr(widget, "detail", None)
        if detail is not None and hasattr(detail, "changed"):
            detail.changed.connect(lambda key=key: self._data_changed(key))
        if hasattr(widget, "changed"):
            widget.changed.connect(lambda key=key: self._data_changed(key))

    def _data_changed(self, origin: str) -> None:
        self.mark_all_stale(except_key=origin)
        self.update_status_counts()

    # --- importing ------------------------------------------------------------------------

    def after_import(self) -> None:
        """Orders or chats came in, or orders went out: every panel re-reads, the visible one
        at once."""
        self.mark_all_stale()
        key = self.current_key()
        if key:
            self._stale.discard(key)
            self.panel(key).refresh()  # type: ignore[attr-defined]
        self.update_status_counts()

    # --- welcome --------------------------------------------------------------------------

    def _needs_welcome(self) -> bool:
        if shop_settings.load().onboarded:
            return False
        counts = stats.collect()
        return not counts["orders"] and not counts["customers"]

    def _show_welcome(self) -> None:
        from csdesk.ui.welcome import WelcomePage

        self.welcome = WelcomePage(self)
        self.welcome.finished.connect(self.leave_welcome)
        self.pages.addWidget(self.welcome)
        self.pages.setCurrentWidget(self.welcome)
        self._set_navigation_enabled(False)

    def _set_navigation_enabled(self, enabled: bool) -> None:
        shell = [
            self.search_action,
            self.capture_action,
            self.refresh_action,
            self.import_action,
            self.chat_import_action,
            self.history_action,
        ]
        for action in [*self.panel_actions.values(), *shell]:
            action.setEnabled(enabled)

    def leave_welcome(self) -> None:
        """Go from the welcome page to the panels (the page saved the profile itself; the
        self-test leaves it without saving anything)."""
        if self.welcome is None:
            return
        self._set_navigation_enabled(True)
        self.pages.setCurrentWidget(self.main_page)
        if self.welcome is not None:
            self.pages.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None
        self.mark_all_stale()
        self.show_panel("dashboard")
        self.update_status_counts()

    def fill_demo_data(self) -> None:
        """An empty list's "Isi data contoh": the same demo fill as on the welcome page."""
        from csdesk.ui.welcome import start_demo_fill

        def done() -> None:
            self.mark_all_stale()
            key = self.current_key()
            self._stale.discard(key)
            self.panel(key).refresh()  # type: ignore[attr-defined]
            self.update_status_counts()

        start_demo_fill(self, done)

    # --- menu and status bar --------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], Any], shortcut: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_menu(self) -> None:
        """Every shortcut is a menu action, so the menus also show the keys."""
        file_menu = self.menuBar().addMenu(self.tr("&Berkas"))
        self.import_action = self._action(
            self.tr("Impor pesanan…"), self.imports.choose_files, "Ctrl+I"
        )
        file_menu.addAction(self.import_action)
        self.chat_import_action = self._action(
            self.tr("Impor chat WhatsApp…"), self.imports.choose_chats, "Ctrl+Shift+O"
        )
        file_menu.addAction(self.chat_import_action)
        self.history_action = self._action(self.tr("Riwayat impor…"), self.imports.open_history)
        file_menu.addAction(self.history_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("Cadangkan database…"), self.backup_now))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("Keluar"), self.close, "Ctrl+Q"))
        go_menu = self.menuBar().addMenu(self.tr("B&uka"))
        self.panel_actions: dict[str, QAction] = {}
        for number_key, spec in enumerate(self.specs, start=1):
            action = self._action(
                spec.title, lambda key=spec.key: self.show_panel(key), f"Ctrl+{number_key}"
            )
            go_menu.addAction(action)
            self.panel_actions[spec.key] = action
        go_menu.addSeparator()
        self.search_action = self._action(
            self.tr("Cari di semua data…"), self.open_search, "Ctrl+K"
        )
        go_menu.addAction(self.search_action)
        self.capture_action = self._action(
            self.tr("Catat pesan masuk…"), self.quick_capture, "Ctrl+Shift+M"
        )
        go_menu.addAction(self.capture_action)
        self.refresh_action = self._action(self.tr("Muat ulang"), self.refresh_current, "F5")
        go_menu.addAction(self.refresh_action)
        help_menu = self.menuBar().addMenu(self.tr("B&antuan"))
        help_menu.addAction(self._action(self.tr("Tentang csdesk"), self.show_about))

    def _build_status_bar(self) -> None:
        path = sqlite_path(self.database)
        self.db_label = QLabel(self)
        self.db_label.setObjectName("muted")
        self.db_label.setTextFormat(Qt.TextFormat.PlainText)
        self.db_label.setText(
            self.tr("Database: %s")
            % (path if path is not None else describe(str(self.database.database)))
        )
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("muted")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)

    def update_status_counts(self) -> None:
        """Totals in the status bar, counted off the GUI thread (a big shop has many orders)."""

        def show(counts: dict[str, Any]) -> None:
            self.counts_label.setText(
                self.tr("%s pesanan · %s pelanggan · %s keluhan terbuka")
                % (
                    number(counts["orders"]),
                    number(counts["customers"]),
                    number(counts["complaints_open"]),
                )
            )

        run_in_background(self, lambda _progress, _cancelled: stats.collect(), show)

    def backup_now(self) -> None:
        path = sqlite_path(self.database)
        if path is None:
            QMessageBox.information(
                self,
                self.tr("Cadangkan database"),
                self.tr("Database server dicadangkan dengan alat servernya (pg_dump)."),
            )
            return
        folder = paths.backups_dir_for(path)
        folder.mkdir(parents=True, exist_ok=True)
        target, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan cadangan database"),
            str(folder / f"{path.stem}-cadangan.sqlite"),
            self.tr("Database csdesk (*.sqlite)"),
        )
        if not target:
            return
        try:
            written = backup_database(self.database, dest=Path(target))
        except CsdeskError as exc:
            QMessageBox.warning(self, self.tr("Cadangkan database"), str(exc))
            return
        QMessageBox.information(
            self, self.tr("Cadangkan database"), self.tr("Cadangan tersimpan di:\n%s") % written
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Tentang csdesk"),
            self.tr(
                "csdesk %s\n\nMeja layanan pelanggan untuk toko online: chat, pesanan, "
                "pelanggan dan keluhan dalam satu tempat, tersimpan di komputer Anda."
            )
            % __version__,
        )

    # --- geometry -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        store = window_settings()
        geometry = store.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = store.value("state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        store = window_settings()
        store.setValue("geometry", self.saveGeometry())
        store.setValue("state", self.saveState())
        for key, widget in self.panels.items():
            if hasattr(widget, "splitter_state"):
                store.setValue(f"splitter/{key}", widget.splitter_state())
        store.sync()
        super().closeEvent(event)
