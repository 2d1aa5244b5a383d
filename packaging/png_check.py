"""Is this PNG a picture of a window?  Decoded with the standard library only (zlib), so the smoke
test can judge the bundle's screenshot with any Python, beside a bundle that carries its own.

A window has text, lines and colours: many distinct colours and no single colour covering
nearly everything.  A blank render (a black or white image, the symptom of a window that failed
to paint) has one or two.  tests/gui/test_png_check.py compares the decoder with Qt's.
"""
from __future__ import annotations

import struct
import zlib
from collections import Counter

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {2: 3, 6: 4}            # colour type -> bytes per pixel at 8 bits: RGB, RGBA
MIN_COLOURS = 64                   # a window's text is antialiased: hundreds of shades
MAX_SHARE = 0.9                    # no colour covers more than this share of the pixels


def decode(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, bytes per pixel, rows of raw pixel bytes) of an 8-bit RGB or RGBA PNG.

    ValueError for anything else (other depths, palettes, interlacing): Qt writes none of those
    for a window grab.
    """
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    pos, idat, header = len(SIGNATURE), [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _compression, _filter, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError(f"unsupported PNG (bit depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, previous = [], bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        row = unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), previous, bpp)
        rows.append(bytes(row))
        previous = row
    return width, height, bpp, rows


def unfilter(kind: int, row: bytearray, up: bytes, bpp: int) -> bytearray:
    """Undo one row's PNG filter (0 none, 1 sub, 2 up, 3 average, 4 Paeth), in place."""
    if kind == 0:
        return row
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        upper_left = up[i - bpp] if i >= bpp else 0
        if kind == 1:
            predicted = left
        elif kind == 2:
            predicted = up[i]
        elif kind == 3:
            predicted = (left + up[i]) >> 1
        elif kind == 4:
            predicted = paeth(left, up[i], upper_left)
        else:
            raise ValueError(f"unknown PNG filter {kind}")
        row[i] = (row[i] + predicted) & 0xFF
    return row


def paeth(a: int, b: int, c: int) -> int:
    """The PNG Paeth predictor: whichever of left, up, upper-left is nearest a + b - c."""
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def colour_counts(rows: list[bytes], bpp: int) -> Counter[bytes]:
    counts: Counter[bytes] = Counter()
    for row in rows:
        counts.update(row[i:i + bpp] for i in range(0, len(row), bpp))
    return counts


def window_problem(data: bytes, size: tuple[int, int]) -> str | None:
    """None when ``data`` is a ``size`` PNG that looks like a painted window, else what is wrong."""
    try:
        width, height, bpp, rows = decode(data)
    except (ValueError, zlib.error, struct.error) as e:
        return f"cannot read the PNG: {e}"
    if (width, height) != size:
        return f"the PNG is {width}x{height}, not {size[0]}x{size[1]}"
    counts = colour_counts(rows, bpp)
    share = counts.most_common(1)[0][1] / (width * height)
    if len(counts) < MIN_COLOURS or share > MAX_SHARE:
        return f"blank: {len(counts)} colours, the commonest covers {share:.0%} of the image"
    return None
