"""Templates to and from Excel/CSV: what another desk gets from the export, and an import
that either applies a clean file completely or, on any bad row, changes nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from csdesk.models import Template
from csdesk.services import templates, templates_xlsx
from csdesk.services.importing.records import ImportFormatError
from csdesk.services.templates_default import DEFAULT_TEMPLATES, install_default_templates
from csdesk.services.templates_xlsx import TemplateImportError

HEADER = ["Judul", "Pintasan", "Kategori", "Isi"]


def write_xlsx(path: Path, rows: list[list[str]], sheet: str = "Template") -> Path:
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    worksheet = workbook.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            worksheet.write_string(r, c, value)
    workbook.close()
    return path


def read_xlsx(path: Path) -> tuple[list[str], list[list[object]]]:
    workbook = CalamineWorkbook.from_path(str(path))
    names = list(workbook.sheet_names)
    return names, workbook.get_sheet_by_name(names[0]).to_python()


def bodies() -> dict[str, str]:
    return {t.shortcut: t.body for t in Template.select()}


def test_export_writes_every_template_with_formula_text_kept_as_text(
    db: object, tmp_path: Path
) -> None:
    install_default_templates()
    templates.save_template(
        None, title="=Rumus", shortcut="/rumus", body='=HYPERLINK("x")\n+62 812', category="@x"
    )
    out_dir = tmp_path / "keluar"
    out_dir.mkdir()
    out = out_dir / "template.xlsx"
    assert templates_xlsx.export_templates(out) == len(DEFAULT_TEMPLATES) + 1
    names, rows = read_xlsx(out)
    assert names == ["Template"]
    assert rows[0] == HEADER
    assert len(rows) == len(DEFAULT_TEMPLATES) + 2
    by_shortcut = {row[1]: row for row in rows[1:]}
    assert by_shortcut["/rumus"] == ["=Rumus", "/rumus", "@x", '=HYPERLINK("x")\n+62 812']
    rek = Template.get(Template.shortcut == "/rek")
    assert by_shortcut["/rek"] == [rek.title, "/rek", "Pembayaran", rek.body]
    with zipfile.ZipFile(out) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml  # no cell is a formula Excel would run
    assert list(out_dir.iterdir()) == [out]  # no temporary file left behind


def test_export_into_a_folder_is_refused(db: object, tmp_path: Path) -> None:
    with pytest.raises(templates_xlsx.TemplateExportError, match="adalah folder"):
        templates_xlsx.export_templates(tmp_path)


def test_export_then_import_into_another_shop_and_back(
    db: object, db_path: Path, tmp_path: Path
) -> None:
    install_default_templates()
    out = tmp_path / "template.xlsx"
    templates_xlsx.export_templates(out)
    before = bodies()
    Template.delete().execute()

    result = templates_xlsx.import_templates(out)
    assert (result.added, result.updated, result.unchanged) == (len(DEFAULT_TEMPLATES), 0, 0)
    assert bodies() == before
    assert Template.get(Template.shortcut == "/rek").category == "Pembayaran"

    again = templates_xlsx.import_templates(out)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(DEFAULT_TEMPLATES))


def test_import_adds_new_updates_changed_and_leaves_the_rest(db: object, tmp_path: Path) -> None:
    templates.save_template(None, title="Rekening", shortcut="/rek", body="BCA 123")
    templates.save_template(None, title="Salam", shortcut="/salam", body="Halo {panggilan|kak}")
    templates.save_template(None, title="Milik toko", shortcut="/toko", body="Tetap")
    untouched = Template.get(Template.shortcut == "/salam").updated_at
    path = write_xlsx(
        tmp_path / "baru.xlsx",
        [
            HEADER,
            ["Rekening", "/REK", "Pembayaran", "BCA 1234567890 a.n. Ayu"],
            ["Salam", "/salam", "", "Halo {panggilan|kak}"],
            ["", "", "", ""],
            ["Ongkir", "/ongkir", "Pengiriman", "Ongkir ke {kota} ya\nkak"],
        ],
    )
    result = templates_xlsx.import_templates(path)
    assert (result.file, result.added, result.updated, result.unchanged) == ("baru.xlsx", 1, 1, 1)
    assert bodies() == {
        "/rek": "BCA 1234567890 a.n. Ayu",
        "/salam": "Halo {panggilan|kak}",
        "/toko": "Tetap",
        "/ongkir": "Ongkir ke {kota} ya\nkak",
    }
    assert Template.get(Template.shortcut == "/rek").category == "Pembayaran"
    assert Template.get(Template.shortcut == "/salam").updated_at == untouched


def test_any_bad_row_refuses_the_whole_file_naming_row_and_column(
    db: object, tmp_path: Path
) -> None:
    templates.save_template(None, title="Rekening", shortcut="/rek", body="BCA 123")
    path = write_xlsx(
        tmp_path / "salah.xlsx",
        [
            HEADER,
            ["Baru yang benar", "/baru", "", "Teks"],
            ["", "/tanpajudul", "", "Teks"],
            ["Rekening", "rek", "", "BCA 999"],
            ["Spasi", "/cek resi", "", "Teks"],
            ["Dobel", "/baru", "", "Teks lain"],
            ["Kosong", "/kosong", "", ""],
        ],
    )
    with pytest.raises(TemplateImportError) as caught:
        templates_xlsx.import_templates(path)
    message = str(caught.value)
    assert message.startswith("salah.xlsx: 5 masalah, tidak ada template yang diimpor:")
    assert "baris 3, kolom 'Judul': judul kosong" in message
    assert 'baris 4, kolom \'Pintasan\': pintasan "rek" harus diawali "/"' in message
    assert "baris 5, kolom 'Pintasan'" in message
    assert "baris 6, kolom 'Pintasan': pintasan /baru sudah dipakai di baris 2" in message
    assert "baris 7, kolom 'Isi': isi kosong" in message
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (3, "Judul"),
        (4, "Pintasan"),
        (5, "Pintasan"),
        (6, "Pintasan"),
        (7, "Isi"),
    ]
    assert bodies() == {"/rek": "BCA 123"}  # not even the good row went in


def test_csv_with_english_headers_and_semicolons(db: object, tmp_path: Path) -> None:
    path = tmp_path / "template.csv"
    path.write_text(
        'Shortcut;Title;Body\n/rek;Rekening;"BCA 123; a.n. Ayu"\n/jam;Jam buka;08.00–17.00\n',
        encoding="utf-8",
    )
    result = templates_xlsx.import_templates(path)
    assert (result.added, result.updated, result.unchanged) == (2, 0, 0)
    assert bodies() == {"/rek": "BCA 123; a.n. Ayu", "/jam": "08.00–17.00"}


def test_a_missing_column_or_a_wrong_file_is_refused(db: object, tmp_path: Path) -> None:
    no_body = write_xlsx(tmp_path / "tanpa_isi.xlsx", [["Judul", "Pintasan"], ["A", "/a"]])
    with pytest.raises(ImportFormatError, match=r"tanpa_isi.xlsx \(baris 1\): kolom 'Isi'"):
        templates_xlsx.import_templates(no_body)
    other = write_xlsx(tmp_path / "pesanan.xlsx", [["No. Pesanan", "Total"], ["1", "2"]])
    with pytest.raises(ImportFormatError, match="tidak punya kolom Judul, Pintasan"):
        templates_xlsx.import_templates(other)
    fake = tmp_path / "bukan.xlsx"
    fake.write_text("Judul,Pintasan,Isi\n")
    with pytest.raises(ImportFormatError, match="bukan file Excel"):
        templates_xlsx.import_templates(fake)
    empty = write_xlsx(tmp_path / "kosong.xlsx", [HEADER])
    with pytest.raises(ImportFormatError, match="tidak ada template"):
        templates_xlsx.import_templates(empty)
    assert Template.select().count() == 0
