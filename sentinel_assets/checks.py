"""Asset checks, per billing period.

- Pandera and reconciliation checks run inside the job scripts and come back through Pipes: they are
  declared here as blocking specs on the silver and gold assets (a failure stops the period, and the job
  has not published, so the last good partition stays).
- `money_conserved`: raw, silver and gold agree to the cent across the layers, with silver and gold read back
  from the lake by the query engine (the jobs only ever compare neighbouring layers).
- `delivery_fresh`: the open period's newest delivery is recent enough (WARN: AWS may simply be late).
"""

# No `from __future__ import annotations` here: Dagster reads these functions' annotations at runtime.

from datetime import UTC, datetime
from typing import Any

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetKey,
    AssetRecordsFilter,
    DagsterInstance,
    TextMetadataValue,
    asset_check,
)
from sentinel_etl.delivery_record import DeliveryRecord
from sentinel_etl.money import MoneyTotals, differences

from sentinel_assets.interfaces import BillingPolicy, Lake, LakeTotals
from sentinel_assets.keys import GOLD, GOLD_ANOMALIES, RAW_DELIVERIES, SILVER_LINE_ITEMS
from sentinel_assets.partitions import billing_periods, period_of

PANDERA = "pandera_schema"
RAW_TOTALS = "raw_totals"  # silver metadata: the job's sums of the raw files it read
_PANDERA_DOC = "Pandera schema of the newly written partition (types, nulls, allowed values), checked in the job."


def _spec(asset: AssetKey, name: str, description: str, *, blocking: bool = True) -> AssetCheckSpec:
    return AssetCheckSpec(name, asset=asset, description=description, blocking=blocking, partitions_def=billing_periods)


SILVER_CHECKS = [
    _spec(SILVER_LINE_ITEMS, "reconciles_with_raw",
          "Rows and unblended, amortized and public cost of silver equal the raw files' own sums, to the cent."),
    _spec(SILVER_LINE_ITEMS, PANDERA, _PANDERA_DOC),
    _spec(SILVER_LINE_ITEMS, "line_items_unique",
          "Every bill (provider and payer) comes from one delivery, and no line item (delivery, file, line item id, "
          "time interval) appears twice."),
    _spec(SILVER_LINE_ITEMS, "exports_agree",
          "Where several exports carry one bill (silver takes one of them), their billed totals agree to the cent; "
          "both are shown. Not blocking: it verifies a migration before the old export is switched off.",
          blocking=False),
]

ANOMALY_CHECKS = [_spec(GOLD_ANOMALIES, PANDERA, _PANDERA_DOC)]

# the tables whose rows partition silver's rows also reconcile with it (cost_by_tag_daily counts an item per tag)
GOLD_CHECKS = [
    spec
    for name, key in GOLD.items()
    for spec in [
        _spec(key, PANDERA, _PANDERA_DOC),
        *([_spec(key, "reconciles_with_silver", "Sums and line item count equal silver's, to the cent.")]
          if name != "cost_by_tag_daily" else []),
    ]
]


@asset_check(
    asset=GOLD["period_summary"],
    name="money_conserved",
    blocking=True,
    partitions_def=billing_periods,
    additional_deps=[RAW_DELIVERIES, SILVER_LINE_ITEMS, GOLD["cost_daily"], GOLD["cost_monthly"]],
    description=(
        "Raw, silver and gold agree to the cent for the period (line items; unblended, amortized and public "
        "cost): the raw sums the raw_to_silver job took of the delivered files for the published silver "
        "version (re-read from the raw files when there are none), and silver, gold.period_summary, "
        "gold.cost_daily and gold.cost_monthly read back from the lake with the query engine."
    ),
)
def money_conserved(context: AssetCheckExecutionContext, lake: Lake, lake_totals: LakeTotals) -> AssetCheckResult:
    period = context.partition_key
    return reconcile(period, lake, lake_totals, recorded_raw_totals(context.instance, lake, period))


def recorded_raw_totals(instance: DagsterInstance, lake: Lake, period: str) -> MoneyTotals | None:
    """The raw sums recorded with the published silver version, if Dagster built it."""
    version = lake.published_version("silver", "line_items", period)
    records = instance.fetch_materializations(
        AssetRecordsFilter(asset_key=SILVER_LINE_ITEMS, asset_partitions=[period]), limit=10).records
    for record in records:
        metadata = record.asset_materialization.metadata if record.asset_materialization else {}
        if version and metadata.get("version") == TextMetadataValue(version) and RAW_TOTALS in metadata:
            raw: Any = metadata[RAW_TOTALS].value
            return MoneyTotals.from_dict(raw)
    return None


def reconcile(period: str, lake: Lake, lake_totals: LakeTotals, raw: MoneyTotals | None = None) -> AssetCheckResult:
    """Compare raw (recorded, else re-read from the delivered files) with silver, and silver with gold."""
    silver = lake_totals.totals("silver", "line_items", period)
    if silver is None:
        return AssetCheckResult(passed=False, metadata={"problems": [f"silver has no partition {period}"]})
    delivery_ids = lake_totals.distinct("silver", "line_items", period, "delivery_id")
    source = "recorded by raw_to_silver for the published silver version"
    if raw is None:
        raw, source = lake_totals.raw_totals(lake, period, delivery_ids), "re-read from the raw files"
    problems = differences(raw, silver, "silver vs raw:")
    figures = {"raw": raw.as_dict(), "silver": silver.as_dict()}
    for table in ("period_summary", "cost_daily", "cost_monthly"):
        gold = lake_totals.totals("gold", table, period)
        if gold is None:
            problems.append(f"gold.{table} has no partition {period}")
            continue
        figures[f"gold.{table}"] = gold.as_dict()
        problems += differences(silver, gold, f"gold.{table} vs silver:")
    return AssetCheckResult(
        passed=not problems,
        metadata={"billing_period": period, "delivery_ids": delivery_ids, "raw_totals": source,
                  "totals": figures, "problems": problems},
    )


def freshness(records: list[DeliveryRecord], period: str, now: datetime, expected_hours: int) -> AssetCheckResult:
    """Only the open period is expected to keep receiving deliveries; closed ones always pass."""
    if period != period_of(now):
        return AssetCheckResult(passed=True, metadata={"applies": False, "reason": "closed billing period"})
    if not records:
        return AssetCheckResult(passed=False, severity=AssetCheckSeverity.WARN,
                                metadata={"applies": True, "reason": "no delivery yet for the open period"})
    newest = max(r.delivered_at for r in records)
    age = (now - datetime.strptime(newest, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)).total_seconds() / 3600
    return AssetCheckResult(
        passed=age <= expected_hours,
        severity=AssetCheckSeverity.WARN,
        metadata={"applies": True, "newest_delivered_at": newest, "age_hours": round(age, 1),
                  "expected_within_hours": expected_hours},
    )


@asset_check(
    asset=RAW_DELIVERIES,
    name="delivery_fresh",
    partitions_def=billing_periods,
    description=(
        "The open billing period's newest delivery is no older than SENTINEL_EXPECTED_DELIVERY_HOURS "
        "(AWS refreshes the open month up to three times a day). WARN only; closed periods pass."
    ),
)
def delivery_fresh(context: AssetCheckExecutionContext, lake: Lake, policy: BillingPolicy) -> AssetCheckResult:
    period = context.partition_key
    return freshness(lake.records(period), period, datetime.now(UTC), policy.expected_delivery_hours)


ASSET_CHECKS = [money_conserved, delivery_fresh]
