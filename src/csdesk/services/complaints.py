"""What an admin does to a complaint: move its status, record the resolution, add notes.

Every change writes a ComplaintEvent in Indonesian, so the complaint's log reads as its story.
Status and resolution changes carry the `version` the admin saw (optimistic locking).
"""

from __future__ import annotations

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Complaint, ComplaintEvent, database_proxy, utcnow
from csdesk.models.complaints import COMPLAINT_STATUSES, RESOLUTIONS
from csdesk.services import fmt
from csdesk.services.labels import COMPLAINT_STATUS_LABELS, RESOLUTION_LABELS
from csdesk.services.locking import update_versioned

CONFLICT = "Komplain ini baru saja diubah oleh admin lain. Muat ulang lalu coba lagi."
CLOSED_STATUSES = ("resolved", "rejected")
REFUND_RESOLUTIONS = ("refund", "partial_refund")


def _missing(complaint_id: int) -> str:
    return f"Komplain #{complaint_id} tidak ditemukan"


def _complaint(complaint_id: int) -> Complaint:
    complaint = Complaint.get_or_none(Complaint.id == complaint_id)
    if complaint is None:
        raise NotFoundError(_missing(complaint_id))
    return complaint


def _log(complaint_id: int, kind: str, author: str, detail: str) -> None:
    ComplaintEvent.create(complaint=complaint_id, kind=kind, author=author, detail=detail)


def change_status(
    complaint_id: int, status: str, *, author: str, expected_version: int, note: str = ""
) -> int:
    """Move the complaint to `status`; resolved/rejected stamp `resolved_at`, reopening clears
    it. Returns the new version."""
    if status not in COMPLAINT_STATUSES:
        raise ValidationError(f"Status komplain tidak dikenal: {status}")
    with database_proxy.atomic():
        before = _complaint(complaint_id).status
        version = update_versioned(
            Complaint,
            complaint_id,
            expected_version,
            {"status": status, "resolved_at": utcnow() if status in CLOSED_STATUSES else None},
            conflict_message=CONFLICT,
            missing_message=_missing(complaint_id),
        )
        detail = (
            f"Status: {COMPLAINT_STATUS_LABELS.get(before, before)} → "
            f"{COMPLAINT_STATUS_LABELS[status]}"
        )
        if note.strip():
            detail += f"\n{note.strip()}"
        _log(complaint_id, "status", author, detail)
    return version


def set_resolution(
    complaint_id: int,
    resolution: str,
    refund_amount: int,
    cost: int,
    *,
    author: str,
    expected_version: int,
) -> int:
    """Record how the complaint is settled: replacement, (partial) refund, voucher or an
    explanation, what goes back to the customer and what it cost the shop."""
    if resolution not in RESOLUTIONS:
        raise ValidationError("Pilih penyelesaian komplain")
    if refund_amount < 0 or cost < 0:
        raise ValidationError("Nominal refund dan biaya tidak boleh negatif")
    if resolution in REFUND_RESOLUTIONS and refund_amount == 0:
        raise ValidationError("Isi nominal refund untuk penyelesaian berupa refund")
    if resolution not in REFUND_RESOLUTIONS and refund_amount:
        raise ValidationError(
            f"Nominal refund hanya untuk refund, bukan {RESOLUTION_LABELS[resolution].lower()}"
        )
    with database_proxy.atomic():
        complaint = _complaint(complaint_id)
        order = complaint.order
        order_total = order.total if order is not None else 0
        if order_total and refund_amount > order_total:
            raise ValidationError(
                f"Refund {fmt.rupiah(refund_amount)} melebihi total pesanan "
                f"{fmt.rupiah(order_total)}"
            )
        version = update_versioned(
            Complaint,
            complaint_id,
            expected_version,
            {"resolution": resolution, "refund_amount": refund_amount, "cost": cost},
            conflict_message=CONFLICT,
            missing_message=_missing(complaint_id),
        )
        detail = RESOLUTION_LABELS[resolution]
        if refund_amount:
            detail += f", refund {fmt.rupiah(refund_amount)}"
        if cost:
            detail += f", biaya {fmt.rupiah(cost)}"
        _log(complaint_id, "resolution", author, detail)
    return version


def add_note(complaint_id: int, body: str, author: str) -> None:
    """A note in the complaint's log. Notes only append, so they need no version check."""
    body = body.strip()
    if not body:
        raise ValidationError("Catatan masih kosong")
    with database_proxy.atomic():
        _complaint(complaint_id)
        _log(complaint_id, "note", author, body)
        Complaint.update(updated_at=utcnow()).where(Complaint.id == complaint_id).execute()
