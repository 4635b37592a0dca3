"""Errors a user can cause, each with a message for people (Indonesian), shown as-is by the
GUI (a dialog) and the CLI (one line on stderr, exit status 2)."""

from __future__ import annotations


class CsdeskError(Exception):
    """Base of every error meant for the user; `str(err)` is the message to show."""


class DatabaseOpenError(CsdeskError):
    """The database cannot be opened: not a csdesk file, missing/read-only folder, corrupt."""


class NewerSchemaError(DatabaseOpenError):
    """The database was written by a newer csdesk; opening it would risk the seller's data."""


class BackupError(CsdeskError):
    """A backup could not be written, or a file offered for restore fails verification."""


class NotFoundError(CsdeskError):
    """A record named by the user (an id, an order number) does not exist."""


class ValidationError(CsdeskError):
    """A value the user typed is refused (empty title, a shortcut without "/", …)."""


class ConflictError(CsdeskError):
    """Another admin changed the record since it was loaded (its `version` moved on)."""
