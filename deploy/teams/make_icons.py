"""Draws pairbot's Teams icons with the standard library only (zlib + struct PNG writing).

    python deploy/teams/make_icons.py

writes color.png (192×192, full colour) and outline.png (32×32, white on
transparent), the two icons a Teams app package needs. The motif is two
people side by side, one a little behind the other: a pair.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACCENT = (46, 125, 107)  # #2E7D6B, the manifest's accentColor
FRONT = (255, 255, 255)
BACK = (178, 223, 210)

Pixel = tuple[int, int, int, int]


def png(width: int, height: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    """An RGBA PNG of `pixel(x, y)`."""
    rows = b"".join(
        b"\x00" + b"".join(struct.pack("4B", *pixel(x, y)) for x in range(width))
        for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def person(cx: float, cy: float, scale: float) -> Callable[[float, float], bool]:
    """A head and shoulders centred on (cx, cy), in unit coordinates."""
    head_r, head_y = 0.16 * scale, cy - 0.14 * scale
    body_r, body_y = 0.30 * scale, cy + 0.34 * scale

    def inside(x: float, y: float) -> bool:
        in_head = math.hypot(x - cx, y - head_y) <= head_r
        in_body = math.hypot(x - cx, y - body_y) <= body_r and y <= cy + 0.30 * scale
        return in_head or in_body

    return inside


def coverage(size: int, x: int, y: int, shape: Callable[[float, float], bool],
             samples: int = 4) -> float:
    """How much of pixel (x, y) the shape covers (supersampled, for smooth edges)."""
    hits = sum(shape((x + (i + 0.5) / samples) / size, (y + (j + 0.5) / samples) / size)
               for i in range(samples) for j in range(samples))
    return hits / (samples * samples)


def blend(under: tuple[int, int, int], over: tuple[int, int, int], amount: float
          ) -> tuple[int, int, int]:
    r, g, b = (round(u + (o - u) * amount) for u, o in zip(under, over, strict=True))
    return r, g, b


def color_icon(size: int = 192) -> bytes:
    back, front = person(0.62, 0.46, 0.95), person(0.40, 0.52, 1.05)
    gap = person(0.40, 0.52, 1.18)  # a rim of background between the two figures

    def pixel(x: int, y: int) -> Pixel:
        colour = blend(ACCENT, BACK, coverage(size, x, y, back))
        colour = blend(colour, ACCENT, coverage(size, x, y, gap))
        colour = blend(colour, FRONT, coverage(size, x, y, front))
        return (*colour, 255)

    return png(size, size, pixel)


def outline_icon(size: int = 32) -> bytes:
    back, front = person(0.64, 0.44, 0.95), person(0.38, 0.52, 1.05)
    gap = person(0.38, 0.52, 1.25)

    def pixel(x: int, y: int) -> Pixel:
        alpha = coverage(size, x, y, back, 6) * (1 - coverage(size, x, y, gap, 6))
        alpha = max(alpha, coverage(size, x, y, front, 6))
        return (255, 255, 255, round(255 * alpha))

    return png(size, size, pixel)


def main() -> None:
    (HERE / "color.png").write_bytes(color_icon())
    (HERE / "outline.png").write_bytes(outline_icon())


if __name__ == "__main__":
    main()
