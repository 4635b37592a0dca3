"""The `csdesk` command: no command opens the window; subcommands work without a display.

The command line is a contract (DESIGN.md): `--db PATH|URL` (else `CSDESK_DB`, else the per-user
file), `--version`, `--json` output that is only JSON, and errors as one line on stderr with exit
status 2 and the database left as it was. Heavy modules (Qt, openpyxl) are imported only by the
commands that need them, so `csdesk stats` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from csdesk import __version__
from csdesk.errors import CsdeskError

EXIT_OK = 0
EXIT_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors follow the contract: one line on stderr, exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"csdesk: {message} (lihat: csdesk --help)", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from csdesk.services.database import open_database

    return open_database(args.db)


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1, default=str))


def cmd_demo(args: argparse.Namespace) -> int:
    from csdesk.services.demo import generate_demo

    _open(args)

    def progress(done: int, total: int) -> None:
        if not args.json:
            print(f"\r  mengisi data contoh… {done}/{total}", end="", file=sys.stderr, flush=True)

    summary = generate_demo(args.orders, progress=progress, force=args.force)
    if args.json:
        _print_json(summary.__dict__)
    else:
        print(file=sys.stderr)
        print("Data contoh siap:")
        for key, value in summary.__dict__.items():
            print(f"  {key}: {value}")
    return EXIT_OK


STATS_LABELS = {
    "customers": "Pelanggan",
    "orders": "Pesanan",
    "order_items": "Item pesanan",
    "conversations": "Percakapan",
    "messages": "Pesan",
    "complaints": "Keluhan",
    "complaints_open": "Keluhan terbuka",
}


def cmd_stats(args: argparse.Namespace) -> int:
    from csdesk.services import fmt, stats

    _open(args)
    data = stats.collect()
    if args.json:
        _print_json(data)
        return EXIT_OK
    for key, label in STATS_LABELS.items():
        print(f"{label:<18} {data.get(key, 0):>10,}".replace(",", "."))
    print(f"{'Omzet':<18} {fmt.rupiah(data['revenue_idr']):>10}")
    for group in ("orders_by_marketplace", "orders_by_status"):
        parts = ", ".join(f"{k}: {v}" for k, v in sorted(data[group].items()))
        print(f"{group}: {parts}")
    return EXIT_OK


def _day(text: str | None, option: str):  # type: ignore[no-untyped-def]
    """A `YYYY-MM-DD` option as a date; anything else is a one-line error."""
    import datetime as dt
    import re

    if text is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CsdeskError(f"{option} harus tanggal YYYY-MM-DD, bukan {text!r}") from None


def cmd_export_orders(args: argparse.Namespace) -> int:
    from csdesk.services.exporting.orders_xlsx import export_orders

    since, until = _day(args.since, "--since"), _day(args.until, "--until")
    out = Path(args.out)
    if out.suffix.casefold() != ".xlsx":
        raise CsdeskError(f"File tujuan harus berakhiran .xlsx: {out}")
    _open(args)
    result = export_orders(
        out, status=args.status, marketplace=args.marketplace, since=since, until=until
    )
    if args.json:
        _print_json({"file": str(out), "rows": result.rows, "orders": result.orders})
    else:
        rows, orders = (f"{n:,}".replace(",", ".") for n in (result.rows, result.orders))
        print(f"{rows} baris, {orders} pesanan → {out}")
    return EXIT_OK


def _month(text: str | None):  # type: ignore[no-untyped-def]
    """`--month YYYY-MM` as the first day of that month; anything else is a one-line error."""
    import datetime as dt
    import re

    if text is None:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CsdeskError(f"--month harus bulan YYYY-MM (mis. 2026-11), bukan {text!r}")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def cmd_report_complaints(args: argparse.Namespace) -> int:
    from csdesk.services import fmt
    from csdesk.services.complaints_report import month_report
    from csdesk.services.exporting.complaints_xlsx import export_complaints_report

    month = _month(args.month)
    out = Path(args.out)
    if out.suffix.casefold() != ".xlsx":
        raise CsdeskError(f"File tujuan harus berakhiran .xlsx: {out}")
    _open(args)
    report = month_report(month)
    export_complaints_report(out, report)
    top = report.by_category[0] if report.by_category else None
    if args.json:
        _print_json(
            {
                "file": str(out),
                "month": report.month.strftime("%Y-%m"),
                "complaints": report.total,
                "by_category": {row.key: row.count for row in report.by_category},
                "settled": report.settled_in_month,
                "median_resolution_hours": report.overall_time.median_hours,
                "total_cost_idr": report.total_cost,
                "open_at_end": report.open_at_end,
            }
        )
    else:
        most = f", terbanyak {top.label} ({top.count})" if top else ""
        print(
            f"{report.month_label}: {report.total} keluhan{most}, biaya "
            f"{fmt.rupiah(report.total_cost)} → {out}"
        )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from csdesk.services.backup import backup_database

    db = _open(args)
    path = backup_database(db, Path(args.dest) if args.dest else None, reason="manual")
    if args.json:
        _print_json({"backup": str(path)})
    else:
        print(f"Cadangan tersimpan: {path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from csdesk.models.db import is_url, resolve_target
    from csdesk.services.backup import restore_database

    target = resolve_target(args.db)
    if is_url(target):
        raise CsdeskError(
            "Pemulihan hanya untuk database SQLite; untuk PostgreSQL pakai pg_restore"
        )
    source = Path(args.file)
    if not source.is_file():
        raise CsdeskError(f"File cadangan tidak ditemukan: {source}")
    safety = restore_database(Path(target).expanduser(), source)
    if args.json:
        _print_json({"restored": str(source), "previous_backup": str(safety) if safety else None})
    else:
        print(f"Database dipulihkan dari {source}")
        if safety:
            print(f"Database sebelumnya disimpan di {safety}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from csdesk.services.backup import check_database

    db = _open(args)
    problems = check_database(db)
    if args.json:
        _print_json({"ok": not problems, "problems": problems})
    elif problems:
        for problem in problems:
            print(problem, file=sys.stderr)
    else:
        print("Database sehat: pemeriksaan integritas lolos.")
    return EXIT_OK if not problems else EXIT_ERROR


IMPORT_FORMATS = ("auto", "shopee", "tiktok", "tokopedia", "lazada", "csdesk")


def cmd_import_orders(args: argparse.Namespace) -> int:
    from csdesk.services.importing.run import import_files

    _open(args)
    results = import_files(args.files, file_format=args.format)
    if args.json:
        _print_json({"files": [result.as_dict() for result in results]})
        return EXIT_OK
    for result in results:
        print(
            f"{result.file} ({result.format}): {result.rows} baris, "
            f"{result.orders_new} pesanan baru, {result.orders_updated} diperbarui, "
            f"{result.orders_unchanged} tidak berubah, {result.items} item"
        )
        for problem in result.errors:
            place = f"baris {problem.row}" if problem.row is not None else "file"
            column = f", kolom {problem.column}" if problem.column else ""
            print(f"  peringatan ({place}{column}): {problem.message}")
    return EXIT_OK


def cmd_import_chats(args: argparse.Namespace) -> int:
    from csdesk.services.chats.run import NeedsSellerName, import_chat_files

    _open(args)
    try:
        result = import_chat_files(args.files, me=args.me)
    except NeedsSellerName as exc:
        names = ", ".join(exc.senders)
        given = f"'{exc.given}' tidak ada di berkas; " if exc.given else ""
        raise CsdeskError(
            f"{exc.file}: {given}sebutkan --me NAMA (pengirim di berkas: {names})"
        ) from None
    for warning in result.warnings:
        print(f"csdesk: peringatan: {warning}", file=sys.stderr)
    if args.json:
        _print_json(result.as_dict())
        return EXIT_OK
    for chat in result.chats:
        who = ", ".join(chat.customers)
        print(
            f"{chat.file} ({chat.style}): {chat.messages} pesan, {chat.messages_new} baru, "
            f"{chat.messages_skipped} sudah ada; pelanggan: {who}"
        )
    return EXIT_OK


def cmd_print_confirmations(args: argparse.Namespace) -> int:
    from csdesk.services.printing.print_run import (
        already_printed,
        mark_printed,
        order_ids_for,
        render_labels_pdf,
    )

    if bool(args.order_nos) == bool(args.status):
        raise CsdeskError("Sebutkan nomor pesanan atau --status, salah satu saja")
    out = Path(args.pdf)
    if out.suffix.casefold() != ".pdf":
        raise CsdeskError(f"File tujuan harus berakhiran .pdf: {out}")
    _open(args)
    ids = order_ids_for(args.order_nos, args.status)
    before = already_printed(ids)
    result = render_labels_pdf(ids, out, args.size)
    try:
        mark_printed(ids, args.size)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    if before:
        numbers = ", ".join(p.order_no for p in before[:5])
        more = f" dan {len(before) - 5} lainnya" if len(before) > 5 else ""
        print(
            f"csdesk: peringatan: {len(before)} pesanan sudah pernah dicetak "
            f"({numbers}{more}); dicetak lagi",
            file=sys.stderr,
        )
    if args.json:
        _print_json(
            {
                "file": str(out),
                "labels": result.labels,
                "pages": result.pages,
                "printed_before": [p.order_no for p in before],
            }
        )
    else:
        print(f"{result.labels} label, {result.pages} halaman → {out}")
    return EXIT_OK


def cmd_customers(args: argparse.Namespace) -> int:
    from csdesk.services import fmt
    from csdesk.services.customers_json import check_segment, customers_listing

    check_segment(args.segment)
    _open(args)
    listing = customers_listing(search=args.search or "", segment=args.segment)
    if args.json:
        _print_json(listing)
        return EXIT_OK
    for row in listing:
        nickname = f" ({row['nickname']})" if row["nickname"] else ""
        phones = ", ".join(row["phones"])
        print(
            f"#{row['id']} {row['name']}{nickname}  {row['segment']}  {row['orders']} pesanan  "
            f"{fmt.rupiah(row['lifetime_value_idr'])}  {phones}".rstrip()
        )
    return EXIT_OK


def cmd_customers_merge(args: argparse.Namespace) -> int:
    from csdesk.services.customer_merge import merge_customers

    _open(args)
    result = merge_customers(args.keep_id, args.other_id, author="CLI")
    if args.json:
        _print_json(result.__dict__)
    else:
        print(
            f"Pelanggan #{result.other_id} digabung ke #{result.kept_id}: {result.summary()} "
            f"(penggabungan #{result.merge_id}; batalkan: csdesk customers undo-merge "
            f"{result.merge_id})"
        )
    return EXIT_OK


def cmd_customers_undo_merge(args: argparse.Namespace) -> int:
    from csdesk.services.customer_merge import undo_merge

    _open(args)
    info = undo_merge(args.merge_id, author="CLI")
    if args.json:
        _print_json({"merge_id": info.id, "kept_id": info.kept_id, "other_id": info.other_id})
    else:
        print(
            f"Penggabungan #{info.id} dibatalkan: pelanggan #{info.other_id} berdiri sendiri lagi"
        )
    return EXIT_OK


def _add_customers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    help_text = "daftar pelanggan (--json), gabungkan dua pelanggan, batalkan penggabungan"
    customers = commands.add_parser("customers", help=help_text, description=help_text)
    customers.add_argument("--json", action="store_true", help="cetak hanya JSON")
    customers.add_argument("--search", metavar="Q", help="cari nama, panggilan, HP, email, …")
    customers.add_argument(
        "--segment", metavar="S", help="baru, berulang, loyal, pernah_komplain, tidak_aktif"
    )
    customers.set_defaults(func=cmd_customers)
    actions = customers.add_subparsers(dest="action", parser_class=_Parser, metavar="AKSI")
    merge = actions.add_parser(
        "merge", help="gabungkan OTHER_ID ke KEEP_ID (bisa dibatalkan)", description=None
    )
    merge.add_argument("keep_id", type=int, metavar="KEEP_ID")
    merge.add_argument("other_id", type=int, metavar="OTHER_ID")
    undo = actions.add_parser("undo-merge", help="batalkan penggabungan MERGE_ID")
    undo.add_argument("merge_id", type=int, metavar="MERGE_ID")
    for sub, func in ((merge, cmd_customers_merge), (undo, cmd_customers_undo_merge)):
        # SUPPRESS: without it the sub-command's default would hide `customers --json merge`.
        sub.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        sub.set_defaults(func=func)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="csdesk",
        description="csdesk: meja layanan pelanggan untuk toko online. Tanpa perintah: buka aplikasi.",
    )
    parser.add_argument("--version", action="version", version=f"csdesk {__version__}")
    parser.add_argument("--db", metavar="PATH|URL", help="file SQLite atau URL postgresql://")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="buka jendela, kunjungi setiap panel, cetak satu baris per panel, lalu keluar",
    )
    parser.add_argument(
        "--screenshots", metavar="DIR", help="dengan --self-test: simpan PNG per panel"
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="PERINTAH")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_text: str):  # type: ignore[no-untyped-def]
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--json", action="store_true", help="cetak hanya JSON")
        sub.set_defaults(func=func)
        return sub

    demo = add("demo", cmd_demo, "isi database dengan data contoh toko hijab")
    demo.add_argument("--orders", type=int, default=1000, metavar="N", help="jumlah pesanan (1000)")
    demo.add_argument("--force", action="store_true", help="tambahkan walau sudah ada pesanan")
    add("stats", cmd_stats, "jumlah pelanggan, pesanan, percakapan, keluhan dan omzet")
    export = add(
        "export-orders",
        cmd_export_orders,
        "ekspor pesanan ke Excel, satu baris per item (bisa diimpor ulang: --format csdesk)",
    )
    export.add_argument("out", metavar="OUT.xlsx")
    export.add_argument("--status", metavar="S", help="hanya status ini (to_ship, completed, …)")
    export.add_argument("--marketplace", metavar="M", help="hanya marketplace ini (shopee, …)")
    export.add_argument("--since", metavar="YYYY-MM-DD", help="dibuat sejak hari ini (zona toko)")
    export.add_argument("--until", metavar="YYYY-MM-DD", help="dibuat sampai hari ini (termasuk)")
    backup = add("backup", cmd_backup, "cadangkan database (aman saat aplikasi terbuka)")
    backup.add_argument("dest", nargs="?", metavar="DEST", help="file atau folder tujuan")
    restore = add(
        "restore", cmd_restore, "pulihkan database dari file cadangan yang diperiksa dulu"
    )
    restore.add_argument("file", metavar="FILE")
    add("check", cmd_check, "periksa integritas database")
    import_orders = add(
        "import-orders",
        cmd_import_orders,
        "impor ekspor pesanan marketplace (xlsx, xls, csv); satu transaksi per file",
    )
    import_orders.add_argument("files", nargs="+", metavar="FILE")
    import_orders.add_argument(
        "--format", choices=IMPORT_FORMATS, default="auto", help="format file (auto: dikenali)"
    )
    import_chats = add(
        "import-chats",
        cmd_import_chats,
        "impor ekspor chat WhatsApp (.txt atau .zip) ke pelanggan dan percakapan",
    )
    import_chats.add_argument("files", nargs="+", metavar="FILE.txt|FILE.zip")
    import_chats.add_argument(
        "--me", metavar="NAMA", help="nama pengirim toko di chat (selain nama WhatsApp di Setelan)"
    )
    print_labels = add(
        "print-confirmations",
        cmd_print_confirmations,
        "cetak label pengiriman ke PDF, satu paket per label (A4: 4 label per lembar)",
    )
    print_labels.add_argument("order_nos", nargs="*", metavar="ORDER_NO", help="nomor pesanan")
    print_labels.add_argument(
        "--status", metavar="S", help="semua pesanan berstatus ini (to_ship / 'perlu dikirim')"
    )
    print_labels.add_argument("--pdf", required=True, metavar="OUT.pdf", help="file PDF tujuan")
    print_labels.add_argument(
        "--size",
        type=str.casefold,
        choices=("a6", "a4", "80mm", "58mm"),
        default="a6",
        help="ukuran label (a6)",
    )
    _add_customers(commands)
    report = commands.add_parser("report", help="laporan ke Excel", description="laporan ke Excel")
    kinds = report.add_subparsers(dest="report", parser_class=_Parser, metavar="JENIS")
    kinds.required = True
    complaints = kinds.add_parser(
        "complaints",
        help="keluhan sebulan: kategori, produk, kurir, marketplace, waktu, biaya",
        description="keluhan sebulan: kategori, produk, kurir, marketplace, waktu, biaya",
    )
    complaints.add_argument("out", metavar="OUT.xlsx")
    complaints.add_argument("--month", metavar="YYYY-MM", help="bulan laporan (bulan ini)")
    complaints.add_argument("--json", action="store_true", help="cetak hanya JSON")
    complaints.set_defaults(func=cmd_report_complaints)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.self_test:
            from csdesk.selftest import run_self_test

            return run_self_test(args.db, Path(args.screenshots) if args.screenshots else None)
        if args.command is None:
            from csdesk.app import run_gui

            return run_gui(args.db)
        result: int = args.func(args)
        return result
    except CsdeskError as exc:
        print(f"csdesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("csdesk: dibatalkan", file=sys.stderr)
        return EXIT_ERROR


def main_gui() -> int:
    """Entry point of the windowed `csdesk-gui` launcher (no console on Windows)."""
    return main(sys.argv[1:])
