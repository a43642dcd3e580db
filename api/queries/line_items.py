"""The line-item audit log from silver.line_items: keyset pages and the streamed export.

silver has no unique column (identity_line_item_id repeats every hour, FOCUS rows have none), so rows are
ordered by the chosen sort key and then by a tiebreak tuple that identifies a line item in practice
(source file, line item id, start, end, account, resource, usage type, operation, type, amounts). The
cursor also counts how many rows with exactly the last tuple were returned, so even byte-identical rows
are neither skipped nor repeated.

A page is one statement in two steps: `bound` finds the sort key of the (limit+1)-th row after the
cursor reading the sort column alone, then the rows between the cursor and that key are read in full and
ordered by the whole tuple. The wide read touches only rows near the page instead of sorting the period.

Where the catalog also exposes each row's position (silver.line_item_rows: file name and row number, the
local DuckDB catalog), `located_page_query` is used instead: the page is chosen from three narrow columns
(sort key, file, row) and only its own rows are then read in full, so ties on the sort key (thousands of
rows share a usage_start) no longer widen the read. Its cursor is the last sort key and how many rows with
that key were already returned; within a catalog version the (file, row) order of ties is fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sentinel_etl.money import INTEGER_DIGITS, SCALE_DIGITS

from api.filters import CostFilters, Sql, where
from api.queries.columns import LINE_ITEMS, View
from api.queries.line_item_columns import TIEBREAK, Kind, Order, SortKey, columns, sort_expr
from sentinel.engines.base import Param, Query

# silver.line_items with `filename` and `file_row_number` (sentinel.catalog registers it locally).
LOCATED_LINE_ITEMS = "silver.line_item_rows"


def _select(view: View) -> str:
    return ", ".join(expr if expr == name else f"{expr} AS {name}" for name, expr in columns(view))


@dataclass(frozen=True)
class Keyset:
    values: tuple[Param, ...]  # sort key, then TIEBREAK
    seen: int


def key_kinds(sort: SortKey, view: View) -> list[Kind]:
    return [sort_expr(sort, view)[1], *(kind for _, kind in TIEBREAK)]


def _after(exprs: Sequence[str], values: Sequence[Param], ascending: bool) -> Sql:
    """Rows at or after the cursor tuple, lexicographically (nulls are coalesced away)."""
    strict, inclusive = (">", ">=") if ascending else ("<", "<=")
    text = f"{exprs[-1]} {inclusive} ?"
    params: tuple[Param, ...] = (values[-1],)
    for expr, value in zip(reversed(exprs[:-1]), reversed(values[:-1]), strict=True):
        text = f"({expr} {strict} ? OR ({expr} = ? AND {text}))"
        params = (value, value, *params)
    return Sql(text, params)


def page_query(f: CostFilters, sort: SortKey, order: Order, limit: int, cursor: Keyset | None) -> Query:
    key, _ = sort_expr(sort, f.view)
    ascending = order is Order.asc
    direction = "ASC" if ascending else "DESC"
    edge = "max" if ascending else "min"
    strict, inclusive, upto = (">", ">=", "<=") if ascending else ("<", "<=", ">=")
    w = where(f, LINE_ITEMS)

    bound_where = [w]
    main_where = [w]
    if cursor is not None:
        bound_where.append(Sql(f"{key} {strict} ?", (cursor.values[0],)))
        main_where.append(Sql(f"{key} {inclusive} ?", (cursor.values[0],)))
        main_where.append(Sql(f"{key} {upto} (SELECT coalesce(edge, ?) FROM bound)", (cursor.values[0],)))
        exprs = [key, *(e for e, _ in TIEBREAK)]
        main_where.append(_after(exprs, cursor.values, ascending))
    else:
        main_where.append(Sql(f"{key} {upto} (SELECT edge FROM bound)"))
    bw, mw = Sql.join(bound_where), Sql.join(main_where)
    skip = cursor.seen if cursor else 0
    keys = ", ".join(f"{e} AS k{i}" for i, e in enumerate([key, *(e for e, _ in TIEBREAK)]))
    order_by = ", ".join(f"k{i} {direction}" for i in range(len(TIEBREAK) + 1))
    sql = (
        f"WITH bound AS (SELECT {edge}(k) AS edge FROM (SELECT {key} AS k FROM {LINE_ITEMS.name} "
        f"WHERE {bw.text} ORDER BY 1 {direction} LIMIT ?) AS page_keys) "
        f"SELECT {_select(f.view)}, {keys} FROM {LINE_ITEMS.name} WHERE {mw.text} ORDER BY {order_by} LIMIT ?"
    )
    return Query(sql, (*bw.params, limit + 1, *mw.params, limit + skip + 1), "line_items_page")


def located_page_query(f: CostFilters, sort: SortKey, order: Order, limit: int, cursor: Keyset | None) -> Query:
    """A page chosen by (sort key, file, row), then read in full; `cursor.values` holds the sort key alone."""
    key, _ = sort_expr(sort, f.view)
    direction = "ASC" if order is Order.asc else "DESC"
    parts = [where(f, LINE_ITEMS)]
    if cursor is not None:
        parts.append(Sql(f"{key} {'>=' if order is Order.asc else '<='} ?", (cursor.values[0],)))
    w = Sql.join(parts)
    skip = cursor.seen if cursor else 0
    position = f"k0 {direction}, k1, k2"
    lo, hi = f.periods
    sql = (
        f"WITH head AS (SELECT {key} AS k0, filename AS k1, file_row_number AS k2 FROM {LOCATED_LINE_ITEMS} "
        f"WHERE {w.text} ORDER BY {position} LIMIT ?), "
        f"page AS (SELECT k0, k1, k2 FROM (SELECT k0, k1, k2, row_number() OVER (ORDER BY {position}) AS n "
        "FROM head) AS numbered WHERE n > ?) "
        f"SELECT {_select(f.view)}, page.k0 FROM {LOCATED_LINE_ITEMS} AS s "
        "JOIN page ON s.filename = page.k1 AND s.file_row_number = page.k2 "
        f"WHERE s.billing_period BETWEEN ? AND ? ORDER BY page.k0 {direction}, page.k1, page.k2"
    )
    return Query(sql, (*w.params, skip + limit + 1, skip, lo, hi), "line_items_located_page")


def export_query(f: CostFilters) -> Query:
    w = where(f, LINE_ITEMS)
    # No ORDER BY: sorting millions of rows would hold them all; DuckDB returns storage order
    # (billing period, then file order), which is stable for a given catalog.
    return Query(f"SELECT {_select(f.view)} FROM {LINE_ITEMS.name} WHERE {w.text}", w.params, "line_items_export")


# Cursor values travel as JSON; these turn them back into typed parameters, strictly.
def encode_value(value: Any, kind: Kind) -> Any:
    if kind == "ts":
        if not isinstance(value, datetime):
            raise TypeError("timestamp key")
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    if kind == "dec":
        return str(Decimal(value))
    if kind == "float":
        return repr(float(value))
    return str(value)


def decode_value(value: Any, kind: Kind) -> Param:
    if not isinstance(value, str):
        raise ValueError("cursor values are strings")
    if kind == "ts":
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("cursor timestamps carry a zone")
        try:
            return parsed.astimezone(UTC)
        except OverflowError:  # a zone that moves it outside the years datetime holds
            raise ValueError("bad timestamp") from None
    if kind == "dec":
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise ValueError("bad decimal") from None
        # Sort keys are DECIMAL(38,10) values: anything else was never issued by this API, and would
        # overflow the engine's cast.
        exponent = number.as_tuple().exponent
        if not number.is_finite() or number.adjusted() >= INTEGER_DIGITS or not isinstance(exponent, int) \
                or exponent < -SCALE_DIGITS:
            raise ValueError("bad decimal")
        return number
    if kind == "float":
        result = float(value)
        if result != result or result in (float("inf"), float("-inf")):
            raise ValueError("bad float")
        return result
    return value
