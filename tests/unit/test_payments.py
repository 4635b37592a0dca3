"""Confirming a transfer: the Payment row, the order moving on, stock taken, the proof file
kept safely, and every refusal leaving files and database as they were."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from csdesk.errors import ValidationError
from csdesk.models import Customer, Order, OrderEvent, Payment, Product, database_proxy
from csdesk.models.base import run_sql
from csdesk.paths import attachments_dir
from csdesk.services import fmt, manual_orders, payments, products
from csdesk.services import settings as shop_settings
from csdesk.services.manual_orders import ItemDraft, ManualOrderDraft
from csdesk.services.payments import PaymentDraft

NOW = dt.datetime(2026, 3, 5, 2, 0)  # 09.00 WIB
SENT = dt.datetime(2026, 3, 5, 1, 30)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def order_id(db: object) -> int:
    settings = shop_settings.load()
    settings.bank_accounts = [
        shop_settings.BankAccount("BCA", "7310246891", "Ayu Lestari"),
        shop_settings.BankAccount("BSI", "7123456789", "Ayu Lestari"),
    ]
    shop_settings.save(settings)
    products.save_product(None, sku="GKA-NVY-L", name="Gamis Aisyah", price=80_000, stock=3)
    customer = Customer.create(name="Siti Rahma")
    draft = ManualOrderDraft(
        customer_id=customer.id,
        shipping_fee=15_000,
        items=[
            ItemDraft("Gamis Aisyah", "Navy, L", "GKA-NVY-L", 2, 80_000),
            ItemDraft("Ongkos packing kayu", quantity=1, unit_price=0),
        ],
    )
    return manual_orders.create_manual_order(draft, now=NOW - dt.timedelta(hours=3))


def stock() -> int:
    return int(Product.get(Product.sku == "GKA-NVY-L").stock)


def proof_files() -> list[Path]:
    folder = attachments_dir() / "payments"
    return sorted(folder.iterdir()) if folder.exists() else []


def unchanged(order_id: int) -> None:
    order = Order.get_by_id(order_id)
    assert (order.status, order.version, order.paid_at) == ("unpaid", 1, None)
    assert Payment.select().count() == 0
    assert stock() == 3
    assert proof_files() == []


def test_confirm_payment(order_id: int, tmp_path: Path) -> None:
    proof = tmp_path / "bukti transfer.png"
    proof.write_bytes(PNG)
    draft = PaymentDraft(1, 175_000, SENT, proof_file=proof, note=" dari rek. suami ")
    result = payments.confirm_payment(order_id, draft, author="Rina", now=NOW)
    order = Order.get_by_id(order_id)
    assert (order.status, order.paid_at, order.payment_method) == ("to_ship", SENT, "Transfer BSI")
    assert order.version == 2
    # Ship by the end of the day after confirmation, shop time.
    assert fmt.to_local(order.ship_by).strftime("%Y-%m-%d %H:%M") == "2026-03-06 23:59"
    payment = Payment.get_by_id(result.payment_id)
    assert (payment.bank, payment.account_number, payment.holder) == (
        "BSI",
        "7123456789",
        "Ayu Lestari",
    )
    assert (payment.amount, payment.transferred_at, payment.note, payment.author) == (
        175_000,
        SENT,
        "dari rek. suami",
        "Rina",
    )
    [stored] = proof_files()
    assert stored.read_bytes() == PNG and stored.suffix == ".png"
    assert payment.proof_path == f"payments/{stored.name}"
    assert result.stock_changes == [("GKA-NVY-L", 3, 1)]
    assert result.warnings == []
    assert stock() == 1
    paid = OrderEvent.get(OrderEvent.order == order_id, OrderEvent.kind == "paid")
    assert paid.author == "Rina"
    assert paid.detail.startswith(
        "Pembayaran Rp175.000 dikonfirmasi (BSI 7123456789 a.n. Ayu Lestari)"
    )
    assert "bukti transfer terlampir" in paid.detail
    # The order counts as revenue only now that it is paid.
    assert Customer.get(Customer.name == "Siti Rahma").lifetime_value == 175_000


def test_lifetime_value_waits_for_the_payment(order_id: int) -> None:
    customer = Customer.get(Customer.name == "Siti Rahma")
    assert (customer.order_count, customer.lifetime_value) == (1, 0)
    payments.confirm_payment(order_id, PaymentDraft(0, 175_000, SENT), now=NOW)
    customer = Customer.get_by_id(customer.id)
    assert (customer.order_count, customer.lifetime_value) == (1, 175_000)


def test_a_second_confirmation_is_refused(order_id: int) -> None:
    payments.confirm_payment(order_id, PaymentDraft(0, 175_000, SENT), now=NOW)
    with pytest.raises(ValidationError, match="tidak menunggu pembayaran: perlu dikirim"):
        payments.confirm_payment(order_id, PaymentDraft(0, 175_000, SENT), now=NOW)
    assert Payment.select().count() == 1
    assert stock() == 1


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (PaymentDraft(0, 0, SENT), "Jumlah transfer harus lebih dari Rp0"),
        (PaymentDraft(5, 175_000, SENT), "Pilih rekening tujuan transfer"),
        (PaymentDraft(0, 175_000, SENT, proof_file=Path("/nowhere/bukti.jpg")), "tidak ditemukan"),
    ],
)
def test_refusals_change_nothing(order_id: int, draft: PaymentDraft, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        payments.confirm_payment(order_id, draft, now=NOW)
    unchanged(order_id)


def test_marketplace_orders_are_refused(db: object) -> None:
    order = Order.create(marketplace="shopee", order_no="S1", status="unpaid", ordered_at=NOW)
    with pytest.raises(ValidationError, match="dari Shopee"):
        payments.confirm_payment(order.id, PaymentDraft(-1, 10_000, SENT), now=NOW)
    assert Order.get_by_id(order.id).status == "unpaid"


def test_a_proof_that_is_no_image_is_refused(order_id: int, tmp_path: Path) -> None:
    fake = tmp_path / "bukti.png"
    fake.write_text("MZ not really a picture")
    with pytest.raises(ValidationError, match="harus berupa foto \\(JPG, PNG, WebP\\) atau PDF"):
        payments.confirm_payment(order_id, PaymentDraft(0, 175_000, SENT, fake), now=NOW)
    unchanged(order_id)


def test_a_proof_that_is_too_big_is_refused(order_id: int, tmp_path: Path) -> None:
    big = tmp_path / "bukti.jpg"
    with big.open("wb") as fh:
        fh.write(b"\xff\xd8\xff\xe0")
        fh.truncate(payments.PROOF_MAX_BYTES + 1)
    with pytest.raises(ValidationError, match="terlalu besar \\(maks. 10 MB\\)"):
        payments.confirm_payment(order_id, PaymentDraft(0, 175_000, SENT, big), now=NOW)
    unchanged(order_id)


@pytest.mark.parametrize(
    ("head", "suffix"),
    [
        (b"\xff\xd8\xff\xe1rest", ".jpg"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", ".webp"),
        (b"%PDF-1.7\n", ".pdf"),
    ],
)
def test_the_copy_is_named_by_its_content(
    order_id: int, tmp_path: Path, head: bytes, suffix: str
) -> None:
    proof = tmp_path / "scan.png"  # the name says PNG; the bytes decide
    proof.write_bytes(head)
    payments.confirm_payment(order_id, PaymentDraft(0, 175_000, SENT, proof), now=NOW)
    [stored] = proof_files()
    assert stored.suffix == suffix


def test_a_proof_named_with_dots_lands_inside_the_attachments(
    order_id: int, tmp_path: Path
) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "evil.png").write_bytes(PNG)
    sneaky = tmp_path / "a" / "b" / ".." / ".." / "evil.png"
    payments.confirm_payment(order_id, PaymentDraft(0, 175_000, SENT, sneaky), now=NOW)
    [stored] = proof_files()
    assert stored.resolve().parent == (attachments_dir() / "payments").resolve()
    assert stored.name != "evil.png"
    [line] = payments.payments_for(order_id)
    assert line.proof_path == stored
    assert line.proof_path.is_relative_to(attachments_dir())


def test_a_failed_database_write_removes_the_copied_proof(order_id: int, tmp_path: Path) -> None:
    proof = tmp_path / "bukti.png"
    proof.write_bytes(PNG)
    run_sql(
        database_proxy.obj,
        "CREATE TRIGGER payment_fails BEFORE INSERT ON payment "
        "BEGIN SELECT RAISE(ABORT, 'disk penuh'); END",
    )
    with pytest.raises(Exception, match="disk penuh"):
        payments.confirm_payment(order_id, PaymentDraft(0, 175_000, SENT, proof), now=NOW)
    unchanged(order_id)
    assert proof.exists()  # the user's own file is never touched


def test_problems_before_saving(order_id: int) -> None:
    assert payments.payment_problems(order_id, PaymentDraft(0, 175_000, SENT), now=NOW) == []
    assert payments.payment_problems(order_id, PaymentDraft(0, 150_000, SENT), now=NOW) == [
        "Jumlah transfer Rp150.000 kurang Rp25.000 dari total Rp175.000"
    ]
    assert payments.payment_problems(order_id, PaymentDraft(0, 180_000, SENT), now=NOW) == [
        "Jumlah transfer Rp180.000 lebih Rp5.000 dari total Rp175.000"
    ]
    tomorrow = NOW + dt.timedelta(days=1)
    assert payments.payment_problems(order_id, PaymentDraft(0, 175_000, tomorrow), now=NOW) == [
        "Tanggal transfer Jum, 06 Mar 2026 09.00 WIB belum terjadi"
    ]
    Product.update(stock=1).execute()
    assert payments.payment_problems(order_id, PaymentDraft(0, 175_000, SENT), now=NOW) == [
        "Stok Gamis Aisyah (GKA-NVY-L) tinggal 1, pesanan ini butuh 2"
    ]


def test_short_stock_goes_below_zero_with_a_warning(order_id: int) -> None:
    Product.update(stock=1).execute()
    result = payments.confirm_payment(order_id, PaymentDraft(0, 150_000, SENT), now=NOW)
    assert stock() == -1
    assert result.stock_changes == [("GKA-NVY-L", 1, -1)]
    assert result.warnings == [
        "Jumlah transfer Rp150.000 kurang Rp25.000 dari total Rp175.000",
        "Stok Gamis Aisyah (GKA-NVY-L) tinggal 1, pesanan ini butuh 2",
        "Stok GKA-NVY-L sekarang -1 (minus), cek stok fisik",
    ]


def test_other_account_or_cash(order_id: int) -> None:
    payments.confirm_payment(
        order_id, PaymentDraft(-1, 175_000, SENT, note="Tunai di toko"), now=NOW
    )
    assert Order.get_by_id(order_id).payment_method == "Transfer/tunai lainnya"
    [line] = payments.payments_for(order_id)
    assert (line.bank, line.account_number, line.note, line.proof_path) == (
        "",
        "",
        "Tunai di toko",
        None,
    )


def test_payments_for_hides_a_missing_proof(order_id: int, tmp_path: Path) -> None:
    proof = tmp_path / "bukti.pdf"
    proof.write_bytes(b"%PDF-1.4\n")
    payments.confirm_payment(order_id, PaymentDraft(0, 175_000, SENT, proof), author="Ayu", now=NOW)
    [line] = payments.payments_for(order_id)
    assert (line.bank, line.amount, line.author, line.confirmed_at) == ("BCA", 175_000, "Ayu", NOW)
    assert line.proof_path is not None and line.proof_path.is_absolute()
    line.proof_path.unlink()
    assert payments.payments_for(order_id)[0].proof_path is None


def test_payment_due(order_id: int) -> None:
    ordered = Order.get_by_id(order_id).ordered_at
    assert payments.payment_due(order_id) == ordered + dt.timedelta(hours=24)
    settings = shop_settings.load()
    settings.payment_deadline_hours = 48
    shop_settings.save(settings)
    assert payments.payment_due(order_id) == ordered + dt.timedelta(hours=48)
    payments.confirm_payment(order_id, PaymentDraft(0, 175_000, SENT), now=NOW)
    assert payments.payment_due(order_id) is None


def test_deadline_setting_is_checked(db: object) -> None:
    settings = shop_settings.load()
    settings.payment_deadline_hours = 0
    with pytest.raises(ValidationError, match="minimal 1 jam"):
        shop_settings.save(settings)
