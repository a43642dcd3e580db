"""Audit-log pages from the period copies: api.queries.line_items.located_page_query, row for row.

Order: the sort key (ascending or descending), then the row's place in silver (file name, row number).
A cursor is the last sort key returned and how many rows with that key were; a page is the first
`seen + limit + 1` rows at or beyond the cursor's key, less the first `seen`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np

from api.columnar import day_number
from api.line_store.keys import EPOCH, TEXT_SORT_COLUMNS, TEXT_SORTS, Unsupported, decimal_bound, micros
from api.line_store.period import PeriodCopy
from api.queries.columns import LINE_ITEMS, Dimension, money
from api.queries.line_item_columns import SortKey, columns

if TYPE_CHECKING:
    from api.filters import CostFilters
    from api.queries.line_items import Keyset

FIRST_CHUNK = 4096


@dataclass(frozen=True)
class _Keys:
    """One copy's sort keys (text as ranks within this copy), the SQL value of a key and a cursor's bound."""

    values: np.ndarray
    value: Callable[[Any], Any]
    bound: Callable[[Any, bool], Any]
    column: str
    scale: int | None = None


@dataclass(frozen=True, eq=False)
class Ordered:
    """The copy's rows in key order: perm (None: the copy's own order, by usage_start) over the keys."""

    perm: np.ndarray | None
    values: np.ndarray  # the keys, in copy order

    def rows(self, a: int, b: int) -> slice | np.ndarray:
        return slice(a, b) if self.perm is None else self.perm[a:b]

    def search(self, key: Any, side: str) -> int:
        """np.searchsorted over the keys in key order."""
        if self.perm is None:
            return int(np.searchsorted(self.values, key, side))  # type: ignore[call-overload]
        lo, hi = 0, len(self.perm)
        while lo < hi:
            mid = (lo + hi) // 2
            found = self.values[self.perm[mid]]
            if found < key or (side == "right" and found == key):
                lo = mid + 1
            else:
                hi = mid
        return lo


def _ordered(copy: PeriodCopy, sort: SortKey, keys: _Keys) -> Ordered:
    if sort is SortKey.usage_start:
        return Ordered(None, copy.start)
    stored = copy.stored_order(keys.column)
    if stored is None:  # the build could not order the column (see copies.build_copy)
        raise Unsupported(f"no stored order of {keys.column}")
    return Ordered(stored, keys.values)


def _keys(copy: PeriodCopy, sort: SortKey, f: CostFilters) -> _Keys:
    if sort is SortKey.usage_start:
        return _Keys(copy.start, lambda k: EPOCH + timedelta(microseconds=int(k)), lambda c, _: micros(c),
                     "usage_start")
    if sort is SortKey.cost:
        column = money(f.view)
        values, scale = copy.money(column)
        return _Keys(values, lambda k: Decimal(int(k)).scaleb(-scale),
                     lambda c, ascending: decimal_bound(Decimal(c), scale, ascending), column, scale)
    if sort is SortKey.usage_amount:
        return _Keys(copy.usage_amount, float, lambda c, _: float(c), "usage_amount")
    column = TEXT_SORTS[sort]
    coded = copy.coded(column)
    return _Keys(coded.codes, lambda k: coded.labels[int(k)], lambda c, ascending: coded.bound(str(c), ascending),
                 column)


def _mask(copy: PeriodCopy, f: CostFilters, rows: slice | np.ndarray) -> np.ndarray:
    """where(f, silver.line_items) for some rows of the copy (its period is checked by the caller)."""
    first, last = day_number(f.start), day_number(f.end)
    days = copy.days[rows]
    mask = (days >= first) & (days <= last)
    for dimension, values in f.values:
        if dimension is not Dimension.billing_period:
            coded = copy.coded(LINE_ITEMS.column(dimension))
            mask &= coded.allowed(values)[coded.codes[rows]]
    for tag in f.tags:
        mask &= copy.tag_mask(tag.key, tag.values, rows)
    return mask


def _first(idx: np.ndarray, keys: np.ndarray, position: np.ndarray, need: int, ascending: bool) -> np.ndarray:
    """The `need` first of idx by (key, position), as a set: ties at the edge are cut by position."""
    if len(idx) <= need:
        return idx
    ordered = keys[idx] if ascending else -keys[idx]
    edge = np.partition(ordered, need - 1)[need - 1]
    inside, ties = idx[ordered < edge], idx[ordered == edge]
    room = need - len(inside)
    if len(ties) > room:
        ties = ties[np.argpartition(position[ties], room - 1)[:room]]
    return np.concatenate([inside, ties])


def _passing(copy: PeriodCopy, f: CostFilters, order: Ordered, a: int, b: int) -> np.ndarray:
    """Copy rows at key-order places [a, b) that pass the filters, in key order."""
    rows = order.rows(a, b)
    passed = _mask(copy, f, rows)
    return rows[passed] if isinstance(rows, np.ndarray) else np.flatnonzero(passed) + a


def _walk(copy: PeriodCopy, f: CostFilters, order: Ordered, lo: int, hi: int, need: int,
          ascending: bool) -> np.ndarray:
    """Read the copy in key order, forward (or back) from the cursor, until enough rows pass the filters;
    then the rest of the last key's run (its ties may come later). Returns copy rows."""
    found: list[np.ndarray] = []
    count, step = 0, max(4 * need, FIRST_CHUNK)
    p = lo if ascending else hi
    while count < need and (p < hi if ascending else p > lo):
        a, b = (p, min(hi, p + step)) if ascending else (max(lo, p - step), p)
        hit = _passing(copy, f, order, a, b)
        found.append(hit if ascending else hit[::-1])
        count += len(hit)
        p, step = (b if ascending else a), step * 2
    if count >= need:
        edge = order.values[np.concatenate(found)[need - 1]]
        a, b = (p, min(hi, order.search(edge, "right"))) if ascending else (max(lo, order.search(edge, "left")), p)
        if a < b:
            found.append(_passing(copy, f, order, a, b))
    idx = np.concatenate(found) if found else np.zeros(0, np.int64)
    return idx


def _candidates(copy: PeriodCopy, keys: _Keys, f: CostFilters, sort: SortKey, ascending: bool,
                cursor: Keyset | None, need: int) -> np.ndarray:
    order = _ordered(copy, sort, keys)
    lo, hi = copy.window(f.start, f.end) if order.perm is None else (0, copy.rows)
    if cursor is not None:
        bound = keys.bound(cursor.values[0], ascending)
        if ascending:
            lo = max(lo, order.search(bound, "left"))
        else:
            hi = min(hi, order.search(bound, "right"))
    if lo >= hi:
        return np.zeros(0, np.int64)
    return _first(_walk(copy, f, order, lo, hi, need, ascending), keys.values, copy.position, need, ascending)


def _in_range(copy: PeriodCopy, f: CostFilters) -> bool:
    lo, hi = f.periods
    if not lo <= copy.period <= hi:
        return False
    return all(copy.period in values for dimension, values in f.values if dimension is Dimension.billing_period)


def page(copies: Sequence[PeriodCopy], f: CostFilters, sort: SortKey, ascending: bool, limit: int,
         cursor: Keyset | None) -> list[dict[str, Any]]:
    """The rows of located_page_query (its columns and k0), from copies in filename order.
    Raises Unsupported when a copy cannot order by this key exactly."""
    skip = cursor.seen if cursor else 0
    need = skip + limit + 1
    chosen: list[tuple[PeriodCopy, _Keys, np.ndarray]] = []
    for copy in copies:
        if _in_range(copy, f):
            keys = _keys(copy, sort, f)
            chosen.append((copy, keys, _candidates(copy, keys, f, sort, ascending, cursor, need)))
    if len({keys.scale for _, keys, _ in chosen}) > 1:
        raise Unsupported("money of several scales")
    return _rows(_merge(chosen, ascending, skip, need), f)


def _merge(chosen: list[tuple[PeriodCopy, _Keys, np.ndarray]], ascending: bool, skip: int,
           need: int) -> list[tuple[PeriodCopy, int, Any]]:
    """Rows skip..need of the candidates in page order, as (copy, row, key value)."""
    text = any(keys.column in TEXT_SORT_COLUMNS for _, keys, _ in chosen)
    if text and len(chosen) > 1:  # ranks differ per copy: compare the text itself
        entries = [(copy, int(row), keys.value(keys.values[row]), int(copy.position[row]))
                   for copy, keys, idx in chosen for row in idx]
        entries.sort(key=lambda e: e[3])
        entries.sort(key=lambda e: e[2], reverse=not ascending)  # stable: ties stay in position order
        return [(copy, row, value) for copy, row, value, _ in entries[skip:need]]
    owner = np.concatenate([np.full(len(idx), i) for i, (_, _, idx) in enumerate(chosen)] or [np.zeros(0, int)])
    rows = np.concatenate([idx for _, _, idx in chosen] or [np.zeros(0, np.int64)])
    keys = np.concatenate([k.values[idx] for _, k, idx in chosen] or [np.zeros(0)])
    position = np.concatenate([c.position[idx] for c, _, idx in chosen] or [np.zeros(0, np.int64)])
    order = np.lexsort((position, keys if ascending else -keys))[skip:need]
    picked = []
    for at in order.tolist():
        copy, copy_keys, _ = chosen[int(owner[at])]
        picked.append((copy, int(rows[at]), copy_keys.value(keys[at])))
    return picked


def _rows(merged: list[tuple[PeriodCopy, int, Any]], f: CostFilters) -> list[dict[str, Any]]:
    names = columns(f.view)
    sources = sorted({expr if name != "tags" else "tags" for name, expr in names if name != "billing_period"})
    by_copy: dict[int, list[int]] = {}
    for i, (copy, _, _) in enumerate(merged):
        by_copy.setdefault(id(copy), []).append(i)
    out: list[dict[str, Any]] = [{} for _ in merged]
    for members in by_copy.values():
        copy = merged[members[0]][0]
        fetched = copy.values_at(np.array([merged[i][1] for i in members], dtype=np.int64), sources)
        for j, i in enumerate(members):
            item: dict[str, Any] = {}
            for name, expr in names:
                if name == "billing_period":
                    item[name] = copy.period
                elif name == "tags":
                    tags = fetched["tags"][j]
                    item[name] = dict(tags) if tags is not None else None
                else:
                    item[name] = fetched[expr][j]
            item["k0"] = merged[i][2]
            out[i] = item
    return out
