"""The complaint page's working cards: the evidence (files and the checklist), the replacement
order, and the reply for the customer. Each card reloads itself after an action and emits
`changed`; refusals show in the card."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.services import complaint_evidence as evidence
from csdesk.services import complaint_resolution as resolution
from csdesk.services import fmt, settings
from csdesk.ui import glyphs, theme
from csdesk.ui.widgets import confirm
from csdesk.ui.widgets.card import Card, LinkButton, muted_label, plain_label
from csdesk.ui.widgets.fields import copy_to_clipboard
from csdesk.ui.widgets.messages import error_label

KIND_ICONS = {"photo": "fa6s.image", "video": "fa6s.film", "document": "fa6s.file-pdf"}
FILE_FILTER = (
    "Foto, video atau PDF (*.jpg *.jpeg *.png *.webp *.heic *.mp4 *.mov *.3gp *.webm *.pdf);;"
    "Semua file (*)"
)


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()


class EvidenceCard(Card):
    """ "Bukti": the files (open, remove) and what this kind of complaint still needs."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Bukti"), parent)
        self.complaint_id: int | None = None
        self.author = ""
        self.add_button = QPushButton(glyphs.icon("fa6s.paperclip", color=theme.ACCENT), "", self)
        self.add_button.setText(self.tr("Tambah bukti…"))
        self.add_button.setToolTip(
            self.tr(
                "Foto (maks. %d MB) atau video unboxing (maks. %d MB) dari pelanggan; "
                "disalin ke folder aplikasi"
            )
            % (evidence.PHOTO_MAX_MB, evidence.VIDEO_MAX_MB)
        )
        self.add_button.clicked.connect(self.choose_files)
        self.add_header_widget(self.add_button)
        self.files = QWidget(self)
        self.grid = QGridLayout(self.files)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.empty = muted_label(self.tr("Belum ada bukti."))
        self.checklist_title = muted_label(self.tr("Yang dibutuhkan untuk keluhan ini:"))
        self.checks_box = QWidget(self)
        self.checks = QGridLayout(self.checks_box)
        self.checks.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        self.remove_buttons: dict[int, LinkButton] = {}
        self.error = error_label(self)
        for widget in (self.files, self.empty, self.checklist_title, self.checks_box, self.error):
            self.add(widget)

    def load(self, complaint_id: int) -> None:
        self.complaint_id = complaint_id
        self.error.hide()
        _clear(self.grid)
        self.remove_buttons = {}
        zone = settings.load().zone
        files = evidence.evidence_files(complaint_id)
        for row, item in enumerate(files):
            icon = QLabel(self.files)
            icon.setPixmap(
                glyphs.icon(KIND_ICONS.get(item.kind, "fa6s.file"), color=theme.MUTED).pixmap(
                    18, 18
                )
            )
            who = f" · {item.author}" if item.author else ""
            text = plain_label(item.original_name)
            text.setToolTip(str(item.path))
            meta = muted_label(
                f"{item.size / 1024 / 1024:.1f} MB · {fmt.datetime_short(item.added_at, zone)}{who}"  # type: ignore[arg-type]
                if item.exists
                else self.tr("file hilang dari folder aplikasi")
            )
            open_button = LinkButton(self.tr("Buka"), self.files)
            open_button.setEnabled(item.exists)
            open_button.clicked.connect(
                lambda _=False, p=item.path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(p)))
            )
            remove = LinkButton(self.tr("Hapus"), self.files)
            remove.clicked.connect(lambda _=False, i=item: self.remove(i.id, i.original_name))
            self.remove_buttons[item.id] = remove
            self.grid.addWidget(icon, row * 2, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(text, row * 2, 1)
            self.grid.addWidget(meta, row * 2 + 1, 1)
            self.grid.addWidget(open_button, row * 2, 2)
            self.grid.addWidget(remove, row * 2, 3)
        self.files.setVisible(bool(files))
        self.empty.setVisible(not files)

        _clear(self.checks)
        self.boxes = {}
        items = evidence.checklist(complaint_id)
        for row, item in enumerate(items):
            box = QCheckBox(item.text, self.checks_box)
            box.setChecked(item.done)
            if item.done and not item.by_hand:
                box.setEnabled(False)
                box.setToolTip(self.tr("Terpenuhi oleh file bukti"))
            else:
                box.setToolTip(self.tr("Centang bila sudah dicek di luar aplikasi"))
            box.toggled.connect(lambda checked, key=item.key: self.tick(key, checked))
            self.checks.addWidget(box, row, 0)
            self.boxes[item.key] = box
        self.checklist_title.setVisible(bool(items))
        self.checks_box.setVisible(bool(items))

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Tambah bukti keluhan"), str(Path.home()), self.tr(FILE_FILTER)
        )
        self.add_files([Path(name) for name in names])

    def add_files(self, paths: list[Path]) -> int:
        """Add each file; refused ones are named in the card. Returns how many were added."""
        if self.complaint_id is None:
            return 0
        added, refused = 0, []
        for path in paths:
            try:
                evidence.add_evidence(self.complaint_id, path, author=self.author)
                added += 1
            except CsdeskError as err:
                refused.append(str(err))
        self.load(self.complaint_id)
        if refused:
            self.error.setText("\n".join(refused))
            self.error.show()
        if added:
            self.changed.emit()
        return added

    def remove(self, evidence_id: int, name: str) -> None:
        question = self.tr(
            "Hapus %s dari bukti keluhan? Salinannya di folder aplikasi ikut dihapus."
        )
        if not confirm.ask(self, self.tr("Hapus bukti"), question % name, self.tr("Hapus")):
            return
        self._run(lambda: evidence.remove_evidence(evidence_id, author=self.author))

    def tick(self, key: str, checked: bool) -> None:
        if self.complaint_id is not None:
            complaint_id = self.complaint_id
            self._run(lambda: evidence.set_checked(complaint_id, key, checked, author=self.author))

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except CsdeskError as err:
            self.error.setText(str(err))
            self.error.show()
            return
        if self.complaint_id is not None:
            self.load(self.complaint_id)
        self.changed.emit()


class ReplyCard(Card):
    """ "Balasan untuk pelanggan": the quick reply that fits the complaint now, filled; copy it,
    or put it in the chat's reply box (`reply_requested(conversation_id, text)`)."""

    reply_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Balasan untuk pelanggan"), parent)
        self.conversation_id: int | None = None
        self.title = muted_label()
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("complaintReply")
        self.text.setFixedHeight(96)
        self.warning = muted_label()
        self.warning.setStyleSheet("color: #b45309;")
        self.copy_button = QPushButton(glyphs.icon("fa6s.copy", color=theme.ACCENT), "", self)
        self.copy_button.setText(self.tr("Salin"))
        self.copy_button.clicked.connect(self.copy)
        self.chat_button = QPushButton(glyphs.icon("fa6s.comment", color=theme.ACCENT), "", self)
        self.chat_button.setText(self.tr("Tulis di percakapan"))
        self.chat_button.setToolTip(
            self.tr("Buka chatnya di Inbox dengan balasan ini siap dikirim")
        )
        self.chat_button.clicked.connect(self.to_chat)
        self.copied = muted_label()
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.chat_button)
        row.addWidget(self.copied, 1)
        for widget in (self.title, self.text, self.warning):
            self.add(widget)
        self.add(row)

    def load(self, complaint_id: int, conversation_id: int | None) -> None:
        self.conversation_id = conversation_id
        reply = resolution.reply(complaint_id)
        self.title.setText(self.tr("Template %s · %s") % (reply.shortcut, reply.title))
        self.text.setPlainText(reply.text)
        missing = ", ".join("{" + key + "}" for key in reply.missing)
        self.warning.setText(self.tr("Belum terisi: %s") % missing if missing else "")
        self.warning.setVisible(bool(missing))
        self.chat_button.setVisible(conversation_id is not None)
        self.copied.clear()

    def copy(self) -> None:
        copy_to_clipboard(self.text.toPlainText())
        self.copied.setText(self.tr("Disalin ✓"))

    def to_chat(self) -> None:
        if self.conversation_id is not None:
            self.reply_requested.emit(self.conversation_id, self.text.toPlainText())
