"""Dialogs: global search (Ctrl+K), crash report, progress."""
