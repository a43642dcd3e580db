from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import StringConstraints

from api.answers import json_answer
from api.deps import CatalogDep, SnapshotDep
from api.filter_params import FiltersDep, TagKeyParam
from api.filters import SAFE_TEXT, invalid
from api.queries.columns import Dimension
from api.queries.costs import Grouping, choose_table
from api.schemas import DimensionValues
from api.services import dimensions as service

router = APIRouter(prefix="/dimensions", tags=["dimensions"])

MAX_VALUES = 1000
MAX_OFFSET = 100_000


@router.get(
    "/{dimension}/values",
    response_model=DimensionValues,
    summary="Values of a dimension for filter pickers, by cost in the range",
    description="The dimension's own filter is ignored (a picker shows every choice). `dimension=tag` without "
    "tag_key lists tag keys; with tag_key, that key's values (tag filters are ignored for tag pickers). "
    "`dimension=resource` lists resource ids from silver line items. Page with offset while truncated.",
)
async def values(
    dimension: Annotated[Dimension, Path(description="The dimension")],
    f: FiltersDep,
    catalog: CatalogDep,
    snapshot: SnapshotDep,
    tag_key: TagKeyParam = None,
    search: Annotated[
        Annotated[str, StringConstraints(max_length=256, pattern=SAFE_TEXT)] | None,
        Query(description="Case-insensitive substring"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_VALUES)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Values to skip: the next page starts at "
                                                                  "offset + limit")] = 0,
) -> Response:
    if dimension is not Dimension.tag and tag_key:
        raise invalid("tag_key", "tag_key only goes with the tag dimension", tag_key)
    scoped = f.without(dimension)
    listing_keys = dimension is Dimension.tag and not tag_key
    group = Grouping(dimension, tag_key)
    # A tag picker reads gold.cost_by_tag_daily whether it lists keys or one key's values.
    probe = Grouping(Dimension.tag, tag_key or "*") if dimension is Dimension.tag else group
    table = choose_table(scoped, snapshot.periods, probe, daily=False, field="dimension")
    return await json_answer(
        catalog, snapshot, ("values", scoped.key(), group, listing_keys, search, limit, offset),
        lambda: service.values(catalog.engine, snapshot.periods, scoped, table, dimension, group, search, limit,
                               tag_keys=listing_keys, offset=offset),
    )
