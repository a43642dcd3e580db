"""silver: one canonical line-item table for every input format, built by the raw_to_silver job script."""

# No `from __future__ import annotations` here: Dagster reads these functions' annotations at runtime.

from collections.abc import Iterator
from typing import Any

from dagster import (
    AssetCheckResult,
    AssetExecutionContext,
    Failure,
    JsonMetadataValue,
    MaterializeResult,
    asset,
)

from sentinel_assets.assets.job_events import job_events
from sentinel_assets.checks import RAW_TOTALS, SILVER_CHECKS
from sentinel_assets.interfaces import BillingPolicy, JobRunner, Lake
from sentinel_assets.keys import OWNERS, RAW_DELIVERIES, SILVER_LINE_ITEMS
from sentinel_assets.partitions import billing_periods
from sentinel_assets.schemas import SILVER_LINE_ITEMS as SILVER_SCHEMA


@asset(
    key=SILVER_LINE_ITEMS,
    deps=[RAW_DELIVERIES],
    partitions_def=billing_periods,
    check_specs=SILVER_CHECKS,
    group_name="silver",
    kinds={"pyspark", "parquet"},
    owners=OWNERS,
    tags={"layer": "silver"},
    description=(
        "Every line item of the period in one canonical, typed schema (legacy CUR, CUR 2.0 and FOCUS alike), "
        "built by the Glue job script raw_to_silver from the newest delivery of each export. A restated "
        "month replaces its partition atomically; checks run before anything is published."
    ),
    metadata={"dagster/column_schema": SILVER_SCHEMA, "dagster/table_name": "silver.line_items"},
)
def line_items(
    context: AssetExecutionContext, job_runner: JobRunner, lake: Lake, policy: BillingPolicy
) -> Iterator[MaterializeResult | AssetCheckResult]:
    period = context.partition_key
    deliveries = lake.newest(period)
    if not deliveries:
        raise Failure(description=f"no delivery landed in raw for billing period {period}", allow_retries=False)
    outcome = job_runner.run(context, "raw_to_silver", {
        "BILLING_PERIOD": period,
        "LAKE_ROOT": lake.uri,
        "DELIVERIES": ",".join(lake.delivery_uri(record) for record in deliveries),
        "EXPORT_PREFERENCE": policy.export_preference,
        "EXPORT_PINS": policy.export_pins,
    })
    for delivery_id in outcome.rejected:  # bad input: that delivery never serves the period again
        record = next((r for r in deliveries if r.delivery_id == delivery_id), None)
        if record is not None:
            lake.reject(period, record.export_name, record.delivery_id, outcome.error or "failed validation")
            context.log.warning(f"rejected delivery {record.export_name}/{delivery_id}: {outcome.error}")
    # No catalog refresh here: readers get the new silver with its gold, when gold_tables refreshes it.
    extra: dict[str, Any] = {}
    for materialization in outcome.materializations:
        reported = materialization.metadata or {}
        if "rows" in reported:
            extra["dagster/row_count"] = reported["rows"]
    for check in outcome.checks:  # the job's own sums of the raw files, kept for money_conserved
        raw = (check.metadata or {}).get("raw") if check.check_name == "reconciles_with_raw" else None
        if isinstance(raw, JsonMetadataValue):
            extra[RAW_TOTALS] = raw
    yield from job_events(outcome, period, {SILVER_LINE_ITEMS: extra})
