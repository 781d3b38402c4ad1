"""Writes the theme's PNG images with the standard library only (no Pillow needed).

logo.png (600x60, the publisher logo for schema.org, which asks for at most 600x60) and
default-card.png (1200x630, the social card used when a story has no photo). Both are plain
geometric marks in the theme's colours, so they fit any site name. Run:
    python theme/tools/make_images.py
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "static"
INK = (0x1a, 0x1a, 0x1a)
PAPER = (0xfa, 0xf8, 0xf3)
RED = (0xb0, 0x1c, 0x22)


def png(width: int, height: int, pixel) -> bytes:
    """An RGB PNG; pixel(x, y) -> (r, g, b)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def logo(x: int, y: int) -> tuple[int, int, int]:
    # A red square mark with three "column rules" on the left, a long ink rule beside it.
    if 0 <= x < 60:
        if 12 <= y < 48 and (14 <= x < 22 or 26 <= x < 34 or 38 <= x < 46):
            return PAPER
        return RED
    if 76 <= x < 600 and 26 <= y < 34:
        return INK
    return PAPER


def card(x: int, y: int) -> tuple[int, int, int]:
    # Paper background, a red band at the top, the logo mark centred, ink rules below it.
    if y < 24:
        return RED
    cx, cy = 600, 280
    if cx - 90 <= x < cx + 90 and cy - 90 <= y < cy + 90:
        lx = x - (cx - 90)
        if cy - 54 <= y < cy + 54 and (42 <= lx < 66 or 78 <= lx < 102 or 114 <= lx < 138):
            return PAPER
        return RED
    if 300 <= x < 900 and (430 <= y < 438 or 462 <= y < 470 or (494 <= y < 502 and x < 700)):
        return INK
    return PAPER


def main() -> None:
    STATIC.mkdir(parents=True, exist_ok=True)
    (STATIC / "logo.png").write_bytes(png(600, 60, logo))
    (STATIC / "default-card.png").write_bytes(png(1200, 630, card))


if __name__ == "__main__":
    main()
