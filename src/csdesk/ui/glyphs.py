"""Icons from the Font Awesome fonts that qtawesome ships ("fa6s.box", "fa5s.cog"), drawn here.

Importing qtawesome costs ~200 ms at start-up: its qtpy layer star-imports QtCore, QtGui and
QtWidgets, which turns every Qt enum into a Python enum. csdesk only ever asks for a glyph in a
colour, so it reads qtawesome's font files and charmaps itself (they stay qtawesome's, installed
with it; the frozen build collects them) and paints each icon once per size into a QIcon.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import sys
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPixmap

# Prefix → the font's file name before its version ("fontawesome6-solid-webfont-6.7.2.ttf").
FONTS = {
    "fa5s": "fontawesome5-solid-webfont",
    "fa5b": "fontawesome5-brands-webfont",
    "fa5": "fontawesome5-regular-webfont",
    "fa6s": "fontawesome6-solid-webfont",
    "fa6b": "fontawesome6-brands-webfont",
    "fa6": "fontawesome6-regular-webfont",
}
SIZES = (16, 18, 20, 24, 32, 48, 64, 128)
SCALE = 0.875  # the glyph's height within the icon's square, as qtawesome draws it


def fonts_dir() -> Path:
    base = getattr(sys, "_MEIPASS", None)
    if base is not None:
        return Path(base) / "qtawesome" / "fonts"
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or spec.origin is None:
        raise RuntimeError("qtawesome (its icon fonts) is not installed")
    return Path(spec.origin).parent / "fonts"


@functools.cache
def _font(prefix: str) -> tuple[str, dict[str, str]]:
    """(font family, glyph name → code point in hex) for `prefix`, loaded once."""
    stem = FONTS[prefix]
    folder = fonts_dir()
    ttf = next(path for path in sorted(folder.glob(f"{stem}-*.ttf")))
    charmap = next(path for path in sorted(folder.glob(f"{stem}-charmap-*.json")))
    font_id = QFontDatabase.addApplicationFont(str(ttf))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise RuntimeError(f"icon font not loadable: {ttf}")
    codes: dict[str, str] = json.loads(charmap.read_text(encoding="utf-8"))
    return families[0], codes


@functools.cache
def icon(name: str, color: str = "#000000") -> QIcon:
    """The glyph `name` ("fa6s.box") in `color`, as qtawesome's `qta.icon(name, color=…)`."""
    prefix, glyph = name.split(".", 1)
    family, codes = _font(prefix)
    char = chr(int(codes[glyph], 16))
    font = QFont(family)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    if prefix.endswith("s"):
        font.setWeight(QFont.Weight.Black)  # the solid style of the Font Awesome 6 family
    result = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font.setPixelSize(max(1, round(size * SCALE)))
        painter.setFont(font)
        painter.setPen(QColor(color))
        painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, char)
        painter.end()
        result.addPixmap(pixmap)
    return result
