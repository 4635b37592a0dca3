"""Shipping labels as a seller and a courier meet them: the PDF's text, pages, sizes, and
barcodes that scan back to the tracking number."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from csdesk.models import Order, OrderItem
from csdesk.services import settings
from csdesk.services.printing.print_run import render_labels_pdf
from csdesk.services.printing.sizes import LABEL_SIZES

MM = 72 / 25.4
LONG_ADDRESS = (
    "Perumahan Griya Permata Hijau Residence Cluster Anggrek Blok C12 Nomor 34, Jalan Raya "
    "Cibiru Hilir Kilometer 15, RT 003/RW 011, Kelurahan Cibiru Wetan, Kecamatan Cileunyi, "
    "dekat Masjid Al-Ikhlas dan warung Bu Imas, pagar hitam rumah cat hijau dua lantai, "
    "titip satpam kalau sedang kosong ujungpatokan"
)


def make_order(order_no: str, items: int = 1, **fields: Any) -> int:
    values: dict[str, Any] = {
        "marketplace": "shopee",
        "status": "to_ship",
        "ordered_at": dt.datetime(2025, 3, 5, 2, 0),
        "courier": "J&T Express",
        "service": "EZ",
        "tracking_no": f"JP{order_no[-8:].upper()}",
        "recipient": f"Penerima {order_no}",
        "phone": "081234567890",
        "address": "Jl. Merdeka No. 1",
        "city": "Kota Bandung",
        "province": "Jawa Barat",
        "payment_method": "Transfer Bank",
        "total": 150_000,
        **fields,
    }
    order = Order.create(order_no=order_no, **values)
    OrderItem.insert_many(
        [
            {
                "order": order.id,
                "product": f"Pashmina Ceruty {n + 1}",
                "variant": "Mocca",
                "quantity": 1 + n % 3,
            }
            for n in range(items)
        ]  # fmt: skip
    ).execute()
    return int(order.id)


def text_of(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def flat_text_of(pdf: Path, page: int | None = None) -> str:
    """The text with every run of whitespace as one space (wrapped lines joined)."""
    return " ".join(text_of(pdf, page).split())


def page_sizes_mm(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    return [(round(float(w) / MM, 1), round(float(h) / MM, 1)) for w, h in sizes]


def words_with_boxes(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """Every word of page 1 with its box (xMin, yMin, xMax, yMax) in points from top-left."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    return [
        (word, float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, word in re.findall(pattern, html)
    ]


def scan(pdf: Path, page: int, dpi: int = 300) -> set[str]:
    """What a barcode scanner reads from the page printed at `dpi`."""
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI"):
            pytest.fail("zbarimg missing on CI (apt-get install zbar-tools)")
        pytest.skip("zbarimg not installed here")
    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), str(pdf),
         str(prefix)],
        check=True,
    )  # fmt: skip
    images = sorted(pdf.parent.glob(f"{prefix.name}-*.png"))
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", *map(str, images)], capture_output=True, text=True
    )
    for image in images:
        image.unlink()
    return {line.strip() for line in result.stdout.splitlines() if line.strip()}


@pytest.mark.parametrize("size", list(LABEL_SIZES))
def test_every_label_carries_order_recipient_and_tracking(
    db: object, tmp_path: Path, size: str
) -> None:
    ids = [make_order(f"2503050000AB{n}", marketplace="tiktok") for n in range(5)]
    pdf = tmp_path / "label.pdf"
    result = render_labels_pdf(ids, pdf, size)
    text = flat_text_of(pdf)
    for n in range(5):
        assert f"2503050000AB{n}" in text
        assert f"Penerima 2503050000AB{n}" in text
        assert f"JP50000AB{n}" in text
    assert "TikTok Shop" in text and "J&T Express EZ" in text
    assert "+62 812-3456-7890" in text and "Kota Bandung, Jawa Barat" in text
    expected_pages = {"a4": 2}.get(size, 5)
    assert (result.labels, result.pages) == (5, expected_pages)
    assert len(page_sizes_mm(pdf)) == expected_pages


def test_labels_follow_the_order_asked(db: object, tmp_path: Path) -> None:
    ids = [make_order(no) for no in ("25030500ZZZ1", "25030500AAA2", "25030500MMM3")]
    pdf = tmp_path / "urut.pdf"
    render_labels_pdf(list(reversed(ids)), pdf, "a6")
    assert "25030500MMM3" in text_of(pdf, 1)
    assert "25030500ZZZ1" in text_of(pdf, 3)


@pytest.mark.parametrize(
    ("size", "width", "height"),
    [("a6", 105, 148), ("a4", 210, 297), ("80mm", 80, None), ("58mm", 58, None)],
)
def test_page_size_in_mm(
    db: object, tmp_path: Path, size: str, width: float, height: float | None
) -> None:
    ids = [make_order("250305SIZE01"), make_order("250305SIZE02", items=12)]
    pdf = tmp_path / "ukuran.pdf"
    render_labels_pdf(ids, pdf, size)
    sizes = page_sizes_mm(pdf)
    assert {w for w, _ in sizes} == {width}
    if height is not None:
        assert {h for _, h in sizes} == {height}
    else:
        # Thermal pages follow their content: never shorter than wide, longer with more items.
        assert all(h >= width for _, h in sizes)
        assert sizes[1][1] > sizes[0][1]


def test_cod_amount_only_on_cod_labels(db: object, tmp_path: Path) -> None:
    ids = [
        make_order("250305COD001", payment_method="COD (Bayar di Tempat)", total=250_000),
        make_order("250305COD002", payment_method="Cash on Delivery", total=1_250_000),
        make_order("250305TRF003", payment_method="Transfer BCA", total=300_000),
        make_order("250305DNA004", payment_method="DANA", total=90_000),
    ]
    pdf = tmp_path / "cod.pdf"
    render_labels_pdf(ids, pdf, "a6")
    assert "COD Rp250.000" in text_of(pdf, 1)
    assert "COD Rp1.250.000" in text_of(pdf, 2)
    for page, amount in ((3, "Rp300.000"), (4, "Rp90.000")):
        text = text_of(pdf, page)
        assert "COD" not in text and amount not in text


def test_without_tracking_number_no_barcode_but_a_note(db: object, tmp_path: Path) -> None:
    ids = [make_order("250305NORESI", tracking_no="")]
    pdf = tmp_path / "tanpa-resi.pdf"
    render_labels_pdf(ids, pdf, "a6")
    assert "Belum ada resi" in text_of(pdf)
    assert scan(pdf, 1) == {"250305NORESI"}  # only the order number's barcode


@pytest.mark.parametrize(("size", "dpi"), [("a6", 300), ("a4", 300), ("80mm", 203), ("58mm", 203)])
def test_tracking_barcode_scans(db: object, tmp_path: Path, size: str, dpi: int) -> None:
    """Printed at the printer's resolution (203 dpi for thermal), a scanner reads the
    tracking numbers back, long marketplace ones included."""
    ids = [
        make_order("250305SCAN01", tracking_no="SPXID012046456005"),
        make_order("INV/20250305/MPL/4515810023", tracking_no="BDOAA12345678901"),
    ]
    pdf = tmp_path / "scan.pdf"
    render_labels_pdf(ids, pdf, size)
    read = scan(pdf, 1, dpi) | (set() if size == "a4" else scan(pdf, 2, dpi))
    assert {"SPXID012046456005", "BDOAA12345678901"} <= read


@pytest.mark.parametrize("size", ["a6", "a4", "58mm"])
def test_long_address_and_forty_items_stay_on_the_label(
    db: object, tmp_path: Path, size: str
) -> None:
    """A 300-character address wraps in full; a 40-item packing list shows what fits and
    sums up the rest; no word leaves the label."""
    assert len(LONG_ADDRESS) == 300
    ids = [make_order("250305PANJANG", items=40, address=LONG_ADDRESS, buyer_note="Kado ya " * 40)]
    pdf = tmp_path / "panjang.pdf"
    result = render_labels_pdf(ids, pdf, size)
    assert result.pages == 1
    text = flat_text_of(pdf)
    assert "ujungpatokan" in text and "Cibiru Wetan" in text
    shown = len(re.findall(r"\d× Pashmina Ceruty", text))
    summary = re.search(r"\+(\d+) barang lainnya \((\d+) pcs\)", text)
    assert summary is not None and 0 < shown < 40
    assert shown + int(summary.group(1)) == 40
    assert "40 barang, 79 pcs" in text
    assert re.search(r"Dicetak .* WIB", text)  # the last line, at the label's bottom
    width, height = page_sizes_mm(pdf)[0]
    cell_width, cell_height = (105, 148.5) if size == "a4" else (width, height)
    inside = 3 * MM  # the labels keep at least 4 mm (A6, A4) or 5 mm (58 mm) free at the edge
    for word, x0, y0, x1, y1 in words_with_boxes(pdf):
        assert x0 >= inside and x1 <= cell_width * MM - inside, word
        assert y0 >= inside and y1 <= cell_height * MM - inside, word


def test_thermal_lists_fifteen_items_then_sums_up(db: object, tmp_path: Path) -> None:
    ids = [make_order("250305BANYAK", items=40)]
    pdf = tmp_path / "thermal.pdf"
    render_labels_pdf(ids, pdf, "80mm")
    text = text_of(pdf)
    assert len(re.findall(r"\d× Pashmina Ceruty", text)) == 15
    assert "+25 barang lainnya" in text


def test_emoji_and_any_name_print(db: object, tmp_path: Path) -> None:
    ids = [
        make_order(
            "250305EMOJI1",
            recipient="Siti Nurhaliza 🌸 Ñoño Đặng",
            buyer_note="Warna jangan sampai salah ya kak 🙏🏻 makasih ❤️\x00",
            tracking_no="JPÉ123",  # not encodable as Code 128: the text still prints
        )
    ]
    pdf = tmp_path / "emoji.pdf"
    render_labels_pdf(ids, pdf, "58mm")
    text = flat_text_of(pdf)
    assert "Siti Nurhaliza Ñoño Đặng" in text
    assert "Warna jangan sampai salah ya kak" in text
    assert "JPÉ123" in text


def test_sender_block_with_logo_and_print_time_in_shop_zone(db: object, tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), (200, 30, 90)).save(logo)
    settings.save(
        settings.ShopSettings(
            shop_name="Hijab Ayu Collection",
            shop_phone="0812-2345-6789",
            shop_city="Bandung",
            logo_path=str(logo),
            zone="WITA",
        )
    )
    pdf = tmp_path / "logo.pdf"
    render_labels_pdf([make_order("250305LOGO01")], pdf, "80mm")
    text = flat_text_of(pdf)
    assert "Hijab Ayu Collection" in text and "+62 812-2345-6789 · Bandung" in text
    assert re.search(r"Dicetak \w{3}, \d\d \w{3} \d{4} \d\d\.\d\d WITA", text)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert len(images.stdout.strip().splitlines()) == 3  # header, rule, the logo


@pytest.mark.parametrize("content", [None, b"\x89PNG\r\n\x1a\nnot really a png"])
def test_missing_or_broken_logo_does_not_stop_the_print(
    db: object, tmp_path: Path, content: bytes | None
) -> None:
    logo = tmp_path / "logo.png"
    if content is not None:
        logo.write_bytes(content)
    settings.save(settings.ShopSettings(shop_name="Toko Berkah", logo_path=str(logo)))
    pdf = tmp_path / "tanpa-logo.pdf"
    result = render_labels_pdf([make_order("250305LOGO02")], pdf, "a6")
    assert result.pages == 1 and "Toko Berkah" in text_of(pdf)
