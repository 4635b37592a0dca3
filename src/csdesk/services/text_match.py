"""Matching what a user typed in a search box, fast and safely, on SQLite and PostgreSQL.

On SQLite the search tables (`order_search`, `customer_search`, `message_search`) are FTS5
trigram indexes: any substring of three or more characters is found through the index. Shorter
words cannot use trigrams, so a search with any word under three characters falls back to
LIKE over the same columns, which gives the same rows, only slower. PostgreSQL has no such
tables here and always uses ILIKE.

User text never reaches the FTS query syntax: every word becomes a quoted FTS string (a `"`
inside is doubled), so `AND`, `*`, `-`, `:` or `(` are searched for as text, never parsed.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import peewee as pw

from csdesk.models.base import database_proxy
from csdesk.models.schema import has_search_index

TRIGRAM = 3
# A phone as people type it: digits with optional +, spaces, dashes, dots, parentheses.
_PHONE_LIKE = re.compile(r"^\+?[\d\s().-]+$")
_MIN_PHONE_DIGITS = 6


@dataclass(frozen=True)
class Terms:
    """The words of a search; every word must be found (in any of the searched columns)."""

    words: tuple[str, ...]

    @property
    def indexable(self) -> bool:
        return all(len(word) >= TRIGRAM for word in self.words)

    def fts_query(self) -> str:
        return " ".join('"' + word.replace('"', '""') + '"' for word in self.words)


def parse(text: str) -> Terms | None:
    """The search terms of `text`; None when there is nothing to search for.

    A phone number is searched by its subscriber digits, so `0812-3456 7890`, `+62 812…` and
    `62812…` all find the order whose phone was stored in any of those forms.
    """
    text = text.strip()
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    if _PHONE_LIKE.match(text) and len(digits) >= _MIN_PHONE_DIGITS:
        for prefix in ("62", "0"):
            if digits.startswith(prefix):
                digits = digits[len(prefix) :]
                break
        return Terms((digits,))
    return Terms(tuple(text.split()))


def fts_ids(table: str, terms: Terms, newest: int | None = None) -> pw.SQL:
    """`SELECT rowid FROM <table> WHERE <table> MATCH …` as a subquery for `id IN (…)`, with
    only the `newest` highest row ids when given: FTS5 walks its index in rowid order and
    stops there, so a common word costs as little as a rare one. `table` is one of our own
    search tables, never user input."""
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
    if newest is not None:
        sql += f" ORDER BY rowid DESC LIMIT {int(newest)}"
    return pw.SQL(f"({sql})", [terms.fts_query()])


def like_any(columns: Sequence[pw.ColumnBase], word: str) -> pw.Expression:
    """`word` found in any of `columns`, case-insensitively (`%` and `_` taken literally)."""
    return functools.reduce(operator.or_, [column.contains(word) for column in columns])


def use_index(terms: Terms) -> bool:
    return terms.indexable and has_search_index(database_proxy.obj)


def condition(
    terms: Terms,
    *,
    table: str,
    id_column: pw.ColumnBase,
    like: Callable[[str], pw.Expression],
    newest: int | None = None,
) -> pw.Expression:
    """Rows containing every word: through the FTS `table` when it can, else `like(word)` for
    each word. `like` must look at the columns `table` indexes, so both paths find the same
    rows. `newest` keeps, on the FTS path, only that many matches with the highest ids (the
    caller orders by id descending and takes as many)."""
    if use_index(terms):
        return id_column.in_(fts_ids(table, terms, newest))
    return functools.reduce(operator.and_, [like(word) for word in terms.words])
