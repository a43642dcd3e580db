"""Drivers: the keys whose cost on the day rose most over their own baseline."""

from __future__ import annotations

from datetime import date, timedelta

from sentinel_etl.anomalies.drivers import top_drivers

DAY = date(2024, 3, 20)
START = DAY - timedelta(days=28)


def flat(value: float, on_day: float) -> dict[date, float]:
    costs = {START + timedelta(days=i): value for i in range(28)}
    costs[DAY] = on_day
    return costs


def test_the_biggest_increases_per_dimension_come_first() -> None:
    breakdown = {
        "usage_type": {"BoxUsage:m5.large": flat(10, 90), "EBS:VolumeUsage": flat(5, 7), "DataTransfer": flat(3, 2)},
        "resource": {"i-1": flat(0, 50), "i-2": flat(10, 40), "i-3": flat(1, 2), "i-4": flat(1, 1.5)},
    }
    drivers = top_drivers(breakdown, DAY, START)
    usage = [d.key for d in drivers if d.dimension == "usage_type"]
    resources = [d.key for d in drivers if d.dimension == "resource"]
    assert usage == ["BoxUsage:m5.large", "EBS:VolumeUsage"]  # a decrease is not a driver
    assert resources == ["i-1", "i-2", "i-3"]  # three per dimension
    assert drivers[0].as_json() == {"dimension": "usage_type", "key": "BoxUsage:m5.large", "actual": 90.0,
                                    "expected": 10.0, "impact": 80.0}


def test_a_key_new_on_the_day_is_expected_at_zero() -> None:
    (driver,) = top_drivers({"region": {"eu-west-1": {DAY: 25.0}}}, DAY, START)
    assert driver.expected == 0 and driver.impact == 25.0
