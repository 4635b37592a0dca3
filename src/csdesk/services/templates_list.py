"""The Template list (quick replies): title, shortcut, category and the body's first line."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence

import peewee as pw

from csdesk.models import Template
from csdesk.services import text_match
from csdesk.services.list_sql import (
    ALL,
    chunked,
    count_rows,
    fetch_dicts,
    fetch_ids,
    order_by,
    useful_limit,
)
from csdesk.services.listing import Choice, Column, Filter, ListQuery, Row


def first_line(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            return line.strip()
    return ""


def known_categories() -> list[str]:
    query = Template.select(Template.category).where(Template.category != "").distinct()
    return sorted((row["category"] for row in fetch_dicts(query)), key=str.lower)


class TemplateListSource:
    columns = (
        Column("title", "Judul", width=200),
        Column("shortcut", "Pintasan", width=100),
        Column("category", "Kategori", width=120),
        Column("first_line", "Isi", width=360, sortable=False),
    )

    def __init__(self) -> None:
        # Categories are read once; the Template panel builds a new source after an edit.
        self.filters = (
            Filter(
                "category",
                "Kategori",
                (ALL, *(Choice(name, name) for name in known_categories())),
            ),
        )

    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]:
        sortable: dict[str, pw.ColumnBase] = {
            "title": pw.fn.LOWER(Template.title),
            "shortcut": Template.shortcut,
            "category": pw.fn.LOWER(Template.category),
        }
        natural = [pw.fn.LOWER(Template.title), Template.id]
        ordered = self._select(query).order_by(*order_by(query, sortable, natural, Template.id))
        return fetch_ids(ordered.limit(useful_limit(query, limit)))

    def count(self, query: ListQuery) -> int:
        return count_rows(self._select(query))

    def _select(self, query: ListQuery) -> pw.Select:
        conditions = text_match.every_word(
            [Template.title, Template.shortcut, Template.body], query.search
        )
        category = query.filters.get("category")
        if category:
            conditions.append(Template.category == category)
        select = Template.select(Template.id)
        if conditions:
            select = select.where(functools.reduce(operator.and_, conditions))
        return select

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        result: dict[int, Row] = {}
        for chunk in chunked(ids):
            query = Template.select(
                Template.id, Template.title, Template.shortcut, Template.category, Template.body
            ).where(Template.id.in_(chunk))
            for row in fetch_dicts(query):
                result[row["id"]] = {
                    "title": row["title"],
                    "shortcut": row["shortcut"],
                    "category": row["category"],
                    "first_line": first_line(row["body"]),
                }
        return result
