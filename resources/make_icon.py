"""Write the app icon files the installers need, drawn by csdesk.ui.icon.

    python resources/make_icon.py

writes resources/icons/csdesk.png (256 px), csdesk.ico (Windows, 16–256 px) and csdesk.icns
(macOS, up to 1024 px). The app itself draws the same icon at run time.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: TID251 - a Qt script
from PySide6.QtWidgets import QApplication  # noqa: TID251

from csdesk.ui.icon import draw_icon

OUT = Path(__file__).parent / "icons"


ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data, by pixel size (Apple's "icns" format).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
              (b"ic09", 512), (b"ic10", 1024))  # fmt: skip


def png_bytes(size: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    draw_icon(size).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_ico(path: Path) -> None:
    """Several sizes in one file, each a PNG (Qt's own ICO writer stores only one image)."""
    images = [png_bytes(size) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, data in zip(ICO_SIZES, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    path.write_bytes(header + entries + b"".join(images))


def write_icns(path: Path) -> None:
    body = b""
    for kind, size in ICNS_TYPES:
        data = png_bytes(size)
        body += kind + struct.pack(">I", len(data) + 8) + data
    path.write_bytes(b"icns" + struct.pack(">I", len(body) + 8) + body)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QApplication.instance() or QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    draw_icon(256).save(str(OUT / "csdesk.png"))
    write_ico(OUT / "csdesk.ico")
    write_icns(OUT / "csdesk.icns")
    for name in ("csdesk.png", "csdesk.ico", "csdesk.icns"):
        print(f"{OUT / name}: {(OUT / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
