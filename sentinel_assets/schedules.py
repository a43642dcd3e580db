"""A daily refresh of the open billing period, and of the previous one while AWS may restate it."""

# No `from __future__ import annotations` here: Dagster reads these functions' annotations at runtime.

from datetime import UTC, datetime

from dagster import DefaultScheduleStatus, RunRequest, ScheduleEvaluationContext, SkipReason, schedule

from sentinel_assets.jobs import refresh_billing_period
from sentinel_assets.partitions import billing_periods, periods_to_refresh


@schedule(
    job=refresh_billing_period,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=DefaultScheduleStatus.RUNNING,
    description="Daily: the open billing period, plus the previous one during the first 15 days of a month.",
)
def daily_refresh(context: ScheduleEvaluationContext) -> list[RunRequest] | SkipReason:
    moment = context.scheduled_execution_time or datetime.now(UTC)
    known = set(billing_periods.get_partition_keys(current_time=moment))
    periods = [p for p in periods_to_refresh(moment) if p in known]
    if not periods:
        return SkipReason(f"no billing period to refresh on {moment:%Y-%m-%d}")
    return [
        RunRequest(partition_key=period, run_key=f"daily-{moment:%Y-%m-%d}-{period}",
                   tags={"sentinel/trigger": "daily_refresh"})
        for period in periods
    ]
