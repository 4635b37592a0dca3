"""Column mappings the seller chose for files whose headers a format does not know.

When `read_orders` cannot find a needed column (MissingColumnsError), the GUI asks which of the
file's headers holds each missing field and saves the answer here, per format, in the shop's
`Setting` table (`import_mapping.<format>` → JSON `{field: header}`). The next file of that
format with the same headers is read with the saved mapping without asking again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

from csdesk.models import Setting
from csdesk.services import fmt
from csdesk.services.importing.read import read_orders
from csdesk.services.importing.records import MissingColumnsError, ParsedFile

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

_PREFIX = "import_mapping."


def load_mapping(file_format: str) -> dict[str, str]:
    """The saved mapping (field → header) for `file_format`; empty when none was saved."""
    row = Setting.get_or_none(Setting.key == _PREFIX + file_format)
    if row is None:
        return {}
    stored = json.loads(row.value)
    if not isinstance(stored, dict):
        return {}
    return {str(name): str(header) for name, header in stored.items()}


def save_mapping(file_format: str, mapping: Mapping[str, str]) -> None:
    """Remember `mapping` for `file_format`, on top of what was saved for it before."""
    merged = {**load_mapping(file_format), **mapping}
    value = json.dumps(merged, ensure_ascii=False, sort_keys=True)
    Setting.insert(key=_PREFIX + file_format, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}
    ).execute()


def read_with_saved_mapping(
    path: str | Path,
    *,
    file_format: str = "auto",
    zone: str = fmt.DEFAULT_ZONE,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> ParsedFile:
    """`read_orders`, retried with the saved mapping of the format that came closest when
    columns are missing; raises the MissingColumnsError when no saved mapping makes it fit."""
    try:
        return read_orders(
            path, file_format=file_format, zone=zone, progress=progress, is_cancelled=is_cancelled
        )
    except MissingColumnsError as missing:
        saved = load_mapping(missing.file_format)
        if not saved:
            raise
        try:
            return read_orders(
                path,
                file_format=missing.file_format,
                zone=zone,
                mapping=saved,
                progress=progress,
                is_cancelled=is_cancelled,
            )
        except MissingColumnsError:
            raise missing from None
