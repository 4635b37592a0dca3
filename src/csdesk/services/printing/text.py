"""Text on labels: the bundled fonts, characters they cannot draw, and wrapping to a width.

The labels use DejaVu Sans (bundled in `csdesk/fonts`, registered once per process) so any
Indonesian name, address or note renders the same on every laptop, with a real text layer.
Characters the font has no glyph for (emoji in a buyer note, a stray symbol) are dropped
rather than printed as boxes or crashing the print; control characters become spaces.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"
ELLIPSIS = "…"

_lock = threading.Lock()
_glyphs: frozenset[int] = frozenset()


def register_fonts() -> None:
    """Register the bundled fonts with reportlab (once; safe from any thread)."""
    global _glyphs
    with _lock:
        if _glyphs:
            return
        regular = TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf"))
        bold = TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(regular)
        pdfmetrics.registerFont(bold)
        _glyphs = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)


def printable(text: str) -> str:
    """`text` with only characters both fonts can draw, on one line."""
    if text.isascii() and text.isprintable():
        return text
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Zs", "Zl", "Zp", "Cc"):
            out.append(" ")
        elif category[0] != "C" and ord(char) in _glyphs:
            out.append(char)
    return " ".join("".join(out).split())


def width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def ellipsize(text: str, font: str, size: float, max_width: float) -> str:
    """`text` cut with "…" so it fits `max_width` (unchanged when it already fits)."""
    if width(text, font, size) <= max_width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if width(text[:middle].rstrip() + ELLIPSIS, font, size) <= max_width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def _break_word(word: str, font: str, size: float, max_width: float) -> list[str]:
    """A word wider than the line (a long code, a URL) cut into pieces that fit."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and width(current + char, font, size) > max_width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(
    text: str, font: str, size: float, max_width: float, max_lines: int | None = None
) -> list[str]:
    """`text` in lines no wider than `max_width`, broken between words (inside a word only
    when it alone is too wide). With `max_lines`, the last line kept ends in "…"."""
    lines: list[str] = []
    current = ""
    space = width(" ", font, size)
    current_width = 0.0
    for word in text.split():
        word_width = width(word, font, size)
        if current and current_width + space + word_width <= max_width:
            current += " " + word
            current_width += space + word_width
            continue
        if current:
            lines.append(current)
        if word_width <= max_width:
            current, current_width = word, word_width
        else:
            *whole, current = _break_word(word, font, size, max_width)
            lines.extend(whole)
            current_width = width(current, font, size)
    if current:
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        kept[-1] = ellipsize(kept[-1] + ELLIPSIS, font, size, max_width)
        return kept
    return lines
