"""Cost time series and breakdowns from the gold tables (api.queries.costs chooses the table)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from api.filters import CostFilters
from api.queries.columns import Dimension, Table
from api.queries.costs import Granularity, Grouping, breakdown_query, timeseries_query
from api.queries.periods import PeriodIndex, bucket_labels
from api.schemas import Breakdown, BreakdownItem, BreakdownOther, Series, Timeseries
from api.services.shaping import date_range, label, share
from sentinel.engines.base import QueryEngine


def _bucket_key(value: Any, granularity: Granularity) -> str:
    text = value.isoformat() if isinstance(value, date) else str(value)
    return text[:10] if granularity == "day" else text[:7]


def timeseries(engine: QueryEngine, periods: PeriodIndex, f: CostFilters, table: Table, granularity: Granularity,
               group_by: Dimension | None, group: Grouping, top: int) -> Timeseries:
    rows = engine.execute(timeseries_query(f, table, granularity, group, top)).rows
    buckets = bucket_labels(f.start, f.end, granularity)
    position = {b: i for i, b in enumerate(buckets)}
    values: dict[str | None, list[Decimal]] = {}
    names: dict[str | None, str | None] = {}
    for bucket, key, name, cost in rows:
        names[key] = name
        series = values.setdefault(key, [Decimal(0)] * len(buckets))
        series[position[_bucket_key(bucket, granularity)]] += Decimal(cost or 0)
    ordered = sorted(values.items(), key=lambda kv: (kv[0] is None, -sum(kv[1]), kv[0] or ""))
    return Timeseries(
        view=f.view, granularity=granularity, group_by=group_by, tag_key=group.tag_key, range=date_range(f, periods),
        buckets=buckets,
        series=[
            Series(key=k, label=label(k, group, names.get(k)), is_other=k is None, total=float(sum(v)),
                   values=[float(x) for x in v])
            for k, v in ordered
        ],
        total=float(sum((sum(v) for v in values.values()), Decimal(0))),
        source=table.name,
    )


def breakdown(engine: QueryEngine, periods: PeriodIndex, f: CostFilters, table: Table, dimension: Dimension, group: Grouping,
              top: int) -> Breakdown:
    rows = engine.execute(breakdown_query(f, table, group, top)).rows
    total = sum((Decimal(cost or 0) for _, _, _, cost, _, _ in rows), Decimal(0))
    items, other = [], None
    for key, name, _, cost, count, groups in rows:
        amount = Decimal(cost or 0)
        if key is None:
            other = BreakdownOther(groups=int(groups), cost=float(amount), share=share(amount, total),
                                   line_items=int(count or 0))
        else:
            items.append(BreakdownItem(key=key, label=label(key, group, name), cost=float(amount),
                                       share=share(amount, total), line_items=int(count or 0)))
    return Breakdown(
        view=f.view, dimension=dimension, tag_key=group.tag_key, range=date_range(f, periods), total=float(total),
        groups=len(items) + (other.groups if other else 0), items=items, other=other, source=table.name,
    )
