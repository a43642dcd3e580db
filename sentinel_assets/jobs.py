"""One job: refresh a billing period end to end (raw → silver → gold, with every check)."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job

from sentinel_assets.partitions import billing_periods

REFRESH_JOB = "refresh_billing_period"

refresh_billing_period = define_asset_job(
    REFRESH_JOB,
    selection=AssetSelection.groups("raw", "silver", "gold"),  # their checks come along
    partitions_def=billing_periods,
    description="Land the period's current deliveries in raw, then rebuild silver and gold for it.",
)
