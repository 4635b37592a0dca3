"""Drawing shipping labels into a PDF with reportlab, one parcel per label.

A label reads top to bottom: sender (logo, shop name, phone, city) and the marketplace; the
courier and service in large type with a black "COD Rp250.000" box when the courier collects;
the tracking number as a Code 128 barcode with the number under it ("Belum ada resi" and no
barcode when there is none yet); the recipient (large name, phone, full address, city and
province); the order number, also as a small barcode; the packing list; the buyer's note; the
print time in the shop's zone. On 58 mm paper every row stacks into one column.

Fitting, so nothing ever runs off a label:
- Text wraps inside the label; a recipient name keeps 2 lines, an item 2, a note 4 (then "…").
- A6 and A4 cells have a fixed height. The packing list shows the items that fit and sums up
  the rest as "+12 barang lainnya (30 pcs)". If even that does not fit (a huge address and
  note), the address and note shrink step by step, and as a last resort the whole label is
  scaled down to fit its cell.
- Thermal labels grow with their content; the list keeps at most `THERMAL_MAX_ITEMS` lines
  (then the same "+N barang lainnya" line) so a 40-item order still prints a label, not a scroll.

Barcodes: the bar (module) width is the widest that fits with a quiet zone of 10 modules each
side, at most 0.5 mm and, for the tracking number, at least 0.25 mm (scanners on thermal
prints need it; the bars then use part of the paper margin as quiet zone). On thermal paper
the width is rounded down to whole printer dots (0.125 mm at 203 dpi) so all bars come out
equally wide.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from csdesk.services import fmt
from csdesk.services.printing.label_data import LabelData, LabelItem
from csdesk.services.printing.sizes import LabelSize
from csdesk.services.printing.text import BOLD, FONT, ellipsize, printable, register_fonts, wrap
from csdesk.services.printing.text import width as text_width

log = logging.getLogger(__name__)

THERMAL_MAX_ITEMS = 15
LEADING = 1.22  # line height / font size
BASELINE = 0.26  # baseline above the bottom of its line, per font size (room for descenders)
DOT = 0.125 * mm  # one dot of a 203 dpi thermal printer
MIN_TRACKING_BAR = 0.25 * mm
MIN_ORDER_BAR = 0.19 * mm  # below this the order-number barcode is left out (text remains)
MAX_BAR = 0.5 * mm
QUIET_MODULES = 10
LOGO_MAX_PIXELS = 600


@dataclass(frozen=True)
class Sender:
    """The shop as the label shows it; `logo` is a loaded image or None."""

    name: str
    phone: str
    city: str
    logo: ImageReader | None = None


def load_logo(path: str) -> ImageReader | None:
    """The shop's logo, shrunk for print; None (logged) when missing or unreadable, because a
    broken logo file must never stop the day's labels."""
    if not path.strip():
        return None
    try:
        from PIL import Image

        with Image.open(Path(path).expanduser()) as image:
            image.load()
            picture = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        picture.thumbnail((LOGO_MAX_PIXELS, LOGO_MAX_PIXELS))
        return ImageReader(picture)
    except Exception as exc:  # PIL raises many kinds for a damaged file; none may stop a print
        log.warning("logo %s not used: %s", path, exc)
        return None


@dataclass(frozen=True)
class _Bars:
    """Bar width rules of one barcode: the thinnest allowed, and the printer's dot (0: none)."""

    minimum: float
    dot: float


@dataclass(frozen=True)
class _Fit:
    """The knobs that shrink a label that does not fit its cell."""

    scale: float  # base font scale of the size (58 mm prints smaller)
    item_limit: int | None = None  # None: every item
    address_size: float = 9.0
    note_lines: int = 4


class _Column:
    """Draws top-down into a column `width` wide whose top is at `top`; with `canvas` None it
    only measures. `used` is the height taken so far."""

    def __init__(self, canvas: Canvas | None, x: float, top: float, width: float) -> None:
        self.canvas, self.x, self.top, self.width = canvas, x, top, width
        self.used = 0.0

    @property
    def y(self) -> float:
        return self.top - self.used

    def sub(self, x_offset: float, width: float) -> _Column:
        return _Column(self.canvas, self.x + x_offset, self.y, width)

    def space(self, height: float) -> None:
        self.used += height

    def line(self, text: str, size: float, bold: bool = False, align: str = "left") -> None:
        """One line of text, cut with "…" when too wide."""
        font = BOLD if bold else FONT
        text = ellipsize(printable(text), font, size, self.width)
        self._draw_line(text, font, size, align, 0.0)

    def fitted(
        self, text: str, size: float, min_size: float, bold: bool = False, align: str = "left"
    ) -> None:
        """One line, in a smaller type (down to `min_size`) rather than broken when it is a
        little too wide: numbers read better whole. Wraps when even `min_size` is too wide."""
        font = BOLD if bold else FONT
        text = printable(text)
        fitting = size * self.width / max(text_width(text, font, size), 1e-6)
        if fitting >= min_size:
            self._draw_line(text, font, min(size, fitting), align, 0.0)
        else:
            self.para(text, min_size, bold=bold, align=align)

    def para(
        self,
        text: str,
        size: float,
        bold: bool = False,
        max_lines: int | None = None,
        align: str = "left",
        indent: float = 0.0,
    ) -> int:
        """Wrapped text; returns the number of lines."""
        font = BOLD if bold else FONT
        lines = wrap(printable(text), font, size, self.width - indent, max_lines)
        for line in lines:
            self._draw_line(line, font, size, align, indent)
        return len(lines)

    def _draw_line(self, text: str, font: str, size: float, align: str, indent: float) -> None:
        self.used += size * LEADING
        if self.canvas is None or not text:
            return
        baseline = self.y + size * BASELINE
        self.canvas.setFont(font, size)
        if align == "center":
            self.canvas.drawCentredString(self.x + self.width / 2, baseline, text)
        elif align == "right":
            self.canvas.drawRightString(self.x + self.width, baseline, text)
        else:
            self.canvas.drawString(self.x + indent, baseline, text)

    def rule(self, gap: float = 1.2 * mm) -> None:
        self.used += gap
        if self.canvas is not None:
            self.canvas.setLineWidth(0.6)
            self.canvas.line(self.x, self.y, self.x + self.width, self.y)
        self.used += gap

    def inverse_box(self, text: str, size: float) -> None:
        """White bold text on a black box as wide as the column: the COD amount."""
        height = size * 1.6
        if self.canvas is not None:
            self.canvas.rect(self.x, self.y - height, self.width, height, stroke=0, fill=1)
            self.canvas.setFillGray(1)
            self.canvas.setFont(BOLD, size)
            text = ellipsize(printable(text), BOLD, size, self.width - size)
            self.canvas.drawCentredString(self.x + self.width / 2, self.y - size * 1.15, text)
            self.canvas.setFillGray(0)
        self.used += height

    def barcode(
        self, value: str, height: float, bars: _Bars, bleed: float = 0.0, optional: bool = False
    ) -> bool:
        """`value` as Code 128 centred in the column (see the module doc for the bar width).
        Returns False, drawing nothing, when the value cannot be encoded, or when an `optional`
        barcode would be thinner than `bars.minimum`; a required one then takes the minimum,
        using up to `bleed` of the margins, and is only thinner when even that is too narrow."""
        if not value or not value.isascii() or not value.isprintable():
            return False
        code = Code128(value, barWidth=1, barHeight=height, humanReadable=False, quiet=False)
        modules = float(code.width)
        bar_width = min(MAX_BAR, self.width / (modules + 2 * QUIET_MODULES))
        if bars.dot and bar_width >= 2 * bars.dot:
            bar_width = math.floor(bar_width / bars.dot) * bars.dot
        if bar_width < bars.minimum:
            if optional:
                return False
            bar_width = min(bars.minimum, (self.width + bleed) / modules)
        if self.canvas is not None:
            left = self.x + (self.width - modules * bar_width) / 2
            self.canvas.saveState()
            self.canvas.translate(left, self.y - height)
            self.canvas.scale(bar_width, 1)
            code.drawOn(self.canvas, 0, 0)
            self.canvas.restoreState()
        self.used += height
        return True

    def image(self, picture: ImageReader, max_width: float, max_height: float) -> float:
        """The picture scaled into the box at the column's top-left; returns its width."""
        pixels_wide, pixels_high = picture.getSize()
        ratio = min(max_width / pixels_wide, max_height / pixels_high)
        wide, high = pixels_wide * ratio, pixels_high * ratio
        if self.canvas is not None:
            self.canvas.drawImage(picture, self.x, self.y - high, wide, high, mask="auto")
        self.used += high
        return float(wide)


class _Layout:
    """One size's way of composing a label into a column."""

    def __init__(self, size: LabelSize, sender: Sender, printed: str) -> None:
        self.size, self.sender, self.printed = size, sender, printed
        self.margin = size.margin_mm * mm
        self.width = size.label_width_mm * mm - 2 * self.margin
        self.narrow = size.narrow
        dot = DOT if size.thermal else 0.0
        self.tracking_bars = _Bars(MIN_TRACKING_BAR, dot)
        self.order_bars = _Bars(MIN_ORDER_BAR, dot)
        self.base = _Fit(scale=0.85 if size.narrow else 1.0)

    def compose(self, col: _Column, label: LabelData, fit: _Fit) -> None:
        s = fit.scale
        self._sender(col, label, s)
        col.rule()
        self._courier(col, label, s)
        col.space(1.5 * mm)
        self._tracking(col, label, s)
        col.rule()
        col.line("Penerima", 6.5 * s)
        col.para(label.recipient or "-", 13 * s, bold=True, max_lines=2)
        if label.phone:
            col.line(label.phone, 10 * s, bold=True)
        col.para(label.address, fit.address_size * s)
        place = ", ".join(part for part in (label.city, label.province) if part)
        if place:
            col.para(place, fit.address_size * s, bold=True)
        col.rule()
        self._order(col, label, s)
        col.rule()
        self._items(col, label, fit)
        if label.buyer_note:
            col.space(1 * mm)
            col.line("Catatan pembeli:", 7 * s, bold=True)
            col.para(label.buyer_note, 7.5 * s, max_lines=fit.note_lines)
        col.space(1 * mm)
        col.line(f"Dicetak {self.printed}", 6 * s)

    def _sender(self, col: _Column, label: LabelData, s: float) -> None:
        sender = self.sender
        logo_width = logo_height = 0.0
        if sender.logo is not None:
            logo_col = col.sub(0, col.width if self.narrow else 16 * mm)
            logo_width = logo_col.image(
                sender.logo, logo_col.width, (10 if self.narrow else 11) * mm
            )
            logo_height = logo_col.used
            if self.narrow:
                col.space(logo_height + 1 * mm)
                logo_width = logo_height = 0.0
            else:
                logo_width += 2 * mm
        right = 0.0 if self.narrow else text_width(label.marketplace, BOLD, 9 * s) + 2 * mm
        text_col = col.sub(logo_width, col.width - logo_width - right)
        text_col.line("Pengirim", 6.5 * s)
        if sender.name:
            text_col.para(sender.name, 9 * s, bold=True, max_lines=2)
        contact = " · ".join(part for part in (sender.phone, sender.city) if part)
        if contact:
            text_col.para(contact, 7.5 * s, max_lines=2)
        if self.narrow:
            col.space(text_col.used)
            col.line(label.marketplace, 9 * s, bold=True)
            return
        market_col = col.sub(col.width - right, right)
        market_col.line(label.marketplace, 9 * s, bold=True, align="right")
        col.space(max(text_col.used, logo_height, market_col.used))

    def _courier(self, col: _Column, label: LabelData, s: float) -> None:
        courier = " ".join(part for part in (label.courier, label.service) if part)
        cod = None if label.cod_amount is None else f"COD {fmt.rupiah(label.cod_amount)}"
        size = 14 * s
        if cod is None or self.narrow:
            col.para(courier or "Kurir belum dipilih", size, bold=True, max_lines=2)
            if cod is not None:
                col.space(1 * mm)
                col.inverse_box(cod, 12 * s)
            return
        box_width = min(col.width * 0.55, text_width(cod, BOLD, 12 * s) + 12 * s)
        left = col.sub(0, col.width - box_width - 2 * mm)
        left.para(courier or "Kurir belum dipilih", size, bold=True, max_lines=2)
        box = col.sub(col.width - box_width, box_width)
        box.inverse_box(cod, 12 * s)
        col.space(max(left.used, box.used))

    def _tracking(self, col: _Column, label: LabelData, s: float) -> None:
        if not label.tracking_no:
            col.line("Belum ada resi", 12 * s, bold=True, align="center")
            return
        height = (12 if self.size.thermal else 18) * mm * s
        if col.barcode(label.tracking_no, height, self.tracking_bars, 1.6 * self.margin):
            col.space(0.8 * mm)
        col.fitted(label.tracking_no, 11 * s, 8 * s, bold=True, align="center")

    def _order(self, col: _Column, label: LabelData, s: float) -> None:
        """The order number beside its barcode, or both stacked when the number (an
        `INV/…/MPL/…` one) would not fit half the width on one line."""
        height = 7 * mm * s
        size = 10 * s
        beside = col.width * 0.45
        if self.narrow or text_width(label.order_no, BOLD, size * 0.8) > beside:
            col.line("No. Pesanan", 6.5 * s)
            col.fitted(label.order_no, size, size * 0.7, bold=True)
            col.barcode(label.order_no, height, self.order_bars, optional=True)
            return
        left = col.sub(0, beside)
        left.line("No. Pesanan", 6.5 * s)
        left.fitted(label.order_no, size, size * 0.8, bold=True)
        right = col.sub(beside, col.width - beside)
        right.barcode(label.order_no, height, self.order_bars, optional=True)
        col.space(max(left.used, right.used))

    def _items(self, col: _Column, label: LabelData, fit: _Fit) -> None:
        s = fit.scale
        items = label.items
        if not items:
            col.line("Isi paket: (tanpa rincian barang)", 7.5 * s, bold=True)
            return
        col.line(f"Isi paket · {len(items)} barang, {label.pieces} pcs", 7.5 * s, bold=True)
        shown = items if fit.item_limit is None else items[: fit.item_limit]
        for item in shown:
            _item_line(col, item, 7.5 * s)
        rest = items[len(shown) :]
        if rest:
            pieces = sum(item.quantity for item in rest)
            col.line(f"+{len(rest)} barang lainnya ({pieces} pcs)", 7.5 * s, bold=True)

    def measure(self, label: LabelData, fit: _Fit) -> float:
        col = _Column(None, 0, 0, self.width)
        self.compose(col, label, fit)
        return col.used

    def fit(self, label: LabelData) -> tuple[_Fit, float]:
        """The knobs for this label and the content height they give (see the module doc)."""
        fit = self.base
        if self.size.label_height_mm is None:
            if len(label.items) > THERMAL_MAX_ITEMS:
                fit = replace(fit, item_limit=THERMAL_MAX_ITEMS)
            return fit, self.measure(label, fit)
        room = self.size.label_height_mm * mm - 2 * self.margin
        needed = self.measure(label, fit)
        if needed <= room:
            return fit, needed
        fit = replace(fit, item_limit=0)
        needed = self.measure(label, fit)
        for address_size, note_lines in ((8.0, 3), (7.0, 2), (6.0, 1)):
            if needed <= room:
                break
            fit = replace(fit, address_size=address_size, note_lines=note_lines)
            needed = self.measure(label, fit)
        if needed <= room and label.items:
            probe = _Column(None, 0, 0, self.width)
            shown = 0
            for item in label.items[:-1]:
                _item_line(probe, item, 7.5 * fit.scale)
                if needed + probe.used > room:
                    break
                shown += 1
            fit = replace(fit, item_limit=shown)
            needed = self.measure(label, fit)
        return fit, needed


def _item_line(col: _Column, item: LabelItem, size: float) -> None:
    quantity = f"{item.quantity}×"
    column = text_width("999×", BOLD, size) + 1 * mm
    name = f"{item.product} — {item.variant}" if item.variant else item.product
    top = col.used
    col.para(name or "-", size, max_lines=2, indent=column)
    if col.canvas is not None:
        col.canvas.setFont(BOLD, size)
        baseline = col.top - top - size * LEADING + size * BASELINE
        col.canvas.drawRightString(col.x + column - 1 * mm, baseline, quantity)


class LabelWriter:
    """Writes labels one by one into a PDF at `path` in the given size; `close()` saves it."""

    def __init__(self, path: Path, size: LabelSize, sender: Sender, printed: str) -> None:
        register_fonts()
        self.size = size
        self.layout = _Layout(size, sender, printed)
        page_height = size.page_height_mm or size.label_width_mm
        self.canvas = Canvas(
            str(path),
            pagesize=(size.page_width_mm * mm, page_height * mm),
            pageCompression=1,
            initialFontName=FONT,
        )
        self.canvas.setTitle("Label pengiriman")
        self.canvas.setAuthor(sender.name)
        self.canvas.setCreator("csdesk")
        self.labels = 0
        self.pages = 0

    def add(self, label: LabelData) -> None:
        size, c = self.size, self.canvas
        fit, needed = self.layout.fit(label)
        margin = self.layout.margin
        cell_width = size.label_width_mm * mm
        if size.label_height_mm is None:
            height = max(needed + 2 * margin, cell_width)
            c.setPageSize((cell_width, height))
            origin_x, origin_y, cell_height = 0.0, 0.0, height
        else:
            cell_height = size.label_height_mm * mm
            slot = self.labels % size.labels_per_page
            columns = round(size.page_width_mm / size.label_width_mm)
            origin_x = (slot % columns) * cell_width
            origin_y = (size.page_height_mm or 0) * mm - (slot // columns + 1) * cell_height
            if slot == 0 and size.labels_per_page > 1:
                self._cut_lines(columns, cell_width, cell_height)
        room = cell_height - 2 * margin
        c.saveState()
        c.translate(origin_x + margin, origin_y + cell_height - margin)
        if needed > room:
            factor = room / needed
            c.translate((self.layout.width - self.layout.width * factor) / 2, 0)
            c.scale(factor, factor)
        self.layout.compose(_Column(c, 0, 0, self.layout.width), label, fit)
        c.restoreState()
        self.labels += 1
        if self.labels % size.labels_per_page == 0:
            self._end_page()

    def _cut_lines(self, columns: int, cell_width: float, cell_height: float) -> None:
        c, size = self.canvas, self.size
        c.saveState()
        c.setStrokeGray(0.55)
        c.setLineWidth(0.4)
        c.setDash(3, 3)
        page_width, page_height = size.page_width_mm * mm, (size.page_height_mm or 0) * mm
        for column in range(1, columns):
            c.line(column * cell_width, 0, column * cell_width, page_height)
        rows = size.labels_per_page // columns
        for row in range(1, rows):
            c.line(0, page_height - row * cell_height, page_width, page_height - row * cell_height)
        c.restoreState()

    def _end_page(self) -> None:
        self.canvas.showPage()
        self.pages += 1

    def close(self) -> None:
        """Finish the last page and write the file."""
        if self.labels % self.size.labels_per_page:
            self._end_page()
        self.canvas.save()


def write_labels(
    labels: Iterable[LabelData],
    path: Path,
    size: LabelSize,
    sender: Sender,
    printed: str,
    after_each: Callable[[int], Any] | None = None,
) -> tuple[int, int]:
    """Every label into the PDF at `path`; `after_each(labels done)` runs after each one (it may
    raise to stop). Returns (labels, pages)."""
    writer = LabelWriter(path, size, sender, printed)
    for label in labels:
        writer.add(label)
        if after_each is not None:
            after_each(writer.labels)
    writer.close()
    return writer.labels, writer.pages
