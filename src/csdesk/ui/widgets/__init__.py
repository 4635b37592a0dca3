"""Widgets every panel is built from: lazy table, filter bar, badges, empty state, progress."""
