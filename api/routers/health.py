from __future__ import annotations

from fastapi import APIRouter

from api import __version__
from api.deps import EngineDep
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Liveness (no authentication, no query)")
async def check(engine: EngineDep) -> Health:
    return Health(version=__version__, engine=engine.name)
