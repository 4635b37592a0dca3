"""A complaint's evidence: the buyer's photos and unboxing videos, kept with the complaint, and
the checklist of what each kind of complaint needs before a marketplace or courier claim.

Files are checked by their first bytes (attachments.py): photos JPG/PNG/WebP/HEIC up to
PHOTO_MAX_MB, videos MP4/MOV/3GP/WebM up to VIDEO_MAX_MB, PDFs (a courier's statement) up to
PHOTO_MAX_MB. The copy goes to `attachments/complaints/<code>/` under a generated name, and the
row is written in the same step: a failed write removes the copy, a removed row removes its file
after the row is gone.

The checklist (CHECKLISTS): each item asks for a photo or a video. Evidence fills items of its
kind in the list's order (the first photo fills the first photo item, and so on); an item can
also be ticked by hand (the resi was checked on the courier's site, the buyer sent the video to
the marketplace instead). Every change is written to the complaint's log with its author.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Complaint, ComplaintEvent, ComplaintEvidence, database_proxy, utcnow
from csdesk.paths import attachments_dir
from csdesk.services import attachments
from csdesk.services.list_sql import fetch_tuples

PHOTO_MAX_MB = 15
VIDEO_MAX_MB = 200
MB = 1024 * 1024
LIMITS = {
    **{kind: PHOTO_MAX_MB * MB for kind in ("jpeg", "png", "webp", "heic", "pdf")},
    **{kind: VIDEO_MAX_MB * MB for kind in ("mp4", "mov", "3gp", "webm")},
}
EXPECTED = "foto (JPG, PNG, WebP, HEIC), video (MP4, MOV, 3GP, WebM) atau PDF"
KIND_LABELS = {"photo": "Foto", "video": "Video", "document": "Dokumen"}

# category → (key, what it asks for, the evidence kind that fills it)
_UNBOXING = ("unboxing_video", "Video unboxing dari paket masih tersegel", "video")
_PARCEL = ("parcel_photo", "Foto paket dan label resi", "photo")
CHECKLISTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "damaged": (_UNBOXING, _PARCEL, ("item_photo", "Foto bagian yang rusak", "photo")),
    "missing_item": (_UNBOXING, _PARCEL, ("item_photo", "Foto seluruh isi paket", "photo")),
    "wrong_item": (_UNBOXING, ("item_photo", "Foto barang yang diterima", "photo"), _PARCEL),
    "differs_from_picture": (("item_photo", "Foto barang yang diterima", "photo"),),
    "quality": (("item_photo", "Foto bagian yang bermasalah", "photo"),),
    "late": (("tracking", "Tangkapan layar status resi", "photo"),),
    "not_arrived": (
        ("tracking", "Tangkapan layar status resi", "photo"),
        ("courier_claim", "Bukti klaim ke kurir / marketplace", "photo"),
    ),
    "unfriendly_service": (("chat_screenshot", "Tangkapan layar percakapan", "photo"),),
}


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    text: str
    needs: str  # photo | video
    done: bool
    by_hand: bool  # ticked by an admin rather than filled by a file


@dataclass(frozen=True)
class EvidenceFile:
    id: int
    path: Path  # absolute
    kind: str  # photo | video | document
    original_name: str
    size: int
    author: str
    added_at: object

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def _complaint(complaint_id: int) -> Complaint:
    complaint = Complaint.get_or_none(Complaint.id == complaint_id)
    if complaint is None:
        raise NotFoundError(f"Keluhan #{complaint_id} tidak ditemukan")
    return complaint


def _log(complaint_id: int, author: str, detail: str) -> None:
    ComplaintEvent.create(complaint=complaint_id, kind="evidence", author=author, detail=detail)
    Complaint.update(updated_at=utcnow()).where(Complaint.id == complaint_id).execute()


def add_evidence(complaint_id: int, path: Path, author: str = "") -> int:
    """Copy `path` in as evidence of the complaint; returns the evidence id."""
    complaint = _complaint(complaint_id)
    file_type = attachments.check_file(path, LIMITS, "Bukti keluhan", EXPECTED)
    kind = attachments.FILE_TYPES[file_type][1]
    folder = f"complaints/{complaint.code}"
    with (
        attachments.stored_copy(
            path, folder, file_type, LIMITS[file_type], "Bukti keluhan"
        ) as copy,
        database_proxy.atomic(),
    ):
        evidence = ComplaintEvidence.create(
            complaint=complaint_id,
            path=attachments.relative(copy),
            kind=kind,
            original_name=path.name[:255],
            size=copy.stat().st_size,
            author=author,
        )
        _log(complaint_id, author, f"{KIND_LABELS[kind]} ditambahkan: {path.name}")
    return int(evidence.id)


def remove_evidence(evidence_id: int, author: str = "") -> None:
    """Remove the evidence row, then its file."""
    evidence = ComplaintEvidence.get_or_none(ComplaintEvidence.id == evidence_id)
    if evidence is None:
        raise NotFoundError(f"Bukti #{evidence_id} tidak ditemukan")
    complaint_id = int(evidence.__data__["complaint"])
    name = evidence.original_name or Path(evidence.path).name
    with database_proxy.atomic():
        evidence.delete_instance()
        _log(complaint_id, author, f"{KIND_LABELS.get(evidence.kind, 'Bukti')} dihapus: {name}")
    (attachments_dir() / evidence.path).unlink(missing_ok=True)


def evidence_files(complaint_id: int) -> list[EvidenceFile]:
    """The complaint's files, oldest first."""
    rows = (
        ComplaintEvidence.select()
        .where(ComplaintEvidence.complaint == complaint_id)
        .order_by(ComplaintEvidence.added_at, ComplaintEvidence.id)
    )
    return [
        EvidenceFile(
            id=e.id,
            path=attachments_dir() / e.path,
            kind=e.kind,
            original_name=e.original_name or Path(e.path).name,
            size=e.size,
            author=e.author,
            added_at=e.added_at,
        )
        for e in rows
    ]


def _ticked(complaint: Complaint) -> list[str]:
    try:
        value = json.loads(complaint.checklist_done or "[]")
    except ValueError:
        return []
    return [str(key) for key in value] if isinstance(value, list) else []


def checklist(complaint_id: int) -> list[ChecklistItem]:
    """What the complaint's category asks for, each done by a file or by hand."""
    complaint = _complaint(complaint_id)
    counts: dict[str, int] = {}
    for row in fetch_tuples(
        ComplaintEvidence.select(ComplaintEvidence.kind).where(
            ComplaintEvidence.complaint == complaint_id
        )
    ):
        kind = str(row[0])
        counts[kind] = counts.get(kind, 0) + 1
    ticked = set(_ticked(complaint))
    items = []
    for key, text, needs in CHECKLISTS.get(complaint.category, ()):
        by_file = counts.get(needs, 0) > 0
        if by_file:
            counts[needs] -= 1
        items.append(ChecklistItem(key, text, needs, by_file or key in ticked, key in ticked))
    return items


def set_checked(complaint_id: int, key: str, checked: bool, author: str = "") -> None:
    """Tick (or untick) a checklist item by hand."""
    complaint = _complaint(complaint_id)
    known = {item[0]: item[1] for item in CHECKLISTS.get(complaint.category, ())}
    if key not in known:
        raise ValidationError(f"Daftar bukti keluhan ini tidak punya butir {key!r}")
    ticked = [k for k in _ticked(complaint) if k != key] + ([key] if checked else [])
    with database_proxy.atomic():
        Complaint.update(checklist_done=json.dumps(sorted(ticked))).where(
            Complaint.id == complaint_id
        ).execute()
        word = "dicentang" if checked else "centang dihapus"
        _log(complaint_id, author, f"Daftar bukti: {known[key]} {word}")
