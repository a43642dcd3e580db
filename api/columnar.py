"""Arrow columns as numpy codes and exact integers, for the in-memory answers (api.rollup, api.line_store)."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

EPOCH_DAY = date(1970, 1, 1)


def day_number(day: date) -> int:
    """Days since 1970-01-01: Arrow's date32 and numpy's datetime64[D]."""
    return (day - EPOCH_DAY).days


def from_day_number(number: int) -> date:
    return EPOCH_DAY + timedelta(days=number)


def unscaled_int64(array: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, int] | None:
    """A decimal128 column's unscaled values as int64 (null as 0: coalesce(column, 0)) and its scale;
    None when it is not decimal128 or a value needs more than 64 bits."""
    if not pa.types.is_decimal128(array.type):
        return None
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    words = np.frombuffer(array.buffers()[1], dtype=np.int64)[2 * array.offset : 2 * (array.offset + len(array))]
    low, high = words[0::2].copy(), words[1::2].copy()
    if array.null_count:  # a null's slot holds whatever was in memory
        nulls = array.is_null().to_numpy(zero_copy_only=False)
        low[nulls] = high[nulls] = 0
    if not np.array_equal(high, low >> 63):
        return None
    return low, array.type.scale


def text_codes(array: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Codes into the column's sorted distinct values, null read as '' (coalesce(column, '')). Python's
    str order is UTF-8 byte order, the order SQL sorts text in, so codes compare as the text does."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if pa.types.is_dictionary(array.type):
        dictionary, indices = array.dictionary, array.indices
    else:
        encoded = pc.dictionary_encode(array)
        dictionary, indices = encoded.dictionary, encoded.indices
    found = [str(v) for v in dictionary.to_pylist()]
    if array.null_count and "" not in found:
        found.append("")
    labels = sorted(set(found))
    rank = np.array([bisect_left(labels, v) for v in found], dtype=np.int32)
    raw = indices.fill_null(found.index("") if array.null_count else 0).to_numpy(zero_copy_only=False)
    return (rank[raw] if len(rank) else np.zeros(len(array), np.int32)), labels
