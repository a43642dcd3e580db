from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from api.answers import json_answer
from api.deps import CatalogDep, SettingsDep, SnapshotDep
from api.filters import CostFilters, FiltersDep, TagKey, check_range
from api.queries.columns import Dimension
from api.queries.costs import Grouping, breakdown_query, choose_table, grouping, timeseries_query
from api.queries.periods import bucket_labels
from api.schemas import Breakdown, BreakdownItem, BreakdownOther, DateRange, Series, Timeseries
from api.settings import MAX_TOP

router = APIRouter(prefix="/costs", tags=["costs"])

TopParam = Annotated[int, Query(ge=1, le=MAX_TOP, description="Groups to return; the rest are summed as other")]
TagKeyParam = Annotated[TagKey | None, Query(description="The tag key, with group_by/dimension=tag")]


def date_range(f: CostFilters) -> DateRange:
    return DateRange(start=f.start, end=f.end, days=f.days)


def label(key: str | None, group: Grouping) -> str:
    if key is None:
        return "Other"
    if key == "":
        if group.dimension is None:
            return "Total"
        return "(untagged)" if group.is_tag else "(none)"
    return key


def money(value: Any) -> float:
    return float(value) if value is not None else 0.0


def share(part: Decimal, total: Decimal) -> float | None:
    return float(part / total) if total else None


def _bucket_key(value: Any, granularity: Literal["day", "month"]) -> str:
    if isinstance(value, date):
        return value.isoformat() if granularity == "day" else value.isoformat()[:7]
    return str(value)[:10] if granularity == "day" else str(value)[:7]


@router.get("/timeseries", response_model=Timeseries, summary="Cost per day or month for the top N groups and other")
async def timeseries(
    f: FiltersDep,
    catalog: CatalogDep,
    snapshot: SnapshotDep,
    settings: SettingsDep,
    granularity: Annotated[Literal["day", "month"], Query(description="Bucket size")] = "day",
    group_by: Annotated[Dimension | None, Query(description="Split into one series per group")] = None,
    tag_key: TagKeyParam = None,
    top: TopParam = 5,
) -> Response:
    if granularity == "day":
        check_range(f.start, f.end, settings.max_daily_range_days)
    group = grouping(group_by, tag_key, "group_by")
    table = choose_table(f, snapshot.periods, group, daily=granularity == "day", monthly_buckets=True)

    def compute() -> Timeseries:
        rows = snapshot.rollups.timeseries(table, f, granularity, group, top)
        if rows is None:
            rows = catalog.engine.execute(timeseries_query(f, table, granularity, group, top)).rows
        buckets = bucket_labels(f.start, f.end, granularity)
        position = {b: i for i, b in enumerate(buckets)}
        values: dict[str | None, list[Decimal]] = {}
        for bucket, key, cost in rows:
            series = values.setdefault(key, [Decimal(0)] * len(buckets))
            series[position[_bucket_key(bucket, granularity)]] += Decimal(cost or 0)
        ordered = sorted(values.items(), key=lambda kv: (kv[0] is None, -sum(kv[1]), kv[0] or ""))
        return Timeseries(
            view=f.view, granularity=granularity, group_by=group_by, tag_key=group.tag_key, range=date_range(f),
            buckets=buckets,
            series=[
                Series(key=k, label=label(k, group), is_other=k is None, total=float(sum(v)),
                       values=[float(x) for x in v])
                for k, v in ordered
            ],
            total=float(sum((sum(v) for v in values.values()), Decimal(0))),
            source=table.name,
        )

    return await json_answer(catalog, snapshot, ("timeseries", f.key(), granularity, group, top), compute,
                             inline=snapshot.rollups.covers(table, f, group))


@router.get("/breakdown", response_model=Breakdown, summary="Cost and share per group of one dimension")
async def breakdown(
    f: FiltersDep,
    catalog: CatalogDep,
    snapshot: SnapshotDep,
    dimension: Annotated[Dimension, Query(description="The dimension to split by")] = Dimension.service,
    tag_key: TagKeyParam = None,
    top: TopParam = 10,
) -> Response:
    group = grouping(dimension, tag_key, "dimension")
    table = choose_table(f, snapshot.periods, group, daily=False, field="dimension")

    def compute() -> Breakdown:
        rows = snapshot.rollups.breakdown(table, f, group, top)
        if rows is None:
            rows = catalog.engine.execute(breakdown_query(f, table, group, top)).rows
        total = sum((Decimal(cost or 0) for _, _, cost, _, _ in rows), Decimal(0))
        items, other = [], None
        for key, _, cost, count, groups in rows:
            amount = Decimal(cost or 0)
            if key is None:
                other = BreakdownOther(groups=int(groups), cost=float(amount), share=share(amount, total),
                                       line_items=int(count or 0))
            else:
                items.append(BreakdownItem(key=key, label=label(key, group), cost=float(amount),
                                           share=share(amount, total), line_items=int(count or 0)))
        return Breakdown(
            view=f.view, dimension=dimension, tag_key=group.tag_key, range=date_range(f), total=float(total),
            groups=len(items) + (other.groups if other else 0), items=items, other=other, source=table.name,
        )

    return await json_answer(catalog, snapshot, ("breakdown", f.key(), group, top), compute,
                             inline=snapshot.rollups.covers(table, f, group))
