"""The order history reads as sentences, whether an import (JSON) or a person wrote the event."""

from __future__ import annotations

import json

from csdesk.services.order_history import event_text


def test_an_import_names_its_file() -> None:
    detail = json.dumps({"file": "shopee-nov.xlsx", "customer_created": True})
    assert event_text("imported", detail) == "Diimpor dari shopee-nov.xlsx"


def test_an_update_lists_what_changed_in_words() -> None:
    detail = json.dumps(
        {
            "file": "shopee-des.xlsx",
            "changes": {
                "status": ["to_ship", "shipped"],
                "raw_status": ["Perlu Dikirim", "Sedang Dikirim"],
                "tracking_no": ["", "JX1234567890"],
                "shipped_at": [None, "2026-11-21 03:00:00"],
            },
            "previous": {"version": 1},
        }
    )
    assert event_text("updated", detail, "WIB") == (
        "Diperbarui dari shopee-des.xlsx: status Perlu Dikirim → Dikirim; "
        "no. resi — → JX1234567890; dikirim — → Sab, 21 Nov 2026 10.00 WIB"
    )


def test_many_changes_are_summarised_and_item_changes_said() -> None:
    changes = {name: ["a", "b"] for name in ("city", "province", "address", "phone", "recipient")}
    detail = json.dumps({"file": "f.csv", "changes": changes, "items": {"old": [], "new": []}})
    text = event_text("updated", detail)
    assert text.endswith("+1 perubahan lain; daftar barang berubah")


def test_plain_sentences_stay_as_written() -> None:
    assert event_text("note", "Pembeli minta bubble wrap") == "Pembeli minta bubble wrap"
    assert event_text("printed", "Label A6 dicetak") == "Label A6 dicetak"
    assert event_text("paid", "") == "Pembayaran dikonfirmasi"
    assert event_text("mystery", "{not json") == "{not json"
