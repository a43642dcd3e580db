"""Pick the engine from settings, in one place."""

from __future__ import annotations

from api.settings import ApiSettings
from sentinel.engines.base import QueryEngine


def create_engine(settings: ApiSettings) -> QueryEngine:
    if settings.resolved_engine == "athena":
        from sentinel.engines.athena_engine import AthenaEngine

        return AthenaEngine(settings.athena_options())
    from sentinel.engines.duckdb_engine import DuckDBEngine

    return DuckDBEngine(
        settings.resolved_catalog_path, threads=settings.duckdb_threads, memory_limit=settings.duckdb_memory_limit
    )
