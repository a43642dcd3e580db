"""The application factory. `app` is what uvicorn and Mangum (api.lambda_handler) run."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from starlette.middleware.trustedhost import TrustedHostMiddleware

from api import __version__, errors
from api.auth import Authenticator
from api.cursor_secret import cursor_secret
from api.deps import get_principal
from api.engine_factory import create_engine
from api.pagination import CursorCodec
from api.routers import anomalies, costs, dimensions, health, line_items, meta, summary
from api.schemas import ErrorResponse
from api.settings import ApiSettings
from api.snapshot import Catalog
from api.static import WebGZip, mount_web
from sentinel.engines.base import QueryEngine

log = logging.getLogger("sentinel.api")

API_PREFIX = "/api/v1"

DESCRIPTION = """
Costs from Sentinel's gold tables (and silver line items for audits), on DuckDB locally or Athena on AWS.

**Dates** are usage dates (UTC days); `start` and `end` are both inclusive. Without them the range is the
calendar month of the newest usage in the catalog. A billing period can hold usage from outside its month:
filter on `billing_period` for invoice-aligned numbers.

**Filters** are shared by every data endpoint. Repeat a parameter for several values (`service=A&service=B`);
an empty value matches line items without one. `tag=key=value` filters on a tag. Tag filters and tag
group-bys are answered from gold.cost_by_tag_daily: one tag key at a time, combined only with provider,
billing_period, account, service and region (`/meta` lists which dimensions are `tag_compatible`).
`/line-items` combines any filters, several tag keys included.

**Money** `view`: unblended, net_unblended, amortized or public (list) cost.

**Authentication**: `X-API-Key` or `Authorization: Bearer <JWT>`; off only for a local server on loopback.

**Errors**: 422 with `detail` (FastAPI's list) and a one-line `message`; 401, 5xx with `detail`. Every
response has `X-Request-ID`; data responses have `X-Cache: hit|miss` (answers are cached per catalog version).
"""


def operation_id(route: APIRoute) -> str:
    """Stable ids for the dashboard's generated client: <tag>-<name>, e.g. costs-timeseries."""
    prefix = f"{route.tags[0]}-" if route.tags else ""
    return f"{prefix}{route.name}".replace("_", "-")


def create_app(settings: ApiSettings | None = None, *, engine: QueryEngine | None = None) -> FastAPI:
    settings = settings or ApiSettings()
    docs = settings.docs
    app = FastAPI(
        title="Sentinel API",
        version=__version__,
        summary="Exact cloud cost analytics over AWS billing exports (CUR, CUR 2.0, FOCUS).",
        description=DESCRIPTION,
        generate_unique_id_function=operation_id,
        openapi_url=f"{API_PREFIX}/openapi.json" if docs else None,
        docs_url=f"{API_PREFIX}/docs" if docs else None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine or create_engine(settings)
    app.state.catalog = Catalog(app.state.engine, cache_entries=settings.cache_entries,
                                cache_bytes=settings.cache_megabytes << 20, query_slots=settings.query_concurrency)
    app.state.authenticator = Authenticator(settings)
    app.state.cursor_codec = CursorCodec(cursor_secret(settings))
    errors.install(app)

    error_responses = {code: {**spec, "model": ErrorResponse} for code, spec in errors.ERROR_RESPONSES.items()}
    v1 = APIRouter(prefix=API_PREFIX)
    v1.include_router(health.router)  # no credentials: load balancers and uptime checks call it
    protected = APIRouter(dependencies=[Depends(get_principal)], responses=error_responses)
    for router in (meta.router, summary.router, costs.router, dimensions.router, line_items.router,
                   anomalies.router):
        protected.include_router(router)
    v1.include_router(protected)
    app.include_router(v1)

    if mount_web(app, settings.web_dist):
        log.info("serving the dashboard from %s", settings.web_dist)
        app.add_middleware(WebGZip)

    # Added inner to outer: the CORS layer is outermost so that even a 500 carries CORS headers.
    if settings.trusted_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.trusted_hosts)
    app.add_middleware(errors.RequestIdMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=settings.cors_allow_credentials,
            allow_methods=["GET", "OPTIONS"],
            allow_headers=["Authorization", "X-API-Key", "X-Request-ID", "Content-Type"],
            expose_headers=["X-Request-ID", "X-Cache", "Content-Disposition"],
            max_age=3600,
        )
    return app


def __getattr__(name: str) -> FastAPI:
    # `app` is built on first access, so importing api.main (tests, tools) opens no engine.
    if name == "app":
        application = create_app()
        globals()["app"] = application
        return application
    raise AttributeError(name)
