"""Key/value columns (CUR 2.0 MAP columns, FOCUS's JSON Tags) built once per distinct combination.

Rows share few tag combinations, so each distinct combination is rendered in Python once and rows
pick theirs with a `take`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa

MAP_TYPE = pa.map_(pa.string(), pa.string())


def _distinct(codes: npt.NDArray[np.integer]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of an (n, k) matrix of small codes (-1 = absent) and each row's position."""
    codes = codes.astype(np.int64) + 1
    radix = int(codes.max(initial=0)) + 1
    combined = np.zeros(len(codes), dtype=np.int64)
    for j in range(codes.shape[1]):
        combined = combined * radix + codes[:, j]
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    return codes[first] - 1, inverse


def _entries(row: np.ndarray, keys: Sequence[str], values: Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    return [(keys[j], values[j][int(c)]) for j, c in enumerate(row) if c >= 0]


def map_column(codes: npt.NDArray[np.integer], keys: Sequence[str], values: Sequence[Sequence[str]]) -> pa.Array:
    """MAP(string, string) per row from value codes; absent entries are left out (an empty map
    when none are present)."""
    if len(codes) == 0:
        return pa.array([], MAP_TYPE)
    distinct, inverse = _distinct(codes)
    maps = pa.array([_entries(row, keys, values) for row in distinct], MAP_TYPE)
    return maps.take(pa.array(inverse))


def json_column(codes: npt.NDArray[np.integer], keys: Sequence[str], values: Sequence[Sequence[str]]) -> pa.Array:
    """A JSON object string per row ('{"env": "prod"}'); null when the row has no entries."""
    if len(codes) == 0:
        return pa.array([], pa.string())
    distinct, inverse = _distinct(codes)
    texts = [json.dumps(dict(_entries(row, keys, values))) if (row >= 0).any() else None for row in distinct]
    return pa.array(texts, pa.string()).take(pa.array(inverse))


def single_entry_map(key: str, values: pa.Array) -> pa.Array:
    """A map holding {key: value} where the value is not null, else an empty map."""
    valid = np.asarray(values.is_valid())
    offsets = np.concatenate([[0], np.cumsum(valid)]).astype(np.int32)
    items = values.filter(pa.array(valid))
    keys = pa.repeat(pa.scalar(key, pa.string()), len(items))
    return pa.MapArray.from_arrays(pa.array(offsets), keys, items.cast(pa.string()))
