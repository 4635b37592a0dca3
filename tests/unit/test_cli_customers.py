"""`csdesk customers` as a user runs it: a real process over a real database file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import peewee as pw
import pytest
from import_factories import dump
from list_factories import complaint, customer, identity, order
from test_cli import run

from csdesk.models import utcnow
from csdesk.services.customer_stats import refresh_customers

KEYS = {"id", "name", "nickname", "phones", "identities", "orders", "lifetime_value_idr", "segment"}


def days_ago(days: int) -> dt.datetime:
    return utcnow() - dt.timedelta(days=days)


TABLES = ("customer", "customer_identity", "orders", "complaint", "customer_merge")


@pytest.fixture
def shop(db: pw.Database, db_path: Path) -> dict[str, int]:
    """Sari (Shopee, one order), Sari again (WhatsApp, two orders), Budi (masked phone, a
    complaint), Ayu (no orders), written and closed before the command runs."""
    sari = customer("Sari Wulandari", nickname="Kak Sari")
    identity(sari, "phone", "081234567890", normalized="+6281234567890")
    identity(sari, "marketplace", "sari.w", marketplace="shopee")
    order("S1", ordered_at=days_ago(9), customer=sari, total=150_000)
    wa = customer("Sari W")
    identity(wa, "phone", "+62 812 3456 7890", normalized="+6281234567890")
    order("W1", marketplace="manual", ordered_at=days_ago(8), customer=wa, total=200_000)
    order("W2", marketplace="manual", ordered_at=days_ago(7), customer=wa, total=300_000)
    order("W3", marketplace="manual", ordered_at=days_ago(6), customer=wa, status="cancelled",
          total=90_000)  # fmt: skip
    budi = customer("Budi Santoso")
    identity(budi, "phone", "(+62)812******32", normalized="(+62)812******32", masked=True)
    order("B1", ordered_at=days_ago(9), customer=budi, total=80_000)
    complaint("KL-2025-0001", customer=budi)
    ayu = customer("Ayu")
    refresh_customers()
    db.close()
    return {"sari": sari.id, "wa": wa.id, "budi": budi.id, "ayu": ayu.id}


def listing(db_path: Path, *args: str) -> list[dict[str, Any]]:
    result = run("--db", str(db_path), "customers", "--json", *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def test_listing_contract(db_path: Path, shop: dict[str, int]) -> None:
    rows = listing(db_path)

    assert [row["id"] for row in rows] == [shop["sari"], shop["wa"], shop["budi"], shop["ayu"]]
    assert all(set(row) == KEYS for row in rows)
    sari, wa, budi, ayu = rows
    assert sari == {
        "id": shop["sari"],
        "name": "Sari Wulandari",
        "nickname": "Kak Sari",
        "phones": ["+6281234567890"],
        "identities": [
            {"kind": "phone", "value": "081234567890", "marketplace": ""},
            {"kind": "marketplace", "value": "sari.w", "marketplace": "shopee"},
        ],
        "orders": 1,
        "lifetime_value_idr": 150_000,
        "segment": "baru",
    }
    # The cancelled order counts as an order, not as revenue.
    assert (wa["orders"], wa["lifetime_value_idr"], wa["segment"]) == (3, 500_000, "loyal")
    # A masked phone is no phone; it is still an identity, as written.
    assert budi["phones"] == []
    assert budi["identities"] == [{"kind": "phone", "value": "(+62)812******32", "marketplace": ""}]
    assert budi["segment"] == "pernah_komplain"
    assert (ayu["orders"], ayu["lifetime_value_idr"], ayu["phones"]) == (0, 0, [])


def test_search_and_segment(db_path: Path, shop: dict[str, int]) -> None:
    assert [r["id"] for r in listing(db_path, "--search", "sari")] == [shop["sari"], shop["wa"]]
    # Both Saris hold that phone, each written another way: a phone search finds them both.
    assert [r["id"] for r in listing(db_path, "--search", "+6281234567890")] == [
        shop["sari"],
        shop["wa"],
    ]
    assert [r["id"] for r in listing(db_path, "--search", "sari.w")] == [shop["sari"]]
    assert [r["id"] for r in listing(db_path, "--segment", "loyal")] == [shop["wa"]]
    assert [r["id"] for r in listing(db_path, "--segment", "baru")] == [shop["sari"], shop["ayu"]]
    assert listing(db_path, "--segment", "berulang") == []  # Sari W's badge is loyal
    assert listing(db_path, "--search", "tidak ada") == []


def test_merge_then_listing_then_undo(db_path: Path, shop: dict[str, int]) -> None:
    before = dump(db_path, TABLES[:-1])
    merged = run("--db", str(db_path), "customers", "merge", str(shop["sari"]), str(shop["wa"]))

    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.strip() == (
        f"Pelanggan #{shop['wa']} digabung ke #{shop['sari']}: 3 pesanan dipindah "
        "(penggabungan #1; batalkan: csdesk customers undo-merge 1)"
    )
    rows = {row["id"]: row for row in listing(db_path)}
    assert shop["wa"] not in rows
    sari = rows[shop["sari"]]
    assert (sari["orders"], sari["lifetime_value_idr"], sari["segment"]) == (4, 650_000, "loyal")
    assert sari["phones"] == ["+6281234567890"]  # the same phone once

    undone = run("--db", str(db_path), "customers", "undo-merge", "1", "--json")
    assert undone.returncode == 0, undone.stderr
    assert json.loads(undone.stdout) == {
        "merge_id": 1,
        "kept_id": shop["sari"],
        "other_id": shop["wa"],
    }
    assert dump(db_path, TABLES[:-1]) == before


def test_merge_json(db_path: Path, shop: dict[str, int]) -> None:
    result = run(
        "--db", str(db_path), "customers", "--json", "merge", str(shop["sari"]), str(shop["budi"])
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["merge_id"], data["orders"], data["complaints"], data["identities"]) == (
        1,
        1,
        1,
        1,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge", "KEEP", "999"], "csdesk: Pelanggan #999 tidak ditemukan"),
        (["merge", "999", "KEEP"], "csdesk: Pelanggan #999 tidak ditemukan"),
        (["merge", "KEEP", "KEEP"], "tidak bisa digabung dengan dirinya sendiri"),
        (["merge", "KEEP", "WA"], "sudah digabung ke pelanggan"),  # after a first merge
        (["merge", "WA", "AYU"], "sudah digabung ke pelanggan"),
        (["merge", "KEEP", "dua"], "invalid int value: 'dua'"),
        (["undo-merge", "7"], "csdesk: Penggabungan #7 tidak ditemukan"),
        (["--segment", "vip"], "Segmen tidak dikenal: 'vip'"),
    ],
)
def test_errors_exit_2_and_change_nothing(
    db_path: Path, shop: dict[str, int], args: list[str], message: str
) -> None:
    first = run("--db", str(db_path), "customers", "merge", str(shop["sari"]), str(shop["wa"]))
    assert first.returncode == 0, first.stderr
    names = {"KEEP": shop["sari"], "WA": shop["wa"], "AYU": shop["ayu"]}
    before = dump(db_path, TABLES)

    result = run("--db", str(db_path), "customers", *(str(names.get(a, a)) for a in args))

    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert dump(db_path, TABLES) == before
