"""Resources, chosen for the environment in ONE place: `build_resources`.

`SENTINEL_ENV=local` (the default) runs everything on this machine (sentinel_assets.local).
`SENTINEL_ENV=aws` is the hook for the AWS implementations (PipesGlueClient, Glue crawler, S3, Athena);
assets only ever see the interfaces in sentinel_assets.interfaces.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sentinel.settings import Settings
from sentinel_assets.interfaces import AnomalyPolicy, BillingPolicy
from sentinel_assets.local import (
    DuckDBLakeTotals,
    LocalCatalogCrawler,
    LocalDeliveryStore,
    LocalLake,
    PipesSubprocessJobRunner,
)


def build_resources(settings: Settings, *, source: Path | None = None, engine: str | None = None) -> dict[str, Any]:
    """Every resource the definitions need, for the environment in `settings.env`."""
    policy = BillingPolicy(export_preference=settings.export_preference, export_pins=settings.export_pins,
                           expected_delivery_hours=settings.expected_delivery_hours)
    anomalies = AnomalyPolicy(view=settings.anomaly_view, threshold=settings.anomaly_threshold,
                              min_impact=settings.anomaly_min_impact,
                              min_relative_impact=settings.anomaly_min_relative_impact)
    if settings.env == "aws":
        from sentinel_assets.aws.build import build_aws_resources  # boto3 and dagster-aws only when asked

        return {**build_aws_resources(settings), "policy": policy, "anomaly_policy": anomalies}
    lake_root = str(settings.lake_root)
    store_root = source.expanduser().resolve() if source else settings.delivery_root
    return {
        "lake": LocalLake(root=lake_root),
        "delivery_store": LocalDeliveryStore(root=str(store_root)),
        "job_runner": PipesSubprocessJobRunner(engine=engine or settings.engine, spark_master=settings.spark_master,
                                               duckdb_memory_limit=settings.job_memory_limit),
        "crawler": LocalCatalogCrawler(lake_root=lake_root, catalog_path=str(settings.catalog_path)),
        "lake_totals": DuckDBLakeTotals(lake_root=lake_root),
        "policy": policy,
        "anomaly_policy": anomalies,
    }
