"""Watch the delivery store: a new or changed delivery requests a run for exactly its billing period.

The cursor holds the store's fingerprint (nothing changed: no work) and the current delivery id of every
export and period; `run_key` names the deliveries, so Dagster processes a delivery once even if the
cursor is reset. A delivery some other run already built to gold (`sentinel demo`, `sentinel run`, a
materialization from the UI) is not requested again: the instance's materializations say so, so the first
tick after a demo is quiet.
"""

# No `from __future__ import annotations` here: Dagster reads these functions' annotations at runtime.

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Self

from dagster import (
    AssetKey,
    AssetRecordsFilter,
    DagsterInstance,
    DefaultSensorStatus,
    EventLogRecord,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from sentinel_assets.interfaces import DeliveryRef, DeliveryStore
from sentinel_assets.jobs import refresh_billing_period
from sentinel_assets.keys import GOLD, RAW_DELIVERIES
from sentinel_assets.partitions import billing_periods


@dataclass
class StoreCursor:
    fingerprint: str = ""
    current: dict[str, str] = field(default_factory=dict)  # "period|export" → delivery id

    @classmethod
    def parse(cls, text: str | None) -> Self:
        if not text:
            return cls()
        data = json.loads(text)
        return cls(str(data.get("fingerprint", "")), dict(data.get("current", {})))

    def dump(self) -> str:
        return json.dumps({"fingerprint": self.fingerprint, "current": self.current}, sort_keys=True)


def _latest(instance: DagsterInstance, key: AssetKey, period: str) -> EventLogRecord | None:
    records = instance.fetch_materializations(AssetRecordsFilter(asset_key=key, asset_partitions=[period]), limit=1)
    return records.records[0] if records.records else None


def built_deliveries(instance: DagsterInstance, period: str) -> set[str]:
    """The deliveries of the period's latest landing, when gold was built after it (else none)."""
    raw = _latest(instance, RAW_DELIVERIES, period)
    gold = _latest(instance, GOLD["period_summary"], period)  # the last table the gold job publishes
    if raw is None or gold is None or gold.storage_id < raw.storage_id or raw.asset_materialization is None:
        return set()
    ids = raw.asset_materialization.metadata.get("delivery_ids")
    return {str(i) for i in ids.value} if ids is not None and isinstance(ids.value, list) else set()


def run_requests(changed: list[DeliveryRef]) -> list[RunRequest]:
    by_period: dict[str, list[DeliveryRef]] = defaultdict(list)
    for ref in changed:
        by_period[ref.billing_period].append(ref)
    return [
        RunRequest(
            partition_key=period,
            run_key=f"{period}:" + "+".join(sorted(f"{r.export_name}={r.delivery_id}" for r in refs)),
            tags={"sentinel/trigger": "new_delivery",
                  "sentinel/deliveries": ",".join(sorted(r.delivery_id for r in refs))[:200]},
        )
        for period, refs in sorted(by_period.items())
    ]


@sensor(
    job=refresh_billing_period,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.RUNNING,
    description="A new or restated delivery (manifest) in the delivery store → refresh its billing period.",
)
def new_deliveries(context: SensorEvaluationContext, delivery_store: DeliveryStore) -> SensorResult | SkipReason:
    cursor = StoreCursor.parse(context.cursor)
    fingerprint = delivery_store.fingerprint()
    if fingerprint == cursor.fingerprint:
        return SkipReason("the delivery store has not changed")
    current = delivery_store.current()
    known = set(billing_periods.get_partition_keys())
    changed = [ref for ref in current if cursor.current.get(ref.slot) != ref.delivery_id]
    built = {period: built_deliveries(context.instance, period) for period in {r.billing_period for r in changed}}
    changed = [ref for ref in changed if ref.delivery_id not in built[ref.billing_period]]
    outside = sorted({ref.billing_period for ref in changed if ref.billing_period not in known})
    if outside:
        context.log.warning(f"deliveries for billing periods outside the partitions, ignored: {', '.join(outside)} "
                            "(see SENTINEL_FIRST_BILLING_PERIOD)")
    next_cursor = StoreCursor(fingerprint, {ref.slot: ref.delivery_id for ref in current}).dump()
    requests = run_requests([ref for ref in changed if ref.billing_period in known])
    if not requests:
        return SensorResult(skip_reason=SkipReason("no new delivery"), cursor=next_cursor)
    return SensorResult(run_requests=requests, cursor=next_cursor)
