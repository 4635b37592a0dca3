from __future__ import annotations

import re

from csdesk.models import Template
from csdesk.services.templates_default import DEFAULT_TEMPLATES, install_default_templates

ALLOWED_PLACEHOLDERS = {
    "nama",
    "panggilan",
    "no_pesanan",
    "resi",
    "kurir",
    "total",
    "rekening",
    "jam_operasional",
}
PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:\|[^{}]*)?\}")


def placeholders(body: str) -> set[str]:
    return set(PLACEHOLDER.findall(body))


def test_install_adds_every_starter_template(db: object) -> None:
    assert install_default_templates() == len(DEFAULT_TEMPLATES)
    assert Template.select().count() == len(DEFAULT_TEMPLATES)
    rek = Template.get(Template.shortcut == "/rek")
    assert "{rekening}" in rek.body
    assert rek.category == "Pembayaran"


def test_install_twice_adds_nothing_and_keeps_the_sellers_wording(db: object) -> None:
    install_default_templates()
    Template.update(body="Transfer ke BCA 123 a.n. Ayu ya kak").where(
        Template.shortcut == "/rek"
    ).execute()
    Template.delete().where(Template.shortcut == "/salam").execute()

    assert install_default_templates() == 1
    assert Template.get(Template.shortcut == "/rek").body == "Transfer ke BCA 123 a.n. Ayu ya kak"
    assert Template.get(Template.shortcut == "/salam").body.startswith("Halo {panggilan|kak}")
    assert install_default_templates() == 0


def test_shortcuts_are_unique_slash_words() -> None:
    shortcuts = [seed.shortcut for seed in DEFAULT_TEMPLATES]
    assert len(shortcuts) == len(set(shortcuts))
    assert all(re.fullmatch(r"/[a-z]+", shortcut) for shortcut in shortcuts)


def test_bodies_use_only_known_placeholders_with_balanced_braces() -> None:
    for seed in DEFAULT_TEMPLATES:
        assert placeholders(seed.body) <= ALLOWED_PLACEHOLDERS, seed.shortcut
        stripped = PLACEHOLDER.sub("", seed.body)
        assert "{" not in stripped and "}" not in stripped, seed.shortcut


def test_the_most_asked_answers_carry_their_order_details() -> None:
    by_shortcut = {seed.shortcut: seed for seed in DEFAULT_TEMPLATES}
    assert {"no_pesanan", "kurir", "resi"} <= placeholders(by_shortcut["/resi"].body)
    assert "total" in placeholders(by_shortcut["/konfirmasi"].body)
    assert "jam_operasional" in placeholders(by_shortcut["/jam"].body)
    assert "jam_operasional" in placeholders(by_shortcut["/away"].body)
    for shortcut in ("/salam", "/stokhabis", "/ongkir", "/ingatbayar", "/makasih", "/maaf"):
        assert shortcut in by_shortcut
    assert "maaf" in by_shortcut["/maaf"].body.lower()
    assert "video unboxing" in by_shortcut["/unboxing"].body
