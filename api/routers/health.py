from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from api import __version__
from api.deps import CatalogDep, EngineDep
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Liveness (no authentication, no query)")
def check(engine: EngineDep, catalog: CatalogDep) -> Health:
    # Never a query: the background loads of the snapshot already taken (a request loads one first).
    snapshot = catalog.current()
    rollups: Literal["off", "loading", "ready"] = "off"
    if catalog.rollup_max_rows > 0:
        rollups = "ready" if snapshot is not None and snapshot.rollups.wait(0) else "loading"
    copies: Literal["off", "building", "ready"] = "off"
    if catalog.line_store_dir is not None:
        copies = "ready" if snapshot is not None and snapshot.line_store.wait(0) else "building"
    return Health(version=__version__, engine=engine.name, rollups=rollups, audit_log_copies=copies)
