"""Quick replies to and from a spreadsheet: share a shop's templates between desks, or edit
many at once in Excel.

Export writes sheet `Template` with columns Judul, Pintasan, Kategori, Isi; text that starts
like a formula (`=`, `+`, `-`, `@`) stays text (see exporting.safe_text).

Import reads xlsx/xls/csv through the order importer's safe readers (zip-bomb and file-type
checks), then checks every row before writing anything: a missing title, shortcut or text, a
shortcut without "/", the same shortcut twice in the file. Any problem refuses the whole file
with every problem listed by row and column. A clean file goes in one transaction: a new
shortcut is added, an existing one is updated only when its title, category or text differs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
import xlsxwriter.exceptions

from csdesk.models import Template, utcnow
from csdesk.models.base import database_proxy
from csdesk.services import templates
from csdesk.services.exporting.atomic import ExportError, write_atomically
from csdesk.services.exporting.safe_text import WORKBOOK_OPTIONS, SafeTextWriter
from csdesk.services.importing import parse
from csdesk.services.importing.readers import Cells, Sheet, open_sheets
from csdesk.services.importing.records import ImportFormatError, Problem

SHEET_NAME = "Template"
# Column header → TemplateRow field; the English names let a hand-made sheet in.
COLUMNS = {"Judul": "title", "Pintasan": "shortcut", "Kategori": "category", "Isi": "body"}
HEADER_ALIASES = {
    "judul": "title",
    "title": "title",
    "pintasan": "shortcut",
    "shortcut": "shortcut",
    "kategori": "category",
    "category": "category",
    "isi": "body",
    "body": "body",
    "teks": "body",
    "text": "body",
}
REQUIRED = ("title", "shortcut", "body")
HEADER_OF = {field: header for header, field in COLUMNS.items()}
MAX_TITLE = 200
MAX_BODY = 10_000
# Rows before the header that may be blank or a note; the header is the first row that has
# the required columns.
HEADER_SEARCH_ROWS = 10
# The problems a refusal lists one by one; the rest are counted.
SHOWN_PROBLEMS = 10
_SHORTCUT = re.compile(r"/[a-z0-9_-]+")


@dataclass(frozen=True)
class TemplateRow:
    row: int  # the sheet's row number, for messages
    title: str
    shortcut: str
    category: str
    body: str


@dataclass(frozen=True)
class ImportResult:
    file: str
    added: int
    updated: int
    unchanged: int


class TemplateImportError(ImportFormatError):
    """Rows of the file are wrong; nothing was imported. `problems` has each one."""

    def __init__(self, file: str, problems: list[Problem]):
        lines = [_problem_text(p) for p in problems[:SHOWN_PROBLEMS]]
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(f"… dan {len(problems) - SHOWN_PROBLEMS} masalah lain")
        super().__init__(
            file,
            f"{len(problems)} masalah, tidak ada template yang diimpor:\n" + "\n".join(lines),
        )
        self.problems = problems


# The file cannot be written where the user asked; nothing was left behind.
TemplateExportError = ExportError


def _problem_text(problem: Problem) -> str:
    where = f"baris {problem.row}"
    if problem.column:
        where += f", kolom '{problem.column}'"
    return f"{where}: {problem.message}"


# --- export -------------------------------------------------------------------------------


def export_templates(path: str | os.PathLike[str]) -> int:
    """Write every template to `path` (.xlsx), by category then title; returns how many.
    Written beside the target and renamed at the end, so a failure leaves no half file."""
    target = Path(path)
    rows = sorted(templates.list_templates(), key=lambda t: (t.category.lower(), t.title.lower()))

    def write(temp: Path) -> None:
        workbook = xlsxwriter.Workbook(str(temp), WORKBOOK_OPTIONS)
        sheet = workbook.add_worksheet(SHEET_NAME)
        bold = workbook.add_format({"bold": True})
        for col, header in enumerate(COLUMNS):
            sheet.write_string(0, col, header, bold)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 14)
        sheet.set_column(2, 2, 16)
        sheet.set_column(3, 3, 80, workbook.add_format({"text_wrap": True}))
        sheet.freeze_panes(1, 0)
        writer = SafeTextWriter(workbook, sheet)
        for number, info in enumerate(rows, start=1):
            for col, value in enumerate((info.title, info.shortcut, info.category, info.body)):
                writer.write(number, col, value)
        workbook.close()

    write_atomically(target, write)
    return len(rows)


# --- import -------------------------------------------------------------------------------


def read_templates(path: str | os.PathLike[str]) -> list[TemplateRow]:
    """Every row of the file as a template, after checking all of them; raises
    ImportFormatError (the file) or TemplateImportError (its rows)."""
    source = Path(path)
    sheets = open_sheets(source)
    sheet = next((s for s in sheets if s.name.strip().casefold() == "template"), sheets[0])
    rows = sheet.rows()
    columns = _find_header(source.name, sheet, rows)
    problems: list[Problem] = []
    found: list[TemplateRow] = []
    first_row_of: dict[str, int] = {}
    for number, cells in rows:
        values = {field: _cell(cells, col) for field, col in columns.items()}
        if not any(values.values()):
            continue
        row = TemplateRow(
            row=number,
            title=values["title"],
            shortcut=values["shortcut"].lower(),
            category=values.get("category", ""),
            body=values["body"],
        )
        row_problems = _check(row, first_row_of)
        problems += row_problems
        first_row_of.setdefault(row.shortcut, number)
        if not row_problems:
            found.append(row)
    if problems:
        raise TemplateImportError(source.name, problems)
    if not found:
        raise ImportFormatError(source.name, "tidak ada template di bawah baris judul kolom")
    return found


def import_templates(path: str | os.PathLike[str]) -> ImportResult:
    """Read and check the file, then add/update its templates in one transaction."""
    rows = read_templates(path)
    added = updated = unchanged = 0
    with database_proxy.atomic():
        existing = {t.shortcut: t for t in Template.select()}
        for row in rows:
            fields = {"title": row.title, "category": row.category, "body": row.body}
            current = existing.get(row.shortcut)
            if current is None:
                Template.create(shortcut=row.shortcut, updated_at=utcnow(), **fields)
                added += 1
            elif any(getattr(current, name) != value for name, value in fields.items()):
                Template.update(updated_at=utcnow(), **fields).where(
                    Template.id == current.id
                ).execute()
                updated += 1
            else:
                unchanged += 1
    return ImportResult(Path(path).name, added, updated, unchanged)


def _find_header(file: str, sheet: Sheet, rows: Iterator[tuple[int, Cells]]) -> dict[str, int]:
    for number, cells in rows:
        columns: dict[str, int] = {}
        for col, cell in enumerate(cells):
            field = HEADER_ALIASES.get(parse.text(cell).casefold())
            if field is not None and field not in columns:
                columns[field] = col
        if any(field in columns for field in REQUIRED):
            missing = [HEADER_OF[f] for f in REQUIRED if f not in columns]
            if missing:
                names = ", ".join(f"'{name}'" for name in missing)
                raise ImportFormatError(
                    file, f"kolom {names} tidak ditemukan di baris judul kolom", row=number
                )
            return columns
        if number >= HEADER_SEARCH_ROWS:
            break
    raise ImportFormatError(
        file,
        f"lembar '{sheet.name}' tidak punya kolom Judul, Pintasan, Kategori, Isi "
        "(ekspor dari csdesk untuk contoh)",
    )


def _cell(cells: Cells, col: int) -> str:
    if col >= len(cells):
        return ""
    # Line breaks inside the text are kept; only the ends are trimmed.
    return parse.text(cells[col]).replace("\r\n", "\n")


def _check(row: TemplateRow, first_row_of: dict[str, int]) -> list[Problem]:
    problems: list[Problem] = []

    def refuse(field: str, message: str) -> None:
        problems.append(Problem(row=row.row, column=HEADER_OF[field], message=message))

    if not row.title:
        refuse("title", "judul kosong")
    elif len(row.title) > MAX_TITLE:
        refuse("title", f"judul lebih dari {MAX_TITLE} karakter")
    if not row.shortcut:
        refuse("shortcut", "pintasan kosong")
    elif not row.shortcut.startswith("/"):
        refuse("shortcut", f'pintasan "{row.shortcut}" harus diawali "/", contoh: /rek')
    elif not _SHORTCUT.fullmatch(row.shortcut):
        refuse(
            "shortcut",
            f'pintasan "{row.shortcut}" hanya boleh berisi huruf, angka, - dan _ tanpa spasi',
        )
    elif row.shortcut in first_row_of:
        refuse(
            "shortcut",
            f"pintasan {row.shortcut} sudah dipakai di baris {first_row_of[row.shortcut]}",
        )
    if not row.body:
        refuse("body", "isi kosong")
    elif len(row.body) > MAX_BODY:
        refuse("body", f"isi lebih dari {MAX_BODY:,} karakter".replace(",", "."))
    return problems
