"""The rows each cost statement returns (api.queries.costs and api.queries.summary), computed on a rollup.

Each function mirrors one statement builder and returns rows of the same shape and values, so the
routers turn either into the same response. Money comes back as Decimal of the column's scale; buckets
as the text the routers key them by ('2024-09-01' for a day, '2024-09' for a month).
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np

from api.columnar import day_number, from_day_number
from api.queries.columns import Dimension, View
from api.queries.periods import PeriodIndex, bucket_labels, month_of, month_start
from api.rollup.table import Coded, RollupTable, Selection

if TYPE_CHECKING:  # api.filters depends on the snapshot, which holds the rollups
    from api.filters import CostFilters
    from api.queries.costs import Granularity, Grouping
    from api.queries.summary import Ranges

Row = tuple[Any, ...]


def _sum_by(codes: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    sums = np.zeros(size, dtype=np.int64)
    np.add.at(sums, codes, values)
    return sums


def _decimal(value: int | np.integer, scale: int) -> Decimal:
    return Decimal(int(value)).scaleb(-scale)


def _ranked(costs: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Present group codes by cost descending, then by text (codes are in text order)."""
    candidates = np.flatnonzero(present)
    return candidates[np.lexsort((candidates, -costs[candidates]))]


def _month_number(day: date) -> int:
    return (day.year - 1970) * 12 + day.month - 1  # numpy's datetime64[M]


class _Rows:
    """The selected rows of one table: group codes, money and line-item counts."""

    def __init__(self, rollup: RollupTable, selection: Selection, group: Dimension | None, view: View):
        self.rollup, self.selection = rollup, selection
        values, self.scale = rollup.money[view]
        self.values = selection.take(values)
        coded = _coded(rollup, group)
        if coded is None:
            self.labels: tuple[str, ...] = ("",)
            self.codes = np.zeros(len(self.values), dtype=np.int32)
        else:
            self.labels, self.codes = coded.labels, selection.take(coded.codes)

    @property
    def size(self) -> int:
        return len(self.labels)

    def items(self) -> np.ndarray:
        return self.selection.take(self.rollup.items)

    def keys(self) -> np.ndarray:
        return self.selection.take(self.rollup.key)

    def decimal(self, value: int | np.integer) -> Decimal:
        return _decimal(value, self.scale)

    def buckets(self, f: CostFilters, granularity: Granularity) -> np.ndarray:
        """Bucket numbers from 0 (the range's first day or month) for each row."""
        keys = self.keys()
        if not self.rollup.daily:  # gold.cost_monthly: billing periods are the months
            months = np.array([_month_number(date(int(p[:4]), int(p[5:7]), 1)) for p in self.rollup.periods.labels],
                              dtype=np.int64)
            return months[keys] - _month_number(f.start)
        if granularity == "day":
            return keys.astype(np.int64) - day_number(f.start)
        return keys.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) - _month_number(f.start)


def _coded(rollup: RollupTable, group: Dimension | None) -> Coded | None:
    if group is None:
        return None
    if group is Dimension.tag:
        assert rollup.tags is not None
        return rollup.tags.values
    return rollup.dimensions[group]


def _remainder(totals: _Rows, tagged: _Rows, total_cells: np.ndarray, tagged_cells: np.ndarray,
               size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The untagged group per cell (bucket, or one cell): cost and line items of gold.cost_daily's rows
    minus the tag key's, and where SQL reports it (the total has rows, and something is left over)."""
    exists = np.bincount(total_cells, minlength=size) > 0
    cost = _sum_by(total_cells, totals.values, size) - _sum_by(tagged_cells, tagged.values, size)
    items = _sum_by(total_cells, totals.items(), size) - _sum_by(tagged_cells, tagged.items(), size)
    present = exists & ((items != 0) | (cost != 0))
    return np.where(present, cost, 0), np.where(present, items, 0), present


def _with_empty_group(labels: tuple[str, ...], *arrays: np.ndarray) -> tuple[tuple[str, ...], list[np.ndarray]]:
    """The labels with '' (the untagged group) present, and arrays widened to match on their last axis."""
    if labels and labels[0] == "":
        return labels, list(arrays)
    return ("", *labels), [np.concatenate([np.zeros((*a.shape[:-1], 1), a.dtype), a], axis=-1) for a in arrays]


def timeseries(rollup: RollupTable, f: CostFilters, granularity: Granularity, group: Grouping, top: int,
               daily: RollupTable | None = None) -> list[Row]:
    """Rows (bucket, grp, cost) of api.queries.costs.timeseries_query: grp None for the groups outside the
    top. Grouped by a tag without a tag filter, daily (gold.cost_daily) gives the untagged remainder."""
    rows = _Rows(rollup, rollup.select(f, tag_key=group.tag_key), group.dimension, f.view)
    labels = bucket_labels(f.start, f.end, granularity)
    width, buckets = rows.size, rows.buckets(f, granularity)
    cells = buckets * width + rows.codes
    cost = _sum_by(cells, rows.values, len(labels) * width).reshape(len(labels), width)
    seen = (np.bincount(cells, minlength=len(labels) * width) > 0).reshape(len(labels), width)
    names = rows.labels
    if group.is_tag and not f.tags:
        assert daily is not None
        totals = _Rows(daily, daily.select(f), None, f.view)
        extra, _, present = _remainder(totals, rows, totals.buckets(f, granularity), buckets, len(labels))
        names, (cost, seen) = _with_empty_group(names, cost, seen)
        cost[:, 0] += extra
        seen[:, 0] |= present
    group_seen = np.asarray(seen.any(axis=0))
    kept = _ranked(cost.sum(axis=0), group_seen)[:top]
    out: list[Row] = []
    for code in kept:
        out.extend((labels[b], names[code], rows.decimal(cost[b, code])) for b in np.flatnonzero(seen[:, code]))
    rest = group_seen.copy()
    rest[kept] = False
    if rest.any():
        other_seen = seen[:, rest].any(axis=1)
        other = cost.sum(axis=1) - cost[:, kept].sum(axis=1)
        out.extend((labels[b], None, rows.decimal(other[b])) for b in np.flatnonzero(other_seen))
    return out


def _group_sums(rows: _Rows) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    seen = np.bincount(rows.codes, minlength=rows.size) > 0
    return _sum_by(rows.codes, rows.values, rows.size), _sum_by(rows.codes, rows.items(), rows.size), seen


def breakdown(rollup: RollupTable, f: CostFilters, group: Grouping, top: int,
              daily: RollupTable | None = None) -> list[Row]:
    """Rows (grp, rn, cost, items, groups) of api.queries.costs.breakdown_query."""
    rows = _Rows(rollup, rollup.select(f, tag_key=group.tag_key), group.dimension, f.view)
    cost, items, seen = _group_sums(rows)
    names = rows.labels
    if group.is_tag and not f.tags:
        assert daily is not None
        totals = _Rows(daily, daily.select(f), None, f.view)
        one_cell = np.zeros(len(totals.values), np.int64), np.zeros(len(rows.values), np.int64)
        extra, extra_items, present = _remainder(totals, rows, *one_cell, 1)
        names, (cost, items, seen) = _with_empty_group(names, cost, items, seen)
        cost[0] += extra[0]
        items[0] += extra_items[0]
        seen[0] |= present[0]
    ranked = _ranked(cost, seen)
    out: list[Row] = [
        (names[code], rank, rows.decimal(cost[code]), int(items[code]), 1)
        for rank, code in enumerate(ranked[:top], start=1)
    ]
    rest = ranked[top:]
    if len(rest):
        out.append((None, top + 1, rows.decimal(cost[rest].sum()), int(items[rest].sum()), len(rest)))
    return out


def values(rollup: RollupTable, f: CostFilters, group: Grouping, search: str | None, limit: int) -> list[Row]:
    """Rows (value, cost) of api.queries.costs.values_query for a dimension or one tag key's values (the
    search and the values must be ASCII: then lower() is the same everywhere)."""
    if group.is_tag:
        selection = rollup.select(f, tag_key=group.tag_key, tag_filter=False)
    else:
        selection = rollup.select(f)
    rows = _Rows(rollup, selection, group.dimension, f.view)
    cost, _, seen = _group_sums(rows)
    return _by_cost(rows.labels, cost, seen, search, limit, rows.scale)


def tag_keys(rollup: RollupTable, f: CostFilters, search: str | None, limit: int) -> list[Row]:
    """Rows (value, cost) of values_query(tag_keys=True): every key, tag filters ignored."""
    assert rollup.tags is not None
    labels = rollup.tags.keys.labels
    cost, seen = np.zeros(len(labels), np.int64), np.zeros(len(labels), bool)
    scale = rollup.money[f.view][1]
    for code, key in enumerate(labels):
        rows = _Rows(rollup, rollup.select(f, tag_key=key, tag_filter=False), None, f.view)
        cost[code], seen[code] = rows.values.sum(), len(rows.values) > 0
    return _by_cost(labels, cost, seen, search, limit, scale)


def _by_cost(labels: tuple[str, ...], cost: np.ndarray, seen: np.ndarray, search: str | None, limit: int,
             scale: int) -> list[Row]:
    if search:
        needle = search.lower()
        seen = seen & np.fromiter((needle in label.lower() for label in labels), bool, len(labels))
    return [(labels[code], _decimal(cost[code], scale)) for code in _ranked(cost, seen)[:limit]]


def totals(rollup: RollupTable, f: CostFilters, ranges: Ranges, group: Dimension, periods: PeriodIndex) -> list[Row]:
    """Rows (grp, current_cost, previous_cost) of api.queries.summary.totals_query."""
    selection = rollup.select(f, dates=(ranges.previous_start, ranges.end),
                              periods=periods.prune(ranges.previous_start, ranges.end))
    rows = _Rows(rollup, selection, group, f.view)
    cost, _, seen = _group_sums(rows)
    # Split on the date, or (gold.cost_monthly) on the billing period, as the statement does.
    split = day_number(ranges.start) if rollup.daily else bisect_left(rollup.periods.labels, month_of(ranges.start))
    current = rows.keys() >= split
    now = _sum_by(rows.codes[current], rows.values[current], rows.size)
    before = cost - now
    return [(rows.labels[c], rows.decimal(now[c]), rows.decimal(before[c])) for c in np.flatnonzero(seen)]


COUNTED = (Dimension.account, Dimension.service, Dimension.region)


def counts(rollup: RollupTable, f: CostFilters) -> Row:
    """(accounts, services, regions) of api.queries.summary.counts_query: distinct values other than ''."""
    selection = rollup.select(f)
    found = []
    for dimension in COUNTED:
        coded = rollup.dimensions[dimension]
        seen = np.bincount(selection.take(coded.codes), minlength=len(coded.labels)) > 0
        empty = coded.index.get("")
        found.append(int(seen.sum()) - (1 if empty is not None and seen[empty] else 0))
    return tuple(found)


def month_to_date(rollup: RollupTable, f: CostFilters, as_of: date, periods: PeriodIndex) -> list[Row]:
    """Rows (day, cost) of api.queries.summary.month_to_date_query."""
    first = month_start(as_of)
    rows = _Rows(rollup, rollup.select(f, dates=(first, as_of), periods=periods.prune(first, as_of)), None, f.view)
    days = rows.keys().astype(np.int64) - day_number(first)
    size = as_of.day
    present = np.bincount(days, minlength=size) > 0
    sums = _sum_by(days, rows.values, size)
    return [(from_day_number(day_number(first) + int(i)), rows.decimal(sums[i])) for i in np.flatnonzero(present)]
