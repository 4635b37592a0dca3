"""Chat etiquette hints for a reply before it is sent, from the seeds' chat-etiquette article
(seed 003, "etika chatting dengan pelanggan toko online") and the duties articles (000, 004).

Hints advise, never block: the admin may have a good reason. Each rule is one function below,
with the passage it comes from:

- `complaint_courtesy` — "Sampaikan Terima Kasih dan Jangan Malu Ucapkan Maaf" (003), "Biasakan
  ucapan terima kasih dan minta maaf" (004): a reply to a complaining customer should say sorry
  and thank them.
- `all_caps` — "Cara membalas pertanyaan kurang bersahabat" is a common problem (004); text in
  capitals reads as shouting: more than `CAPS_MIN_LETTERS` letters, `CAPS_RATIO` or more of
  them capitals. Words with digits (resi, order numbers) do not count.
- `exclamations` — the same: "!!" or more than `MAX_EXCLAMATIONS` marks read as scolding.
- `greeting` — "Tanyakan Nama … barang ready Mike" (003), "menyapa pelanggan dengan nama
  mereka" (000): a reply should call the customer by their name or nickname.
- `ask_name` — the same passage when the shop does not know the name yet: ask it and save it.
- `emoticon` — "Menggunakan Emoticon … dapat mencairkan suasana" (003): a longer chat reply
  without any emoji or emoticon. Not for email, where "lebih formal dan profesional,
  tergantung pada situasi" (000) applies.
- `outside_hours` — "Balas Secepatnya … berikan informasi … kapan chat akan dibalas" (003):
  outside business hours, say when the admin will answer (the away message). Silent once the
  reply mentions the opening hours itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from csdesk.services import settings as shop_settings

CAPS_MIN_LETTERS = 12
CAPS_RATIO = 0.7
MAX_EXCLAMATIONS = 2
EMOTICON_MIN_CHARS = 40

# What a shop calls a customer before (or instead of) their name; never a name by itself.
HONORIFICS = frozenset(
    "kak ka kakak sis sist gan agan bro sob say bu ibu pak bapak mbak mba mas bang abang "
    "om tante teh aa dik adik".split()
)
APOLOGY = re.compile(r"\b(maaf|sorry|sori)\b", re.IGNORECASE)
THANKS = re.compile(r"\b(terima\s*kasih|makasih|trims|thx|thanks|tengkyu)\b", re.IGNORECASE)
HOURS_MENTIONED = re.compile(r"\bjam\s+(operasional|kerja)\b", re.IGNORECASE)
EMOTICON = re.compile(r"(?:[:;=][-']?[)(DPp]|\^\^|\^_\^|<3)")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Hint:
    key: str
    message: str


def hints(
    text: str,
    *,
    customer_name: str,
    nickname: str,
    is_complaint: bool,
    now: dt.datetime,
    settings: shop_settings.ShopSettings,
    channel: str = "",
) -> list[Hint]:
    """The hints for `text` as a reply to this customer, most important first. `now` is naive
    UTC; `channel` is the conversation's (whatsapp, email, shopee…). An empty reply gets only
    the business-hours hint."""
    found: list[Hint | None] = []
    if text.strip():
        found += [
            complaint_courtesy(text, is_complaint),
            all_caps(text),
            exclamations(text),
            greeting(text, customer_name, nickname),
            emoticon(text) if channel != "email" else None,
        ]
    found.append(outside_hours(text, now, settings))
    return [hint for hint in found if hint is not None]


def complaint_courtesy(text: str, is_complaint: bool) -> Hint | None:
    if not is_complaint:
        return None
    missing = []
    if not APOLOGY.search(text):
        missing.append("maaf")
    if not THANKS.search(text):
        missing.append("terima kasih")
    if not missing:
        return None
    return Hint(
        "complaint_courtesy",
        f"Pelanggan sedang komplain: ucapkan {' dan '.join(missing)}",
    )


def all_caps(text: str) -> Hint | None:
    words = (w for w in _PLACEHOLDER.sub(" ", text).split() if not any(c.isdigit() for c in w))
    letters = [c for w in words for c in w if c.isalpha()]
    if len(letters) <= CAPS_MIN_LETTERS:
        return None
    capitals = sum(1 for c in letters if c.isupper())
    if capitals / len(letters) < CAPS_RATIO:
        return None
    return Hint("all_caps", "Hindari huruf kapital semua; terkesan marah")


def exclamations(text: str) -> Hint | None:
    if "!!" not in text and text.count("!") <= MAX_EXCLAMATIONS:
        return None
    return Hint("exclamations", "Kurangi tanda seru; bisa terkesan membentak")


def name_words(customer_name: str, nickname: str) -> set[str]:
    """The words that count as calling the customer by name: every word of their name and
    nickname except honorifics ("Kak Siti" → siti), in lower case."""
    words = _WORD.findall(f"{customer_name} {nickname}".casefold())
    return {w for w in words if len(w) >= 2 and w not in HONORIFICS}


def greeting(text: str, customer_name: str, nickname: str) -> Hint | None:
    names = name_words(customer_name, nickname)
    if not names:
        return Hint(
            "ask_name",
            "Nama pelanggan belum diketahui: tanyakan namanya lalu simpan di data pelanggan",
        )
    if names & set(_WORD.findall(text.casefold())):
        return None
    example = nickname.strip() or f"Kak {customer_name.split()[0]}"
    return Hint("greeting", f"Sapa pelanggan dengan namanya, mis. {example}")


def has_emoji(text: str) -> bool:
    for char in text:
        code = ord(char)
        # Pictographs/emoticons/transport, and the older dingbats and symbols (☺ ✅ ⭐).
        if code >= 0x1F000 or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF:
            return True
    return bool(EMOTICON.search(text))


def emoticon(text: str) -> Hint | None:
    if len(text.strip()) < EMOTICON_MIN_CHARS or has_emoji(text):
        return None
    return Hint("emoticon", "Tambahkan emotikon (😊 🙏) agar balasan terasa ramah")


def outside_hours(text: str, now: dt.datetime, settings: shop_settings.ShopSettings) -> Hint | None:
    if shop_settings.is_business_time(now, settings) or HOURS_MENTIONED.search(text):
        return None
    return Hint("outside_hours", "Di luar jam operasional: kirim pesan away?")
