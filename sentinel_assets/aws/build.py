"""SENTINEL_ENV=aws: every resource from the settings (the CDK stack's outputs); called by build_resources."""

from __future__ import annotations

from typing import Any

from sentinel.settings import Settings
from sentinel_assets.aws.athena_query import AthenaLakeTotals
from sentinel_assets.aws.crawler import GlueCrawler
from sentinel_assets.aws.glue_runner import GlueJobRunner
from sentinel_assets.aws.s3_lake import S3Lake
from sentinel_assets.aws.s3_query import S3CopyLakeTotals
from sentinel_assets.aws.s3_store import S3DeliveryStore
from sentinel_assets.interfaces import LakeTotals


def build_aws_resources(settings: Settings) -> dict[str, Any]:
    missing = [name for name in ("landing_bucket", "lake_bucket", "artifacts_bucket") if not getattr(settings, name)]
    if missing:
        raise ValueError("SENTINEL_ENV=aws needs " + ", ".join(f"SENTINEL_{m.upper()}" for m in missing)
                         + " (the stack outputs, docs/deployment.md)")
    aws = {"region": settings.aws_region, "endpoint_url": settings.aws_endpoint_url}
    return {
        "lake": S3Lake(bucket=settings.lake_bucket, database=settings.glue_database, **aws),
        "delivery_store": S3DeliveryStore(bucket=settings.landing_bucket, prefix=settings.landing_prefix, **aws),
        "job_runner": GlueJobRunner(
            raw_to_silver_job=settings.glue_job_raw_to_silver, silver_to_gold_job=settings.glue_job_silver_to_gold,
            gold_to_anomalies_job=settings.glue_job_gold_to_anomalies,
            artifacts_bucket=settings.artifacts_bucket, pipes_prefix=settings.pipes_prefix,
            database=settings.glue_database, timeout_minutes=settings.glue_job_timeout_minutes,
            poll_seconds=settings.aws_poll_seconds, **aws),
        "crawler": GlueCrawler(crawler_name=settings.glue_crawler_raw, poll_seconds=settings.aws_poll_seconds,
                               timeout_seconds=settings.crawler_timeout_seconds, **aws),
        "lake_totals": _lake_totals(settings, aws),
    }


def _lake_totals(settings: Settings, aws: dict[str, Any]) -> LakeTotals:
    if settings.check_engine == "s3":
        return S3CopyLakeTotals(bucket=settings.lake_bucket, database=settings.glue_database, **aws)
    output = f"s3://{settings.athena_results_bucket}/athena/{settings.athena_workgroup}/" \
        if settings.athena_results_bucket else None  # the workgroup enforces it anyway
    return AthenaLakeTotals(workgroup=settings.athena_workgroup, database=settings.glue_database, output=output,
                             lake_bucket=settings.lake_bucket, **aws)
