"""Pick the engine from settings, in one place."""

from __future__ import annotations

from api.settings import ApiSettings
from sentinel.engines.base import QueryEngine


def create_engine(settings: ApiSettings) -> QueryEngine:
    if settings.resolved_engine == "athena":
        from sentinel.engines.athena_engine import AthenaEngine

        athena = AthenaEngine(settings.athena_options())
        if settings.gold_engine == "athena":
            return athena
        return _gold_in_process(settings, athena)
    from sentinel.engines.duckdb_engine import DuckDBEngine

    return DuckDBEngine(
        settings.resolved_catalog_path, threads=settings.duckdb_threads, memory_limit=settings.duckdb_memory_limit
    )


def _gold_in_process(settings: ApiSettings, athena: QueryEngine) -> QueryEngine:
    import boto3

    from sentinel.engines.duckdb_engine import DuckDBEngine
    from sentinel.engines.published_gold import PublishedGold
    from sentinel.engines.routed import GoldRoutedEngine

    if not settings.lake_bucket:
        raise ValueError("SENTINEL_API_GOLD_ENGINE=duckdb needs the lake bucket (SENTINEL_LAKE_BUCKET)")
    s3 = boto3.client("s3", region_name=settings.athena_region, endpoint_url=settings.s3_endpoint_url)
    published = PublishedGold(f"s3://{settings.lake_bucket}/", settings.gold_cache_dir, s3,
                              check_seconds=settings.gold_check_seconds)
    gold = DuckDBEngine(published.catalog_path, threads=settings.duckdb_threads,
                        memory_limit=settings.duckdb_memory_limit)
    return GoldRoutedEngine(gold, athena, published.refresh)
