"""How a list cell shows a stored value: one place, so every table formats the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csdesk.services import fmt
from csdesk.services.listing import ColumnKind


def number(value: int) -> str:
    """`1.234`: Indonesian thousands separator."""
    return f"{int(value):,}".replace(",", ".")


def cell_text(kind: ColumnKind, value: Any, zone: str = fmt.DEFAULT_ZONE) -> str:
    """The text of a cell; empty text for a missing value, never None."""
    if value is None:
        return ""
    if kind == "money":
        return fmt.rupiah(int(value))
    if kind == "int":
        return number(value)
    if kind == "datetime" and isinstance(value, dt.datetime):
        return fmt.datetime_short(value, zone)
    if kind == "phone":
        return fmt.phone_display(str(value))
    return str(value)
