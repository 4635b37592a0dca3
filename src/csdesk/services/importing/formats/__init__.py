"""The marketplace export formats (one module each) and the folding they share."""
