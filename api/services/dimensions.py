"""Filter-picker values of one dimension (or the tag keys, or one key's values), by cost."""

from __future__ import annotations

from api.filters import CostFilters
from api.queries.columns import Dimension, Table
from api.queries.costs import Grouping, values_query
from api.queries.periods import PeriodIndex
from api.schemas import DimensionValue, DimensionValues
from api.services.shaping import date_range, label, money
from sentinel.engines.base import QueryEngine


def values(engine: QueryEngine, periods: PeriodIndex, f: CostFilters, table: Table, dimension: Dimension, group: Grouping,
           search: str | None, limit: int, *, tag_keys: bool, offset: int = 0) -> DimensionValues:
    """f: the request's filters without the dimension's own (a picker shows every choice)."""
    rows = engine.execute(values_query(f, table, group, search, limit + 1, tag_keys=tag_keys, offset=offset)).rows
    return DimensionValues(
        dimension=dimension, tag_key=group.tag_key, range=date_range(f, periods),
        values=[DimensionValue(key=k, label=label(k, group, n), cost=money(c)) for k, n, c in rows[:limit]],
        offset=offset, truncated=len(rows) > limit,
    )
