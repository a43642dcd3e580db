"""Counter-based hashing: every random draw is a pure function of (seed, salt, keys).

Rows are generated in arbitrary chunks, in parallel and for several formats, yet must be identical
whatever the chunk size. A sequential RNG cannot give that; hashing the row's coordinates can.
"""

from __future__ import annotations

import zlib

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def salt(name: str) -> int:
    """A stable 32-bit salt for a named draw (crc32 does not vary between processes, unlike hash())."""
    return zlib.crc32(name.encode())


def _mix(x: U64) -> U64:
    # splitmix64 finaliser: a bijection on uint64 with good avalanche
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def hash_keys(seed: int, name: str, *keys: npt.ArrayLike) -> U64:
    """Hash integer key arrays (broadcast together) into uint64 values for the draw called `name`."""
    h = _mix(np.asarray([(seed * 0x100000001B3 + salt(name)) & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64))
    for key in keys:
        k = np.atleast_1d(np.asarray(key)).astype(np.int64).view(np.uint64)
        h = _mix(h ^ (k * _GOLDEN + np.uint64(0x632BE59BD9B4E019)))
    return h


def uniform(h: U64) -> F64:
    """Map hashes to floats in [0, 1) using the top 53 bits."""
    return (h >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


def pick(h: U64, n: int) -> I64:
    """Uniform index in [0, n)."""
    return (h % np.uint64(n)).astype(np.int64)


def weighted(h: U64, weights: npt.ArrayLike) -> I64:
    """Index drawn with the given (unnormalised) weights."""
    cum = np.cumsum(np.asarray(weights, dtype=np.float64))
    return np.searchsorted(cum / cum[-1], uniform(h), side="right").astype(np.int64)


def lognormal(h: U64, sigma: float) -> F64:
    """A median-1 lognormal factor from a hash (Box-Muller on two halves of the hash)."""
    u1 = ((h >> np.uint64(40)).astype(np.float64) + 0.5) / float(1 << 24)
    u2 = ((h & np.uint64(0xFFFFFF)).astype(np.float64) + 0.5) / float(1 << 24)
    z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
    return np.exp(sigma * z)
