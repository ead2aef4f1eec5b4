"""A tiny zip writer with full control over every header field, for hostile inputs
that zipfile refuses to write (lying sizes, legacy name encodings, forged flags)."""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass


@dataclass
class Entry:
    name: bytes
    data: bytes  # as stored (already compressed when method == 8)
    crc: int
    size: int  # declared uncompressed size
    method: int = 8
    flags: int = 0
    create_system: int = 3
    external_attr: int = 0o100644 << 16


def deflated(name: str | bytes, content: bytes, **kw: int) -> Entry:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = c.compress(content) + c.flush()
    raw = name.encode() if isinstance(name, str) else name
    return Entry(raw, data, zlib.crc32(content), len(content), **kw)


def zeros_deflated(size: int, chunk: int = 1 << 20) -> tuple[bytes, int]:
    """(raw deflate stream, crc32) of ``size`` zero bytes, without deflating them all.

    Each chunk is compressed after a full flush, which resets the window, so every
    chunk compresses to the same bytes: compress one, repeat it. ~1 MiB of output per GiB.
    """
    zero = bytes(chunk)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(zero) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(zero) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush(zlib.Z_FINISH)
    n = size // chunk
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(zero, crc)
    return first + again * (n - 1) + tail, crc


def build(entries: list[Entry]) -> bytes:
    out, central = bytearray(), bytearray()
    for e in entries:
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, e.flags, e.method, 0, 0x21,
                           e.crc, len(e.data), e.size, len(e.name), 0) + e.name + e.data
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", (e.create_system << 8) | 20, 20,
                               e.flags, e.method, 0, 0x21, e.crc, len(e.data), e.size,
                               len(e.name), 0, 0, 0, 0, e.external_attr, offset) + e.name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                      len(central), len(out), 0)
    return bytes(out + central + end)
