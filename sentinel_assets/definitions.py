"""The `sentinel` code location: everything Dagster loads (workspace.yaml points here)."""

from __future__ import annotations

from pathlib import Path

from dagster import Definitions, in_process_executor

from sentinel.settings import Settings, get_settings
from sentinel_assets.assets.anomalies import cost_anomalies
from sentinel_assets.assets.gold import gold_tables
from sentinel_assets.assets.raw import billing_deliveries
from sentinel_assets.assets.silver import line_items
from sentinel_assets.checks import ASSET_CHECKS
from sentinel_assets.jobs import refresh_billing_period
from sentinel_assets.resources import build_resources
from sentinel_assets.schedules import daily_refresh
from sentinel_assets.sensors import new_deliveries


def build_definitions(settings: Settings | None = None, *, source: Path | None = None,
                      engine: str | None = None) -> Definitions:
    return Definitions(
        assets=[billing_deliveries, line_items, gold_tables, cost_anomalies],
        asset_checks=ASSET_CHECKS,
        jobs=[refresh_billing_period],
        schedules=[daily_refresh],
        sensors=[new_deliveries],
        resources=build_resources(settings or get_settings(), source=source, engine=engine),
        # Steps are a chain and the heavy work runs in the job scripts' own processes, so one process per
        # run (not one per step, each re-importing the code location) keeps Dagster's overhead small.
        executor=in_process_executor,
    )


defs = build_definitions()
