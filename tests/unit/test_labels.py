"""Every stored key has an Indonesian label, so no badge or report shows a raw English key."""

from __future__ import annotations

from csdesk.models.complaints import (
    COMPLAINT_CATEGORIES,
    COMPLAINT_STATUSES,
    PRIORITIES,
    RESOLUTIONS,
)
from csdesk.models.conversations import CHANNELS, CONVERSATION_STATUSES, DIRECTIONS
from csdesk.models.orders import MARKETPLACES, ORDER_STATUSES
from csdesk.services import labels


def test_every_model_key_has_a_label() -> None:
    pairs = [
        (ORDER_STATUSES, labels.ORDER_STATUS_LABELS),
        (MARKETPLACES, labels.MARKETPLACE_LABELS),
        (CONVERSATION_STATUSES, labels.CONVERSATION_STATUS_LABELS),
        (CHANNELS, labels.CHANNEL_LABELS),
        (COMPLAINT_CATEGORIES, labels.COMPLAINT_CATEGORY_LABELS),
        (COMPLAINT_STATUSES, labels.COMPLAINT_STATUS_LABELS),
        (RESOLUTIONS, labels.RESOLUTION_LABELS),
        (PRIORITIES, labels.PRIORITY_LABELS),
        (DIRECTIONS, labels.DIRECTION_LABELS),
    ]
    for keys, mapping in pairs:
        assert set(keys) == set(mapping), mapping


def test_labels_people_read() -> None:
    assert labels.label(labels.ORDER_STATUS_LABELS, "to_ship") == "Perlu Dikirim"
    assert labels.label(labels.MARKETPLACE_LABELS, "tiktok") == "TikTok Shop"
    assert labels.label(labels.COMPLAINT_CATEGORY_LABELS, "differs_from_picture") == (
        "Beda dengan foto"
    )
    assert labels.label(labels.SEGMENT_LABELS, "tidak_aktif") == "Tidak Aktif"


def test_unknown_key_shows_as_itself() -> None:
    assert labels.label(labels.ORDER_STATUS_LABELS, "on_hold") == "on_hold"
    assert labels.label(labels.ORDER_STATUS_LABELS, None) == ""


def test_order_history_names_every_event_kind() -> None:
    names = {
        kind: labels.label(labels.ORDER_EVENT_LABELS, kind)
        for kind in ("created", "edited", "cancelled", "paid", "stock", "printed", "note")
    }
    assert names == {
        "created": "Dibuat",
        "edited": "Diubah",
        "cancelled": "Dibatalkan",
        "paid": "Pembayaran dikonfirmasi",
        "stock": "Stok",
        "printed": "Label dicetak",
        "note": "Catatan",
    }
    assert labels.label(labels.ORDER_EVENT_LABELS, "imported") == "Diimpor"
    assert labels.label(labels.ORDER_EVENT_LABELS, "updated") == "Diperbarui"
