"""One billing period's memory-mapped copy: numpy views of its sort and filter columns, and its rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc

from api.columnar import day_number
from api.line_store.copies import POSITION
from api.line_store.keys import (
    EPOCH,
    KEY_PREFIX,
    ORDER_PREFIX,
    Coded,
    Unsupported,
    encode_text,
    float_keys,
)

T = TypeVar("T")
MICROS_PER_DAY = 86_400_000_000


class PeriodCopy:
    def __init__(self, period: str, path: Path, rank: int):
        self.period, self.path = period, path
        reader = ipc.open_file(pa.memory_map(str(path)))
        self.batch = reader.get_batch(0) if reader.num_record_batches else reader.read_all().to_batches()[0]
        self.rows = self.batch.num_rows
        self.start = _int64(self.batch.column("usage_start"))
        self.position = _int64(self.batch.column(POSITION)) | (rank << 48)  # periods in filename order
        usage_date = self.batch.column("usage_date")
        self.days = usage_date.cast(pa.int32()).fill_null(np.iinfo(np.int32).min).to_numpy(zero_copy_only=False)
        # usage_date is the UTC day of usage_start: a date range is then a slice of the sorted copy.
        self.aligned = usage_date.null_count == 0 and bool(np.array_equal(self.days, self.start // MICROS_PER_DAY))
        self._derived: dict[str, Any] = {}

    def window(self, start: date, end: date) -> tuple[int, int]:
        """Rows [lo, hi) that can hold usage dates start..end (all rows when dates and starts disagree)."""
        if not self.aligned:
            return 0, self.rows
        first = day_number(start) * MICROS_PER_DAY
        last = (day_number(end) + 1) * MICROS_PER_DAY
        return int(np.searchsorted(self.start, first, "left")), int(np.searchsorted(self.start, last, "left"))

    def cached(self, name: str, build: Callable[[], T]) -> T:
        """Something derived from this copy, built once (a race builds it twice, harmlessly)."""
        found = self._derived.get(name)
        if found is None:
            found = self._derived[name] = build()
        return cast(T, found)

    def coded(self, column: str) -> Coded:
        return self.cached(f"coded:{column}", lambda: encode_text(self.batch.column(column)))

    @cached_property
    def usage_amount(self) -> np.ndarray:
        return float_keys(self.batch.column("usage_amount"))

    def stored_order(self, column: str) -> np.ndarray | None:
        """The copy's rows in the column's key order, as computed when the copy was built."""
        name = ORDER_PREFIX + column
        return self.batch.column(name).to_numpy(zero_copy_only=False) if name in self.batch.schema.names else None

    def money(self, column: str) -> tuple[np.ndarray, int]:
        """coalesce(column, 0) as unscaled int64 (stored by the build when exact), and its scale."""
        decimal = self.batch.column(column)
        if KEY_PREFIX + column not in self.batch.schema.names or not pa.types.is_decimal128(decimal.type):
            raise Unsupported(f"{column} has no exact 64-bit keys")
        return self.batch.column(KEY_PREFIX + column).to_numpy(zero_copy_only=False), decimal.type.scale

    def tag_mask(self, key: str, values: tuple[str, ...], rows: slice | np.ndarray) -> np.ndarray:
        """`element_at(tags, key) IN (values)` for some rows."""
        column = self.batch.column("tags")
        if isinstance(rows, slice):
            tags = column.slice(rows.start, rows.stop - rows.start)
        else:
            tags = column.take(pa.array(rows))
        if not pa.types.is_map(tags.type):
            return np.zeros(len(tags), dtype=bool)
        found = pc.map_lookup(tags, pa.scalar(key, tags.type.key_type), "first")
        return pc.is_in(found, value_set=pa.array(values, found.type)).fill_null(False).to_numpy(zero_copy_only=False)

    def values_at(self, indices: np.ndarray, columns: list[str]) -> dict[str, list[Any]]:
        """Python values of some rows, per column. Text and timestamps skip pyarrow's generic conversion
        (a tenth of a millisecond per column for a page): codes index the dictionary, converted once."""
        at = pa.array(indices)
        out: dict[str, list[Any]] = {}
        for name in columns:
            column = self.batch.column(name)
            taken = column.take(at)
            valid = taken.is_valid().to_numpy(zero_copy_only=False).tolist()
            if pa.types.is_dictionary(column.type):
                labels = self.cached(f"labels:{name}", column.dictionary.to_pylist)
                codes = taken.indices.fill_null(0).to_numpy(zero_copy_only=False).tolist()
                out[name] = [labels[c] if v else None for c, v in zip(codes, valid, strict=True)]
            elif pa.types.is_timestamp(column.type) and column.type.unit == "us" and column.type.tz in ("UTC", "+00:00"):
                numbers = taken.cast(pa.int64()).fill_null(0).to_numpy(zero_copy_only=False).tolist()
                out[name] = [EPOCH + timedelta(microseconds=n) if v else None for n, v in zip(numbers, valid, strict=True)]
            else:
                out[name] = taken.to_pylist()
        return out


def _int64(array: pa.Array) -> np.ndarray:
    return array.cast(pa.int64()).to_numpy(zero_copy_only=False)


