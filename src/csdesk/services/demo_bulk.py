"""The demo generator's bulk inserts now live in `services.bulk`, shared with the order import."""

from csdesk.services.bulk import CHUNK, insert_rows, next_id, replayed_insert_triggers

__all__ = ["CHUNK", "insert_rows", "next_id", "replayed_insert_triggers"]
