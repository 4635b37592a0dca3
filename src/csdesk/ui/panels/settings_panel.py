"""Pengaturan: the shop's settings as one form of sections, saved together with Ctrl+S.

Nothing is written until every section's values are valid; each problem is shown under the
section it belongs to, and the form scrolls to the first one.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.services import settings
from csdesk.ui.panels.settings_sections import (
    BankSection,
    ComplaintWindowSection,
    HoursSection,
    PaymentDeadlineSection,
    ProfileSection,
    ResponseSection,
    Section,
    SegmentSection,
    WhatsAppSection,
    ZoneSection,
)
from csdesk.ui.widgets import messages

FORM_MAX_WIDTH = 760


class SettingsPanel(QWidget):
    key = "settings"
    title = "Pengaturan"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings.ShopSettings()
        self._loaded = False

        heading = QLabel(self.tr("Pengaturan"), self)
        heading.setObjectName("panelTitle")
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setObjectName("countLabel")
        self.revert_button = QPushButton(self.tr("Batalkan perubahan"), self)
        self.revert_button.clicked.connect(self.refresh)
        self.save_button = QPushButton(self.tr("Simpan"), self)
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.tr("Simpan pengaturan (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.status_label)
        top.addWidget(self.revert_button)
        top.addWidget(self.save_button)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("settingsError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(messages.BOX_STYLE)
        self.error_label.hide()

        self.profile = ProfileSection()
        self.banks = BankSection()
        self.hours = HoursSection()
        self.zone = ZoneSection()
        self.whatsapp = WhatsAppSection()
        self.response = ResponseSection()
        self.payment_deadline = PaymentDeadlineSection()
        self.complaints = ComplaintWindowSection()
        self.segments = SegmentSection()
        self.sections: list[Section] = [
            self.profile,
            self.banks,
            self.hours,
            self.zone,
            self.whatsapp,
            self.response,
            self.payment_deadline,
            self.complaints,
            self.segments,
        ]
        form = QWidget()
        form.setMaximumWidth(FORM_MAX_WIDTH)
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(12)
        for section in self.sections:
            column.addWidget(section)
        column.addStretch(1)
        page = QWidget()
        centred = QHBoxLayout(page)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addWidget(form, 1)
        centred.addStretch(0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.scroll, 1)

        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

    # --- what the main window calls -------------------------------------------------------

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        """Show what is stored, dropping unsaved edits."""
        self._loaded = True
        self._settings = settings.load()
        for section in self.sections:
            section.load(self._settings)
            section.show_errors([])
        self._show_error("")
        self.status_label.clear()

    def apply_filter(self, **_filters: str) -> None:
        """Settings have nothing to filter; the shell calls every panel the same way."""
        self.ensure_loaded()

    def open_record(self, _record_id: int) -> None:
        """Settings are one record; the shell calls every panel the same way."""
        self.ensure_loaded()

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> bool:
        # A copy keeps fields no section edits (e.g. `onboarded`) and leaves the loaded
        # values intact if saving is refused.
        edited = copy.deepcopy(self._settings)
        first_bad: Section | None = None
        for section in self.sections:
            errors = section.collect(edited)
            section.show_errors(errors)
            if errors and first_bad is None:
                first_bad = section
        if first_bad is not None:
            self._show_error(self.tr("Pengaturan belum disimpan: periksa isian yang ditandai."))
            self.scroll.ensureWidgetVisible(first_bad)
            return False
        try:
            settings.save(edited)
        except CsdeskError as err:
            self._show_error(str(err))
            return False
        self._settings = edited
        self._show_error("")
        self.status_label.setText(self.tr("Tersimpan ✓"))
        return True

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
