"""Opening an order file safely: xlsx/xls through calamine, csv through the csv module.

What a file claims to be is checked before any parser sees it: an empty file, a text file
named .xlsx, a truncated zip, or a zip bomb (judged by compression ratio from the zip's
directory, without unpacking anything) is refused at once with a message naming the file.
Rows are streamed: a sheet's rows come as lists of cell values (str, float, int, bool,
datetime…) from an iterator, never as one big list of Python objects.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook

from csdesk.services.importing.records import ImportFormatError

# A genuine 100,000-row Shopee export unpacks its sheet to ~220 MB at a ratio of ~10; bombs
# reach ratios in the hundreds or thousands (DESIGN.md, reliability rules).
BOMB_MIN_MEMBER = 1 << 20
BOMB_MAX_RATIO = 100
MAX_UNPACKED = 2 << 30

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and password-protected .xlsx)
_EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
_CSV_ENCODINGS = ("utf-8-sig", "cp1252")  # utf-8-sig also reads utf-8 without a BOM
_DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 30
_CSV_FIELD_LIMIT = 1 << 20

Cells = Sequence[object]


class Sheet(Protocol):
    """One sheet, streamed from the top as (sheet row number, cells)."""

    name: str

    def height(self) -> int:
        """Rows in the sheet (an estimate for CSV), for progress."""
        ...

    def rows(self) -> Iterator[tuple[int, Cells]]: ...


def open_sheets(path: Path) -> list[Sheet]:
    """The file's sheets (a CSV is one sheet), after the safety checks."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ImportFormatError(name, f"file tidak dapat dibuka ({exc.strerror})") from None
    if size == 0:
        raise ImportFormatError(name, "file kosong")
    suffix = path.suffix.casefold()
    if head.startswith(_ZIP_MAGIC):
        check_zip(path)
        return _excel_sheets(path)
    if head.startswith(_OLE_MAGIC):
        return _excel_sheets(path)
    if suffix in _EXCEL_SUFFIXES:
        raise ImportFormatError(
            name, "bukan file Excel yang sah (isinya teks atau format lain); ekspor ulang file"
        )
    return [_csv_sheet(path)]


def check_zip(path: Path) -> None:
    """Refuse a truncated xlsx or a zip bomb from the zip's directory alone."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFormatError(name, "file xlsx rusak atau terpotong; unduh ulang file") from None
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > BOMB_MIN_MEMBER and ratio > BOMB_MAX_RATIO:
            raise ImportFormatError(
                name,
                f"file ditolak: isi '{member.filename}' memampat {ratio:.0f} kali lipat "
                "(zip bomb?), tidak dibuka",
            )
    if total > MAX_UNPACKED:
        raise ImportFormatError(
            name, f"file ditolak: isinya {total / (1 << 30):.1f} GB bila dibuka, tidak dibuka"
        )
    if not any(m.filename.startswith("xl/") for m in members):
        raise ImportFormatError(name, "bukan file Excel (zip tanpa lembar kerja)")


def _excel_sheets(path: Path) -> list[Sheet]:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
    except (CalamineError, OSError, ValueError) as exc:
        raise ImportFormatError(path.name, f"file Excel tidak dapat dibaca ({exc})") from None
    return [_ExcelSheet(path.name, workbook, name) for name in names]


class _ExcelSheet:
    def __init__(self, file: str, workbook: CalamineWorkbook, name: str):
        self.file = file
        self.name = name
        self._workbook = workbook
        self._sheet: CalamineSheet | None = None

    def _load(self) -> CalamineSheet:
        # calamine parses a whole sheet at once: only when the sheet is actually looked at.
        if self._sheet is None:
            try:
                self._sheet = self._workbook.get_sheet_by_name(self.name)
            except (CalamineError, ValueError) as exc:
                raise ImportFormatError(
                    self.file, f"lembar '{self.name}' tidak dapat dibaca ({exc})"
                ) from None
        return self._sheet

    def height(self) -> int:
        return int(self._load().height)

    def rows(self) -> Iterator[tuple[int, Cells]]:
        sheet = self._load()
        # calamine's range starts at the first non-empty cell: count rows from there.
        first = int(sheet.start[0]) + 1 if sheet.start else 1
        try:
            yield from enumerate(sheet.iter_rows(), start=first)
        except (CalamineError, ValueError) as exc:
            raise ImportFormatError(self.file, f"lembar '{self.name}' rusak ({exc})") from None


def _csv_sheet(path: Path) -> Sheet:
    encoding = _csv_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        sample = [line for line in (handle.readline() for _ in range(_SNIFF_LINES)) if line]
    delimiter = max(_DELIMITERS, key=lambda d: max((line.count(d) for line in sample), default=0))
    return _CsvSheet(path, encoding, delimiter)


class _CsvSheet:
    def __init__(self, path: Path, encoding: str, delimiter: str):
        self.path = path
        self.name = path.stem
        self.encoding = encoding
        self.delimiter = delimiter

    def height(self) -> int:
        with self.path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))

    def rows(self) -> Iterator[tuple[int, Cells]]:
        # Cells over Excel's limit are refused by table.Row with their column; csv's own limit
        # stops a cell so large that reading it whole would be the harm.
        previous = csv.field_size_limit(_CSV_FIELD_LIMIT)
        number = 0
        try:
            with self.path.open(encoding=self.encoding, newline="") as handle:
                for number, cells in enumerate(csv.reader(handle, delimiter=self.delimiter), 1):
                    yield number, cells
        except csv.Error as exc:
            message = (
                f"isi sel terlalu panjang (lebih dari {_CSV_FIELD_LIMIT:,} karakter)".replace(
                    ",", "."
                )
                if "field larger" in str(exc)
                else f"baris CSV tidak dapat dibaca ({exc})"
            )
            raise ImportFormatError(self.path.name, message, row=number + 1) from None
        finally:
            csv.field_size_limit(previous)


def _csv_encoding(path: Path) -> str:
    for encoding in _CSV_ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ImportFormatError(path.name, "teks CSV tidak dapat dibaca (encoding tidak dikenal)")
