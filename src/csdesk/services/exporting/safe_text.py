"""Formula injection: customer text (a buyer's note `=HYPERLINK(...)`, a name `@SUM(...)`) must
reach the spreadsheet as text, never as a formula a colleague's Excel would run.

Three layers, each enough on its own against a different slip:
- every text cell goes through `write_string` (xlsxwriter's `write` turns `=…` into a formula);
- the workbook is opened with xlsxwriter's string conversions off (`WORKBOOK_OPTIONS`), so
  even a stray `write` keeps text as text;
- text that starts like a formula gets a quote-prefix format (Excel's hidden leading
  apostrophe), so editing the cell in Excel and pressing Enter still leaves text. The value
  itself is unchanged: the file reads back exactly as written.
"""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@")

WORKBOOK_OPTIONS: dict[str, Any] = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


class SafeTextWriter:
    """Writes text cells of one worksheet as strings, quote-prefixed when formula-like."""

    def __init__(self, workbook: Any, worksheet: Any):
        self._sheet = worksheet
        self._quoted = workbook.add_format({"quote_prefix": True})

    def write(self, row: int, col: int, text: str) -> None:
        if not text:
            return  # an empty cell reads back as empty text; writing nothing is faster
        if text.startswith(FORMULA_PREFIXES):
            self._sheet.write_string(row, col, text, self._quoted)
        else:
            self._sheet.write_string(row, col, text)
