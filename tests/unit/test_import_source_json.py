"""The source row kept with each imported order: exactly the compact JSON of header → cell text."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from csdesk.services.importing.records import ImportFormatError
from csdesk.services.importing.table import MAX_CELL_CHARS, Columns, Row

HEADERS = ("No. Pesanan", 'Catatan "Penjual"', "", "Jumlah", "#6", "No. Pesanan")


def _json(data: dict[str, str]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            ["2503", 'kirim "cepat"\\ ya\n\t\x01 😀 ü', None, 2.0, "", "x"],
            {
                "No. Pesanan": "2503",
                'Catatan "Penjual"': 'kirim "cepat"\\ ya\n\t\x01 😀 ü',
                "Jumlah": "2",
                "No. Pesanan #6": "x",
            },
        ),
        (
            ["", " ", dt.datetime(2025, 3, 1, 11, 5), False, 2.5],
            {'Catatan "Penjual"': " ", "#3": "2025-03-01 11:05:00", "Jumlah": "FALSE", "#6": "2.5"},
        ),
        # Cells beyond the header go under their column number, after the header's cells.
        (
            ["1", None, None, None, None, None, "lebih", 7.0],
            {"No. Pesanan": "1", "#7": "lebih", "#8": "7"},
        ),
        ([], {}),
    ],
)
def test_source_json_is_the_compact_json_of_the_row(
    cells: list[object], expected: dict[str, str]
) -> None:
    row = Row(Columns("f.xlsx", HEADERS, {}), 2, cells)

    assert row.source_json() == _json(expected)


@pytest.mark.parametrize("beyond_header", [False, True])
def test_a_cell_at_excels_limit_is_refused_with_its_column(beyond_header: bool) -> None:
    cells: list[object] = ["1", "y" * MAX_CELL_CHARS]
    if beyond_header:
        cells = ["1", None, None, None, None, None, "y" * MAX_CELL_CHARS]
    row = Row(Columns("f.xlsx", HEADERS, {}), 9, cells)

    with pytest.raises(ImportFormatError) as caught:
        row.source_json()

    assert caught.value.row == 9
    assert caught.value.column == ("#7" if beyond_header else 'Catatan "Penjual"')
