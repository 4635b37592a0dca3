"""From complaint to resolution: the items it is about, evidence files (checked, copied, never
half-written), the checklist, a deadline set by hand, the replacement order and the reply."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from csdesk.errors import ValidationError
from csdesk.models import (
    Complaint,
    ComplaintEvent,
    ComplaintEvidence,
    ComplaintItem,
    Order,
    Product,
)
from csdesk.paths import attachments_dir
from csdesk.services import complaint_evidence as evidence
from csdesk.services import complaint_resolution as resolution
from csdesk.services import complaints

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 200
MP4 = b"\0\0\0\x18ftypmp42" + b"\0" * 400


@pytest.fixture
def case(sari_order: dict[str, int]) -> dict[str, int]:
    complaint = complaints.create_complaint(
        customer_id=sari_order["customer"], category="damaged",
        description="Jahitan lepas di lengan", order_id=sari_order["order"], author="Rina",
        items=[(sari_order["gamis"], 1)],
    )  # fmt: skip
    return {**sari_order, "complaint": complaint}


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_chosen_items_are_copied_into_the_complaint(case: dict[str, int]) -> None:
    items = [(i.product, i.sku, i.variant, i.quantity) for i in ComplaintItem.select()]
    assert items == [("Gamis Aisyah", "GA-NV-L", "Navy, L", 1)]
    with pytest.raises(ValidationError, match="harus 1 sampai 1"):
        complaints.create_complaint(
            customer_id=case["customer"], category="damaged", description="x",
            order_id=case["order"], items=[(case["gamis"], 3)],
        )  # fmt: skip


def test_evidence_is_copied_logged_and_fills_the_checklist(
    case: dict[str, int], tmp_path: Path
) -> None:
    cid = case["complaint"]
    assert [item.done for item in evidence.checklist(cid)] == [False, False, False]
    evidence.add_evidence(cid, write(tmp_path, "IMG_2041.jpg", JPEG), author="Rina")
    evidence.add_evidence(cid, write(tmp_path, "unboxing.mp4", MP4), author="Rina")

    files = evidence.evidence_files(cid)
    assert [(f.kind, f.original_name, f.size) for f in files] == [
        ("photo", "IMG_2041.jpg", len(JPEG)),
        ("video", "unboxing.mp4", len(MP4)),
    ]
    assert all(f.path.read_bytes()[:4] in (JPEG[:4], MP4[:4]) for f in files)
    code = Complaint.get_by_id(cid).code
    assert {f.path.parent for f in files} == {attachments_dir() / "complaints" / code}
    done = {item.key: item.done for item in evidence.checklist(cid)}
    assert done == {"unboxing_video": True, "parcel_photo": True, "item_photo": False}

    evidence.set_checked(cid, "item_photo", True, author="Dina")
    assert all(item.done for item in evidence.checklist(cid))
    log = [e.detail for e in ComplaintEvent.select().where(ComplaintEvent.kind == "evidence")]
    assert log == [
        "Foto ditambahkan: IMG_2041.jpg",
        "Video ditambahkan: unboxing.mp4",
        "Daftar bukti: Foto bagian yang rusak dicentang",
    ]

    evidence.remove_evidence(files[0].id, author="Rina")
    assert not files[0].path.exists()
    assert ComplaintEvidence.select().count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("nota.txt", b"bukan foto", "harus berupa foto"),
        ("kosong.jpg", b"", "kosong"),
        ("palsu.jpg", b"GIF89a" + b"\0" * 10, "harus berupa foto"),
    ],
)
def test_bad_files_are_refused_by_name_and_nothing_is_kept(
    case: dict[str, int], tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(ValidationError, match=f"{name}.*{message}"):
        evidence.add_evidence(case["complaint"], write(tmp_path, name, data))
    assert ComplaintEvidence.select().count() == 0
    assert not (attachments_dir() / "complaints").exists() or not any(
        (attachments_dir() / "complaints").rglob("*.*")
    )


def test_a_video_over_the_limit_is_refused(
    case: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(evidence.LIMITS, "mp4", 300)
    with pytest.raises(ValidationError, match=r"unboxing.mp4 terlalu besar"):
        evidence.add_evidence(case["complaint"], write(tmp_path, "unboxing.mp4", MP4))
    assert ComplaintEvidence.select().count() == 0


def test_a_failed_write_leaves_no_copy(
    case: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(evidence, "_log", broken)
    with pytest.raises(RuntimeError):
        evidence.add_evidence(case["complaint"], write(tmp_path, "IMG.jpg", JPEG))
    assert ComplaintEvidence.select().count() == 0
    assert not any((attachments_dir() / "complaints").rglob("*.jpg"))


def test_a_deadline_set_by_hand_and_back(case: dict[str, int]) -> None:
    cid = case["complaint"]
    marketplace_due = Complaint.get_by_id(cid).due_at
    later = marketplace_due + dt.timedelta(days=5)
    version = complaints.set_due(cid, later, author="Rina", expected_version=1)
    complaint = Complaint.get_by_id(cid)
    assert (complaint.due_at, complaint.due_overridden, version) == (later, True, 2)
    complaints.set_due(cid, None, author="Rina", expected_version=2)
    complaint = Complaint.get_by_id(cid)
    assert (complaint.due_at, complaint.due_overridden) == (marketplace_due, False)
    details = [e.detail for e in ComplaintEvent.select().where(ComplaintEvent.kind == "due")]
    assert details[0].startswith("Batas penyelesaian diubah ke ")
    assert details[1] == "Batas penyelesaian kembali ke batas marketplace"


def test_replacement_order_settles_the_complaint(case: dict[str, int]) -> None:
    cid = case["complaint"]
    made = resolution.create_replacement_order(
        cid, author="Rina", expected_version=1, shipping_cost=12_000
    )
    order = Order.get_by_id(made.order_id)
    assert order.order_no.startswith("WA-") and order.customer_id == case["customer"]
    assert (order.status, order.payment_method, order.total) == ("to_ship", "Pengganti (gratis)", 0)
    assert (order.address, order.courier) == ("Jl. Melati 5", "J&T")
    items = [(i.product, i.quantity, i.unit_price) for i in order.items]
    assert items == [("Gamis Aisyah", 1, 0)]
    assert Product.get(Product.sku == "GA-NV-L").stock == 4
    complaint = Complaint.get_by_id(cid)
    assert complaint.replacement_order_id == made.order_id
    assert (complaint.resolution, complaint.cost) == ("replacement", 189_000 + 12_000)
    with pytest.raises(ValidationError, match="sudah punya pesanan pengganti"):
        resolution.create_replacement_order(cid, author="Rina", expected_version=made.version)

    reply = resolution.reply(cid)
    assert reply.shortcut == "/ganti"
    assert "Kak Sari" in reply.text and made.order_no in reply.text


def test_the_reply_asks_for_the_unboxing_video_until_it_is_there(
    case: dict[str, int], tmp_path: Path
) -> None:
    assert resolution.reply(case["complaint"]).shortcut == "/unboxing"
    evidence.add_evidence(case["complaint"], write(tmp_path, "unboxing.mp4", MP4))
    reply = resolution.reply(case["complaint"])
    assert reply.shortcut == "/maaf" and reply.text.startswith("Mohon maaf")


def test_a_replacement_order_can_be_edited_and_stays_free(case: dict[str, int]) -> None:
    from csdesk.services import manual_orders

    made = resolution.create_replacement_order(case["complaint"], author="Rina", expected_version=1)
    draft, version = manual_orders.load_draft(made.order_id)
    assert draft.payment == "replacement"
    draft.address = "Jl. Mawar 7"
    manual_orders.update_manual_order(made.order_id, draft, expected_version=version, author="Rina")
    order = Order.get_by_id(made.order_id)
    assert (order.address, order.payment_method, order.total) == (
        "Jl. Mawar 7",
        "Pengganti (gratis)",
        0,
    )
