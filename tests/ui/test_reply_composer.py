"""The reply composer as an admin uses it: `/` shortcuts from a popup, placeholders filled from
the customer, order and shop, etiquette hints, and replies sent by clipboard, WhatsApp or email
and logged in the conversation with their author."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from pytestqt.qtbot import QtBot

from csdesk.models import Conversation, Customer, Message, Order, utcnow
from csdesk.services import conversations, fmt, settings
from csdesk.services.templates_default import install_default_templates
from csdesk.ui.panels.reply_composer import ReplyComposer

OPEN = fmt.to_utc(dt.datetime(2026, 3, 3, 10, 0), "WIB")  # a Tuesday morning
CLOSED = fmt.to_utc(dt.datetime(2026, 3, 3, 21, 0), "WIB")
PHONE = "0812-3456-7890"


class UrlCatcher(QObject):
    """Stands in for the browser and mail program: Qt hands it the URLs it would open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


@pytest.fixture
def opened() -> Iterator[UrlCatcher]:
    catcher = UrlCatcher()
    for scheme in ("https", "mailto"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    yield catcher
    for scheme in ("https", "mailto"):
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def shop(db: object) -> dict[str, int]:
    s = settings.load()
    s.shop_name = "Toko Ayu"
    s.bank_accounts = [settings.BankAccount("BCA", "1234567890", "Ayu Lestari")]
    settings.save(s)
    install_default_templates()
    siti = Customer.create(name="Siti Rahma", nickname="Kak Siti")
    shipped = Order.create(
        marketplace="shopee",
        order_no="2603051K7QX9PT",
        customer=siti,
        status="shipped",
        ordered_at=utcnow(),
        courier="J&T Express",
        tracking_no="JP4821937745",
        total=189_000,
    )
    unpaid = Order.create(
        marketplace="manual",
        order_no="WA-0007",
        customer=siti,
        status="unpaid",
        ordered_at=utcnow(),
        total=75_000,
    )
    conv = Conversation.create(channel="whatsapp", customer=siti, order=shipped)
    other = Conversation.create(channel="shopee", title="budi_store")
    return {
        "customer": siti.id,
        "order": shipped.id,
        "unpaid": unpaid.id,
        "conv": conv.id,
        "other": other.id,
    }


@pytest.fixture
def composer(shop: dict[str, int], qtbot: QtBot) -> ReplyComposer:
    widget = ReplyComposer()
    qtbot.addWidget(widget)
    widget.clock = lambda: OPEN
    widget.resize(640, 360)
    widget.set_context(shop["customer"], shop["order"], shop["conv"], "whatsapp", PHONE, "")
    # Wired as the conversation pane wires it: log the reply with its author, then clear.
    widget.send_requested.connect(lambda text: log_and_clear(widget, shop["conv"], text))
    widget.show()
    return widget


def log_and_clear(widget: ReplyComposer, conv_id: int, text: str) -> None:
    conversations.log_reply(conv_id, text, "Ayu")
    widget.clear()


def logged(conv_id: int) -> list[tuple[str, str, str]]:
    query = Message.select().where(Message.conversation == conv_id).order_by(Message.id)
    return [(m.direction, m.author, m.body) for m in query]


def popup_shortcuts(widget: ReplyComposer) -> list[str]:
    completer = widget.edit.completer
    model = completer.completionModel()
    return [model.index(row, 0).data().split()[0] for row in range(model.rowCount())]


def test_slash_lists_matching_shortcuts_and_enter_inserts_the_filled_template(
    composer: ReplyComposer, qtbot: QtBot
) -> None:
    qtbot.keyClicks(composer.edit, "/re")
    popup = composer.edit.completer.popup()
    assert popup.isVisible()
    assert popup_shortcuts(composer) == ["/ready", "/refund", "/rek", "/resi"]
    qtbot.keyClicks(composer.edit, "k")
    assert popup_shortcuts(composer) == ["/rek"]
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    text = composer.edit.toPlainText()
    assert text.startswith("Untuk pembayaran bisa transfer ke rekening berikut ya Kak Siti:")
    assert "BCA 1234567890 a.n. Ayu Lestari" in text
    assert "/rek" not in text and "{" not in text
    assert not popup.isVisible()
    qtbot.keyClicks(composer.edit, " /zzz")
    assert not popup.isVisible()  # nothing matches: no empty list


def test_exact_shortcut_and_space_expands_with_the_order(
    composer: ReplyComposer, qtbot: QtBot
) -> None:
    qtbot.keyClicks(composer.edit, "Siap! /resi")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Space)
    text = composer.edit.toPlainText()
    assert text.startswith("Siap! Pesanan Kak Siti nomor 2603051K7QX9PT sudah kami kirim")
    assert "lewat J&T Express" in text and "Nomor resi: JP4821937745" in text
    assert not composer.warning.isVisible()


def test_placeholders_typed_by_hand_are_previewed_and_sent_filled(
    composer: ReplyComposer, qtbot: QtBot
) -> None:
    assert not composer.preview.isVisible()
    composer.edit.setPlainText("Halo {panggilan|kak} 😊 total {total} ya")
    assert composer.preview.isVisible()
    assert composer.preview.text() == "Halo Kak Siti 😊 total Rp189.000 ya"
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert logged(composer.conversation_id or 0) == [
        ("out", "Ayu", "Halo Kak Siti 😊 total Rp189.000 ya")
    ]
    assert QGuiApplication.clipboard().text() == "Halo Kak Siti 😊 total Rp189.000 ya"
    assert composer.edit.toPlainText() == ""
    assert not composer.preview.isVisible()


def test_an_empty_placeholder_is_named_before_sending(
    composer: ReplyComposer, shop: dict[str, int]
) -> None:
    composer.set_context(shop["customer"], shop["unpaid"], shop["conv"], "whatsapp", PHONE, "")
    composer.edit.setPlainText("/resi")
    composer.edit.moveCursor(composer.edit.textCursor().MoveOperation.End)
    composer.edit.template_requested.emit("/resi")
    assert composer.warning.isVisible()
    assert composer.warning.text() == ("⚠ Belum terisi: {kurir}, {resi} — lengkapi sebelum dikirim")
    assert "Pesanan Kak Siti nomor WA-0007" in composer.preview.text()


def test_etiquette_hints_follow_the_text(
    composer: ReplyComposer, shop: dict[str, int], qtbot: QtBot
) -> None:
    composer.set_context(
        shop["customer"], shop["order"], shop["conv"], "whatsapp", PHONE, "", is_complaint=True
    )
    qtbot.keyClicks(composer.edit, "PAKETNYA SUDAH KAMI KIRIM!!")
    assert composer.hint_list.isVisible()
    assert composer.hint_list.text().splitlines() == [
        "💡 Pelanggan sedang komplain: ucapkan maaf dan terima kasih",
        "💡 Hindari huruf kapital semua; terkesan marah",
        "💡 Kurangi tanda seru; bisa terkesan membentak",
        "💡 Sapa pelanggan dengan namanya, mis. Kak Siti",
    ]
    composer.edit.setPlainText("Mohon maaf Kak Siti, terima kasih infonya, kami cek ya 🙏")
    assert not composer.hint_list.isVisible()


def test_outside_business_hours_one_click_inserts_the_away_message(
    composer: ReplyComposer, shop: dict[str, int], qtbot: QtBot
) -> None:
    assert not composer.away_button.isVisible()
    composer.clock = lambda: CLOSED
    composer.set_context(shop["customer"], shop["order"], shop["conv"], "whatsapp", PHONE, "")
    assert composer.hint_list.text() == "💡 Di luar jam operasional: kirim pesan away?"
    assert composer.away_button.isVisible()
    qtbot.mouseClick(composer.away_button, Qt.MouseButton.LeftButton)
    text = composer.edit.toPlainText()
    assert text.startswith("Halo Kak Siti, terima kasih sudah menghubungi kami")
    assert "Senin–Sabtu 08.00–17.00 WIB" in text
    assert not composer.away_button.isVisible()
    assert not composer.hint_list.isVisible()


def test_whatsapp_opens_wa_me_with_the_text_and_logs_it(
    composer: ReplyComposer, opened: UrlCatcher, qtbot: QtBot
) -> None:
    assert composer.wa_button.isVisible()
    assert not composer.email_button.isVisible()  # no email for this customer
    composer.edit.setPlainText("Halo {panggilan}, pesanan & resi sudah dikirim ya 😊")
    qtbot.mouseClick(composer.wa_button, Qt.MouseButton.LeftButton)
    assert len(opened.urls) == 1
    url = urlsplit(opened.urls[0])
    assert (url.scheme, url.netloc, url.path) == ("https", "wa.me", "/6281234567890")
    sent = "Halo Kak Siti, pesanan & resi sudah dikirim ya 😊"
    assert parse_qs(url.query)["text"] == [sent]
    assert logged(composer.conversation_id or 0) == [("out", "Ayu", sent)]


def test_masked_or_missing_phone_hides_whatsapp(
    composer: ReplyComposer, shop: dict[str, int]
) -> None:
    for phone in ("", "(+62)812******32", "******56"):
        composer.set_context(shop["customer"], None, shop["conv"], "shopee", phone, "")
        assert not composer.wa_button.isVisible(), phone
    assert composer.send_button.isVisible()


def test_email_opens_mailto_and_logs_it(
    composer: ReplyComposer, shop: dict[str, int], opened: UrlCatcher, qtbot: QtBot
) -> None:
    composer.set_context(shop["customer"], None, shop["conv"], "email", "", "siti@example.com")
    assert composer.email_button.isVisible() and not composer.wa_button.isVisible()
    composer.edit.setPlainText("Halo Kak Siti,\nterlampir faktur Anda.")
    qtbot.keyClick(
        composer.edit,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    url = urlsplit(opened.urls[0])
    assert (url.scheme, url.path) == ("mailto", "siti@example.com")
    query = parse_qs(url.query)
    assert query["body"] == ["Halo Kak Siti,\nterlampir faktur Anda."]
    assert query["subject"] == ["Toko Ayu"]
    assert logged(composer.conversation_id or 0) == [
        ("out", "Ayu", "Halo Kak Siti,\nterlampir faktur Anda.")
    ]


def test_nothing_to_send_sends_nothing(composer: ReplyComposer, qtbot: QtBot) -> None:
    assert not composer.send_button.isEnabled()
    composer.edit.setPlainText("   \n")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert logged(composer.conversation_id or 0) == []


def test_each_conversation_keeps_its_own_draft(
    composer: ReplyComposer, shop: dict[str, int], qtbot: QtBot
) -> None:
    qtbot.keyClicks(composer.edit, "Untuk Siti")
    composer.set_context(None, None, shop["other"], "shopee", "", "")
    assert composer.edit.toPlainText() == ""
    qtbot.keyClicks(composer.edit, "Untuk Budi")
    composer.set_context(shop["customer"], shop["order"], shop["conv"], "whatsapp", PHONE, "")
    assert composer.edit.toPlainText() == "Untuk Siti"
    # Reloading the same conversation (after assigning it, say) keeps what is typed.
    composer.set_context(shop["customer"], shop["order"], shop["conv"], "whatsapp", PHONE, "")
    assert composer.edit.toPlainText() == "Untuk Siti"
    composer.set_context(None, None, shop["other"], "shopee", "", "")
    assert composer.edit.toPlainText() == "Untuk Budi"


def test_picker_groups_templates_by_category(composer: ReplyComposer) -> None:
    items = [composer.picker.itemText(i) for i in range(composer.picker.count())]
    assert items[0] == "Sisipkan template…"
    pembayaran = items.index("Pembayaran")
    assert not composer.picker.model().item(pembayaran).isEnabled()  # a heading
    rek = next(i for i, text in enumerate(items) if text.strip().startswith("/rek "))
    assert rek > pembayaran
    composer.picker.activated.emit(rek)
    assert "BCA 1234567890 a.n. Ayu Lestari" in composer.edit.toPlainText()
    assert composer.picker.currentIndex() == 0
