"""Files the shop keeps with its records (transfer proofs, complaint photos and unboxing videos):
checked by their first bytes, never by their name, size-capped, and copied under the app's
attachment folder with a generated name, so a customer's file name never becomes a path.

A caller that writes a database row for the copy removes the copy when that write fails
(`stored_copy` does it as a context manager), so neither exists without the other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from csdesk.errors import ValidationError
from csdesk.paths import attachments_dir

# type → (extension of the copy, kind: photo | video | document)
FILE_TYPES: dict[str, tuple[str, str]] = {
    "jpeg": (".jpg", "photo"),
    "png": (".png", "photo"),
    "webp": (".webp", "photo"),
    "heic": (".heic", "photo"),
    "pdf": (".pdf", "document"),
    "mp4": (".mp4", "video"),
    "mov": (".mov", "video"),
    "3gp": (".3gp", "video"),
    "webm": (".webm", "video"),
}
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1"}
MB = 1024 * 1024


def file_type(head: bytes) -> str | None:
    """The type (a key of FILE_TYPES) of a file starting with `head` (16 bytes), else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIC_BRANDS:
            return "heic"
        if brand == b"qt  ":
            return "mov"
        if brand.startswith(b"3g"):
            return "3gp"
        return "mp4"
    return None


def check_file(path: Path, allowed: dict[str, int], what: str, expected: str) -> str:
    """The file's type after checking it exists, is not empty, is one of `allowed` (type →
    size limit in bytes) and within that type's limit. Messages name the file: `what` is how
    ("File bukti transfer"), `expected` what it should be ("foto (JPG, PNG, WebP) atau PDF")."""
    if not path.is_file():
        raise ValidationError(f"{what} tidak ditemukan: {path.name}")
    size = path.stat().st_size
    if size == 0:
        raise ValidationError(f"{what} {path.name} kosong")
    with path.open("rb") as fh:
        kind = file_type(fh.read(16))
    if kind is None or kind not in allowed:
        raise ValidationError(f"{what} {path.name} harus berupa {expected}")
    limit = allowed[kind]
    if size > limit:
        raise ValidationError(f"{what} {path.name} terlalu besar (maks. {limit // MB} MB)")
    return kind


def store_copy(path: Path, folder: str, kind: str, limit: int, what: str) -> Path:
    """Copy `path` into attachments/`folder`/ under a generated name with `kind`'s extension;
    returns the copy's absolute path. A file that grew past `limit` since it was checked is
    refused and its partial copy removed."""
    target_dir = attachments_dir() / folder
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{uuid.uuid4().hex}{FILE_TYPES[kind][0]}"
    try:
        with path.open("rb") as src, target.open("xb") as dst:
            copied = 0
            while chunk := src.read(MB):
                copied += len(chunk)
                if copied > limit:
                    raise ValidationError(f"{what} {path.name} terlalu besar")
                dst.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


@contextmanager
def stored_copy(path: Path, folder: str, kind: str, limit: int, what: str) -> Iterator[Path]:
    """`with stored_copy(...) as copy:` write the row that names `copy`; if the block fails,
    the copy is removed."""
    copy = store_copy(path, folder, kind, limit, what)
    try:
        yield copy
    except BaseException:
        copy.unlink(missing_ok=True)
        raise


def relative(path: Path) -> str:
    """How a record names its file: relative to the attachment folder, with `/`."""
    return path.relative_to(attachments_dir()).as_posix()
