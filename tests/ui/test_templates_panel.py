"""The Template panel as an admin uses it: type, save, see it listed, search, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolButton
from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook

from csdesk.models import Template
from csdesk.services import settings, templates
from csdesk.ui.panels.templates import TemplatesPanel


@pytest.fixture
def panel(db: object, qtbot: QtBot) -> TemplatesPanel:
    shop = settings.load()
    shop.bank_accounts = [settings.BankAccount("BCA", "1234567890", "Ayu Lestari")]
    settings.save(shop)
    templates.save_template(None, title="Salam pembuka", shortcut="/salam", body="Halo {nama}")
    widget = TemplatesPanel()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.refresh()
    return widget


def listed(panel: TemplatesPanel) -> list[str]:
    return [panel.list.item(row).text().split("\n")[0] for row in range(panel.list.count())]


def fill_editor(panel: TemplatesPanel, qtbot: QtBot, title: str, shortcut: str, body: str) -> None:
    panel.new_template()
    qtbot.keyClicks(panel.title_edit, title)
    panel.shortcut_edit.clear()
    qtbot.keyClicks(panel.shortcut_edit, shortcut)
    panel.body_edit.setPlainText(body)


def test_saving_a_new_template_lists_it(panel: TemplatesPanel, qtbot: QtBot) -> None:
    fill_editor(panel, qtbot, "Nomor rekening", "/rek", "Transfer ke {rekening} ya {panggilan|kak}")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert listed(panel) == ["Nomor rekening", "Salam pembuka"]
    assert panel.list.currentItem().text().startswith("Nomor rekening\n/rek")
    assert Template.get(Template.shortcut == "/rek").title == "Nomor rekening"
    assert panel.count_label.text() == "2 template"
    assert not panel.error_label.isVisible()


def test_preview_fills_the_sample_customer_and_shop(panel: TemplatesPanel) -> None:
    panel.show()
    panel.body_edit.setPlainText("Halo {panggilan|kak} ({nama}), rekening: {rekening} {diskon}")
    assert panel.preview.toPlainText() == (
        "Halo Kak Siti (Siti Rahma), rekening: BCA 1234567890 a.n. Ayu Lestari {diskon}"
    )
    assert panel.missing_label.isVisible()
    assert "{diskon}" in panel.missing_label.text()


def test_placeholder_chip_inserts_at_the_cursor(panel: TemplatesPanel, qtbot: QtBot) -> None:
    panel.new_template()
    panel.body_edit.setPlainText("Halo ")
    panel.body_edit.moveCursor(panel.body_edit.textCursor().MoveOperation.End)
    chip = panel.findChild(QToolButton, "chip_panggilan")
    assert chip is not None
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert panel.body_edit.toPlainText() == "Halo {panggilan}"


def test_invalid_shortcut_shows_the_indonesian_error(panel: TemplatesPanel, qtbot: QtBot) -> None:
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    fill_editor(panel, qtbot, "Cek resi", "resi", "Resi {resi}")
    qtbot.keyClick(panel.body_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert panel.error_label.isVisible()
    assert 'Shortcut harus diawali garis miring "/"' in panel.error_label.text()
    assert Template.select().count() == 1
    fill_editor(panel, qtbot, "Salam lagi", "/salam", "Halo")
    panel.save()
    assert 'sudah dipakai template "Salam pembuka"' in panel.error_label.text()


def test_search_filters_by_body(panel: TemplatesPanel, qtbot: QtBot) -> None:
    templates.save_template(None, title="Resi", shortcut="/resi", body="Nomor resi {resi}")
    panel.apply_filter(search="nomor resi")
    assert listed(panel) == ["Resi"]
    panel.apply_filter(search="tidak ada yang cocok")
    assert panel.list_stack.currentWidget() is panel.list_empty
    panel.apply_filter()
    assert listed(panel) == ["Resi", "Salam pembuka"]


def test_delete_asks_first(
    panel: TemplatesPanel, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):  # noqa: ANN202
        def question(parent, title, text, *args):  # noqa: ANN001, ANN202
            asked.append(text)
            return reply

        return question

    salam = Template.get(Template.shortcut == "/salam")
    panel.open_record(salam.id)
    assert panel.title_edit.text() == "Salam pembuka"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert Template.select().count() == 1
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert Template.select().count() == 0
    assert len(asked) == 2 and "Salam pembuka" in asked[0]
    assert listed(panel) == []
    assert panel.list_stack.currentWidget() is panel.list_empty
    assert not panel.delete_button.isEnabled()


def test_select_first_shows_the_first_template_in_the_editor(panel: TemplatesPanel) -> None:
    assert panel.select_first()
    assert panel.editor_card.title_label.text() == "Ubah template"
    assert panel.title_edit.text() == "Salam pembuka"
    assert panel.body_edit.toPlainText() == "Halo {nama}"
    assert panel.delete_button.isEnabled()


def test_select_first_on_an_empty_list_keeps_the_new_form(db: object, qtbot: QtBot) -> None:
    widget = TemplatesPanel()
    qtbot.addWidget(widget)
    assert not widget.select_first()
    assert widget.editor_card.title_label.text() == "Template baru"


def test_category_filter_lists_one_category(panel: TemplatesPanel) -> None:
    templates.save_template(None, title="Rekening", shortcut="/rek", body="BCA", category="Bayar")
    templates.save_template(None, title="Resi", shortcut="/resi", body="{resi}", category="Kirim")
    panel.refresh()
    filters = [panel.category_filter.itemText(i) for i in range(panel.category_filter.count())]
    assert filters == ["Semua kategori", "Bayar", "Kirim"]
    panel.category_filter.setCurrentIndex(panel.category_filter.findText("Kirim"))
    assert listed(panel) == ["Resi"]
    panel.search.setText("rek")
    assert panel.list_stack.currentWidget() is panel.list_empty
    panel.list_empty.action_clicked.emit()  # "Hapus pencarian" clears the category too
    assert listed(panel) == ["Rekening", "Resi", "Salam pembuka"]
    assert panel.category_filter.currentText() == "Semua kategori"


def test_import_adds_and_updates_and_says_how_many(
    panel: TemplatesPanel, tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "template.csv"
    path.write_text(
        "Judul,Pintasan,Kategori,Isi\n"
        "Salam pembuka,/salam,Sapaan,Halo {panggilan|kak} 😊\n"
        "Rekening,/rek,Pembayaran,Transfer ke {rekening} ya\n",
        encoding="utf-8",
    )
    panel.import_file(str(path))
    assert listed(panel) == ["Rekening", "Salam pembuka"]
    assert Template.get(Template.shortcut == "/salam").body == "Halo {panggilan|kak} 😊"
    box = panel.message_box
    assert box is not None and box.isVisible()
    assert box.text() == "template.csv: 1 baru, 1 diperbarui, 0 sama (tidak diubah)."
    assert panel.count_label.text() == "2 template"
    assert "Pembayaran" in [
        panel.category_filter.itemText(i) for i in range(panel.category_filter.count())
    ]
    box.close()


def test_a_bad_import_file_changes_nothing_and_names_the_rows(
    panel: TemplatesPanel, tmp_path: Path
) -> None:
    path = tmp_path / "salah.csv"
    path.write_text("Judul,Pintasan,Isi\nBaru,/baru,Teks\nTanpa garis,rek,Teks\n", encoding="utf-8")
    panel.import_file(str(path))
    box = panel.message_box
    assert box is not None and box.icon() == QMessageBox.Icon.Warning
    assert "salah.csv" in box.text()
    assert "baris 3, kolom 'Pintasan'" in box.text()
    assert listed(panel) == ["Salam pembuka"]
    assert Template.select().count() == 1
    box.close()


def test_export_writes_the_file_and_says_so(panel: TemplatesPanel, tmp_path: Path) -> None:
    out = tmp_path / "semua.xlsx"
    panel.export_file(str(out))
    box = panel.message_box
    assert box is not None and box.text() == "1 template disimpan ke semua.xlsx"
    workbook = CalamineWorkbook.from_path(str(out))
    assert workbook.get_sheet_by_name("Template").to_python() == [
        ["Judul", "Pintasan", "Kategori", "Isi"],
        ["Salam pembuka", "/salam", "", "Halo {nama}"],
    ]
    box.close()
