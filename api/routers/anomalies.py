from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Response

from api.answers import json_answer
from api.deps import CatalogDep, SnapshotDep
from api.filter_params import FiltersDep
from api.queries.anomalies import AnomalySort
from api.schemas import AnomalyDetail, AnomalyList
from api.services import anomalies as service

router = APIRouter(prefix="/anomalies", tags=["anomalies"])

Status = Literal["new", "ongoing", "revised", "withdrawn"]


@router.get("", name="list", response_model=AnomalyList,
            summary="Anomalous days per usage account and service, with their drivers")
async def list_anomalies(
    f: FiltersDep,
    catalog: CatalogDep,
    snapshot: SnapshotDep,
    status: Annotated[list[Status] | None, Query(description="Only these statuses (repeatable)")] = None,
    min_impact: Annotated[float | None, Query(ge=0, description="Only anomalies with at least this impact")] = None,
    sort: Annotated[AnomalySort, Query(description="impact (largest first) or date (newest first)")] =
        AnomalySort.impact,
    limit: Annotated[int, Query(ge=1, le=1000, description="How many to return")] = 100,
) -> Response:
    statuses = tuple(sorted(set(status or ())))
    rules = service.detection_rules()
    return await json_answer(
        catalog, snapshot, ("anomalies", f.key(), statuses, min_impact, sort, limit),
        lambda: service.anomalies(catalog.engine, snapshot.periods, f, rules, statuses, min_impact, sort, limit))


@router.get("/{anomaly_id}", name="get", response_model=AnomalyDetail,
            summary="One anomaly: its drivers and its series against the expected band")
async def get_anomaly(
    catalog: CatalogDep,
    snapshot: SnapshotDep,
    anomaly_id: Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="anomaly_id from the list")],
) -> Response:
    rules = service.detection_rules()

    def compute() -> AnomalyDetail:
        try:
            return service.anomaly(catalog.engine, anomaly_id, rules)
        except service.AnomalyNotFound:
            raise HTTPException(404, f"no anomaly {anomaly_id}") from None

    return await json_answer(catalog, snapshot, ("anomaly", anomaly_id), compute)
