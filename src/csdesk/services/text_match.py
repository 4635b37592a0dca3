"""Matching what a user typed in a search box, fast and safely, on SQLite and PostgreSQL.

On SQLite the search tables (`order_search`, `customer_search`, `message_search`) are FTS5
trigram indexes: any substring of three or more characters is found through the index. Shorter
words cannot use trigrams, so a search with any word under three characters falls back to
LIKE over the same columns, which gives the same rows, only slower. PostgreSQL has no such
tables here and always uses ILIKE.

A long number (an order, tracking or phone number) is looked up through a few of its characters
and then checked in full: digits make only a thousand trigrams, each in a large share of the rows,
so the whole number's phrase walks many long lists (~35 ms for 15 digits at a million orders)
where a six-character window and a LIKE over its few hundred candidates take ~7 ms. The rows
found are the same.

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
# A mostly-digit word longer than this is found through a window of this many characters.
WINDOW = 6


@dataclass(frozen=True)
class Terms:
    """The words of a search; every word must be found (in any of the searched columns)."""

    words: tuple[str, ...]

    @property
    def indexable(self) -> bool:
        return all(len(word) >= TRIGRAM for word in self.words)

    def fts_query(self) -> str:
        return " ".join('"' + word.replace('"', '""') + '"' for word in self.words)


def is_phone_like(text: str, min_digits: int = _MIN_PHONE_DIGITS) -> bool:
    """Only a phone number as people type it, with at least `min_digits` digits."""
    text = text.strip()
    return bool(_PHONE_LIKE.match(text)) and sum(c.isdigit() for c in text) >= min_digits


def parse(text: str) -> Terms | None:
    """The search terms of `text`; None when there is nothing to search for.

    A phone number is searched by its subscriber digits, so `0812-3456 7890`, `+62 812…` and
    `62812…` all find the order whose phone was stored in any of those forms.
    """
    text = text.strip()
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    if is_phone_like(text):
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


def narrowable(word: str) -> bool:
    """Mostly digits, longer than the window, and ASCII (where LIKE folds case as FTS does)."""
    digits = sum(char.isdigit() for char in word)
    return len(word) > WINDOW and word.isascii() and digits * 2 >= len(word)


def window(word: str) -> str:
    """The part of `word` looked up in the index: the WINDOW characters with the most distinct
    characters, the last such (a number's start is often shared: a date, a shop prefix)."""
    start = max(
        range(len(word) - WINDOW + 1),
        key=lambda at: (len(set(word[at : at + WINDOW].casefold())), at),
    )
    return word[start : start + WINDOW]


def like_any(columns: Sequence[pw.ColumnBase], word: str) -> pw.Expression:
    """`word` found in any of `columns`, case-insensitively (`%` and `_` taken literally)."""
    return functools.reduce(operator.or_, [column.contains(word) for column in columns])


def every_word(columns: Sequence[pw.ColumnBase], text: str) -> list[pw.Expression]:
    """For a small table searched without an index (products, templates): each word of
    `text` found in one of `columns`. No conditions for an empty search."""
    terms = parse(text)
    return [] if terms is None else [like_any(columns, word) for word in terms.words]


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
    if not use_index(terms):
        return functools.reduce(operator.and_, [like(word) for word in terms.words])
    long_numbers = [word for word in terms.words if narrowable(word)]
    if newest is not None or not long_numbers:
        # With `newest` the index must return only true matches: LIMIT comes before any check.
        return id_column.in_(fts_ids(table, terms, newest))
    windows = Terms(tuple(window(word) if narrowable(word) else word for word in terms.words))
    found = id_column.in_(fts_ids(table, windows))
    return functools.reduce(operator.and_, [found, *(like(word) for word in long_numbers)])
