"""What the shop sells and says: products, FAQ entries, quick-reply templates, settings."""

from __future__ import annotations

import peewee as pw

from csdesk.models.base import BaseModel, utcnow


class Product(BaseModel):
    sku = pw.CharField(unique=True)
    name = pw.CharField(index=True)
    variant = pw.CharField(default="")
    price = pw.BigIntegerField(default=0)
    stock = pw.IntegerField(default=0)
    weight_grams = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)


class FaqEntry(BaseModel):
    question = pw.TextField()
    answer = pw.TextField()
    category = pw.CharField(default="")


class Template(BaseModel):
    """A quick reply: `shortcut` like `/rek`, body with placeholders such as `{nama}`."""

    title = pw.CharField()
    shortcut = pw.CharField(unique=True)
    body = pw.TextField()
    category = pw.CharField(default="")
    updated_at = pw.DateTimeField(default=utcnow)


class Setting(BaseModel):
    """One setting as JSON text; services/settings.py gives them types and defaults."""

    key = pw.CharField(primary_key=True)
    value = pw.TextField()
