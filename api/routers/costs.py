from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.answers import json_answer
from api.deps import CatalogDep, SettingsDep, SnapshotDep
from api.filter_params import FiltersDep, TagKeyParam, TopParam
from api.filters import check_range
from api.queries.columns import Dimension
from api.queries.costs import choose_table, grouping
from api.schemas import Breakdown, Timeseries
from api.services import costs as service

router = APIRouter(prefix="/costs", tags=["costs"])

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
    return await json_answer(
        catalog, snapshot, ("timeseries", f.key(), granularity, group, top),
        lambda: service.timeseries(catalog.engine, snapshot.periods, f, table, granularity, group_by, group, top),
    )


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
    return await json_answer(catalog, snapshot, ("breakdown", f.key(), group, top),
                             lambda: service.breakdown(catalog.engine, snapshot.periods, f, table, dimension, group, top))
