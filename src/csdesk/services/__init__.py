"""Qt-free domain logic. Nothing here imports PySide6; the CLI and unit tests drive it headless."""
