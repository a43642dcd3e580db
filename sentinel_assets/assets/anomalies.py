"""gold/cost_anomalies: each billing period's daily cost scored against its own recent past, in the same
run as gold for every delivery.

It reads this period's gold and the two periods' before (the partition mapping says so, and backfills run
periods in order). The work runs in a job script like every other table (sentinel_etl.jobs.gold_to_anomalies):
the same code locally and on Glue, reading and publishing through the lake the other jobs use.
"""

# No `from __future__ import annotations` here: Dagster reads these functions' annotations at runtime.

from collections.abc import Iterator

from dagster import (
    AssetCheckResult,
    AssetDep,
    AssetExecutionContext,
    MaterializeResult,
    TimeWindowPartitionMapping,
    asset,
)

from sentinel_assets.assets.job_events import job_events
from sentinel_assets.checks import ANOMALY_CHECKS
from sentinel_assets.interfaces import AnomalyPolicy, Crawler, JobRunner, Lake, LakeTotals
from sentinel_assets.keys import GOLD, GOLD_ANOMALIES, OWNERS
from sentinel_assets.partitions import billing_periods
from sentinel_assets.schemas import GOLD_ANOMALIES_SCHEMA

HISTORY = TimeWindowPartitionMapping(start_offset=-2, end_offset=0)  # this period and the two before


@asset(
    key=GOLD_ANOMALIES,
    deps=[AssetDep(GOLD["cost_daily"], partition_mapping=HISTORY)],
    partitions_def=billing_periods,
    check_specs=ANOMALY_CHECKS,
    group_name="gold",
    kinds={"pyspark", "parquet"},
    owners=OWNERS,
    tags={"layer": "gold"},
    description=(
        "Days on which a usage account × service cost more than its own recent past explains: a robust, "
        "weekday-aware baseline of the 28 days before, episodes of consecutive days, the usage types, "
        "regions and resources that drove each, and its status across re-deliveries (new, ongoing, revised, "
        "withdrawn). Built by the Glue job script gold_to_anomalies."
    ),
    metadata={"dagster/column_schema": GOLD_ANOMALIES_SCHEMA, "dagster/table_name": "gold.cost_anomalies"},
)
def cost_anomalies(
    context: AssetExecutionContext, job_runner: JobRunner, lake: Lake, crawler: Crawler, lake_totals: LakeTotals,
    anomaly_policy: AnomalyPolicy,
) -> Iterator[MaterializeResult | AssetCheckResult]:
    period = context.partition_key
    outcome = job_runner.run(context, "gold_to_anomalies",
                             {"BILLING_PERIOD": period, "LAKE_ROOT": lake.uri, **anomaly_policy.job_args()})
    extra = {}
    if outcome.succeeded:
        crawler.crawl()
        extra = {GOLD_ANOMALIES: {"dagster/row_count": lake_totals.row_count("gold", "cost_anomalies", period)}}
    yield from job_events(outcome, period, extra)
