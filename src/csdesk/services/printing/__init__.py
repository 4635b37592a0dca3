"""Shipping confirmations / labels as PDF: one parcel per label, in A6, A4 (four per sheet),
80 mm and 58 mm thermal sizes.

- `sizes`: the sizes and their rules; `label_data`: what a label says, read in batches;
- `text`: bundled fonts, unprintable characters, wrapping; `label_pdf`: the drawing;
- `print_run`: choosing orders, rendering the PDF, marking orders as printed.
"""
