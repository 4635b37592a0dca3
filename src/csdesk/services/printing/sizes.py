"""The label sizes a seller can print, in millimetres.

- `a6`: one 105 × 148 mm label per page (label printers with A6 stock, or cut by hand).
- `a4`: four A6 labels per A4 sheet in a 2 × 2 grid with dashed cut lines.
- `80mm`, `58mm`: thermal roll paper, one label per page. The page is as tall as its content
  (plus the margins), but never shorter than it is wide, so a short label is still easy to
  stick on a parcel. Side margins leave the printable width of common printers (72 and 48 mm).
"""

from __future__ import annotations

from dataclasses import dataclass

from csdesk.errors import ValidationError


@dataclass(frozen=True)
class LabelSize:
    key: str
    title: str  # what the size picker shows
    name: str  # what the order's history says: "Label A6 dicetak"
    labels_per_page: int
    label_width_mm: float
    label_height_mm: float | None  # None: thermal, the height follows the content
    margin_mm: float  # inside each label, on every side
    page_width_mm: float
    page_height_mm: float | None  # None: thermal, one label per page of its own height

    @property
    def thermal(self) -> bool:
        return self.label_height_mm is None

    @property
    def narrow(self) -> bool:
        """58 mm: everything stacks in one column."""
        return self.label_width_mm < 70


LABEL_SIZES: dict[str, LabelSize] = {
    "a6": LabelSize("a6", "A6 (105 × 148 mm)", "A6", 1, 105, 148, 4, 105, 148),
    "a4": LabelSize("a4", "A4 (4 label per lembar)", "A4", 4, 105, 148.5, 4, 210, 297),
    "80mm": LabelSize("80mm", "Thermal 80 mm", "thermal 80 mm", 1, 80, None, 4, 80, None),
    "58mm": LabelSize("58mm", "Thermal 58 mm", "thermal 58 mm", 1, 58, None, 5, 58, None),
}
DEFAULT_SIZE = "a6"


def label_size(key: str) -> LabelSize:
    """The size named `key` (`a6`, `a4`, `80mm`, `58mm`, any case); ValidationError otherwise."""
    size = LABEL_SIZES.get(key.strip().casefold())
    if size is None:
        known = ", ".join(LABEL_SIZES)
        raise ValidationError(f"Ukuran label tidak dikenal: {key!r} (pilih: {known})")
    return size
