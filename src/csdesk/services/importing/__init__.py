"""Marketplace order files in: reading and checking them (readers, formats), then writing them
into the database (upsert), all or nothing per file."""
