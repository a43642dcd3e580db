"""Asset keys by layer, and who owns the tables (one place, so checks, sensors and tests agree)."""

from __future__ import annotations

from dagster import AssetKey

RAW_DELIVERIES = AssetKey(["raw", "billing_deliveries"])
SILVER_LINE_ITEMS = AssetKey(["silver", "line_items"])
GOLD_TABLE_NAMES = ("cost_daily", "cost_monthly", "cost_by_tag_daily", "period_summary")
GOLD = {name: AssetKey(["gold", name]) for name in GOLD_TABLE_NAMES}
GOLD_ANOMALIES = AssetKey(["gold", "cost_anomalies"])  # built on gold by its own job (assets/anomalies.py)

OWNERS = ["team:finops"]

# How a run of a period without any delivery reports it (the raw step's log; `sentinel run` reads it).
NO_DELIVERY = "no delivery"

# No backfill policy on the assets: Dagster's default backfills one run per partition, which is what the
# job scripts want (one billing period per invocation; each period succeeds, fails, retries on its own).
