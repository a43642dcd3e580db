"""Totals taken by DuckDB while it writes: a vectorised Python function that sees every row once.

DuckDB cannot write a query's rows to Parquet and aggregate them in the same statement, and a second
query means a second scan of the source (for a gzip CSV, inflating and parsing it all again). So the
write's filter is this function: DuckDB hands it each vector of rows as Arrow arrays, it adds them to
running totals per group key and returns its first argument for the filter to compare.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class Tally:
    """What Engine.write_tallied totals: group keys, exact (decimal) sums, and per bit of an integer
    bitmask column, how many rows have that bit set (reported as the columns named in `bits`)."""

    keys: tuple[str, ...]
    sums: tuple[str, ...] = ()
    mask: str | None = None
    bits: tuple[str, ...] = ()

    @property
    def arguments(self) -> tuple[str, ...]:
        return (*self.keys, *self.sums, *((self.mask,) if self.mask else ()))


class Tallier:
    def __init__(self, tally: Tally):
        self.tally = tally
        self._lock = threading.Lock()  # DuckDB calls in from its worker threads; pyarrow releases the GIL
        self._totals: dict[tuple[Any, ...], list[Any]] = {}

    def register(self, connection: Any, name: str, keep: str) -> None:
        """`name(kept, *tallied)` totals the tallied columns of every row and returns whether `kept`
        equals `keep` (false for NULL): the write's filter."""
        from duckdb.sqltypes import BOOLEAN

        def call(kept: pa.Array, *columns: pa.Array) -> pa.Array:
            self._add(columns)
            # A boolean vector goes back into DuckDB for a fraction of the cost of the strings.
            return pc.fill_null(pc.equal(kept, pa.scalar(keep, kept.type)), False)

        # side_effects: DuckDB must call it for every row and never fold or cache it. null_handling
        # "special": rows with NULLs are passed too (by default DuckDB skips the call and yields NULL).
        # The parameter types are left to DuckDB; the function is variadic over the tallied columns.
        connection.create_function(name, call, None, BOOLEAN, type="arrow", side_effects=True,
                                   null_handling="special")

    def _add(self, columns: tuple[pa.Array, ...]) -> None:
        width, summed = len(self.tally.keys), len(self.tally.sums)
        keys, values = columns[:width], columns[width:width + summed]
        mask = columns[width + summed] if self.tally.mask else None
        if all(k.null_count == 0 and _constant(k) for k in keys):  # the usual vector: one file, one period
            group = tuple(k[0].as_py() for k in keys)
            self._merge(group, len(keys[0]), [pc.sum(v).as_py() for v in values], _bit_counts(mask, self.tally.bits))
            return
        names = [f"k{i}" for i in range(width)]
        table = pa.table({**dict(zip(names, keys, strict=True)), **{f"v{i}": v for i, v in enumerate(values)},
                          **({"m": mask} if mask is not None else {})})
        grouped = table.group_by(names).aggregate(
            [(names[0], "count", pc.CountOptions(mode="all")), *((f"v{i}", "sum") for i in range(len(values)))]
        )
        any_bad = _any_set(mask)
        for row in grouped.to_pylist():
            group = tuple(row[n] for n in names)
            bits = _bit_counts(table.filter(_in_group(table, names, row))["m"].combine_chunks(), self.tally.bits) \
                if any_bad else [0] * len(self.tally.bits)
            self._merge(group, row[f"{names[0]}_count"], [row[f"v{i}_sum"] for i in range(len(values))], bits)

    def _merge(self, group: tuple[Any, ...], rows: int, sums: list[Any], bits: list[int]) -> None:
        with self._lock:
            total = self._totals.get(group)
            if total is None:
                self._totals[group] = [rows, *sums, *bits]
                return
            total[0] += rows
            for i, value in enumerate(sums, start=1):
                if value is not None:
                    total[i] = value if total[i] is None else total[i] + value
            for i, count in enumerate(bits, start=1 + len(sums)):
                total[i] += count

    def rows(self) -> list[dict[str, Any]]:
        names = ["rows", *self.tally.sums, *self.tally.bits]
        return [
            {**dict(zip(self.tally.keys, group, strict=True)), **dict(zip(names, total, strict=True))}
            for group, total in self._totals.items()
        ]


def _in_group(table: pa.Table, names: list[str], row: dict[str, Any]) -> pa.Array:
    selected = None
    for name in names:
        match = pc.is_null(table[name]) if row[name] is None else pc.equal(table[name], row[name])
        selected = match if selected is None else pc.and_(selected, match)
    return selected


def _bit_counts(mask: pa.Array | None, bits: tuple[str, ...]) -> list[int]:
    """Rows with each bit set. The mask is almost always all zeros: one max() answers that, and only a
    vector with bad values pays for counting (over its few distinct mask values)."""
    counts = [0] * len(bits)
    if not _any_set(mask):
        return counts
    for entry in pc.value_counts(mask).to_pylist():
        value, count = entry["values"] or 0, entry["counts"]
        for bit in range(len(bits)):
            if value & (1 << bit):
                counts[bit] += count
    return counts


def _any_set(mask: pa.Array | None) -> bool:
    return mask is not None and len(mask) > 0 and bool(pc.max(mask).as_py() or 0)


def _constant(array: pa.Array) -> bool:
    if len(array) == 0:
        return False
    bounds = pc.min_max(array)
    return bool(bounds["min"] == bounds["max"])

