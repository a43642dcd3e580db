"""What `sentinel status` reports per billing period: deliveries, the last run, materialization and checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from dagster import (
    AssetCheckEvaluation,
    AssetCheckKey,
    AssetCheckSeverity,
    AssetRecordsFilter,
    DagsterEventType,
    DagsterInstance,
    RunsFilter,
)

from sentinel_assets.interfaces import DeliveryRef, Lake
from sentinel_assets.keys import GOLD, RAW_DELIVERIES, SILVER_LINE_ITEMS
from sentinel_assets.run_metadata import datasets_set_aside_notes, set_aside_notes

RECENT_RUNS = 20  # runs of a period searched for its checks' latest results


@dataclass
class PeriodStatus:
    period: str
    deliveries: int = 0  # landed in raw
    latest_delivery: str | None = None
    latest_delivered_at: str | None = None
    waiting: list[str] = field(default_factory=list)  # in the delivery store, not landed yet
    last_run: str | None = None  # status of the period's latest Dagster run
    materialized_at: str | None = None  # gold.period_summary's last materialization
    checks_passed: int = 0
    checks_failed: list[str] = field(default_factory=list)
    checks_warned: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # deliveries validation refused, with the reason
    set_aside: list[str] = field(default_factory=list)  # exports of a bill silver did not count, and why


def period_statuses(instance: DagsterInstance, lake: Lake, check_keys: list[AssetCheckKey],
                    store: list[DeliveryRef] | None = None) -> list[PeriodStatus]:
    materialized = set(instance.get_materialized_partitions(SILVER_LINE_ITEMS))
    periods = sorted(set(lake.periods()) | materialized | {ref.billing_period for ref in store or []})
    return [_status(instance, lake, check_keys, store or [], period) for period in periods]


def _status(instance: DagsterInstance, lake: Lake, check_keys: list[AssetCheckKey], store: list[DeliveryRef],
            period: str) -> PeriodStatus:
    status = PeriodStatus(period)
    records = lake.records(period)
    landed = {r.delivery_id for r in records}
    status.deliveries = len(records)
    status.rejected = [f"{r.export_name}/{r.delivery_id}: {r.rejected}" for r in records if r.rejected]
    if records:
        newest = max(records, key=lambda r: r.arrival)
        status.latest_delivery, status.latest_delivered_at = newest.delivery_id, newest.delivered_at
    status.waiting = [ref.delivery_id for ref in store if ref.billing_period == period and ref.delivery_id not in landed]
    runs = instance.get_run_records(RunsFilter(tags={"dagster/partition": period}), limit=1)
    status.last_run = runs[0].dagster_run.status.value if runs else None
    status.set_aside = _set_aside(instance, period)
    events = instance.fetch_materializations(
        AssetRecordsFilter(asset_key=GOLD["period_summary"], asset_partitions=[period]), limit=1).records
    if events:
        status.materialized_at = datetime.fromtimestamp(events[0].timestamp, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    for key, evaluation in sorted(latest_checks(instance, period, check_keys).items(),
                                  key=lambda item: item[0].to_user_string()):
        name = f"{key.asset_key.to_user_string()}:{key.name}"
        if evaluation.passed:
            status.checks_passed += 1
        elif evaluation.severity == AssetCheckSeverity.WARN:
            status.checks_warned.append(name)
        else:
            status.checks_failed.append(name)
    return status



def latest_checks(instance: DagsterInstance, period: str,
                   check_keys: list[AssetCheckKey]) -> dict[AssetCheckKey, AssetCheckEvaluation]:
    """Each check's latest evaluation for the period, from its recent runs (newest first): a run that
    stopped before a check leaves that check's previous result standing."""
    wanted = set(check_keys)
    latest: dict[AssetCheckKey, AssetCheckEvaluation] = {}
    for run in instance.get_run_records(RunsFilter(tags={"dagster/partition": period}), limit=RECENT_RUNS):
        for entry in instance.all_logs(run.dagster_run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION):
            evaluation = entry.asset_check_evaluation
            if evaluation is not None and evaluation.asset_check_key in wanted:
                latest.setdefault(evaluation.asset_check_key, evaluation)
        if len(latest) == len(wanted):
            break
    return latest


def _set_aside(instance: DagsterInstance, period: str) -> list[str]:
    """From the period's latest materializations: exports of a bill not counted, other datasets skipped."""
    notes = []
    for key, read in ((RAW_DELIVERIES, datasets_set_aside_notes), (SILVER_LINE_ITEMS, set_aside_notes)):
        events = instance.fetch_materializations(
            AssetRecordsFilter(asset_key=key, asset_partitions=[period]), limit=1).records
        materialization = events[0].asset_materialization if events else None
        if materialization is not None:
            notes.extend(read(materialization.metadata))
    return notes
