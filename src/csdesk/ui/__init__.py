"""The PySide6 desktop app: main window, panels, dialogs and shared widgets over csdesk.services."""
