from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.answers import json_answer
from api.deps import CatalogDep, SnapshotDep
from api.filter_params import FiltersDep
from api.filters import invalid
from api.queries.columns import Dimension
from api.schemas import Summary
from api.services import summary as service
from api.settings import MAX_TOP

router = APIRouter(tags=["summary"])


@router.get("/summary", response_model=Summary, summary="Total, previous range, month-to-date and top movers")
async def get(
    f: FiltersDep,
    catalog: CatalogDep,
    snapshot: SnapshotDep,
    movers_by: Annotated[Dimension, Query(description="Dimension of the top movers (not tag)")] = Dimension.service,
    movers: Annotated[int, Query(ge=0, le=MAX_TOP, description="How many movers")] = 5,
) -> Response:
    if movers_by is Dimension.tag:
        raise invalid("movers_by", "movers by tag are not available; use /costs/breakdown?dimension=tag")
    return await json_answer(catalog, snapshot, ("summary", f.key(), movers_by, movers),
                             lambda: service.summary(catalog.engine, snapshot.periods, f, movers_by, movers))
