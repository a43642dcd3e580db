"""Pick the engine from settings, in one place."""

from __future__ import annotations

from api.engines.base import QueryEngine
from api.settings import ApiSettings


def create_engine(settings: ApiSettings) -> QueryEngine:
    if settings.resolved_engine == "athena":
        from api.engines.athena_engine import AthenaEngine

        return AthenaEngine(settings)
    from api.engines.duckdb_engine import DuckDBEngine

    return DuckDBEngine(
        settings.resolved_catalog_path, threads=settings.duckdb_threads, memory_limit=settings.duckdb_memory_limit
    )
