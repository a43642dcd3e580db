"""Typed dependencies shared by the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.auth import Authenticator, Principal
from api.settings import ApiSettings
from api.snapshot import Catalog, Snapshot
from sentinel.engines.base import QueryEngine


# The cheap dependencies are `async def`: FastAPI runs sync dependencies on its thread pool, and a hop
# per dependency per request is measurable under load. Anything that may block (a query, a JWKS fetch) is sync.
async def get_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


async def get_engine(request: Request) -> QueryEngine:
    engine: QueryEngine = request.app.state.engine
    return engine


async def get_catalog(request: Request) -> Catalog:
    catalog: Catalog = request.app.state.catalog
    return catalog


SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
EngineDep = Annotated[QueryEngine, Depends(get_engine)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]


async def get_snapshot(catalog: CatalogDep) -> Snapshot:
    current = catalog.current()
    if current is not None:
        return current
    return await run_in_threadpool(catalog.snapshot)  # loading the period index is a query


SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]

# Declared so that the OpenAPI document (and the dashboard's generated client) knows both schemes.
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key (sha256 in settings)")
bearer_scheme = HTTPBearer(auto_error=False, description="A JWT from the configured issuer")


async def get_principal(
    request: Request,
    api_key: Annotated[str | None, Security(api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
) -> Principal:
    authenticator: Authenticator = request.app.state.authenticator
    if bearer is not None and api_key is None and not authenticator.disabled:
        # Verifying a JWT may fetch the issuer's keys (JWKS): off the event loop.
        return await run_in_threadpool(authenticator.authenticate, request, None, bearer.credentials)
    return authenticator.authenticate(request, api_key, None)


