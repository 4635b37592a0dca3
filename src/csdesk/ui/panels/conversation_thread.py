"""The conversation thread as chat bubbles (the reply is written in reply_composer.py).

Bubbles are QLabels in plain-text mode: whatever a customer typed (`<script>`, a link, an
emoji) reads exactly as sent and is never rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from csdesk.services import fmt
from csdesk.services.conversations import EVENT_KIND
from csdesk.ui.widgets.card import plain_label

BUBBLE_COLOURS = {"in": "#ffffff", "out": "#dcf8c6", "note": "#fff4c2"}
BUBBLE_MAX_WIDTH = 420
# Longer messages may wrap down to this width, so a narrow Inbox pane never scrolls sideways.
BUBBLE_MIN_WRAP_WIDTH = 260
# One style sheet for the whole thread: a sheet per bubble was parsed once per bubble, the
# largest cost of opening a long thread.
THREAD_STYLE = (
    "QWidget#thread { background: #efeae2; border-radius: 8px; }"
    " QFrame#bubble { border: 1px solid #e1e4e8; border-radius: 10px;"
    f" background: {BUBBLE_COLOURS['in']}; }}"
    + "".join(
        f' QFrame#bubble[direction="{key}"] {{ background: {colour}; }}'
        for key, colour in BUBBLE_COLOURS.items()
    )
    + " QLabel#bubbleHeader { color: #6b7480; font-size: 8pt; }"
    " QLabel#threadEvent { color: #5b6470; font-size: 8pt; }"
)


class ThreadMessage(Protocol):
    direction: str
    author: str
    sent_at: dt.datetime
    body: str
    kind: str


class Bubble(QFrame):
    """One message: who and when above the text; notes are yellow and say they are internal."""

    def __init__(self, message: ThreadMessage, zone: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bubble")
        self.setProperty("direction", message.direction)
        self.setMaximumWidth(BUBBLE_MAX_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        who = message.author or ""
        if message.direction == "note":
            who = self.tr("Catatan internal · %s") % who if who else self.tr("Catatan internal")
        header = plain_label(
            f"{who}  {fmt.datetime_short(message.sent_at, zone)}".strip(),
            wrap=False,
            selectable=False,
        )
        header.setObjectName("bubbleHeader")
        layout.addWidget(header)
        if message.kind == "media" and not message.body:
            body = plain_label(self.tr("[lampiran]"))
        elif message.kind == "deleted":
            body = plain_label(self.tr("Pesan ini dihapus"))
            body.setStyleSheet("font-style: italic; color: #6b7480;")
        else:
            body = plain_label(message.body)
        body.setObjectName("bubbleText")
        # A wrapping QLabel asks for very little width; give it its text's natural width (up
        # to the bubble's maximum) so short messages stay on one line.
        natural = max(
            (body.fontMetrics().horizontalAdvance(line) for line in body.text().splitlines()),
            default=0,
        )
        header_width = header.sizeHint().width()
        body.setMinimumWidth(min(max(natural, header_width) + 4, BUBBLE_MIN_WRAP_WIDTH))
        layout.addWidget(body)
        self.text = body.text()


class ThreadView(QWidget):
    """Messages oldest first: the customer's on the left, the shop's on the right, status
    changes as small centred lines.

    A long thread shows its newest page only; the button above it ("Tampilkan pesan
    sebelumnya") emits `older_requested`, and the pane answers with `prepend_messages`.
    """

    older_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.setSpacing(6)
        self.setObjectName("thread")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(THREAD_STYLE)
        self.bubbles: list[Bubble] = []
        self.messages: list[ThreadMessage] = []  # shown, oldest first (event lines included)
        self.older_hidden = 0
        self._zone = fmt.DEFAULT_ZONE
        self.older_button = QPushButton(self)
        self.older_button.setObjectName("olderMessages")
        self.older_button.setFlat(True)
        self.older_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.older_button.setStyleSheet(
            "QPushButton { color: #1d4f91; background: #ffffffcc; border-radius: 10px;"
            " padding: 3px 12px; }"
        )
        self.older_button.clicked.connect(self.older_requested)
        self.older_button.hide()
        self._empty: QLabel | None = None

    @property
    def first_message(self) -> ThreadMessage | None:
        """The oldest message shown: where the previous page ends."""
        return self.messages[0] if self.messages else None

    def set_messages(
        self, messages: Sequence[ThreadMessage], zone: str, *, older_hidden: int = 0
    ) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.older_button:
                widget.deleteLater()
        self.bubbles = []
        self.messages = []
        self._zone = zone
        # A short chat sits at the bottom, next to the reply box, as in WhatsApp; without
        # this the few bubbles were stretched to fill the thread's height.
        self._layout.addStretch(1)
        self._layout.addWidget(self.older_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._empty = None
        if not messages:
            self._empty = self._centred(self.tr("Belum ada pesan di percakapan ini."))
            self._layout.addWidget(self._empty)
        self._insert(messages, at_top=False)
        self._set_older(older_hidden)

    def prepend_messages(self, messages: Sequence[ThreadMessage], older_hidden: int) -> None:
        """Older messages above those shown (the previous page), and how many are left."""
        self._insert(messages, at_top=True)
        self._set_older(older_hidden)

    def _set_older(self, older_hidden: int) -> None:
        self.older_hidden = older_hidden
        self.older_button.setText(
            self.tr("▲ Tampilkan pesan sebelumnya (%s lagi)")
            % f"{older_hidden:,}".replace(",", ".")
        )
        self.older_button.setToolTip(self.tr("Muat %d pesan yang lebih lama") % older_hidden)
        self.older_button.setVisible(older_hidden > 0)

    def _insert(self, messages: Sequence[ThreadMessage], *, at_top: bool) -> None:
        # At the top means after the stretch and the "older" button.
        position = 2 if at_top else self._layout.count()
        bubbles: list[Bubble] = []
        for offset, message in enumerate(messages):
            self._layout.insertWidget(position + offset, self._row(message, bubbles))
        if at_top:
            self.bubbles[:0] = bubbles
            self.messages[:0] = messages
        else:
            self.bubbles.extend(bubbles)
            self.messages.extend(messages)

    def _row(self, message: ThreadMessage, bubbles: list[Bubble]) -> QWidget:
        if message.kind == EVENT_KIND:
            stamp = fmt.datetime_short(message.sent_at, self._zone)
            by = f" · {message.author}" if message.author else ""
            return self._centred(f"{message.body}{by} · {stamp}")
        # A row of its own, so the wrapped text is measured at the bubble's width (aligned
        # straight in the thread's layout, long messages lost their last lines).
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        bubble = Bubble(message, self._zone, holder)
        if message.direction == "in":
            row.addWidget(bubble)
            row.addStretch(1)
        else:
            row.addStretch(1)
            row.addWidget(bubble)
        bubbles.append(bubble)
        return holder

    def _centred(self, text: str) -> QLabel:
        label = plain_label(text, selectable=False)
        label.setObjectName("threadEvent")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label
