"""csdesk: a desktop customer-service desk for small Indonesian online sellers."""

__version__ = "0.1.0"
APP_NAME = "csdesk"
