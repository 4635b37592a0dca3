"""WhatsApp "Export chat" import (FORMATS.md): archive.py reads a .txt or .zip safely, parse.py
turns its lines into messages, people.py finds the customer, timing.py keeps the response
timers, run.py writes each chat in one transaction."""
