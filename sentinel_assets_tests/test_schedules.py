"""The daily schedule: which periods are due, and only those with a delivery in the store."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from dagster import RunRequest, SkipReason, build_schedule_context

from sentinel.deliveries.landing import Landed
from sentinel_assets.interfaces import DeliveryRef, DeliveryStore, Lake
from sentinel_assets.local import LocalDeliveryStore
from sentinel_assets.schedules import daily_refresh
from sentinel_assets_tests.exports import SAMPLES


class PeriodsStore(DeliveryStore):
    """A store that has one delivery for each of `periods` (which periods are due is what is tested)."""

    periods: list[str]

    def describe(self) -> str:
        return "a test store"

    def fingerprint(self) -> str:
        return ",".join(self.periods)

    def current(self, period: str | None = None) -> list[DeliveryRef]:
        return [DeliveryRef(p, "cur", f"d-{p}", "2024-01-01T00:00:00Z") for p in self.periods
                if period in (None, p)]

    def land(self, period: str, lake: Lake) -> list[Landed]:
        raise NotImplementedError


EVERY_MONTH = [f"{y}-{m:02d}" for y in range(2017, 2026) for m in range(1, 13)]


def tick(moment: datetime, store: DeliveryStore) -> list[RunRequest] | SkipReason:
    result = daily_refresh(build_schedule_context(scheduled_execution_time=moment,
                                                  resources={"delivery_store": store}))
    assert isinstance(result, list | SkipReason)
    return result


def evaluate(moment: datetime, store: DeliveryStore | None = None) -> list[str]:
    result = tick(moment, store or PeriodsStore(periods=EVERY_MONTH))
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
    result = tick(datetime(2024, 10, 3, 6, tzinfo=UTC), PeriodsStore(periods=EVERY_MONTH))
    assert isinstance(result, list)
    assert [r.run_key for r in result] == ["daily-2024-10-03-2024-09", "daily-2024-10-03-2024-10"]


def test_no_period_before_the_first_billing_period() -> None:
    assert evaluate(datetime(2018, 1, 5, 6, tzinfo=UTC)) == ["2018-01"]  # 2017-12 is not a partition
    assert isinstance(tick(datetime(2017, 6, 20, tzinfo=UTC), PeriodsStore(periods=EVERY_MONTH)), SkipReason)


def test_a_period_without_a_delivery_is_not_requested(tmp_path: Path) -> None:
    # A real store: the FOCUS sample holds 2024-09 and 2024-10.
    shutil.copy2(SAMPLES / "focus-1.0-sample.csv", tmp_path / "focus.csv")
    store = LocalDeliveryStore(root=str(tmp_path))
    assert evaluate(datetime(2024, 10, 3, 6, tzinfo=UTC), store) == ["2024-09", "2024-10"]
    assert evaluate(datetime(2024, 11, 2, 6, tzinfo=UTC), store) == ["2024-10"]  # November not delivered yet
    skipped = tick(datetime(2024, 12, 1, 6, tzinfo=UTC), store)  # the new month, before AWS delivers it
    assert isinstance(skipped, SkipReason) and "no delivery yet for 2024-11, 2024-12" in (skipped.skip_message or "")
