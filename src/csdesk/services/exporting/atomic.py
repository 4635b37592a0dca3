"""Writing a workbook so that the seller's file is either complete or untouched: into a hidden
file beside the target (the final rename never crosses file systems), renamed over the target
only when everything was written; a cancel, an error or a crash leaves no half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import xlsxwriter.exceptions

from csdesk.errors import CsdeskError

T = TypeVar("T")


class ExportError(CsdeskError):
    """The file could not be written (folder missing or read-only, disk full, …)."""


def temp_beside(target: Path) -> Path:
    """A hidden file in the target's folder."""
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.stem}-", suffix=f"{target.suffix}.part", dir=target.parent
        )
    except FileNotFoundError as exc:
        raise ExportError(f"Folder {target.parent} tidak ada; file tidak ditulis") from exc
    except OSError as exc:
        raise ExportError(
            f"Folder {target.parent} tidak bisa ditulisi ({exc.strerror or exc}); "
            "file tidak ditulis"
        ) from exc
    os.close(handle)
    return Path(name)


def write_atomically(target: Path, write: Callable[[Path], T]) -> T:
    """`write(temp)` then rename the temp file to `target`; returns what `write` returned."""
    if target.is_dir():
        raise ExportError(f"{target} adalah folder; pilih nama file {target.suffix or '.xlsx'}")
    temp = temp_beside(target)
    try:
        result = write(temp)
        os.replace(temp, target)
    except OSError as exc:
        raise ExportError(f"File {target} tidak bisa ditulis: {exc.strerror or exc}") from exc
    except xlsxwriter.exceptions.XlsxWriterException as exc:
        raise ExportError(f"File {target} tidak bisa ditulis: {exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    return result
