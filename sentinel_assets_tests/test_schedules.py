from __future__ import annotations

from datetime import UTC, datetime

import pytest
from dagster import RunRequest, SkipReason, build_schedule_context

from sentinel_assets.schedules import daily_refresh


def evaluate(moment: datetime) -> list[str]:
    result = daily_refresh(build_schedule_context(scheduled_execution_time=moment))
    assert isinstance(result, list) and all(isinstance(r, RunRequest) for r in result)
    return [r.partition_key for r in result if r.partition_key]


@pytest.mark.parametrize(("moment", "periods"), [
    (datetime(2024, 10, 3, 6, tzinfo=UTC), ["2024-09", "2024-10"]),  # AWS may still restate September
    (datetime(2024, 10, 20, 6, tzinfo=UTC), ["2024-10"]),
    (datetime(2025, 1, 2, 6, tzinfo=UTC), ["2024-12", "2025-01"]),
])
def test_daily_refresh_requests_the_open_period_and_early_in_the_month_the_previous(
        moment: datetime, periods: list[str]) -> None:
    assert evaluate(moment) == periods


def test_run_keys_are_per_day_and_period() -> None:
    result = daily_refresh(build_schedule_context(scheduled_execution_time=datetime(2024, 10, 3, 6, tzinfo=UTC)))
    assert isinstance(result, list)
    assert [r.run_key for r in result] == ["daily-2024-10-03-2024-09", "daily-2024-10-03-2024-10"]


def test_no_period_before_the_first_billing_period() -> None:
    assert evaluate(datetime(2018, 1, 5, 6, tzinfo=UTC)) == ["2018-01"]  # 2017-12 is not a partition
    skipped = daily_refresh(build_schedule_context(scheduled_execution_time=datetime(2017, 6, 20, tzinfo=UTC)))
    assert isinstance(skipped, SkipReason)
