"""Cell values as the marketplaces write them → text, integer rupiah, counts and local times.

Cells arrive as calamine gives them (str, float, int, bool, datetime, date, time) or as CSV
text. Every parser returns None for a missing value (empty, `-`) and raises `ValueError` for a
value it cannot read; the caller turns that into an error naming row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

Cell = object

# Exports write these where a value is absent.
_MISSING = frozenset({"", "-", "--", "—", "n/a", "null", "none"})
# Beyond this a float no longer holds every integer exactly: an 18-digit id has lost digits.
_EXACT_FLOAT = 2**53


def text(cell: Cell) -> str:
    """A cell as text: whole floats without `.0` (a phone stored as a number), dates in ISO."""
    if cell.__class__ is str:
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    return str(cell).strip()


def is_missing(cell: Cell) -> bool:
    if cell is None:
        return True
    if not isinstance(cell, str):
        return False
    # Checked for every field read: the short-string test skips the casefold for real values.
    return len(cell) <= 6 and cell.strip().casefold() in _MISSING


def identifier(cell: Cell) -> str | None:
    """An order number, tracking number or phone, exactly as written.

    A numeric cell is accepted only while a float still holds it exactly: an 18-digit order id
    that Excel turned into a number has already lost its last digits, and guessing them would
    attach rows to the wrong order.
    """
    if is_missing(cell):
        return None
    if isinstance(cell, float):
        if not cell.is_integer() or abs(cell) >= _EXACT_FLOAT:
            raise ValueError(
                "nomor tersimpan sebagai angka dan digitnya sudah hilang; "
                "ekspor ulang dengan kolom ini sebagai teks"
            )
        return str(int(cell))
    if isinstance(cell, int) and not isinstance(cell, bool):
        return str(cell)
    return text(cell) or None


_CURRENCY = re.compile(r"rp\.?|idr|\s", re.IGNORECASE)
# `.` or `,` before exactly three digits separates thousands; one or two trailing digits are
# cents. Both separators may appear (`1.250.000,50`, `1,250,000.50`).
_GROUPED = re.compile(r"(\d{1,3}(?:([.,])\d{3})*)(?:[.,](\d{1,2}))?")
_PLAIN = re.compile(r"(\d+)(?:[.,](\d{1,2}))?")


def money(cell: Cell) -> int | None:
    """Integer rupiah from `37.200`, `Rp37.200`, `IDR 125.000`, `37,200`, `37.200,50`, 37200.0."""
    if is_missing(cell):
        return None
    if isinstance(cell, bool):
        raise ValueError("bukan angka")
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return _round(Decimal(repr(cell)))
    return _money_text(text(cell))


# Prices and totals repeat across rows: a cache saves most of the parsing on large files.
@lru_cache(maxsize=4096)
def _money_text(cell: str) -> int:
    raw = _CURRENCY.sub("", cell)
    negative = raw.startswith("-") or (raw.startswith("(") and raw.endswith(")"))
    raw = raw.strip("-()")
    grouped = _GROUPED.fullmatch(raw)
    if grouped:
        whole, sep, cents = grouped.group(1), grouped.group(2), grouped.group(3)
        if sep and cents is not None and raw[len(whole)] == sep:
            grouped = None  # `1.250.5`: the same separator cannot also mark cents
        else:
            whole = whole.replace(".", "").replace(",", "")
    if not grouped:
        plain = _PLAIN.fullmatch(raw)
        if not plain:
            raise ValueError(f"'{cell}' bukan jumlah uang")
        whole, cents = plain.group(1), plain.group(2)
    amount = _round(Decimal(f"{whole}.{cents or 0}"))
    return -amount if negative else amount


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def count(cell: Cell) -> int | None:
    """A quantity: `2`, 2.0, `2 pcs`."""
    if is_missing(cell):
        return None
    if isinstance(cell, float | int) and not isinstance(cell, bool):
        if float(cell).is_integer():
            return int(cell)
        raise ValueError(f"'{cell}' bukan jumlah barang")
    match = re.fullmatch(r"(\d+)(?:[.,]0+)?\s*(?:pcs|buah|x)?", text(cell), re.IGNORECASE)
    if not match:
        raise ValueError(f"'{text(cell)}' bukan jumlah barang")
    return int(match.group(1))


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "mei": 5, "jun": 6, "jul": 7,
    "aug": 8, "agu": 8, "agt": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12,
    "des": 12,
}  # fmt: skip
_TIME = r"(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?)?"
# Year first (Shopee), day first with `/` or `-` (TikTok, Tokopedia), and `05 Mar 2025`
# (Lazada). No export writes month-first dates, so a four-digit year tells the order apart.
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME)
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + _TIME)
_D_MON_Y = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})" + _TIME)
# Excel day numbers between 1982 and 2064: a date cell that lost its date format.
_SERIAL_RANGE = (30000.0, 60000.0)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def local_time(cell: Cell) -> dt.datetime | None:
    """A shop-local time (naive) from a date cell or the text patterns the exports use."""
    if is_missing(cell):
        return None
    if isinstance(cell, dt.datetime):
        return cell.replace(tzinfo=None)
    if isinstance(cell, dt.date):
        return dt.datetime(cell.year, cell.month, cell.day)
    if isinstance(cell, float | int) and not isinstance(cell, bool):
        if _SERIAL_RANGE[0] <= cell <= _SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + dt.timedelta(days=float(cell))
        raise ValueError(f"'{text(cell)}' bukan tanggal")
    raw = text(cell)
    if len(raw) == 16 and raw[4] == "-" and raw[10] == " ":
        # Shopee's `2025-03-01 11:05`, on every order of the largest exports: the C parser.
        try:
            return dt.datetime.fromisoformat(raw)
        except ValueError:
            pass
    try:
        if match := _YMD.fullmatch(raw):
            year, month, day = (int(g) for g in match.groups()[:3])
        elif match := _DMY.fullmatch(raw):
            day, month, year = (int(g) for g in match.groups()[:3])
        elif match := _D_MON_Y.fullmatch(raw):
            day, year = int(match.group(1)), int(match.group(3))
            month = _MONTHS[match.group(2)[:3].casefold()]
        else:
            raise ValueError
        hour, minute, second = (int(g) if g else 0 for g in match.groups()[3:])
        return dt.datetime(year, month, day, hour, minute, second)
    except (ValueError, KeyError):
        raise ValueError(f"'{raw}' bukan tanggal yang dikenali") from None
