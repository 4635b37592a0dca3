"""The look: Fusion with a calm light palette, a readable font size, and a few named styles.

One place for colours so panels do not each invent their own.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#0f766e"
ACCENT_LIGHT = "#ccfbf1"
TEXT = "#1f2937"
MUTED = "#6b7280"
BORDER = "#e5e7eb"
WINDOW = "#f4f5f7"
SIDEBAR = "#ffffff"
RED = "#b91c1c"
AMBER = "#b45309"

STYLESHEET = f"""
QLabel#panelTitle {{ font-size: 16pt; font-weight: 600; color: {TEXT}; }}
QLabel#countLabel {{ color: {MUTED}; }}
QLabel#filterLabel {{ color: {MUTED}; }}
QLabel#muted {{ color: {MUTED}; }}
QListWidget#sidebar {{
    background: {SIDEBAR}; border: none; border-right: 1px solid {BORDER};
    padding-top: 8px; outline: 0;
}}
QListWidget#sidebar::item {{
    padding-left: 12px; margin: 0 8px; border-radius: 6px; color: {TEXT};
}}
QListWidget#sidebar::item:hover {{ background: #f0f2f5; }}
QListWidget#sidebar::item:selected {{ background: {ACCENT_LIGHT}; color: {ACCENT}; }}
QTableView {{ border: 1px solid {BORDER}; border-radius: 4px; gridline-color: {BORDER}; }}
QHeaderView::section {{
    background: #fafafa; border: none; border-bottom: 1px solid {BORDER};
    padding: 5px 6px; font-weight: 600; color: #374151;
}}
QTabBar::tab {{ padding: 6px 10px; color: {MUTED}; }}
QTabBar::tab:selected {{ color: {ACCENT}; border-bottom: 2px solid {ACCENT}; }}
QPushButton#primary {{
    background: {ACCENT}; color: white; border: none; border-radius: 6px;
    padding: 9px 18px; font-weight: 600;
}}
QPushButton#primary:hover {{ background: #115e59; }}
QPushButton#primary:disabled {{ background: #d1d5db; color: #f9fafb; }}
QPushButton#primary:focus {{ outline: none; border: 2px solid #134e4a; }}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f8fafb",
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: "#ffffff",
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: "#cdeee9",
        QPalette.ColorRole.HighlightedText: TEXT,
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: "#9ca3af",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9ca3af"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9ca3af"))
    app.setPalette(palette)
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
