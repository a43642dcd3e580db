"""Identifier strings (hex, base32 line item ids, UUIDs) built from hashes, vectorised and scalar."""

from __future__ import annotations

import hashlib
import uuid

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from sentinel.generate.hashing import U64

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_B32 = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz234567", dtype=np.uint8)


def fixed_width_strings(chars: npt.NDArray[np.uint8]) -> pa.StringArray:
    """An Arrow string array over an (n, width) matrix of ASCII codes, without a Python loop."""
    n, width = chars.shape
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int32)
    data = np.ascontiguousarray(chars).tobytes()
    return pa.Array.from_buffers(pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def _nibbles(h: U64, count: int) -> npt.NDArray[np.uint8]:
    shifts = np.arange(60, 60 - 4 * count, -4, dtype=np.uint64)
    return ((h[:, None] >> shifts[None, :]) & np.uint64(0xF)).astype(np.uint8)


def hex_strings(h: U64, width: int = 16) -> pa.StringArray:
    """Lower-case hex of each hash, `width` <= 16 characters."""
    return fixed_width_strings(_HEX[_nibbles(h, width)])


def hex_matrix(parts: list[U64], width: int) -> npt.NDArray[np.uint8]:
    """`width` hex characters drawn from consecutive hashes (16 per hash)."""
    cols = [_HEX[_nibbles(p, 16)] for p in parts]
    return np.concatenate(cols, axis=1)[:, :width]


def line_item_ids(parts: list[U64]) -> pa.StringArray:
    """52-character base32 ids like AWS's identity/LineItemId (12 characters per hash)."""
    shifts = np.arange(0, 60, 5, dtype=np.uint64)
    cols = [_B32[((p[:, None] >> shifts[None, :]) & np.uint64(31)).astype(np.uint8)] for p in parts]
    return fixed_width_strings(np.concatenate(cols, axis=1)[:, :52])


def uuid_strings(hi: U64, lo: U64) -> pa.StringArray:
    """Version-4-shaped UUID strings (8-4-4-4-12) from two hashes."""
    digits = hex_matrix([hi, lo], 32)
    digits[:, 12] = ord("4")
    dash = np.full((len(hi), 1), ord("-"), dtype=np.uint8)
    mat = np.concatenate(
        [digits[:, :8], dash, digits[:, 8:12], dash, digits[:, 12:16], dash, digits[:, 16:20], dash, digits[:, 20:]],
        axis=1,
    )
    return fixed_width_strings(mat)


def stable_digest(*parts: object) -> bytes:
    """SHA-256 of the parts' text: the scalar identifiers (assembly ids, report ids) derive from it."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()


def stable_uuid(*parts: object) -> str:
    """A deterministic UUID (version 4 layout) for manifests: same inputs, same id, no clock."""
    return str(uuid.UUID(bytes=stable_digest(*parts)[:16], version=4))


def stable_hex(*parts: object, length: int = 64) -> str:
    return stable_digest(*parts).hex()[:length]


def stable_int(*parts: object, digits: int) -> str:
    """A decimal string of exactly `digits` digits (first digit non-zero)."""
    value = int.from_bytes(stable_digest(*parts)[:12], "big")
    low = 10 ** (digits - 1)
    return str(low + value % (9 * low))
