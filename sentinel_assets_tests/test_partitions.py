from __future__ import annotations

from datetime import datetime

import pytest

from sentinel_assets.partitions import billing_periods_def, period_of, periods_to_refresh, previous_period


def test_partition_keys_are_billing_periods_up_to_the_open_month() -> None:
    keys = billing_periods_def("2023-10").get_partition_keys(current_time=datetime(2024, 1, 3))
    assert keys == ["2023-10", "2023-11", "2023-12", "2024-01"]


@pytest.mark.parametrize(("moment", "expected"), [
    (datetime(2024, 10, 3), ["2024-09", "2024-10"]),
    (datetime(2024, 10, 15), ["2024-09", "2024-10"]),
    (datetime(2024, 10, 16), ["2024-10"]),
    (datetime(2024, 1, 1), ["2023-12", "2024-01"]),
])
def test_periods_to_refresh(moment: datetime, expected: list[str]) -> None:
    assert periods_to_refresh(moment) == expected


def test_period_helpers() -> None:
    assert period_of(datetime(2024, 3, 31)) == "2024-03"
    assert previous_period("2024-01") == "2023-12"
