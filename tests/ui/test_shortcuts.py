"""No key does two things: Qt fires neither of two shortcuts that are active together
("Ambiguous shortcut overload"), so a clash silently kills both. For every panel, the window's
own shortcuts plus that panel's (its detail pane and reply box included) must all differ."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QAction, QKeySequence, QShortcut

from csdesk.services.demo import generate_demo
from csdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db):
    generate_demo(60, seed=5)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


def keys_of(widget) -> list[str]:
    found = []
    for shortcut in widget.findChildren(QShortcut):
        found.append(shortcut.key().toString())
    for action in widget.findChildren(QAction):
        found += [key.toString() for key in action.shortcuts()]
    return [key for key in found if key]


def test_no_two_shortcuts_share_a_key_on_any_panel(window: MainWindow) -> None:
    actions = set(window.actions())
    for menu_action in window.menuBar().actions():
        if menu_action.menu() is not None:
            actions.update(menu_action.menu().actions())
    own = [key.toString() for action in actions for key in action.shortcuts()]
    for spec in window.specs:
        window.show_panel(spec.key)
        panel = window.panel(spec.key)
        keys = [k for k in own if k] + keys_of(panel)
        clashes = {key: n for key, n in Counter(keys).items() if n > 1}
        assert not clashes, f"{spec.title}: {clashes}"
    assert QKeySequence("Ctrl+Shift+M").toString() in own  # Catat pesan masuk, everywhere
