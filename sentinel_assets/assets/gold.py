"""gold: the small aggregated tables the dashboard reads; one silver_to_gold job run builds all four."""

# No `from __future__ import annotations` here: Dagster reads these functions' annotations at runtime.

from collections.abc import Iterator

from dagster import AssetCheckResult, AssetExecutionContext, AssetSpec, MaterializeResult, multi_asset

from sentinel_assets.assets.job_events import job_events
from sentinel_assets.checks import GOLD_CHECKS
from sentinel_assets.interfaces import Crawler, JobRunner, Lake, LakeTotals
from sentinel_assets.keys import GOLD, OWNERS, SILVER_LINE_ITEMS
from sentinel_assets.partitions import billing_periods
from sentinel_assets.schemas import GOLD_TABLES

DESCRIPTIONS = {
    "cost_daily": "Daily cost by account, service, region, operation, usage type and charge category.",
    "cost_monthly": "Monthly cost by account, service, region and charge category (month-level summaries).",
    "cost_by_tag_daily": "Daily cost per tag key and value (one row per tag present on a line item).",
    "period_summary": "One row per period and provider: totals, deliveries used, freshness; what "
                      "reconciliation compares against.",
}

SPECS = [
    AssetSpec(
        key,
        deps=[SILVER_LINE_ITEMS],
        group_name="gold",
        kinds={"pyspark", "parquet"},
        owners=OWNERS,
        tags={"layer": "gold"},
        description=DESCRIPTIONS[name] + " Built by the Glue job script silver_to_gold; all four tables are "
                                         "published together, after their checks pass.",
        metadata={"dagster/column_schema": GOLD_TABLES[name], "dagster/table_name": f"gold.{name}"},
    )
    for name, key in GOLD.items()
]


@multi_asset(
    name="gold_tables",
    specs=SPECS,
    check_specs=GOLD_CHECKS,
    partitions_def=billing_periods,
    can_subset=False,  # one job run writes and publishes the four tables together
)
def gold_tables(
    context: AssetExecutionContext, job_runner: JobRunner, lake: Lake, crawler: Crawler, lake_totals: LakeTotals
) -> Iterator[MaterializeResult | AssetCheckResult]:
    period = context.partition_key
    outcome = job_runner.run(context, "silver_to_gold", {"BILLING_PERIOD": period, "LAKE_ROOT": lake.uri})
    extra = {}
    if outcome.succeeded:
        crawler.crawl()
        extra = {key: {"dagster/row_count": lake_totals.row_count("gold", name, period)} for name, key in GOLD.items()}
    yield from job_events(outcome, period, extra)
