"""One gold table as integer-coded numpy columns, sorted by its time key, and row selection on it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from api.columnar import day_number, text_codes, unscaled_int64
from api.queries.columns import MONEY_COLUMNS, Dimension, Table, View
from api.queries.periods import month_of

if TYPE_CHECKING:  # api.filters depends on the snapshot, which holds the rollups
    from api.filters import CostFilters

# Sums of a column whose absolute values add up to less than this can never leave int64, whatever is summed.
EXACT_LIMIT = 2**62


class NotExact(ValueError):
    """The table holds something the rollup cannot sum or compare exactly like SQL."""


@dataclass(frozen=True, eq=False)
class Coded:
    """A text column as codes into its sorted distinct values: code order is the SQL's text order."""

    codes: np.ndarray
    labels: tuple[str, ...]
    index: Mapping[str, int]
    ascii: bool

    @classmethod
    def encode(cls, name: str, column: pa.ChunkedArray | pa.Array) -> Coded:
        if column.null_count:  # gold writes '' for a missing value; a null would compare differently
            raise NotExact(f"{name} has nulls")
        codes, labels = text_codes(column)
        return cls(codes, tuple(labels), {label: i for i, label in enumerate(labels)}, all(s.isascii() for s in labels))

    def reorder(self, order: np.ndarray) -> Coded:
        return Coded(self.codes[order], self.labels, self.index, self.ascii)


def exact_money(column: pa.ChunkedArray) -> tuple[np.ndarray, int] | None:
    """The column's unscaled values as int64 (nulls as 0, which every answer treats alike) and its scale;
    None when it is not a decimal or its sums could overflow."""
    found = unscaled_int64(column)
    if found is None or float(np.abs(found[0].astype(np.float64)).sum()) >= EXACT_LIMIT:
        return None
    return found


@dataclass(frozen=True)
class Selection:
    """Rows [start, stop) of the sorted table, narrowed by mask when a filter applies."""

    start: int
    stop: int
    mask: np.ndarray | None = None

    def take(self, values: np.ndarray) -> np.ndarray:
        part = values[self.start : self.stop]
        return part if self.mask is None else part[self.mask]


EMPTY = Selection(0, 0)


@dataclass(frozen=True, eq=False)
class TagColumns:
    """gold.cost_by_tag_daily's key and value; rows are sorted by key first, so each key is one block."""

    keys: Coded
    values: Coded
    blocks: Mapping[str, tuple[int, int]]


@dataclass(frozen=True, eq=False)
class RollupTable:
    table: Table
    key: np.ndarray  # usage day number (daily tables) or billing_period code (monthly); sorted within a block
    dimensions: Mapping[Dimension, Coded]
    money: Mapping[View, tuple[np.ndarray, int]]  # only the views that sum exactly
    items: np.ndarray
    tags: TagColumns | None = None

    @property
    def daily(self) -> bool:
        return self.table.date_column is not None

    @property
    def periods(self) -> Coded:
        return self.dimensions[Dimension.billing_period]

    @property
    def rows(self) -> int:
        return len(self.key)

    @classmethod
    def from_arrow(cls, table: Table, data: pa.Table) -> RollupTable:
        dimensions = {d: Coded.encode(column, data[column]) for d, column in table.columns.items()}
        if table.date_column is not None:
            days = data[table.date_column]
            if days.null_count or not pa.types.is_date32(days.type):
                raise NotExact(f"{table.date_column} is not a non-null DATE")
            key = days.combine_chunks().cast(pa.int32()).to_numpy(zero_copy_only=False)
        else:
            key = dimensions[Dimension.billing_period].codes
        money = {view: found for view, column in MONEY_COLUMNS.items()
                 if (found := exact_money(data[column])) is not None}
        items = pc.fill_null(data["line_item_count"], 0).combine_chunks().cast(pa.int64()).to_numpy()
        tags = None
        if table.tags == "rows":
            keys, values = Coded.encode("tag_key", data["tag_key"]), Coded.encode("tag_value", data["tag_value"])
            order = np.lexsort((key, keys.codes))
            keys, values = keys.reorder(order), values.reorder(order)
            edges = np.searchsorted(keys.codes, np.arange(len(keys.labels) + 1))
            blocks = {label: (int(edges[i]), int(edges[i + 1])) for i, label in enumerate(keys.labels)}
            tags = TagColumns(keys, values, blocks)
        else:
            order = np.argsort(key, kind="stable")
        return cls(
            table, key[order], {d: c.reorder(order) for d, c in dimensions.items()},
            {view: (values[order], scale) for view, (values, scale) in money.items()}, items[order], tags,
        )

    def select(
        self, f: CostFilters, *, dates: tuple[date, date] | None = None, periods: tuple[str, str] | None = None,
        tag_key: str | None = None, tag_filter: bool = True,
    ) -> Selection:
        """The rows api.filters.where() selects for the same arguments; on the tag table, of one tag key
        (tag_key, else the filter's) and, with tag_filter, only the filter's tag values."""
        block = (0, len(self.key))
        if self.tags is not None:
            key_name = tag_key or f.tags[0].key
            if key_name not in self.tags.blocks:
                return EMPTY
            block = self.tags.blocks[key_name]
        start, end = dates or (f.start, f.end)
        lo, hi = periods or f.periods
        labels = self.periods.labels
        first, last = bisect_left(labels, lo), bisect_right(labels, hi)  # codes [first, last)
        if self.daily:
            bounds = (day_number(start), day_number(end))
            prune = first > 0 or last < len(labels)
        else:  # gold.cost_monthly: the range is whole billing periods
            first = max(first, bisect_left(labels, month_of(start)))
            last = min(last, bisect_right(labels, month_of(end)))
            bounds, prune = (first, last - 1), False
        keys = self.key[block[0] : block[1]]
        lower = block[0] + int(np.searchsorted(keys, bounds[0], "left"))
        upper = block[0] + int(np.searchsorted(keys, bounds[1], "right"))
        if lower >= upper or first >= last:
            return EMPTY
        mask: np.ndarray | None = None
        if prune:
            codes = self.periods.codes[lower:upper]
            mask = (codes >= first) & (codes < last)
        if self.tags is not None and tag_filter and f.tags:
            (tag,) = f.tags  # one key at a time (api.queries.costs.choose_table)
            if tag.key != key_name:
                return EMPTY
            mask = _and(mask, _allowed(self.tags.values, tag.values, lower, upper))
        for dimension, values in f.values:
            mask = _and(mask, _allowed(self.dimensions[dimension], values, lower, upper))
        if mask is not None and not mask.any():
            return EMPTY
        return Selection(lower, upper, mask)


def _allowed(coded: Coded, values: tuple[str, ...], lower: int, upper: int) -> np.ndarray:
    """Which of rows [lower, upper) hold one of values (`column IN (...)`)."""
    allowed = np.zeros(len(coded.labels), dtype=bool)
    allowed[[coded.index[v] for v in values if v in coded.index]] = True
    return allowed[coded.codes[lower:upper]]


def _and(mask: np.ndarray | None, more: np.ndarray) -> np.ndarray:
    return more if mask is None else mask & more
