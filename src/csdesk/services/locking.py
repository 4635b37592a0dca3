"""Optimistic locking for records several admins edit at once.

An edit names the `version` it was based on; the UPDATE only matches while that version is
still current, so two admins saving the same record never silently overwrite each other: the
second one is told to reload instead.
"""

from __future__ import annotations

from typing import Any

from csdesk.errors import ConflictError, NotFoundError
from csdesk.models.base import VersionedModel, utcnow


def update_versioned(
    model: type[VersionedModel],
    record_id: int,
    expected_version: int,
    fields: dict[str, Any],
    *,
    conflict_message: str,
    missing_message: str,
) -> int:
    """`UPDATE … SET fields, version = version + 1 WHERE id = ? AND version = ?`.

    Returns the new version. Raises ConflictError when someone else saved first and
    NotFoundError when the record is gone.
    """
    changes: dict[Any, Any] = {getattr(model, name): value for name, value in fields.items()}
    changes[model.version] = model.version + 1
    changes[model.updated_at] = utcnow()
    updated = (
        model.update(changes)
        .where((model.id == record_id) & (model.version == expected_version))
        .execute()
    )
    if updated:
        return expected_version + 1
    if model.get_or_none(model.id == record_id) is None:
        raise NotFoundError(missing_message)
    raise ConflictError(conflict_message)


def bump_version(model: type[VersionedModel], record_id: int, fields: dict[str, Any]) -> None:
    """An edit that cannot conflict (appending a reply) still moves the version on, so an admin
    holding the old version reloads before changing status over news they have not seen."""
    changes: dict[Any, Any] = {getattr(model, name): value for name, value in fields.items()}
    changes[model.version] = model.version + 1
    changes[model.updated_at] = utcnow()
    model.update(changes).where(model.id == record_id).execute()
