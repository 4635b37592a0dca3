"""Manual orders: creating (with a new customer inline), numbering, stock for COD, editing
with its version and stock rules, cancelling, and the confirmation text."""

from __future__ import annotations

import datetime as dt

import pytest

from csdesk.errors import ConflictError, NotFoundError, ValidationError
from csdesk.models import (
    Customer,
    CustomerIdentity,
    Order,
    OrderEvent,
    OrderItem,
    Product,
    Template,
)
from csdesk.services import fmt, manual_orders, products
from csdesk.services import settings as shop_settings
from csdesk.services.manual_orders import CustomerDraft, ItemDraft, ManualOrderDraft
from csdesk.services.templates_default import install_default_templates

NOW = dt.datetime(2026, 3, 5, 2, 0)  # 09.00 WIB


def stock(sku: str) -> int:
    return int(Product.get(Product.sku == sku).stock)


@pytest.fixture
def shop(db: object) -> dict[str, int]:
    ids = {
        "gamis": products.save_product(
            None, sku="GKA-NVY-L", name="Gamis Aisyah", variant="Navy, L", price=185_000, stock=5
        ),
        "pashmina": products.save_product(
            None, sku="PCB-DPK", name="Pashmina Ceruty", variant="Dusty Pink", price=45_000, stock=2
        ),
    }
    ids["siti"] = Customer.create(name="Siti Rahma", nickname="Kak Siti").id
    return ids


def draft(customer_id: int | None = None, **changes: object) -> ManualOrderDraft:
    base = ManualOrderDraft(
        customer_id=customer_id,
        recipient="Siti Rahma",
        phone="0812-3456-7890",
        address="Jl. Melati No. 12",
        city="Bandung",
        province="Jawa Barat",
        courier="JNE",
        service="REG",
        shipping_fee=12_000,
        items=[
            ItemDraft("Gamis Aisyah", "Navy, L", "GKA-NVY-L", 2, 185_000),
            ItemDraft("Bros bonus", quantity=1, unit_price=0),
        ],
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def test_draft_totals() -> None:
    d = draft()
    assert d.items[0].subtotal == 370_000
    assert (d.items_total, d.total) == (370_000, 382_000)


def test_create_with_a_new_customer_inline(db: object) -> None:
    new = CustomerDraft(name=" Dewi Lestari ", phone="0813 2222 3333", nickname="Teh Dewi")
    order_id = manual_orders.create_manual_order(
        draft(new_customer=new, channel="instagram"), author="Rina", now=NOW
    )
    order = Order.get_by_id(order_id)
    customer = Customer.get(Customer.name == "Dewi Lestari")
    assert (order.marketplace, order.order_no, order.status) == ("manual", "WA-2026-0001", "unpaid")
    assert (order.customer.id, order.buyer_name, order.total) == (
        customer.id,
        "Dewi Lestari",
        382_000,
    )
    assert (order.payment_method, order.ordered_at, order.ship_by) == ("Transfer", NOW, None)
    assert customer.nickname == "Teh Dewi"
    identity = CustomerIdentity.get(CustomerIdentity.customer == customer.id)
    assert (identity.kind, identity.value, identity.normalized) == (
        "phone",
        "0813 2222 3333",
        "+6281322223333",
    )
    items = list(OrderItem.select().where(OrderItem.order == order_id).order_by(OrderItem.id))
    assert [(i.sku, i.quantity, i.subtotal) for i in items] == [
        ("GKA-NVY-L", 2, 370_000),
        ("", 1, 0),
    ]
    event = OrderEvent.get(OrderEvent.order == order_id)
    assert (event.kind, event.author) == ("created", "Rina")
    assert event.detail.startswith("Dibuat dari DM Instagram\nBayar transfer, total Rp382.000")
    # Counted as an order, but not as revenue until it is paid.
    assert (customer.order_count, customer.lifetime_value, customer.last_order_at) == (1, 0, NOW)
    assert manual_orders.load_draft(order_id)[0].channel == "instagram"


def test_new_customer_without_a_real_phone_gets_no_identity(db: object) -> None:
    new = CustomerDraft(name="Rani", phone="(+62)812******32")
    manual_orders.create_manual_order(draft(new_customer=new), now=NOW)
    assert Customer.select().count() == 1
    assert CustomerIdentity.select().count() == 0


def test_new_customer_with_a_known_phone_is_refused(shop: dict[str, int]) -> None:
    CustomerIdentity.create(
        customer=shop["siti"], kind="phone", value="081234567890", normalized="+6281234567890"
    )
    new = CustomerDraft(name="Siti R", phone="+62 812-3456-7890")
    with pytest.raises(ValidationError, match="sudah tercatat milik pelanggan Siti Rahma"):
        manual_orders.create_manual_order(draft(new_customer=new), now=NOW)
    assert (Customer.select().count(), Order.select().count()) == (1, 0)
    assert manual_orders.customer_by_phone("0812 3456 7890") == shop["siti"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"items": []}, "Pesanan belum berisi barang"),
        ({"items": [ItemDraft("Gamis", quantity=0)]}, "Barang ke-1 \\(Gamis\\): jumlah minimal 1"),
        ({"items": [ItemDraft("Gamis", unit_price=-5)]}, "harga tidak boleh negatif"),
        ({"customer_id": None}, "Pilih pelanggan atau isi nama pelanggan baru"),
        ({"customer_id": 999}, "Pelanggan #999 tidak ditemukan"),
        ({"new_customer": CustomerDraft(" "), "customer_id": None}, "Nama pelanggan baru wajib"),
        ({"shipping_fee": -1}, "Ongkir tidak boleh negatif"),
        ({"payment": "kartu"}, "Pilih cara bayar"),
    ],
)
def test_refusals_write_nothing(
    shop: dict[str, int], changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        manual_orders.create_manual_order(
            draft(**{"customer_id": shop["siti"], **changes}), now=NOW
        )
    assert (Order.select().count(), OrderItem.select().count(), Customer.select().count()) == (
        0,
        0,
        1,
    )


def test_numbering_follows_the_shop_local_year(shop: dict[str, int]) -> None:
    Order.create(marketplace="manual", order_no="WA-2025-0041", status="completed", ordered_at=NOW)
    Order.create(marketplace="shopee", order_no="WA-2026-0500", status="completed", ordered_at=NOW)
    last_of_2025 = dt.datetime(2025, 12, 31, 16, 59)  # 23.59 WIB
    first_of_2026 = dt.datetime(2025, 12, 31, 17, 0)  # 00.00 WIB on 1 January
    assert manual_orders.next_order_no(last_of_2025) == "WA-2025-0042"
    assert manual_orders.next_order_no(first_of_2026) == "WA-2026-0001"
    first = manual_orders.create_manual_order(draft(shop["siti"]), now=first_of_2026)
    second = manual_orders.create_manual_order(draft(shop["siti"]), now=first_of_2026)
    assert [Order.get_by_id(i).order_no for i in (first, second)] == [
        "WA-2026-0001",
        "WA-2026-0002",
    ]
    # In WIT (UTC+9) the new year starts two hours earlier.
    settings = shop_settings.load()
    settings.zone = "WIT"
    shop_settings.save(settings)
    assert manual_orders.next_order_no(dt.datetime(2025, 12, 31, 15, 30)) == "WA-2026-0003"


def test_numbering_goes_past_four_digits(db: object) -> None:
    Order.create(marketplace="manual", order_no="WA-2026-9999", status="unpaid", ordered_at=NOW)
    assert manual_orders.next_order_no(NOW) == "WA-2026-10000"


def test_cod_takes_stock_at_once(shop: dict[str, int]) -> None:
    order_id = manual_orders.create_manual_order(draft(shop["siti"], payment="cod"), "Rina", NOW)
    order = Order.get_by_id(order_id)
    assert (order.status, order.payment_method) == ("to_ship", "COD")
    # Ship by the end of the next day in shop time: 6 March 23.59 WIB.
    assert fmt.to_local(order.ship_by).strftime("%Y-%m-%d %H:%M") == "2026-03-06 23:59"
    assert stock("GKA-NVY-L") == 3
    event = OrderEvent.get(OrderEvent.order == order_id, OrderEvent.kind == "stock")
    assert event.detail == "Stok diambil (COD)\nGKA-NVY-L: 5 → 3"
    # COD counts as revenue once confirmed.
    assert Customer.get_by_id(shop["siti"]).lifetime_value == 382_000


def test_transfer_takes_no_stock_at_creation(shop: dict[str, int]) -> None:
    manual_orders.create_manual_order(draft(shop["siti"]), now=NOW)
    assert stock("GKA-NVY-L") == 5
    assert OrderEvent.select().where(OrderEvent.kind == "stock").count() == 0


def test_stock_shortfalls(shop: dict[str, int]) -> None:
    items = [
        ItemDraft("Pashmina", sku="PCB-DPK", quantity=2),
        ItemDraft("Pashmina", sku="PCB-DPK", quantity=1),
        ItemDraft("Gamis Aisyah", sku="GKA-NVY-L", quantity=5),
        ItemDraft("Titipan", sku="NOT-A-PRODUCT", quantity=99),
    ]
    assert manual_orders.stock_shortfalls(items) == [
        manual_orders.Shortfall("PCB-DPK", "Pashmina", wanted=3, in_stock=2)
    ]
    # An order that already took 2 pashmina may keep them and ask for 2 more (2 + 2 in stock).
    cod = draft(
        shop["siti"], payment="cod", items=[ItemDraft("Pashmina", sku="PCB-DPK", quantity=2)]
    )
    order_id = manual_orders.create_manual_order(cod, now=NOW)
    assert stock("PCB-DPK") == 0
    assert (
        manual_orders.stock_shortfalls([ItemDraft("P", sku="PCB-DPK", quantity=2)], order_id) == []
    )
    assert manual_orders.stock_shortfalls(
        [ItemDraft("P", sku="PCB-DPK", quantity=3)], order_id
    ) == [manual_orders.Shortfall("PCB-DPK", "P", wanted=3, in_stock=2)]
    assert manual_orders.stock_shortfalls([ItemDraft("P", sku="PCB-DPK", quantity=1)]) == [
        manual_orders.Shortfall("PCB-DPK", "P", wanted=1, in_stock=0)
    ]


def test_shipping_from_customer(shop: dict[str, int]) -> None:
    siti = shop["siti"]
    plain = manual_orders.shipping_from_customer(siti)
    assert (plain.customer_id, plain.recipient, plain.phone, plain.address) == (
        siti,
        "Siti Rahma",
        "",
        "",
    )
    CustomerIdentity.create(
        customer=siti, kind="phone", value="0812******90", normalized="x", masked=True
    )
    CustomerIdentity.create(
        customer=siti, kind="phone", value="0812 1111 2222", normalized="+6281211112222"
    )
    assert manual_orders.shipping_from_customer(siti).phone == "0812 1111 2222"
    Order.create(
        marketplace="shopee", order_no="A1", status="completed", ordered_at=NOW - dt.timedelta(days=9),
        customer=siti, recipient="Siti (kantor)", phone="(+62)812******90", address="Jl. Asia Afrika 8",
        city="Bandung", province="Jawa Barat",
    )  # fmt: skip
    Order.create(
        marketplace="manual",
        order_no="WA-2026-0001",
        status="completed",
        ordered_at=NOW,
        customer=siti,
    )
    filled = manual_orders.shipping_from_customer(siti)
    assert (filled.recipient, filled.address, filled.city) == (
        "Siti (kantor)",
        "Jl. Asia Afrika 8",
        "Bandung",
    )
    assert filled.phone == "0812 1111 2222"  # the order's masked phone is replaced by a real one
    with pytest.raises(NotFoundError):
        manual_orders.shipping_from_customer(999)


def test_load_draft_round_trip_and_refusals(shop: dict[str, int]) -> None:
    original = draft(shop["siti"], payment="cod", buyer_note="Packing rapi", channel="phone")
    order_id = manual_orders.create_manual_order(original, now=NOW)
    loaded, version = manual_orders.load_draft(order_id)
    assert version == 1
    assert loaded == original
    shopee = Order.create(marketplace="shopee", order_no="S1", status="to_ship", ordered_at=NOW)
    with pytest.raises(ValidationError, match="dari Shopee"):
        manual_orders.load_draft(shopee.id)
    with pytest.raises(NotFoundError, match="Pesanan #999 tidak ditemukan"):
        manual_orders.load_draft(999)


def test_edit_records_changes_and_bumps_the_version(shop: dict[str, int]) -> None:
    order_id = manual_orders.create_manual_order(draft(shop["siti"]), now=NOW)
    edited, version = manual_orders.load_draft(order_id)
    edited.address = "Jl. Mawar No. 3"
    edited.shipping_fee = 15_000
    edited.items[0].quantity = 1
    manual_orders.update_manual_order(order_id, edited, version, author="Ayu", now=NOW)
    order = Order.get_by_id(order_id)
    assert (order.version, order.address, order.total) == (2, "Jl. Mawar No. 3", 200_000)
    assert [i.quantity for i in OrderItem.select().where(OrderItem.order == order_id)] == [1, 1]
    event = OrderEvent.get(OrderEvent.order == order_id, OrderEvent.kind == "edited")
    assert event.author == "Ayu"
    assert "Alamat: Jl. Melati No. 12 → Jl. Mawar No. 3" in event.detail
    assert "Ongkir: Rp12.000 → Rp15.000" in event.detail
    assert "Barang: Gamis Aisyah (Navy, L) x2 @Rp185.000" in event.detail
    assert "Total: Rp382.000 → Rp200.000" in event.detail
    # An unpaid order holds no stock, so editing it moves none.
    assert stock("GKA-NVY-L") == 5


def test_version_conflict(shop: dict[str, int]) -> None:
    order_id = manual_orders.create_manual_order(draft(shop["siti"]), now=NOW)
    mine, version = manual_orders.load_draft(order_id)
    theirs, _ = manual_orders.load_draft(order_id)
    theirs.city = "Cimahi"
    manual_orders.update_manual_order(order_id, theirs, version)
    mine.city = "Garut"
    with pytest.raises(ConflictError, match="diubah oleh admin lain"):
        manual_orders.update_manual_order(order_id, mine, version)
    assert Order.get_by_id(order_id).city == "Cimahi"


def test_editing_a_confirmed_order_adjusts_stock_by_the_difference(shop: dict[str, int]) -> None:
    order_id = manual_orders.create_manual_order(draft(shop["siti"], payment="cod"), now=NOW)
    assert (stock("GKA-NVY-L"), stock("PCB-DPK")) == (3, 2)
    edited, version = manual_orders.load_draft(order_id)
    edited.items[0].quantity = 1
    edited.items.append(ItemDraft("Pashmina Ceruty", "Dusty Pink", "PCB-DPK", 2, 45_000))
    manual_orders.update_manual_order(order_id, edited, version, now=NOW)
    assert (stock("GKA-NVY-L"), stock("PCB-DPK")) == (4, 0)
    last = (
        OrderEvent.select().where(OrderEvent.kind == "stock").order_by(OrderEvent.id.desc()).get()
    )
    assert last.detail == "Stok disesuaikan (edit)\nGKA-NVY-L: 3 → 4\nPCB-DPK: 2 → 0"
    assert Customer.get_by_id(shop["siti"]).lifetime_value == 12_000 + 185_000 + 90_000


def test_items_are_locked_once_shipped(shop: dict[str, int]) -> None:
    order_id = manual_orders.create_manual_order(draft(shop["siti"], payment="cod"), now=NOW)
    Order.update(status="shipped").where(Order.id == order_id).execute()
    edited, version = manual_orders.load_draft(order_id)
    edited.items[0].quantity = 5
    with pytest.raises(ValidationError, match="tidak bisa diubah: pesanan sudah dikirim"):
        manual_orders.update_manual_order(order_id, edited, version)
    edited.items[0].quantity = 2
    edited.seller_note = "Resi menyusul"
    manual_orders.update_manual_order(order_id, edited, version)
    assert Order.get_by_id(order_id).seller_note == "Resi menyusul"
    assert stock("GKA-NVY-L") == 3


def test_switching_an_unpaid_order_to_cod_confirms_it(shop: dict[str, int]) -> None:
    order_id = manual_orders.create_manual_order(draft(shop["siti"]), now=NOW)
    edited, version = manual_orders.load_draft(order_id)
    edited.payment = "cod"
    manual_orders.update_manual_order(order_id, edited, version, now=NOW)
    order = Order.get_by_id(order_id)
    assert (order.status, order.payment_method) == ("to_ship", "COD")
    assert stock("GKA-NVY-L") == 3
    edited, version = manual_orders.load_draft(order_id)
    edited.payment = "transfer"
    with pytest.raises(ValidationError, match="Cara bayar .* tidak bisa diubah"):
        manual_orders.update_manual_order(order_id, edited, version)


def test_moving_an_order_to_another_customer_refreshes_both(shop: dict[str, int]) -> None:
    order_id = manual_orders.create_manual_order(draft(shop["siti"], payment="cod"), now=NOW)
    other = Customer.create(name="Dewi").id
    edited, version = manual_orders.load_draft(order_id)
    edited.customer_id = other
    manual_orders.update_manual_order(order_id, edited, version, now=NOW)
    siti, dewi = Customer.get_by_id(shop["siti"]), Customer.get_by_id(other)
    assert (siti.order_count, siti.lifetime_value) == (0, 0)
    assert (dewi.order_count, dewi.lifetime_value) == (1, 382_000)
    assert "Pelanggan: Siti Rahma → Dewi" in OrderEvent.get(OrderEvent.kind == "edited").detail


def test_cancel_returns_the_stock_a_cod_order_took(shop: dict[str, int]) -> None:
    order_id = manual_orders.create_manual_order(draft(shop["siti"], payment="cod"), now=NOW)
    manual_orders.cancel_manual_order(order_id, author="Ayu", reason="Pembeli batal", now=NOW)
    order = Order.get_by_id(order_id)
    assert (order.status, order.version) == ("cancelled", 2)
    assert stock("GKA-NVY-L") == 5
    cancelled = OrderEvent.get(OrderEvent.order == order_id, OrderEvent.kind == "cancelled")
    assert cancelled.detail == "Pesanan dibatalkan: Pembeli batal"
    assert Customer.get_by_id(shop["siti"]).lifetime_value == 0
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        manual_orders.cancel_manual_order(order_id)
    assert stock("GKA-NVY-L") == 5


def test_cancel_of_an_unpaid_or_demo_order_gives_nothing_back(shop: dict[str, int]) -> None:
    unpaid = manual_orders.create_manual_order(draft(shop["siti"]), now=NOW)
    demo = Order.create(
        marketplace="manual", order_no="WA-2026-0099", status="to_ship", ordered_at=NOW,
        payment_method="Transfer BCA",
    )  # fmt: skip
    OrderItem.create(order=demo, sku="GKA-NVY-L", product="Gamis", quantity=1)
    manual_orders.cancel_manual_order(unpaid)
    manual_orders.cancel_manual_order(demo.id)
    assert stock("GKA-NVY-L") == 5
    assert OrderEvent.select().where(OrderEvent.kind == "stock").count() == 0


def test_shipped_and_marketplace_orders_cannot_be_cancelled_here(shop: dict[str, int]) -> None:
    order_id = manual_orders.create_manual_order(draft(shop["siti"], payment="cod"), now=NOW)
    Order.update(status="shipped").where(Order.id == order_id).execute()
    with pytest.raises(ValidationError, match="sudah dikirim, tidak bisa dibatalkan"):
        manual_orders.cancel_manual_order(order_id)
    tiktok = Order.create(marketplace="tiktok", order_no="57123", status="unpaid", ordered_at=NOW)
    with pytest.raises(ValidationError, match="dari TikTok Shop"):
        manual_orders.cancel_manual_order(tiktok.id)
    assert Order.get_by_id(tiktok.id).status == "unpaid"


def test_confirmation_text_from_the_template(shop: dict[str, int]) -> None:
    install_default_templates()
    order_id = manual_orders.create_manual_order(draft(shop["siti"]), now=NOW)
    text = manual_orders.order_confirmation_text(order_id)
    assert text.startswith("Terima kasih Kak Siti, pesanan WA-2026-0001 sudah kami terima ✅")
    assert "Total pembayaran Rp382.000" in text
    Template.update(body="Pesanan {no_pesanan}: {produk}").where(
        Template.shortcut == "/konfirmasi"
    ).execute()
    assert manual_orders.order_confirmation_text(order_id) == (
        "Pesanan WA-2026-0001: Gamis Aisyah (Navy, L) x2\nBros bonus x1"
    )


def test_confirmation_text_without_the_template(shop: dict[str, int]) -> None:
    settings = shop_settings.load()
    settings.bank_accounts = [shop_settings.BankAccount("BCA", "7310246891", "Ayu Lestari")]
    shop_settings.save(settings)
    order_id = manual_orders.create_manual_order(draft(shop["siti"]), now=NOW)
    text = manual_orders.order_confirmation_text(order_id)
    assert text.startswith("Terima kasih Kak Siti, pesanan WA-2026-0001 sudah kami terima")
    assert "Gamis Aisyah (Navy, L) x2" in text
    assert text.endswith("transfer ke:\nBCA 7310246891 a.n. Ayu Lestari")


def test_an_order_for_a_merged_customer_goes_to_the_one_kept(shop: dict[str, int]) -> None:
    kept = Customer.create(name="Siti R.").id
    Customer.update(merged_into=kept).where(Customer.id == shop["siti"]).execute()
    order_id = manual_orders.create_manual_order(draft(shop["siti"], payment="cod"), now=NOW)
    assert Order.get_by_id(order_id).customer.id == kept
    assert Customer.get_by_id(kept).lifetime_value == 382_000
