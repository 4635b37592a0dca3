"""A print run: which orders, a PDF that appears whole or not at all, and the printed mark."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_label_pdf import make_order, text_of

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Order, OrderEvent
from csdesk.services.printing.print_run import (
    PrintCancelled,
    PrintedBefore,
    PrintError,
    already_printed,
    mark_printed,
    order_ids_for,
    render_labels_pdf,
)

NOW = dt.datetime(2025, 3, 5, 5, 0)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder holding only what the print writes (tmp_path also has the database)."""
    folder = tmp_path / "cetak"
    folder.mkdir()
    return folder


def test_order_numbers_in_the_order_given_both_marketplaces(db: object) -> None:
    first = make_order("250305AAA1")
    shopee = make_order("SAMA-001")
    lazada = make_order("SAMA-001", marketplace="lazada")
    assert order_ids_for(["SAMA-001", " 250305AAA1 ", "SAMA-001"]) == [lazada, shopee, first]


def test_unknown_numbers_are_named(db: object) -> None:
    make_order("250305AAA1")
    with pytest.raises(NotFoundError, match="tidak ditemukan: NOPE-1, NOPE-2"):
        order_ids_for(["250305AAA1", "NOPE-1", "NOPE-2"])


def test_status_by_key_or_indonesian_name_earliest_deadline_first(db: object) -> None:
    late = make_order("B-LATE", ship_by=dt.datetime(2025, 3, 4, 10))
    soon = make_order("B-SOON", ship_by=dt.datetime(2025, 3, 6, 10))
    none_old = make_order("B-NONE-OLD", ordered_at=dt.datetime(2025, 3, 1))
    none_new = make_order("B-NONE-NEW", ordered_at=dt.datetime(2025, 3, 3))
    make_order("B-DONE", status="completed")
    expected = [late, soon, none_old, none_new]
    assert order_ids_for(status="to_ship") == expected
    assert order_ids_for(status="  perlu   DIKIRIM ") == expected


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"status": "returned"}, NotFoundError, "Tidak ada pesanan berstatus Pengembalian"),
        ({"status": "kirim"}, ValidationError, "Status tidak dikenal: 'kirim'"),
        ({}, ValidationError, "Sebutkan nomor pesanan atau status"),
        ({"order_nos": ["A"], "status": "to_ship"}, ValidationError, "tidak keduanya"),
    ],
)
def test_status_errors(db: object, kwargs: dict[str, object], error: type, message: str) -> None:
    make_order("250305AAA1")
    with pytest.raises(error, match=message):
        order_ids_for(**kwargs)  # type: ignore[arg-type]


def test_render_writes_no_rows_and_reports_progress(db: object, tmp_path: Path) -> None:
    ids = [make_order(f"250305R{n}") for n in range(3)]
    seen: list[tuple[int, int]] = []
    result = render_labels_pdf(
        ids, tmp_path / "label.pdf", "a4", progress=lambda *p: seen.append(p)
    )
    assert (result.labels, result.pages, result.path) == (3, 1, tmp_path / "label.pdf")
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert Order.select().where(Order.printed_at.is_null(False)).count() == 0
    assert OrderEvent.select().count() == 0


def test_cancel_leaves_no_file_and_an_existing_one_untouched(db: object, out_dir: Path) -> None:
    ids = [make_order(f"250305C{n}") for n in range(6)]
    target = out_dir / "label.pdf"
    target.write_bytes(b"label kemarin")
    done: list[int] = []
    with pytest.raises(PrintCancelled, match="dibatalkan"):
        render_labels_pdf(
            ids, target, progress=lambda d, t: done.append(d), is_cancelled=lambda: len(done) >= 2
        )
    assert target.read_bytes() == b"label kemarin"
    assert [p.name for p in out_dir.iterdir()] == ["label.pdf"]
    target.unlink()
    with pytest.raises(PrintCancelled):
        render_labels_pdf(ids, target, is_cancelled=lambda: True)
    assert not target.exists()


def test_errors_leave_no_file(db: object, out_dir: Path) -> None:
    known = make_order("250305E1")
    target = out_dir / "label.pdf"
    with pytest.raises(NotFoundError, match="Pesanan #999 tidak ditemukan"):
        render_labels_pdf([known, 999], target)
    with pytest.raises(ValidationError, match="Ukuran label tidak dikenal: 'a5'"):
        render_labels_pdf([known], target, "a5")
    with pytest.raises(ValidationError, match="Tidak ada pesanan untuk dicetak"):
        render_labels_pdf([], target)
    with pytest.raises(PrintError, match="tidak ada"):
        render_labels_pdf([known], out_dir / "belum-ada" / "label.pdf")
    with pytest.raises(PrintError, match="adalah folder"):
        render_labels_pdf([known], out_dir)
    assert list(out_dir.iterdir()) == []


def test_mark_printed_and_already_printed(db: object, tmp_path: Path) -> None:
    ids = [make_order(f"250305M{n}") for n in range(3)]
    versions = {o.id: o.version for o in Order.select()}
    assert already_printed(ids) == []
    assert mark_printed([ids[2], ids[0], 12345], "80mm", author="Rina", now=NOW) == 2
    assert already_printed(ids) == [
        PrintedBefore(ids[0], "250305M0", NOW),
        PrintedBefore(ids[2], "250305M2", NOW),
    ]
    events = [
        (e.order_id, e.at, e.kind, e.author, e.detail)
        for e in OrderEvent.select().order_by(OrderEvent.order)
    ]
    assert events == [
        (ids[0], NOW, "printed", "Rina", "Label thermal 80 mm dicetak"),
        (ids[2], NOW, "printed", "Rina", "Label thermal 80 mm dicetak"),
    ]
    after = {o.id: (o.version, o.printed_at) for o in Order.select()}
    assert after[ids[1]] == (versions[ids[1]], None)
    assert after[ids[0]] == (versions[ids[0]] + 1, NOW)


def test_printing_again_is_allowed_and_logged_twice(db: object, tmp_path: Path) -> None:
    order_id = make_order("250305TWICE")
    later = NOW + dt.timedelta(hours=2)
    mark_printed([order_id], "a6", now=NOW)
    render_labels_pdf([order_id], tmp_path / "lagi.pdf")
    assert "250305TWICE" in text_of(tmp_path / "lagi.pdf")
    mark_printed([order_id], "a4", now=later)
    assert already_printed([order_id])[0].printed_at == later
    details = [e.detail for e in OrderEvent.select().order_by(OrderEvent.at)]
    assert details == ["Label A6 dicetak", "Label A4 dicetak"]
