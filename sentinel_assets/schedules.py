"""A daily refresh of the open billing period, and of the previous one while AWS may restate it.

Only periods the delivery store has a delivery for are requested: on the 1st of a month the new period
has no data yet (AWS delivers within a day), and a run for it could only fail.
"""

# No `from __future__ import annotations` here: Dagster reads these functions' annotations at runtime.

from datetime import UTC, datetime

from dagster import DefaultScheduleStatus, RunRequest, ScheduleEvaluationContext, SkipReason, schedule

from sentinel_assets.interfaces import DeliveryStore
from sentinel_assets.jobs import refresh_billing_period
from sentinel_assets.partitions import billing_periods, periods_to_refresh


@schedule(
    job=refresh_billing_period,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Daily: the open billing period, plus the previous one during the first 15 days of a month, "
    "each once the delivery store has a delivery for it.",
)
def daily_refresh(context: ScheduleEvaluationContext, delivery_store: DeliveryStore) -> list[RunRequest] | SkipReason:
    moment = context.scheduled_execution_time or datetime.now(UTC)
    known = set(billing_periods.get_partition_keys(current_time=moment))
    due = [p for p in periods_to_refresh(moment) if p in known]
    if not due:
        return SkipReason(f"no billing period to refresh on {moment:%Y-%m-%d}")
    periods = [p for p in due if delivery_store.current(p)]
    if not periods:
        return SkipReason(f"no delivery yet for {', '.join(due)} in {delivery_store.describe()}")
    waiting = sorted(set(due) - set(periods))
    if waiting:
        context.log.info(f"no delivery yet for {', '.join(waiting)}: not requested")
    return [
        RunRequest(partition_key=period, run_key=f"daily-{moment:%Y-%m-%d}-{period}",
                   tags={"sentinel/trigger": "daily_refresh"})
        for period in periods
    ]
